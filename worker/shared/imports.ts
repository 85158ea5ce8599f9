/** Schemas of calendar import: the request, the preview, the result, the sources. */
import { z } from '@hono/zod-openapi';
import { EventInput, Slug } from './schemas';

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

const Summary = z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), unparseable: z.number(), gone: z.number() });

export const ImportPreview = z
  .object({ sourceId: z.number().nullable(), summary: Summary, items: z.array(ImportPreviewItem) })
  .openapi('ImportPreview');
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z
  .object({
    sourceId: z.number(),
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
