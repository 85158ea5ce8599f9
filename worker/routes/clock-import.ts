/** Annual-clock items from a spreadsheet: the CSV template, and the import of a filled one. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { insertClockItems, readClock } from '../db/clock';
import { readKnownReferences } from '../db/taxonomy';
import { assertMayWriteClock, auditActor, requireActor } from '../domain/access';
import { prepareClockItem } from '../domain/clock';
import { readClockCsv, rowIssue, clockCsvTemplate } from '../domain/clock-csv';
import { type FieldIssue, NotFoundError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors';
import { newRevision } from '../domain/ids';
import type { AppEnv } from '../env';
import { problemSpec, validationHook, writeSecurity, zodIssues } from '../middleware/http';
import { ClockItemInput } from '../shared/clock';
import { Slug } from '../shared/text';

export const clockImport = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const ClockQuery = z.object({ clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }) }).strict();

clockImport.openapi(
  createRoute({
    method: 'get',
    path: '/api/clock/import-template.csv',
    summary: 'A CSV template for clock items: the columns and two example rows',
    description: "UTF-8 with a byte order mark (Excel shows ä and ö right), ';' between fields; ',' is accepted too when importing.",
    request: { query: ClockQuery },
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The template' }, 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const { clock: slug } = c.req.valid('query');
    const found = await readClock(c.env.DB, slug ?? null);
    if (!found) throw new NotFoundError('clock', slug ?? '(regional)');
    c.header('Content-Disposition', 'attachment; filename="vuosikello-pohja.csv"');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(clockCsvTemplate(found.rings[0]?.slug ?? 'rengas'), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  },
);

clockImport.openAPIRegistry.registerPath({
  method: 'post',
  path: '/api/clock/items/import',
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
clockImport.post('/api/clock/items/import', async (c) => {
  const actor = requireActor(c.get('actor'));
  const slug = c.req.query('clock');
  const found = await readClock(c.env.DB, slug ?? null);
  if (!found) throw new NotFoundError('clock', slug ?? '(regional)');
  assertMayWriteClock(actor, found.organisation);
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv') throw new UnsupportedMediaTypeError('send the spreadsheet as text/csv');
  const { rows, issues } = readClockCsv(await c.req.text());
  if (issues.length > 0) throw new ValidationError(issues);
  const organisations = (await readKnownReferences(c.env.DB)).organisations;
  const rowIssues: FieldIssue[] = [];
  const records = rows.flatMap(({ index, input }) => {
    const parsed = ClockItemInput.safeParse(input);
    if (!parsed.success) {
      rowIssues.push(...zodIssues(parsed.error).map((issue) => rowIssue(index, issue)));
      return [];
    }
    if (!found.rings.some((ring) => ring.slug === parsed.data.ring)) rowIssues.push(rowIssue(index, { field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${parsed.data.ring}'` }));
    const responsible = parsed.data.responsibleOrganisation;
    if (responsible && !organisations.has(responsible)) rowIssues.push(rowIssue(index, { field: 'responsibleOrganisation', rule: 'exists', message: `\`responsibleOrganisation\`: there is no organisation '${responsible}'` }));
    return [{ record: prepareClockItem(parsed.data), revision: newRevision() }];
  });
  if (rowIssues.length > 0) throw new ValidationError(rowIssues);
  await insertClockItems(c.env.DB, found.id, records, { now: new Date().toISOString(), actor: auditActor(actor) });
  return c.json({ created: records.length }, 201);
});
