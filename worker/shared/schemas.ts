/**
 * The API's schemas: they validate requests in the worker, type the web
 * client, and generate the OpenAPI document. A schema and its type share
 * a name.
 */
import { z } from '@hono/zod-openapi';
import { clockItemRuleIssues } from '../domain/clock';
import { CLOCK_CATEGORIES } from './clock-categories';
import { eventRuleIssues } from '../domain/events';
import { MAX_EXCEPTIONS, MAX_OCCURRENCES } from '../domain/recurrence';
import { DATE_TIME_PATTERN, DEFAULT_TIME_ZONE, LOCAL_DATE_TIME_PATTERN } from '../domain/time';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
/** How a feed shows cancellations (/calendar.ics?cancelled=). */
export const CANCELLED_VIEWS = ['status', 'mark', 'hide'] as const;
export const EVENT_LANGUAGES = ['fi', 'sv', 'en', 'se'] as const;

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a slug: lower-case letters, digits and hyphens')
  .openapi({ example: 'kulttuurihyvinvointi' });
export type Slug = z.infer<typeof Slug>;

export const EventId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be an event id')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'tilannekuvaseminaari-2025' });

// C0 controls other than tab and line breaks, DEL, and halves of a UTF-16 pair without their other half.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Line breaks other than CR and LF that some reader breaks lines at (vdirsyncer, Python's splitlines, JavaScript's
// line terminators): NEXT LINE, LINE SEPARATOR, PARAGRAPH SEPARATOR. Written raw into a feed they split a property.
const LINE_SEPARATOR = /[\u0085\u2028\u2029]/;

/**
 * Text of people: trimmed, at most `max` characters, no control characters,
 * broken characters or line breaks other than CR and LF; a single line
 * unless `lines` is 'multi' (descriptions).
 */
export const text = (max: number, lines: 'single' | 'multi' = 'single') =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value) && !LONE_SURROGATE.test(value), { message: 'must not contain control characters or broken (unpaired surrogate) characters', params: { rule: 'characters' } })
    .refine((value) => !LINE_SEPARATOR.test(value), {
      message: 'must not contain U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR or U+0085 NEXT LINE: calendar programs break lines there; use an ordinary line break',
      params: { rule: 'line-separator' },
    })
    .refine((value) => lines === 'multi' || !/[\r\n]/.test(value), { message: 'must be a single line', params: { rule: 'single-line' } });
const optionalText = (max: number, lines: 'single' | 'multi' = 'single') => text(max, lines).nullish();

export const HttpUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  // The URL parser drops line breaks and tabs silently; the stored text would keep them, and feeds and headers carry it.
  .refine((value) => !/[\s\u0000-\u001f\u007f]/.test(value), { message: 'must not contain spaces, line breaks or control characters', params: { rule: 'url-characters' } })
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http or https URL')
  .openapi({ format: 'uri', example: 'https://pohde.fi' });

const DateOrDateTime = z
  .string()
  .refine((value) => DATE_TIME_PATTERN.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value), 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM')
  .openapi({ description: 'A date (all-day events) or a wall-clock date-time in the event time zone', example: '2025-10-02T09:00' });

export const LocalizedTitle = z
  .object({ fi: text(200).min(1, 'is required'), sv: optionalText(200), en: optionalText(200) })
  .strict()
  .openapi('LocalizedTitle', { description: 'Finnish is required; Swedish and English are optional' });

/** A short name for the wheel, where the full one does not fit: in any of the languages, none required. */
export const LocalizedShortTitle = z
  .object({ fi: optionalText(60), sv: optionalText(60), en: optionalText(60) })
  .strict()
  .openapi('LocalizedShortTitle', { description: 'Short names (at most 60 characters) written on the wheel where the title does not fit its arc' });

const ShortTitle = z
  .object({ fi: z.string().nullable(), sv: z.string().nullable(), en: z.string().nullable() })
  .openapi({ description: 'Short names for the wheel; null in a language that has none' });

export const LocalizedDescription = z
  .object({ fi: optionalText(20000, 'multi'), sv: optionalText(20000, 'multi'), en: optionalText(20000, 'multi') })
  .strict()
  .openapi('LocalizedDescription');

export const RecurrenceException = z
  .object({
    occurrence: z
      .string()
      .refine((value) => LOCAL_DATE_TIME_PATTERN.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value), 'must be the wall-clock start of an occurrence')
      .openapi({ description: 'Start of the occurrence as the rule generates it (wall-clock, or a date for all-day events)' }),
    kind: z.enum(['removed', 'cancelled', 'moved']).openapi({ description: 'removed: left out (EXDATE); cancelled: kept and marked; moved: takes place at start–end' }),
    start: DateOrDateTime.nullish(),
    end: DateOrDateTime.nullish(),
    place: optionalText(300),
  })
  .strict()
  .openapi('RecurrenceException');
