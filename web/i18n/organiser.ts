/** Texts of the organiser and administrator pages; this module is part of their lazily loaded chunk, the texts are not (./organiser-texts.ts). */
import { type Language, useI18n } from '.';
import type { OrganiserMessages } from './organiser-fi';
import { loadOrganiserText, loadedOrganiserText } from './organiser-texts';

export type { OrganiserMessages };

/**
 * The texts of the page's language. They are fetched before an organiser
 * page is first shown (app.tsx) and before a language switch shows
 * (useLanguageWithTexts); a page opened without them suspends: preact-iso's
 * Router keeps what it showed until the promise thrown here settles, as it
 * does for a lazily loaded page, then renders again.
 */
export function useOrganiserText(): OrganiserMessages {
  const { language } = useI18n();
  const texts = loadedOrganiserText(language);
  if (!texts) throw loadOrganiserText(language);
  return texts;
}

/** The texts of a language if they are fetched, where no hook can be used (outside a component's render). */
export function organiserText(language: Language): OrganiserMessages | undefined {
  return loadedOrganiserText(language);
}

export { fill } from '.';
