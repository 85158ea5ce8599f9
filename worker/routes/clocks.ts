/** Organisations' own clocks: creating one from the statutory template and setting its rings, mounted at /api/clocks. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ClockRow } from '../db/clock';
import { type Actor, assertWritesSomething } from '../domain/access';
import type { AppEnv } from '../env';
import { authorise, authorised } from '../middleware/auth';
import { problemSpec, validationHook, writeSecurity } from '../middleware/http';
import { createOwnClock, publishDrafts, rollOver, setRings, writableClock } from '../services/clock';
import { AnnualClock, NewClockInput, PublishDraftsInput, PublishDraftsResult, RingsInput, RollOverInput, RollOverResult } from '../shared/clock';
import { Slug } from '../shared/text';

export const clocks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

clocks.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: "Create an organisation's own clock from the statutory template",
    description: 'In one step: the clock, the rings of the regional clock, and every item of the statutory wellbeing cycle with its source.',
    security: writeSecurity,
    middleware: [authorise(assertWritesSomething)],
    request: { body: { content: { 'application/json': { schema: NewClockInput } }, required: true } },
    responses: {
      201: { content: { 'application/json': { schema: AnnualClock } }, description: 'The new clock for this year' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token belongs to another organisation'),
      409: problemSpec('The organisation has a clock already'),
    },
  }),
  async (c) => {
    const created = await createOwnClock(c.env.DB, authorised<Actor>(c), c.req.valid('json'));
    c.header('Location', `/api/clock?clock=${created.clock.slug}`);
    return c.json(created, 201);
  },
);

clocks.openapi(
  createRoute({
    method: 'put',
    path: '/{slug}/rings',
    summary: "Set a clock's rings: their names and order",
    description: 'Rings not named are removed; a ring that has items cannot be removed.',
    security: writeSecurity,
    middleware: [authorise(async (actor, c) => ({ actor, found: await writableClock(c.env.DB, actor, c.req.param('slug')) }))],
    request: {
      params: z.object({ slug: Slug.openapi({ param: { name: 'slug', in: 'path' } }) }),
      body: { content: { 'application/json': { schema: RingsInput } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock with its new rings, this year' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token may not edit this clock'),
      404: problemSpec('No such clock'),
      422: problemSpec('A ring with items would be removed'),
    },
  }),
  async (c) => {
    const { actor, found } = authorised<{ actor: Actor; found: ClockRow }>(c);
    return c.json(await setRings(c.env.DB, actor, found, c.req.valid('json').rings), 200);
  },
);

const SlugParam = z.object({ slug: Slug.openapi({ param: { name: 'slug', in: 'path' } }) });
const draftWriteProblems = {
  401: problemSpec('Not signed in, or no valid token'),
  403: problemSpec('The token may not edit this clock'),
  404: problemSpec('No such clock'),
  422: problemSpec('The year or term is out of range or missing'),
};
const clockOfPath = authorise(async (actor, c) => ({ actor, found: await writableClock(c.env.DB, actor, c.req.param('slug')) }));

clocks.openapi(
  createRoute({
    method: 'post',
    path: '/{slug}/roll-over',
    summary: 'Roll a clock over to the next year or council term, as drafts',
    description:
      "`year`: every published item that occurs in that year gets a draft version for the next year, a 'once' item there that replaces the item's occurrence in that year only; " +
      "dates with days move 52 weeks (keep: 'weekday', the default) or keep their dates (keep: 'date'), whole months stay, and so does everything else. Items of odd or even years are left to their rule. " +
      '`term`: every item of the council term that begins that year gets a draft version for the next term. ' +
      'Run again, it makes nothing for items that have a version there already. All drafts are written in one batch, or none.',
    security: writeSecurity,
    middleware: [clockOfPath],
    request: { params: SlugParam, body: { content: { 'application/json': { schema: RollOverInput } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: RollOverResult } }, description: 'What was made and what was left alone' },
      ...draftWriteProblems,
    },
  }),
  async (c) => {
    const { actor, found } = authorised<{ actor: Actor; found: ClockRow }>(c);
    return c.json(await rollOver(c.env.DB, actor, found, c.req.valid('json')), 200);
  },
);

clocks.openapi(
  createRoute({
    method: 'post',
    path: '/{slug}/publish',
    summary: 'Publish every draft of a year or a council term',
    security: writeSecurity,
    middleware: [clockOfPath],
    request: { params: SlugParam, body: { content: { 'application/json': { schema: PublishDraftsInput } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: PublishDraftsResult } }, description: 'The drafts published' },
      ...draftWriteProblems,
    },
  }),
  async (c) => {
    const { actor, found } = authorised<{ actor: Actor; found: ClockRow }>(c);
    return c.json(await publishDrafts(c.env.DB, actor, found, c.req.valid('json')), 200);
  },
);
