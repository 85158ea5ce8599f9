/** /api/me: the signed-in person's own things: their organisations' events and invitations to co-organise, their personal feed. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { hasFeedKey, listAdministrators, replaceFeedKey } from '../db/accounts';
import { listInvitations } from '../db/co-organisers';
import { ForbiddenError } from '../domain/errors';
import { type Actor, isAdministrator, requireActor, writableOrganisations } from '../domain/access';
import { generateToken, hashToken } from '../domain/tokens';
import type { AppEnv } from '../env';
import { problemSpec, publicOrigin, validationHook } from '../middleware/http';
import { Administrators, FeedKey, MY_EVENTS_MAX_PAGE, MyEventList, MyEventsQuery } from '../shared/accounts';
import { CoOrganiserInvitation } from '../shared/events';
import { listOwnEvents } from '../services/events';

export const me = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ sessionCookie: [] }];

me.openapi(
  createRoute({
    method: 'get',
    path: '/events',
    summary: 'Events of your organisations, drafts included (every event for an administrator)',
    security,
    request: { query: MyEventsQuery },
    responses: {
      200: { content: { 'application/json': { schema: MyEventList } }, description: `Latest start first, a page of at most \`limit\` (default ${MY_EVENTS_MAX_PAGE}); \`nextCursor\` continues it` },
      400: problemSpec('A parameter is invalid'),
      401: problemSpec('Not signed in'),
    },
  }),
  async (c) => {
    const page = await listOwnEvents(c.env.DB, requireActor(c.get('actor')), c.req.valid('query'));
    c.header('Cache-Control', 'private, no-store');
    return c.json(page, 200);
  },
);

me.openapi(
  createRoute({
    method: 'get',
    path: '/administrators',
    summary: "The service's administrators: whom to ask for the right to publish for an organisation",
    security,
    responses: { 200: { content: { 'application/json': { schema: Administrators } }, description: 'By name, at most 20' }, 401: problemSpec('Not signed in'), 403: problemSpec('An API token: the contacts are for people') },
  }),
  async (c) => {
    // People's addresses go to people who need someone to ask, not to every system that holds a token.
    if (requireActor(c.get('actor')).via === 'token') throw new ForbiddenError("the administrators' contacts are for signed-in people, not for API tokens");
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listAdministrators(c.env.DB) }, 200);
  },
);

function personOf(actor: Actor): number {
  if (!actor.person) throw new ForbiddenError('a personal feed belongs to a person; sign in');
  return actor.person.id;
}

me.openapi(
  createRoute({
    method: 'get',
    path: '/co-organiser-invitations',
    summary: 'Invitations for your organisations to co-organise events of others (every one for an administrator)',
    description: 'Answer each with POST /api/events/{id}/co-organisers/{organisation}/accept or /decline.',
    security,
    responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(CoOrganiserInvitation) }) } }, description: 'Newest first' }, 401: problemSpec('Not signed in') },
  }),
  async (c) => {
    const actor = requireActor(c.get('actor'));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listInvitations(c.env.DB, isAdministrator(actor) ? null : writableOrganisations(actor)) }, 200);
  },
);

const feedResponse = { content: { 'application/json': { schema: FeedKey } }, description: 'The personal feed' };

me.openapi(
  createRoute({ method: 'get', path: '/feed', summary: 'Whether you have a personal feed', security, responses: { 200: feedResponse, 401: problemSpec('Not signed in') } }),
  async (c) => {
    const personId = personOf(requireActor(c.get('actor')));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ active: await hasFeedKey(c.env.DB, personId), url: null }, 200);
  },
);

me.openapi(
  createRoute({
    method: 'post',
    path: '/feed',
    summary: 'Make a new personal feed URL (members-only events included); the old one stops working',
    description: 'The URL is shown only in this answer: it is a secret, like a password.',
    security,
    responses: { 200: feedResponse, 401: problemSpec('Not signed in') },
  }),
  async (c) => {
    const personId = personOf(requireActor(c.get('actor')));
    const key = generateToken('hyf_');
    await replaceFeedKey(c.env.DB, personId, await hashToken(key), new Date().toISOString());
    c.header('Cache-Control', 'no-store');
    return c.json({ active: true, url: `${publicOrigin(c)}/calendar.ics?key=${key}` }, 200);
  },
);

me.openapi(
  createRoute({ method: 'delete', path: '/feed', summary: 'Revoke your personal feed URL', security, responses: { 200: feedResponse, 401: problemSpec('Not signed in') } }),
  async (c) => {
    const personId = personOf(requireActor(c.get('actor')));
    await replaceFeedKey(c.env.DB, personId, null, new Date().toISOString());
    return c.json({ active: false, url: null }, 200);
  },
);
