/**
 * When an event happens, as an organiser writes it: start and end, a
 * recurrence rule (RFC 5545 RRULE) and its removed, cancelled and moved
 * occurrences, and the rules they must keep.
 *
 * The browser checks these as one types. What only expanding the rule can
 * tell (that it gives occurrences at all, that `start` is its first, that an
 * exception is one of them, how many there are before UNTIL) needs the
 * recurrence library, which only the worker loads: it hands that part in as
 * a `RuleExpansion` (worker/domain/recurrence.ts), and the same checks then
 * run in the same order with it.
 */
import type { RecurrenceException } from './event-fields';
import type { FieldIssue } from './problems';
import { DATE_PATTERN, Temporal, formatWallClock, parseDate, parseWallClock, zoned } from './time';

/** A finite series may have at most this many occurrences. */
export const MAX_OCCURRENCES = 1000;

/** A series may list at most this many exceptions. */
export const MAX_EXCEPTIONS = 500;

/** When an event happens. All-day `end` is the last day, inclusive. */
export interface Timing {
  timeZone: string;
  allDay: boolean;
  start: string;
  end: string;
  recurrence: { rrule: string; exceptions: RecurrenceException[] } | null;
}

const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS', 'WKST']);
const ALLOWED_FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** The first reason why a rule's text is not one we accept, or null. */
export function ruleSyntaxProblem(rrule: string): string | null {
  const text = rrule.trim().replace(/^RRULE:/i, '');
  if (text === '') return 'must not be empty';
  const seen = new Set<string>();
  for (const part of text.split(';')) {
    const [key, value, extra] = part.split('=');
    const name = key?.toUpperCase() ?? '';
    if (!name || value === undefined || value === '' || extra !== undefined) return `'${part}' is not a NAME=VALUE part`;
    if (!ALLOWED_PARTS.has(name)) {
      return name.startsWith('BY') && ['BYHOUR', 'BYMINUTE', 'BYSECOND'].includes(name)
        ? `${name} is not supported: the time of day comes from 'start'`
        : `${name} is not a supported rule part`;
    }
    if (seen.has(name)) return `${name} appears twice`;
    seen.add(name);
    if (name === 'FREQ' && !ALLOWED_FREQUENCIES.has(value.toUpperCase())) return 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY';
    if (name === 'COUNT' && !(Number(value) >= 1 && Number(value) <= MAX_OCCURRENCES && /^\d+$/.test(value))) {
      return `COUNT must be a whole number from 1 to ${MAX_OCCURRENCES}`;
    }
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be given';
  return null;
}

export function startWallClock(timing: Pick<Timing, 'allDay' | 'start' | 'timeZone'>): Temporal.PlainDateTime | null {
  return timing.allDay
    ? (parseDate(timing.start)?.toPlainDateTime() ?? null)
    : parseWallClock(timing.start, timing.timeZone);
}

export function endWallClock(timing: Pick<Timing, 'allDay' | 'end' | 'timeZone'>): Temporal.PlainDateTime | null {
  // An all-day event ends at the midnight after its last day.
  return timing.allDay
    ? (parseDate(timing.end)?.add({ days: 1 }).toPlainDateTime() ?? null)
    : parseWallClock(timing.end, timing.timeZone);
}

/** How an occurrence is named (RECURRENCE-ID, an exception's `occurrence`): its wall-clock start, or its date when all-day. */
export function occurrenceId(timing: Pick<Timing, 'allDay'>, local: Temporal.PlainDateTime): string {
  return timing.allDay ? local.toPlainDate().toString() : formatWallClock(local);
}

// 'YYYY-MM-DDTHH:MM', as occurrenceId writes a timed occurrence.
const MINUTE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function parseOccurrenceId(timing: Pick<Timing, 'allDay' | 'timeZone'>, text: string): Temporal.PlainDateTime | null {
  return timing.allDay ? (parseDate(text)?.toPlainDateTime() ?? null) : parseWallClock(text, timing.timeZone);
}

/** The wall-clock times of a night clocks skip, when `local` is one of them: the clock before and after the jump. */
function skippedBy(local: Temporal.PlainDateTime, timeZone: string): { from: string; to: string } | null {
  const read = zoned(local, timeZone);
  if (read.toPlainDateTime().equals(local)) return null;
  const change = read.getTimeZoneTransition('previous');
  if (!change) return null;
  const after = change.toPlainDateTime();
  const before = after.subtract({ nanoseconds: change.offsetNanoseconds - change.subtract({ nanoseconds: 1 }).offsetNanoseconds });
  const time = (t: Temporal.PlainDateTime) => t.toPlainTime().toString({ smallestUnit: 'minute' });
  return { from: time(before), to: time(after) };
}

/** Records one broken rule. */
export type IssueSink = (field: string, rule: string, message: string, values?: FieldIssue['values']) => void;

/** A recurring timing whose texts have been read: what expanding its rule starts from. */
export type RecurringTiming = Timing & { recurrence: NonNullable<Timing['recurrence']> };

/**
 * The checks that expand the rule. `expand` makes the rule for `start`
 * and reports what only the expansion shows; it gives null when the rule
 * cannot be used at all (the issue says why), else the rule and, when the
 * exceptions could be looked at, which wall-clock starts are occurrences.
 */
export interface RuleExpansion<Rule> {
  expand(timing: RecurringTiming, start: Temporal.PlainDateTime, issue: IssueSink): { rule: Rule; isOccurrence: ((local: Temporal.PlainDateTime) => boolean) | null } | null;
}

/** A timing that keeps every rule checked, read for expansion. `rule` is null without a recurrence or an expansion. */
export interface CheckedTiming<Rule> {
  start: Temporal.PlainDateTime;
  length: Temporal.Duration;
  rule: Rule | null;
  /** By occurrence id, each with its `occurrence` in canonical form. */
  exceptions: Map<string, RecurrenceException>;
}

/**
 * Checks a timing as an organiser gave it. Issues name the field and the
 * rule; `checked` is null when there are any. Without `expansion` the rules
 * that need the recurrence library are left out (the worker checks them).
 */
export function checkTiming<Rule>(timing: Timing, expansion?: RuleExpansion<Rule>): { checked: CheckedTiming<Rule> | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue: IssueSink = (field, rule, message, values) => issues.push({ field, rule, message, ...(values ? { values } : {}) });
  const form = timing.allDay ? 'a date YYYY-MM-DD' : 'a date-time YYYY-MM-DDTHH:MM';
  const start = startWallClock(timing);
  const end = endWallClock(timing);
  if (!start) issue('start', 'format', `\`start\` must be ${form} between 2000 and 2100`);
  if (!end) issue('end', 'format', `\`end\` must be ${form} between 2000 and 2100`);
  if (!start || !end) return { checked: null, issues };

  const startInstant = zoned(start, timing.timeZone);
  const endInstant = zoned(end, timing.timeZone);
  if (Temporal.ZonedDateTime.compare(endInstant, startInstant) <= 0) {
    const skipped = !timing.allDay && Temporal.PlainDateTime.compare(end, start) > 0 ? skippedBy(start, timing.timeZone) : null;
    if (skipped) {
      // 03:30–04:30 on the night clocks go from 03:00 to 04:00: calendars read 03:30 as 04:30, leaving nothing.
      const read = formatWallClock(startInstant.toPlainDateTime());
      issue('start', 'nonexistent-time', `\`start\` ${formatWallClock(start)} does not exist in ${timing.timeZone}: the clocks go from ${skipped.from} to ${skipped.to} that night, and calendars read it as ${read.slice(11)} (RFC 5545), which is not before \`end\` ${formatWallClock(end).slice(11)}; start at ${skipped.to} or later, or end later`, { time: formatWallClock(start).slice(11), zone: timing.timeZone, from: skipped.from, to: skipped.to });
    } else {
      issue('end', 'after-start', timing.allDay ? '`end` must not be before `start`' : '`end` must be after `start`');
    }
    return { checked: null, issues };
  }
  const length = start.until(end, { largestUnit: 'day' });
  if (length.days > 366) issue('end', 'max-length', 'an event may last at most 366 days');

  let rule: Rule | null = null;
  const exceptions = new Map<string, RecurrenceException>();
  if (timing.recurrence) {
    const syntax = ruleSyntaxProblem(timing.recurrence.rrule);
    if (syntax) {
      issue('recurrence.rrule', 'syntax', `\`recurrence.rrule\`: ${syntax}`);
      return { checked: null, issues };
    }
    let isOccurrence: ((local: Temporal.PlainDateTime) => boolean) | null = null;
    if (expansion) {
      const expanded = expansion.expand(timing as RecurringTiming, start, issue);
      if (!expanded) return { checked: null, issues };
      rule = expanded.rule;
      isOccurrence = expanded.isOccurrence;
    }
    timing.recurrence.exceptions.forEach((exception, index) => {
      const field = `recurrence.exceptions[${index}]`;
      const local = parseOccurrenceId(timing, exception.occurrence);
      if (!local) {
        issue(`${field}.occurrence`, 'format', `\`${field}.occurrence\` must be ${form}`);
        return;
      }
      // An id written as occurrenceId writes it is its own id: hundreds of exceptions are not formatted again.
      const id = (timing.allDay ? DATE_PATTERN : MINUTE_PATTERN).test(exception.occurrence) ? exception.occurrence : occurrenceId(timing, local);
      if (exceptions.has(id)) issue(`${field}.occurrence`, 'unique', `\`${field}.occurrence\` ${id} is listed twice`);
      else if (isOccurrence && !isOccurrence(local)) {
        issue(`${field}.occurrence`, 'is-occurrence', `\`${field}.occurrence\` ${id} is not an occurrence of the rule`);
      }
      exceptions.set(id, { ...exception, occurrence: id });
      if (exception.kind === 'moved') {
        const moved = { ...timing, start: exception.start ?? '', end: exception.end ?? '' };
        const movedStart = startWallClock(moved);
        const movedEnd = endWallClock(moved);
        if (!movedStart) issue(`${field}.start`, 'format', `\`${field}.start\` of a moved occurrence must be ${form}`);
        if (!movedEnd) issue(`${field}.end`, 'format', `\`${field}.end\` of a moved occurrence must be ${form}`);
        if (movedStart && movedEnd && Temporal.PlainDateTime.compare(movedEnd, movedStart) <= 0) {
          issue(`${field}.end`, 'after-start', `\`${field}.end\` must be after \`${field}.start\``);
        }
      } else if (exception.start || exception.end || exception.place) {
        issue(`${field}.kind`, 'moved-only', `only a moved occurrence has its own \`start\`, \`end\` or \`place\``);
      }
    });
  }
  return { checked: issues.length === 0 ? { start, length, rule, exceptions } : null, issues };
}
