/**
 * SQL for people, memberships, sessions, invitations, sign-in attempts and
 * personal feed keys. Secrets are looked up by their SHA-256 only.
 */
import type { Actor, ActorMembership, AuditActor } from '../domain/access';
import type { Membership, Person } from '../shared/accounts';
import { auditStatement } from './audit';
import { literal } from './sql-text';

const MEMBERSHIPS_JSON = `(SELECT json_group_array(json_object('organisation', o.slug, 'kind', o.kind, 'role', m.role))
  FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = p.id)`;

interface ActorRow {
  person_id: number;
  name: string;
  email: string;
  memberships_json: string;
  session_id: number | null;
}

function rowToActor(row: ActorRow, via: Actor['via']): Actor {
  const memberships = (JSON.parse(row.memberships_json) as ActorMembership[]).sort((a, b) => a.organisation.localeCompare(b.organisation));
  return { via, person: { id: row.person_id, name: row.name, email: row.email }, tokenId: null, sessionId: row.session_id, memberships };
}

/** The person of a live session (not revoked, not expired), with their memberships. */
export async function findSessionActor(db: D1Database, tokenHash: string, now: string): Promise<Actor | null> {
  const row = await db
    .prepare(
      `SELECT p.id AS person_id, p.name, p.email, ${MEMBERSHIPS_JSON} AS memberships_json, s.id AS session_id
       FROM sessions s JOIN people p ON p.id = s.person_id
       WHERE s.token_hash = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<ActorRow>();
  return row ? rowToActor(row, 'session') : null;
}

/** A person by email, with their memberships, as an actor signed in some other way (Access, development). */
export async function findPersonActor(db: D1Database, email: string, via: Actor['via']): Promise<Actor | null> {
  const row = await db
    .prepare(`SELECT p.id AS person_id, p.name, p.email, ${MEMBERSHIPS_JSON} AS memberships_json, NULL AS session_id FROM people p WHERE p.email = ?1`)
    .bind(email.toLowerCase())
    .first<ActorRow>();
  return row ? rowToActor(row, via) : null;
}

/** Sets a password hash directly (the demo seed; people set their own through invitations). */
export async function setPasswordHash(db: D1Database, personId: number, passwordHash: string): Promise<void> {
  await db.prepare('UPDATE people SET password_hash = ?2 WHERE id = ?1').bind(personId, passwordHash).run();
}

export async function findPasswordHash(db: D1Database, email: string): Promise<{ personId: number; passwordHash: string | null } | null> {
  const row = await db.prepare('SELECT id, password_hash FROM people WHERE email = ?1').bind(email).first<{ id: number; password_hash: string | null }>();
  return row ? { personId: row.id, passwordHash: row.password_hash } : null;
}

/** Starts a session; returns its id. Also remembers the sign-in time and, when given, a renewed password hash. */
export async function insertSession(db: D1Database, session: { personId: number; tokenHash: string; now: string; expiresAt: string; rehash?: string }): Promise<number> {
  const [, , inserted] = await db.batch([
    db.prepare('UPDATE people SET last_sign_in_at = ?2, password_hash = coalesce(?3, password_hash) WHERE id = ?1').bind(session.personId, session.now, session.rehash ?? null),
    db.prepare("DELETE FROM sessions WHERE person_id = ?1 AND (expires_at <= ?2 OR revoked_at IS NOT NULL)").bind(session.personId, session.now),
    db
      .prepare('INSERT INTO sessions (token_hash, person_id, created_at, expires_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?3) RETURNING id')
      .bind(session.tokenHash, session.personId, session.now, session.expiresAt),
  ]);
  return (inserted!.results[0] as { id: number }).id;
}

export async function revokeSession(db: D1Database, tokenHash: string, now: string): Promise<void> {
  await db.prepare('UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL').bind(tokenHash, now).run();
}

/** Signs a person out everywhere: every session revoked. Returns how many were live. */
export async function revokeSessionsOf(db: D1Database, personId: number, now: string, actor: AuditActor): Promise<number> {
  const [result] = await db.batch([
    db.prepare('UPDATE sessions SET revoked_at = ?2 WHERE person_id = ?1 AND revoked_at IS NULL AND expires_at > ?2').bind(personId, now),
    auditStatement(db, { at: now, actor, action: 'revoke', entity: 'person', entityId: String(personId), before: null, after: { sessions: 'revoked' } }),
  ]);
  return result?.meta.changes ?? 0;
}

// Sign-in attempts are kept this long; older ones neither count nor stay.
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** A key that sign-in attempts are counted under, and how many the window allows. */
export interface AttemptLimit {
  /** 'account:<email>' or 'address:<ip>' */
  key: string;
  limit: number;
}

/**
 * Records a sign-in attempt under every key before the password is
 * checked, in one statement that also counts: the rows go in only while
 * every key is under its limit. D1 runs one statement at a time, so of
 * parallel attempts no more than the limit get in, however they race.
 * Returns the ids of the recorded rows (one per key), or null when a
 * limit is reached and the attempt must not be evaluated.
 */
export async function recordLoginAttempt(db: D1Database, limits: AttemptLimit[], now: string, since: string): Promise<number[] | null> {
  // ?1 now, ?2 since, then each key and its limit, and last the keys as a JSON list.
  const under = limits.map((_, i) => `(SELECT count(*) FROM login_failures WHERE key = ?${3 + 2 * i} AND at > ?2) < ?${4 + 2 * i}`).join(' AND ');
  const keys = `?${3 + 2 * limits.length}`;
  const [, inserted] = await db.batch([
    db.prepare('DELETE FROM login_failures WHERE at <= ?1').bind(since),
    db
      .prepare(`INSERT INTO login_failures (key, at) SELECT k.value, ?1 FROM json_each(${keys}) k WHERE ${under} RETURNING id`)
      .bind(now, since, ...limits.flatMap(({ key, limit }) => [key, limit]), JSON.stringify(limits.map(({ key }) => key))),
  ]);
  const ids = (inserted!.results as { id: number }[]).map((row) => row.id);
  return ids.length === limits.length ? ids : null;
}

/** After a successful sign-in: the account's failures are forgotten, and this attempt does not count against the address. */
export async function clearLoginFailures(db: D1Database, accountKey: string, attemptIds: number[]): Promise<void> {
  await db.prepare('DELETE FROM login_failures WHERE key = ?1 OR id IN (SELECT value FROM json_each(?2))').bind(accountKey, JSON.stringify(attemptIds)).run();
}

interface PersonRow {
  id: number;
  name: string;
  email: string;
  has_password: number;
  created_at: string;
  last_sign_in_at: string | null;
  memberships_json: string;
}

const SELECT_PERSON = `SELECT p.id, p.name, p.email, p.password_hash IS NOT NULL AS has_password, p.created_at, p.last_sign_in_at,
  (SELECT json_group_array(json_object('organisation', o.slug, 'role', m.role)) FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = p.id) AS memberships_json
FROM people p`;

function rowToPerson(row: PersonRow): Person {
  const memberships = (JSON.parse(row.memberships_json) as Membership[]).sort((a, b) => a.organisation.localeCompare(b.organisation));
  return { id: row.id, name: row.name, email: row.email, memberships, hasPassword: row.has_password === 1, createdAt: row.created_at, lastSignInAt: row.last_sign_in_at };
}

export async function listPeople(db: D1Database): Promise<Person[]> {
  const { results } = await db.prepare(`${SELECT_PERSON} ORDER BY p.name, p.id`).all<PersonRow>();
  return results.map(rowToPerson);
}

export async function findPerson(db: D1Database, id: number): Promise<Person | null> {
  const row = await db.prepare(`${SELECT_PERSON} WHERE p.id = ?1`).bind(id).first<PersonRow>();
  return row ? rowToPerson(row) : null;
}

export async function emailTaken(db: D1Database, email: string, exceptId: number | null): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM people WHERE email = ?1 AND id IS NOT ?2').bind(email, exceptId).first()) !== null;
}

function membershipStatements(db: D1Database, personIdSql: string, personBinds: unknown[], memberships: Membership[]): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM memberships WHERE person_id = ${personIdSql}`).bind(...personBinds),
    ...memberships.map((m) =>
      db
        .prepare(`INSERT INTO memberships (person_id, organisation_id, role) SELECT ${personIdSql}, o.id, ?${personBinds.length + 2} FROM organisations o WHERE o.slug = ?${personBinds.length + 1}`)
        .bind(...personBinds, m.organisation, m.role),
    ),
  ];
}

