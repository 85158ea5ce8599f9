/**
 * The annual clock and the council-term clock: what the API answers (a
 * year's wheel, a council term), what an organiser writes (items, rings, a
 * new clock), and the rules between a clock item's fields, which the
 * browser checks as one types and the worker checks again.
 */
import { z } from './zod';
import { CLOCK_CATEGORIES } from './clock-categories';
import { DecisionSteps } from './event-fields';
import { addFieldIssues, type FieldIssue } from './problems';
import { LANGUAGES } from './languages';
import { HttpUrl, Localized, LocalizedDescription, LocalizedShortTitle, LocalizedTitle, Slug, optionalText, repeatable, text } from './text';

export const Repeat = z.enum(['yearly', 'odd-years', 'even-years', 'once']);
export type Repeat = z.infer<typeof Repeat>;

/** annual: a span of the year; term: years of the council term. */
export const ClockItemKind = z.enum(['annual', 'term']);
export type ClockItemKind = z.infer<typeof ClockItemKind>;

/** Short names as stored: null in a language that has none. */
export const ShortTitle = z
  .object({ fi: z.string().nullable(), sv: z.string().nullable(), en: z.string().nullable() })
  .openapi({ description: 'Short names for the wheel; null in a language that has none' });
export type ShortTitle = z.infer<typeof ShortTitle>;

const ClockDecision = z.object({
  title: Localized,
  month: z.number().int(),
  day: z.number().int(),
  steps: z.array(z.object({ title: Localized, workingDaysBefore: z.number().int() })),
});

const ClockPlan = z
  .object({
    decision: z.object({ title: Localized, date: z.string().openapi({ description: 'The decision day of this occurrence: the day given, or the working day before it' }) }),
    steps: z.array(z.object({ title: Localized, workingDaysBefore: z.number().int(), date: z.string() })).openapi({ description: 'Preparation steps, earliest first' }),
  })
  .openapi('ClockPlan');

const ClockEventLink = z.object({
  id: z.string(),
  title: Localized,
  start: z.string(),
  startsAt: z.string(),
  allDay: z.boolean(),
  status: z.enum(['published', 'cancelled']),
  plans: z.array(ClockPlan).openapi({ description: "The event's decision on the days of its first 12 occurrences in the year read (as far as the occurrence index reaches, as in lists), and its steps; empty when it has none, and in the council-term clock" }),
});

const ClockItemFields = {
  id: z.number().int(),
  ring: Slug.nullable(),
  title: Localized,
  shortTitle: ShortTitle,
  description: Localized,
  colour: z.string().openapi({ example: '#00508c', description: "The category's colour" }),
  category: z.enum(CLOCK_CATEGORIES).openapi({ description: 'What the colour means; names in /api/clock categories' }),
  responsibleOrganisation: Slug.nullable(),
  source: z.string().nullable().openapi({ description: 'Where the duty or practice is written down' }),
  links: z.array(z.object({ title: z.string(), url: z.string() })),
  events: z.array(ClockEventLink).openapi({ description: 'Published events that realise the item' }),
  status: z.enum(['published', 'draft']).openapi({ description: "'draft': made by a roll-over, seen only by the clock's editors (drafts=include)" }),
  replacesItem: z.number().int().nullable().openapi({ description: 'A version for this year or term: the item whose occurrence it replaces' }),
};

export const AnnualClockItem = z
  .object({
    ...ClockItemFields,
    span: z.object({ startMonth: z.number().int(), startDay: z.number().int().nullable(), endMonth: z.number().int(), endDay: z.number().int().nullable() }),
    repeat: Repeat,
    onceYear: z.number().int().nullable().openapi({ description: "The year of a 'once' item" }),
    occurrences: z.array(z.object({ start: z.string(), end: z.string() })).openapi({ description: 'Date spans (inclusive) that touch the year; one may start the year before' }),
    decision: ClockDecision.nullable(),
    plans: z.array(ClockPlan).openapi({ description: "The decision and its steps with their dates, one per occurrence; empty when the item has no decision" }),
  })
  .openapi('AnnualClockItem');
export type AnnualClockItem = z.infer<typeof AnnualClockItem>;

