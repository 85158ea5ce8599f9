/**
 * Sources of clock items. An item's source is a document whose text says
 * what the item is based on, or "established practice" where no text was
 * checked; that one is stored in Finnish and shown in the reader's language.
 */
import type { Language } from './languages';

export const ESTABLISHED_PRACTICE = 'Vakiintunut käytäntö';

const ESTABLISHED_PRACTICE_NAMES = { fi: ESTABLISHED_PRACTICE, sv: 'Vedertagen praxis', en: 'Established practice' } as const;

/** A source as a reader of `language` sees it: `sourceText('Vakiintunut käytäntö', 'sv')` is 'Vedertagen praxis'. */
export function sourceText(source: string, language: Language): string {
  return source === ESTABLISHED_PRACTICE ? ESTABLISHED_PRACTICE_NAMES[language] : source;
}
