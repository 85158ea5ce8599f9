/** The languages of the UI, the feeds and texts: Finnish, Swedish, English. No zod here: the public pages import it. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