const ClockInfo = z.object({
  slug: Slug,
  name: Localized,
  organisation: Slug.nullable(),
  startMonth: z.number().int().openapi({ description: 'The month at the top of the wheel' }),
  rings: z.array(z.object({ slug: Slug, name: Localized })),
});

export const AnnualClock = z
  .object({ clock: ClockInfo, year: z.number().int(), items: z.array(AnnualClockItem) })
  .openapi('AnnualClock');
export type AnnualClock = z.infer<typeof AnnualClock>;

export const CouncilTermItem = z
  .object({ ...ClockItemFields, termYears: z.object({ start: z.number().int(), end: z.number().int() }), span: z.object({ start: z.string(), end: z.string() }) })
  .openapi('CouncilTermItem');
export type CouncilTermItem = z.infer<typeof CouncilTermItem>;

export const CouncilTermClock = z
  .object({
    clock: ClockInfo,
    term: z.object({ name: z.string(), start: z.string(), end: z.string(), years: z.array(z.object({ year: z.number().int(), start: z.string(), end: z.string() })) }),
    currentYear: z.number().int().nullable().openapi({ description: 'Year of the term (1–4) today, null when the term shown is not the current one' }),
    items: z.array(CouncilTermItem),
  })
  .openapi('CouncilTermClock');
export type CouncilTermClock = z.infer<typeof CouncilTermClock>;

/** Drafts are shown only to the clock's editors who ask for them. */
const DraftsParameter = z.enum(['include']).optional().openapi({ description: "'include': the clock's editors see drafts too, as if published (others get 401/403)" });

export const ClockQuery = z
  .object({
    clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }),
    year: z.coerce.number().int('must be a whole number').min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier').optional().openapi({ description: 'Default: this year' }),
    ring: repeatable('Ring slug'),
    organisation: repeatable('Responsible organisation slug'),
    lang: z.enum(LANGUAGES).optional().openapi({ description: 'For /clock.ics: language of the texts' }),
  })
  .strict();
export type ClockQuery = z.infer<typeof ClockQuery>;

export const AnnualClockQuery = ClockQuery.extend({ drafts: DraftsParameter }).strict();
export type AnnualClockQuery = z.infer<typeof AnnualClockQuery>;

export const CouncilTermQuery = z
  .object({
    clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional().openapi({ description: 'Show the term that contains this date; default today' }),
    ring: repeatable('Ring slug'),
    organisation: repeatable('Responsible organisation slug'),
    drafts: DraftsParameter,
  })
  .strict();
export type CouncilTermQuery = z.infer<typeof CouncilTermQuery>;

export const Colour = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a colour #rrggbb in lower case').openapi({ example: '#00508c' });
export type Colour = z.infer<typeof Colour>;

/** A decision an annual item leads to, and the preparation steps counted back from it in working days. */
export const ClockDecisionInput = z
  .object({
    title: LocalizedTitle,
    month: z.number().int('must be a whole number').min(1, 'must be 1–12').max(12, 'must be 1–12'),
    day: z.number().int('must be a whole number').min(1, 'must be 1–31').max(31, 'must be 1–31'),
    steps: DecisionSteps.optional(),
  })
  .strict()
  .openapi('ClockDecisionInput', { description: 'Every year on this day (or the working day before it); e.g. the council approves the wellbeing report' });
export type ClockDecisionInput = z.infer<typeof ClockDecisionInput>;

/** A clock item as an organiser writes it: an annual span or years of the council term. */
export const ClockItemWrite = z
  .object({
    ring: Slug.openapi({ description: "Ring slug of the item's clock" }),
    kind: ClockItemKind,
    title: LocalizedTitle,
    shortTitle: LocalizedShortTitle.nullish(),
    description: LocalizedDescription.nullish(),
    span: z
      .object({
        startMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12'),
        startDay: z.number().int().min(1, 'must be 1–31').max(31, 'must be 1–31').nullish(),
        endMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12'),
        endDay: z.number().int().min(1, 'must be 1–31').max(31, 'must be 1–31').nullish(),
      })
      .strict()
      .nullish()
      .openapi({ description: 'Annual items: an end before the start crosses New Year; a missing day means the whole month' }),
    repeat: Repeat.optional(),
    onceYear: z.number().int().min(2000, 'must be 2000–2100').max(2100, 'must be 2000–2100').nullish(),
    termYears: z.object({ start: z.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4'), end: z.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4') }).strict().nullish(),
    colour: Colour.optional().openapi({ deprecated: true, description: "Ignored: an item's colour is its category's, so the legend always holds" }),
    category: z.enum(CLOCK_CATEGORIES).optional().openapi({ description: "Default 'muu'; gives the item its colour" }),
    responsibleOrganisation: Slug.nullish(),
    source: optionalText(500),
    links: z.array(z.object({ title: text(300).min(1, 'is required'), url: HttpUrl }).strict()).max(20, 'may list at most 20 links').optional(),
    decision: ClockDecisionInput.nullish().openapi({ description: 'Annual items: a decision and its preparation steps in working days before it' }),
  })
  .strict();
