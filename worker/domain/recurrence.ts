/**
 * When an event happens: its first occurrence, its recurrence rule (RFC 5545
 * RRULE) with removed, cancelled and moved occurrences, and the expansion of
 * all that into occurrences inside a window.
 *
 * Rules are expanded on wall-clock time in the event's own time zone (the
 * way calendar clients do with DTSTART;TZID=…), so DST changes never shift
 * a recurring meeting's local hour.
 */
import { RRuleTemporal } from 'rrule-temporal';
import type { RecurrenceException } from '../shared/events';
import {
  MAX_EXCEPTIONS,
  MAX_OCCURRENCES,
  type IssueSink,
  type RuleExpansion,
  type Timing,
  checkTiming,
  endWallClock,
  occurrenceId,
  parseOccurrenceId,
  ruleSyntaxProblem,
  startWallClock,
} from '../shared/recurrence';
import type { FieldIssue } from './errors';
import { rememberLast } from './remembered';
import { Temporal, inSupportedRange, zoned } from './time';

// What an organiser writes and the rules it keeps are shared with the browser; expanding rules is the worker's.
export { MAX_EXCEPTIONS, MAX_OCCURRENCES, ruleSyntaxProblem, type Timing };
export type { RecurrenceException };

export type ExceptionKind = RecurrenceException['kind'];

export type Recurrence = NonNullable<Timing['recurrence']>;

export interface Occurrence {
  /** Null for an event that does not recur. */
  recurrenceId: string | null;
  start: Temporal.ZonedDateTime;
  end: Temporal.ZonedDateTime;
  cancelled: boolean;
  moved: boolean;
  /** Set when a moved occurrence takes place somewhere else. */
  place: string | null;
}

// Steps the library may take in one expansion: more than the densest rule
// (one a day) needs for the longest list that is asked for.
const SEARCH_LIMIT = 2000;
// An impossible rule (30 February) is detected when the library gives up
// looking for the first occurrence; a low cap keeps that quick.
const FIRST_SEARCH_LIMIT = 300;
/** The exceptions of a series without end lie within this many days of each other: checking them expands that much. */
export const MAX_EXCEPTION_SPAN_DAYS = 1100;

/**
 * The rule text in canonical form: upper case, no 'RRULE:' prefix, and
 * UNTIL in the form RFC 5545 requires for the event's start, because
 * calendar clients disagree on the other forms: a UTC date-time ('…Z') for
 * timed events (a date means the end of that day in the event's time zone),
 * a date for all-day events.
 */
export function canonicalRule(rrule: string, timing: Pick<Timing, 'allDay' | 'timeZone'>): string {
  const text = rrule.trim().replace(/^RRULE:/i, '').toUpperCase();
  return text.replace(/(^|;)UNTIL=([0-9TZ]+)/, (whole, separator: string, value: string) => {
    const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
    if (!match) return whole;
    const [, year, month, day, hour, minute, second, utc] = match;
    const date = `${year}-${month}-${day}`;
    if (timing.allDay) return `${separator}UNTIL=${year}${month}${day}`;
    try {
      const instant = !hour
        ? zoned(Temporal.PlainDate.from(date).toPlainDateTime({ hour: 23, minute: 59, second: 59 }), timing.timeZone).toInstant()
        : utc
          ? Temporal.Instant.from(`${date}T${hour}:${minute}:${second}Z`)
          : zoned(Temporal.PlainDateTime.from(`${date}T${hour}:${minute}:${second}`), timing.timeZone).toInstant();
      return `${separator}UNTIL=${instant.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '')}`;
    } catch {
      return whole;
    }
  });
}

/**
 * A rule expanded on wall-clock time. rrule-temporal expands in the zone of
 * DTSTART and leaves out a start that the zone skips (the spring-forward
 * gap), where RFC 5545 3.3.10 has it read as an explicit local time
 * (3.3.5: with the offset before the gap; a repeated time is the first of
 * the two). So the rule runs in UTC, which has no gaps, on the event's
 * wall-clock times, and `zoned()` gives each start its instant.
 */
class WallClockRule {
  private readonly rule: RRuleTemporal;
  /** UNTIL of a timed rule: an instant, which the floating expansion can only approximate. */
  private readonly until: Temporal.Instant | null;
  /** The rule as arithmetic, when it has no BY… parts (simpleRuleOf). */
  private readonly simple: SimpleRule | null;

