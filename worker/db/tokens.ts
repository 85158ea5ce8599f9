/** SQL for API tokens. */
import type { AuditActor } from '../domain/access';
import type { ApiToken } from '../shared/accounts';
import { IF_CHANGED, auditStatement } from './audit';
import { literal } from './sql-text';

export interface TokenOwner {
  tokenId: number;
  organisation: string;
  /** The organisation's kind, e.g. 'wellbeing-county'. */
  kind: string;
}

interface TokenRow {
  id: number;
  organisation: string;
  kind: string;
  last_used_at: string | null;
}

// last_used_at is refreshed at most this often, so that reads stay reads.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** The owner of a token that exists and is not revoked, or null. */
export async function findActiveToken(db: D1Database, tokenHash: string, now: Date): Promise<TokenOwner | null> {
  const row = await db
    .prepare(
      `SELECT t.id, o.slug AS organisation, o.kind, t.last_used_at FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id
       WHERE t.token_hash = ?1 AND t.revoked_at IS NULL`,
    )
    .bind(tokenHash)
    .first<TokenRow>();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await db.prepare('UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1').bind(row.id, now.toISOString()).run();
  }
  return { tokenId: row.id, organisation: row.organisation, kind: row.kind };
}

export interface NewToken {
  name: string;
  organisation: string;
  tokenHash: string;
  now: string;
}

/** Stores a token for an organisation; returns its id, or null when the organisation does not exist. */
export async function insertToken(db: D1Database, token: NewToken): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO api_tokens (name, organisation_id, token_hash, created_at)
       SELECT ?1, id, ?3, ?4 FROM organisations WHERE slug = ?2 RETURNING id`,
    )
    .bind(token.name, token.organisation, token.tokenHash, token.now)
    .first<{ id: number }>();
  return row?.id ?? null;
}

export async function revokeToken(db: D1Database, tokenId: number, now: string): Promise<boolean> {
  const result = await db.prepare('UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL').bind(tokenId, now).run();
  return result.meta.changes > 0;
}

interface ApiTokenRow {
  id: number;
  name: string;
  organisation: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const SELECT_TOKEN = `SELECT t.id, t.name, o.slug AS organisation, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id`;

const rowToApiToken = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  organisation: row.organisation,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Tokens of these organisations (every token when null), newest first; never their hashes. */
export async function listTokens(db: D1Database, organisations: string[] | null): Promise<ApiToken[]> {
  const { results } = await db
    .prepare(`${SELECT_TOKEN} WHERE ?1 IS NULL OR o.slug IN (SELECT value FROM json_each(?1)) ORDER BY t.id DESC`)
    .bind(organisations === null ? null : JSON.stringify(organisations))
    .all<ApiTokenRow>();
  return results.map(rowToApiToken);
}

export async function findToken(db: D1Database, id: number): Promise<ApiToken | null> {
  const row = await db.prepare(`${SELECT_TOKEN} WHERE t.id = ?1`).bind(id).first<ApiTokenRow>();
  return row ? rowToApiToken(row) : null;
}

/** Creates a token for an organisation on behalf of a person, with its audit row; returns it (without the secret). */
export async function createToken(db: D1Database, token: NewToken, actor: AuditActor): Promise<ApiToken> {
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO api_tokens (name, organisation_id, token_hash, created_at, created_by)
         SELECT ?1, id, ?3, ?4, ?5 FROM organisations WHERE slug = ?2 RETURNING id`,
      )
      .bind(token.name, token.organisation, token.tokenHash, token.now, actor.personId),
    auditStatement(db, { at: token.now, actor, action: 'create', entity: 'token', entityId: null, before: null, after: { name: token.name, organisation: token.organisation } }, {
      tail: (p) => `FROM api_tokens WHERE token_hash = ${p.bind(token.tokenHash)}`,
      entityIdFromRow: true,
    }),
  ]);
  return (await findToken(db, (inserted!.results[0] as { id: number }).id))!;
}

/** Revokes a token, with its audit row; false when it was revoked already. */
export async function revokeTokenAudited(db: D1Database, token: ApiToken, now: string, actor: AuditActor): Promise<boolean> {
  const [result] = await db.batch([
    db.prepare('UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL').bind(token.id, now),
    auditStatement(db, { at: now, actor, action: 'revoke', entity: 'token', entityId: String(token.id), before: { name: token.name, organisation: token.organisation }, after: null }, IF_CHANGED),
  ]);
  return (result?.meta.changes ?? 0) > 0;
}


/**
 * The same insert as SQL text, for `wrangler d1 execute` against a local or
 * remote database from the command line (the only way in without a Worker).
 */
export function insertTokenSql(token: NewToken): string {
  return `INSERT INTO api_tokens (name, organisation_id, token_hash, created_at)
SELECT ${literal(token.name)}, id, ${literal(token.tokenHash)}, ${literal(token.now)} FROM organisations WHERE slug = ${literal(token.organisation)} RETURNING id;`;
}

/** Revocation as SQL text, for `wrangler d1 execute`. */
export function revokeTokenSql(tokenId: number, now: string): string {
  return `UPDATE api_tokens SET revoked_at = ${literal(now)} WHERE id = ${Math.trunc(tokenId)} AND revoked_at IS NULL RETURNING id;`;
}

/** Every token of every organisation, without hashes, as SQL text for `wrangler d1 execute`. */
export function listTokensSql(): string {
  return `SELECT t.id, t.name, o.slug AS organisation, t.created_at, t.last_used_at, t.revoked_at
FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id ORDER BY t.id;`;
}
