/** /api/imports: preview and import an iCalendar file or URL; sources that are synced. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ImportJob as StoredJob, findJob, listJobs } from '../db/import-jobs';
import { type ImportSource, deleteSource, findSource, findSourceByUrl, listSources, saveSource, setSourceSync } from '../db/imports';
import { readKnownReferences } from '../db/taxonomy';
import { type Actor, assertMayManageImports, assertMayWriteEvent, assertWritesSomething, auditActor, isAdministrator, requireActor, writableOrganisations } from '../domain/access';
import { ConflictError, NotFoundError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors';
import { type ImportMapping, mappingIssues, planSummary } from '../domain/import-plan';
import { calendarUrl } from '../domain/url-guard';
import type { AppEnv } from '../env';
import { CalendarFetchError, fetchCalendar } from '../platform/fetch-calendar';
import { fromThisMachine } from '../middleware/client';
import { authorise, authorised } from '../middleware/auth';
import { jobProgress, resultsOf, splitOrRefuse, startJob, startSync, stepJob, writeFailures } from '../services/imports';
import { problemSpec, validationHook, writeSecurity } from '../middleware/http';
import { parseOrThrow } from '../domain/validation';
import { ImportJob, ImportPreview, ImportRequest, ImportResult, ImportSourcePatch, ImportSourceView, ImportSyncResult } from '../shared/imports';

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
    throw new ValidationError([{ field: 'body', rule: 'json', message: 'the body is not JSON' }], 'request');
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

/** The import or sync of a source is under way already; a second would create its new events twice. */
class ImportRunningError extends ConflictError {
  constructor() {
    super('import-running', 'an import or sync of this calendar is under way; wait for it to finish (GET /api/imports/jobs)');
  }
}

/** A job as the API shows it: how far it is, and when it is done, the answer its POST would have given. */
async function jobView(db: D1Database, job: StoredJob, withAnswer = true): Promise<ImportJob> {
  const progress = await jobProgress(db, job);
  const finished = withAnswer && job.state === 'done' ? await resultsOf(db, job) : null;
  const summary = finished ? planSummary(finished) : progress.summary;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    organisation: job.organisation,
    sourceId: job.sourceId,
    url: job.url || null,
    processed: progress.processed,
    total: progress.total,
    summary,
    outcomes: progress.outcomes,
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    preview:
      finished && job.kind === 'preview'
        ? { sourceId: job.sourceId, jobId: job.id, summary, items: finished.map((r) => ({ uid: r.uid, status: r.status, title: r.title, reason: r.reason, eventId: r.eventId, cancelled: r.cancelled, event: r.event as ImportPreview['items'][number]['event'] })) }
        : null,
    result:
      finished && job.kind !== 'preview'
        ? {
            sourceId: job.sourceId!,
            jobId: job.id,
            summary,
            items: finished.map((r) => ({ uid: r.uid, status: r.status, title: r.title, eventId: r.eventId, outcome: r.outcome ?? 'none', reason: r.reason })),
            error: writeFailures(progress.outcomes.failed),
          }
        : null,
  };
}

/**
 * A job just started: its answer (200) when the first step finished it,
 * as before jobs existed; otherwise 202 with the job to follow.
 */
async function startedAnswer(c: Context<AppEnv>, job: StoredJob): Promise<Response> {
  const view = await jobView(c.env.DB, job);
  if (view.preview) return c.json(view.preview, 200);
  if (view.result) {
    if (job.kind === 'sync') return c.json(view.result, 200);
    const { error: _error, ...result } = view.result;
    return c.json(result, 200);
  }
  c.header('Location', `/api/imports/jobs/${job.id}`);
  return c.json(view, 202);
}

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
const jobStarted = {
  content: { 'application/json': { schema: ImportJob } },
  description: 'Too many events for one request: the job has started (its first events are done); follow it at `Location` (GET /api/imports/jobs/{id}) and continue it with POST /api/imports/jobs/{id}/continue, or let the Cron Trigger do so',
};
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
    'Each VEVENT is `new`, `changed` or `unchanged` (by UID, against earlier imports from the same file source or URL), or `unparseable` with the reason; for a URL, events no longer in it are `gone` (they would be cancelled). No event is written. A calendar read in one request is answered at once (200); a longer one becomes a job (202) that is read a few events per request.',
  security: writeSecurity,
  request: { query: mappingQuery, body: requestBody },
  responses: { 200: { content: { 'application/json': { schema: ImportPreview } }, description: 'The plan' }, 202: jobStarted, ...importProblems },
});
imports.post('/preview', async (c) => {
  const { actor, mapping, url, text } = await prepare(c);
  const parts = splitOrRefuse(text, url ? 'url' : 'ics');
  const source = await findSourceByUrl(c.env.DB, mapping.organisation, url);
  const job = await startJob(c.env.DB, { kind: 'preview', organisation: mapping.organisation, source, mapping, actor: auditActor(actor), parts });
  return startedAnswer(c, job!);
});