  constructor(private readonly timing: Pick<Timing, 'allDay' | 'timeZone'>, start: Temporal.PlainDateTime, rrule: string, maxIterations = SEARCH_LIMIT) {
    let until: Temporal.Instant | null = null;
    const text = canonicalRule(rrule, timing).replace(/(^|;)UNTIL=(\d{8}T\d{6}Z)/, (whole, separator: string, value: string) => {
      try {
        until = Temporal.Instant.from(value.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      } catch {
        return whole;
      }
      // The wall-clock time of the instant, and three hours more for any change of offset; the rest is cut below.
      const local = until.toZonedDateTimeISO(timing.timeZone).toPlainDateTime().add({ hours: 3 });
      return `${separator}UNTIL=${compactUtc(local)}`;
    });
    this.until = until;
    this.rule = new RRuleTemporal({
      rruleString: text,
      dtstart: start.toZonedDateTime('UTC'),
      maxIterations,
      // Occurrences come back as this module's Temporal objects.
      temporal: Temporal,
    });
    this.simple = simpleRuleOf(this.rule.options() as unknown as Record<string, unknown>);
  }

  options() {
    return this.rule.options();
  }

  /** Where the series ends: its COUNT, or its UNTIL as an instant; neither for a series without end. */
  end(): { count?: number; until?: Temporal.Instant } {
    const count = this.rule.options().count;
    return { ...(count !== undefined ? { count } : {}), ...(this.until ? { until: this.until } : {}) };
  }

  private kept(starts: Temporal.ZonedDateTime[]): Temporal.PlainDateTime[] {
    const locals = starts.map((start) => start.toPlainDateTime());
    const until = this.until;
    return until ? locals.filter((local) => Temporal.Instant.compare(zoned(local, this.timing.timeZone).toInstant(), until) <= 0) : locals;
  }

  /** The wall-clock starts, from the first, while `more(index)` holds. */
  all(more: (index: number) => boolean): Temporal.PlainDateTime[] {
    return this.kept(this.rule.all((_, index) => more(index)));
  }

  /**
   * The wall-clock starts from `fromMs` to `toMs` (wall-clock milliseconds),
   * both included, as numbers: the rule runs in UTC, so an occurrence's
   * epoch milliseconds are its wall-clock ones, and no Temporal object is
   * made per occurrence.
   */
  betweenWallMs(fromMs: number, toMs: number): number[] {
    return this.simple ? this.keptMs(simpleStarts(this.simple, fromMs, toMs)) : this.libraryBetweenWallMs(fromMs, toMs);
  }

  /** betweenWallMs through the rule library, whatever the rule: the reference the arithmetic is tested against. */
  libraryBetweenWallMs(fromMs: number, toMs: number): number[] {
    return this.keptMs(this.rule.between(new Date(fromMs), new Date(toMs), true).map((start) => start.epochMilliseconds));
  }

  private keptMs(starts: number[]): number[] {
    const until = this.until;
    return until ? starts.filter((ms) => wallClockToEpochMs(ms, this.timing.timeZone) <= until.epochMilliseconds) : starts;
  }

  /** The wall-clock starts from `from` to `to`, both included. */
  between(from: Temporal.PlainDateTime, to: Temporal.PlainDateTime): Temporal.PlainDateTime[] {
    return this.kept(this.rule.between(toDate(from.toZonedDateTime('UTC').toInstant()), toDate(to.toZonedDateTime('UTC').toInstant()), true));
  }
}

/**
 * A rule of one FREQ of days or more, an INTERVAL, and COUNT or UNTIL or
 * neither, without BY… parts: every INTERVAL-th day, week, month or year
 * from the start, on the start's weekday, day of the month (months without
 * it have none, RFC 5545 3.3.10) and month. On wall-clock milliseconds (the
 * rule runs in UTC, which has no clock changes) it is arithmetic, some
 * hundred times cheaper than the library's expansion for a thousand starts
 * (BENCHMARKS.md, creates of the largest series); a property test compares
 * the two.
 */
interface SimpleRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count: number | null;
  /** the rule text's UNTIL (inclusive) as wall-clock milliseconds */
  untilMs: number | null;
  startMs: number;
}

