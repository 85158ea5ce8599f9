/** The council-term clock, mounted at /api/council-term. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { clockCacheControl, clockReadProblems, draftsOf, withClockDrafts } from '../middleware/clock-drafts';
import { validationHook } from '../middleware/http';
import { councilTermClock } from '../services/clock';
import { CouncilTermClock, CouncilTermQuery } from '../shared/clock';

export const councilTerm = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

councilTerm.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'The council-term clock',
    description:
      'Items of the four-year council term (2025–2029 began on 1 June 2025) by year of term; an item whose version for the term is published is replaced by it. ' +
      "Drafts are left out; with drafts=include the clock's editors see them too.",
    middleware: [withClockDrafts],
    request: { query: CouncilTermQuery },
    responses: {
      200: { content: { 'application/json': { schema: CouncilTermClock } }, description: 'The term and its items' },
      ...clockReadProblems,
    },
  }),
  async (c) => {
    const drafts = draftsOf(c);
    const found = await councilTermClock(c.env.DB, c.req.valid('query'), drafts);
    c.header('Cache-Control', clockCacheControl(drafts));
    return c.json(found, 200);
  },
);
