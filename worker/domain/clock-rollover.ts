/**
 * Rolling a clock over to the next year or council term, and comparing
 * two years or terms. A roll-over makes versions: an annual item's version
 * for one year is a 'once' item in that year naming the item it replaces
 * (`replacesItem`), a term item's version names its term (`forTermStart`).
 * Every version of an item names the same item, the one first rolled over,
 * so that the versions of successive years are matched with each other
 * and each replaces only its own year. No HTTP, no SQL.
 */
import { type ClockItemData, type ClockItemRecord, type DateSpan, type DraftView, clockItemView, itemsOfTerm, occurrenceStartingIn, replacedOccurrences, scheduledDecision } from './clock';
import { Temporal } from './time';

export type Keep = 'weekday' | 'date';

/**
 * Days to move the occurrence that starts on `start` to the next year with
 * its weekday kept: 52 weeks (the day before, or two days before across
 * 29 February), or 53 when 52 would leave it in the same year (1 January,
 * and 2 January of a leap year).
 *
 *     weekdayShift(PlainDate.from('2026-03-10')) // 364: 2027-03-09, both Tuesdays
 */
export function weekdayShift(start: Temporal.PlainDate): number {
  return start.add({ days: 364 }).year === start.year ? 371 : 364;
}

/** An occurrence moved to the next year: by 52 (or 53) weeks keeping its weekday, or by the calendar keeping its dates. */
export function movedOccurrence(occurrence: DateSpan, keep: Keep): DateSpan & { shift: number | null } {
  const start = Temporal.PlainDate.from(occurrence.start);
  const end = Temporal.PlainDate.from(occurrence.end);
  if (keep === 'date') {
    // 29 February falls on the 28th in a common year.
    return { start: start.add({ years: 1 }).toString(), end: end.add({ years: 1 }).toString(), shift: null };
  }
  const shift = weekdayShift(start);
  return { start: start.add({ days: shift }).toString(), end: end.add({ days: shift }).toString(), shift };
}

/** A rolled-over annual item: what its draft stores, without the item's own fields changed but its dates. */
export interface AnnualVersion {
  replaces: number;
  from: number;
  record: ClockItemRecord;
}

/**
 * The draft version for `year + 1` of an item's occurrence that starts in
 * `year`. A span with both days moves (keep: 'weekday' by 52 weeks, 'date'
 * to the same dates); a span of whole months stays on its months. A
 * decision day moves by the same weeks, kept on or after the new start, or
 * keeps its date.
 */
export function annualVersion(item: ClockItemData, year: number, keep: Keep): AnnualVersion | null {
  if (item.kind !== 'annual' || item.startMonth === null || item.endMonth === null) return null;
  const span = { startMonth: item.startMonth, startDay: item.startDay, endMonth: item.endMonth, endDay: item.endDay, repeat: item.repeat, onceYear: item.onceYear };
  const occurrence = occurrenceStartingIn(span, year);
  if (!occurrence) return null;
  const view = clockItemView(item, '');
  const { id: _id, clock: _clock, status: _status, replacesItem: _replaces, forTermStart: _term, ...own } = view;
  const withDays = item.startDay !== null && item.endDay !== null;
  const moved = withDays ? movedOccurrence(occurrence, keep) : null;
  const nextSpan = moved
    ? { startMonth: Number(moved.start.slice(5, 7)), startDay: Number(moved.start.slice(8, 10)), endMonth: Number(moved.end.slice(5, 7)), endDay: Number(moved.end.slice(8, 10)) }
    : { startMonth: item.startMonth, startDay: item.startDay, endMonth: item.endMonth, endDay: item.endDay };
  const next = occurrenceStartingIn({ ...nextSpan, repeat: 'once', onceYear: year + 1 }, year + 1)!;
  let decision = item.decision;
  if (decision && keep === 'weekday') {
    let date = scheduledDecision(decision, occurrence).add({ days: moved?.shift ?? 364 });
    while (date.toString() < next.start) date = date.add({ days: 7 });
    decision = { ...decision, month: date.month, day: date.day };
  }
  return {
    replaces: item.replacesItem ?? item.id,
    from: item.id,
    record: { ...own, span: nextSpan, repeat: 'once', onceYear: year + 1, decision },
  };
}

export interface RollOverPlan<V> {
  versions: V[];
  skipped: { item: number; reason: 'has-version' | 'every-other-year'; version: number | null }[];
}

/**
 * What rolling `year` over makes: a draft for `year + 1` of every published
 * item that occurs in `year` (its version for that year, when it has one),
 * except items that have a version for `year + 1` already, whatever its
 * status, and items of odd or even years, which the next year does not have.
 */
export function planAnnualRollOver(items: ClockItemData[], year: number, keep: Keep): RollOverPlan<AnnualVersion> {
  const published = items.filter((i) => i.kind === 'annual' && i.status === 'published');
  const replaced = replacedOccurrences(published, 'public');
  const versions = new Map(items.filter((i) => i.kind === 'annual' && i.replacesItem !== null && i.repeat === 'once').map((i) => [`${i.replacesItem}:${i.onceYear}`, i.id]));
  const plan: RollOverPlan<AnnualVersion> = { versions: [], skipped: [] };
  for (const item of published) {
    const occurs = item.startMonth !== null && item.endMonth !== null && occurrenceStartingIn({ startMonth: item.startMonth, startDay: item.startDay, endMonth: item.endMonth, endDay: item.endDay, repeat: item.repeat, onceYear: item.onceYear }, year) !== null;
    if (!occurs || replaced(item.id, year)) continue;
    if (item.repeat === 'odd-years' || item.repeat === 'even-years') {
      plan.skipped.push({ item: item.id, reason: 'every-other-year', version: null });
      continue;
    }
    const existing = versions.get(`${item.replacesItem ?? item.id}:${year + 1}`);
    if (existing !== undefined) plan.skipped.push({ item: item.id, reason: 'has-version', version: existing });
    else plan.versions.push(annualVersion(item, year, keep)!);
  }
  return plan;
}