// The rule library's parsed options that a simple rule may have; any other (byDay, bySetPos, wkst, rDate, …) is not simple.
const SIMPLE_OPTIONS = new Set(['tzid', 'freq', 'interval', 'count', 'until', 'dtstart', 'maxIterations', 'temporal']);

function simpleRuleOf(options: Record<string, unknown>): SimpleRule | null {
  const freq = options.freq;
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  for (const [key, value] of Object.entries(options)) if (value !== undefined && !SIMPLE_OPTIONS.has(key)) return null;
  const interval = options.interval === undefined ? 1 : Number(options.interval);
  const count = options.count === undefined ? null : Number(options.count);
  if (!Number.isInteger(interval) || interval < 1 || (count !== null && !(Number.isInteger(count) && count >= 0))) return null;
  const dtstart = options.dtstart as Temporal.ZonedDateTime;
  const until = options.until as Temporal.ZonedDateTime | undefined;
  return { freq, interval, count, untilMs: until ? until.epochMilliseconds : null, startMs: dtstart.epochMilliseconds };
}

/** The starts of a simple rule from `fromMs` to `toMs` (wall-clock milliseconds), both included. */
function simpleStarts(rule: SimpleRule, fromMs: number, toMs: number): number[] {
  const { startMs, interval, count, untilMs } = rule;
  const last = untilMs === null ? toMs : Math.min(toMs, untilMs);
  const starts: number[] = [];
  if (rule.freq === 'DAILY' || rule.freq === 'WEEKLY') {
    // Every period has its start, so the first one in the window is found by division.
    const step = interval * (rule.freq === 'WEEKLY' ? 7 : 1) * DAY_MS;
    for (let k = Math.max(0, Math.ceil((fromMs - startMs) / step)); count === null || k < count; k++) {
      const at = startMs + k * step;
      if (at > last) break;
      starts.push(at);
    }
    return starts;
  }
  // Months and years: the start's day in every INTERVAL-th month, where the month has that day. COUNT counts only
  // the months that have it, so with a COUNT the walk starts at the first month; without one, near the window.
  const start = new Date(startMs);
  const [year, month, day] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()];
  const timeOfDay = startMs - Date.UTC(year, month, day);
  const months = interval * (rule.freq === 'YEARLY' ? 12 : 1);
  const from = new Date(fromMs);
  const behind = (from.getUTCFullYear() - year) * 12 + from.getUTCMonth() - month;
  let made = 0;
  for (let k = count === null ? Math.max(0, Math.floor(behind / months) - 1) : 0; count === null || made < count; k++) {
    const target = month + k * months;
    const at = Date.UTC(year, target, day) + timeOfDay;
    if (new Date(at).getUTCMonth() !== ((target % 12) + 12) % 12) {
      // The month has no such day. Past the window's end, no later month can start within it.
      if (at - timeOfDay > last + 31 * DAY_MS) break;
      continue;
    }
    if (at > last) break;
    made++;
    if (at >= fromMs) starts.push(at);
  }
  return starts;
}

const compactUtc = (local: Temporal.PlainDateTime) => `${local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '')}Z`;

function makeRule(timing: Pick<Timing, 'allDay' | 'timeZone'>, start: Temporal.PlainDateTime, rrule: string, maxIterations?: number): WallClockRule {
  return new WallClockRule(timing, start, rrule, maxIterations);
}

type Rule = WallClockRule;

function toDate(instant: Temporal.Instant): Date {
  return new Date(instant.epochMilliseconds);
}

/**
 * A timing whose texts have been checked: the pieces the expansion needs.
 * Built by `checkSeries()` (which reports why it cannot be) or `seriesOf()`.
 */
export interface Series {
  timing: Timing;
  start: Temporal.PlainDateTime;
  length: Temporal.Duration;
  readonly rule: Rule | null;
  exceptions: Map<string, RecurrenceException>;
}

/**
 * The series of a stored timing, which was checked when it was written:
 * no rule is evaluated here, so reading is cheap (feeds read thousands).
 * Null only for a row that was written by hand and cannot be read.
 */
export function seriesOf(timing: Timing): Series | null {
  const start = startWallClock(timing);
  const end = endWallClock(timing);
  if (!start || !end) return null;
  const exceptions = new Map((timing.recurrence?.exceptions ?? []).map((e) => [e.occurrence, e]));
  const recurrence = timing.recurrence;
  let rule: Rule | null | undefined;
  return {
    timing,
    start,
    length: start.until(end, { largestUnit: 'day' }),
    exceptions,
    // Made on first use: feeds write the RRULE text and never evaluate it.
    get rule() {
      rule ??= recurrence ? makeRule(timing, start, recurrence.rrule) : null;
      return rule;
    },
  };
}

