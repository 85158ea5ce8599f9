/**
 * The annual clock and the council-term clock as the API offers them:
 * reading a year or a term, items added, edited and imported from a
 * spreadsheet, an organisation's own clock and its rings.
 * No HTTP here: routes read the request, call these, and write the answer.
 */
import { type ClockRow, type WritableClockItem, deleteClockDraft, draftIdsOf, findClockItem, isDuplicateVersion, insertClockFromTemplate, insertClockItem, insertClockItems, insertClockVersions, publishClockDrafts, readClock, readClockItems, readLinkedEvents, replaceRings, ringsInUse, updateClockItem } from '../db/clock';
import { readKnownReferences } from '../db/taxonomy';
import { type Actor, assertMayWriteClock, auditActor, defaultOrganisation, isAdministrator, mayWriteClock, writableOrganisations } from '../domain/access';
import { type DraftView, type LinkedEventData, MAX_EVENT_PLANS, type Planning, annualItems, planLinkedEvents, termStartYear, applyClockItemPatch, councilTermOf, prepareClockItem, termItems, yearOfTerm } from '../domain/clock';
import { compareSides, planAnnualRollOver, planTermRollOver, termSides, yearSides } from '../domain/clock-rollover';
import { clockCsvTemplate, readClockCsv, rowIssue } from '../domain/clock-csv';
import { ConflictError, type FieldIssue, ForbiddenError, NotFoundError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from '../domain/errors';
import { newRevision } from '../domain/ids';
import { queryList } from '../domain/listing';
import type { Precondition } from '../domain/patch';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, nowInstant, parseDate, startOfDay } from '../domain/time';
import { parseOrThrow, zodIssues } from '../domain/validation';
import { finnishWorkingDays } from '../domain/working-days';
import { type AnnualClock, type AnnualClockQuery, type ClockComparison, ClockItemInput, type ClockItemPatch, type CompareQuery, type CouncilTermClock, type CouncilTermQuery, type NewClockInput, type PublishDraftsInput, type PublishDraftsResult, type RingsInput, type RollOverInput, type RollOverResult, type StoredClockItem } from '../shared/clock';
import { clockSlugOf } from '../shared/clock-slug';

const today = () => nowInstant().toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate();
const writeContext = (actor: Actor) => ({ now: new Date().toISOString(), actor: auditActor(actor) });
const clockInfo = ({ slug, name, organisation, startMonth, rings }: ClockRow) => ({ slug, name, organisation, startMonth, rings });

/** Instants of midnight in Finland at the start of two dates, for event queries. */
export function between(from: Temporal.PlainDate, to: Temporal.PlainDate) {
  return { from: formatInstant(startOfDay(from, DEFAULT_TIME_ZONE)), to: formatInstant(startOfDay(to, DEFAULT_TIME_ZONE)) };
}

/** The events of a window that realise items of a clock, with their decisions' days in it; without `planning`, none read (the council-term clock shows none). */
export async function linkedEvents(db: D1Database, clockId: number, window: { from: string; to: string }, planning: Planning | null, only: 'all' | 'with-decisions' = 'all'): Promise<LinkedEventData[]> {
  const events = await readLinkedEvents(db, clockId, window.from, window.to, planning?.perEvent ?? 0, only);
  return planLinkedEvents(events, Temporal.Instant.from(window.from), Temporal.Instant.from(window.to), planning);
}

