/** SQL for clocks, their rings and items, and the events that realise items. */
import { CATEGORY_COLOURS } from '../shared/clock-categories';
import type { AuditActor } from '../domain/access';
import { type ClockItemData, type ClockItemRecord, type LinkedEventRecord, clockItemView } from '../domain/clock';
import type { Localized } from '../shared/text';
import { auditStatement } from './audit';
import { type Entry, idOfSlug, numberedColumns } from './columns';
import { publicEventIdsInWindow } from './window';

export interface ClockWriteContext {
  now: string;
  actor: AuditActor;
}


export interface ClockRow {
  id: number;
  slug: string;
  name: Localized;
  organisation: string | null;
  startMonth: number;
  rings: { slug: string; name: Localized }[];
  createdAt: string;
}

/** A clock by slug (the regional one when no slug is given), with its rings in order. */
export async function readClock(db: D1Database, slug: string | null): Promise<ClockRow | null> {
  const row = await db
    .prepare(
      `SELECT c.id, c.slug, c.name_fi, c.name_sv, c.name_en, o.slug AS organisation, c.start_month, c.created_at,
         (SELECT json_group_array(json_object('slug', r.slug, 'name', json_object('fi', r.name_fi, 'sv', r.name_sv, 'en', r.name_en)))
            FROM (SELECT * FROM clock_rings WHERE clock_id = c.id ORDER BY position) r) AS rings
       FROM clocks c LEFT JOIN organisations o ON o.id = c.organisation_id
       WHERE (?1 IS NULL AND c.organisation_id IS NULL) OR c.slug = ?1
       ORDER BY c.id LIMIT 1`,
    )
    .bind(slug)
    .first<Record<string, unknown>>();
  if (!row) return null;
  return {
    id: row.id as number,
    slug: row.slug as string,
    name: { fi: row.name_fi as string, sv: row.name_sv as string | null, en: row.name_en as string | null },
    organisation: row.organisation as string | null,
    startMonth: row.start_month as number,
    rings: JSON.parse(row.rings as string),
    createdAt: row.created_at as string,
  };
}

/**
 * A clock's items of one kind, in ring order and then by start. With `from`
 * (a year; for term items the first year of a council term), not the
 * versions of earlier years or terms, which a roll-over adds every year: a
 * read of this year's clock does not grow with the clock's history.
 */
export async function readClockItems(db: D1Database, clockId: number, kind: 'annual' | 'term', from: number | null = null): Promise<ClockItemData[]> {
  const { results } = await db
    .prepare(
      `SELECT i.*, r.slug AS ring, o.slug AS responsible FROM clock_items i
       LEFT JOIN clock_rings r ON r.id = i.ring_id
       LEFT JOIN organisations o ON o.id = i.responsible_organisation_id
       WHERE i.clock_id = ?1 AND i.kind = ?2
         AND (?3 IS NULL OR (i.kind = 'annual' AND (i.repeat <> 'once' OR i.once_year >= ?3)) OR (i.kind = 'term' AND (i.for_term_start IS NULL OR i.for_term_start >= ?3)))
       ORDER BY r.position, coalesce(i.start_month, i.term_year_start), i.start_day, i.id`,
    )
    .bind(clockId, kind, from)
    .all<Record<string, unknown>>();
  return results.map(rowToItem);
}

