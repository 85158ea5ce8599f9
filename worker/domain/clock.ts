/**
 * The annual clock and the council-term clock: when an item happens in a
 * given year (spans of months or dates, across New Year, with repeat
 * rules), the years of the council term, and the geometry of the wheel
 * (date to angle, lanes for overlapping items). No HTTP, no SQL.
 */
import type { Repeat, ShortTitle } from '../shared/clock';
import { CATEGORY_COLOURS, type ClockCategory } from '../shared/clock-categories';
import { mergePatch } from './patch';
import { Temporal } from './time';
import type { Localized } from '../shared/text';
import type { WorkingDays } from './working-days';
import { type Timing, occurrencesBetween, seriesOf } from './recurrence';

export type { Repeat };

export interface AnnualSpan {
  startMonth: number;
  /** Null: from the first day of the month. */
  startDay: number | null;
  endMonth: number;
  /** Null: to the last day of the month. */
  endDay: number | null;
  repeat: Repeat;
  /** The year of a 'once' item. */
  onceYear: number | null;
}

export interface DateSpan {
  /** First and last day, inclusive, 'YYYY-MM-DD'. */
  start: string;
  end: string;
}

function day(year: number, month: number, dayOfMonth: number | null, last: boolean): Temporal.PlainDate {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  if (dayOfMonth === null) return last ? first.with({ day: first.daysInMonth }) : first;
  // 29 February in a common year falls on the 28th.
  return first.with({ day: Math.min(dayOfMonth, first.daysInMonth) });
}

/** Whether the item has an occurrence that starts in `year`. */
export function occursInYear(span: Pick<AnnualSpan, 'repeat' | 'onceYear'>, year: number): boolean {
  switch (span.repeat) {
    case 'yearly':
      return true;
    case 'odd-years':
      return year % 2 === 1;
    case 'even-years':
      return year % 2 === 0;
    case 'once':
      return span.onceYear === year;
  }
}

/** The occurrence that starts in `year`, or null. An end before the start crosses New Year. */
export function occurrenceStartingIn(span: AnnualSpan, year: number): DateSpan | null {
  if (!occursInYear(span, year)) return null;
  const start = day(year, span.startMonth, span.startDay, false);
  let end = day(year, span.endMonth, span.endDay, true);
  if (Temporal.PlainDate.compare(end, start) < 0) end = day(year + 1, span.endMonth, span.endDay, true);
  return { start: start.toString(), end: end.toString() };
}

/** Occurrences that touch `year`: one starting in it, and one from the year before that reaches into it. */
export function occurrencesTouching(span: AnnualSpan, year: number): DateSpan[] {
  const yearStart = `${year}-01-01`;
  const previous = occurrenceStartingIn(span, year - 1);
  const current = occurrenceStartingIn(span, year);
  return [previous && previous.end >= yearStart ? previous : null, current].filter((o): o is DateSpan => o !== null);
}

/** Municipal and county councils' terms begin on 1 June every four years, the current one in 2025. */
const FIRST_TERM_START = Temporal.PlainDate.from('2025-06-01');

export interface CouncilTerm {
  /** e.g. '2025–2029' */
  name: string;
  start: string;
  end: string;
  years: { year: number; start: string; end: string }[];
}

/** The council term that contains `date` (terms are four years from 1 June 2025, either way). */
export function councilTermOf(date: Temporal.PlainDate): CouncilTerm {
  const years = date.since(FIRST_TERM_START, { largestUnit: 'years' }).years - (Temporal.PlainDate.compare(date, FIRST_TERM_START) < 0 ? 1 : 0);
  const offset = Math.floor(years / 4) * 4;
  const start = FIRST_TERM_START.add({ years: offset });
  const end = start.add({ years: 4 }).subtract({ days: 1 });
  return {
    name: `${start.year}–${start.year + 4}`,
    start: start.toString(),
    end: end.toString(),
    years: [1, 2, 3, 4].map((n) => ({ year: n, start: start.add({ years: n - 1 }).toString(), end: start.add({ years: n }).subtract({ days: 1 }).toString() })),
  };
}

/** The year of the term (1–4) that contains `date`. */
export function yearOfTerm(term: CouncilTerm, date: Temporal.PlainDate): number {
  return term.years.find((y) => y.start <= date.toString() && date.toString() <= y.end)?.year ?? 1;
}


/** A decision and its preparation steps in working days before it, without its day: an event's (made on the day of each occurrence). */
export interface DecisionSteps {
  title: Localized;
  /** Earliest first (most working days before). */
  steps: { title: Localized; workingDaysBefore: number }[];
}

/** A decision an annual item leads to every year on its month and day, and its preparation steps. */
export interface Decision extends DecisionSteps {
  month: number;
  day: number;
}

