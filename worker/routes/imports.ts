/** /api/imports: preview and import an iCalendar file or URL; sources that are synced. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ImportSource, deleteSource, findSource, findSourceByUrl, listSources, recordSync, saveSource, setSourceSync } from '../db/imports';
import { readKnownReferences } from '../db/taxonomy';
import { type Actor, assertMayManageImports, assertMayWriteEvent, assertWritesSomething, auditActor, isAdministrator, requireActor, writableOrganisations } from '../domain/access';
import { NotFoundError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors';
import { type ImportMapping, type PlanItem, mappingIssues, planSummary } from '../domain/import-plan';
import { calendarUrl } from '../domain/url-guard';
import type { AppEnv } from '../env';
import { CalendarFetchError, fetchCalendar } from '../fetch-calendar';
import { fromThisMachine } from '../client';
import { authorise, authorised } from '../auth';
import { applyPlan, parseOrRefuse, planFor, syncSource, writeFailures } from '../imports';
import { parseOrThrow, problemSpec, validationHook, writeSecurity } from '../http';
import { ImportPreview, ImportRequest, ImportResult, ImportSourcePatch, ImportSourceView, ImportSyncResult } from '../shared/imports';

export const imports = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** Local development: a request made on this machine may read feeds served on loopback; production never. */
const loopbackAllowed = (c: Context<AppEnv>) => fromThisMachine(c);

/**
 * The request, from JSON ({ organisation, type, …, ics | url }) or from a
 * text/calendar body with the mapping in the query.
 */
async function importRequest(c: Context<AppEnv>): Promise<ImportRequest> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/calendar') {
    const query = c.req.queries();
    return parseOrThrow(ImportRequest, {
      organisation: query.organisation?.[0],
      type: query.type?.[0],
      networks: query.network,
      municipalities: query.municipality,
      ics: await c.req.text(),
      ...(query.sync ? { sync: query.sync[0] === 'true' } : {}),
    });
  }
  if (type !== 'application/json') throw new UnsupportedMediaTypeError('send the calendar as text/calendar, or JSON as application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ValidationError([{ field: 'body', rule: 'json', message: 'the body is not JSON' }], 400);
  }
  return parseOrThrow(ImportRequest, body);
}

interface Prepared {
  actor: Actor;
  mapping: ImportMapping;
  /** The normalised URL, or '' for a file. */
  url: string;
  text: string;
  /** Keep the URL synced. */
  sync: boolean;
}

/** Checks rights and the mapping, then reads the calendar text (fetching a URL). */
async function prepare(c: Context<AppEnv>): Promise<Prepared> {
  // Rights before the body is read: whoever may not import gets 401/403 whatever they sent.
  const actor = assertWritesSomething(requireActor(c.get('actor')));
  const request = await importRequest(c);
  const mapping: ImportMapping = { organisation: request.organisation, type: request.type, networks: request.networks ?? [], municipalities: request.municipalities ?? [] };
  assertMayWriteEvent(actor, [mapping.organisation]);
  const issues = mappingIssues(mapping, await readKnownReferences(c.env.DB));
  if (issues.length > 0) throw new ValidationError(issues);
  if (request.url === undefined) return { actor, mapping, url: '', text: request.ics!, sync: false };
  const verdict = calendarUrl(request.url, loopbackAllowed(c));
  if ('problem' in verdict) throw new ValidationError([{ field: 'url', rule: 'fetchable', message: `\`url\` ${verdict.problem}` }]);
  try {
    return { actor, mapping, url: verdict.url.toString(), text: await fetchCalendar(verdict.url.toString(), { allowLoopback: loopbackAllowed(c) }), sync: request.sync ?? false };
  } catch (error) {
    if (error instanceof CalendarFetchError) throw new ValidationError([{ field: 'url', rule: 'fetch', message: `\`url\`: ${error.message}` }]);
    throw error;
  }
}

