/** Annual-clock items from a spreadsheet: the CSV template, and the import of a filled one; mounted at /api/clock. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../domain/access';
import { UnsupportedMediaTypeError } from '../domain/errors';
import type { AppEnv } from '../env';
import { problemSpec, validationHook, writeSecurity } from '../middleware/http';
import { clockTemplate, importClockItems, writableClock } from '../services/clock';
import { Slug } from '../shared/text';

export const clockImport = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const ClockQuery = z.object({ clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }) }).strict();

clockImport.openapi(
  createRoute({
    method: 'get',
    path: '/import-template.csv',
    summary: 'A CSV template for clock items: the columns and two example rows',
    description: "UTF-8 with a byte order mark (Excel shows ä and ö right), ';' between fields; ',' is accepted too when importing.",
    request: { query: ClockQuery },
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The template' }, 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const template = await clockTemplate(c.env.DB, c.req.valid('query').clock);
    c.header('Content-Disposition', 'attachment; filename="vuosikello-pohja.csv"');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(template, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  },
);

// Registered by hand: the body is read as text here, after the rights are checked, not validated as JSON.
clockImport.openAPIRegistry.registerPath({
  method: 'post',
  path: '/items/import',
  summary: 'Add clock items from a CSV file',
  description: 'Every row valid: all items are added in one batch. Any row invalid: nothing is added and the answer names each row and column (`rows[3].startMonth`; the header is rows[0], "row 1").',
  security: writeSecurity,
  request: { query: ClockQuery, body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: z.object({ created: z.number().int() }) } }, description: 'The items were added' },
    401: problemSpec('Not signed in, or no valid token'),
    403: problemSpec('You may not edit this clock'),
    404: problemSpec('No such clock'),
    422: problemSpec('A row breaks a rule; nothing was added'),
  },
});
clockImport.post('/items/import', async (c) => {
  const actor = requireActor(c.get('actor'));
  const found = await writableClock(c.env.DB, actor, c.req.query('clock'));
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv') throw new UnsupportedMediaTypeError('send the spreadsheet as text/csv');
  return c.json({ created: await importClockItems(c.env.DB, actor, found, await c.req.text()) }, 201);
});