/** A decision and its steps with the dates of one occurrence. */
export interface Plan {
  decision: { title: Localized; date: string };
  steps: { title: Localized; workingDaysBefore: number; date: string }[];
}

/**
 * The dates of a decision in one occurrence of its item: on its month and
 * day in the occurrence (in the next year when the occurrence crosses New
 * Year and the day comes after it), moved to the working day before when it
 * is not one; each step that many working days before the decision.
 */
export function planOf(decision: Decision, occurrence: DateSpan, days: WorkingDays): Plan {
  return planOn(decision, days.workingDayOnOrBefore(scheduledDecision(decision, occurrence)), days);
}

/** The dates of a decision made on `date` (as it is, a day off or not): each step that many working days before it. */
export function planOn(decision: DecisionSteps, date: Temporal.PlainDate, days: WorkingDays): Plan {
  return {
    decision: { title: decision.title, date: date.toString() },
    steps: decision.steps
      .map((step) => ({ ...step, date: days.workingDaysBefore(date, step.workingDaysBefore).toString() }))
      .sort((a, b) => a.date.localeCompare(b.date) || b.workingDaysBefore - a.workingDaysBefore),
  };
}

/** The decision's own day in an occurrence, before a day off moves it: on or after the occurrence's start. */
export function scheduledDecision(decision: Pick<Decision, 'month' | 'day'>, occurrence: DateSpan): Temporal.PlainDate {
  const start = Temporal.PlainDate.from(occurrence.start);
  const inYear = (year: number) => day(year, decision.month, decision.day, false);
  return Temporal.PlainDate.compare(inYear(start.year), start) >= 0 ? inYear(start.year) : inYear(start.year + 1);
}

/** An item as stored, for the views below (the database's shape, without SQL). */
export interface ClockItemData {
  id: number;
  ring: string | null;
  kind: 'annual' | 'term';
  title: Localized;
  shortTitle: ShortTitle;
  description: Localized;
  startMonth: number | null;
  startDay: number | null;
  endMonth: number | null;
  endDay: number | null;
  repeat: Repeat;
  onceYear: number | null;
  termYearStart: number | null;
  termYearEnd: number | null;
  colour: string;
  category: ClockCategory;
  responsibleOrganisation: string | null;
  source: string | null;
  links: { title: string; url: string }[];
  decision: Decision | null;
  /** A roll-over's draft is seen only by the clock's editors until it is published. */
  status: 'published' | 'draft';
  /** A version for one year or one council term: the item whose occurrence in it this one replaces. */
  replacesItem: number | null;
  /** A term item's version: the first year of the council term it belongs to; null for an item of every term. */
  forTermStart: number | null;
  /** When the item was last written; null for an item as a template made it. */
  updatedAt: string | null;
}

/** A public event that realises an item, as the clock shows it. */
export interface LinkedEventData {
  id: string;
  clockItem: number;
  title: Localized;
  startsAt: string;
  allDay: boolean;
  start: string;
  status: 'published' | 'cancelled';
  /** When the event was last written (DTSTAMP of its decision's days in /clock.ics); not shown on the clock. */
  updatedAt: string;
  /** Its decision on the days of its occurrences in the window read, at most MAX_EVENT_PLANS. */
  plans: Plan[];
}

/** A linked event as stored: what its decision's days need too. */
export type LinkedEventRecord = Omit<LinkedEventData, 'plans'> & {
  decision: DecisionSteps | null;
  /** The local dates of its occurrences in the window, from the occurrence index; null when it is not indexed yet. */
  decisionDays: string[] | null;
  /** For an event not indexed yet, whose occurrences are expanded from its rule, as lists do. */
  timing: Timing;
};

/**
 * The decisions of an event's occurrences that a year of the clock shows: a decision is a milestone of
 * the year, and a weekly series that carries one would fill the wheel (and the read's time) with it.
 */
export const MAX_EVENT_PLANS = 12;

/** How decisions' days are worked out for a read: over these working days, at most `perEvent` days of an event. */
export interface Planning {
  days: WorkingDays;
  perEvent: number;
}

/**
 * The linked events with their decisions' days in [from, to): on the day of each occurrence that is not
 * cancelled, in the event's own time zone, as it is (a decision at a Saturday seminar is made that
 * Saturday); each step that many working days before it. The days come from the occurrence index; only
 * an event not indexed yet has its rule expanded, as lists do. Without `planning`, no plans.
 */
