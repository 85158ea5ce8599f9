/** /api/auth: sign in with a password or an invitation, sign out, who am I, and the development sign-in. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireActor } from '../domain/access';
import { NotFoundError } from '../domain/errors';
import type { AppEnv } from '../env';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../middleware/auth';
import { clientAddress, fromThisMachine } from '../middleware/client';
import { problemSpec, validationHook } from '../middleware/http';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, devSignIn, invitationFor, meOf, signInWithPassword, signOut, useInvitation } from '../services/sign-in';
import { AcceptInvitationInput, DevSignInInput, InvitationInfo, LoginInput, Me } from '../shared/accounts';

export const auth = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const meResponse = (description: string) => ({ content: { 'application/json': { schema: Me } }, description });

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
    const { actor, sessionToken } = await signInWithPassword(c.env.DB, { email, password, address: clientAddress(c) });
    setSessionCookie(c, sessionToken);
    return c.json(meOf(actor), 200);
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
    if (token) await signOut(c.env.DB, token);
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
    const invitation = await invitationFor(c.env.DB, c.req.valid('param').token);
    c.header('Cache-Control', 'private, no-store');
    return c.json(invitation, 200);
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
    const { actor, sessionToken } = await useInvitation(c.env.DB, c.req.valid('param').token, c.req.valid('json').password);
    setSessionCookie(c, sessionToken);
    return c.json(meOf(actor), 200);
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
    const { actor, sessionToken } = await devSignIn(c.env.DB, c.req.valid('json').email);
    setSessionCookie(c, sessionToken);
    return c.json(meOf(actor), 200);
  },
);
