/** The languages of the UI, the feeds and texts: Finnish, Swedish, English. No zod here: the public pages import it. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The language a page is read in: `lang` when it is one of ours, else
 * Finnish. For pages people open (the UI, event pages, the privacy page),
 * where a stray `?lang=` should show the page, not an error; the API and
 * the feeds refuse an unknown language instead.
 */
export function pageLanguageOf(lang: string | null | undefined): Language {
  return (LANGUAGES as readonly (string | null | undefined)[]).includes(lang) ? (lang as Language) : 'fi';
}