export function planLinkedEvents(events: LinkedEventRecord[], from: Temporal.Instant, to: Temporal.Instant, planning: Planning | null): LinkedEventData[] {
  return events.map(({ decision, decisionDays, timing, ...event }) => {
    if (!decision || !planning) return { ...event, plans: [] };
    const dates = decisionDays ?? expandedDays(timing, from, to, planning.perEvent);
    return { ...event, plans: [...dates].sort().map((date) => planOn(decision, Temporal.PlainDate.from(date), planning.days)) };
  });
}

/** The local dates of the first `count` occurrences of a series in [from, to) that are not cancelled. */
function expandedDays(timing: Timing, from: Temporal.Instant, to: Temporal.Instant, count: number): string[] {
  const series = seriesOf(timing);
  if (!series) return [];
  return occurrencesBetween(series, from, to)
    .filter((o) => !o.cancelled)
    .slice(0, count)
    .map((o) => o.start.toPlainDate().toString());
}

export interface ItemFilter {
  rings: string[];
  organisations: string[];
}

function selected(item: ClockItemData, filter: ItemFilter): boolean {
  return (filter.rings.length === 0 || (item.ring !== null && filter.rings.includes(item.ring))) && (filter.organisations.length === 0 || (item.responsibleOrganisation !== null && filter.organisations.includes(item.responsibleOrganisation)));
}

function common(item: ClockItemData, events: LinkedEventData[]) {
  const { id, ring, title, shortTitle, description, colour, category, responsibleOrganisation, source, links, status, replacesItem } = item;
  return {
    id, ring, title, shortTitle, description, colour, category, responsibleOrganisation, source, links, status, replacesItem,
    events: events.filter((e) => e.clockItem === id).map(({ clockItem: _item, updatedAt: _updatedAt, ...event }) => event),
  };
}

/**
 * Whether drafts count: `public` leaves them out (every public read), `with-drafts` shows a clock's editors
 * the year or term as it will be once its drafts are published.
 */
export type DraftView = 'public' | 'with-drafts';

const shown = (item: ClockItemData, drafts: DraftView) => item.status === 'published' || drafts === 'with-drafts';

/**
 * Which annual occurrences are replaced: an item's occurrence that starts in a year is not shown when a
 * version of it for that year (a 'once' item naming it in `replacesItem`) is shown instead.
 */
export function replacedOccurrences(items: ClockItemData[], drafts: DraftView): (itemId: number, year: number) => boolean {
  const replaced = new Set(items.filter((i) => i.kind === 'annual' && i.replacesItem !== null && i.repeat === 'once' && shown(i, drafts)).map((i) => `${i.replacesItem}:${i.onceYear}`));
  return (itemId, year) => replaced.has(`${itemId}:${year}`);
}

/** The annual items that touch `year`, with their date spans, the events that realise them, and their decisions' dates. */
export function annualItems(items: ClockItemData[], events: LinkedEventData[], year: number, filter: ItemFilter, days: WorkingDays, drafts: DraftView = 'public') {
  const replaced = replacedOccurrences(items, drafts);
  return items
    .filter((item) => item.kind === 'annual' && item.startMonth !== null && item.endMonth !== null && shown(item, drafts) && selected(item, filter))
    .map((item) => {
      const span = { startMonth: item.startMonth!, startDay: item.startDay, endMonth: item.endMonth!, endDay: item.endDay, repeat: item.repeat, onceYear: item.onceYear };
      const occurrences = occurrencesTouching(span, year).filter((o) => !replaced(item.id, Number(o.start.slice(0, 4))));
      const { decision } = item;
      return {
        ...common(item, events),
        span: { startMonth: span.startMonth, startDay: span.startDay, endMonth: span.endMonth, endDay: span.endDay },
        repeat: item.repeat,
        onceYear: item.onceYear,
        occurrences,
        decision,
        plans: decision ? occurrences.map((occurrence) => planOf(decision, occurrence, days)) : [],
      };
    })
    .filter((item) => item.occurrences.length > 0);
}

/** The first year of a council term, e.g. 2025 for 2025–2029. */
export const termStartYear = (term: Pick<CouncilTerm, 'start'>): number => Number(term.start.slice(0, 4));

/**
 * The term items of a council term: those of every term and the versions for this one; an item
 * whose version for this term is shown is not.
 */
export function itemsOfTerm(items: ClockItemData[], termStart: number, drafts: DraftView): ClockItemData[] {
  const ofTerm = items.filter((item) => item.kind === 'term' && shown(item, drafts) && (item.forTermStart === null || item.forTermStart === termStart));
  const replaced = new Set(ofTerm.filter((i) => i.replacesItem !== null && i.forTermStart === termStart).map((i) => i.replacesItem));
  return ofTerm.filter((item) => !replaced.has(item.id));
}

