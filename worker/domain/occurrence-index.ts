/**
 * The occurrences that are stored with an event, so that lists read a range
 * of an index instead of evaluating rules per request (see migration 0016).
 *
 * An event that does not recur has its one occurrence, and a series with
 * an end (COUNT, or UNTIL: at most 1,000 occurrences) has all of them.
 * A series without end has those that start in the index window of its
 * write: two years back (as far as the past view looks) and
 * INDEX_DAYS_AHEAD ahead; the Cron Trigger moves the end forward as days
 * pass. A rule gives at most one occurrence a day, so a write stores at
 * most about 1,100 occurrences, whatever the rule.
 *
 * Built with numbers, not Temporal objects: the rule gives wall-clock
 * times, and the zone's few changes a year turn them into instants.
 */
import type { EventOccurrence } from '../shared/events';
import { rememberLast } from './remembered';
import { type Series, type Timing, clockChangeAtWallMs, offsetAtEpochMs, seriesOf, wallClockMs, wallClockToEpochMs } from './recurrence';

export const INDEX_DAYS_BEHIND = 730;
export const INDEX_DAYS_AHEAD = 400;
/** How much further the Cron Trigger extends a series whose index ends within INDEX_DAYS_AHEAD. */
export const EXTENSION_DAYS = 30;
/** `events.indexed_until` of an event whose every occurrence is stored. */
export const INDEXED_COMPLETELY = '9999-12-31T00:00:00Z';

const DAY_MS = 86_400_000;
// An occurrence of a day or less (25 hours on the night clocks turn back) is looked for a day back from a window's start.
export const SHORT_MS = 25 * 60 * 60 * 1000;
// The longest event lasts 366 days; a day more for the clocks.
export const LONGEST_MS = 367 * DAY_MS;

/** One stored occurrence, as the occurrences table holds it. */
export interface StoredOccurrence {
  /** '' for an event that does not recur. */
  recurrenceId: string;
  startsAt: string;
  endsAt: string;
  start: string;
  end: string;
  cancelled: boolean;
  moved: boolean;
  place: string | null;
  long: boolean;
}

export interface IndexWindow {
  /** Epoch milliseconds: occurrences that start in [from, until) are stored. */
  from: number;
  until: number;
}

/** The index window of a write at `nowMs`, whole days in UTC. */
export function indexWindow(nowMs: number): IndexWindow {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return { from: today - INDEX_DAYS_BEHIND * DAY_MS, until: today + (INDEX_DAYS_AHEAD + 1) * DAY_MS };
}

/** How far ahead lists are complete at `nowMs`: the Cron Trigger keeps every series indexed a day beyond this. */
export function indexHorizon(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS + INDEX_DAYS_AHEAD * DAY_MS;
}

/** The earliest starts of stored occurrences that can still be going on at `from`: a day before for short ones, a year for long ones. */
export function earliestStarts(from: { epochMilliseconds: number }): { shortFrom: string; longFrom: string } {
  return { shortFrom: instantText(from.epochMilliseconds - SHORT_MS), longFrom: instantText(from.epochMilliseconds - LONGEST_MS) };
}

// Two-digit texts 00–99: the texts below are made for each of up to 1,100 occurrences a write stores,
// with numbers and this table instead of a Date and its ISO string per text.
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** 'YYYY-MM-DD' of a day counted from 1970-01-01 (the civil calendar from a day number, without a Date). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m < 10 ? m + 3 : m - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** 'YYYY-MM-DDTHH:MM' (with `seconds`, ':SS') of milliseconds read as UTC. */
function dateTimeText(ms: number, seconds: boolean): string {
  const days = Math.floor(ms / DAY_MS);
  const secondOfDay = Math.floor((ms - days * DAY_MS) / 1000);
  const time = `${TWO_DIGITS[Math.floor(secondOfDay / 3600)]}:${TWO_DIGITS[Math.floor(secondOfDay / 60) % 60]}`;
  return `${dayText(days)}T${time}${seconds ? `:${TWO_DIGITS[secondOfDay % 60]}` : ''}`;
}

/** 'YYYY-MM-DDTHH:MM:SSZ' of epoch milliseconds (whole seconds, as formatInstant writes). */
export function instantText(ms: number): string {
  return `${dateTimeText(ms, true)}Z`;
}

/** 'YYYY-MM-DD' of wall-clock milliseconds. */
function dateText(wallMs: number): string {
  return dayText(Math.floor(wallMs / DAY_MS));
}

