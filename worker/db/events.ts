/**
 * SQL for events. Reads gather an event and its related rows in one query;
 * a write is one D1 batch (D1's only transaction), guarded by the event's
 * revision so that a lost race changes nothing.
 */
import type { AuditActor } from '../domain/access';
import type { EventDraft } from '../domain/events';
import type { FeedEntry } from '../domain/feeds';
import { auditStatement, ifEventHas } from './audit';
import { type Entry, idOfSlug, numberedColumns } from './columns';
import type { Event } from '../shared/events';
import { publicEventIdsInWindow } from './window';
import { indexStatements } from './occurrence-rows';
import { indexOfEvent } from '../domain/occurrence-index';
import { searchTerms } from '../domain/search';

export type StoredEvent = Event & { revision: string };

/** The event as the API shows it: its revision is the ETag, not a field. */
export function withoutRevision({ revision: _revision, ...event }: StoredEvent): Event {
  return event;
}

export interface EventRow {
  id: string;
  status: Event['status'];
  title_fi: string;
  title_sv: string | null;
  title_en: string | null;
  description_fi: string;
  description_sv: string | null;
  description_en: string | null;
  type_slug: string;
  time_zone: string;
  all_day: number;
  start_local: string;
  end_local: string;
  rrule: string | null;
  starts_at: string;
  ends_at: string;
  location_place: string | null;
  location_address: string | null;
  location_municipality_slug: string | null;
  online_url: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  languages: string;
  registration_url: string | null;
  registration_deadline: string | null;
  clock_item_id: number | null;
  decision: string | null;
  cancel_reason: string | null;
  cancel_reason_sv: string | null;
  cancel_reason_en: string | null;
  visibility: Event['visibility'];
  sequence: number;
  revision: string;
  created_at: string;
  updated_at: string;
  organisations_json: string;
  networks_json: string;
  municipalities_json: string;
  audiences_json: string;
  materials_json: string;
  exceptions_json: string;
}

const slugsOf = (joinTable: string, column: string, table: string) =>
  `(SELECT json_group_array(x.slug) FROM (SELECT t.slug FROM ${joinTable} j JOIN ${table} t ON t.id = j.${column} WHERE j.event_id = e.id ORDER BY j.rowid) x)`;

export const SELECT_EVENT = `
SELECT e.*, et.slug AS type_slug, lm.slug AS location_municipality_slug,
  ${slugsOf('event_organisations', 'organisation_id', 'organisations')} AS organisations_json,
  ${slugsOf('event_networks', 'network_id', 'networks')} AS networks_json,
  ${slugsOf('event_municipalities', 'municipality_id', 'municipalities')} AS municipalities_json,
  ${slugsOf('event_audiences', 'audience_id', 'audiences')} AS audiences_json,
  (SELECT json_group_array(json_object('kind', m.kind, 'title', m.title, 'url', m.url))
     FROM (SELECT * FROM event_materials WHERE event_id = e.id ORDER BY position) m) AS materials_json,
  (SELECT json_group_array(json_object('occurrence', x.occurrence, 'kind', x.kind, 'start', x.start_local, 'end', x.end_local, 'place', x.location_place))
     FROM (SELECT * FROM event_exceptions WHERE event_id = e.id ORDER BY occurrence) x) AS exceptions_json
FROM events e
JOIN event_types et ON et.id = e.event_type_id
LEFT JOIN municipalities lm ON lm.id = e.location_municipality_id`;

