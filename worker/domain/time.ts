/**
 * Wall-clock times, dates and instants. Events are stored as wall-clock
 * times in their own time zone, so that a weekly 09:00 meeting stays at
 * 09:00 local time on both sides of a daylight-saving change; instants are
 * derived from them.
 */
import { Temporal } from 'temporal-polyfill';

export { Temporal };

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

/** 'YYYY-MM-DD' */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** 'YYYY-MM-DDTHH:MM' with optional seconds, no offset. */
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
/** A local date-time, or an instant with 'Z' or an offset. */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

const EARLIEST_YEAR = 2000;
const LATEST_YEAR = 2100;

function inSupportedRange(year: number): boolean {
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** A calendar date, or null when the text is not a real date in 2000–2100. */
export function parseDate(text: string): Temporal.PlainDate | null {
  if (!DATE_PATTERN.test(text)) return null;
  try {
    const date = Temporal.PlainDate.from(text, { overflow: 'reject' });
    return inSupportedRange(date.year) ? date : null;
  } catch {
    return null;
  }
}

/**
 * The wall-clock time in `timeZone` that the text names: a local date-time
 * as such, an instant ('…Z' or '…+02:00') converted to that zone. Null when
 * it is not a real time in 2000–2100.
 */
export function parseWallClock(text: string, timeZone: string): Temporal.PlainDateTime | null {
  if (!DATE_TIME_PATTERN.test(text)) return null;
  try {
    // Stored times are local 'YYYY-MM-DDTHH:MM': built from numbers, which is
    // many times faster than parsing text (feeds read thousands).
    const parts = LOCAL_DATE_TIME_PATTERN.test(text) ? text.match(/\d+/g)!.map(Number) : null;
    const local = parts
      ? new Temporal.PlainDateTime(parts[0]!, parts[1]!, parts[2]!, parts[3]!, parts[4]!)
      : Temporal.Instant.from(text).toZonedDateTimeISO(timeZone).toPlainDateTime().round({ smallestUnit: 'minute', roundingMode: 'trunc' });
    // The constructor clamps nothing but also checks nothing about the calendar: compare back.
    if (parts && (local.month !== parts[1] || local.day !== parts[2] || local.hour !== parts[3] || local.minute !== parts[4] || (parts[5] ?? 0) > 59)) return null;
    return inSupportedRange(local.year) ? local : null;
  } catch {
    return null;
  }
}

/** 'YYYY-MM-DDTHH:MM' */
export function formatWallClock(local: Temporal.PlainDateTime): string {
  return local.toString({ smallestUnit: 'minute' });
}

/**
 * The instant of a wall-clock time. A time that does not exist (skipped by
 * a spring-forward change) moves forward by the gap, as calendar clients do.
 */
export function zoned(local: Temporal.PlainDateTime, timeZone: string): Temporal.ZonedDateTime {
  return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
}

/** 'YYYY-MM-DDTHH:MM:SSZ': sortable as text, which the database relies on. */
export function formatInstant(instant: Temporal.Instant | Temporal.ZonedDateTime): string {
  const value = instant instanceof Temporal.ZonedDateTime ? instant.toInstant() : instant;
  return value.toString({ smallestUnit: 'second' });
}

/** ISO 8601 with the zone's offset, e.g. '2025-03-11T09:00:00+02:00'. */
export function formatOffsetDateTime(value: Temporal.ZonedDateTime): string {
  return value.toString({ smallestUnit: 'second', timeZoneName: 'never' });
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * formatOffsetDateTime of a stored instant ('…Z') in a time zone, without
 * Temporal objects: one Intl formatting, many times cheaper, for lists that
 * turn hundreds of stored instants into local texts per request.
 */
export function formatInstantInZone(instant: string, timeZone: string): string {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  const epoch = Date.parse(instant);
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(epoch)) if (type !== 'literal') part[type] = Number(value);
  const { year, month, day, hour, minute, second } = part as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const offset = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(epoch / 1000) * 1000) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
}

/** Midnight at the start of a date in a time zone. */
export function startOfDay(date: Temporal.PlainDate, timeZone: string): Temporal.ZonedDateTime {
  return date.toZonedDateTime({ timeZone });
}

export function nowInstant(): Temporal.Instant {
  return Temporal.Now.instant();
}
