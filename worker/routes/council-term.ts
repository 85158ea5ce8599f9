/** The council-term clock, mounted at /api/council-term. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { problemSpec, validationHook } from '../middleware/http';
import { councilTermClock } from '../services/clock';
import { CouncilTermClock, CouncilTermQuery } from '../shared/clock';

export const councilTerm = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

councilTerm.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'The council-term clock',
    description: 'Items of the four-year council term (2025–2029 began on 1 June 2025) by year of term.',
    request: { query: CouncilTermQuery },
    responses: { 200: { content: { 'application/json': { schema: CouncilTermClock } }, description: 'The term and its items' }, 400: problemSpec('A parameter is invalid'), 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const found = await councilTermClock(c.env.DB, c.req.valid('query'));
    // Asked again on every use, as the annual clock is.
    c.header('Cache-Control', 'public, no-cache');
    return c.json(found, 200);
  },
);
