/**
 * The annual clock as organisers write it: the rules between a clock
 * item's fields, which the browser checks as one types and the worker
 * checks again.
 */
import type { FieldIssue } from './problems';

export type Repeat = 'yearly' | 'odd-years' | 'even-years' | 'once';

/** What the rules between a clock item's fields need to see. */
export interface ClockItemRuleInput {
  kind: 'annual' | 'term';
  span?: { startMonth: number; startDay?: number | null; endMonth: number; endDay?: number | null } | null;
  repeat?: Repeat;
  onceYear?: number | null;
  termYears?: { start: number; end: number } | null;
  decision?: { month: number; day: number } | null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The rules between a clock item's fields, each naming its field. */
export function clockItemRuleIssues(input: ClockItemRuleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.kind === 'annual') {
    if (!input.span) issues.push({ field: 'span', rule: 'required', message: '`span` is required for an annual item' });
    for (const end of ['start', 'end'] as const) {
      const month = input.span?.[`${end}Month`];
      const dayOfMonth = input.span?.[`${end}Day`];
      if (month && dayOfMonth && dayOfMonth > DAYS_IN_MONTH[month - 1]!) {
        issues.push({ field: `span.${end}Day`, rule: 'in-month', message: `\`span.${end}Day\` ${dayOfMonth} is not a day of month ${month}`, values: { day: dayOfMonth, month } });
      }
    }
    if (input.termYears) issues.push({ field: 'termYears', rule: 'term-only', message: '`termYears` belongs to council-term items only' });
    if (input.repeat === 'once' && !input.onceYear) issues.push({ field: 'onceYear', rule: 'required', message: "`onceYear` is required when `repeat` is 'once'" });
  } else {
    if (!input.termYears) issues.push({ field: 'termYears', rule: 'required', message: '`termYears` is required for a council-term item' });
    else if (input.termYears.end < input.termYears.start) issues.push({ field: 'termYears.end', rule: 'after-start', message: '`termYears.end` must not be before `termYears.start`' });
    if (input.span) issues.push({ field: 'span', rule: 'annual-only', message: '`span` belongs to annual items only' });
    if (input.decision) issues.push({ field: 'decision', rule: 'annual-only', message: '`decision` belongs to annual items only' });
  }
  const decision = input.decision;
  if (decision && decision.month && decision.day && decision.day > DAYS_IN_MONTH[decision.month - 1]!) {
    issues.push({ field: 'decision.day', rule: 'in-month', message: `\`decision.day\` ${decision.day} is not a day of month ${decision.month}` });
  }
  return issues;
}