/** Adds a person with their memberships; returns the new id. */
export async function insertPerson(db: D1Database, person: { name: string; email: string; memberships: Membership[] }, now: string, actor: AuditActor): Promise<number> {
  const results = await db.batch([
    db.prepare('INSERT INTO people (name, email, created_at) VALUES (?1, ?2, ?3) RETURNING id').bind(person.name, person.email, now),
    ...membershipStatements(db, '(SELECT id FROM people WHERE email = ?1)', [person.email], person.memberships),
    auditStatement(db, { at: now, actor, action: 'create', entity: 'person', entityId: null, before: null, after: person }, {
      tail: (p) => `FROM people WHERE email = ${p.bind(person.email)}`,
      entityIdFromRow: true,
    }),
  ]);
  return (results[0]!.results[0] as { id: number }).id;
}

export async function updatePerson(db: D1Database, before: Person, after: { name: string; email: string }, now: string, actor: AuditActor): Promise<void> {
  await db.batch([
    db.prepare('UPDATE people SET name = ?2, email = ?3 WHERE id = ?1').bind(before.id, after.name, after.email),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'person', entityId: String(before.id), before: { name: before.name, email: before.email }, after }),
  ]);
}

/**
 * Runs a batch that may take away an administrator, ending with a check
 * (migration 0020) that one is left: false, and nothing written, when
 * none would be. It holds against writes made since the caller looked.
 */