export type RecurrenceException = z.infer<typeof RecurrenceException>;

export const Recurrence = z
  .object({
    rrule: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .openapi({ description: `RFC 5545 RRULE (FREQ DAILY, WEEKLY, MONTHLY or YEARLY; at most ${MAX_OCCURRENCES} occurrences when finite)`, example: 'FREQ=MONTHLY;BYDAY=1TU' }),
    exceptions: z.array(RecurrenceException).max(MAX_EXCEPTIONS, `may list at most ${MAX_EXCEPTIONS} exceptions`).optional(),
  })
  .strict()
  .openapi('Recurrence');

export const Location = z
  .object({ place: optionalText(300), address: optionalText(300), municipality: Slug.nullish() })
  .strict()
  .openapi('Location');

export const Contact = z
  .object({
    name: optionalText(200),
    email: z.string().trim().max(254).email('must be an email address').nullish(),
    phone: z.string().trim().max(40).regex(/^\+?[0-9 ()-]{5,40}$/, 'must be a phone number').nullish(),
  })
  .strict()
  .openapi('Contact');

export const Registration = z
  .object({ url: HttpUrl.nullish(), deadline: DateOrDateTime.nullish() })
  .strict()
  .openapi('Registration', { description: 'Deadline as a wall-clock time in the event time zone' });

export const Material = z
  .object({
    kind: z.enum(['slides', 'recording', 'document', 'link']),
    title: text(300).min(1, 'is required'),
    url: HttpUrl,
  })
  .strict()
  .openapi('Material');

/** Every field an organiser may set; no cross-field rules (see EventInput). */
export const EventFields = z
  .object({
    status: z.enum(['draft', 'published']).optional().openapi({ description: 'New events are drafts unless published; cancel with POST /api/events/{id}/cancel' }),
    title: LocalizedTitle,
    description: LocalizedDescription.nullish(),
    type: Slug.openapi({ description: 'Event type slug from /api/taxonomy', example: 'tyopaja' }),
    timeZone: z.string().max(64).optional().openapi({ description: `IANA time zone of start and end (any case; an alias such as US/Eastern is stored by its current name, America/New_York; UTC offsets are refused); default ${DEFAULT_TIME_ZONE}`, example: DEFAULT_TIME_ZONE }),
    allDay: z.boolean().optional(),
    start: DateOrDateTime.openapi({ description: 'Wall-clock YYYY-MM-DDTHH:MM in timeZone (an instant with an offset is converted); YYYY-MM-DD when allDay', example: '2025-10-02T09:00' }),
    end: DateOrDateTime.openapi({ description: 'As start; for all-day events the last day (inclusive)', example: '2025-10-02T15:30' }),
    recurrence: Recurrence.nullish(),
    location: Location.nullish(),
    onlineUrl: HttpUrl.nullish(),
    organisations: z.array(Slug).min(1, 'must name at least one organisation').max(10, 'may name at most 10 organisations').optional().openapi({ description: "Organiser organisations; default: the token's organisation" }),
    contact: Contact.nullish(),
    networks: z.array(Slug).max(20, 'may name at most 20 networks').optional(),
    municipalities: z.array(Slug).max(30, 'may name at most 30 municipalities').optional(),
    audiences: z.array(Slug).max(20, 'may name at most 20 audiences').optional(),
    languages: z.array(z.enum(EVENT_LANGUAGES)).min(1, 'must name at least one language').max(4).optional().openapi({ description: 'Languages spoken at the event; default ["fi"]' }),
    registration: Registration.nullish(),
    materials: z.array(Material).max(50, 'may list at most 50 materials').optional(),
    clockItem: z.number().int().positive().nullish().openapi({ description: 'Annual-clock item the event realises' }),
    visibility: z.enum(['public', 'members']).optional().openapi({ description: 'members: shown only to signed-in members and in personal feeds; default public' }),
  })
  .strict();