export interface TermVersion {
  replaces: number;
  from: number;
  forTermStart: number;
  record: ClockItemRecord;
}

/** What rolling the council term that begins in `termStart` over makes: a draft for the next term of each of its published items. */
export function planTermRollOver(items: ClockItemData[], termStart: number): RollOverPlan<TermVersion> {
  const next = termStart + 4;
  const versions = new Map(items.filter((i) => i.kind === 'term' && i.replacesItem !== null).map((i) => [`${i.replacesItem}:${i.forTermStart}`, i.id]));
  const plan: RollOverPlan<TermVersion> = { versions: [], skipped: [] };
  for (const item of itemsOfTerm(items, termStart, 'public')) {
    const existing = versions.get(`${item.replacesItem ?? item.id}:${next}`);
    if (existing !== undefined) {
      plan.skipped.push({ item: item.id, reason: 'has-version', version: existing });
      continue;
    }
    const { id: _id, clock: _clock, status: _status, replacesItem: _replaces, forTermStart: _term, ...record } = clockItemView(item, '');
    plan.versions.push({ replaces: item.replacesItem ?? item.id, from: item.id, forTermStart: next, record });
  }
  return plan;
}

/** One side of a comparison: an item as it is in one year or term. */
export interface CompareSide {
  id: number;
  status: 'published' | 'draft';
  title: ClockItemData['title'];
  ring: string | null;
  dates: DateSpan[];
  termYears: { start: number; end: number } | null;
}

export interface Comparison {
  counts: { added: number; removed: number; changed: number; unchanged: number };
  items: { key: number; change: 'added' | 'removed' | 'changed' | 'unchanged'; moved: boolean; renamed: boolean; from: CompareSide | null; to: CompareSide | null }[];
}

/** The annual items of a year as the comparison sees them: those with an occurrence that starts in it, replaced ones left out. */
export function yearSides(items: ClockItemData[], year: number, drafts: DraftView): CompareSide[] {
  const replaced = replacedOccurrences(items, drafts);
  return items.flatMap((item) => {
    if (item.kind !== 'annual' || item.startMonth === null || item.endMonth === null) return [];
    if (item.status === 'draft' && drafts === 'public') return [];
    const occurrence = occurrenceStartingIn({ startMonth: item.startMonth, startDay: item.startDay, endMonth: item.endMonth, endDay: item.endDay, repeat: item.repeat, onceYear: item.onceYear }, year);
    if (!occurrence || replaced(item.id, year)) return [];
    return [{ id: item.id, status: item.status, title: item.title, ring: item.ring, dates: [occurrence], termYears: null }];
  });
}

/** The term items of the council term that begins in `termStart`, with the dates their years cover. */
export function termSides(items: ClockItemData[], termStart: number, drafts: DraftView): CompareSide[] {
  const yearStart = (n: number) => `${termStart + n - 1}-06-01`;
  const yearEnd = (n: number) => Temporal.PlainDate.from(`${termStart + n}-06-01`).subtract({ days: 1 }).toString();
  return itemsOfTerm(items, termStart, drafts)
    .filter((item) => item.termYearStart !== null && item.termYearEnd !== null)
    .map((item) => ({ id: item.id, status: item.status, title: item.title, ring: item.ring, dates: [{ start: yearStart(item.termYearStart!), end: yearEnd(item.termYearEnd!) }], termYears: { start: item.termYearStart!, end: item.termYearEnd! } }));
}

const keyOf = (items: ClockItemData[]) => {
  const replaces = new Map(items.map((i) => [i.id, i.replacesItem]));
  return (side: CompareSide) => replaces.get(side.id) ?? side.id;
};

/** Where an item's dates fall within its year (or which years of its term): what "moved" compares. */
const placeOf = (side: CompareSide) => (side.termYears ? `${side.termYears.start}-${side.termYears.end}` : side.dates.map((d) => `${d.start.slice(5)}/${d.end.slice(5)}/${Number(d.end.slice(0, 4)) - Number(d.start.slice(0, 4))}`).join(','));
const sameTitle = (a: CompareSide, b: CompareSide) => a.title.fi === b.title.fi && (a.title.sv ?? null) === (b.title.sv ?? null) && (a.title.en ?? null) === (b.title.en ?? null);

/**
 * What changed between two years or terms: each item matched with its
 * versions (they name the same item they replace), added, removed, or
 * there in both and moved (its dates within the year, or its years of the
 * term, differ), renamed, both, or unchanged. In the order of the later
 * side, the removed ones after.
 */
export function compareSides(items: ClockItemData[], from: CompareSide[], to: CompareSide[]): Comparison {
  const key = keyOf(items);
  const before = new Map(from.map((side) => [key(side), side]));
  const after = new Set(to.map(key));
  const rows: Comparison['items'] = to.map((side) => {
    const earlier = before.get(key(side)) ?? null;
    if (!earlier) return { key: key(side), change: 'added', moved: false, renamed: false, from: null, to: side };
    const moved = placeOf(earlier) !== placeOf(side);
    const renamed = !sameTitle(earlier, side);
    return { key: key(side), change: moved || renamed ? 'changed' : 'unchanged', moved, renamed, from: earlier, to: side };
  });
  for (const side of from) if (!after.has(key(side))) rows.push({ key: key(side), change: 'removed', moved: false, renamed: false, from: side, to: null });
  const count = (change: Comparison['items'][number]['change']) => rows.filter((r) => r.change === change).length;
  return { counts: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') }, items: rows };
}
