/**
 * SQL for stored occurrences (migration 0016): written in the batch of the
 * event's write, moved forward by the Cron Trigger, and read as one range
 * of the index per page, with the filters checked per row.
 */
import type { StoredOccurrence } from '../domain/occurrence-index';
import type { SyndicationEvent } from '../domain/syndication';
import type { EventBrief } from '../shared/events';
import { type EventIndex, insertRows, rowsJson } from './occurrence-rows';
import { type EventFilter, type EventRow, LIST_FILTERS, SELECT_EVENT, type StoredEvent, filterValues, rowToEvent } from './events';

export interface IndexWork {
  event: StoredEvent;
  /** Null: never indexed; else how far its occurrences are stored. */
  indexedUntil: string | null;
}

/**
 * Listed events whose index does not reach `target`, those never indexed
 * first: the Cron Trigger's work, `limit` at a time.
 */
export async function listIndexWork(db: D1Database, target: string, limit: number): Promise<IndexWork[]> {
  const { results } = await db
    .prepare(
      `${SELECT_EVENT}
WHERE e.id IN (SELECT id FROM events WHERE status IN ('published', 'cancelled') AND (indexed_until IS NULL OR indexed_until < ?1) ORDER BY indexed_until LIMIT ?2)
ORDER BY e.indexed_until, e.id`,
    )
    .bind(target, limit)
    .all<EventRow & { indexed_until: string | null }>();
  return results.map((row) => ({ event: rowToEvent(row), indexedUntil: row.indexed_until }));
}

/**
 * Adds occurrences to an event's index and moves its end, if the event is
 * unchanged since it was read (revision and end): a write meanwhile has
 * stored its own, and two runs at once add nothing twice.
 */
export async function extendIndex(db: D1Database, work: IndexWork, index: EventIndex): Promise<void> {
  const guard = 'EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?2 AND indexed_until IS ?4)';
  await db.batch([
    ...(index.occurrences.length > 0 ? [db.prepare(insertRows(guard, 'INSERT OR REPLACE')).bind(work.event.id, work.event.revision, rowsJson(index.occurrences), work.indexedUntil)] : []),
    db.prepare('UPDATE events SET indexed_until = ?3 WHERE id = ?1 AND revision = ?2 AND indexed_until IS ?4').bind(work.event.id, work.event.revision, index.indexedUntil, work.indexedUntil),
  ]);
}

/** A stored occurrence with its event's id, as a page lists it. */
export type OccurrenceRow = StoredOccurrence & { eventId: string };

export interface OccurrencePage {
  /** Start instant, event id and recurrence id ('' for none) of the last occurrence of the previous page. */
  after: [string, string, string] | null;
  limit: number;
  descending: boolean;
}

/** What a brief list gives of an occurrence's event (EventBrief without the occurrence). */
export type BriefEvent = Omit<EventBrief, 'occurrence'>;

// The columns of BriefEvent, read with each occurrence of a brief page: a few short texts, so that
// the page is one statement and its events are not looked up a second time in full.
const BRIEF_COLUMNS = `e.status AS status, e.title_fi AS title_fi, e.title_sv AS title_sv, e.title_en AS title_en,
  et.slug AS type_slug, e.time_zone AS time_zone, e.all_day AS all_day`;

// What RSS, Atom and JSON Feed show of an occurrence's event besides BRIEF_COLUMNS: its texts, place
// and links, read in the page's own statement too, instead of every related row of the event as JSON.
const SYNDICATION_COLUMNS = `${BRIEF_COLUMNS},
  e.description_fi AS description_fi, e.description_sv AS description_sv, e.description_en AS description_en,
  e.location_place AS location_place, e.location_address AS location_address, e.online_url AS online_url,
  e.cancel_reason AS cancel_reason, e.cancel_reason_sv AS cancel_reason_sv, e.cancel_reason_en AS cancel_reason_en, e.updated_at AS updated_at`;

