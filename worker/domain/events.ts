/**
 * The rules of events: what a valid event is, how an input becomes a stored
 * event, how an edit applies, when subscribers must be told of a change,
 * and how an event unfolds into occurrences. No HTTP, no SQL.
 */
import type { CancelReasons, Event, EventInput, EventOccurrence, EventPatch, EventStatus } from '../shared/events';
import type { Localized } from '../shared/text';
import { type EventRuleChecks, eventRuleIssues as sharedRuleIssues, timingOf as sharedTimingOf } from '../shared/event-rules';
import type { FieldIssue } from './errors';
import { ValidationError } from './errors';
import { mergePatch } from './patch';
import { rememberLast } from './remembered';
import { canonicalTimeZone } from './zones';
import { type Timing, checkExpandedTiming, occurrencesBetween, canonicalRule, checkSeries, seriesOf, firstOccurrence } from './recurrence';
import { seriesSpanOf } from './occurrence-index';
import { prepareDecisionSteps } from './clock';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, formatInstantInZone, formatOffsetDateTime, formatWallClock } from './time';

/** What the database stores for an event, apart from its id and bookkeeping. */
export type EventDraft = Omit<Event, 'id' | 'sequence' | 'createdAt' | 'updatedAt'> & {
  spanStart: string;
  spanEnd: string | null;
};

/** The slugs and ids that exist, to check an input's references against. */
export interface KnownReferences {
  eventTypes: ReadonlySet<string>;
  networks: ReadonlySet<string>;
  municipalities: ReadonlySet<string>;
  audiences: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
  clockItems: ReadonlySet<number>;
}

/**
 * Every rule the worker checks: the shared ones (worker/shared/event-rules.ts, which the browser checks as one
 * types), with zones by the IANA data the feeds' VTIMEZONEs come from and the rules that expand the recurrence.
 */
export const SERVER_CHECKS: EventRuleChecks = { timeZone: canonicalTimeZone, checkTiming: checkExpandedTiming };

function timingOf(input: EventInput): Timing {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  // Stored by its one name (US/Eastern is America/New_York), so that TZID and VTIMEZONE match.
  return sharedTimingOf(input, canonicalTimeZone(timeZone) ?? timeZone);
}

/**
 * The rules between fields of an input whose fields are each well formed:
 * time zone, start and end, recurrence, deadline, duplicates.
 */
export function eventRuleIssues(input: EventInput): FieldIssue[] {
  return sharedRuleIssues(input, SERVER_CHECKS);
}

/** References to things that do not exist, each named by its field. */
export function referenceIssues(input: EventInput, known: KnownReferences): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: string, value: string | null | undefined, set: ReadonlySet<string>, what: string) => {
    if (value && !set.has(value)) issues.push({ field, rule: 'exists', message: `\`${field}\`: there is no ${what} '${value}'` });
  };
  check('type', input.type, known.eventTypes, 'event type');
  check('location.municipality', input.location?.municipality, known.municipalities, 'municipality');
  input.organisations?.forEach((slug, i) => check(`organisations[${i}]`, slug, known.organisations, 'organisation'));
  input.networks?.forEach((slug, i) => check(`networks[${i}]`, slug, known.networks, 'network'));
  input.municipalities?.forEach((slug, i) => check(`municipalities[${i}]`, slug, known.municipalities, 'municipality'));
  input.audiences?.forEach((slug, i) => check(`audiences[${i}]`, slug, known.audiences, 'audience'));
  if (input.clockItem != null && !known.clockItems.has(input.clockItem)) {
    issues.push({ field: 'clockItem', rule: 'exists', message: `\`clockItem\`: there is no annual-clock item ${input.clockItem}` });
  }
  return issues;
}

const nullIfBlank = (value: string | null | undefined): string | null => (value == null || value.trim() === '' ? null : value.trim());

/**
 * The reasons a cancellation keeps: those given (a bare text is the Finnish
 * one), or the earlier ones when none is given: a second cancel without a
 * reason keeps the first one's.
 */
export function cancelReasonsOf(given: string | CancelReasons | null | undefined, earlier: Localized | null): Localized | null {
  const reasons = typeof given === 'string' || given == null ? { fi: given } : given;
  const fi = nullIfBlank(reasons.fi);
  return fi ? { fi, sv: nullIfBlank(reasons.sv), en: nullIfBlank(reasons.en) } : earlier;
}

/**
 * Turns a valid input into what is stored: canonical wall-clock texts, the
 * derived instants and span. `organisation` is the writer's organisation,
 * the default organiser. Throws ValidationError when the input breaks a rule.
 */