export type ClockItemWrite = z.infer<typeof ClockItemWrite>;

export const ClockItemInput = ClockItemWrite.superRefine((input, ctx) => addFieldIssues(ctx, clockItemRuleIssues(input))).openapi('ClockItemInput');
export type ClockItemInput = z.infer<typeof ClockItemInput>;

export const ClockItemPatch = ClockItemWrite.partial().openapi('ClockItemPatch');
export type ClockItemPatch = z.infer<typeof ClockItemPatch>;

export const StoredClockItem = z
  .object({
    id: z.number().int(),
    clock: Slug,
    ring: Slug.nullable(),
    kind: ClockItemKind,
    title: Localized,
    shortTitle: ShortTitle,
    description: Localized,
    span: z.object({ startMonth: z.number().int(), startDay: z.number().int().nullable(), endMonth: z.number().int(), endDay: z.number().int().nullable() }).nullable(),
    repeat: Repeat,
    onceYear: z.number().int().nullable(),
    termYears: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
    colour: z.string(),
    category: z.enum(CLOCK_CATEGORIES),
    responsibleOrganisation: Slug.nullable(),
    source: z.string().nullable(),
    links: z.array(z.object({ title: z.string(), url: z.string() })),
    decision: ClockDecision.nullable(),
    status: z.enum(['published', 'draft']),
    replacesItem: z.number().int().nullable().openapi({ description: 'A version for one year or council term: the item whose occurrence it replaces' }),
    forTermStart: z.number().int().nullable().openapi({ description: "A term item's version: the first year of its council term; null for an item of every term" }),
  })
  .openapi('ClockItem');
export type StoredClockItem = z.infer<typeof StoredClockItem>;

export const RingsInput = z
  .object({
    rings: z
      .array(z.object({ slug: Slug, name: LocalizedTitle }).strict())
      .min(1, 'must have at least one ring')
      .max(8, 'may have at most 8 rings')
      .refine((rings) => new Set(rings.map((r) => r.slug)).size === rings.length, 'must not name a ring twice')
      .openapi({ description: 'Outermost first' }),
  })
  .strict()
  .openapi('RingsInput');
export type RingsInput = z.infer<typeof RingsInput>;

export const NewClockInput = z
  .object({
    organisation: Slug.optional().openapi({ description: "The organisation whose clock it is; default the token's" }),
    startMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12').optional(),
  })
  .strict()
  .openapi('NewClockInput', { description: 'A clock filled from the statutory wellbeing cycle template' });
export type NewClockInput = z.infer<typeof NewClockInput>;

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


/** The first year of a council term: 2025 and every fourth year either way. */
export const isTermStart = (year: number): boolean => (((year - 2025) % 4) + 4) % 4 === 0;

const RollOverYear = z.number().int('must be a whole number').min(2000, 'must be 2000–2099').max(2099, 'must be 2000–2099');

/** A roll-over: the year (to the next) or the council term by its first year (to the next term). */
export const RollOverInput = z
  .object({
    year: RollOverYear.optional().openapi({ description: 'Roll the items of this year over to the next', example: 2026 }),
    term: RollOverYear.optional().openapi({ description: 'Roll the council term that begins this year over to the next (2025 → 2029)', example: 2025 }),
    keep: z.enum(['weekday', 'date']).optional().openapi({ description: "Annual items with days: 'weekday' (default) moves them 52 weeks, so that a Tuesday stays a Tuesday; 'date' keeps the day of the month" }),
  })
  .strict()
  .superRefine((input, ctx) => addFieldIssues(ctx, rollOverIssues(input)))
  .openapi('RollOverInput');
