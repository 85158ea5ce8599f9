/** The UI's language: messages, Intl formatting, and the language kept in the URL. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { fi, type Messages } from './fi';
import { sv } from './sv';

export type Language = 'fi' | 'sv' | 'en';
export const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
export const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

const messages: Record<Language, Messages> = { fi, sv, en };
const locales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const HELSINKI = 'Europe/Helsinki';

export function languageOf(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'sv' || lang === 'en' ? lang : 'fi';
}

export interface I18n {
  language: Language;
  t: Messages;
  /** A text of the data in this language, Finnish when it has none. */
  pick: (text: { fi: string; sv: string | null; en: string | null }) => string;
  /** "ti 6.10.2026" */
  date: (value: Date | string, timeZone?: string) => string;
  /** "9.00" */
  time: (value: Date | string, timeZone?: string) => string;
  /** "lokakuu 2026" */
  month: (year: number, month: number) => string;
  /** "loka" */
  monthShort: (month: number) => string;
  /** "1.9.2030" of 'YYYY-MM-DD' */
  day: (date: string) => string;
  weekdays: string[];
}

export function makeI18n(language: Language): I18n {
  const locale = locales[language];
  const toDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);
  const dateFormat = (timeZone: string) => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone });
  const timeFormat = (timeZone: string) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  const monday = Date.UTC(2024, 0, 1);
  return {
    language,
    t: messages[language],
    pick: (text) => text[language] ?? text.fi,
    date: (value, timeZone = HELSINKI) => dateFormat(timeZone).format(toDate(value)),
    time: (value, timeZone = HELSINKI) => timeFormat(timeZone).format(toDate(value)),
    month: (year, month) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15))),
    monthShort: (month) => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 15))).replace(/\.$/, ''),
    day: (date) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`)),
    weekdays: Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(monday + i * 86400000))),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('fi'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A path with the language kept: '/events/x' → '/events/x?lang=sv'. */
export function withLanguage(path: string, language: Language): string {
  if (language === 'fi') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
}

/**
 * When an occurrence happens, in Finnish time unless another zone is given:
 * "ti 6.10.2026 klo 9.00–12.00", or "ke 25.11.2026 – to 26.11.2026" for all-day.
 */
export function formatWhen(i18n: I18n, start: string, end: string, allDay: boolean, timeZone = HELSINKI): string {
  const at = i18n.t.at ? `${i18n.t.at} ` : '';
  if (allDay) {
    const day = (date: string) => i18n.date(`${date}T12:00:00Z`, 'UTC');
    return start === end ? day(start) : `${day(start)} – ${day(end)}`;
  }
  const startDay = i18n.date(start, timeZone);
  const endDay = i18n.date(end, timeZone);
  return startDay === endDay
    ? `${startDay} ${at}${i18n.time(start, timeZone)}–${i18n.time(end, timeZone)}`
    : `${startDay} ${at}${i18n.time(start, timeZone)} – ${endDay} ${at}${i18n.time(end, timeZone)}`;
}
