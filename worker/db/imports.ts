/** SQL for imported calendars: the sources, and which event each source UID became. */
import type { AuditActor } from '../domain/access';
import type { ImportMapping } from '../domain/import-plan';
import { IF_CHANGED, auditStatement } from './audit';

export interface ImportSource {
  id: number;
  organisation: string;
  /** '' for the files an organisation uploads by hand. */
  url: string;
  mapping: ImportMapping;
  sync: boolean;
  createdAt: string;
  lastSyncedAt: string | null;
  lastError: string | null;
}

interface SourceRow {
  id: number;
  organisation: string;
  url: string;
  mapping_json: string;
  sync: number;
  created_at: string;
  last_synced_at: string | null;
  last_error: string | null;
}

const SELECT_SOURCE = `SELECT s.id, o.slug AS organisation, s.url, s.mapping_json, s.sync, s.created_at, s.last_synced_at, s.last_error
FROM import_sources s JOIN organisations o ON o.id = s.organisation_id`;

function rowToSource(row: SourceRow): ImportSource {
  return {
    id: row.id,
    organisation: row.organisation,
    url: row.url,
    mapping: JSON.parse(row.mapping_json),
    sync: row.sync === 1,
    createdAt: row.created_at,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
  };
}

export async function findSource(db: D1Database, id: number): Promise<ImportSource | null> {
  const row = await db.prepare(`${SELECT_SOURCE} WHERE s.id = ?1`).bind(id).first<SourceRow>();
  return row ? rowToSource(row) : null;
}

export async function findSourceByUrl(db: D1Database, organisation: string, url: string): Promise<ImportSource | null> {
  const row = await db.prepare(`${SELECT_SOURCE} WHERE o.slug = ?1 AND s.url = ?2`).bind(organisation, url).first<SourceRow>();
  return row ? rowToSource(row) : null;
}

/** Sources of these organisations (every one when null), URLs first. */
export async function listSources(db: D1Database, organisations: string[] | null): Promise<ImportSource[]> {
  const { results } = await db
    .prepare(`${SELECT_SOURCE} WHERE ?1 IS NULL OR o.slug IN (SELECT value FROM json_each(?1)) ORDER BY o.slug, s.url = '', s.url`)
    .bind(organisations === null ? null : JSON.stringify(organisations))
    .all<SourceRow>();
  return results.map(rowToSource);
}

/** Sources to sync, least recently synced first. */
export async function listSyncedSources(db: D1Database, limit: number): Promise<ImportSource[]> {
  const { results } = await db.prepare(`${SELECT_SOURCE} WHERE s.sync = 1 ORDER BY s.last_synced_at IS NOT NULL, s.last_synced_at, s.id LIMIT ?1`).bind(limit).all<SourceRow>();
  return results.map(rowToSource);
}

/** What the audit trail keeps of a source. */
const auditedSource = (source: Pick<ImportSource, 'url' | 'mapping' | 'sync'>) => ({ importSource: { url: source.url, mapping: source.mapping, sync: source.sync } });

/**
 * Creates the source of an organisation and URL, or updates its mapping
 * (and turns syncing on when asked; an import never turns it off), with an
 * audit row on the organisation. Returns the source.
 */
export async function saveSource(db: D1Database, source: { organisation: string; url: string; mapping: ImportMapping; sync: boolean }, now: string, actor: AuditActor): Promise<ImportSource> {
  const before = await findSourceByUrl(db, source.organisation, source.url);
  const unchanged = before && JSON.stringify(before.mapping) === JSON.stringify(source.mapping) && (before.sync || !source.sync);
  if (before && unchanged) return before;
  await db.batch([
    db
      .prepare(
        `INSERT INTO import_sources (organisation_id, url, mapping_json, sync, created_at)
         SELECT id, ?2, ?3, ?4, ?5 FROM organisations WHERE slug = ?1
         ON CONFLICT (organisation_id, url) DO UPDATE SET mapping_json = excluded.mapping_json, sync = max(sync, excluded.sync)`,
      )
      .bind(source.organisation, source.url, JSON.stringify(source.mapping), source.sync ? 1 : 0, now),
    auditStatement(db, {
      at: now,
      actor,
      action: 'update',
      entity: 'organisation',
      entityId: source.organisation,
      before: before ? auditedSource(before) : null,
      after: auditedSource({ ...source, sync: source.sync || (before?.sync ?? false) }),
    }),
  ]);
  return (await findSourceByUrl(db, source.organisation, source.url))!;
}

/**
 * Turns the scheduled sync of a source on or off, with an audit row on the
 * organisation; nothing (and no audit row) when it already is so. Returns
 * the source as it is now, or null when it was deleted meanwhile.
 */
export async function setSourceSync(db: D1Database, source: ImportSource, sync: boolean, now: string, actor: AuditActor): Promise<ImportSource | null> {
  await db.batch([
    db.prepare('UPDATE import_sources SET sync = ?2 WHERE id = ?1 AND sync <> ?2').bind(source.id, sync ? 1 : 0),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'organisation', entityId: source.organisation, before: auditedSource(source), after: auditedSource({ ...source, sync }) }, IF_CHANGED),
  ]);
  return findSource(db, source.id);
}

/**
 * Forgets a source: the source and which event each of its UIDs became go,
 * with an audit row on the organisation. The events stay, as ordinary
 * events of the organisation. Returns whether there was anything to forget.
 */
export async function deleteSource(db: D1Database, source: ImportSource, now: string, actor: AuditActor): Promise<boolean> {
  const results = await db.batch([
    db.prepare('DELETE FROM imported_events WHERE source_id = ?1').bind(source.id),
    db.prepare('DELETE FROM import_sources WHERE id = ?1').bind(source.id),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'organisation', entityId: source.organisation, before: auditedSource(source), after: { importSource: null } }, IF_CHANGED),
  ]);
  return (results[1]?.meta.changes ?? 0) > 0;
}

/** The outcome of a sync: when, and the error or null. Bookkeeping, not audited. */
export async function recordSync(db: D1Database, id: number, at: string, error: string | null): Promise<void> {
  await db.prepare('UPDATE import_sources SET last_synced_at = ?2, last_error = ?3 WHERE id = ?1').bind(id, at, error).run();
}

/** A sync began: the source goes to the back of the sync queue; its last error stays until the sync ends. */
export async function markSyncStarted(db: D1Database, id: number, at: string): Promise<void> {
  await db.prepare('UPDATE import_sources SET last_synced_at = ?2 WHERE id = ?1').bind(id, at).run();
}

export interface ImportedEvent {
  eventId: string;
  fingerprint: string;
}

/** Records that a UID became an event; in the event's insert batch, so both or neither exist. */
export function linkStatement(db: D1Database, sourceId: number, uid: string, eventId: string, fingerprint: string): D1PreparedStatement {
  return db.prepare('INSERT INTO imported_events (source_id, uid, event_id, fingerprint) VALUES (?1, ?2, ?3, ?4)').bind(sourceId, uid, eventId, fingerprint);
}

/** The new fingerprint of an updated event; only if the update itself happened (the event has `revision`). */
export function fingerprintStatement(db: D1Database, sourceId: number, uid: string, eventId: string, fingerprint: string, revision: string): D1PreparedStatement {
  return db
    .prepare('UPDATE imported_events SET fingerprint = ?3 WHERE source_id = ?1 AND uid = ?2 AND EXISTS (SELECT 1 FROM events WHERE id = ?4 AND revision = ?5)')
    .bind(sourceId, uid, fingerprint, eventId, revision);
}
