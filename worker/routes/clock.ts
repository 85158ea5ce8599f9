/** The annual clock of a year and its items, mounted at /api/clock. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ClockRow, WritableClockItem } from '../db/clock';
import type { Actor } from '../domain/access';
import type { AppEnv } from '../env';
import { authorise, authorised } from '../middleware/auth';
import { editProblemSpecs, preconditionOf, problemSpec, quoteEtag, validationHook, writeSecurity } from '../middleware/http';
import { addClockItem, annualClock, editClockItem, readClockItem, writableClock, writableClockItem } from '../services/clock';
import { AnnualClock, ClockItemInput, ClockItemPatch, ClockQuery, StoredClockItem } from '../shared/clock';
import { Slug } from '../shared/text';

export const clock = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const itemResponse = (description: string) => ({
  content: { 'application/json': { schema: StoredClockItem } },
  headers: z.object({ ETag: z.string() }),
  description,
});
const ItemId = z.object({ id: z.coerce.number().int('must be a whole number').positive('must be positive').openapi({ param: { name: 'id', in: 'path' }, example: 3 }) });

clock.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'The annual clock of a year',
    description: 'Items that touch the year, in ring order, with their date spans and the events that realise them.',
    request: { query: ClockQuery },
    responses: { 200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock' }, 400: problemSpec('A parameter is invalid'), 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const found = await annualClock(c.env.DB, c.req.valid('query'));
    // Asked again on every use: an organiser who has just saved an item sees it at once, as with events.
    c.header('Cache-Control', 'public, no-cache');
    return c.json(found, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'get',
    path: '/items/{id}',
    summary: 'One clock item',
    request: { params: ItemId },
    responses: { 200: itemResponse('The item'), 404: problemSpec('No such item') },
  }),
  async (c) => {
    const found = await readClockItem(c.env.DB, c.req.valid('param').id);
    c.header('ETag', quoteEtag(found.revision));
    return c.json(found.item, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'post',
    path: '/items',
    summary: 'Add an item to a clock',
    security: writeSecurity,
    middleware: [authorise(async (actor, c) => ({ actor, clockRow: await writableClock(c.env.DB, actor, c.req.query('clock')) }))],
    request: {
      query: z.object({ clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }) }).strict(),
      body: { content: { 'application/json': { schema: ClockItemInput } }, required: true },
    },
    responses: { 201: itemResponse('Created'), 401: problemSpec('Not signed in, or no valid token'), 403: problemSpec('The token may not edit this clock'), 404: problemSpec('No such clock'), 422: problemSpec('The item breaks a rule') },
  }),
  async (c) => {
    const { actor, clockRow } = authorised<{ actor: Actor; clockRow: ClockRow }>(c);
    const created = await addClockItem(c.env.DB, actor, clockRow, c.req.valid('json'));
    c.header('ETag', quoteEtag(created.revision));
    c.header('Location', `/api/clock/items/${created.item.id}`);
    return c.json(created.item, 201);
  },
);

clock.openapi(
  createRoute({
    method: 'patch',
    path: '/items/{id}',
    summary: 'Edit a clock item',
    description: 'Given fields replace the stored ones. Requires If-Match with the ETag of the version edited.',
    security: writeSecurity,
    middleware: [authorise(async (actor, c) => ({ actor, current: await writableClockItem(c.env.DB, actor, c.req.param('id') ?? '') }))],
    request: { params: ItemId, body: { content: { 'application/json': { schema: ClockItemPatch } }, required: true } },
    responses: { 200: itemResponse('Saved'), ...editProblemSpecs('clock item', 'The token may not edit this clock') },
  }),
  async (c) => {
    const { actor, current } = authorised<{ actor: Actor; current: WritableClockItem }>(c);
    const saved = await editClockItem(c.env.DB, actor, current, c.req.valid('json'), preconditionOf(c.req.header('If-Match'), current.revision));
    c.header('ETag', quoteEtag(saved.revision));
    return c.json(saved.item, 200);
  },
);
