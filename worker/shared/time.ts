/**
 * Wall-clock times and dates as organisers write them, for the rules that
 * the browser checks as one types and the worker checks again: which texts
 * are dates and times, and the instant a wall-clock time is in a zone.
 * Events are stored as wall-clock times in their own time zone, so that a
 * weekly 09:00 meeting stays at 09:00 on both sides of a daylight-saving
 * change.
 *
 * The web build loads Temporal only where the browser has none of its own
 * (web/temporal.ts); the worker takes temporal-polyfill as it is.
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

export function inSupportedRange(year: number): boolean {
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

const UTC_OFFSET = /^(UTC|GMT)?\s*[+\-\u2212]\d/i;

/**
 * A time-zone name as this runtime's time-zone data knows it, or null: a
 * UTC offset is no zone, it knows nothing of summer time. The worker asks
 * more (the name must be in the IANA data its feeds' VTIMEZONEs come from,
 * worker/domain/zones.ts); the browser's form offers only zones it knows.
 */
export function runtimeTimeZone(name: string): string | null {
  if (name.length > 64 || UTC_OFFSET.test(name.trim())) return null;
  try {
    return Temporal.Now.instant().toZonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

/** Why a time-zone name is refused, in words for the organiser. */
export function timeZoneProblem(name: string): string {
  if (UTC_OFFSET.test(name.trim())) {
    return `\`timeZone\` '${name}' is a UTC offset, not a time zone: an offset knows nothing of summer time. Give the IANA name of the place, such as Europe/Helsinki`;
  }
  return `\`timeZone\` '${name}' is not an IANA time zone such as Europe/Helsinki`;
}
