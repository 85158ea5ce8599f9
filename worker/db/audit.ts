/** SQL for the audit trail: one row per write, who made it, the state before and after. */
import type { AuditActor } from '../domain/access';
import type { AuditEntry } from '../shared/accounts';
import { numberedColumns } from './columns';

export interface AuditRecord {
  at: string;
  actor: AuditActor;
  action: 'create' | 'update' | 'cancel' | 'delete' | 'revoke' | 'invite' | 'accept' | 'decline';
  entity: AuditEntry['entity'];
  /** The entity's id, or null when it is taken from the condition's row (AuditCondition.entityIdFromRow). */
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * When an audit row is written, as a FROM/WHERE tail of its insert: e.g.
 * only when a revision guard matched, so that the row appears only when
 * the write it records happened. The tail is made with the placeholders
 * of this statement: `entityId` is the one of the record's entity id, and
 * `bind` binds a value and gives its placeholder.
 */
export interface AuditCondition {
  tail: (placeholders: { entityId: string; bind: (value: unknown) => string }) => string;
  /** The entity id is the `id` of the tail's row (made earlier in the same batch), not the record's. */
  entityIdFromRow?: boolean;
}

/** Only when the statement before it in the batch changed a row. */
export const IF_CHANGED: AuditCondition = { tail: () => 'WHERE changes() > 0' };

/** Only when the event (the record's entity) has `revision`, and with `draft` is a draft. */
export function ifEventHas(revision: string, { draft = false } = {}): AuditCondition {
  return { tail: (p) => `WHERE EXISTS (SELECT 1 FROM events WHERE id = ${p.entityId} AND revision = ${p.bind(revision)}${draft ? " AND status = 'draft'" : ''})` };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const auditColumns = (entityIdSql?: string) =>
  numberedColumns<AuditRecord>([
    { column: 'at', value: (r) => r.at },
    { column: 'via', value: (r) => r.actor.via },
    { column: 'token_id', value: (r) => r.actor.tokenId },
    { column: 'person_id', value: (r) => r.actor.personId },
    { column: 'session_id', value: (r) => r.actor.sessionId },
    { column: 'action', value: (r) => r.action },
    { column: 'entity', value: (r) => r.entity },
    // Taken from the row, the record's entity id (null) is still bound: the placeholders after it keep their numbers.
    { column: 'entity_id', value: (r) => r.entityId, ...(entityIdSql ? { sql: () => entityIdSql } : {}) },
    { column: 'before_json', value: (r) => json(r.before) },
    { column: 'after_json', value: (r) => json(r.after) },
  ]);
const AUDIT = auditColumns();
const AUDIT_ENTITY_FROM_ROW = auditColumns('CAST(id AS TEXT)');

/** The insert of an audit row, to put in the same batch as the write it records; `condition` says when it is written (always by default). */
export function auditStatement(db: D1Database, record: AuditRecord, condition?: AuditCondition): D1PreparedStatement {
  const columns = condition?.entityIdFromRow ? AUDIT_ENTITY_FROM_ROW : AUDIT;
  const tailValues: unknown[] = [];
  const bind = (value: unknown) => {
    tailValues.push(value);
    return `?${columns.count + tailValues.length}`;
  };
  const tail = condition ? ` ${condition.tail({ entityId: columns.at('entity_id'), bind })}` : '';
  return db.prepare(`INSERT INTO audit_log (${columns.names}) SELECT ${columns.values}${tail}`).bind(...columns.bind(record), ...tailValues);
}

interface AuditRow {
  id: number;
  at: string;
  action: string;
  entity: AuditEntry['entity'];
  entity_id: string;
  via: AuditEntry['actor']['via'];
  person_id: number | null;
  person_name: string | null;
  token_id: number | null;
  token_name: string | null;
  session_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

export interface AuditFilter {
  entity?: AuditEntry['entity'];
  entityId?: string;
  person?: number;
  /** Only entries older than this id. */
  before?: number;
  limit: number;
}

/** The newest entries first, one page; `next` is the id to pass as `before` for the next page. */
export async function readAudit(db: D1Database, filter: AuditFilter): Promise<{ items: AuditEntry[]; next: number | null }> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.at, a.action, a.entity, a.entity_id, a.via, a.person_id, p.name AS person_name, a.token_id, t.name AS token_name, a.session_id, a.before_json, a.after_json
       FROM audit_log a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN api_tokens t ON t.id = a.token_id
       WHERE (?1 IS NULL OR a.entity = ?1) AND (?2 IS NULL OR a.entity_id = ?2) AND (?3 IS NULL OR a.person_id = ?3) AND (?4 IS NULL OR a.id < ?4)
       ORDER BY a.id DESC LIMIT ?5`,
    )
    .bind(filter.entity ?? null, filter.entityId ?? null, filter.person ?? null, filter.before ?? null, filter.limit + 1)
    .all<AuditRow>();
  const page = results.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      actor: {
        via: row.via,
        person: row.person_id === null ? null : { id: row.person_id, name: row.person_name ?? '' },
        token: row.token_id === null ? null : { id: row.token_id, name: row.token_name ?? '' },
        session: row.session_id,
      },
      before: row.before_json === null ? null : JSON.parse(row.before_json),
      after: row.after_json === null ? null : JSON.parse(row.after_json),
    })),
    next: results.length > filter.limit ? page[page.length - 1]!.id : null,
  };
}

/** The newest audit entry of one thing: when, and the person's or token's name (null for the system). */
export async function lastChangeOf(db: D1Database, entity: AuditEntry['entity'], entityId: string): Promise<{ at: string; person: string | null; token: string | null } | null> {
  return db
    .prepare(
      `SELECT a.at, p.name AS person, t.name AS token FROM audit_log a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN api_tokens t ON t.id = a.token_id
       WHERE a.entity = ?1 AND a.entity_id = ?2 ORDER BY a.at DESC, a.id DESC LIMIT 1`,
    )
    .bind(entity, entityId)
    .first<{ at: string; person: string | null; token: string | null }>();
}