/**
 * What only expanding the rule shows, for the shared checks of a timing
 * (worker/shared/recurrence.ts): that the rule can be used and gives
 * occurrences, that `start` is its first, that a series with UNTIL stays
 * within MAX_OCCURRENCES, and which starts the exceptions may name.
 */
export const RULE_EXPANSION: RuleExpansion<Rule> = {
  expand(timing, start, issue) {
    let rule: Rule;
    let first: Temporal.PlainDateTime | undefined;
    try {
      rule = makeRule(timing, start, timing.recurrence.rrule);
      // Is `start` an occurrence? Looked at alone: all() would list a rule to its UNTIL.
      const startWall = wallClockMs(start);
      if (rule.betweenWallMs(startWall, startWall).includes(startWall)) first = start;
      // Else the first one, for the message, by a rule of its own with few steps: one that never matches is given up
      // on within a few milliseconds.
      else first = makeRule(timing, start, timing.recurrence.rrule, FIRST_SEARCH_LIMIT).all((index) => index < 1)[0];
    } catch (error) {
      const reason = error instanceof Error && /iteration/i.test(error.message) ? 'it never produces an occurrence' : error instanceof Error ? error.message : String(error);
      issue('recurrence.rrule', 'invalid', `\`recurrence.rrule\` is not a usable rule: ${reason}`);
      return null;
    }
    if (!first) {
      issue('recurrence.rrule', 'no-occurrences', '`recurrence.rrule` never produces an occurrence');
      return null;
    }
    if (!first.equals(start)) {
      issue('start', 'matches-rule', `\`start\` must be the first occurrence of \`recurrence.rrule\` (the rule first gives ${occurrenceId(timing, first)})`);
    }
    const bound = occurrenceBound(rule, start, timing.timeZone);
    if (bound !== null && bound > MAX_OCCURRENCES) {
      issue('recurrence.rrule', 'max-occurrences', `\`recurrence.rrule\` may produce up to ${bound} occurrences before its UNTIL, and at most ${MAX_OCCURRENCES} are allowed; end the series earlier, or give COUNT (at most ${MAX_OCCURRENCES})`, { max: MAX_OCCURRENCES, count: bound });
    }
    const occurrences = exceptionOccurrences(rule, timing, issue);
    return { rule, isOccurrence: occurrences && ((local) => occurrences.has(wallClockMs(local))) };
  },
};

/**
 * Checks a timing as an organiser gave it, every rule, and prepares it for
 * expansion. Issues name the field and the rule; `series` is null when
 * there are any.
 */
export function checkSeries(timing: Timing): { series: Series | null; issues: FieldIssue[] } {
  const { checked, issues } = checkExpandedTiming(timing);
  return { series: checked && { timing, ...checked }, issues };
}

// A write checks its timing three times (its body's schema, its rules, its series): with hundreds of exceptions each
// check is milliseconds, so the last few are remembered.
const checkedTimings = rememberLast<ReturnType<typeof checkTiming<Rule>>>(4);

/** checkTiming with the rule's expansion (RULE_EXPANSION), remembered for the last few timings; the answer is not to be changed. */
export function checkExpandedTiming(timing: Timing): ReturnType<typeof checkTiming<Rule>> {
  return checkedTimings(JSON.stringify(timing), () => checkTiming(timing, RULE_EXPANSION));
}

function isFinite(rule: Rule): boolean {
  const options = rule.options();
  return options.count !== undefined || options.until !== undefined;
}