/** A kind of filter as occurrence_terms (migration 0025) holds it: its value of LIST_FILTERS, its terms' table, and the table of the events' terms (null for the event's one type). */
interface TermKind {
  kind: 'network' | 'type' | 'municipality' | 'organisation';
  values: string;
  table: string;
  links: { table: string; column: string } | null;
}

const TERM_KINDS: TermKind[] = [
  { kind: 'network', values: '?3', table: 'networks', links: { table: 'event_networks', column: 'network_id' } },
  { kind: 'type', values: '?4', table: 'event_types', links: null },
  { kind: 'municipality', values: '?5', table: 'municipalities', links: { table: 'event_municipalities', column: 'municipality_id' } },
  { kind: 'organisation', values: '?6', table: 'organisations', links: { table: 'event_organisations', column: 'organisation_id' } },
];

/**
 * One arm per part of the index: occurrences of a day or less, looked for
 * from a day before the window, and longer ones, from a year before.
 * Each arm reads the index in order; SQLite merges the arms and stops at
 * the LIMIT, so a page costs its length, not the window's contents. A
 * filtered list reads, for each chosen term of one kind of its filters
 * (filterKind), that term's part of occurrence_terms (migration 0025)
 * instead, so other events' occurrences are not read at all; the other
 * kinds are checked per row.
 * ?1 to, ?2 from, ?3–?8 LIST_FILTERS and the match, ?9 and ?10 the arms'
 * earliest start, ?11 the limit, ?12–?14 the cursor (?12 also the end of
 * a latest-first page after one: `endAtCursor`). `columns` adds
 * columns of each occurrence's event (BRIEF_COLUMNS, SYNDICATION_COLUMNS);
 * rows, order and limit are the same.
 */
function pageSql(page: Pick<OccurrencePage, 'descending'> & { cursor: boolean; endAtCursor: boolean; columns: string | null; by: { kind: TermKind; terms: number } | null }): string {
  const direction = page.descending ? 'DESC' : 'ASC';
  // The arm reads `i`'s index (occurrences, or a term's part of occurrence_terms): its columns give the order.
  const arm = (long: 0 | 1, earliest: string, term: number | null) => {
    const by = term === null ? null : page.by!.kind;
    const i = by ? 't' : 'o';
    const source = by ? 'FROM occurrence_terms t JOIN occurrences o ON o.event_id = t.event_id AND o.recurrence_id = t.recurrence_id' : 'FROM occurrences o';
    // An event of two chosen terms is listed by the first of them.
    const earlier = by?.links
      ? `\n  AND NOT EXISTS (SELECT 1 FROM ${by.links.table} j JOIN ${by.table} x ON x.id = j.${by.links.column} WHERE j.event_id = t.event_id AND x.slug IN (SELECT value FROM json_each(${by.values}) WHERE key < ${term}))`
      : '';
    const ofTerm = by ? `t.kind = '${by.kind}' AND t.term_id = (SELECT id FROM ${by.table} WHERE slug = ${by.values} ->> ${term})${earlier}\n  AND ` : '';
    return `SELECT ${i}.event_id AS event_id, ${i}.recurrence_id AS recurrence_id, ${i}.starts_at AS starts_at, o.ends_at AS ends_at,
  o.start_text AS start_text, o.end_text AS end_text, o.cancelled AS cancelled, o.moved AS moved, o.place AS place, o.long AS long${page.columns ? `,\n  ${page.columns}` : ''}
${source} JOIN events e ON e.id = o.event_id JOIN event_types et ON et.id = e.event_type_id
WHERE ${ofTerm}${i}.long = ${long} AND ${i}.starts_at >= ${earliest} AND ${page.endAtCursor ? `${i}.starts_at <= ?12` : `${i}.starts_at < ?1`} AND o.ends_at > ?2
  ${page.cursor ? `AND (${i}.starts_at, ${i}.event_id, ${i}.recurrence_id) ${page.descending ? '<' : '>'} (?12, ?13, ?14)` : ''}
  AND ${LIST_FILTERS}
  AND (?7 IS NULL OR e.id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?7))`;
  };
  const terms = page.by ? Array.from({ length: page.by.terms }, (_, n) => n) : [null];
  return `${terms.flatMap((term) => [arm(0, '?9', term), arm(1, '?10', term)]).join('\nUNION ALL\n')}
ORDER BY starts_at ${direction}, event_id ${direction}, recurrence_id ${direction}
LIMIT ?11`;
}

