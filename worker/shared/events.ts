/**
 * Events: what an organiser writes (EventInput, EventPatch; the fields are
 * in event-fields.ts, which the browser runs too), what the API answers
 * (Event, occurrences, lists), and the queries of lists. The rules between
 * an event's fields are in event-rules.ts.
 */
import { z } from './zod';
import { EventFields, RecurrenceException } from './event-fields';
import { Localized, Slug, optionalText, repeatable } from './text';

export {
  Contact,
  EVENT_LANGUAGES,
  EventFields,
  EventInput,
  Location,
  Material,
  Recurrence,
  RecurrenceException,
  Registration,
  eventInput,
} from './event-fields';

export const EventId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be an event id')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'tilannekuvaseminaari-2025' });
export type EventId = z.infer<typeof EventId>;

/** A partial edit: the fields given replace the stored ones; null clears an optional one. */
export const EventPatch = EventFields.partial().openapi('EventPatch');
export type EventPatch = z.infer<typeof EventPatch>;

/** A cancellation's reason in each language; Finnish first, as with titles. */
export const CancelReasons = z
  .object({ fi: optionalText(500, 'multi'), sv: optionalText(500, 'multi'), en: optionalText(500, 'multi') })
  .strict()
  .superRefine((reasons, ctx) => {
    if (!reasons.fi?.trim() && (reasons.sv?.trim() || reasons.en?.trim())) {
      ctx.addIssue({ code: 'custom', path: ['fi'], message: '`reason.fi` is required when the reason is given in Swedish or English', params: { rule: 'required' } });
    }
  })
  .openapi('CancelReasons');
export type CancelReasons = z.infer<typeof CancelReasons>;

export const CancelInput = z
  .object({
    reason: z
      .union([optionalText(500, 'multi'), CancelReasons])
      .optional()
      .openapi({ description: 'Shown to subscribers: a text in Finnish, or {fi, sv, en}; feeds and pages in Swedish or English show theirs, else the Finnish one' }),
  })
  .strict()
  .openapi('CancelInput');
export type CancelInput = z.infer<typeof CancelInput>;

