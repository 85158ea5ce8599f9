/**
 * Calendars to import, for tests and `npm run bench`: as many events as
 * 256 KiB (the body limit) and 1,000 VEVENTs (the import's limit) allow,
 * of the costliest kinds that are accepted, and hostile ones that are not.
 */

export const MAX_BYTES = 256 * 1024;

const calendar = (components: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hytekello//import test//FI', ...components, 'END:VCALENDAR', ''].join('\r\n');

const compact = (day: string) => day.replaceAll('-', '');

/** A VEVENT at 09:00–10:00 Helsinki time on `day` (YYYY-MM-DD), with more lines. */
export function vevent(uid: string, day: string, title: string, ...lines: string[]): string {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART;TZID=Europe/Helsinki:${compact(day)}T090000`, `DTEND;TZID=Europe/Helsinki:${compact(day)}T100000`, `SUMMARY:${title}`, ...lines, 'END:VEVENT'].join('\r\n');
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface ImportCalendar {
  name: string;
  text: string;
  /** VEVENT groups (UIDs) in it. */
  events: number;
  /** How many should be created by an import. */
  created: number;
}

/** `count` events of one kind; throws if the text would exceed the body limit. */
function ofKind(name: string, count: number, make: (i: number) => string): ImportCalendar {
  const text = calendar(Array.from({ length: count }, (_, i) => make(i)));
  if (text.length > MAX_BYTES) throw new Error(`${name}: ${text.length} bytes, more than ${MAX_BYTES}`);
  return { name, text, events: count, created: count };
}

/** 1,000 single events, each with a description, up to the body limit. */
export const singles = (start: string, count = 1000) =>
  ofKind(`${count} single events`, count, (i) => vevent(`single-${i}@bench.example`, addDays(start, i % 700), `Tapahtuma ${i}`, `DESCRIPTION:${'Kuvaus tapahtumasta. '.repeat(2)}`));

/** 1,000 daily series without end: about 400 occurrences stored each. */
export const endlessDaily = (start: string, count = 1000) => ofKind(`${count} daily series without end`, count, (i) => vevent(`daily-${i}@bench.example`, addDays(start, i % 7), `Päivittäinen ${i}`, 'RRULE:FREQ=DAILY'));

/** 1,000 yearly series of COUNT=1000: every occurrence stored, 1,000 each. */
export const yearlyThousand = (start: string, count = 1000) =>
  ofKind(`${count} yearly series, COUNT=1000`, count, (i) => vevent(`yearly-${i}@bench.example`, addDays(start, i % 365), `Vuosittainen ${i}`, 'RRULE:FREQ=YEARLY;COUNT=1000'));

/** Daily series without end, each with 500 EXDATEs (the most exceptions allowed), as many as fit in 256 KiB. */
export function dailyWithExceptions(start: string, count = 0): ImportCalendar {
  const make = (i: number) =>
    vevent(
      `exdates-${i}@bench.example`,
      start,
      `Poikkeuksin ${i}`,
      'RRULE:FREQ=DAILY',
      ...Array.from({ length: 50 }, (_, line) => `EXDATE;TZID=Europe/Helsinki:${Array.from({ length: 10 }, (_, k) => `${compact(addDays(start, 2 * (line * 10 + k) + 1))}T090000`).join(',')}`),
    );
  const fitting = count || Math.floor((MAX_BYTES - 200) / (make(0).length + 2));
  return ofKind(`${fitting} daily series with 500 EXDATEs each`, fitting, make);
}

/** One VEVENT with `exdates` EXDATE values, beside one ordinary event. */
export function manyExdates(start: string, exdates = 10_000): ImportCalendar {
  const values = Array.from({ length: exdates }, (_, i) => `${compact(addDays(start, i + 1))}T090000`);
  const lines = [];
  for (let i = 0; i < values.length; i += 500) lines.push(`EXDATE;TZID=Europe/Helsinki:${values.slice(i, i + 500).join(',')}`);
  const text = calendar([vevent('exdates@hostile.example', start, 'Kymmenentuhatta poikkeusta', 'RRULE:FREQ=DAILY', ...lines), vevent('plain@hostile.example', start, 'Tavallinen')]);
  return { name: `a daily series with ${exdates.toLocaleString('en')} EXDATEs`, text, events: 2, created: 1 };
}

/** `zones` custom VTIMEZONEs (offsets no known zone has), each used by one event; one event uses them all. */
export function customZones(start: string, zones = 300): ImportCalendar {
  const tzid = (i: number) => `Oma vyöhyke ${i}`;
  const offset = (i: number) => `+${String(1 + (i % 10)).padStart(2, '0')}${String(7 + (i % 40)).padStart(2, '0')}`;
  const vtimezone = (i: number) => ['BEGIN:VTIMEZONE', `TZID:${tzid(i)}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(i)}`, `TZOFFSETTO:${offset(i)}`, 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');
  const timed = (uid: string, i: number, title: string, ...lines: string[]) =>
    ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART;TZID=${tzid(i)}:${compact(start)}T090000`, `DTEND;TZID=${tzid(i)}:${compact(start)}T100000`, `SUMMARY:${title}`, ...lines, 'END:VEVENT'].join('\r\n');
  const all = timed('all-zones@hostile.example', 0, 'Kaikki vyöhykkeet', 'RRULE:FREQ=DAILY;COUNT=400', ...Array.from({ length: zones - 1 }, (_, i) => `EXDATE;TZID=${tzid(i + 1)}:${compact(addDays(start, i + 1))}T090000`));
  const text = calendar([...Array.from({ length: zones }, (_, i) => vtimezone(i)), ...Array.from({ length: zones }, (_, i) => timed(`zone-${i}@hostile.example`, i, `Vyöhykkeellä ${i}`)), all]);
  if (text.length > MAX_BYTES) throw new Error(`custom zones: ${text.length} bytes`);
  return { name: `${zones} custom VTIMEZONEs`, text, events: zones + 1, created: zones };
}

/** A few events, to load the worker's code before anything is measured. */
export const warmUp = (start: string) => ofKind('warm-up, 20 single events', 20, (i) => vevent(`warm-${i}@bench.example`, addDays(start, i), `Lämmittely ${i}`));
