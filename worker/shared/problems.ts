/**
 * Broken rules, as the API reports them (application/problem+json) and as
 * the organiser's forms show them beside their fields while one types.
 * The browser runs this module too: written with what zod/mini has (see ./zod.ts).
 */
import { documented, z } from './zod';

/** One broken rule of one input field, e.g. { field: 'end', rule: 'after-start', … }. */
export const FieldIssue = z.object({
  field: z.string(),
  rule: z.string(),
  message: z.string(),
  values: documented(z.optional(z.record(z.string(), z.union([z.string(), z.number()]))), { description: 'The values the message names (e.g. `max`), for a text in another language' }),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

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

/** An answer in application/problem+json (RFC 9457), with the broken rules of fields. */
export const Problem = documented(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    errors: documented(z.optional(z.array(FieldIssue)), { description: 'One entry per broken rule of a field' }),
    lastChange: documented(z.optional(z.object({ at: z.string(), by: z.nullable(z.string()) })), {
      description: "412: when the thing was last changed and by whom (a person's name for signed-in people who may edit it; a token's name; null otherwise)",
    }),
  }),
  'Problem',
);
export type Problem = z.infer<typeof Problem>;