async function batchKeepingAnAdministrator(db: D1Database, writes: D1PreparedStatement[], audit: D1PreparedStatement): Promise<boolean> {
  try {
    await db.batch([
      ...writes,
      db.prepare("INSERT INTO rule_checks (holds) SELECT EXISTS (SELECT 1 FROM memberships WHERE role = 'administrator')"),
      db.prepare('DELETE FROM rule_checks'),
      // Last: when two administrators erase each other, the later one's audit row would name a person gone already.
      audit,
    ]);
    return true;
  } catch (error) {
    if (/rule_holds|CHECK constraint failed: holds/.test(String(error))) return false;
    throw error;
  }
}

/** Replaces a person's memberships in one batch with its audit row; false when no administrator would be left. */
export async function replaceMemberships(db: D1Database, person: Person, memberships: Membership[], now: string, actor: AuditActor): Promise<boolean> {
  return batchKeepingAnAdministrator(
    db,
    membershipStatements(db, '?1', [person.id], memberships),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'membership', entityId: String(person.id), before: person.memberships, after: memberships }),
  );
}

/** Organisation slugs among these that do not exist. */
export async function unknownOrganisations(db: D1Database, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const { results } = await db.prepare('SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT slug FROM organisations)').bind(JSON.stringify(slugs)).all<{ value: string }>();
  return results.map((row) => row.value);
}

/** The service's administrators by name, whom a person without rights asks. */
export async function listAdministrators(db: D1Database): Promise<{ name: string; email: string }[]> {
  const { results } = await db
    .prepare("SELECT DISTINCT p.name, p.email FROM people p JOIN memberships m ON m.person_id = p.id WHERE m.role = 'administrator' ORDER BY p.name LIMIT 20")
    .all<{ name: string; email: string }>();
  return results;
}

/** How many administrators there are besides this person: the last one may not be demoted. */
export async function otherAdministrators(db: D1Database, personId: number): Promise<number> {
  const row = await db.prepare("SELECT count(DISTINCT person_id) AS n FROM memberships WHERE role = 'administrator' AND person_id <> ?1").bind(personId).first<{ n: number }>();
  return row!.n;
}