export function rowToEvent(row: EventRow): StoredEvent {
  const hasLocation = row.location_place !== null || row.location_address !== null || row.location_municipality_slug !== null;
  const hasContact = row.contact_name !== null || row.contact_email !== null || row.contact_phone !== null;
  return {
    id: row.id,
    status: row.status,
    title: { fi: row.title_fi, sv: row.title_sv, en: row.title_en },
    description: { fi: row.description_fi, sv: row.description_sv, en: row.description_en },
    type: row.type_slug,
    timeZone: row.time_zone,
    allDay: row.all_day === 1,
    start: row.start_local,
    end: row.end_local,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    recurrence: row.rrule === null ? null : { rrule: row.rrule, exceptions: JSON.parse(row.exceptions_json) },
    location: hasLocation ? { place: row.location_place, address: row.location_address, municipality: row.location_municipality_slug } : null,
    onlineUrl: row.online_url,
    organisations: JSON.parse(row.organisations_json),
    contact: hasContact ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone } : null,
    networks: JSON.parse(row.networks_json),
    municipalities: JSON.parse(row.municipalities_json),
    audiences: JSON.parse(row.audiences_json),
    languages: row.languages.split(','),
    registration: row.registration_url !== null || row.registration_deadline !== null ? { url: row.registration_url, deadline: row.registration_deadline } : null,
    materials: JSON.parse(row.materials_json),
    clockItem: row.clock_item_id,
    decision: row.decision === null ? null : JSON.parse(row.decision),
    cancelReason: row.cancel_reason,
    cancelReasons: row.cancel_reason === null ? null : { fi: row.cancel_reason, sv: row.cancel_reason_sv, en: row.cancel_reason_en },
    visibility: row.visibility,
    sequence: row.sequence,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}

export async function findEvent(db: D1Database, id: string): Promise<StoredEvent | null> {
  const row = await db.prepare(`${SELECT_EVENT} WHERE e.id = ?1`).bind(id).first<EventRow>();
  return row ? rowToEvent(row) : null;
}

export interface EventFilter {
  /** Instants, 'YYYY-MM-DDTHH:MM:SSZ'. */
  from: string;
  to: string;
  networks: string[];
  types: string[];
  municipalities: string[];
  organisations: string[];
  /** An FTS5 match expression, or null. */
  match: string | null;
  /** Whether members-only events are included (the reader is a signed-in member). */
  includeMembersOnly: boolean;
}

/**
 * The filters of the public lists, in SQL: ?3 networks, ?4 types, ?5
 * municipalities, ?6 organisations (JSON lists, NULL for "any"), and ?8 = 1
 * when members-only events are included. Each is checked per event of the
 * window (EXISTS on the link table's primary key), never as the list of
 * every event of a network, which grows with the history.
 */
const linkedTo = (joinTable: string, column: string, table: string, values: string) =>
  `(${values} IS NULL OR EXISTS (SELECT 1 FROM ${joinTable} j JOIN ${table} t ON t.id = j.${column} WHERE j.event_id = e.id AND t.slug IN (SELECT value FROM json_each(${values}))))`;
export const LIST_FILTERS = `${linkedTo('event_networks', 'network_id', 'networks', '?3')}
  AND (?4 IS NULL OR et.slug IN (SELECT value FROM json_each(?4)))
  AND ${linkedTo('event_municipalities', 'municipality_id', 'municipalities', '?5')}
  AND ${linkedTo('event_organisations', 'organisation_id', 'organisations', '?6')}
  AND (e.visibility = 'public' OR ?8 = 1)`;

/** The values of ?3–?6 of LIST_FILTERS. */
export function filterValues(filter: Pick<EventFilter, 'networks' | 'types' | 'municipalities' | 'organisations'>): (string | null)[] {
  const list = (values: string[]) => (values.length > 0 ? JSON.stringify(values) : null);
  return [list(filter.networks), list(filter.types), list(filter.municipalities), list(filter.organisations)];
}

/**
 * Public (published or cancelled) events that may have an occurrence in
 * the window. Filters of one kind match any of their values; kinds combine.
 */
export async function listPublicEvents(db: D1Database, filter: EventFilter): Promise<StoredEvent[]> {
  const { results } = await db
    .prepare(
      `${SELECT_EVENT}
WHERE e.id IN (${publicEventIdsInWindow('?1', '?2')})
  AND ${LIST_FILTERS}
  AND (?7 IS NULL OR e.id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?7))
ORDER BY e.span_start, e.id`,
    )
    .bind(filter.to, filter.from, ...filterValues(filter), filter.match, filter.includeMembersOnly ? 1 : 0)
    .all<EventRow>();
  return results.map(rowToEvent);
}