/** One mapper of a clock_items row (joined with its ring's and responsible organisation's slugs). */
function rowToItem(row: Record<string, unknown>): ClockItemData {
  return {
    id: row.id as number,
    ring: row.ring as string | null,
    kind: row.kind as 'annual' | 'term',
    title: { fi: row.title_fi as string, sv: row.title_sv as string | null, en: row.title_en as string | null },
    shortTitle: { fi: row.short_title_fi as string | null, sv: row.short_title_sv as string | null, en: row.short_title_en as string | null },
    description: { fi: (row.description_fi as string | null) ?? '', sv: row.description_sv as string | null, en: row.description_en as string | null },
    startMonth: row.start_month as number | null,
    startDay: row.start_day as number | null,
    endMonth: row.end_month as number | null,
    endDay: row.end_day as number | null,
    repeat: row.repeat as ClockItemData['repeat'],
    onceYear: row.once_year as number | null,
    termYearStart: row.term_year_start as number | null,
    termYearEnd: row.term_year_end as number | null,
    // Always the category's, whatever colour an older row was stored with: the legend holds.
    colour: CATEGORY_COLOURS[row.category as ClockItemData['category']],
    category: row.category as ClockItemData['category'],
    responsibleOrganisation: row.responsible as string | null,
    source: row.source as string | null,
    links: JSON.parse(row.links as string),
    decision: row.decision == null ? null : JSON.parse(row.decision as string),
    status: row.status as ClockItemData['status'],
    replacesItem: row.replaces_item_id as number | null,
    forTermStart: row.for_term_start as number | null,
    updatedAt: row.updated_at as string | null,
  };
}

/**
 * Public events (not members-only: the clock is public) that realise items of a clock and take place in
 * [from, to). With `decisionDays` > 0, each event's decision and the days of it from the occurrence
 * index: the local dates of its first `decisionDays` occurrences in the window that are not cancelled,
 * read in the index's order for the event, so that no rule is evaluated and a series without end costs
 * its first days; an event not indexed yet comes with its timing instead, for the domain to expand.
 * `with-decisions` leaves out the events that have none (the clock's feed shows only decisions).
 */
// A decision asked for (?4 days of it at most) of a published event: cancelled events decide nothing.
const HAS_DECISION = "?4 > 0 AND e.status = 'published' AND e.decision IS NOT NULL";