export type RollOverInput = z.infer<typeof RollOverInput>;

/** Publishing every draft of a year or a council term at once. */
export const PublishDraftsInput = z
  .object({ year: RollOverYear.max(2100, 'must be 2000–2100').optional(), term: RollOverYear.max(2100, 'must be 2000–2100').optional() })
  .strict()
  .superRefine((input, ctx) => addFieldIssues(ctx, rollOverIssues(input)))
  .openapi('PublishDraftsInput');
export type PublishDraftsInput = z.infer<typeof PublishDraftsInput>;

function rollOverIssues(input: { year?: number; term?: number }): FieldIssue[] {
  if (input.year === undefined && input.term === undefined) return [{ field: 'year', rule: 'required', message: '`year` or `term` is required' }];
  if (input.year !== undefined && input.term !== undefined) return [{ field: 'term', rule: 'year-or-term', message: 'give `year` or `term`, not both' }];
  if (input.term !== undefined && !isTermStart(input.term)) return [{ field: 'term', rule: 'term-start', message: `\`term\` must be the first year of a council term (2025, 2029, …), not ${input.term}` }];
  return [];
}

export const RollOverResult = z
  .object({
    clock: Slug,
    from: z.object({ year: z.number().int().optional(), term: z.number().int().optional() }),
    to: z.object({ year: z.number().int().optional(), term: z.number().int().optional() }),
    created: z.number().int().openapi({ description: 'Drafts made now' }),
    skipped: z.number().int().openapi({ description: 'Items left alone: they have a version for the target already, or (annual) recur every other year' }),
    drafts: z.array(StoredClockItem).openapi({ description: 'The drafts made now' }),
    skippedItems: z.array(z.object({ item: z.number().int(), reason: z.enum(['has-version', 'every-other-year']), version: z.number().int().nullable() })),
  })
  .openapi('RollOverResult');
export type RollOverResult = z.infer<typeof RollOverResult>;

export const PublishDraftsResult = z.object({ published: z.number().int(), items: z.array(StoredClockItem) }).openapi('PublishDraftsResult');
export type PublishDraftsResult = z.infer<typeof PublishDraftsResult>;

export const CompareQuery = z
  .object({
    clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }),
    kind: ClockItemKind.optional().openapi({ description: "'annual' (default): two years; 'term': two council terms by their first years" }),
    from: z.coerce.number().int('must be a whole number').min(2000, 'must be 2000–2100').max(2100, 'must be 2000–2100').openapi({ example: 2026 }),
    to: z.coerce.number().int('must be a whole number').min(2000, 'must be 2000–2100').max(2100, 'must be 2000–2100').openapi({ example: 2027 }),
    drafts: DraftsParameter,
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.kind !== 'term') return;
    for (const field of ['from', 'to'] as const) {
      if (!isTermStart(query[field])) ctx.addIssue({ code: 'custom', path: [field], message: `must be the first year of a council term (2025, 2029, …)`, params: { rule: 'term-start' } });
    }
  });
export type CompareQuery = z.infer<typeof CompareQuery>;

const CompareSide = z.object({
  id: z.number().int(),
  status: z.enum(['published', 'draft']),
  title: Localized,
  ring: Slug.nullable(),
  dates: z.array(z.object({ start: z.string(), end: z.string() })).openapi({ description: 'Annual: occurrences that start in the year; term: the span of its years' }),
  termYears: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
});

export const ClockComparison = z
  .object({
    clock: ClockInfo,
    kind: ClockItemKind,
    from: z.number().int(),
    to: z.number().int(),
    drafts: z.boolean(),
    counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
    items: z.array(
      z.object({
        key: z.number().int().openapi({ description: 'The item both sides are versions of' }),
        change: z.enum(['added', 'removed', 'changed', 'unchanged']),
        moved: z.boolean().openapi({ description: 'Its dates in the year (or its years of the term) differ' }),
        renamed: z.boolean().openapi({ description: 'Its title differs in some language' }),
        from: CompareSide.nullable(),
        to: CompareSide.nullable(),
      }),
    ),
  })
  .openapi('ClockComparison');
export type ClockComparison = z.infer<typeof ClockComparison>;
