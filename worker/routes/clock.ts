/** The annual clock of a year and its items, mounted at /api/clock. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ClockRow, WritableClockItem } from '../db/clock';
import type { Actor } from '../domain/access';
import type { AppEnv } from '../env';
import { authorise, authorised } from '../middleware/auth';
import { clockCacheControl, clockReadProblems, draftsOf, withClockDrafts } from '../middleware/clock-drafts';
import { editProblemSpecs, preconditionOf, problemSpec, quoteEtag, validationHook, writeSecurity } from '../middleware/http';
import { addClockItem, annualClock, compareClock, deleteClockItem, editClockItem, publishClockItem, readClockItem, writableClock, writableClockItem } from '../services/clock';
import { AnnualClock, AnnualClockQuery, ClockComparison, ClockItemInput, ClockItemPatch, CompareQuery, StoredClockItem } from '../shared/clock';
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
    description:
      'Items that touch the year, in ring order, with their date spans and the events that realise them. An item whose version for the year is published is replaced by it there. ' +
      "Drafts are left out; with drafts=include the clock's editors see the year as it will be once its drafts are published.",
    middleware: [withClockDrafts],
    request: { query: AnnualClockQuery },
    responses: {
      200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock' },
      ...clockReadProblems,
    },
  }),
  async (c) => {
    const drafts = draftsOf(c);
    const found = await annualClock(c.env.DB, c.req.valid('query'), drafts);
    c.header('Cache-Control', clockCacheControl(drafts));
    return c.json(found, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'get',
    path: '/compare',
    summary: 'What changed between two years or council terms of a clock',
    description:
      'Each item matched with its versions (a roll-over\'s drafts name the item they replace): added, removed, changed (moved: its dates within the year or its years of the term differ; renamed: its title differs) or unchanged, with both sides. ' +
      "Drafts count only with drafts=include, for the clock's editors.",
    middleware: [withClockDrafts],
    request: { query: CompareQuery },
    responses: {
      200: { content: { 'application/json': { schema: ClockComparison } }, description: 'The comparison' },
      ...clockReadProblems,
    },
  }),
  async (c) => {
    const drafts = draftsOf(c);
    c.header('Cache-Control', clockCacheControl(drafts));
    return c.json(await compareClock(c.env.DB, c.req.valid('query'), drafts), 200);
  },
);

clock.openapi(
  createRoute({
    method: 'get',
    path: '/items/{id}',
    summary: 'One clock item',
    description: "A draft only for the clock's editors; to others there is none.",
    request: { params: ItemId },
    responses: { 200: itemResponse('The item'), 404: problemSpec('No such item') },
  }),
  async (c) => {
    const found = await readClockItem(c.env.DB, c.req.valid('param').id, c.get('actor'));
    if (found.item.status === 'draft') c.header('Cache-Control', 'private, no-store');
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

const itemOfPath = authorise(async (actor, c) => ({ actor, current: await writableClockItem(c.env.DB, actor, c.req.param('id') ?? '') }));

clock.openapi(
  createRoute({
    method: 'post',
    path: '/items/{id}/publish',
    summary: "Publish a roll-over's draft",
    description: 'From now on it takes the place of the item it replaces in its year (or council term), and shows in public reads and the feed.',
    security: writeSecurity,
    middleware: [itemOfPath],
    request: { params: ItemId },
    responses: {
      200: itemResponse('Published'),
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token may not edit this clock'),
      404: problemSpec('No such item'),
      409: problemSpec('The item is published already'),
    },
  }),
  async (c) => {
    const { actor, current } = authorised<{ actor: Actor; current: WritableClockItem }>(c);
    const saved = await publishClockItem(c.env.DB, actor, current);
    c.header('ETag', quoteEtag(saved.revision));
    return c.json(saved.item, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'delete',
    path: '/items/{id}',
    summary: "Delete a roll-over's draft",
    description: 'Only drafts are deleted; the item it was made from is kept as it is.',
    security: writeSecurity,
    middleware: [itemOfPath],
    request: { params: ItemId },
    responses: {
      204: { description: 'Deleted' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token may not edit this clock'),
      404: problemSpec('No such item'),
      409: problemSpec('The item is published; only drafts are deleted'),
    },
  }),
  async (c) => {
    const { actor, current } = authorised<{ actor: Actor; current: WritableClockItem }>(c);
    await deleteClockItem(c.env.DB, actor, current);
    return c.body(null, 204);
  },
);