/** The instant in the zone with its offset, e.g. '2027-03-28T04:30:00+03:00' (as formatOffsetDateTime writes it). */
function offsetText(epochMs: number, timeZone: string): string {
  const offset = offsetAtEpochMs(epochMs, timeZone);
  const minutes = Math.abs(offset) / 60_000;
  return `${dateTimeText(epochMs + offset, true)}${offset < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}`;
}

interface Timed {
  startMs: number;
  endMs: number;
}

/**
 * Instants of an occurrence that starts at wall-clock `startWall`, as
 * recurrence's occurrence() gives them: it ends at its wall-clock end, or,
 * when the clocks skip or repeat its start, lasts as long as the first.
 */
function timesOf(s: Series, startWall: number, lengthWall: number, exactLength: number): Timed {
  const zone = s.timing.timeZone;
  const startMs = wallClockToEpochMs(startWall, zone);
  const changed = !s.timing.allDay && clockChangeAtWallMs(startWall, zone) !== null;
  return { startMs, endMs: changed ? startMs + exactLength : wallClockToEpochMs(startWall + lengthWall, zone) };
}

function stored(s: Series, times: Timed, recurrenceId: string, cancelled: boolean, moved: boolean, place: string | null): StoredOccurrence {
  const zone = s.timing.timeZone;
  return {
    recurrenceId,
    startsAt: instantText(times.startMs),
    endsAt: instantText(times.endMs),
    start: s.timing.allDay ? dateText(times.startMs + offsetAtEpochMs(times.startMs, zone)) : offsetText(times.startMs, zone),
    end: s.timing.allDay ? dateText(times.endMs + offsetAtEpochMs(times.endMs, zone) - DAY_MS) : offsetText(times.endMs, zone),
    cancelled,
    moved,
    place,
    long: times.endMs - times.startMs > SHORT_MS,
  };
}

/**
 * The occurrences of a timing to store for the index window, and the
 * instant up to which they are complete (INDEXED_COMPLETELY when no
 * occurrence starts at or after `window.until`).
 */
export function occurrencesToStore(timing: Timing, window: IndexWindow): { occurrences: StoredOccurrence[]; indexedUntil: string } {
  // A write asks twice (its span, then its index): the second time is remembered.
  return remembered(JSON.stringify([timing, window.from, window.until]), () => computeOccurrences(timing, window));
}

const remembered = rememberLast<{ occurrences: StoredOccurrence[]; indexedUntil: string }>(8);

function computeOccurrences(timing: Timing, window: IndexWindow): { occurrences: StoredOccurrence[]; indexedUntil: string } {
  const s = seriesOf(timing);
  if (!s) return { occurrences: [], indexedUntil: INDEXED_COMPLETELY };
  const firstWall = wallClockMs(s.start);
  const lengthWall = wallClockMs(s.start.add(s.length)) - firstWall;
  const firstStart = wallClockToEpochMs(firstWall, timing.timeZone);
  const exactLength = wallClockToEpochMs(firstWall + lengthWall, timing.timeZone) - firstStart;
  if (!s.rule) {
    return { occurrences: [stored(s, { startMs: firstStart, endMs: firstStart + exactLength }, '', false, false, null)], indexedUntil: INDEXED_COMPLETELY };
  }
  const occurrences: StoredOccurrence[] = [];
  // Wall-clock bounds a little wider than the window: the zone's offset is at most 14 hours either way.
  const margin = DAY_MS;
  const starts = s.rule.betweenWallMs(Math.max(window.from, wallClockMs(s.start)) - margin, window.until + margin);
  for (const wall of starts) {
    const id = occurrenceIdOf(s, wall);
    const exception = s.exceptions.get(id);
    if (exception?.kind === 'removed' || exception?.kind === 'moved') continue;
    const times = timesOf(s, wall, lengthWall, exactLength);
    if (times.startMs < window.from || times.startMs >= window.until) continue;
    occurrences.push(stored(s, times, id, exception?.kind === 'cancelled', false, null));
  }
  let movedBeyond = false;
  for (const [id, exception] of s.exceptions) {
    if (exception.kind !== 'moved') continue;
    const moved = seriesOf({ ...timing, start: exception.start!, end: exception.end!, recurrence: null });
    if (!moved) continue;
    const startMs = wallClockToEpochMs(wallClockMs(moved.start), timing.timeZone);
    const endMs = wallClockToEpochMs(wallClockMs(moved.start.add(moved.length)), timing.timeZone);
    if (startMs >= window.until) movedBeyond = true;
    if (startMs < window.from || startMs >= window.until) continue;
    occurrences.push(stored(s, { startMs, endMs }, id, false, true, exception.place ?? null));
  }
  occurrences.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.recurrenceId < b.recurrenceId ? -1 : 1));
  // A series that starts in the window has its rule's starts up to `until` counted already.
  const counted = wallClockToEpochMs(wallClockMs(s.start), timing.timeZone) >= window.from ? starts.filter((wall) => wall < window.until + margin).length : null;
  const more = movedBeyond || !seriesEndsBefore(s, window.until, counted);
  return { occurrences, indexedUntil: more ? instantText(window.until) : INDEXED_COMPLETELY };
}