/** The clock of a slug (the network's regional clock without one); every ring asked for must be one of its rings. */
export async function clockOrFail(db: D1Database, slug: string | undefined, rings: string[]): Promise<ClockRow> {
  const found = await readClock(db, slug ?? null);
  if (!found) throw new NotFoundError('clock', slug ?? '(regional)');
  const unknown = rings.filter((ring) => !found.rings.some((r) => r.slug === ring));
  if (unknown.length > 0) throw new ValidationError([{ field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${unknown[0]}'` }], 'request');
  return found;
}

/** A clock the actor may write: not found when there is none, forbidden when it is another's. */
export async function writableClock(db: D1Database, actor: Actor, slug: string | undefined): Promise<ClockRow> {
  const found = await clockOrFail(db, slug, []);
  assertMayWriteClock(actor, found.organisation);
  return found;
}

/** The items that touch a year, with their date spans and the events of that year that realise them. */
export async function annualClock(db: D1Database, query: AnnualClockQuery, drafts: DraftView = 'public'): Promise<AnnualClock> {
  const rings = queryList(query.ring);
  const found = await clockOrFail(db, query.clock, rings);
  const year = query.year ?? today().year;
  // The events of the year shown, not those of the year before.
  const window = between(Temporal.PlainDate.from({ year, month: 1, day: 1 }), Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 }));
  const days = await finnishWorkingDays();
  // A 'once' item of the year before may cross New Year into this one.
  const [items, events] = await Promise.all([readClockItems(db, found.id, 'annual', year - 1), linkedEvents(db, found.id, window, { days, perEvent: MAX_EVENT_PLANS })]);
  return { clock: clockInfo(found), year, items: annualItems(items, events, year, { rings, organisations: queryList(query.organisation) }, days, drafts) };
}

/** The council term of a date (today without one), its items by year of term, and which year is now. */
export async function councilTermClock(db: D1Database, query: CouncilTermQuery, drafts: DraftView = 'public'): Promise<CouncilTermClock> {
  const rings = queryList(query.ring);
  const found = await clockOrFail(db, query.clock, rings);
  const now = today();
  const date = query.date ? parseDate(query.date) : now;
  if (!date) throw new ValidationError([{ field: 'date', rule: 'format', message: '`date` must be a real date YYYY-MM-DD between 2000 and 2100' }], 'request');
  const term = councilTermOf(date);
  const window = between(Temporal.PlainDate.from(term.start), Temporal.PlainDate.from(term.end).add({ days: 1 }));
  const [items, events] = await Promise.all([readClockItems(db, found.id, 'term', termStartYear(term)), linkedEvents(db, found.id, window, null)]);
  const current = term.start <= now.toString() && now.toString() <= term.end ? yearOfTerm(term, now) : null;
  return { clock: clockInfo(found), term, currentYear: current, items: termItems(items, events, term, { rings, organisations: queryList(query.organisation) }, drafts) };
}

/** This year's clock with every item and no events: the answer after the clock itself changed. */
async function clockThisYear(db: D1Database, slug: string): Promise<AnnualClock> {
  const found = (await readClock(db, slug))!;
  const year = today().year;
  return { clock: clockInfo(found), year, items: annualItems(await readClockItems(db, found.id, 'annual', year - 1), [], year, { rings: [], organisations: [] }, await finnishWorkingDays()) };
}

/** One item; a draft only for its clock's editors (others are told there is none). */
export async function readClockItem(db: D1Database, id: number, actor: Actor | undefined): Promise<WritableClockItem> {
  const found = await findClockItem(db, id);
  if (!found || (found.item.status === 'draft' && !(actor && mayWriteClock(actor, found.clockOrganisation)))) throw new NotFoundError('clock item', String(id));
  return found;
}

/** Whether a read shows drafts: only when asked for, and then only to the clock's editors (401 signed out, 403 others). */
export async function draftsAllowed(db: D1Database, actor: Actor, slug: string | undefined): Promise<DraftView> {
  await writableClock(db, actor, slug);
  return 'with-drafts';
}

/**
 * An item the actor may edit: not found when there is none, forbidden when its clock is another's.
 * The id is the path's own text: rights are judged before the path is validated.
 */
export async function writableClockItem(db: D1Database, actor: Actor, id: string): Promise<WritableClockItem> {
  const current = await findClockItem(db, Number(id));
  if (!current) throw new NotFoundError('clock item', id);
  assertMayWriteClock(actor, current.clockOrganisation);
  return current;
}

/** References of an item that must exist: its ring in the clock, the responsible organisation. */
function referenceIssues(clockRow: ClockRow, input: { ring: string; responsibleOrganisation?: string | null }, organisations: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!clockRow.rings.some((ring) => ring.slug === input.ring)) issues.push({ field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${input.ring}'` });
  if (input.responsibleOrganisation && !organisations.has(input.responsibleOrganisation)) {
    issues.push({ field: 'responsibleOrganisation', rule: 'exists', message: `\`responsibleOrganisation\`: there is no organisation '${input.responsibleOrganisation}'` });
  }
  return issues;
}

async function assertReferencesExist(db: D1Database, clockRow: ClockRow, input: ClockItemInput): Promise<void> {
  const needsOrganisations = Boolean(input.responsibleOrganisation);
  const issues = referenceIssues(clockRow, input, needsOrganisations ? (await readKnownReferences(db)).organisations : new Set<string>());
  if (issues.length > 0) throw new ValidationError(issues);
}

export async function addClockItem(db: D1Database, actor: Actor, clockRow: ClockRow, input: ClockItemInput): Promise<WritableClockItem> {
  await assertReferencesExist(db, clockRow, input);
  const id = await insertClockItem(db, clockRow.id, prepareClockItem(input), { revision: newRevision(), ...writeContext(actor) });
  return (await findClockItem(db, id))!;
}

/** Edits an item (given fields replace stored ones); the edit must name the stored version. */
export async function editClockItem(db: D1Database, actor: Actor, current: WritableClockItem, patch: ClockItemPatch, precondition: Precondition): Promise<WritableClockItem> {
  if (precondition === 'missing') throw new PreconditionRequiredError();
  if (precondition === 'stale') throw new PreconditionFailedError('clock item', String(current.item.id));
  const input = parseOrThrow(ClockItemInput, applyClockItemPatch(current.item, patch));
  const clockRow = (await readClock(db, current.item.clock))!;
  await assertReferencesExist(db, clockRow, input);
  const saved = await updateClockItem(db, current, current.revision, prepareClockItem(input), { revision: newRevision(), ...writeContext(actor) }).catch((error: unknown) => {
    // A rolled-over version moved onto a year that already has a version of the same item.
    if (!isDuplicateVersion(error)) throw error;
    throw new ValidationError([{ field: 'onceYear', rule: 'one-version', values: { year: input.onceYear ?? '' }, message: `\`onceYear\`: the item already has a version for ${input.onceYear}; edit that one instead` }]);
  });
  if (!saved) throw new PreconditionFailedError('clock item', String(current.item.id));
  return (await findClockItem(db, current.item.id))!;
}

/** An organisation's own clock from the statutory template: the regional rings and every item of the wellbeing cycle. */
export async function createOwnClock(db: D1Database, actor: Actor, input: NewClockInput): Promise<AnnualClock> {
  const organisation = input.organisation ?? defaultOrganisation(actor);
  if (!isAdministrator(actor) && !writableOrganisations(actor).includes(organisation)) throw new ForbiddenError(`you may create a clock only for your own organisation, not for '${organisation}'`);
  const slug = clockSlugOf(organisation);
  const created = await insertClockFromTemplate(db, organisation, slug, input.startMonth ?? 1, writeContext(actor));
  if (!created) throw new ConflictError('exists', `'${organisation}' has a clock already`);
  return clockThisYear(db, slug);
}

/** Sets a clock's rings, their names and order; a ring that has items cannot be removed. */
export async function setRings(db: D1Database, actor: Actor, found: ClockRow, rings: RingsInput['rings']): Promise<AnnualClock> {
  const kept = new Set(rings.map((ring) => ring.slug));
  const removed = (await ringsInUse(db, found.id)).filter((ring) => !kept.has(ring));
  if (removed.length > 0) {
    throw new ValidationError(removed.map((ring) => ({ field: 'rings', rule: 'in-use', message: `\`rings\`: ring '${ring}' has items; move them before removing it` })));
  }
  await replaceRings(db, found.id, rings, { ...writeContext(actor), clockSlug: found.slug });
  return clockThisYear(db, found.slug);
}

/** The spreadsheet template of a clock: the columns and two example rows on its first ring. */
export async function clockTemplate(db: D1Database, slug: string | undefined): Promise<string> {
  const found = await clockOrFail(db, slug, []);
  return clockCsvTemplate(found.rings[0]?.slug ?? 'rengas');
}

/** Items from a filled spreadsheet, all in one batch, or none and every broken row and column named. */
export async function importClockItems(db: D1Database, actor: Actor, found: ClockRow, csv: string): Promise<number> {
  const { rows, issues } = readClockCsv(csv);
  if (issues.length > 0) throw new ValidationError(issues);
  const organisations = (await readKnownReferences(db)).organisations;
  const rowIssues: FieldIssue[] = [];
  const records = rows.flatMap(({ index, input }) => {
    const parsed = ClockItemInput.safeParse(input);
    if (!parsed.success) {
      rowIssues.push(...zodIssues(parsed.error).map((issue) => rowIssue(index, issue)));
      return [];
    }
    rowIssues.push(...referenceIssues(found, parsed.data, organisations).map((issue) => rowIssue(index, issue)));
    return [{ record: prepareClockItem(parsed.data), revision: newRevision() }];
  });
  if (rowIssues.length > 0) throw new ValidationError(rowIssues);
  await insertClockItems(db, found.id, records, writeContext(actor));
  return records.length;
}

const itemsOf = async (db: D1Database, ids: number[]): Promise<StoredClockItem[]> => (await Promise.all(ids.map((id) => findClockItem(db, id)))).flatMap((found) => (found ? [found.item] : []));

/**
 * Rolls a year over to the next, or a council term to the next: a draft
 * version of each item for the target, in one batch with its audit rows.
 * Run again, it makes nothing for items that have a version there already.
 */
export async function rollOver(db: D1Database, actor: Actor, found: ClockRow, input: RollOverInput): Promise<RollOverResult> {
  const annual = input.year !== undefined;
  const items = await readClockItems(db, found.id, annual ? 'annual' : 'term');
  const context = writeContext(actor);
  if (annual) {
    const plan = planAnnualRollOver(items, input.year!, input.keep ?? 'weekday');
    const ids = await insertClockVersions(db, found.id, plan.versions.map((v) => ({ record: v.record, replaces: v.replaces, forTermStart: null, revision: newRevision() })), context);
    return { clock: found.slug, from: { year: input.year! }, to: { year: input.year! + 1 }, created: ids.length, skipped: plan.skipped.length, drafts: await itemsOf(db, ids), skippedItems: plan.skipped };
  }
  const plan = planTermRollOver(items, input.term!);
  const ids = await insertClockVersions(db, found.id, plan.versions.map((v) => ({ record: v.record, replaces: v.replaces, forTermStart: v.forTermStart, revision: newRevision() })), context);
  return { clock: found.slug, from: { term: input.term! }, to: { term: input.term! + 4 }, created: ids.length, skipped: plan.skipped.length, drafts: await itemsOf(db, ids), skippedItems: plan.skipped };
}

/** Publishes every draft of a year or a council term of a clock, in one batch. */
export async function publishDrafts(db: D1Database, actor: Actor, found: ClockRow, input: PublishDraftsInput): Promise<PublishDraftsResult> {
  const ids = await draftIdsOf(db, found.id, input.year !== undefined ? { year: input.year } : { term: input.term! });
  const published = await publishClockDrafts(db, found.id, ids, { ...writeContext(actor), revision: newRevision });
  return { published: published.length, items: await itemsOf(db, published) };
}

/** Publishes one draft: from now on it takes its item's place in its year or term. */
export async function publishClockItem(db: D1Database, actor: Actor, current: WritableClockItem): Promise<WritableClockItem> {
  if (current.item.status !== 'draft') throw new ConflictError('not-draft', `clock item ${current.item.id} is published already`);
  const [published] = await publishClockDrafts(db, current.clockId, [current.item.id], { ...writeContext(actor), revision: newRevision });
  if (published === undefined) throw new ConflictError('not-draft', `clock item ${current.item.id} is published already`);
  return (await findClockItem(db, current.item.id))!;
}

/** Deletes a draft; a published item is not deleted here. */
export async function deleteClockItem(db: D1Database, actor: Actor, current: WritableClockItem): Promise<void> {
  if (current.item.status !== 'draft' || !(await deleteClockDraft(db, current, writeContext(actor)))) {
    throw new ConflictError('not-draft', `clock item ${current.item.id} is published; only drafts are deleted`);
  }
}

/** What changed between two years (or council terms by their first years) of a clock. */
export async function compareClock(db: D1Database, query: CompareQuery, drafts: DraftView): Promise<ClockComparison> {
  const found = await clockOrFail(db, query.clock, []);
  const kind = query.kind ?? 'annual';
  const items = await readClockItems(db, found.id, kind);
  const sides = (at: number) => (kind === 'annual' ? yearSides(items, at, drafts) : termSides(items, at, drafts));
  const comparison = compareSides(items, sides(query.from), sides(query.to));
  return { clock: clockInfo(found), kind, from: query.from, to: query.to, drafts: drafts === 'with-drafts', ...comparison };
}