export function prepareEvent(input: EventInput, organisation: string, status: EventStatus, cancelReasons: Localized | null = null): EventDraft {
  const issues = eventRuleIssues(input);
  if (issues.length > 0) throw new ValidationError(issues);
  const timing = timingOf(input);
  const prepared = checkSeries(timing).series!;
  const first = firstOccurrence(prepared);
  const canonical = (local: Temporal.PlainDateTime) => (timing.allDay ? local.toPlainDate().toString() : formatWallClock(local));
  const endLocal = timing.allDay ? first.end.toPlainDateTime().subtract({ days: 1 }) : first.end.toPlainDateTime();
  const recurrence = timing.recurrence && {
    rrule: canonicalRule(timing.recurrence.rrule, timing),
    exceptions: [...prepared.exceptions.values()]
      .map((e) => ({ occurrence: e.occurrence, kind: e.kind, start: e.kind === 'moved' ? e.start ?? null : null, end: e.kind === 'moved' ? e.end ?? null : null, place: e.kind === 'moved' ? nullIfBlank(e.place) : null }))
      .sort((a, b) => a.occurrence.localeCompare(b.occurrence)),
  };
  // The canonical timing, as the stored event has it: its occurrences are worked out once for the span and the index.
  const span = seriesSpanOf({ timeZone: timing.timeZone, allDay: timing.allDay, start: canonical(prepared.start), end: canonical(endLocal), recurrence: recurrence || null })!;
  const location = input.location && { place: nullIfBlank(input.location.place), address: nullIfBlank(input.location.address), municipality: input.location.municipality ?? null };
  const contact = input.contact && { name: nullIfBlank(input.contact.name), email: nullIfBlank(input.contact.email), phone: nullIfBlank(input.contact.phone) };
  const registration = input.registration && { url: nullIfBlank(input.registration.url), deadline: nullIfBlank(input.registration.deadline) };
  return {
    status,
    title: { fi: input.title.fi.trim(), sv: nullIfBlank(input.title.sv), en: nullIfBlank(input.title.en) },
    description: { fi: input.description?.fi?.trim() ?? '', sv: nullIfBlank(input.description?.sv), en: nullIfBlank(input.description?.en) },
    type: input.type,
    timeZone: timing.timeZone,
    allDay: timing.allDay,
    start: canonical(prepared.start),
    end: canonical(endLocal),
    startsAt: formatInstant(first.start),
    endsAt: formatInstant(first.end),
    recurrence,
    location: location && (location.place || location.address || location.municipality) ? location : null,
    onlineUrl: nullIfBlank(input.onlineUrl),
    organisations: input.organisations ?? [organisation],
    contact: contact && (contact.name || contact.email || contact.phone) ? contact : null,
    networks: input.networks ?? [],
    municipalities: input.municipalities ?? [],
    audiences: input.audiences ?? [],
    languages: input.languages ?? ['fi'],
    registration: registration && (registration.url || registration.deadline) ? registration : null,
    materials: input.materials ?? [],
    clockItem: input.clockItem ?? null,
    decision: input.decision ? prepareDecisionSteps(input.decision) : null,
    cancelReason: status === 'cancelled' ? (cancelReasons?.fi ?? null) : null,
    cancelReasons: status === 'cancelled' ? cancelReasons : null,
    visibility: input.visibility ?? 'public',
    spanStart: span.start,
    spanEnd: span.end,
  };
}

/** The input that would recreate a stored event: the base an edit applies to. */
export function eventToInput(event: Event): EventInput {
  return {
    status: event.status === 'draft' ? 'draft' : 'published',
    title: event.title,
    description: event.description,
    type: event.type,
    timeZone: event.timeZone,
    allDay: event.allDay,
    start: event.start,
    end: event.end,
    recurrence: event.recurrence,
    location: event.location,
    onlineUrl: event.onlineUrl,
    organisations: event.organisations,
    contact: event.contact,
    networks: event.networks,
    municipalities: event.municipalities,
    audiences: event.audiences,
    languages: event.languages as EventInput['languages'],
    registration: event.registration,
    materials: event.materials as EventInput['materials'],
    clockItem: event.clockItem,
    decision: event.decision,
    visibility: event.visibility,
  };
}

/**
 * The whole input after an edit: given fields replace stored ones, null
 * clears an optional one. A published or cancelled event cannot become a
 * draft again: subscribers already have it.
 */