imports.openAPIRegistry.registerPath({
  method: 'post',
  path: '/',
  summary: 'Import a calendar file or URL',
  description:
    'The same body as the preview. New events are created, changed ones updated (SEQUENCE grows when time, place or status change), cancelled ones cancelled; for a URL, events gone from it are cancelled, and the import is recorded as its latest sync. Each event is written whole or not at all. With `sync: true` the URL is synced every 30 minutes. A calendar done in one request is answered at once (200); a longer one becomes a job (202) that writes a few events per request.',
  security: writeSecurity,
  request: { query: mappingQuery, body: requestBody },
  responses: {
    200: { content: { 'application/json': { schema: ImportResult } }, description: 'What was done to each event' },
    202: jobStarted,
    ...importProblems,
    409: problemSpec('An import or sync of this calendar is under way'),
  },
});
imports.post('/', async (c) => {
  const { actor, mapping, url, text, sync } = await prepare(c);
  const parts = splitOrRefuse(text, url ? 'url' : 'ics');
  const source = await saveSource(c.env.DB, { organisation: mapping.organisation, url, mapping, sync }, new Date().toISOString(), auditActor(actor));
  const job = await startJob(c.env.DB, { kind: 'import', organisation: mapping.organisation, source, mapping, actor: auditActor(actor), parts });
  if (!job) throw new ImportRunningError();
  return startedAnswer(c, job);
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

imports.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sources/{id}/sync',
  summary: 'Sync a calendar URL now',
  description:
    'As the scheduled sync does: fetch, update events by UID, cancel those gone. The outcome (and any error) is also kept on the source. A feed done in one request is answered at once (200); a longer one becomes a job (202). While a sync or import of the source runs, that job is answered.',
  security: writeSecurity,
  request: { params: SourceParams },
  responses: {
    200: { content: { 'application/json': { schema: ImportSyncResult } }, description: 'What was done; `error` when the feed could not be read' },
    202: jobStarted,
    ...sourceProblems,
    404: problemSpec('No such source, or it is a file source'),
  },
});
// Typed by the registration above; written plainly because it answers 200 or 202 with different bodies.
imports.post('/sources/:id/sync', managesSource, async (c) => {
  const { actor, source } = managedSource(c);
  if (source.url === '') throw new NotFoundError('import source', String(source.id));
  const { job, error } = await startSync(c.env.DB, source, auditActor(actor), { allowLoopback: loopbackAllowed(c) });
  if (!job) return c.json({ sourceId: source.id, summary: planSummary([]), items: [], error }, 200);
  return startedAnswer(c, job);
});

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

const JobParams = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
const jobProblems = {
  401: problemSpec('Not signed in, or no valid token'),
  403: problemSpec('You are not an organiser of the organisation'),
  404: problemSpec('No such job (finished jobs are kept for a day)'),
};

/** Before the validators: who asks, and the job of the path they may follow: 401, 404, then 403. */
const followsJob = authorise(async (actor, c) => {
  const job = await findJob(c.env.DB, Number(c.req.param('id')));
  if (!job) throw new NotFoundError('import job', c.req.param('id') ?? '');
  assertMayManageImports(actor, job.organisation);
  return { actor, job };
});
const followedJob = (c: Context<AppEnv>) => authorised<{ actor: Actor; job: StoredJob }>(c);

imports.openapi(
  createRoute({
    method: 'get',
    path: '/jobs',
    summary: 'Recent imports, previews and syncs of your organisations, newest first',
    description: 'The 20 newest jobs, running and finished (finished ones are kept for a day), without their per-event answers.',
    security: writeSecurity,
    responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(ImportJob) }) } }, description: 'The jobs' }, 401: problemSpec('Not signed in, or no valid token') },
  }),
  async (c) => {
    const actor = requireActor(c.get('actor'));
    const jobs = await listJobs(c.env.DB, isAdministrator(actor) ? null : writableOrganisations(actor), 20);
    const views = await Promise.all(jobs.map((job) => jobView(c.env.DB, job, false)));
    return c.json({ items: views }, 200);
  },
);

imports.openapi(
  createRoute({
    method: 'get',
    path: '/jobs/{id}',
    summary: 'How far an import, preview or sync is; its answer when done',
    description: 'Reading a job does no work: POST /api/imports/jobs/{id}/continue does the next events, and the Cron Trigger continues running jobs every 30 minutes.',
    security: writeSecurity,
    middleware: [followsJob],
    request: { params: JobParams },
    responses: { 200: { content: { 'application/json': { schema: ImportJob } }, description: 'The job' }, ...jobProblems },
  }),
  async (c) => c.json(await jobView(c.env.DB, followedJob(c).job), 200),
);

imports.openapi(
  createRoute({
    method: 'post',
    path: '/jobs/{id}/continue',
    summary: 'Do the next events of a running job',
    description:
      'One step: the next few events are read and written, each whole or not at all. A finished job is answered as it is; a step already under way elsewhere is not repeated (the job is answered as it is). Call again while `state` is `running`.',
    security: writeSecurity,
    middleware: [followsJob],
    request: { params: JobParams },
    responses: { 200: { content: { 'application/json': { schema: ImportJob } }, description: 'The job after the step' }, ...jobProblems },
  }),
  async (c) => {
    const { job } = followedJob(c);
    const stepped = job.state === 'running' ? await stepJob(c.env.DB, job.id) : job;
    if (!stepped) throw new NotFoundError('import job', String(job.id));
    return c.json(await jobView(c.env.DB, stepped), 200);
  },
);
