/**
 * The rules between an event's fields, checked by EventInput: in the
 * browser as one types, and again in the worker, which adds what needs its
 * own libraries (the recurrence expansion, the IANA zone data) through
 * `EventRuleChecks` (worker/domain/events.ts).
 */
import type { EventInput } from './event-fields';
import type { FieldIssue } from './problems';
import { type Timing, checkTiming } from './recurrence';
import { DEFAULT_TIME_ZONE, Temporal, parseDate, parseWallClock, runtimeTimeZone, timeZoneProblem, zoned } from './time';

/** What the rules ask of the place they run in. */
export interface EventRuleChecks {
  /** The one name kept for a time zone, or null when the name is no zone. */
  timeZone: (name: string) => string | null;
  /** The timing's checks with the rule's expansion (the worker's, which remembers the last few); without it those rules are the server's. */
  checkTiming?: (timing: Timing) => ReturnType<typeof checkTiming>;
}

/** The checks the browser can make: zones as its own data knows them, no expansion of rules. */
export const RUNTIME_CHECKS: EventRuleChecks = { timeZone: runtimeTimeZone };

/** When the input happens, in the zone `timeZone` (the name kept for the one it gives). */
export function timingOf(input: EventInput, timeZone: string): Timing {
  return {
    timeZone,
    allDay: input.allDay ?? false,
    start: input.start,
    end: input.end,
    recurrence: input.recurrence ? { rrule: input.recurrence.rrule, exceptions: input.recurrence.exceptions ?? [] } : null,
  };
}

function duplicates(values: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  return (values ?? []).filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** A deadline given as a date means the end of that day. */
export function parseDeadline(text: string, timeZone: string): Temporal.PlainDateTime | null {
  const date = parseDate(text);
  if (date) return date.toPlainDateTime({ hour: 23, minute: 59 });
  return parseWallClock(text, timeZone);
}

/**
 * The rules between fields of an input whose fields are each well formed:
 * time zone, start and end, recurrence, deadline, duplicates.
 */
export function eventRuleIssues(input: EventInput, checks: EventRuleChecks = RUNTIME_CHECKS): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const given = input.timeZone ?? DEFAULT_TIME_ZONE;
  const timeZone = checks.timeZone(given);
  if (!timeZone) return [{ field: 'timeZone', rule: 'time-zone', message: timeZoneProblem(given) }];
  const timing = timingOf(input, timeZone);
  const { checked, issues: timingIssues } = checks.checkTiming ? checks.checkTiming(timing) : checkTiming(timing);
  issues.push(...timingIssues);

  const deadline = input.registration?.deadline;
  if (deadline) {
    const local = parseDeadline(deadline, timeZone);
    if (!local) {
      issues.push({ field: 'registration.deadline', rule: 'format', message: '`registration.deadline` must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM' });
    } else if (checked && !timing.recurrence) {
      // The start as calendars read it: a time the clocks skip moves forward by the gap.
      const start = zoned(checked.start, timeZone).toPlainDateTime();
      if (Temporal.PlainDateTime.compare(local, start) > 0) {
        issues.push({ field: 'registration.deadline', rule: 'before-start', message: '`registration.deadline` must not be after `start`' });
      }
    }
  }
  for (const field of ['organisations', 'networks', 'municipalities', 'audiences', 'languages'] as const) {
    const repeated = duplicates(input[field]);
    if (repeated.length > 0) issues.push({ field, rule: 'unique', message: `\`${field}\` lists '${repeated[0]}' twice` });
  }
  return issues;
}