/** A new event, or the whole of an edited one, with the rules between fields. */
export const EventInput = EventFields.superRefine((input, ctx) => {
  for (const issue of eventRuleIssues(input)) {
    ctx.addIssue({ code: 'custom', path: issue.field.split(/[.[\]]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message: issue.message, params: { rule: issue.rule, values: issue.values } });
  }
}).openapi('EventInput');
export type EventInput = z.infer<typeof EventFields>;

/** A partial edit: the fields given replace the stored ones; null clears an optional one. */
export const EventPatch = EventFields.partial().openapi('EventPatch');
export type EventPatch = z.infer<typeof EventPatch>;

export const CancelInput = z
  .object({ reason: optionalText(500, 'multi').openapi({ description: 'Shown to subscribers' }) })
  .strict()
  .openapi('CancelInput');
export type CancelInput = z.infer<typeof CancelInput>;

const Localized = z.object({ fi: z.string(), sv: z.string().nullable(), en: z.string().nullable() });

export const Event = z
  .object({
    id: z.string(),
    status: z.enum(['draft', 'published', 'cancelled']),
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
    cancelReason: z.string().nullable(),
    visibility: z.enum(['public', 'members']),
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE: grows when time, place or status change' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Event');
export type Event = z.infer<typeof Event>;
export type EventStatus = Event['status'];

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
    event: z.object({ id: z.string(), title: z.object({ fi: z.string(), sv: z.string().nullable(), en: z.string().nullable() }), start: z.string(), end: z.string(), allDay: z.boolean(), timeZone: z.string(), status: z.string(), organisations: z.array(Slug) }),
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

const repeatable = (description: string) =>
  z
    .union([Slug, z.array(Slug).max(30, 'may be repeated at most 30 times')])
    .optional()
    .openapi({ description: `${description}; repeat the parameter for several (any of them matches)` });

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

export const FeedQuery = z
  .object({
    network: repeatable('Network slug'),
    type: repeatable('Event type slug'),
    municipality: repeatable('Municipality slug'),
    organisation: repeatable('Organisation slug'),
    lang: z.enum(LANGUAGES).optional().openapi({ description: 'Language of titles, descriptions and labels; Finnish where a text has no translation' }),
    key: z.string().max(100, 'must be at most 100 characters').optional().openapi({ description: 'A personal feed key (from POST /api/me/feed): the feed then includes members-only events' }),
    cancelled: z
      .enum(CANCELLED_VIEWS)
      .optional()
      .openapi({
        description:
          'How cancelled events and days look. `status` (default): STATUS:CANCELLED and "Peruttu:" in the title (Apple strikes them through; Google drops them, Outlook removes them). ' +
          '`mark`: kept as confirmed free-time (TRANSP:TRANSPARENT) events titled "Peruttu:" / "Inställt:" / "Cancelled:", so that Google Calendar shows them too. `hide`: left out.',
      }),
    alarm: z.string().optional().openapi({
      description: 'A reminder before every event that is not cancelled (a VALARM DISPLAY), as an ISO 8601 duration of more than zero and at most four weeks: PT15M, PT1H, P1D, P1W. Anything else is a 422 naming `alarm`.',
      example: 'PT1H',
    }),
  })
  .strict();
export type FeedQuery = z.infer<typeof FeedQuery>;

const ClockEventLink = z.object({ id: z.string(), title: Localized, start: z.string(), startsAt: z.string(), allDay: z.boolean(), status: z.enum(['published', 'cancelled']) });

const ClockDecision = z.object({
  title: Localized,
  month: z.number().int(),
  day: z.number().int(),
  steps: z.array(z.object({ title: Localized, workingDaysBefore: z.number().int() })),
});

const ClockPlan = z
  .object({
    decision: z.object({ title: Localized, date: z.string().openapi({ description: 'The decision day of this occurrence: the day given, or the working day before it' }) }),
    steps: z.array(z.object({ title: Localized, workingDaysBefore: z.number().int(), date: z.string() })).openapi({ description: 'Preparation steps, earliest first' }),
  })
  .openapi('ClockPlan');

const ClockItemFields = {
  id: z.number().int(),
  ring: Slug.nullable(),
  title: Localized,
  shortTitle: ShortTitle,
  description: Localized,
  colour: z.string().openapi({ example: '#00508c', description: "The category's colour" }),
  category: z.enum(CLOCK_CATEGORIES).openapi({ description: 'What the colour means; names in /api/clock categories' }),
  responsibleOrganisation: Slug.nullable(),
  source: z.string().nullable().openapi({ description: 'Where the duty or practice is written down' }),
  links: z.array(z.object({ title: z.string(), url: z.string() })),
  events: z.array(ClockEventLink).openapi({ description: 'Published events that realise the item' }),
};

export const AnnualClockItem = z
  .object({
    ...ClockItemFields,
    span: z.object({ startMonth: z.number().int(), startDay: z.number().int().nullable(), endMonth: z.number().int(), endDay: z.number().int().nullable() }),
    repeat: z.enum(['yearly', 'odd-years', 'even-years', 'once']),
    onceYear: z.number().int().nullable().openapi({ description: "The year of a 'once' item" }),
    occurrences: z.array(z.object({ start: z.string(), end: z.string() })).openapi({ description: 'Date spans (inclusive) that touch the year; one may start the year before' }),
    decision: ClockDecision.nullable(),
    plans: z.array(ClockPlan).openapi({ description: "The decision and its steps with their dates, one per occurrence; empty when the item has no decision" }),
  })
  .openapi('AnnualClockItem');

const ClockInfo = z.object({
  slug: Slug,
  name: Localized,
  organisation: Slug.nullable(),
  startMonth: z.number().int().openapi({ description: 'The month at the top of the wheel' }),
  rings: z.array(z.object({ slug: Slug, name: Localized })),
});

export const AnnualClock = z
  .object({ clock: ClockInfo, year: z.number().int(), items: z.array(AnnualClockItem) })
  .openapi('AnnualClock');
export type AnnualClock = z.infer<typeof AnnualClock>;

export const CouncilTermItem = z
  .object({ ...ClockItemFields, termYears: z.object({ start: z.number().int(), end: z.number().int() }), span: z.object({ start: z.string(), end: z.string() }) })
  .openapi('CouncilTermItem');

export const CouncilTermClock = z
  .object({
    clock: ClockInfo,
    term: z.object({ name: z.string(), start: z.string(), end: z.string(), years: z.array(z.object({ year: z.number().int(), start: z.string(), end: z.string() })) }),
    currentYear: z.number().int().nullable().openapi({ description: 'Year of the term (1–4) today, null when the term shown is not the current one' }),
    items: z.array(CouncilTermItem),
  })
  .openapi('CouncilTermClock');
export type CouncilTermClock = z.infer<typeof CouncilTermClock>;

export const ClockQuery = z
  .object({
    clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }),
    year: z.coerce.number().int('must be a whole number').min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier').optional().openapi({ description: 'Default: this year' }),
    ring: repeatable('Ring slug'),
    organisation: repeatable('Responsible organisation slug'),
    lang: z.enum(LANGUAGES).optional().openapi({ description: 'For /clock.ics: language of the texts' }),
  })
  .strict();
