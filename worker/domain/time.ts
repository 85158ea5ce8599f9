/**
 * Wall-clock times, dates and instants. Events are stored as wall-clock
 * times in their own time zone, so that a weekly 09:00 meeting stays at
 * 09:00 local time on both sides of a daylight-saving change; instants are
 * derived from them.
 */
import { Temporal } from '../shared/time';

// The rules of wall-clock texts are shared with the browser (worker/shared/time.ts); the rest is the worker's.
export { DATE_PATTERN, DATE_TIME_PATTERN, DEFAULT_TIME_ZONE, LOCAL_DATE_TIME_PATTERN, Temporal, formatWallClock, inSupportedRange, parseDate, parseWallClock, zoned } from '../shared/time';

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
