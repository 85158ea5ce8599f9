/** Texts of the organiser and administrator pages; this module is part of their lazily loaded chunk. */
import { useI18n } from '.';
import { organiserEn } from './organiser-en';
import { type OrganiserMessages, organiserFi } from './organiser-fi';
import { organiserSv } from './organiser-sv';

const messages = { fi: organiserFi, sv: organiserSv, en: organiserEn };

export type { OrganiserMessages };

export function useOrganiserText(): OrganiserMessages {
  return messages[useI18n().language];
}

export { fill } from '.';