/** draft: seen by its organisers only; published; cancelled: kept, and shown as cancelled in lists and feeds. */
export const EventStatus = z.enum(['draft', 'published', 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

export const Event = z
  .object({
    id: z.string(),
    status: EventStatus,
    title: Localized,
    description: Localized,
    type: Slug,
    timeZone: z.string(),
    allDay: z.boolean(),
    start: z.string().openapi({ description: 'Wall-clock start (date when allDay)' }),
    end: z.string().openapi({ description: 'Wall-clock end (last day, inclusive, when allDay)' }),
    startsAt: z.string().openapi({ description: 'Instant of the first start, UTC' }),
    endsAt: z.string().openapi({ description: 'Instant of the first end, UTC' }),
    recurrence: z.object({ rrule: z.string(), exceptions: z.array(RecurrenceException) }).nullable(),
    location: z.object({ place: z.string().nullable(), address: z.string().nullable(), municipality: Slug.nullable() }).nullable(),
    onlineUrl: z.string().nullable(),
    organisations: z.array(Slug),
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    networks: z.array(Slug),
    municipalities: z.array(Slug),
    audiences: z.array(Slug),
    languages: z.array(z.string()),
    registration: z.object({ url: z.string().nullable(), deadline: z.string().nullable() }).nullable(),
    materials: z.array(z.object({ kind: z.string(), title: z.string(), url: z.string() })),
    clockItem: z.number().nullable(),
    decision: z
      .object({ title: Localized, steps: z.array(z.object({ title: Localized, workingDaysBefore: z.number().int() })).openapi({ description: 'Earliest first (most working days before)' }) })
      .nullable()
      .openapi({ description: "A decision made at the event, on the day of each occurrence; the steps' dates are on the clock of its item" }),
    cancelReason: z.string().nullable().openapi({ description: 'Why a cancelled event was cancelled, in Finnish; every language in cancelReasons' }),
    cancelReasons: Localized.nullable().openapi({ description: 'The reason in each language given ({fi, sv, en}); null when none was given' }),
    visibility: z.enum(['public', 'members']),
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE: grows when time, place or status change' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Event');
export type Event = z.infer<typeof Event>;

export const OccurrenceInfo = z
  .object({
    recurrenceId: z.string().nullable().openapi({ description: 'Wall-clock start the rule gives this occurrence; null when the event does not recur' }),
    start: z.string().openapi({ description: 'Start with offset, e.g. 2025-03-11T09:00:00+02:00 (a date when allDay)' }),
    end: z.string().openapi({ description: 'End with offset (the last day, inclusive, when allDay)' }),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['published', 'cancelled']),
    moved: z.boolean(),
    place: z.string().nullable(),
  })
  .openapi('OccurrenceInfo');
export type OccurrenceInfo = z.infer<typeof OccurrenceInfo>;

export const EventOccurrence = Event.extend({ occurrence: OccurrenceInfo }).openapi('EventOccurrence');
export type EventOccurrence = z.infer<typeof EventOccurrence>;

export const CoOrganisers = z
  .object({
    organisations: z.array(Slug).openapi({ description: 'The organisers: the organisation that created the event first' }),
    invited: z.array(Slug).openapi({ description: 'Organisations invited to co-organise; not shown, and without rights, until an organiser of theirs accepts' }),
  })
  .openapi('CoOrganisers');
export type CoOrganisers = z.infer<typeof CoOrganisers>;

export const CoOrganiserInvitation = z
  .object({
    event: z.object({ id: z.string(), title: Localized, start: z.string(), end: z.string(), allDay: z.boolean(), timeZone: z.string(), status: z.string(), organisations: z.array(Slug) }),
    organisation: Slug.openapi({ description: 'The invited organisation' }),
    invitedAt: z.string(),
  })
  .openapi('CoOrganiserInvitation');
export type CoOrganiserInvitation = z.infer<typeof CoOrganiserInvitation>;

export const EventList = z
  .object({
    items: z.array(EventOccurrence),
    from: z.string().nullable().openapi({ description: 'The window; null for `updated_since`' }),
    to: z.string().nullable(),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    horizon: z.string().nullable().optional().openapi({
      description:
        'Occurrences of series without end (no COUNT or UNTIL) are listed up to this instant, about 400 days ahead, which moves forward every day; other events at any date. The iCalendar feeds carry every series whole.',
    }),
  })
  .openapi('EventList');
export type EventList = z.infer<typeof EventList>;

/**
 * An occurrence with only what a calendar grid shows of its event: a
 * month's 500 occurrences without every description, link and language,
 * which a weekly series would repeat in each of them.
 */
export const EventBrief = Event.pick({ id: true, status: true, title: true, type: true, allDay: true, timeZone: true })
  .extend({ occurrence: OccurrenceInfo })
  .openapi('EventBrief');
export type EventBrief = z.infer<typeof EventBrief>;

export const EventBriefList = EventList.extend({ items: z.array(EventBrief) }).openapi('EventBriefList');
export type EventBriefList = z.infer<typeof EventBriefList>;

/** What a list gives of each event: all of it (EventList), or the brief form (EventBriefList). */
export const ListFields = z.enum(['full', 'brief']);
export type ListFields = z.infer<typeof ListFields>;

export const OccurrenceList = z
  .object({ items: z.array(OccurrenceInfo), from: z.string(), to: z.string() })
  .openapi('OccurrenceList');
export type OccurrenceList = z.infer<typeof OccurrenceList>;

export const OccurrenceQuery = z
  .object({
    from: z.string().optional().openapi({ description: 'Window start: a date (midnight Europe/Helsinki) or an instant; default today' }),
    to: z.string().optional().openapi({ description: 'Window end (exclusive); default one year after from' }),
    limit: z.coerce.number().int('must be a whole number').min(1).max(500).optional().openapi({ description: 'At most this many, 1–500, default 100' }),
  })
  .strict();
export type OccurrenceQuery = z.infer<typeof OccurrenceQuery>;

export const EventQuery = z
  .object({
    from: z.string().optional().openapi({ description: 'Window start: a date (midnight Europe/Helsinki) or an instant; default today', example: '2025-01-01' }),
    to: z.string().optional().openapi({ description: 'Window end (exclusive); default one year after from; at most 3 years after from', example: '2025-12-31' }),
    network: repeatable('Network slug'),
    type: repeatable('Event type slug'),
    municipality: repeatable('Municipality slug'),
    organisation: repeatable('Organisation slug'),
    q: z.string().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Text search in titles, descriptions and places (all languages)' }),
    limit: z.coerce.number().int('must be a whole number').min(1).max(500).optional().openapi({ description: 'Page size, 1–500, default 100' }),
    cursor: z.string().max(200).optional(),
    order: z.enum(['asc', 'desc']).optional().openapi({ description: 'asc (default): earliest first; desc: latest first, e.g. for past events. A cursor continues in the order it was made in.' }),
    fields: ListFields.optional().openapi({
      description:
        'full (default): each occurrence with its whole event (EventList); brief: with its id, status, title, type, allDay and timeZone only (EventBriefList), for calendar grids. The same occurrences, order and pages either way: a cursor of one continues the other.',
    }),
    updated_since: z
      .string()
      .max(40)
      .optional()
      .openapi({
        description:
          'Incremental sync: events (published and cancelled, each once, with its first occurrence) changed at or after this instant, oldest change first, paged by `cursor`, whatever their dates. Filters apply; `from`/`to` do not.',
        example: '2026-11-01T00:00:00Z',
      }),
  })
  .strict();
export type EventQuery = z.infer<typeof EventQuery>;