/** Events by id, in no particular order; unknown ids are left out. */
export async function listEventsByIds(db: D1Database, ids: readonly string[]): Promise<StoredEvent[]> {
  const { results } = await db.prepare(`${SELECT_EVENT} WHERE e.id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)).all<EventRow>();
  return results.map(rowToEvent);
}

/**
 * A feed's events as listPublicEvents selects and orders them, but only
 * what is needed to use their stored VEVENT texts in `language`: no event
 * is read in full unless its text has to be written anew. The texts of
 * `kept` events are left out (the isolate has their bytes), only their contexts read.
 */
export async function listFeedEntries(db: D1Database, filter: Omit<EventFilter, 'match'>, language: string, kept: readonly string[] = []): Promise<FeedEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.updated_at, e.time_zone, e.all_day, c.context,
  CASE WHEN e.id IN (SELECT value FROM json_each(?9)) THEN NULL ELSE c.text END AS text
FROM events e
JOIN event_types et ON et.id = e.event_type_id
LEFT JOIN event_components c ON c.event_id = e.id AND c.language = ?7
WHERE e.id IN (${publicEventIdsInWindow('?1', '?2')})
  AND ${LIST_FILTERS}
ORDER BY e.span_start, e.id`,
    )
    .bind(filter.to, filter.from, ...filterValues(filter), language, filter.includeMembersOnly ? 1 : 0, JSON.stringify(kept))
    .all<{ id: string; updated_at: string; time_zone: string; all_day: number; context: string | null; text: string | null }>();
  return results.map((row) => ({
    id: row.id,
    updatedAt: row.updated_at,
    timeZone: row.time_zone,
    allDay: row.all_day === 1,
    stored: row.context === null || row.text === null ? null : { context: row.context, text: row.text },
  }));
}

export interface WriteContext {
  /** The new revision; also the ETag. */
  revision: string;
  now: string;
  actor: AuditActor;
}

/** Statements that replace an event's related rows; they run only if the event now has `revision`. */
function relatedRowStatements(db: D1Database, id: string, draft: EventDraft, revision: string): D1PreparedStatement[] {
  const guard = 'EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?2)';
  const statements: D1PreparedStatement[] = [];
  const links: [string, string, string, string[]][] = [
    ['event_organisations', 'organisation_id', 'organisations', draft.organisations],
    ['event_networks', 'network_id', 'networks', draft.networks],
    ['event_municipalities', 'municipality_id', 'municipalities', draft.municipalities],
    ['event_audiences', 'audience_id', 'audiences', draft.audiences],
  ];
  for (const [joinTable, column, table, slugs] of links) {
    statements.push(db.prepare(`DELETE FROM ${joinTable} WHERE event_id = ?1 AND ${guard}`).bind(id, revision));
    for (const slug of slugs) {
      statements.push(
        db.prepare(`INSERT INTO ${joinTable} (event_id, ${column}) SELECT ?1, id FROM ${table} WHERE slug = ?3 AND ${guard}`).bind(id, revision, slug),
      );
    }
  }
  statements.push(db.prepare(`DELETE FROM event_materials WHERE event_id = ?1 AND ${guard}`).bind(id, revision));
  draft.materials.forEach((material, position) => {
    statements.push(
      db
        .prepare(`INSERT INTO event_materials (event_id, position, kind, title, url) SELECT ?1, ?3, ?4, ?5, ?6 WHERE ${guard}`)
        .bind(id, revision, position, material.kind, material.title, material.url),
    );
  });
  statements.push(db.prepare(`DELETE FROM event_exceptions WHERE event_id = ?1 AND ${guard}`).bind(id, revision));
  // One statement for every exception (a series may have 500), not one each.
  const exceptions = draft.recurrence?.exceptions ?? [];
  if (exceptions.length > 0) {
    statements.push(
      db
        .prepare(
          `INSERT INTO event_exceptions (event_id, occurrence, kind, start_local, end_local, location_place)
           SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?3) WHERE ${guard}`,
        )
        .bind(id, revision, JSON.stringify(exceptions.map((e) => [e.occurrence, e.kind, e.start ?? null, e.end ?? null, e.place ?? null]))),
    );
  }
  return statements;
}