/** The term items of a council term, with the dates their years cover. */
export function termItems(items: ClockItemData[], events: LinkedEventData[], term: CouncilTerm, filter: ItemFilter, drafts: DraftView = 'public') {
  return itemsOfTerm(items, termStartYear(term), drafts)
    .filter((item) => item.termYearStart !== null && item.termYearEnd !== null && selected(item, filter))
    .map((item) => ({
      ...common(item, events),
      termYears: { start: item.termYearStart!, end: item.termYearEnd! },
      span: { start: term.years[item.termYearStart! - 1]!.start, end: term.years[item.termYearEnd! - 1]!.end },
    }));
}

type ClockItemWriteInput = import('../shared/clock').ClockItemInput;
type ClockItemView = import('../shared/clock').StoredClockItem;
/** What a write of an item's own fields stores: its status and the year or term it is a version for are kept apart. */
export type ClockItemRecord = Omit<ClockItemView, 'id' | 'clock' | 'status' | 'replacesItem' | 'forTermStart'>;

const blank = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/** What is stored for a valid item input: defaults filled, the other kind's fields left out. */
export function prepareClockItem(input: ClockItemWriteInput): ClockItemRecord {
  const annual = input.kind === 'annual';
  const repeat = annual ? (input.repeat ?? 'yearly') : 'yearly';
  return {
    ring: input.ring,
    kind: input.kind,
    title: { fi: input.title.fi.trim(), sv: blank(input.title.sv), en: blank(input.title.en) },
    shortTitle: { fi: blank(input.shortTitle?.fi), sv: blank(input.shortTitle?.sv), en: blank(input.shortTitle?.en) },
    description: { fi: input.description?.fi?.trim() ?? '', sv: blank(input.description?.sv), en: blank(input.description?.en) },
    span: annual && input.span ? { startMonth: input.span.startMonth, startDay: input.span.startDay ?? null, endMonth: input.span.endMonth, endDay: input.span.endDay ?? null } : null,
    repeat,
    onceYear: repeat === 'once' ? (input.onceYear ?? null) : null,
    termYears: annual ? null : (input.termYears ?? null),
    // Follows the category (a colour in the input is ignored), so that the legend holds.
    colour: CATEGORY_COLOURS[input.category ?? 'muu'],
    category: input.category ?? 'muu',
    responsibleOrganisation: input.responsibleOrganisation ?? null,
    source: blank(input.source),
    links: input.links ?? [],
    decision: annual && input.decision ? prepareDecision(input.decision) : null,
  };
}

function prepareDecision(input: NonNullable<ClockItemWriteInput['decision']>): Decision {
  return { ...prepareDecisionSteps(input), month: input.month, day: input.day };
}

type TitleInput = { fi: string; sv?: string | null; en?: string | null };

/** A decision as it is stored: titles trimmed, no empty translations, steps earliest first. */
export function prepareDecisionSteps(input: { title: TitleInput; steps?: { title: TitleInput; workingDaysBefore: number }[] }): DecisionSteps {
  const title = (t: TitleInput) => ({ fi: t.fi.trim(), sv: blank(t.sv), en: blank(t.en) });
  return {
    title: title(input.title),
    steps: (input.steps ?? []).map((step) => ({ title: title(step.title), workingDaysBefore: step.workingDaysBefore })).sort((a, b) => b.workingDaysBefore - a.workingDaysBefore),
  };
}

/** An item as the API shows it on its own: span or term years by kind, in its clock. */
export function clockItemView(item: ClockItemData, clock: string): ClockItemView {
  const annual = item.kind === 'annual';
  const { startMonth, startDay, endMonth, endDay, termYearStart, termYearEnd, updatedAt: _updatedAt, ...rest } = item;
  return {
    ...rest,
    clock,
    span: annual ? { startMonth: startMonth!, startDay, endMonth: endMonth!, endDay } : null,
    termYears: annual ? null : { start: termYearStart!, end: termYearEnd! },
  };
}

/** The whole input after a partial edit of a stored item. */
export function applyClockItemPatch(item: ClockItemView, patch: Partial<ClockItemWriteInput>): ClockItemWriteInput {
  return mergePatch(clockItemToInput(item), patch);
}

/** The input that would recreate a stored item: the base a partial edit applies to. */
function clockItemToInput(item: ClockItemView): ClockItemWriteInput {
  return {
    ring: item.ring ?? '',
    kind: item.kind,
    title: item.title,
    shortTitle: item.shortTitle,
    description: item.description,
    span: item.span,
    repeat: item.repeat,
    onceYear: item.onceYear,
    termYears: item.termYears,
    colour: item.colour,
    category: item.category,
    responsibleOrganisation: item.responsibleOrganisation,
    source: item.source,
    links: item.links,
    decision: item.decision,
  };
}
