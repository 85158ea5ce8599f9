/**
 * The organiser pages' texts, fetched one language at a time: each
 * language is a chunk of its own (about 7 KB gzipped). Kept out of the
 * organiser chunk so that app.tsx can fetch the texts of the page's
 * language alongside it, and hold a language switch until they are here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '.';
import type { OrganiserMessages } from './organiser-fi';

const imports: Record<Language, () => Promise<OrganiserMessages>> = {
  fi: () => import('./organiser-fi').then((module) => module.organiserFi),
  sv: () => import('./organiser-sv').then((module) => module.organiserSv),
  en: () => import('./organiser-en').then((module) => module.organiserEn),
};

const loaded: Partial<Record<Language, OrganiserMessages>> = {};
const loading: Partial<Record<Language, Promise<OrganiserMessages>>> = {};

/** The texts of `language`, fetched once; a failed fetch is tried again at the next call. */
export function loadOrganiserText(language: Language): Promise<OrganiserMessages> {
  loading[language] ??= imports[language]().then(
    (texts) => (loaded[language] = texts),
    (error: unknown) => {
      delete loading[language];
      throw error;
    },
  );
  return loading[language];
}

/** The texts of `language` if they have been fetched. */
export function loadedOrganiserText(language: Language): OrganiserMessages | undefined {
  return loaded[language];
}

/**
 * The language to show the pages in: `language`, except while the
 * organiser pages are in use (some of their texts are fetched) and its
 * organiser texts are still on their way; then the language shown before,
 * until they arrive. A page being opened can wait for its texts (it
 * suspends, see ./organiser.ts), but one on screen cannot: when the
 * language changes its components render again each on their own, and a
 * promise thrown there reaches no Router.
 */
export function useLanguageWithTexts(language: Language): Language {
  const shown = useRef(language);
  const [, setArrivals] = useState(0);
  const waiting = Object.keys(loaded).length > 0 && !loaded[language];
  useEffect(() => {
    if (!waiting) return;
    let current = true;
    // Should they not come, the page stays in the language it was in; the next switch tries again.
    loadOrganiserText(language).then(() => current && setArrivals((count) => count + 1), () => undefined);
    return () => {
      current = false;
    };
  }, [language, waiting]);
  if (!waiting) shown.current = language;
  return shown.current;
}