export async function insertInvitation(db: D1Database, invitation: { tokenHash: string; personId: number; now: string; expiresAt: string }, actor: AuditActor): Promise<void> {
  await db.batch([
    // A new link replaces any earlier one that was not used.
    db.prepare('DELETE FROM invitations WHERE person_id = ?1 AND used_at IS NULL').bind(invitation.personId),
    db
      .prepare('INSERT INTO invitations (token_hash, person_id, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(invitation.tokenHash, invitation.personId, actor.personId, invitation.now, invitation.expiresAt),
    auditStatement(db, { at: invitation.now, actor, action: 'invite', entity: 'invitation', entityId: String(invitation.personId), before: null, after: { expiresAt: invitation.expiresAt } }),
  ]);
}

/** The person an unused, unexpired invitation is for. */
export async function findInvitation(db: D1Database, tokenHash: string, now: string): Promise<{ personId: number; name: string; email: string; expiresAt: string } | null> {
  const row = await db
    .prepare(
      `SELECT p.id, p.name, p.email, i.expires_at FROM invitations i JOIN people p ON p.id = i.person_id
       WHERE i.token_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<{ id: number; name: string; email: string; expires_at: string }>();
  return row ? { personId: row.id, name: row.name, email: row.email, expiresAt: row.expires_at } : null;
}

/**
 * Uses an invitation: sets the password and starts a session, in one batch
 * that does nothing unless the invitation is still unused and unexpired, so
 * of two racing uses only one gets in. Returns the session id, or null.
 */
export async function acceptInvitation(db: D1Database, accept: { invitationHash: string; passwordHash: string; sessionHash: string; now: string; expiresAt: string }): Promise<number | null> {
  const live = 'SELECT person_id FROM invitations WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2';
  const results = await db.batch([
    db.prepare(`UPDATE people SET password_hash = ?3, last_sign_in_at = ?2 WHERE id = (${live})`).bind(accept.invitationHash, accept.now, accept.passwordHash),
    db
      .prepare(`INSERT INTO sessions (token_hash, person_id, created_at, expires_at, last_seen_at) SELECT ?3, person_id, ?2, ?4, ?2 FROM invitations WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING id`)
      .bind(accept.invitationHash, accept.now, accept.sessionHash, accept.expiresAt),
    db.prepare('UPDATE invitations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2').bind(accept.invitationHash, accept.now),
  ]);
  const inserted = results[1]!.results[0] as { id: number } | undefined;
  return inserted?.id ?? null;
}

/** The person of a live personal feed key, with their memberships. */
export async function findFeedKeyActor(db: D1Database, tokenHash: string): Promise<Actor | null> {
  const row = await db
    .prepare(
      `SELECT p.id AS person_id, p.name, p.email, ${MEMBERSHIPS_JSON} AS memberships_json, NULL AS session_id
       FROM feed_keys k JOIN people p ON p.id = k.person_id WHERE k.token_hash = ?1 AND k.revoked_at IS NULL`,
    )
    .bind(tokenHash)
    .first<ActorRow>();
  return row ? rowToActor(row, 'session') : null;
}

/** Replaces a person's feed key with a new one (the old URL stops working), or only revokes it when `tokenHash` is null. */
export async function replaceFeedKey(db: D1Database, personId: number, tokenHash: string | null, now: string): Promise<void> {
  await db.batch([
    db.prepare('UPDATE feed_keys SET revoked_at = ?2 WHERE person_id = ?1 AND revoked_at IS NULL').bind(personId, now),
    ...(tokenHash ? [db.prepare('INSERT INTO feed_keys (token_hash, person_id, created_at) VALUES (?1, ?2, ?3)').bind(tokenHash, personId, now)] : []),
  ]);
}

export async function hasFeedKey(db: D1Database, personId: number): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM feed_keys WHERE person_id = ?1 AND revoked_at IS NULL').bind(personId).first()) !== null;
}


/**
 * The first administrator, as SQL text for `wrangler d1 execute` (the only
 * way in before anybody can sign in): the person if missing, an
 * administrator membership, and an invitation. The last statement returns
 * the person's id when the organisation exists.
 */
export function inviteAdministratorSql(invite: { name: string; email: string; organisation: string; tokenHash: string; now: string; expiresAt: string }): string {
  const email = literal(invite.email.toLowerCase());
  // Nothing is written when the organisation does not exist.
  return `INSERT INTO people (name, email, created_at) SELECT ${literal(invite.name)}, ${email}, ${literal(invite.now)} WHERE EXISTS (SELECT 1 FROM organisations WHERE slug = ${literal(invite.organisation)})
  ON CONFLICT (email) DO NOTHING;
INSERT INTO memberships (person_id, organisation_id, role) SELECT p.id, o.id, 'administrator' FROM people p, organisations o WHERE p.email = ${email} AND o.slug = ${literal(invite.organisation)}
  ON CONFLICT (person_id, organisation_id) DO UPDATE SET role = 'administrator';
DELETE FROM invitations WHERE person_id = (SELECT id FROM people WHERE email = ${email}) AND used_at IS NULL;
INSERT INTO invitations (token_hash, person_id, created_at, expires_at) SELECT ${literal(invite.tokenHash)}, id, ${literal(invite.now)}, ${literal(invite.expiresAt)} FROM people WHERE email = ${email};
INSERT INTO audit_log (at, via, action, entity, entity_id, after_json) SELECT ${literal(invite.now)}, 'system', 'invite', 'invitation', CAST(id AS TEXT), '{"administrator":true}' FROM people WHERE email = ${email};
SELECT p.id FROM people p JOIN memberships m ON m.person_id = p.id JOIN organisations o ON o.id = m.organisation_id WHERE p.email = ${email} AND o.slug = ${literal(invite.organisation)};`;
}

/** Everything stored about a person, for their right of access; never secrets or hashes. */
export async function personalData(db: D1Database, person: Person): Promise<Record<string, unknown>> {
  const [sessions, tokens, feedKeys, invitations, audit, contactOf] = await db.batch([
    db.prepare('SELECT created_at, expires_at, last_seen_at, revoked_at FROM sessions WHERE person_id = ?1 ORDER BY id').bind(person.id),
    db.prepare('SELECT t.name, o.slug AS organisation, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id WHERE t.created_by = ?1 ORDER BY t.id').bind(person.id),
    db.prepare('SELECT created_at, revoked_at FROM feed_keys WHERE person_id = ?1 ORDER BY id').bind(person.id),
    db.prepare('SELECT created_at, expires_at, used_at FROM invitations WHERE person_id = ?1 ORDER BY created_at').bind(person.id),
    db.prepare('SELECT at, via, action, entity, entity_id FROM audit_log WHERE person_id = ?1 ORDER BY id').bind(person.id),
    db.prepare('SELECT id, title_fi, contact_name, contact_email, contact_phone FROM events WHERE lower(contact_email) = ?1 ORDER BY id').bind(person.email),
  ]);
  return {
    person,
    sessions: sessions!.results,
    tokensCreated: tokens!.results,
    personalFeedKeys: feedKeys!.results,
    invitations: invitations!.results,
    changesMade: audit!.results,
    eventsWithThemAsContact: contactOf!.results,
  };
}

/**
 * Erases a person: the person and what hangs on them (memberships,
 * sessions, invitations, feed keys), their contact details on events, and
 * their name and email in the audit trail. The trail keeps that changes
 * were made, not by whom. One batch: all or nothing.
 */
export async function erasePerson(db: D1Database, person: Person, now: string, actor: AuditActor): Promise<boolean> {
  const scrub = (column: string) => `${column} = replace(replace(${column}, ?2, '[erased]'), ?3, '[erased]')`;
  return batchKeepingAnAdministrator(db, [
    db.prepare(`UPDATE audit_log SET ${scrub('before_json')}, ${scrub('after_json')} WHERE (before_json LIKE '%' || ?2 || '%' OR after_json LIKE '%' || ?2 || '%' OR entity_id = CAST(?1 AS TEXT)) AND entity IN ('event', 'person', 'membership', 'invitation')`).bind(person.id, person.email, person.name),
    db.prepare("UPDATE audit_log SET before_json = NULL, after_json = '{\"erased\":true}' WHERE entity IN ('person', 'membership', 'invitation') AND entity_id = CAST(?1 AS TEXT)").bind(person.id),
    db.prepare('UPDATE events SET contact_name = NULL, contact_email = NULL, contact_phone = NULL WHERE lower(contact_email) = ?1').bind(person.email),
    db.prepare('DELETE FROM people WHERE id = ?1').bind(person.id),
  ], auditStatement(db, { at: now, actor, action: 'delete', entity: 'person', entityId: String(person.id), before: { erased: true }, after: null }));
}