function eventAudit(db: D1Database, id: string, action: 'create' | 'update' | 'cancel', before: Event | null, after: EventDraft, ctx: WriteContext): D1PreparedStatement {
  return auditStatement(db, { at: ctx.now, actor: ctx.actor, action, entity: 'event', entityId: id, before, after }, ifEventHas(ctx.revision));
}

/** What a write of an events row binds. */
interface EventWrite {
  id: string;
  draft: EventDraft;
  revision: string;
  now: string;
}

/** The columns an event's content is stored in; slugs are turned into ids in SQL. */
const CONTENT_COLUMNS: Entry<EventWrite>[] = [
  { column: 'status', value: ({ draft }) => draft.status },
  { column: 'title_fi', value: ({ draft }) => draft.title.fi },
  { column: 'title_sv', value: ({ draft }) => draft.title.sv },
  { column: 'title_en', value: ({ draft }) => draft.title.en },
  { column: 'description_fi', value: ({ draft }) => draft.description.fi },
  { column: 'description_sv', value: ({ draft }) => draft.description.sv },
  { column: 'description_en', value: ({ draft }) => draft.description.en },
  { column: 'event_type_id', value: ({ draft }) => draft.type, sql: idOfSlug('event_types') },
  { column: 'time_zone', value: ({ draft }) => draft.timeZone },
  { column: 'all_day', value: ({ draft }) => (draft.allDay ? 1 : 0) },
  { column: 'start_local', value: ({ draft }) => draft.start },
  { column: 'end_local', value: ({ draft }) => draft.end },
  { column: 'rrule', value: ({ draft }) => draft.recurrence?.rrule ?? null },
  { column: 'starts_at', value: ({ draft }) => draft.startsAt },
  { column: 'ends_at', value: ({ draft }) => draft.endsAt },
  { column: 'span_start', value: ({ draft }) => draft.spanStart },
  { column: 'span_end', value: ({ draft }) => draft.spanEnd },
  { column: 'location_place', value: ({ draft }) => draft.location?.place ?? null },
  { column: 'location_address', value: ({ draft }) => draft.location?.address ?? null },
  { column: 'location_municipality_id', value: ({ draft }) => draft.location?.municipality ?? null, sql: idOfSlug('municipalities') },
  { column: 'online_url', value: ({ draft }) => draft.onlineUrl },
  { column: 'contact_name', value: ({ draft }) => draft.contact?.name ?? null },
  { column: 'contact_email', value: ({ draft }) => draft.contact?.email ?? null },
  { column: 'contact_phone', value: ({ draft }) => draft.contact?.phone ?? null },
  { column: 'languages', value: ({ draft }) => draft.languages.join(',') },
  { column: 'registration_url', value: ({ draft }) => draft.registration?.url ?? null },
  { column: 'registration_deadline', value: ({ draft }) => draft.registration?.deadline ?? null },
  { column: 'clock_item_id', value: ({ draft }) => draft.clockItem },
  { column: 'decision', value: ({ draft }) => (draft.decision ? JSON.stringify(draft.decision) : null) },
  { column: 'cancel_reason', value: ({ draft }) => draft.cancelReasons?.fi ?? null },
  { column: 'cancel_reason_sv', value: ({ draft }) => draft.cancelReasons?.sv ?? null },
  { column: 'cancel_reason_en', value: ({ draft }) => draft.cancelReasons?.en ?? null },
  { column: 'visibility', value: ({ draft }) => draft.visibility },
];

