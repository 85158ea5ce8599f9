/** The UI's language: messages, Intl formatting, and the language kept in the URL. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { fi, type Messages } from './fi';
import { sv } from './sv';
import { HELSINKI, type WallClock, dateTimeFormat, wallClock } from '../intl';
import { LANGUAGES, type Language, pageLanguageOf } from '../../worker/shared/languages';
import type { Localized } from '../../worker/shared/text';

export { LANGUAGES, type Language };
export const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

const messages: Record<Language, Messages> = { fi, sv, en };
const locales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export { HELSINKI };

export function languageOf(search: string): Language {
  return pageLanguageOf(new URLSearchParams(search).get('lang'));
}

/** 'Hello {name}' with { name: 'Aino' } → 'Hello Aino'. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A text with a count in the form the count needs: `counted({ one: '{count} event', other: '{count} events' }, 1)` → "1 event". */
export interface Counted {
  one: string;
  other: string;
}
// Finnish, Swedish and English have the same two CLDR plural forms (one for exactly 1, other for the rest),
// so Intl.PluralRules, whose first use loads locale data (see ../intl), is not needed.
export function counted(forms: Counted, count: number): string {
  return fill(count === 1 ? forms.one : forms.other, { count });
}

export interface I18n {
  language: Language;
  t: Messages;
  /** A text of the data in this language, Finnish when it has none. */
  pick: (text: Localized) => string;
  /** 'fi' when `pick(text)` falls back to Finnish on a page in another language, for a `lang` attribute (WCAG 3.1.2). */
  langOf: (text: Localized) => 'fi' | undefined;
  /** "ti 6.10.2026" */
  date: (value: Date | string, timeZone?: string) => string;
  /** "9.00" */
  time: (value: Date | string, timeZone?: string) => string;
  /** "ti 6.10.2026 9.00", in Finnish time: when something happened or expires */
  dateTime: (value: Date | string) => string;
  /** "lokakuu 2026" */
  month: (year: number, month: number) => string;
  /** "loka" */
  monthShort: (month: number) => string;
  /** "1.9.2030" of 'YYYY-MM-DD' */
  day: (date: string) => string;
  /** A clock item's span of months by name: "helmi–kesäkuu", "15. huhtikuuta – 31. toukokuuta" (a missing day is the whole month) */
  monthSpan: (span: { startMonth: number; startDay: number | null; endMonth: number; endDay: number | null }) => string;
  weekdays: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Names and patterns of dates, as the CLDR data of fi-FI, sv-FI and en-GB
 * has them ("ti 6.10.2026", "tis 6.10.2026", "Tue, 06/10/2026"), so that
 * Finnish time is written without Intl (see ../intl).
 */
type CalendarText = { weekdays: string[]; months: string[]; monthsShort: string[]; day: (c: WallClock) => string; time: (c: WallClock) => string; weekdaySeparator: string };

// Finnish and Swedish in Finland write dates and times alike: "6.10.2026", "9.00".
const FINNISH_PATTERNS: Pick<CalendarText, 'day' | 'time' | 'weekdaySeparator'> = {
  day: (c) => `${c.day}.${c.month}.${c.year}`,
  time: (c) => `${c.hour}.${pad(c.minute)}`,
  weekdaySeparator: ' ',
};

const CALENDAR: Record<Language, CalendarText> = {
  fi: {
    weekdays: ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'],
    months: ['tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu', 'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu'],
    monthsShort: ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'],
    ...FINNISH_PATTERNS,
  },
  sv: {
    weekdays: ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'],
    months: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
    monthsShort: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],
    ...FINNISH_PATTERNS,
  },
  en: {
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    day: (c) => `${pad(c.day)}/${pad(c.month)}/${c.year}`,
    time: (c) => `${c.hour}:${pad(c.minute)}`,
    weekdaySeparator: ', ',
  },
};

export function makeI18n(language: Language): I18n {
  const locale = locales[language];
  const calendar = CALENDAR[language];
  const epochOf = (value: Date | string) => (typeof value === 'string' ? Date.parse(value) : value.getTime());
  const date = (value: Date | string, timeZone = HELSINKI) => {
    const clock = wallClock(epochOf(value), timeZone);
    if (!clock) return dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone }).format(epochOf(value));
    return `${calendar.weekdays[clock.weekday]}${calendar.weekdaySeparator}${calendar.day(clock)}`;
  };
  const time = (value: Date | string, timeZone = HELSINKI) => {
    const clock = wallClock(epochOf(value), timeZone);
    return clock ? calendar.time(clock) : dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(epochOf(value));
  };
  return {
    language,
    t: messages[language],
    pick: (text) => text[language] ?? text.fi,
    langOf: (text) => (language !== 'fi' && text[language] === null ? 'fi' : undefined),
    date,
    time,
    dateTime: (value) => `${date(value)} ${time(value)}`,
    month: (year, month) => `${calendar.months[month - 1]} ${year}`,
    monthShort: (month) => calendar.monthsShort[month - 1]!,
    day: (value) => calendar.day(wallClock(Date.parse(`${value}T12:00:00Z`), 'UTC')!),
    monthSpan: ({ startMonth, startDay, endMonth, endDay }) => {
      const month = (m: number) => calendar.months[m - 1]!;
      if (startDay === null && endDay === null) {
        if (startMonth === endMonth) return month(startMonth);
        // Finnish joins a compound's shared tail once: "helmi–kesäkuu".
        return language === 'fi' ? `${calendar.monthsShort[startMonth - 1]}–${month(endMonth)}` : `${month(startMonth)}–${month(endMonth)}`;
      }
      // A day and its month: "15. huhtikuuta", "15 april", "15 April".
      const dayOf = (m: number, d: number) => (language === 'fi' ? `${d}. ${month(m)}ta` : `${d} ${month(m)}`);
      const side = (m: number, d: number | null) => (d === null ? month(m) : dayOf(m, d));
      return startMonth === endMonth && startDay === endDay ? side(startMonth, startDay) : `${side(startMonth, startDay)} – ${side(endMonth, endDay)}`;
    },
    weekdays: calendar.weekdays,
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
