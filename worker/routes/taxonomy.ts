/** /api/taxonomy: the reference data that filters and event fields refer to. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { readTaxonomy } from '../db/taxonomy';
import type { AppEnv } from '../env';
import { validationHook } from '../middleware/http';
import { Taxonomy } from '../shared/taxonomy';

export const taxonomy = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

taxonomy.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Areas, municipalities, event types, networks, audiences and organisations',
    responses: { 200: { content: { 'application/json': { schema: Taxonomy } }, description: 'Every term with its slug and names in fi/sv/en' } },
  }),
  async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await readTaxonomy(c.env.DB), 200);
  },
);
