/** /api/auth: sign in with a password or an invitation, sign out, who am I, and the development sign-in. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
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
import { clearSessionCookie, sessionCookieOf, SESSION_DAYS, setSessionCookie } from '../middleware/auth';
import { clientAddress, fromThisMachine } from '../middleware/client';
import { type Actor, isAdministrator, requireActor, writableOrganisations } from '../domain/access';
import { NotFoundError, TooManyRequestsError, UnauthorizedError } from '../domain/errors';
import { hashPassword, needsRehash, verifyPassword } from '../domain/passwords';
import { generateToken, hashToken } from '../domain/tokens';
import type { AppEnv } from '../env';
import { problemSpec, validationHook } from '../middleware/http';
import { AcceptInvitationInput, DevSignInInput, InvitationInfo, LoginInput, Me } from '../shared/accounts';

export const auth = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// Failures allowed per window before sign-in is refused for a while.
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 30;

// A hash to check against when the email is unknown, so that an unknown
// email takes as long to refuse as a wrong password.
let decoyHash: Promise<string> | undefined;

export function meOf(actor: Actor): Me {
  return {
    person: actor.person,
    via: actor.via,
    administrator: isAdministrator(actor),
    memberships: actor.memberships.map(({ organisation, role }) => ({ organisation, role })),
    writes: writableOrganisations(actor),
  };
}

const meResponse = (description: string) => ({ content: { 'application/json': { schema: Me } }, description });

/** Starts a session for a person: the cookie in the answer, the hash in D1. */
async function startSession(c: Context<AppEnv>, personId: number, rehash?: string): Promise<void> {
  const token = generateToken('hys_');
  const now = new Date();
  await insertSession(c.env.DB, { personId, tokenHash: await hashToken(token), now: now.toISOString(), expiresAt: sessionExpiry(now), rehash });
  setSessionCookie(c, token);
}

const sessionExpiry = (now: Date) => new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000).toISOString();

auth.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    summary: 'Sign in with email and password',
    description: `Sets an HttpOnly session cookie. After ${ACCOUNT_LIMIT} failures for an account (or ${ADDRESS_LIMIT} from an address) in 15 minutes, sign-in is refused with 429 for a while.`,
    request: { body: { content: { 'application/json': { schema: LoginInput } }, required: true } },
    responses: {
      200: meResponse('Signed in'),
      401: problemSpec('The email or the password is wrong'),
      422: problemSpec('A field is missing or malformed'),
      429: problemSpec('Too many failed attempts; try again later'),
    },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const now = Date.now();
    const accountKey = `account:${email}`;
    // The attempt is recorded, and counted, before the password is checked (see recordLoginAttempt).
    const attempt = await recordLoginAttempt(
      c.env.DB,
      [{ key: accountKey, limit: ACCOUNT_LIMIT }, { key: `address:${clientAddress(c)}`, limit: ADDRESS_LIMIT }],
      new Date(now).toISOString(),
      new Date(now - FAILURE_WINDOW_MS).toISOString(),
    );
    if (!attempt) {
      throw new TooManyRequestsError('too many failed sign-ins; wait 15 minutes and try again, or ask an administrator for a new invitation', FAILURE_WINDOW_MS / 1000);
    }
    const found = await findPasswordHash(c.env.DB, email);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-password-never-matches'))));
    if (!found?.passwordHash || !ok) throw new UnauthorizedError('the email or the password is wrong');
    await clearLoginFailures(c.env.DB, accountKey, attempt);
    await startSession(c, found.personId, needsRehash(found.passwordHash) ? await hashPassword(password) : undefined);
    return c.json(meOf((await findPersonActor(c.env.DB, email, 'session'))!), 200);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    summary: 'Sign out this browser',
    responses: { 204: { description: 'Signed out; the session no longer works' } },
  }),
  async (c) => {
    const token = sessionCookieOf(c);
    if (token) await revokeSession(c.env.DB, await hashToken(token), new Date().toISOString());
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

auth.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    summary: 'Who is signed in, and what they may do',
    responses: { 200: meResponse('The person (or token) and their rights'), 401: problemSpec('Not signed in') },
  }),
  async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(meOf(requireActor(c.get('actor'))), 200);
  },
);

const InvitationToken = z.object({ token: z.string().min(1).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

auth.openapi(
  createRoute({
    method: 'get',
    path: '/invitations/{token}',
    summary: 'Whom an invitation is for',
    request: { params: InvitationToken },
    responses: { 200: { content: { 'application/json': { schema: InvitationInfo } }, description: 'The invitation' }, 404: problemSpec('Unknown, used or expired') },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    const found = await findInvitation(c.env.DB, await hashToken(token), new Date().toISOString());
    if (!found) throw new NotFoundError('invitation', 'this link');
    c.header('Cache-Control', 'private, no-store');
    return c.json({ name: found.name, email: found.email, expiresAt: found.expiresAt }, 200);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/invitations/{token}',
    summary: 'Use an invitation: set a password and sign in',
    description: 'An invitation works once and until it expires.',
    request: { params: InvitationToken, body: { content: { 'application/json': { schema: AcceptInvitationInput } }, required: true } },
    responses: { 200: meResponse('Password set, signed in'), 404: problemSpec('Unknown, used or expired'), 422: problemSpec('The password breaks a rule') },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    const { password } = c.req.valid('json');
    const invitationHash = await hashToken(token);
    const now = new Date();
    const found = await findInvitation(c.env.DB, invitationHash, now.toISOString());
    if (!found) throw new NotFoundError('invitation', 'this link');
    const session = generateToken('hys_');
    const sessionId = await acceptInvitation(c.env.DB, {
      invitationHash,
      passwordHash: await hashPassword(password),
      sessionHash: await hashToken(session),
      now: now.toISOString(),
      expiresAt: sessionExpiry(now),
    });
    // Another use of the same link got there first.
    if (sessionId === null) throw new NotFoundError('invitation', 'this link');
    setSessionCookie(c, session);
    const actor = (await findPersonActor(c.env.DB, found.email, 'session'))!;
    return c.json(meOf({ ...actor, sessionId }), 200);
  },
);

/**
 * The development sign-in works only when the deployment says so
 * (DEV_SIGN_IN, which only `npm start` sets) and the request was made on
 * this machine (see fromThisMachine), so a deployed worker cannot offer it
 * even if the variable were copied there by mistake, and a development
 * proxy open to the network does not hand it to others.
 */
export const devSignInAllowed = (c: Context<AppEnv>): boolean => c.env.DEV_SIGN_IN === 'enabled' && fromThisMachine(c);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/dev-sign-in',
    summary: 'Development only: sign in as any known person without a password',
    description: 'Answers 404 unless the worker runs locally with DEV_SIGN_IN=enabled and the request was made on this machine.',
    // Where it is not offered, it answers 404 whatever the body.
    middleware: [
      async (c, next) => {
        if (!devSignInAllowed(c)) throw new NotFoundError('page', '/api/auth/dev-sign-in');
        await next();
      },
    ],
    request: { body: { content: { 'application/json': { schema: DevSignInInput } }, required: true } },
    responses: { 200: meResponse('Signed in'), 404: problemSpec('Not available here, or no such person') },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    const actor = await findPersonActor(c.env.DB, email, 'session');
    if (!actor) throw new NotFoundError('person', email);
    await startSession(c, actor.person!.id);
    return c.json(meOf(actor), 200);
  },
);
