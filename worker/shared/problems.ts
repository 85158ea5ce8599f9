/**
 * Broken rules, as the API reports them (application/problem+json) and as
 * the organiser's forms show them beside their fields while one types.
 */
import type { z } from 'zod';

/** One broken rule of one input field, e.g. { field: 'end', rule: 'after-start', … }. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
  /** The values the message names (a limit, a day, a time), for clients that say it in their own language. */
  values?: Record<string, string | number>;
}

/** 'recurrence.exceptions[0].start' → ['recurrence', 'exceptions', 0, 'start']: a field as a zod path. */
export function pathOfField(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Adds issues found by a rule between fields to a schema's refinement, each with its rule and values. */
export function addFieldIssues(ctx: z.RefinementCtx, issues: readonly FieldIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: pathOfField(issue.field), message: issue.message, params: { rule: issue.rule, values: issue.values } });
}