const WEEKDAY = /^[+-]?\d*(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * At most how many occurrences a rule with UNTIL can give, worked out from
 * its parts (periods until UNTIL × occurrences a period can hold, and never
 * more than one a day), without listing them; null for COUNT (at most 1,000
 * by its syntax) and for a series without end.
 */
function occurrenceBound(rule: Rule, start: Temporal.PlainDateTime, timeZone: string): number | null {
  const until = rule.end().until;
  if (!until) return null;
  const options = rule.options() as { freq: string; interval?: number; byDay?: string[]; byMonthDay?: number[]; byMonth?: number[]; byYearDay?: number[]; byWeekNo?: number[]; bySetPos?: number[] };
  const startMs = zoned(start, timeZone).epochMilliseconds;
  const days = Math.max(0, Math.floor((until.epochMilliseconds - startMs) / DAY_MS)) + 1;
  const interval = options.interval ?? 1;
  const last = until.toZonedDateTimeISO(timeZone);
  const months = (last.year - start.year) * 12 + (last.month - start.month) + 1;
  const count = (list?: unknown[]) => list?.length ?? 0;
  const byDay = (options.byDay ?? []).filter((day) => WEEKDAY.test(day));
  const weekdays = (perWeekday: number) => byDay.reduce((sum, day) => sum + (/^[+-]?\d/.test(day) ? 1 : perWeekday), 0);
  let periods: number;
  let perPeriod: number;
  switch (options.freq) {
    case 'DAILY':
      periods = Math.ceil(days / interval);
      perPeriod = 1;
      break;
    case 'WEEKLY':
      periods = Math.ceil((days + 6) / 7 / interval) + 1;
      perPeriod = byDay.length || 1;
      break;
    case 'MONTHLY':
      periods = Math.ceil(months / interval);
      perPeriod = count(options.byMonthDay) || (byDay.length > 0 ? weekdays(5) : 1);
      break;
    default: {
      periods = Math.ceil((last.year - start.year + 1) / interval);
      const inMonths = count(options.byMonth) || (byDay.length > 0 || count(options.byMonthDay) > 0 ? 12 : 1);
      perPeriod = count(options.byYearDay) || (count(options.byWeekNo) > 0 ? count(options.byWeekNo) * (byDay.length || 1) : inMonths * (count(options.byMonthDay) || (byDay.length > 0 ? weekdays(5) : 1)));
      if (byDay.length > 0 && count(options.byMonth) === 0 && count(options.byWeekNo) === 0 && count(options.byMonthDay) === 0) perPeriod = weekdays(53);
    }
  }
  if (count(options.bySetPos) > 0) perPeriod = Math.min(perPeriod, count(options.bySetPos));
  return Math.min(periods * perPeriod, days);
}

/**
 * The wall-clock starts (milliseconds) of a series around its exceptions,
 * to check each against: one expansion from the earliest to the latest,
 * never a walk per exception. A finite series has at most 1,000; for one
 * without end the exceptions must lie within MAX_EXCEPTION_SPAN_DAYS of each
 * other (else null, with the issue), so this lists at most about 1,100.
 */
function exceptionOccurrences(rule: Rule, timing: Timing, issue: IssueSink): Set<number> | null {
  const times = (timing.recurrence?.exceptions ?? []).map((e) => exceptionWallMs(timing, e.occurrence)).filter((ms) => ms !== null);
  if (times.length === 0) return new Set();
  const earliest = Math.min(...times);
  const latest = Math.max(...times);
  if (!isFinite(rule) && latest - earliest > MAX_EXCEPTION_SPAN_DAYS * DAY_MS) {
    issue('recurrence.exceptions', 'max-span', `\`recurrence.exceptions\` of a series without end must lie within ${MAX_EXCEPTION_SPAN_DAYS} days of each other; end the series and start a new one`, { max: MAX_EXCEPTION_SPAN_DAYS });
    return null;
  }
  try {
    return new Set(rule.betweenWallMs(earliest, latest));
  } catch {
    issue('recurrence.exceptions', 'max-span', `\`recurrence.exceptions\` lie too far apart to check; end the series and start a new one`, { max: MAX_EXCEPTION_SPAN_DAYS });
    return null;
  }
}

/**
 * The wall-clock start an exception names, for the span to expand: from
 * the numbers of an id as occurrenceId writes it ('YYYY-MM-DDTHH:MM' or a
 * date), without a Temporal value each; another form (an instant) parsed.
 * Null when it is no time (checkTiming names those).
 */
function exceptionWallMs(timing: Timing, text: string): number | null {
  const numbers = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (numbers && (numbers[4] === undefined) === timing.allDay) {
    const [year, month, day, hour, minute] = numbers.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number];
    const ms = Date.UTC(year, month - 1, day, hour, minute);
    const date = new Date(ms);
    return inSupportedRange(year) && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 ? ms : null;
  }
  const local = parseOccurrenceId(timing, text);
  return local && wallClockMs(local);
}

