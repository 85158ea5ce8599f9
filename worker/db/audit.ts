/** SQL for the audit trail: one row per write, who made it, the state before and after. */
import type { AuditActor } from '../domain/access';
import type { AuditEntry } from '../shared/accounts';

export interface AuditRecord {
  at: string;
  actor: AuditActor;
  action: 'create' | 'update' | 'cancel' | 'delete' | 'revoke' | 'invite' | 'accept' | 'decline';
  entity: AuditEntry['entity'];
  /** The entity's id, or null when `entityIdSql` computes it. */
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The insert of an audit row, to put in the same batch as the write it
 * records. `condition` (a FROM/WHERE tail, placeholders from ?11) makes the
 * row appear only when the write itself happened, e.g. when a revision
 * guard matched; `entityIdSql` takes the id from that tail's row.
 */
export function auditStatement(db: D1Database, record: AuditRecord, condition: { tail: string; values: unknown[]; entityIdSql?: string } = { tail: '', values: [] }): D1PreparedStatement {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return db
    .prepare(
      `INSERT INTO audit_log (at, via, token_id, person_id, session_id, action, entity, entity_id, before_json, after_json)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ${condition.entityIdSql ?? '?8'}, ?9, ?10 ${condition.tail}`,
    )
    .bind(record.at, record.actor.via, record.actor.tokenId, record.actor.personId, record.actor.sessionId, record.action, record.entity, record.entityId, json(record.before), json(record.after), ...condition.values);
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
