/**
 * A recurrence rule in words, in Finnish, Swedish or English, and its next
 * dates, for organisers who should not have to read `FREQ=WEEKLY;BYDAY=WE`.
 * Libraries that say rules in words (rrule's toText) speak English only, so
 * the sentence is written here from the rule's parts. Rules with parts it
 * does not know (BYSETPOS, BYMONTH, …) get null: the caller shows the rule.
 */
import type { Language } from './i18n';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Rule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  /** Weekly: weekdays, 0 = Monday. */
  weekdays: number[];
  /** Monthly: the nth (1–4, or -1 for the last) weekday. */
  nth: { n: number; weekday: number } | null;
  monthDay: number | null;
  count: number | null;
  /** The last date, YYYY-MM-DD. */
  until: string | null;
}

/** The parts of a rule these sentences can say; null for any other rule. */
export function parseRule(rrule: string): Rule | null {
  const parts = new Map<string, string>();
  for (const part of rrule.trim().replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) return null;
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  if ([...parts.keys()].some((key) => !['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST'].includes(key))) return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  const untilText = parts.get('UNTIL');
  const until = untilText ? /^(\d{4})(\d{2})(\d{2})/.exec(untilText) : null;
  if (!Number.isInteger(interval) || interval < 1 || (count !== null && !(Number.isInteger(count) && count > 0)) || (untilText && !until)) return null;
  const rule: Rule = { freq, interval, weekdays: [], nth: null, monthDay: null, count, until: until ? `${until[1]}-${until[2]}-${until[3]}` : null };
  const byday = parts.get('BYDAY');
  const monthDay = parts.get('BYMONTHDAY');
  if (byday && freq === 'WEEKLY') {
    const days = byday.split(',').map((day) => DAYS.indexOf(day as (typeof DAYS)[number]));
    if (days.some((day) => day < 0)) return null;
    rule.weekdays = [...new Set(days)].sort();
  } else if (byday && freq === 'MONTHLY' && !monthDay) {
    const match = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
    if (!match) return null;
    rule.nth = { n: Number(match[1]), weekday: DAYS.indexOf(match[2] as (typeof DAYS)[number]) };
  } else if (byday) return null;
  if (monthDay) {
    if (freq !== 'MONTHLY' || !/^\d{1,2}$/.test(monthDay) || Number(monthDay) < 1 || Number(monthDay) > 31) return null;
    rule.monthDay = Number(monthDay);
  }
  return rule;
}

const WORDS = {
  fi: {
    weekdaysOn: ['maanantaisin', 'tiistaisin', 'keskiviikkoisin', 'torstaisin', 'perjantaisin', 'lauantaisin', 'sunnuntaisin'],
    weekdays: ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'],
    nth: { 1: 'ensimmäinen', 2: 'toinen', 3: 'kolmas', 4: 'neljäs', [-1]: 'viimeinen' } as Record<number, string>,
    and: 'ja',
    every: (interval: number, unit: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY') => {
      const noun = { DAILY: 'päivä', WEEKLY: 'viikko', MONTHLY: 'kuukausi', YEARLY: 'vuosi' }[unit];
      return interval === 1 ? `Joka ${noun}` : interval === 2 ? `Joka toinen ${noun}` : `Joka ${interval}. ${noun}`;
    },
    monthOf: (interval: number) => (interval === 1 ? 'Joka kuukauden' : interval === 2 ? 'Joka toisen kuukauden' : `Joka ${interval}. kuukauden`),
    nthWeekday: (interval: number, nth: string, weekday: string) => `${WORDS.fi.monthOf(interval)} ${nth} ${weekday}`,
    monthDay: (interval: number, day: number) => `${WORDS.fi.monthOf(interval)} ${day}. päivä`,
    count: (n: number) => (n === 1 ? 'kerran' : `${n} kertaa`),
    until: (date: string) => `${date} asti`,
    day: (y: number, m: number, d: number) => `${d}.${m}.${y}`,
  },
  sv: {
    weekdaysOn: ['måndagar', 'tisdagar', 'onsdagar', 'torsdagar', 'fredagar', 'lördagar', 'söndagar'],
    weekdays: ['måndagen', 'tisdagen', 'onsdagen', 'torsdagen', 'fredagen', 'lördagen', 'söndagen'],
    nth: { 1: 'första', 2: 'andra', 3: 'tredje', 4: 'fjärde', [-1]: 'sista' } as Record<number, string>,
    and: 'och',
    every: (interval: number, unit: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY') => {
      const noun = { DAILY: 'dag', WEEKLY: 'vecka', MONTHLY: 'månad', YEARLY: 'år' }[unit];
      return interval === 1 ? `Varje ${noun}` : interval === 2 ? `Var${unit === 'YEARLY' ? 'tannat' : 'annan'} ${noun}` : `Var ${interval}:e ${noun}`;
    },
    monthOf: (interval: number) => (interval === 1 ? 'varje månad' : interval === 2 ? 'varannan månad' : `var ${interval}:e månad`),
    nthWeekday: (interval: number, nth: string, weekday: string) => `Den ${nth} ${weekday} ${WORDS.sv.monthOf(interval)}`,
    monthDay: (interval: number, day: number) => `Den ${day} ${WORDS.sv.monthOf(interval)}`,
    count: (n: number) => (n === 1 ? 'en gång' : `${n} gånger`),
    until: (date: string) => `till och med ${date}`,
    day: (y: number, m: number, d: number) => `${d}.${m}.${y}`,
  },
  en: {
    weekdaysOn: ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'],
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    nth: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' } as Record<number, string>,
    and: 'and',
    every: (interval: number, unit: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY') => {
      const noun = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[unit];
      return interval === 1 ? `Every ${noun}` : interval === 2 ? `Every other ${noun}` : `Every ${interval} ${noun}s`;
    },
    monthOf: (interval: number) => (interval === 1 ? 'every month' : interval === 2 ? 'every other month' : `every ${interval} months`),
    nthWeekday: (interval: number, nth: string, weekday: string) => `On the ${nth} ${weekday} of ${WORDS.en.monthOf(interval)}`,
    monthDay: (interval: number, day: number) => `On day ${day} of ${WORDS.en.monthOf(interval)}`,
    count: (n: number) => (n === 1 ? 'once' : `${n} times`),
    until: (date: string) => `until ${date}`,
    day: (y: number, m: number, d: number) => `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`,
  },
};

