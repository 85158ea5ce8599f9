/** The council-term clock, mounted at /api/council-term. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { authoriseWhen } from '../middleware/auth';
import { problemSpec, validationHook } from '../middleware/http';
import { councilTermClock, draftsAllowed } from '../services/clock';
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
    // Drafts only for the clock's editors who ask for them, judged before the query is validated.
    middleware: [authoriseWhen((c) => c.req.query('drafts') !== undefined, (actor, c) => draftsAllowed(c.env.DB, actor, c.req.query('clock')))],
    request: { query: CouncilTermQuery },
    responses: {
      200: { content: { 'application/json': { schema: CouncilTermClock } }, description: 'The term and its items' },
      400: problemSpec('A parameter is invalid'),
      401: problemSpec('drafts=include without signing in'),
      403: problemSpec('drafts=include by someone who may not edit this clock'),
      404: problemSpec('No such clock'),
    },
  }),
  async (c) => {
    const drafts = c.get('authorised') === 'with-drafts' ? 'with-drafts' : 'public';
    const found = await councilTermClock(c.env.DB, c.req.valid('query'), drafts);
    // Asked again on every use, as the annual clock is; drafts are for the one who asked.
    c.header('Cache-Control', drafts === 'public' ? 'public, no-cache' : 'private, no-store');
    return c.json(found, 200);
  },
);
