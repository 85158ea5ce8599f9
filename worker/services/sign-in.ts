/**
 * Signing in and out: passwords with a lockout after repeated failures,
 * invitations that set a password, and the development sign-in. Sessions are
 * made here; the route hands their token to the browser as a cookie.
 */
import {
  FAILURE_WINDOW_MS,
  acceptInvitation,
  clearLoginFailures,
  findInvitation,
  findPasswordHash,
  findPersonActor,
  insertSession,
  recordLoginAttempt,
  revokeSession,
} from '../db/accounts';
import { type Actor, isAdministrator, writableOrganisations } from '../domain/access';
import { NotFoundError, TooManyRequestsError, UnauthorizedError } from '../domain/errors';
import { hashPassword, needsRehash, verifyPassword } from '../domain/passwords';
import { generateToken, hashToken } from '../domain/tokens';
import type { InvitationInfo, Me } from '../shared/accounts';

/** How long a session lasts. */
export const SESSION_DAYS = 7;

// Failures allowed per window before sign-in is refused for a while.
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;

// A hash to check against when the email is unknown, so that an unknown
// email takes as long to refuse as a wrong password.
let decoyHash: Promise<string> | undefined;

/** A signed-in person and the token of their new session (for the cookie). */
export interface SignedIn {
  actor: Actor;
  sessionToken: string;
}

/** What the signed-in caller is and may do, as GET /api/auth/me says it. */
export function meOf(actor: Actor): Me {
  return {
    person: actor.person,
    via: actor.via,
    administrator: isAdministrator(actor),
    memberships: actor.memberships.map(({ organisation, role }) => ({ organisation, role })),
    writes: writableOrganisations(actor),
  };
}

const sessionExpiry = (now: Date) => new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000).toISOString();

/** Starts a session for a person; the token goes to the browser, its hash to D1. */
async function startSession(db: D1Database, personId: number, rehash?: string): Promise<string> {
  const token = generateToken('hys_');
  const now = new Date();
  await insertSession(db, { personId, tokenHash: await hashToken(token), now: now.toISOString(), expiresAt: sessionExpiry(now), rehash });
  return token;
}

/**
 * Sign-in with email and password. After ACCOUNT_LIMIT failures for an
 * account, or ADDRESS_LIMIT from an address, within the window, sign-in is
 * refused for a while, whatever the password.
 */
export async function signInWithPassword(db: D1Database, { email, password, address }: { email: string; password: string; address: string }): Promise<SignedIn> {
  const now = Date.now();
  const accountKey = `account:${email}`;
  // The attempt is recorded, and counted, before the password is checked (see recordLoginAttempt).
  const attempt = await recordLoginAttempt(
    db,
    [{ key: accountKey, limit: ACCOUNT_LIMIT }, { key: `address:${address}`, limit: ADDRESS_LIMIT }],
    new Date(now).toISOString(),
    new Date(now - FAILURE_WINDOW_MS).toISOString(),
  );
  if (!attempt) {
    throw new TooManyRequestsError('too many failed sign-ins; wait 15 minutes and try again, or ask an administrator for a new invitation', FAILURE_WINDOW_MS / 1000);
  }
  const found = await findPasswordHash(db, email);
  const ok = await verifyPassword(password, found?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-password-never-matches'))));
  if (!found?.passwordHash || !ok) throw new UnauthorizedError('the email or the password is wrong');
  await clearLoginFailures(db, accountKey, attempt);
  const sessionToken = await startSession(db, found.personId, needsRehash(found.passwordHash) ? await hashPassword(password) : undefined);
  return { actor: (await findPersonActor(db, email, 'session'))!, sessionToken };
}

/** Ends a browser's session; it no longer works anywhere. */
export async function signOut(db: D1Database, sessionToken: string): Promise<void> {
  await revokeSession(db, await hashToken(sessionToken), new Date().toISOString());
}

/** Whom an unused, unexpired invitation is for. */
export async function invitationFor(db: D1Database, token: string): Promise<InvitationInfo> {
  const found = await findInvitation(db, await hashToken(token), new Date().toISOString());
  if (!found) throw new NotFoundError('invitation', 'this link');
  return { name: found.name, email: found.email, expiresAt: found.expiresAt };
}

/** Uses an invitation once: sets the password and signs its person in. */
export async function useInvitation(db: D1Database, token: string, password: string): Promise<SignedIn> {
  const invitationHash = await hashToken(token);
  const now = new Date();
  const found = await findInvitation(db, invitationHash, now.toISOString());
  if (!found) throw new NotFoundError('invitation', 'this link');
  const sessionToken = generateToken('hys_');
  const sessionId = await acceptInvitation(db, {
    invitationHash,
    passwordHash: await hashPassword(password),
    sessionHash: await hashToken(sessionToken),
    now: now.toISOString(),
    expiresAt: sessionExpiry(now),
  });
  // Another use of the same link got there first.
  if (sessionId === null) throw new NotFoundError('invitation', 'this link');
  const actor = (await findPersonActor(db, found.email, 'session'))!;
  return { actor: { ...actor, sessionId }, sessionToken };
}

/** The development sign-in, as any known person (the route decides whether it is offered at all). */
export async function devSignIn(db: D1Database, email: string): Promise<SignedIn> {
  const actor = await findPersonActor(db, email, 'session');
  if (!actor) throw new NotFoundError('person', email);
  return { actor, sessionToken: await startSession(db, actor.person!.id) };
}