function occursAt(rule: Rule, local: Temporal.PlainDateTime): boolean {
  return rule.between(local, local).length > 0;
}

function occurrence(s: Series, local: Temporal.PlainDateTime, recurrenceId: string | null): Occurrence {
  const exception = recurrenceId ? s.exceptions.get(recurrenceId) : undefined;
  if (exception?.kind === 'moved') {
    const moved = { ...s.timing, start: exception.start!, end: exception.end!, recurrence: null };
    return {
      recurrenceId,
      start: zoned(startWallClock(moved)!, s.timing.timeZone),
      end: zoned(endWallClock(moved)!, s.timing.timeZone),
      cancelled: false,
      moved: true,
      place: exception.place ?? null,
    };
  }
  const start = zoned(local, s.timing.timeZone);
  // An occurrence ends at its wall-clock time, as clients read it; one whose start the clocks skip or show twice
  // lasts as long as the first (RFC 5545 3.8.5.3), as a feed writes it (overrides, RDATE), not up to a wall-clock
  // end that may come no later than its start or an hour after.
  const changed = !s.timing.allDay && (!start.toPlainDateTime().equals(local) || clockChangeAt(local, s.timing.timeZone) === 'repeated');
  return {
    recurrenceId,
    start,
    end: changed ? start.add(zoned(s.start, s.timing.timeZone).until(zoned(s.start.add(s.length), s.timing.timeZone))) : zoned(local.add(s.length), s.timing.timeZone),
    cancelled: exception?.kind === 'cancelled',
    moved: false,
    place: null,
  };
}

function overlaps(o: Occurrence, from: Temporal.Instant, to: Temporal.Instant): boolean {
  return Temporal.Instant.compare(o.start.toInstant(), to) < 0 && Temporal.Instant.compare(o.end.toInstant(), from) > 0;
}

/**
 * The occurrences that overlap [from, to), in start order. Removed
 * occurrences are left out; cancelled ones are kept and marked; moved ones
 * appear at their new time (even when their original time is outside the
 * window).
 */
export function occurrencesBetween(s: Series, from: Temporal.Instant, to: Temporal.Instant): Occurrence[] {
  if (!s.rule) {
    const single = occurrence(s, s.start, null);
    return overlaps(single, from, to) ? [single] : [];
  }
  // An occurrence that starts before `from` may still be going on.
  const lookBehind = from.toZonedDateTimeISO(s.timing.timeZone).toPlainDateTime().subtract(s.length).subtract({ days: 1 });
  const lookAhead = to.toZonedDateTimeISO(s.timing.timeZone).toPlainDateTime().add({ days: 1 });
  const found: Occurrence[] = [];
  for (const local of s.rule.between(lookBehind, lookAhead)) {
    const id = occurrenceId(s.timing, local);
    const kind = s.exceptions.get(id)?.kind;
    if (kind === 'removed' || kind === 'moved') continue;
    const o = occurrence(s, local, id);
    if (overlaps(o, from, to)) found.push(o);
  }
  for (const [id, exception] of s.exceptions) {
    if (exception.kind !== 'moved') continue;
    const o = occurrence(s, parseOccurrenceId(s.timing, id)!, id);
    if (overlaps(o, from, to)) found.push(o);
  }
  return found.sort((a, b) => Temporal.ZonedDateTime.compare(a.start, b.start));
}

/** The occurrences that exceptions cancel or move, each at its own time, in start order. */
export function exceptionalOccurrences(s: Series): Occurrence[] {
  return [...s.exceptions.values()]
    .filter((exception) => exception.kind !== 'removed')
    .map((exception) => occurrence(s, parseOccurrenceId(s.timing, exception.occurrence)!, exception.occurrence))
    .sort((a, b) => Temporal.ZonedDateTime.compare(a.start, b.start));
}

/** The first occurrence as the rule gives it (also for an event that does not recur). */
export function firstOccurrence(s: Series): Occurrence {
  return occurrence(s, s.start, null);
}

/**
 * The instants between which every occurrence lies, moved ones included;
 * `end` is null for a series without end.
 */