/** The occurrence's id as recurrence writes it: 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'. */
function occurrenceIdOf(s: Series, wallMs: number): string {
  return s.timing.allDay ? dateText(wallMs) : dateTimeText(wallMs, false);
}


/** Whether a series has no occurrence that starts at or after `untilMs`: its UNTIL or its COUNT comes first. */
function seriesEndsBefore(s: Series, untilMs: number, counted: number | null): boolean {
  const end = s.rule!.end();
  if (end.until) return end.until.epochMilliseconds < untilMs - DAY_MS;
  // Counted from the first occurrence (when not counted already): at most COUNT (1,000) of them.
  if (end.count !== undefined) return (counted ?? s.rule!.betweenWallMs(wallClockMs(s.start), untilMs + DAY_MS).length) >= end.count;
  return false;
}

/** A page's occurrence as the API shows it, from its stored row and its event (whole, or the brief form's part). */
export function occurrenceOfStored<E extends Pick<EventOccurrence, 'status'>>(event: E, row: StoredOccurrence): E & Pick<EventOccurrence, 'occurrence'> {
  return {
    ...event,
    occurrence: {
      recurrenceId: row.recurrenceId === '' ? null : row.recurrenceId,
      start: row.start,
      end: row.end,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: event.status === 'cancelled' || row.cancelled ? 'cancelled' : 'published',
      moved: row.moved,
      place: row.place,
    },
  };
}

/** What an event's write stores in the index: its occurrences if it is listed (published or cancelled), none for a draft. */
export function indexOfEvent(event: Timing & { status: string }, nowMs: number): { occurrences: StoredOccurrence[]; indexedUntil: string | null } {
  if (event.status === 'draft') return { occurrences: [], indexedUntil: null };
  const timing: Timing = { timeZone: event.timeZone, allDay: event.allDay, start: event.start, end: event.end, recurrence: event.recurrence };
  return occurrencesToStore(timing, isEndless(timing) ? indexWindow(nowMs) : ALL_TIME);
}

// Every date the service accepts (2000–2100), with a day's margin for the zones.
const ALL_TIME: IndexWindow = { from: Date.UTC(1999, 11, 31), until: Date.UTC(2101, 0, 2) };

/**
 * The instants between which every occurrence lies, moved ones included
 * (`end` null for a series without end), from the stored occurrences of a
 * series with an end rather than by a walk of its own.
 */
export function seriesSpanOf(timing: Timing): { start: string; end: string | null } | null {
  // A series with an end has all its occurrences stored (worked out once for the write); one without has no end.
  const listed = isEndless(timing) ? [] : occurrencesToStore(timing, ALL_TIME).occurrences;
  const s = seriesOf(timing);
  if (!s) return null;
  const firstStart = wallClockToEpochMs(wallClockMs(s.start), timing.timeZone);
  const firstEnd = wallClockToEpochMs(wallClockMs(s.start.add(s.length)), timing.timeZone);
  let start = firstStart;
  let end = firstEnd;
  for (const o of listed) {
    start = Math.min(start, Date.parse(o.startsAt));
    end = Math.max(end, Date.parse(o.endsAt));
  }
  if (isEndless(timing)) {
    // Moved occurrences may start before the first.
    for (const exception of s.exceptions.values()) {
      if (exception.kind !== 'moved' || !exception.start) continue;
      const moved = seriesOf({ ...timing, start: exception.start, end: exception.end ?? exception.start, recurrence: null });
      if (moved) start = Math.min(start, wallClockToEpochMs(wallClockMs(moved.start), timing.timeZone));
    }
    return { start: instantText(start), end: null };
  }
  return { start: instantText(start), end: instantText(end) };
}

/** Whether a timing is a series without COUNT or UNTIL. */
export function isEndless(timing: Timing): boolean {
  return timing.recurrence !== null && !/(^|;)(COUNT|UNTIL)=/i.test(timing.recurrence.rrule);
}