export type ClockQuery = z.infer<typeof ClockQuery>;

export const CouncilTermQuery = z
  .object({
    clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional().openapi({ description: 'Show the term that contains this date; default today' }),
    ring: repeatable('Ring slug'),
    organisation: repeatable('Responsible organisation slug'),
  })
  .strict();

const Colour = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a colour #rrggbb in lower case').openapi({ example: '#00508c' });

/** A decision an annual item leads to, and the preparation steps counted back from it in working days. */
export const ClockDecisionInput = z
  .object({
    title: LocalizedTitle,
    month: z.number().int('must be a whole number').min(1, 'must be 1–12').max(12, 'must be 1–12'),
    day: z.number().int('must be a whole number').min(1, 'must be 1–31').max(31, 'must be 1–31'),
    steps: z
      .array(
        z
          .object({
            title: LocalizedTitle,
            workingDaysBefore: z.number().int('must be a whole number').min(1, 'must be 1–250').max(250, 'must be 1–250').openapi({ description: 'Working days before the decision (Finnish public holidays, weekends, Midsummer Eve and Christmas Eve do not count)', example: 10 }),
          })
          .strict(),
      )
      .max(10, 'may list at most 10 steps')
      .optional(),
  })
  .strict()
  .openapi('ClockDecisionInput', { description: 'Every year on this day (or the working day before it); e.g. the council approves the wellbeing report' });