export function seriesSpan(s: Series): { start: Temporal.Instant; end: Temporal.Instant | null } {
  const first = firstOccurrence(s);
  let start = first.start.toInstant();
  let end: Temporal.Instant | null = first.end.toInstant();
  if (s.rule) {
    if (isFinite(s.rule)) {
      const starts = s.rule.all((index) => index < MAX_OCCURRENCES);
      const last = starts[starts.length - 1];
      if (last) end = occurrence(s, last, null).end.toInstant();
    } else {
      end = null;
    }
    for (const [id, exception] of s.exceptions) {
      if (exception.kind !== 'moved') continue;
      const moved = occurrence(s, parseOccurrenceId(s.timing, id)!, id);
      if (Temporal.Instant.compare(moved.start.toInstant(), start) < 0) start = moved.start.toInstant();
      if (end && Temporal.Instant.compare(moved.end.toInstant(), end) > 0) end = moved.end.toInstant();
    }
  }
  return { start, end };
}

/**
 * A night the clocks change: the wall-clock times they skip (gap) or show
 * twice (overlap), [from, to), as wall-clock milliseconds (the local time
 * read as if it were UTC): plain numbers, because these are looked at for
 * every occurrence written or listed.
 */
interface ClockChange {
  kind: 'skipped' | 'repeated';
  from: number;
  to: number;
  /** The instant of the change (epoch milliseconds), and the zone's offset before and after it. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

const DAY_MS = 86_400_000;
export const wallClockMs = (local: Temporal.PlainDateTime) => Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
const fromWallClockMs = (ms: number) => {
  const d = new Date(ms);
  return new Temporal.PlainDateTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
};

// Per zone, per year; a zone's years are a few changes each, found once per isolate.
const clockChanges = new Map<string, Map<number, ClockChange[]>>();

/** The clock changes of a zone in a year (cached: finding them takes a fraction of a millisecond each). */
function clockChangesIn(timeZone: string, year: number): ClockChange[] {
  let years = clockChanges.get(timeZone);
  if (!years) clockChanges.set(timeZone, (years = new Map()));
  let changes = years.get(year);
  if (!changes) {
    changes = [];
    let at: Temporal.ZonedDateTime | null = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toZonedDateTime({ timeZone });
    while ((at = at.getTimeZoneTransition('next')) && at.year === year) {
      const offsetAfter = at.offsetNanoseconds / 1e6;
      const offsetBefore = at.subtract({ nanoseconds: 1 }).offsetNanoseconds / 1e6;
      const shift = offsetAfter - offsetBefore;
      const after = wallClockMs(at.toPlainDateTime());
      const instant = { at: at.epochMilliseconds, offsetBefore, offsetAfter };
      if (shift > 0) changes.push({ kind: 'skipped', from: after - shift, to: after, ...instant });
      else if (shift < 0) changes.push({ kind: 'repeated', from: after, to: after - shift, ...instant });
    }
    years.set(year, changes);
  }
  return changes;
}

const yearsFrom = (first: number, last: number) => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

/**
 * Wall-clock starts of a series (or candidates for them, for a length of a
 * day or more) near the clock changes of these years: a start the change
 * skips or repeats ('skipped', 'repeated'), or an occurrence that lasts
 * across it ('across'; an end at the first changed minute is one too).
 */
function nearChanges(s: Series, years: Iterable<number>): { kind: ClockChange['kind'] | 'across'; local: Temporal.PlainDateTime }[] {
  const startMs = wallClockMs(s.start);
  const lengthMs = wallClockMs(s.start.add(s.length)) - startMs;
  const timeOfDay = ((startMs % DAY_MS) + DAY_MS) % DAY_MS;
  const found: { kind: ClockChange['kind'] | 'across'; local: Temporal.PlainDateTime }[] = [];
  for (const year of years) {
    for (const change of clockChangesIn(s.timing.timeZone, year)) {
      const day = Math.floor(change.from / DAY_MS) * DAY_MS;
      const candidates =
        lengthMs >= DAY_MS
          ? s.rule!.between(fromWallClockMs(change.from - lengthMs), fromWallClockMs(change.to)).map(wallClockMs)
          : [day - DAY_MS + timeOfDay, day + timeOfDay];
      for (const local of candidates) {
        if (local >= change.from && local < change.to) found.push({ kind: change.kind, local: fromWallClockMs(local) });
        else if (local < change.from && local + lengthMs >= change.from) found.push({ kind: 'across', local: fromWallClockMs(local) });
      }
    }
  }
  return found;
}

/**
 * The occurrences of a timed series that calendar clients do not read
 * alike from DTSTART, DTEND and RRULE alone, without an exception of their
 * own: a start at a wall-clock time the clocks skip or show twice (the API
 * reads them as RFC 5545 3.3.5 says; ical.js reads a skipped 03:30 with the
 * summer offset, node-ical leaves it out, ical.js takes the second of two
 * 03:30s), and an occurrence that lasts across a change (it ends at its
 * wall-clock time, as in ical.js and Python; node-ical adds the first
 * occurrence's exact length). A feed spells these out. Cheap for the usual
 * series: only one near a change of the zone's clocks is looked at further.
 */
export function clockChangeOccurrences(s: Series): { skipped: Occurrence[]; repeated: Occurrence[]; across: Occurrence[] } {
  const result: { skipped: Occurrence[]; repeated: Occurrence[]; across: Occurrence[] } = { skipped: [], repeated: [], across: [] };
  const rule = s.rule;
  if (s.timing.allDay || !rule) return result;
  const firstYear = s.start.year;
  if (nearChanges(s, yearsFrom(firstYear - 1, firstYear + 2)).length === 0) return result;
  const span = seriesSpan(s);
  const lastYear = span.end ? span.end.toZonedDateTimeISO(s.timing.timeZone).year : 2100;
  const first = firstOccurrence(s);
  const exact = first.start.until(first.end);
  const seen = new Set<string>();
  for (const { kind, local } of nearChanges(s, yearsFrom(firstYear - 1, lastYear))) {
    const id = occurrenceId(s.timing, local);
    if (seen.has(id) || Temporal.PlainDateTime.compare(local, s.start) < 0 || s.exceptions.has(id) || !occursAt(rule, local)) continue;
    seen.add(id);
    const o = occurrence(s, local, id);
    if (kind !== 'across') result[kind].push(o);
    else if (!local.equals(s.start) && !o.start.add(exact).equals(o.end)) result.across.push(o);
  }
  return result;
}

/** Whether the clocks of a zone skip a wall-clock time or show it twice; null for an ordinary time. */
export function clockChangeAt(local: Temporal.PlainDateTime, timeZone: string): ClockChange['kind'] | null {
  return clockChangeAtWallMs(wallClockMs(local), timeZone);
}

/** clockChangeAt of wall-clock milliseconds. */
export function clockChangeAtWallMs(ms: number, timeZone: string): ClockChange['kind'] | null {
  const year = new Date(ms).getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    for (const change of clockChangesIn(timeZone, y)) if (ms >= change.from && ms < change.to) return change.kind;
  }
  return null;
}