const INSERT = numberedColumns<EventWrite>([
  ...CONTENT_COLUMNS,
  { column: 'id', value: (w) => w.id },
  { column: 'revision', value: (w) => w.revision },
  { column: 'sequence', value: () => 0 },
  { column: 'created_at', value: (w) => w.now },
  { column: 'updated_at', value: (w) => w.now },
]);
const INSERT_EVENT = `INSERT INTO events (${INSERT.names}) VALUES (${INSERT.values})`;

const UPDATE = numberedColumns<EventWrite & { sequence: number; expectedRevision: string }>([
  ...CONTENT_COLUMNS,
  { column: 'sequence', value: (w) => w.sequence },
  { column: 'revision', value: (w) => w.revision },
  { column: 'updated_at', value: (w) => w.now },
  { parameter: 'id', value: (w) => w.id },
  { parameter: 'expected_revision', value: (w) => w.expectedRevision },
]);
// Only the revision read: a write that lost a race changes nothing.
const UPDATE_EVENT = `UPDATE events SET ${UPDATE.assignments} WHERE id = ${UPDATE.at('id')} AND revision = ${UPDATE.at('expected_revision')}`;

export interface IdempotencyKey {
  /** Whose key it is: 'token:<id>' or 'person:<id>'. */
  owner: string;
  key: string;
  requestHash: string;
}

/** The event an earlier create with this key made, and the hash of that request. */
export async function findIdempotentCreate(db: D1Database, owner: string, key: string): Promise<{ eventId: string; requestHash: string } | null> {
  const row = await db.prepare('SELECT event_id, request_hash FROM idempotency_keys WHERE actor = ?1 AND key = ?2').bind(owner, key).first<{ event_id: string; request_hash: string }>();
  return row ? { eventId: row.event_id, requestHash: row.request_hash } : null;
}

/**
 * Creates an event with all its related rows, or nothing. Throws if the id
 * is taken, or if `idempotency` names a key that another create used (the
 * key's row is in the same batch, so of two racing retries one is undone).
 * `also` joins the batch (e.g. an import's record of the event's source).
 */
export async function insertEvent(db: D1Database, id: string, draft: EventDraft, ctx: WriteContext, idempotency?: IdempotencyKey, also: D1PreparedStatement[] = []): Promise<void> {
  const insert = db.prepare(INSERT_EVENT).bind(...INSERT.bind({ id, draft, revision: ctx.revision, now: ctx.now }));
  const key = idempotency
    ? [db.prepare('INSERT INTO idempotency_keys (actor, key, request_hash, event_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)').bind(idempotency.owner, idempotency.key, idempotency.requestHash, id, ctx.now)]
    : [];
  const index = indexStatements(db, id, ctx.revision, indexOfEvent(draft, Date.parse(ctx.now)));
  await db.batch([
    insert,
    ...key,
    ...relatedRowStatements(db, id, draft, ctx.revision),
    ...index.store,
    eventAudit(db, id, 'create', null, draft, ctx),
    ...also,
  ]);
}

/**
 * Replaces an event if it still has `expectedRevision`. Returns false, and
 * changes nothing, when it does not (it was changed meanwhile, or is gone).
 * `also` joins the batch (e.g. an import's bookkeeping, guarded by ctx.revision).
 */
export async function updateEvent(
  db: D1Database,
  before: StoredEvent,
  expectedRevision: string,
  draft: EventDraft,
  sequence: number,
  action: 'update' | 'cancel',
  ctx: WriteContext,
  also: D1PreparedStatement[] = [],
): Promise<boolean> {
  const update = db.prepare(UPDATE_EVENT).bind(...UPDATE.bind({ id: before.id, draft, revision: ctx.revision, now: ctx.now, sequence, expectedRevision }));
  const index = indexStatements(db, before.id, ctx.revision, indexOfEvent(draft, Date.parse(ctx.now)));
  const [result] = await db.batch([
    update,
    index.clear,
    ...relatedRowStatements(db, before.id, draft, ctx.revision),
    ...index.store,
    eventAudit(db, before.id, action, withoutRevision(before), draft, ctx),
    ...also,
  ]);
  return (result?.meta.changes ?? 0) > 0;
}

