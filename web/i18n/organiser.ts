/** Texts of the organiser and administrator pages; this module is part of their lazily loaded chunk. */
import { type Language, useI18n } from '.';
import { organiserEn } from './organiser-en';
import { type OrganiserMessages, organiserFi } from './organiser-fi';
import { organiserSv } from './organiser-sv';

const messages = { fi: organiserFi, sv: organiserSv, en: organiserEn };

export type { OrganiserMessages };

export function useOrganiserText(): OrganiserMessages {
  return messages[useI18n().language];
}

/** The texts of a language, where no hook can be used (an event handler). */
export function organiserText(language: Language): OrganiserMessages {
  return messages[language];
}

export { fill } from '.';