// The offset of a zone at the start of a year (its changes give the rest), by zone and year: called a few times
// for each occurrence a write stores, so without a key string made per call.
const yearOffsets = new Map<string, Map<number, number>>();

function offsetAtYearStart(timeZone: string, year: number): number {
  let years = yearOffsets.get(timeZone);
  if (!years) yearOffsets.set(timeZone, (years = new Map()));
  let offset = years.get(year);
  if (offset === undefined) {
    offset = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toZonedDateTime({ timeZone }).offsetNanoseconds / 1e6;
    years.set(year, offset);
  }
  return offset;
}

/**
 * The instant (epoch milliseconds) of a wall-clock time, as `zoned()` gives
 * it but with numbers only: a time the clocks skip or show twice takes the
 * offset before the change (RFC 5545 3.3.5). For writing many occurrences.
 */
export function wallClockToEpochMs(wallMs: number, timeZone: string): number {
  const year = new Date(wallMs).getUTCFullYear();
  let offset = offsetAtYearStart(timeZone, year);
  for (const change of clockChangesIn(timeZone, year)) if (wallMs >= change.to) offset = change.offsetAfter;
  return wallMs - offset;
}

/** The zone's offset (milliseconds) at an instant. */
export function offsetAtEpochMs(epochMs: number, timeZone: string): number {
  // The wall-clock year may differ from the UTC year by the offset; look at both.
  const year = new Date(epochMs).getUTCFullYear();
  let offset = offsetAtYearStart(timeZone, year);
  for (const change of clockChangesIn(timeZone, year)) if (epochMs >= change.at) offset = change.offsetAfter;
  return offset;
}
