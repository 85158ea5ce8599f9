// Fixture files imported as text (Vite's `?raw`), e.g. test/fixtures/import/*.ics.
declare module '*?raw' {
  const text: string;
  export default text;
}