/**
 * An FTS5 match expression over the trigram index that finds every term of
 * a search text (see searchTerms: compounds and inflected forms too); null
 * when it has none. Terms are quoted and hold only letters, digits and a
 * space, so no FTS5 syntax gets through from the user.
 */
export function searchExpression(text: string | undefined): string | null {
  const terms = searchTerms(text);
  return terms.length > 0 ? terms.map((term) => `"${term}"`).join(' ') : null;
}

/**
 * Deletes a draft with its related rows if it still has the revision read;
 * false (nothing changed) when it does not or is no longer a draft.
 */
export async function deleteDraft(db: D1Database, before: StoredEvent, ctx: WriteContext): Promise<boolean> {
  const guard = "EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?2 AND status = 'draft')";
  const results = await db.batch([
    auditStatement(db, { at: ctx.now, actor: ctx.actor, action: 'delete', entity: 'event', entityId: before.id, before: withoutRevision(before), after: null }, ifEventHas(ctx.revision, { draft: true })),
    db.prepare(`DELETE FROM idempotency_keys WHERE event_id = ?1 AND ${guard}`).bind(before.id, ctx.revision),
    db.prepare("DELETE FROM events WHERE id = ?1 AND revision = ?2 AND status = 'draft'").bind(before.id, ctx.revision),
  ]);
  return (results[2]?.meta.changes ?? 0) > 0;
}

/**
 * Events organised by any of these organisations (every one when null),
 * drafts included, latest start first, after the position `after`; one
 * more than `limit` so that the caller knows whether a page follows.
 */
export async function listEventsOf(
  db: D1Database,
  filter: { organisations: string[] | null; status: Event['status'] | null; after: [startsAt: string, id: string] | null; limit: number },
): Promise<StoredEvent[]> {
  const { results } = await db
    .prepare(
      `${SELECT_EVENT}
WHERE (?1 IS NULL OR e.id IN (SELECT j.event_id FROM event_organisations j JOIN organisations t ON t.id = j.organisation_id WHERE t.slug IN (SELECT value FROM json_each(?1))))
  AND (?2 IS NULL OR e.status = ?2)
  AND (?3 IS NULL OR e.starts_at < ?3 OR (e.starts_at = ?3 AND e.id > ?4))
ORDER BY e.starts_at DESC, e.id
LIMIT ?5`,
    )
    .bind(filter.organisations === null ? null : JSON.stringify(filter.organisations), filter.status, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit + 1)
    .all<EventRow>();
  return results.map(rowToEvent);
}

/**
 * Published and cancelled events changed at or after `since` (stored
 * form), oldest change first, after the position `after`; one more than
 * `limit` so that the caller knows whether a page follows.
 */
export async function listChangedEvents(
  db: D1Database,
  filter: Omit<EventFilter, 'from' | 'to' | 'match'> & { since: string; after: [string, string] | null; limit: number },
): Promise<StoredEvent[]> {
  const { results } = await db
    .prepare(
      `${SELECT_EVENT}
WHERE e.status IN ('published', 'cancelled') AND e.updated_at >= ?1
  AND (?2 IS NULL OR (e.updated_at, e.id) > (?2, ?7))
  AND ${LIST_FILTERS}
ORDER BY e.updated_at, e.id
LIMIT ?9`,
    )
    .bind(filter.since, filter.after?.[0] ?? null, ...filterValues(filter), filter.after?.[1] ?? null, filter.includeMembersOnly ? 1 : 0, filter.limit + 1)
    .all<EventRow>();
  return results.map(rowToEvent);
}
