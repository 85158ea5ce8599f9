/** Schemas of calendar import: the request, the preview, the result, the sources. */
import { z } from './zod';
import { EventInput } from './events';
import { Slug } from './text';

const ICS_MAX = 256 * 1024;

/** What the organiser chooses for every imported event. */
export const ImportMapping = z
  .object({
    organisation: Slug.openapi({ description: 'One of your own organisations: the organiser of every imported event' }),
    type: Slug.openapi({ description: 'Event type slug from /api/taxonomy', example: 'koulutus' }),
    networks: z.array(Slug).max(20, 'may name at most 20 networks').optional(),
    municipalities: z.array(Slug).max(30, 'may name at most 30 municipalities').optional(),
  })
  .strict();
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportRequest = ImportMapping.extend({
  ics: z.string().max(ICS_MAX, `must be at most ${ICS_MAX / 1024} KiB`).optional().openapi({ description: 'The iCalendar text; or give `url`' }),
  url: z.string().trim().max(2000, 'must be at most 2000 characters').optional().openapi({ description: 'An http, https or webcal address of an iCalendar feed', example: 'webcal://example.org/calendar.ics' }),
  sync: z.boolean().optional().openapi({ description: 'POST /api/imports: keep the URL as a source synced every 30 minutes' }),
})
  .strict()
  .superRefine((value, ctx) => {
    if ((value.ics === undefined) === (value.url === undefined)) ctx.addIssue({ code: 'custom', path: ['ics'], message: 'give either `ics` (the text) or `url`', params: { rule: 'one-of' } });
    if (value.sync && value.url === undefined) ctx.addIssue({ code: 'custom', path: ['sync'], message: '`sync` needs a `url`', params: { rule: 'needs-url' } });
  })
  .openapi('ImportRequest');
export type ImportRequest = z.infer<typeof ImportRequest>;

const PlanStatus = z.enum(['new', 'changed', 'unchanged', 'unparseable', 'gone']);

export const ImportPreviewItem = z
  .object({
    uid: z.string().nullable(),
    status: PlanStatus.openapi({ description: 'new, changed or unchanged since the last import from this source; unparseable (see reason); gone: no longer in the source, will be cancelled' }),
    title: z.string().nullable(),
    reason: z.string().nullable(),
    eventId: z.string().nullable().openapi({ description: 'The Hytekello event this UID became earlier' }),
    cancelled: z.boolean(),
    event: EventInput.nullable().openapi({ description: 'The event as it will be written' }),
  })
  .openapi('ImportPreviewItem');
export type ImportPreviewItem = z.infer<typeof ImportPreviewItem>;

const Summary = z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), unparseable: z.number(), gone: z.number() });

const JobId = z.number().optional().openapi({ description: 'The job that did the work: GET /api/imports/jobs/{jobId}' });

export const ImportPreview = z
  .object({ sourceId: z.number().nullable(), jobId: JobId, summary: Summary, items: z.array(ImportPreviewItem) })
  .openapi('ImportPreview');
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z
  .object({
    sourceId: z.number(),
    jobId: JobId,
    summary: Summary,
    items: z.array(
      z.object({
        uid: z.string().nullable(),
        status: PlanStatus,
        title: z.string().nullable(),
        eventId: z.string().nullable(),
        outcome: z.enum(['created', 'updated', 'cancelled', 'none', 'failed']),
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi('ImportResult');
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportSyncResult = ImportResult.extend({ error: z.string().nullable().openapi({ description: 'Why the feed could not be read, or how many events could not be written; null when all went well' }) }).openapi('ImportSyncResult');
export type ImportSyncResult = z.infer<typeof ImportSyncResult>;

export const ImportSourceView = z
  .object({
    id: z.number(),
    organisation: Slug,
    url: z.string().nullable().openapi({ description: 'null: the files uploaded by hand' }),
    mapping: z.object({ type: Slug, networks: z.array(Slug), municipalities: z.array(Slug) }),
    sync: z.boolean(),
    lastSyncedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .openapi('ImportSource');
export type ImportSourceView = z.infer<typeof ImportSourceView>;

export const ImportSourcePatch = z
  .object({ sync: z.boolean().openapi({ description: 'Sync the URL every 30 minutes (true) or only when asked (false)' }) })
  .strict()
  .openapi('ImportSourcePatch');
export type ImportSourcePatch = z.infer<typeof ImportSourcePatch>;

const Outcomes = z.object({ created: z.number(), updated: z.number(), cancelled: z.number(), none: z.number(), failed: z.number() });

export const ImportJob = z
  .object({
    id: z.number(),
    kind: z.enum(['preview', 'import', 'sync']),
    state: z.enum(['running', 'done', 'failed']).openapi({ description: 'running: continue it with POST /api/imports/jobs/{id}/continue (the Cron Trigger also does); done: `preview` or `result` holds the answer; failed: see `error`' }),
    organisation: Slug,
    sourceId: z.number().nullable(),
    url: z.string().nullable(),
    processed: z.number().openapi({ description: 'Events (the VEVENTs of one UID) read so far' }),
    total: z.number().openapi({ description: 'Events in the calendar' }),
    summary: Summary.openapi({ description: 'What the events read so far are: new, changed, …' }),
    outcomes: Outcomes.openapi({ description: 'What was done so far (import and sync): created, updated, …' }),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    preview: ImportPreview.nullable().openapi({ description: 'A finished preview: the same as POST /api/imports/preview answers' }),
    result: ImportSyncResult.nullable().openapi({ description: 'A finished import or sync: the same as POST /api/imports answers' }),
  })
  .openapi('ImportJob');
export type ImportJob = z.infer<typeof ImportJob>;