export async function readLinkedEvents(db: D1Database, clockId: number, from: string, to: string, decisionDays: number, only: 'all' | 'with-decisions' = 'all'): Promise<LinkedEventRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.clock_item_id, e.title_fi, e.title_sv, e.title_en, e.starts_at, e.all_day, e.start_local, e.end_local, e.time_zone, e.rrule, e.status, e.updated_at,
         CASE WHEN ${HAS_DECISION} THEN e.decision END AS decision,
         CASE WHEN ${HAS_DECISION} AND e.indexed_until IS NOT NULL THEN
           (SELECT json_group_array(substr(x.start_text, 1, 10)) FROM (
              SELECT o.start_text FROM occurrences o
              WHERE o.event_id = e.id AND o.starts_at >= ?2 AND o.starts_at < ?3 AND o.cancelled = 0
              ORDER BY o.recurrence_id LIMIT ?4) x)
         END AS decision_days,
         CASE WHEN ${HAS_DECISION} AND e.indexed_until IS NULL AND e.rrule IS NOT NULL THEN
           (SELECT json_group_array(json_object('occurrence', x.occurrence, 'kind', x.kind, 'start', x.start_local, 'end', x.end_local, 'place', x.location_place))
            FROM (SELECT * FROM event_exceptions WHERE event_id = e.id ORDER BY occurrence) x)
         END AS exceptions_json
       FROM events e JOIN clock_items i ON i.id = e.clock_item_id
       WHERE i.clock_id = ?1 AND e.visibility = 'public' AND e.id IN (${publicEventIdsInWindow('?3', '?2')})
         AND (?5 = 0 OR (${HAS_DECISION}))
       ORDER BY e.starts_at, e.id`,
    )
    .bind(clockId, from, to, decisionDays, only === 'with-decisions' ? 1 : 0)
    .all<Record<string, unknown>>();
  return results.map((row) => ({
    id: row.id as string,
    clockItem: row.clock_item_id as number,
    title: { fi: row.title_fi as string, sv: row.title_sv as string | null, en: row.title_en as string | null },
    startsAt: row.starts_at as string,
    allDay: row.all_day === 1,
    start: row.start_local as string,
    status: row.status as 'published' | 'cancelled',
    updatedAt: row.updated_at as string,
    decision: row.decision == null ? null : JSON.parse(row.decision as string),
    decisionDays: row.decision_days == null ? null : JSON.parse(row.decision_days as string),
    timing: {
      timeZone: row.time_zone as string,
      allDay: row.all_day === 1,
      start: row.start_local as string,
      end: row.end_local as string,
      recurrence: row.rrule == null ? null : { rrule: row.rrule as string, exceptions: row.exceptions_json == null ? [] : JSON.parse(row.exceptions_json as string) },
    },
  }));
}

/** A clock item as the API gives it, with what a write needs to know. */
export interface WritableClockItem {
  item: import('../shared/clock').StoredClockItem;
  revision: string;
  clockId: number;
  clockOrganisation: string | null;
}

export async function findClockItem(db: D1Database, id: number): Promise<WritableClockItem | null> {
  const row = await db
    .prepare(
      `SELECT i.*, c.slug AS clock_slug, co.slug AS clock_organisation, r.slug AS ring, o.slug AS responsible FROM clock_items i
       JOIN clocks c ON c.id = i.clock_id
       LEFT JOIN organisations co ON co.id = c.organisation_id
       LEFT JOIN clock_rings r ON r.id = i.ring_id
       LEFT JOIN organisations o ON o.id = i.responsible_organisation_id
       WHERE i.id = ?1`,
    )
    .bind(id)
    .first<Record<string, unknown>>();
  if (!row) return null;
  return {
    item: clockItemView(rowToItem(row), row.clock_slug as string),
    revision: row.revision as string,
    clockId: row.clock_id as number,
    clockOrganisation: row.clock_organisation as string | null,
  };
}

type ItemRecord = ClockItemRecord;

/** What a write of a clock_items row binds. */
interface ItemWrite {
  record: ItemRecord;
  clockId: number;
  revision: string;
  now: string;
}

/** The columns of an item; ring and responsible organisation are slugs turned into ids in SQL. */
const ITEM_COLUMNS: Entry<ItemWrite>[] = [
  { column: 'kind', value: ({ record }) => record.kind },
  { column: 'title_fi', value: ({ record }) => record.title.fi },
  { column: 'title_sv', value: ({ record }) => record.title.sv },
  { column: 'title_en', value: ({ record }) => record.title.en },
  { column: 'description_fi', value: ({ record }) => record.description.fi || null },
  { column: 'description_sv', value: ({ record }) => record.description.sv },
  { column: 'description_en', value: ({ record }) => record.description.en },
  { column: 'start_month', value: ({ record }) => record.span?.startMonth ?? null },
  { column: 'start_day', value: ({ record }) => record.span?.startDay ?? null },
  { column: 'end_month', value: ({ record }) => record.span?.endMonth ?? null },
  { column: 'end_day', value: ({ record }) => record.span?.endDay ?? null },
  { column: 'repeat', value: ({ record }) => record.repeat },
  { column: 'once_year', value: ({ record }) => record.onceYear },
  { column: 'term_year_start', value: ({ record }) => record.termYears?.start ?? null },
  { column: 'term_year_end', value: ({ record }) => record.termYears?.end ?? null },
  { column: 'colour', value: ({ record }) => record.colour },
  { column: 'source', value: ({ record }) => record.source },
  { column: 'links', value: ({ record }) => JSON.stringify(record.links) },
  { column: 'category', value: ({ record }) => record.category },
  { column: 'short_title_fi', value: ({ record }) => record.shortTitle.fi },
  { column: 'short_title_sv', value: ({ record }) => record.shortTitle.sv },
  { column: 'short_title_en', value: ({ record }) => record.shortTitle.en },
  { column: 'decision', value: ({ record }) => (record.decision ? JSON.stringify(record.decision) : null) },
  { column: 'clock_id', value: (w) => w.clockId },
  { column: 'ring_id', value: ({ record }) => record.ring, sql: (slug, at) => `(SELECT id FROM clock_rings WHERE clock_id = ${at('clock_id')} AND slug = ${slug})` },
  { column: 'responsible_organisation_id', value: ({ record }) => record.responsibleOrganisation, sql: idOfSlug('organisations') },
  { column: 'revision', value: (w) => w.revision },
  { column: 'updated_at', value: (w) => w.now },
];

const INSERT = numberedColumns<ItemWrite>(ITEM_COLUMNS);
const INSERT_ITEM = `INSERT INTO clock_items (${INSERT.names}) VALUES (${INSERT.values})`;

const UPDATE = numberedColumns<ItemWrite & { id: number; expectedRevision: string }>([
  ...ITEM_COLUMNS,
  { parameter: 'id', value: (w) => w.id },
  { parameter: 'expected_revision', value: (w) => w.expectedRevision },
]);
const UPDATE_ITEM = `UPDATE clock_items SET ${UPDATE.assignments} WHERE id = ${UPDATE.at('id')} AND revision = ${UPDATE.at('expected_revision')}`;

/** The audit row of an item's write, found by the write's revision (and id, for an update): written only when the write happened. */
function clockAudit(db: D1Database, action: 'create' | 'update', itemId: number | null, before: unknown, after: unknown, ctx: ClockWriteContext & { revision: string }): D1PreparedStatement {
  return auditStatement(db, { at: ctx.now, actor: ctx.actor, action, entity: 'clock_item', entityId: null, before, after }, {
    tail: (p) => `FROM clock_items WHERE ${itemId === null ? '1 = 1' : `id = ${p.bind(itemId)}`} AND revision = ${p.bind(ctx.revision)}`,
    entityIdFromRow: true,
  });
}

/** Creates an item in a clock; returns its id. */
export async function insertClockItem(db: D1Database, clockId: number, record: ItemRecord, ctx: ClockWriteContext & { revision: string }): Promise<number> {
  const insert = db.prepare(INSERT_ITEM).bind(...INSERT.bind({ record, clockId, revision: ctx.revision, now: ctx.now }));
  await db.batch([insert, clockAudit(db, 'create', null, null, record, ctx)]);
  const row = await db.prepare('SELECT id FROM clock_items WHERE revision = ?1').bind(ctx.revision).first<{ id: number }>();
  return row!.id;
}

/** Replaces an item if it still has `expectedRevision`; false (nothing changed) when it does not. */
/** Whether a write failed on the rule of one version of an item per year or per term (migration 0022). */
export const isDuplicateVersion = (error: unknown): boolean => error instanceof Error && /UNIQUE constraint failed: clock_items\./.test(`${error.message} ${error.cause instanceof Error ? error.cause.message : ''}`);

export async function updateClockItem(
  db: D1Database,
  current: WritableClockItem,
  expectedRevision: string,
  record: ItemRecord,
  ctx: ClockWriteContext & { revision: string },
): Promise<boolean> {
  const update = db
    .prepare(UPDATE_ITEM)
    .bind(...UPDATE.bind({ record, clockId: current.clockId, revision: ctx.revision, now: ctx.now, id: current.item.id, expectedRevision }));
  const [result] = await db.batch([update, clockAudit(db, 'update', current.item.id, current.item, record, ctx)]);
  return (result?.meta.changes ?? 0) > 0;
}

/**
 * An organisation's own clock, filled from the statutory template in one
 * batch: the clock, the regional clock's rings, and every template item.
 * Returns false when the organisation already has a clock.
 */
export async function insertClockFromTemplate(db: D1Database, organisation: string, slug: string, startMonth: number, ctx: ClockWriteContext): Promise<boolean> {
  const exists = await db.prepare('SELECT 1 FROM clocks c JOIN organisations o ON o.id = c.organisation_id WHERE o.slug = ?1 OR c.slug = ?2').bind(organisation, slug).first();
  if (exists) return false;
  const clockId = `(SELECT id FROM clocks WHERE slug = ?1)`;
  await db.batch([
    db
      .prepare(
        `INSERT INTO clocks (slug, name_fi, name_sv, name_en, organisation_id, start_month, created_at)
         SELECT ?1, 'Hyvinvointityön vuosikello: ' || o.name_fi, 'Årsklocka: ' || coalesce(o.name_sv, o.name_fi), 'Annual clock: ' || coalesce(o.name_en, o.name_fi), o.id, ?3, ?4
         FROM organisations o WHERE o.slug = ?2`,
      )
      .bind(slug, organisation, startMonth, ctx.now),
    db
      .prepare(`INSERT INTO clock_rings (clock_id, slug, name_fi, name_sv, name_en, position) SELECT ${clockId}, slug, name_fi, name_sv, name_en, position FROM clock_rings WHERE clock_id = (SELECT id FROM clocks WHERE organisation_id IS NULL ORDER BY id LIMIT 1)`)
      .bind(slug),
    db
      .prepare(
        `INSERT INTO clock_items (clock_id, ring_id, kind, title_fi, title_sv, title_en, short_title_fi, short_title_sv, short_title_en, description_fi, start_month, end_month, repeat, term_year_start, term_year_end, colour, category, source, decision, template_key, updated_at)
         SELECT ${clockId}, (SELECT r.id FROM clock_rings r WHERE r.clock_id = ${clockId} AND r.slug = t.ring), t.kind, t.title_fi, t.title_sv, t.title_en, t.short_title_fi, t.short_title_sv, t.short_title_en, t.description_fi,
                t.start_month, t.end_month, t.repeat, t.term_year_start, t.term_year_end, t.colour, t.category, t.source, t.decision, t.key, ?2
         FROM clock_template_items t ORDER BY t.position`,
      )
      .bind(slug, ctx.now),
    auditStatement(db, { at: ctx.now, actor: ctx.actor, action: 'create', entity: 'clock', entityId: slug, before: null, after: { organisation, startMonth, template: 'statutory' } }),
  ]);
  return true;
}

/** Slugs of a clock's rings that items are in. */
export async function ringsInUse(db: D1Database, clockId: number): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT DISTINCT r.slug FROM clock_items i JOIN clock_rings r ON r.id = i.ring_id WHERE r.clock_id = ?1')
    .bind(clockId)
    .all<{ slug: string }>();
  return results.map((row) => row.slug);
}

/** Replaces a clock's rings (names and order), in one batch; rings not named are removed. */
export async function replaceRings(
  db: D1Database,
  clockId: number,
  rings: { slug: string; name: { fi: string; sv?: string | null; en?: string | null } }[],
  ctx: ClockWriteContext & { clockSlug: string },
): Promise<void> {
  await db.batch([
    ...rings.map((ring, position) =>
      db
        .prepare(
          `INSERT INTO clock_rings (clock_id, slug, name_fi, name_sv, name_en, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (clock_id, slug) DO UPDATE SET name_fi = ?3, name_sv = ?4, name_en = ?5, position = ?6`,
        )
        .bind(clockId, ring.slug, ring.name.fi, ring.name.sv ?? null, ring.name.en ?? null, position),
    ),
    db.prepare('DELETE FROM clock_rings WHERE clock_id = ?1 AND slug NOT IN (SELECT value FROM json_each(?2))').bind(clockId, JSON.stringify(rings.map((r) => r.slug))),
    auditStatement(db, { at: ctx.now, actor: ctx.actor, action: 'update', entity: 'clock', entityId: ctx.clockSlug, before: null, after: { rings } }),
  ]);
}

/**
 * Creates several items in a clock in one batch: all or none. Each record
 * comes with its own revision, by which its audit row finds its id.
 */
export async function insertClockItems(db: D1Database, clockId: number, records: { record: ItemRecord; revision: string }[], ctx: ClockWriteContext): Promise<void> {
  const statements = records.flatMap(({ record, revision }) => [
    db.prepare(INSERT_ITEM).bind(...INSERT.bind({ record, clockId, revision, now: ctx.now })),
    clockAudit(db, 'create', null, null, record, { ...ctx, revision }),
  ]);
  await db.batch(statements);
}

/** A draft version of an item for one year (an annual 'once' item) or one council term. */
export interface VersionRecord {
  record: ItemRecord;
  replaces: number;
  forTermStart: number | null;
  revision: string;
}

const VERSION = numberedColumns<ItemWrite & { replaces: number; forTermStart: number | null }>([
  ...ITEM_COLUMNS,
  { column: 'status', value: () => 'draft' },
  { column: 'replaces_item_id', value: (w) => w.replaces },
  { column: 'for_term_start', value: (w) => w.forTermStart },
]);
// A version made meanwhile by another roll-over (the unique indexes: one a year, one a term) is left as it is.
const INSERT_VERSION = `INSERT INTO clock_items (${VERSION.names}) VALUES (${VERSION.values}) ON CONFLICT DO NOTHING`;

/**
 * The drafts of a roll-over in one batch, all or none, each with its audit
 * row (found by its revision, so written only when the draft was). Returns
 * the ids of the drafts made.
 */
export async function insertClockVersions(db: D1Database, clockId: number, versions: VersionRecord[], ctx: ClockWriteContext): Promise<number[]> {
  if (versions.length === 0) return [];
  await db.batch(
    versions.flatMap(({ record, replaces, forTermStart, revision }) => [
      db.prepare(INSERT_VERSION).bind(...VERSION.bind({ record, clockId, revision, now: ctx.now, replaces, forTermStart })),
      clockAudit(db, 'create', null, null, { ...record, status: 'draft', replacesItem: replaces, forTermStart }, { ...ctx, revision }),
    ]),
  );
  const { results } = await db
    .prepare('SELECT id FROM clock_items WHERE clock_id = ?1 AND revision IN (SELECT value FROM json_each(?2)) ORDER BY id')
    .bind(clockId, JSON.stringify(versions.map((v) => v.revision)))
    .all<{ id: number }>();
  return results.map((row) => row.id);
}

/** Ids of a clock's drafts for a year (annual) or a council term. */
export async function draftIdsOf(db: D1Database, clockId: number, target: { year: number } | { term: number }): Promise<number[]> {
  const { results } = await db
    .prepare(
      'year' in target
        ? "SELECT id FROM clock_items WHERE clock_id = ?1 AND status = 'draft' AND kind = 'annual' AND repeat = 'once' AND once_year = ?2 ORDER BY id"
        : "SELECT id FROM clock_items WHERE clock_id = ?1 AND status = 'draft' AND kind = 'term' AND for_term_start = ?2 ORDER BY id",
    )
    .bind(clockId, 'year' in target ? target.year : target.term)
    .all<{ id: number }>();
  return results.map((row) => row.id);
}

/**
 * Publishes drafts in one batch, each with its audit row, written only for
 * a draft still a draft. Returns the ids published.
 */
export async function publishClockDrafts(db: D1Database, clockId: number, ids: number[], ctx: ClockWriteContext & { revision: () => string }): Promise<number[]> {
  if (ids.length === 0) return [];
  const results = await db.batch(
    ids.flatMap((id) => {
      const revision = ctx.revision();
      return [
        db.prepare("UPDATE clock_items SET status = 'published', revision = ?3, updated_at = ?4 WHERE id = ?1 AND clock_id = ?2 AND status = 'draft'").bind(id, clockId, revision, ctx.now),
        clockAudit(db, 'update', id, { status: 'draft' }, { status: 'published' }, { ...ctx, revision }),
      ];
    }),
  );
  return ids.filter((_, i) => (results[i * 2]?.meta.changes ?? 0) > 0);
}

/** Deletes a draft, with its audit row; false when it is no draft (or gone). */
export async function deleteClockDraft(db: D1Database, current: WritableClockItem, ctx: ClockWriteContext): Promise<boolean> {
  const [, removed] = await db.batch([
    // The audit row first, while the row it names still exists.
    auditStatement(db, { at: ctx.now, actor: ctx.actor, action: 'delete', entity: 'clock_item', entityId: String(current.item.id), before: current.item, after: null }, {
      tail: (p) => `WHERE EXISTS (SELECT 1 FROM clock_items WHERE id = ${p.bind(current.item.id)} AND status = 'draft')`,
    }),
    db.prepare("DELETE FROM clock_items WHERE id = ?1 AND status = 'draft'").bind(current.item.id),
  ]);
  return (removed?.meta.changes ?? 0) > 0;
}
