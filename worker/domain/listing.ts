/**
 * Listing occurrences: the time window of a query, stable ordering, and
 * cursor pagination over occurrences that are computed, not stored.
 */
import type { EventBrief, EventOccurrence } from '../shared/events';
import { ValidationError } from './errors';
import { DEFAULT_TIME_ZONE, Temporal, parseDate, parseWallClock, startOfDay, zoned } from './time';

export const DEFAULT_WINDOW_DAYS = 365;
export const MAX_WINDOW_DAYS = 1100;
export const DEFAULT_PAGE_SIZE = 100;

export interface Window {
  from: Temporal.Instant;
  to: Temporal.Instant;
}

function parseBound(field: 'from' | 'to' | 'updated_since', text: string): Temporal.Instant {
  const date = parseDate(text);
  if (date) return startOfDay(date, DEFAULT_TIME_ZONE).toInstant();
  const local = parseWallClock(text, DEFAULT_TIME_ZONE);
  if (local) return zoned(local, DEFAULT_TIME_ZONE).toInstant();
  throw new ValidationError([{ field, rule: 'format', message: `\`${field}\` must be a date YYYY-MM-DD or an ISO 8601 date-time between 2000 and 2100` }], 'request');
}

/**
 * The window [from, to) of a query. Dates mean midnight in Finland; the
 * default is today and the year after it.
 */
export function resolveWindow(from: string | undefined, to: string | undefined, now: Temporal.Instant): Window {
  const start = from
    ? parseBound('from', from)
    : startOfDay(now.toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate(), DEFAULT_TIME_ZONE).toInstant();
  const end = to ? parseBound('to', to) : start.toZonedDateTimeISO(DEFAULT_TIME_ZONE).add({ days: DEFAULT_WINDOW_DAYS }).toInstant();
  if (Temporal.Instant.compare(end, start) <= 0) {
    throw new ValidationError([{ field: 'to', rule: 'after-from', message: '`to` must be after `from`' }], 'request');
  }
  if (start.until(end).total('hours') > MAX_WINDOW_DAYS * 24 + 1) {
    throw new ValidationError([{ field: 'to', rule: 'max-window', message: `\`to\` may be at most ${MAX_WINDOW_DAYS} days after \`from\``, values: { max: MAX_WINDOW_DAYS } }], 'request');
  }
  return { from: start, to: end };
}

type SortKey = [startsAt: string, id: string, recurrenceId: string];

/** What ordering and paging read of a listed occurrence, in either form of the list. */
type Listed = Pick<EventOccurrence, 'id' | 'occurrence'>;

const sortKey = (o: Listed): SortKey => [o.occurrence.startsAt, o.id, o.occurrence.recurrenceId ?? ''];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 3; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function encodeCursor(key: string[]): string {
  return btoa(encodeURIComponent(JSON.stringify(key))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decodeCursor<T extends string[]>(cursor: string, length: T['length']): T {
  try {
    const key = JSON.parse(decodeURIComponent(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key as T;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError([{ field: 'cursor', rule: 'format', message: '`cursor` must be a `nextCursor` from an earlier page' }], 'request');
}

/** The position after which a page of occurrences continues: start, event id, occurrence ('' for none). */
export type OccurrenceKey = SortKey;

export const decodeOccurrenceCursor = (cursor: string): OccurrenceKey => decodeCursor<SortKey>(cursor, 3);

/**
 * A page from stored occurrences (`indexed`, one more than `limit` when
 * more follow, in order) and from the occurrences of events not indexed
 * yet, merged in that order; the cursor names the page's last occurrence.
 */
export function mergePage<T extends Listed>(
  indexed: T[],
  unindexed: T[],
  options: { limit: number; after: OccurrenceKey | null; descending: boolean },
): { items: T[]; nextCursor: string | null } {
  const order = (a: SortKey, b: SortKey) => (options.descending ? compareKeys(b, a) : compareKeys(a, b));
  const after = options.after;
  const candidates = [...indexed, ...unindexed.filter((o) => !after || order(sortKey(o), after) > 0)]
    .map((o) => ({ o, key: sortKey(o) }))
    .sort((a, b) => order(a.key, b.key));
  const page = candidates.slice(0, options.limit);
  const last = page[page.length - 1];
  return { items: page.map(({ o }) => o), nextCursor: candidates.length > options.limit && last ? encodeCursor(last.key) : null };
}

/** An occurrence in the brief form of lists: its event's id, status, title, type, allDay and timeZone. */
export function briefOf({ id, status, title, type, allDay, timeZone, occurrence }: EventOccurrence): EventBrief {
  return { id, status, title, type, allDay, timeZone, occurrence };
}

/** Where a page of changed events ends: the change time and id of its last event. */
export type ChangeKey = [updatedAt: string, id: string];

export const encodeChangeCursor = (key: ChangeKey): string => encodeCursor(key);
export const decodeChangeCursor = (cursor: string): ChangeKey => decodeCursor<ChangeKey>(cursor, 2);

/** Where a page of an organiser's own events (latest start first) ends: the start and id of its last event. */
export type OwnEventKey = [startsAt: string, id: string];

export const encodeOwnEventCursor = (key: OwnEventKey): string => encodeCursor(key);
export const decodeOwnEventCursor = (cursor: string): OwnEventKey => decodeCursor<OwnEventKey>(cursor, 2);

/** `updated_since` as the stored form of change times (milliseconds, so that text order is time order). */
export function changedSince(text: string): string {
  return parseBound('updated_since', text).toString({ fractionalSecondDigits: 3 });
}

/** A parameter given once or repeated (`?network=a&network=b`), as a list. */
export function queryList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
