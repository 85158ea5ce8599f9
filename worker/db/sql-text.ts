/** A text as an SQL string literal, for SQL that commands hand to `wrangler d1 execute` (no binding there). */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;
