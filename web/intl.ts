/**
 * Dates and times in Finnish time (and UTC) without Intl. The first Intl
 * formatter a page makes loads locale and time-zone data, which holds the
 * main thread for a long moment on a slow phone (about a quarter of a
 * second at Lighthouse's mobile CPU), and the calendar pages only ever
 * show Finnish time. Other zones (a visitor's own, an event's foreign
 * zone) still use Intl, with formatters made once. Hand-written on
 * purpose, not a date library: measured, Lighthouse performance of the
 * calendar pages went from 80–81 to 97 (BENCHMARKS.md), and a library
 * would either call Intl again or carry the zone data itself.
 */

export const HELSINKI = 'Europe/Helsinki';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 01:00 UTC on the last Sunday of a month (0-based), when EU clocks change. */
function lastSundayAtOne(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * DAY + HOUR;
}

/**
 * Hours Finland is ahead of UTC at an instant: 3 in summer time, from the
 * last Sunday of March to the last Sunday of October at 01:00 UTC (the EU
 * rule, in force since 1996), otherwise 2. A test compares it
 * with the browser's time-zone data hour by hour.
 */
export function helsinkiOffsetHours(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayAtOne(year, 2) && epochMs < lastSundayAtOne(year, 9) ? 3 : 2;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

/** The zone of this browser's clock, as a time-zone argument here: its wall clock needs no Intl either. */
export const BROWSER_TIME = 'browser';

/** The wall clock of an instant in Finland, in UTC or on this browser's clock; null for another zone. */
export function wallClock(epochMs: number, timeZone: string): WallClock | null {
  const offset =
    timeZone === HELSINKI ? helsinkiOffsetHours(epochMs) : timeZone === 'UTC' ? 0 : timeZone === BROWSER_TIME ? -new Date(epochMs).getTimezoneOffset() / 60 : null;
  if (offset === null) return null;
  const local = new Date(epochMs + offset * HOUR);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: (local.getUTCDay() + 6) % 7,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** Whether this browser's clock shows Finnish time at these instants (its offset from UTC is Finland's), found without Intl. */
export function onFinnishTime(...instants: string[]): boolean {
  return instants.every((instant) => {
    const epochMs = Date.parse(instant);
    return -new Date(epochMs).getTimezoneOffset() === helsinkiOffsetHours(epochMs) * 60;
  });
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** An Intl formatter, made once per locale and options: making one costs far more than using it. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
