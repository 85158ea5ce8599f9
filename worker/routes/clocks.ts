/** Organisations' own clocks: creating one from the statutory template and setting its rings, mounted at /api/clocks. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ClockRow } from '../db/clock';
import { type Actor, assertWritesSomething } from '../domain/access';
import type { AppEnv } from '../env';
import { authorise, authorised } from '../middleware/auth';
import { problemSpec, validationHook, writeSecurity } from '../middleware/http';
import { createOwnClock, setRings, writableClock } from '../services/clock';
import { AnnualClock, NewClockInput, RingsInput } from '../shared/clock';
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
