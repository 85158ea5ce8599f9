/**
 * What an organiser writes of an event (EventFields, EventInput), which
 * the organiser's form checks as one types with the same rules as the
 * worker: the browser runs this module too, so it is written with what
 * zod/mini has (see ./zod.ts). The rules between fields are in
 * event-rules.ts; the rest of the events' schemas in events.ts.
 */
import { documented, z } from './zod';
import { type EventRuleChecks, eventRuleIssues } from './event-rules';
import { addFieldIssues } from './problems';
import { MAX_EXCEPTIONS, MAX_OCCURRENCES } from './recurrence';
import { HttpUrl, LocalizedDescription, LocalizedTitle, Slug, optionalText, requiredText } from './text';
import { DATE_TIME_PATTERN, DEFAULT_TIME_ZONE, LOCAL_DATE_TIME_PATTERN } from './time';

/** Languages an event may be held in: those of the UI, and Northern Sami. */
export const EVENT_LANGUAGES = ['fi', 'sv', 'en', 'se'] as const;

const DateOrDateTime = documented(
  z.string().check(z.refine((value) => DATE_TIME_PATTERN.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value), 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM')),
  { description: 'A date (all-day events) or a wall-clock date-time in the event time zone', example: '2025-10-02T09:00' },
);

export const RecurrenceException = documented(
  z.strictObject({
    occurrence: documented(
      z.string().check(z.refine((value) => LOCAL_DATE_TIME_PATTERN.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value), 'must be the wall-clock start of an occurrence')),
      { description: 'Start of the occurrence as the rule generates it (wall-clock, or a date for all-day events)' },
    ),
    kind: documented(z.enum(['removed', 'cancelled', 'moved']), { description: 'removed: left out (EXDATE); cancelled: kept and marked; moved: takes place at start–end' }),
    start: z.nullish(DateOrDateTime),
    end: z.nullish(DateOrDateTime),
    place: optionalText(300),
  }),
  'RecurrenceException',
);
export type RecurrenceException = z.infer<typeof RecurrenceException>;

export const Recurrence = documented(
  z.strictObject({
    rrule: documented(z.string().check(z.trim(), z.maxLength(500, 'must be at most 500 characters')), {
      description: `RFC 5545 RRULE (FREQ DAILY, WEEKLY, MONTHLY or YEARLY; at most ${MAX_OCCURRENCES} occurrences when finite)`,
      example: 'FREQ=MONTHLY;BYDAY=1TU',
    }),
    exceptions: z.optional(z.array(RecurrenceException).check(z.maxLength(MAX_EXCEPTIONS, `may list at most ${MAX_EXCEPTIONS} exceptions`))),
  }),
  'Recurrence',
);
export type Recurrence = z.infer<typeof Recurrence>;

export const Location = documented(z.strictObject({ place: optionalText(300), address: optionalText(300), municipality: z.nullish(Slug) }), 'Location');
export type Location = z.infer<typeof Location>;

export const Contact = documented(
  z.strictObject({
    name: optionalText(200),
    email: z.nullish(z.string().check(z.trim(), z.maxLength(254), z.email('must be an email address'))),
    phone: z.nullish(z.string().check(z.trim(), z.maxLength(40), z.regex(/^\+?[0-9 ()-]{5,40}$/, 'must be a phone number'))),
  }),
  'Contact',
);
export type Contact = z.infer<typeof Contact>;

export const Registration = documented(z.strictObject({ url: z.nullish(HttpUrl), deadline: z.nullish(DateOrDateTime) }), 'Registration', {
  description: 'Deadline as a wall-clock time in the event time zone',
});
export type Registration = z.infer<typeof Registration>;

export const Material = documented(
  z.strictObject({
    kind: z.enum(['slides', 'recording', 'document', 'link']),
    title: requiredText(300),
    url: HttpUrl,
  }),
  'Material',
);
export type Material = z.infer<typeof Material>;

/** Working days of a preparation step before its decision (a clock item's steps have the same bounds). */
export const MAX_WORKING_DAYS_BEFORE = 250;
export const MAX_DECISION_STEPS = 10;