// Two arms a term, and D1 takes at most five terms in a compound SELECT (and statements of 100 KB): a filter
// of more terms than this reads the window's occurrences and checks its filters per row, as an unfiltered list does.
const MAX_INDEXED_TERMS = 2;

/** The kind of filter a page reads the index of: the one given with the fewest terms (networks first), at most MAX_INDEXED_TERMS; null for none. */
function filterKind(filter: PageFilter): { kind: TermKind; terms: number } | null {
  const lists = [filter.networks, filter.types, filter.municipalities, filter.organisations];
  let best: { kind: TermKind; terms: number } | null = null;
  lists.forEach((values, at) => {
    if (values.length > 0 && values.length <= MAX_INDEXED_TERMS && (best === null || values.length < best.terms)) best = { kind: TERM_KINDS[at]!, terms: values.length };
  });
  return best;
}

interface PageRow {
  event_id: string;
  recurrence_id: string;
  starts_at: string;
  ends_at: string;
  start_text: string;
  end_text: string;
  cancelled: number;
  moved: number;
  place: string | null;
  long: number;
}

type BriefPageRow = PageRow & Pick<EventRow, 'status' | 'title_fi' | 'title_sv' | 'title_en' | 'type_slug' | 'time_zone' | 'all_day'>;

type SyndicationPageRow = BriefPageRow &
  Pick<EventRow, 'description_fi' | 'description_sv' | 'description_en' | 'location_place' | 'location_address' | 'online_url' | 'cancel_reason' | 'cancel_reason_sv' | 'cancel_reason_en' | 'updated_at'>;

type PageFilter = EventFilter & { shortFrom: string; longFrom: string };

/** The page's statement and its values (the unindexed events' statement takes the first 8). */
function pageStatement(filter: PageFilter, page: OccurrencePage, columns: string | null): { sql: string; values: unknown[] } {
  // A page after a cursor reads the index from the cursor's start on (back from it, latest first), not from the
  // window's: the row-value comparison alone is checked row by row, so page n would read the n − 1 pages before it.
  const cursorStart = page.after?.[0] ?? null;
  const sql = pageSql({ descending: page.descending, cursor: page.after !== null, endAtCursor: page.descending && cursorStart !== null && cursorStart < filter.to, columns, by: filterKind(filter) });
  const after = page.descending ? null : cursorStart;
  const from = (earliest: string) => (after !== null && after > earliest ? after : earliest);
  const values = [filter.to, filter.from, ...filterValues(filter), filter.match, filter.includeMembersOnly ? 1 : 0, from(filter.shortFrom), from(filter.longFrom), page.limit + 1, ...(page.after ?? [])];
  return { sql, values };
}

function rowToOccurrence(row: PageRow): OccurrenceRow {
  return {
    eventId: row.event_id,
    recurrenceId: row.recurrence_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    start: row.start_text,
    end: row.end_text,
    cancelled: row.cancelled === 1,
    moved: row.moved === 1,
    place: row.place,
    long: row.long === 1,
  };
}

/**
 * A page of stored occurrences in the window, in order of (start, event,
 * occurrence), one more than `limit` when more follow, their events, and
 * the events of the window that are not indexed yet; one round trip. `shortFrom` and `longFrom` are the earliest starts of
 * occurrences of a day or less and of longer ones that can reach the window.
 */