const previewItem = (item: PlanItem) => ({ uid: item.uid, status: item.status, title: item.title, reason: item.reason, eventId: item.eventId, cancelled: item.cancelled, event: item.input });

const requestBody = {
  content: {
    'application/json': { schema: ImportRequest },
    'text/calendar': { schema: z.string().openapi({ description: 'The iCalendar file; the mapping in the query: organisation, type, network, municipality' }) },
  },
  required: true,
};
const mappingQuery = z.object({
  organisation: z.string().optional().openapi({ description: 'With a text/calendar body' }),
  type: z.string().optional().openapi({ description: 'With a text/calendar body' }),
  network: z.array(z.string()).optional(),
  municipality: z.array(z.string()).optional(),
});
const importProblems = {
  400: problemSpec('The body is not JSON or iCalendar'),
  401: problemSpec('Not signed in, or no valid token'),
  403: problemSpec('You are not an organiser of the organisation'),
  422: problemSpec('The mapping refers to something that does not exist, the text is no calendar, or the URL cannot be fetched'),
};

imports.openAPIRegistry.registerPath({
  method: 'post',
  path: '/preview',
  summary: 'Preview an import: what each event of a calendar file or URL would become',
  description:
    'Each VEVENT is `new`, `changed` or `unchanged` (by UID, against earlier imports from the same file source or URL), or `unparseable` with the reason; for a URL, events no longer in it are `gone` (they would be cancelled). Nothing is written.',
  security: writeSecurity,
  request: { query: mappingQuery, body: requestBody },
  responses: { 200: { content: { 'application/json': { schema: ImportPreview } }, description: 'The plan' }, ...importProblems },
});
imports.post('/preview', async (c) => {
  const { mapping, url, text } = await prepare(c);
  const parsed = parseOrRefuse(text, url ? 'url' : 'ics');
  const source = await findSourceByUrl(c.env.DB, mapping.organisation, url);
  const items = await planFor(c.env.DB, parsed, mapping, source);
  return c.json({ sourceId: source?.id ?? null, summary: planSummary(items), items: items.map(previewItem) }, 200);
});

imports.openAPIRegistry.registerPath({
  method: 'post',
  path: '/',
  summary: 'Import a calendar file or URL',
  description:
    'The same body as the preview. New events are created, changed ones updated (SEQUENCE grows when time, place or status change), cancelled ones cancelled; for a URL, events gone from it are cancelled, and the import is recorded as its latest sync. Each event is written whole or not at all. With `sync: true` the URL is synced every 30 minutes.',
  security: writeSecurity,
  request: { query: mappingQuery, body: requestBody },
  responses: { 200: { content: { 'application/json': { schema: ImportResult } }, description: 'What was done to each event' }, ...importProblems },
});
imports.post('/', async (c) => {
  const { actor, mapping, url, text, sync } = await prepare(c);
  const parsed = parseOrRefuse(text, url ? 'url' : 'ics');
  const now = new Date().toISOString();
  const source = await saveSource(c.env.DB, { organisation: mapping.organisation, url, mapping, sync }, now, auditActor(actor));
  const items = await planFor(c.env.DB, parsed, mapping, source);
  const applied = await applyPlan(c.env.DB, source, items, auditActor(actor));
  // The URL was read and its events brought up to date just now: that is its latest sync.
  if (url) await recordSync(c.env.DB, source.id, now, writeFailures(applied));
  return c.json({ sourceId: source.id, summary: planSummary(items), items: applied }, 200);
});

const sourceView = (source: ImportSource): ImportSourceView => ({
  id: source.id,
  organisation: source.organisation,
  url: source.url || null,
  mapping: { type: source.mapping.type, networks: source.mapping.networks, municipalities: source.mapping.municipalities },
  sync: source.sync,
  lastSyncedAt: source.lastSyncedAt,
  lastError: source.lastError,
});