export function applyPatch(event: Event, patch: EventPatch): { input: EventInput; status: EventStatus } {
  const merged = mergePatch(eventToInput(event), patch);
  if (patch.status === 'draft' && event.status !== 'draft') {
    throw new ValidationError([{ field: 'status', rule: 'no-unpublish', message: '`status`: a published event cannot return to draft; cancel it instead' }]);
  }
  // A cancelled event stays cancelled unless the edit publishes it again.
  const status: EventStatus = patch.status ?? event.status;
  return { input: merged, status };
}

/**
 * SEQUENCE after a change: it grows when the time, the place or the status
 * changes, so that calendar clients replace their copy (RFC 5545 §3.8.7.4).
 */
export function nextSequence(before: Event, after: EventDraft): number {
  const when = (e: Pick<Event, 'timeZone' | 'allDay' | 'start' | 'end' | 'recurrence'>) => JSON.stringify([e.timeZone, e.allDay, e.start, e.end, e.recurrence]);
  const where = (e: Pick<Event, 'location' | 'onlineUrl'>) => JSON.stringify([e.location, e.onlineUrl]);
  const changed = when(before) !== when(after) || where(before) !== where(after) || before.status !== after.status;
  return changed ? before.sequence + 1 : before.sequence;
}

/**
 * The one occurrence of an event that does not recur, from its stored
 * instants: no rule, no Temporal objects. Lists are mostly such events,
 * and this is what keeps a month of them cheap.
 */
function singleOccurrence(event: Event, from: Temporal.Instant, to: Temporal.Instant): EventOccurrence[] {
  const startsAt = Date.parse(event.startsAt);
  const endsAt = Date.parse(event.endsAt);
  if (!(startsAt < to.epochMilliseconds && endsAt > from.epochMilliseconds)) return [];
  const status = event.status === 'cancelled' ? 'cancelled' : 'published';
  return [{
    ...event,
    occurrence: {
      recurrenceId: null,
      start: event.allDay ? event.start : formatInstantInZone(event.startsAt, event.timeZone),
      end: event.allDay ? event.end : formatInstantInZone(event.endsAt, event.timeZone),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      status,
      moved: false,
      place: null,
    },
  }];
}

type OccurrenceTexts = Omit<EventOccurrence['occurrence'], 'status'> & { cancelled: boolean; startsMs: number; endsMs: number };

function occurrenceTexts(timing: Timing, from: Temporal.Instant, to: Temporal.Instant): OccurrenceTexts[] {
  const prepared = seriesOf(timing);
  if (!prepared) return [];
  return occurrencesBetween(prepared, from, to).map((o) => ({
    recurrenceId: o.recurrenceId,
    start: timing.allDay ? o.start.toPlainDate().toString() : formatOffsetDateTime(o.start),
    end: timing.allDay ? o.end.toPlainDate().subtract({ days: 1 }).toString() : formatOffsetDateTime(o.end),
    startsAt: formatInstant(o.start),
    endsAt: formatInstant(o.end),
    cancelled: o.cancelled,
    moved: o.moved,
    place: o.place,
    startsMs: o.start.epochMilliseconds,
    endsMs: o.end.epochMilliseconds,
  }));
}

// Every occurrence of a finite series, by its timing: a list or a month view
// asks for the same series again and again, and expanding a rule is the
// costliest part of a list. Finite series have at most MAX_OCCURRENCES.
const expanded = rememberLast<OccurrenceTexts[]>(2_000);
const ALL_TIME = [Temporal.Instant.from('2000-01-01T00:00:00Z'), Temporal.Instant.from('2101-01-01T00:00:00Z')] as const;

function finiteSeriesTexts(timing: Timing): OccurrenceTexts[] | null {
  if (!/(^|;)(COUNT|UNTIL)=/.test(timing.recurrence?.rrule ?? '')) return null;
  return expanded(JSON.stringify(timing), () => occurrenceTexts(timing, ...ALL_TIME));
}

/** The occurrences of an event that overlap [from, to). */
export function eventOccurrences(event: Event, from: Temporal.Instant, to: Temporal.Instant): EventOccurrence[] {
  if (!event.recurrence) return singleOccurrence(event, from, to);
  const timing: Timing = { timeZone: event.timeZone, allDay: event.allDay, start: event.start, end: event.end, recurrence: event.recurrence };
  const remembered = finiteSeriesTexts(timing);
  const texts = remembered
    ? remembered.filter((o) => o.startsMs < to.epochMilliseconds && o.endsMs > from.epochMilliseconds)
    : occurrenceTexts(timing, from, to);
  return texts.map(({ cancelled, startsMs: _s, endsMs: _e, ...o }) => ({
    ...event,
    occurrence: { ...o, status: event.status === 'cancelled' || cancelled ? 'cancelled' : 'published' },
  }));
}