export async function listOccurrencePage(db: D1Database, filter: PageFilter, page: OccurrencePage): Promise<{ rows: OccurrenceRow[]; events: StoredEvent[]; unindexed: StoredEvent[] }> {
  const { sql, values } = pageStatement(filter, page, null);
  const [rows, events, unindexed] = await db.batch([
    db.prepare(sql).bind(...values),
    db.prepare(`${SELECT_EVENT} WHERE e.id IN (SELECT event_id FROM (${sql}))`).bind(...values),
    db.prepare(UNINDEXED_SQL).bind(...values.slice(0, 8)),
  ]);
  return {
    rows: (rows!.results as PageRow[]).map(rowToOccurrence),
    events: (events!.results as EventRow[]).map(rowToEvent),
    unindexed: (unindexed!.results as EventRow[]).map(rowToEvent),
  };
}

/**
 * The same page as listOccurrencePage (same rows, order, filters and
 * cursor) with only the BriefEvent of each occurrence's event, read in the
 * page's own statement. Events not indexed yet are read in full: the list
 * expands them from their rules.
 */
export async function listOccurrenceBriefPage(db: D1Database, filter: PageFilter, page: OccurrencePage): Promise<{ rows: OccurrenceRow[]; events: BriefEvent[]; unindexed: StoredEvent[] }> {
  const { sql, values } = pageStatement(filter, page, BRIEF_COLUMNS);
  const [rows, unindexed] = await db.batch([db.prepare(sql).bind(...values), db.prepare(UNINDEXED_SQL).bind(...values.slice(0, 8))]);
  const results = rows!.results as BriefPageRow[];
  const events = new Map(results.map((row) => [row.event_id, rowToBriefEvent(row)]));
  return { rows: results.map(rowToOccurrence), events: [...events.values()], unindexed: (unindexed!.results as EventRow[]).map(rowToEvent) };
}

/**
 * The same page again, each occurrence with only what a feed item shows of
 * its event (SyndicationEvent), read in the page's own statement: RSS, Atom
 * and JSON Feed. Events not indexed yet are read in full, as above.
 */
export async function listOccurrenceSyndicationPage(
  db: D1Database,
  filter: PageFilter,
  page: OccurrencePage,
): Promise<{ rows: OccurrenceRow[]; events: SyndicationEvent[]; unindexed: StoredEvent[] }> {
  const { sql, values } = pageStatement(filter, page, SYNDICATION_COLUMNS);
  const [rows, unindexed] = await db.batch([db.prepare(sql).bind(...values), db.prepare(UNINDEXED_SQL).bind(...values.slice(0, 8))]);
  const results = rows!.results as SyndicationPageRow[];
  const events = new Map(results.map((row) => [row.event_id, rowToSyndicationEvent(row)]));
  return { rows: results.map(rowToOccurrence), events: [...events.values()], unindexed: (unindexed!.results as EventRow[]).map(rowToEvent) };
}

function rowToSyndicationEvent(row: SyndicationPageRow): SyndicationEvent {
  return {
    ...rowToBriefEvent(row),
    description: { fi: row.description_fi, sv: row.description_sv, en: row.description_en },
    location: row.location_place !== null || row.location_address !== null ? { place: row.location_place, address: row.location_address } : null,
    onlineUrl: row.online_url,
    cancelReasons: row.cancel_reason === null ? null : { fi: row.cancel_reason, sv: row.cancel_reason_sv, en: row.cancel_reason_en },
    updatedAt: row.updated_at,
  };
}

function rowToBriefEvent(row: BriefPageRow): BriefEvent {
  return {
    id: row.event_id,
    status: row.status,
    title: { fi: row.title_fi, sv: row.title_sv, en: row.title_en },
    type: row.type_slug,
    allDay: row.all_day === 1,
    timeZone: row.time_zone,
  };
}

/**
 * Listed events in the window that are not indexed yet (written before the
 * index existed, or restored): lists expand these few themselves until the
 * Cron Trigger has indexed them. Read through the partial index of
 * unindexed events, so that it costs nothing when there are none.
 */
const UNINDEXED_SQL = `${SELECT_EVENT}
WHERE e.status IN ('published', 'cancelled') AND e.indexed_until IS NULL
  AND e.span_start < ?1 AND (e.span_end IS NULL OR e.span_end > ?2)
  AND ${LIST_FILTERS}
  AND (?7 IS NULL OR e.id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?7))`;