/** The preparation steps of a decision, an event's or a clock item's: each so many working days before it. */
export const DecisionSteps = z
  .array(
    z.strictObject({
      title: LocalizedTitle,
      workingDaysBefore: documented(
        z.number().check(z.int('must be a whole number'), z.gte(1, `must be 1–${MAX_WORKING_DAYS_BEFORE}`), z.lte(MAX_WORKING_DAYS_BEFORE, `must be 1–${MAX_WORKING_DAYS_BEFORE}`)),
        { description: 'Working days before the decision (Finnish public holidays, weekends, Midsummer Eve and Christmas Eve do not count)', example: 10 },
      ),
    }),
  )
  .check(z.maxLength(MAX_DECISION_STEPS, `may list at most ${MAX_DECISION_STEPS} steps`));

export const EventDecision = documented(
  z.strictObject({
    title: LocalizedTitle,
    steps: z.optional(DecisionSteps),
  }),
  'EventDecision',
  { description: "A decision made at the event, on the day of each occurrence, and its preparation steps counted back from it; shown on the clock of the event's item and in /clock.ics" },
);
export type EventDecision = z.infer<typeof EventDecision>;

/** Every field an organiser may set; no cross-field rules (see EventInput). */
export const EventFields = z.strictObject({
  status: documented(z.optional(z.enum(['draft', 'published'])), { description: 'New events are drafts unless published; cancel with POST /api/events/{id}/cancel' }),
  title: LocalizedTitle,
  description: z.nullish(LocalizedDescription),
  type: documented(Slug, { description: 'Event type slug from /api/taxonomy', example: 'tyopaja' }),
  timeZone: documented(z.optional(z.string().check(z.maxLength(64))), {
    description: `IANA time zone of start and end (any case; an alias such as US/Eastern is stored by its current name, America/New_York; UTC offsets are refused); default ${DEFAULT_TIME_ZONE}`,
    example: DEFAULT_TIME_ZONE,
  }),
  allDay: z.optional(z.boolean()),
  start: documented(DateOrDateTime, { description: 'Wall-clock YYYY-MM-DDTHH:MM in timeZone (an instant with an offset is converted); YYYY-MM-DD when allDay', example: '2025-10-02T09:00' }),
  end: documented(DateOrDateTime, { description: 'As start; for all-day events the last day (inclusive)', example: '2025-10-02T15:30' }),
  recurrence: z.nullish(Recurrence),
  location: z.nullish(Location),
  onlineUrl: z.nullish(HttpUrl),
  organisations: documented(z.optional(z.array(Slug).check(z.minLength(1, 'must name at least one organisation'), z.maxLength(10, 'may name at most 10 organisations'))), {
    description: "Organiser organisations; default: the token's organisation",
  }),
  contact: z.nullish(Contact),
  networks: z.optional(z.array(Slug).check(z.maxLength(20, 'may name at most 20 networks'))),
  municipalities: z.optional(z.array(Slug).check(z.maxLength(30, 'may name at most 30 municipalities'))),
  audiences: z.optional(z.array(Slug).check(z.maxLength(20, 'may name at most 20 audiences'))),
  languages: documented(z.optional(z.array(z.enum(EVENT_LANGUAGES)).check(z.minLength(1, 'must name at least one language'), z.maxLength(4))), { description: 'Languages spoken at the event; default ["fi"]' }),
  registration: z.nullish(Registration),
  materials: z.optional(z.array(Material).check(z.maxLength(50, 'may list at most 50 materials'))),
  clockItem: documented(z.nullish(z.number().check(z.int(), z.positive())), { description: 'Annual-clock item the event realises' }),
  decision: z.nullish(EventDecision),
  visibility: documented(z.optional(z.enum(['public', 'members'])), { description: 'members: shown only to signed-in members and in personal feeds; default public' }),
});
export type EventFields = z.infer<typeof EventFields>;

/**
 * A new event, or the whole of an edited one, with the rules between fields
 * as `checks` can check them: by default those the browser checks as one
 * types; the worker's EventInput (worker/domain/event-input.ts) adds the
 * ones that need its libraries. Both are the one EventInput of the OpenAPI
 * document: the rules between fields are not part of it.
 */
export const eventInput = (checks?: EventRuleChecks) => documented(EventFields.check(z.superRefine((input, ctx) => addFieldIssues(ctx, eventRuleIssues(input, checks)))), 'EventInput');

/** EventInput with the rules the browser checks as one types. */
export const EventInput = eventInput();
// Inferred from the fields: the rules between them take an EventInput, and refinements change no type.
export type EventInput = z.infer<typeof EventFields>;