/** A clock item as an organiser writes it: an annual span or years of the council term. */
export const ClockItemWrite = z
  .object({
    ring: Slug.openapi({ description: "Ring slug of the item's clock" }),
    kind: z.enum(['annual', 'term']),
    title: LocalizedTitle,
    shortTitle: LocalizedShortTitle.nullish(),
    description: LocalizedDescription.nullish(),
    span: z
      .object({
        startMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12'),
        startDay: z.number().int().min(1, 'must be 1–31').max(31, 'must be 1–31').nullish(),
        endMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12'),
        endDay: z.number().int().min(1, 'must be 1–31').max(31, 'must be 1–31').nullish(),
      })
      .strict()
      .nullish()
      .openapi({ description: 'Annual items: an end before the start crosses New Year; a missing day means the whole month' }),
    repeat: z.enum(['yearly', 'odd-years', 'even-years', 'once']).optional(),
    onceYear: z.number().int().min(2000, 'must be 2000–2100').max(2100, 'must be 2000–2100').nullish(),
    termYears: z.object({ start: z.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4'), end: z.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4') }).strict().nullish(),
    colour: Colour.optional().openapi({ deprecated: true, description: "Ignored: an item's colour is its category's, so the legend always holds" }),
    category: z.enum(CLOCK_CATEGORIES).optional().openapi({ description: "Default 'muu'; gives the item its colour" }),
    responsibleOrganisation: Slug.nullish(),
    source: optionalText(500),
    links: z.array(z.object({ title: text(300).min(1, 'is required'), url: HttpUrl }).strict()).max(20, 'may list at most 20 links').optional(),
    decision: ClockDecisionInput.nullish().openapi({ description: 'Annual items: a decision and its preparation steps in working days before it' }),
  })
  .strict();

export const ClockItemInput = ClockItemWrite.superRefine((input, ctx) => {
  for (const issue of clockItemRuleIssues(input)) ctx.addIssue({ code: 'custom', path: issue.field.split('.'), message: issue.message, params: { rule: issue.rule, values: issue.values } });
}).openapi('ClockItemInput');
export type ClockItemInput = z.infer<typeof ClockItemWrite>;

export const ClockItemPatch = ClockItemWrite.partial().openapi('ClockItemPatch');
export type ClockItemPatch = z.infer<typeof ClockItemPatch>;

export const StoredClockItem = z
  .object({
    id: z.number().int(),
    clock: Slug,
    ring: Slug.nullable(),
    kind: z.enum(['annual', 'term']),
    title: Localized,
    shortTitle: ShortTitle,
    description: Localized,
    span: z.object({ startMonth: z.number().int(), startDay: z.number().int().nullable(), endMonth: z.number().int(), endDay: z.number().int().nullable() }).nullable(),
    repeat: z.enum(['yearly', 'odd-years', 'even-years', 'once']),
    onceYear: z.number().int().nullable(),
    termYears: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
    colour: z.string(),
    category: z.enum(CLOCK_CATEGORIES),
    responsibleOrganisation: Slug.nullable(),
    source: z.string().nullable(),
    links: z.array(z.object({ title: z.string(), url: z.string() })),
    decision: ClockDecision.nullable(),
  })
  .openapi('ClockItem');
export type StoredClockItem = z.infer<typeof StoredClockItem>;

export const RingsInput = z
  .object({
    rings: z
      .array(z.object({ slug: Slug, name: LocalizedTitle }).strict())
      .min(1, 'must have at least one ring')
      .max(8, 'may have at most 8 rings')
      .refine((rings) => new Set(rings.map((r) => r.slug)).size === rings.length, 'must not name a ring twice')
      .openapi({ description: 'Outermost first' }),
  })
  .strict()
  .openapi('RingsInput');

export const NewClockInput = z
  .object({
    organisation: Slug.optional().openapi({ description: "The organisation whose clock it is; default the token's" }),
    startMonth: z.number().int().min(1, 'must be 1–12').max(12, 'must be 1–12').optional(),
  })
  .strict()
  .openapi('NewClockInput', { description: 'A clock filled from the statutory wellbeing cycle template' });

export const TaxonomyTerm = z
  .object({ slug: Slug, name: Localized })
  .openapi('TaxonomyTerm');

export const Taxonomy = z
  .object({
    areas: z.array(TaxonomyTerm),
    municipalities: z.array(TaxonomyTerm.extend({ code: z.string(), area: Slug })),
    eventTypes: z.array(TaxonomyTerm),
    networks: z.array(TaxonomyTerm),
    audiences: z.array(TaxonomyTerm),
    organisations: z.array(TaxonomyTerm.extend({ kind: z.string(), municipality: Slug.nullable(), website: z.string().nullable() })),
  })
  .openapi('Taxonomy');
export type Taxonomy = z.infer<typeof Taxonomy>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          rule: z.string(),
          message: z.string(),
          values: z.record(z.string(), z.union([z.string(), z.number()])).optional().openapi({ description: 'The values the message names (e.g. `max`), for a text in another language' }),
        }),
      )
      .optional()
      .openapi({ description: 'One entry per broken rule of a field' }),
    lastChange: z
      .object({ at: z.string(), by: z.string().nullable() })
      .optional()
      .openapi({ description: "412: when the thing was last changed and by whom (a person's name for signed-in people who may edit it; a token's name; null otherwise)" }),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;