function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/**
 * The rule as a sentence in the language; `startDate` (YYYY-MM-DD) gives the
 * weekday of a weekly rule without BYDAY. Null when the rule has parts the
 * sentence cannot say.
 *
 * @example describeRule('FREQ=WEEKLY;BYDAY=WE', 'fi', '2026-09-02') // 'Joka viikko keskiviikkoisin'
 */
export function describeRule(rrule: string, language: Language, startDate: string): string | null {
  const rule = parseRule(rrule);
  if (!rule) return null;
  const w = WORDS[language];
  let sentence: string;
  if (rule.freq === 'WEEKLY') {
    const days = rule.weekdays.length > 0 ? rule.weekdays : isDate(startDate) ? [weekdayOf(startDate)] : null;
    if (!days) return null;
    const on = list(days.map((day) => w.weekdaysOn[day]!), w.and);
    sentence = language === 'fi' ? `${w.every(rule.interval, 'WEEKLY')} ${on}` : language === 'sv' ? `${w.every(rule.interval, 'WEEKLY')} på ${on}` : `${w.every(rule.interval, 'WEEKLY')} on ${on}`;
  } else if (rule.freq === 'MONTHLY' && rule.nth) {
    sentence = w.nthWeekday(rule.interval, w.nth[rule.nth.n]!, w.weekdays[rule.nth.weekday]!);
  } else if (rule.freq === 'MONTHLY') {
    if (rule.monthDay === null && !isDate(startDate)) return null;
    sentence = w.monthDay(rule.interval, rule.monthDay ?? Number(startDate.slice(8, 10)));
  } else sentence = w.every(rule.interval, rule.freq);
  if (rule.count !== null) sentence += `, ${w.count(rule.count)}`;
  if (rule.until !== null) {
    const [y, m, d] = rule.until.split('-').map(Number) as [number, number, number];
    sentence += `, ${w.until(w.day(y, m, d))}`;
  }
  return sentence;
}

const DAY_MS = 86_400_000;
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
const epochDay = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday. */
const weekdayOf = (date: string) => (new Date(epochDay(date) * DAY_MS).getUTCDay() + 6) % 7;

/**
 * The dates of the series' first occurrences on or after `from`, at most
 * `limit`, leaving out `removed` dates; the rule's count and end date hold
 * from `startDate`, the first occurrence. Empty when the rule cannot be read.
 *
 * @example nextDates('FREQ=WEEKLY;BYDAY=WE', '2026-09-02', '2026-09-01', [], 2) // ['2026-09-02', '2026-09-09']
 */
export function nextDates(rrule: string, startDate: string, from: string, removed: readonly string[], limit = 5): string[] {
  const rule = parseRule(rrule);
  if (!rule || !isDate(startDate)) return [];
  const start = epochDay(startDate);
  const weekdays = rule.weekdays.length > 0 ? rule.weekdays : [weekdayOf(startDate)];
  const startMonday = start - weekdayOf(startDate);
  const [sy, sm] = [Number(startDate.slice(0, 4)), Number(startDate.slice(5, 7))];
  const matches = (day: number): boolean => {
    const date = new Date(day * DAY_MS);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const months = (y - sy) * 12 + (m - sm);
    const weekday = (date.getUTCDay() + 6) % 7;
    switch (rule.freq) {
      case 'DAILY':
        return (day - start) % rule.interval === 0;
      case 'WEEKLY':
        return weekdays.includes(weekday) && Math.floor((day - startMonday) / 7) % rule.interval === 0;
      case 'MONTHLY': {
        if (months % rule.interval !== 0) return false;
        if (!rule.nth) return d === (rule.monthDay ?? Number(startDate.slice(8, 10)));
        if (weekday !== rule.nth.weekday) return false;
        const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
        return rule.nth.n === -1 ? d + 7 > daysInMonth : Math.ceil(d / 7) === rule.nth.n;
      }
      case 'YEARLY':
        return (y - sy) % rule.interval === 0 && m === sm && d === Number(startDate.slice(8, 10));
    }
  };
  const out: string[] = [];
  const fromDay = epochDay(from);
  const last = rule.until ? epochDay(rule.until) : start + 366 * 30;
  let counted = 0;
  // RFC 5545: the first occurrence is the start itself, counted whether or not the rule gives it.
  for (let day = start; day <= last && out.length < limit; day++) {
    if (day !== start && !matches(day)) continue;
    counted++;
    if (rule.count !== null && counted > rule.count) break;
    const date = dateOf(day);
    if (day >= fromDay && !removed.includes(date)) out.push(date);
  }
  return out;
}