imports.openapi(
  createRoute({
    method: 'get',
    path: '/sources',
    summary: 'Calendars your organisations import from, with the last sync and its error',
    security: writeSecurity,
    responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(ImportSourceView) }) } }, description: 'The sources' }, 401: problemSpec('Not signed in, or no valid token') },
  }),
  async (c) => {
    const actor = requireActor(c.get('actor'));
    const sources = await listSources(c.env.DB, isAdministrator(actor) ? null : writableOrganisations(actor));
    return c.json({ items: sources.map(sourceView) }, 200);
  },
);

const SourceParams = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
const sourceProblems = {
  401: problemSpec('Not signed in, or no valid token'),
  403: problemSpec('You are not an organiser of the organisation'),
  404: problemSpec('No such source'),
};

/** Before the validators: who asks, and the source of the path they may manage: 401, 404, then 403. */
const managesSource = authorise(async (actor, c) => {
  const source = await findSource(c.env.DB, Number(c.req.param('id')));
  if (!source) throw new NotFoundError('import source', c.req.param('id') ?? '');
  assertMayManageImports(actor, source.organisation);
  return { actor, source };
});
const managedSource = (c: Context<AppEnv>) => authorised<{ actor: Actor; source: ImportSource }>(c);

imports.openapi(
  createRoute({
    method: 'post',
    path: '/sources/{id}/sync',
    summary: 'Sync a calendar URL now',
    description: 'As the scheduled sync does: fetch, update events by UID, cancel those gone. The outcome (and any error) is also kept on the source.',
    security: writeSecurity,
    middleware: [managesSource],
    request: { params: SourceParams },
    responses: {
      200: { content: { 'application/json': { schema: ImportSyncResult } }, description: 'What was done; `error` when the feed could not be read' },
      ...sourceProblems,
      404: problemSpec('No such source, or it is a file source'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { actor, source } = managedSource(c);
    if (source.url === '') throw new NotFoundError('import source', String(id));
    const { items, error } = await syncSource(c.env.DB, source, auditActor(actor), { allowLoopback: loopbackAllowed(c) });
    return c.json({ sourceId: source.id, summary: planSummary(items), items, error }, 200);
  },
);

imports.openapi(
  createRoute({
    method: 'patch',
    path: '/sources/{id}',
    summary: 'Turn the scheduled sync of a calendar URL on or off',
    description: 'With `sync: false` the URL is synced only when asked (POST /api/imports/sources/{id}/sync); its events stay as they are. Only a URL source can be synced.',
    security: writeSecurity,
    middleware: [managesSource],
    request: { params: SourceParams, body: { content: { 'application/json': { schema: ImportSourcePatch } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: ImportSourceView } }, description: 'The source as it is now' },
      ...sourceProblems,
      422: problemSpec('The body breaks a rule, or the source is the uploaded files, which have no URL to sync'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { sync } = c.req.valid('json');
    const { actor, source } = managedSource(c);
    if (source.url === '') throw new ValidationError([{ field: 'sync', rule: 'needs-url', message: '`sync` needs a URL source; this source is the uploaded files' }]);
    const saved = await setSourceSync(c.env.DB, source, sync, new Date().toISOString(), auditActor(actor));
    if (!saved) throw new NotFoundError('import source', String(id));
    return c.json(sourceView(saved), 200);
  },
);

imports.openapi(
  createRoute({
    method: 'delete',
    path: '/sources/{id}',
    summary: 'Forget a calendar source',
    description:
      'The source and the record of which event each of its UIDs became are deleted; a URL is no longer synced. The events already imported stay, as ordinary events of the organisation: edit or cancel them as any other. Importing the same file or URL again later creates them anew.',
    security: writeSecurity,
    middleware: [managesSource],
    request: { params: SourceParams },
    responses: {
      204: { description: 'Forgotten' },
      ...sourceProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { actor, source } = managedSource(c);
    if (!(await deleteSource(c.env.DB, source, new Date().toISOString(), auditActor(actor)))) throw new NotFoundError('import source', String(id));
    return c.body(null, 204);
  },
);
