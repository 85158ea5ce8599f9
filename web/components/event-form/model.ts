/**
 * The event form's state and its way to and from the API's EventInput:
 * dates and times as the native inputs hold them, recurrence in plain
 * words, and validation by the worker's own schema.
 */
import { EventInput } from '../../../worker/shared/event-fields';
import type { FieldIssue as ApiFieldIssue } from '../../../worker/shared/problems';
import { Temporal } from '../../../worker/shared/time';
import type { Event } from '../../api';
import { HELSINKI } from '../../intl';
import { type DecisionState, decisionInputOf, decisionStateOf } from '../decision-editor/model';

export { HELSINKI };
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface RecurrenceState {
  kind: 'none' | 'weekly' | 'monthly-weekday' | 'monthly-day' | 'custom';
  interval: string;
  weekdays: Weekday[];
  nth: '1' | '2' | '3' | '4' | '-1';
  weekday: Weekday;
  monthDay: string;
  ends: 'never' | 'until' | 'count';
  until: string;
  count: string;
  /** Dates (YYYY-MM-DD) on which the event is not held. */
  exceptions: string[];
  /** The rule as text, for rules the plain-words choices cannot say. */
  custom: string;
}

export interface MaterialState {
  kind: 'slides' | 'recording' | 'document' | 'link';
  title: string;
  url: string;
}

export interface FormState {
  status: 'draft' | 'published' | 'cancelled';
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
  type: string;
  timeZone: string;
  allDay: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  recurrence: RecurrenceState;
  place: string;
  address: string;
  municipality: string;
  onlineUrl: string;
  organisations: string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  networks: string[];
  municipalities: string[];
  audiences: string[];
  languages: string[];
  registrationUrl: string;
  registrationDeadline: string;
  materials: MaterialState[];
  clockItem: string;
  /** A decision made at the event (on the day of each occurrence), and its preparation steps. */
  decision: DecisionState;
  visibility: 'public' | 'members';
  /** Moved or cancelled occurrences the plain-words editor does not show; kept as they were. */
  otherExceptions: NonNullable<Event['recurrence']>['exceptions'];
}

const noRecurrence = (weekday: Weekday): RecurrenceState => ({ kind: 'none', interval: '1', weekdays: [weekday], nth: '1', weekday, monthDay: '1', ends: 'never', until: '', count: '10', exceptions: [], custom: '' });

export function weekdayOf(date: string): Weekday {
  try {
    return WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1]!;
  } catch {
    return 'MO';
  }
}

/** Today in Helsinki plus `days`, as YYYY-MM-DD. */
export function helsinkiDate(days = 0): string {
  return Temporal.Now.plainDateISO(HELSINKI).add({ days }).toString();
}

/** A new event: a week from today, 9–11 Finnish time, a draft of my first organisation. */
export function emptyForm(organisations: string[]): FormState {
  const day = helsinkiDate(7);
  return {
    status: 'draft',
    titleFi: '',
    titleSv: '',
    titleEn: '',
    descriptionFi: '',
    descriptionSv: '',
    descriptionEn: '',
    type: '',
    timeZone: HELSINKI,
    allDay: false,
    startDate: day,
    startTime: '09:00',
    endDate: day,
    endTime: '11:00',
    recurrence: noRecurrence(weekdayOf(day)),
    place: '',
    address: '',
    municipality: '',
    onlineUrl: '',
    organisations: organisations.slice(0, 1),
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    networks: [],
    municipalities: [],
    audiences: [],
    languages: ['fi'],
    registrationUrl: '',
    registrationDeadline: '',
    materials: [],
    clockItem: '',
    decision: decisionStateOf(null),
    visibility: 'public',
    otherExceptions: [],
  };
}

/** Reads a rule the plain-words choices can say; anything else stays as text ('custom'). */
export function recurrenceOf(rrule: string | null, exceptions: NonNullable<Event['recurrence']>['exceptions'], startDate: string): RecurrenceState {
  const base = noRecurrence(weekdayOf(startDate));
  if (!rrule) return base;
  const removed = exceptions.filter((e) => e.kind === 'removed').map((e) => e.occurrence.slice(0, 10));
  const parts = new Map(rrule.replace(/^RRULE:/i, '').split(';').map((part) => part.split('=') as [string, string]));
  const state: RecurrenceState = { ...base, exceptions: removed, custom: rrule, interval: parts.get('INTERVAL') ?? '1' };
  const until = parts.get('UNTIL');
  if (until) Object.assign(state, { ends: 'until', until: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` });
  const count = parts.get('COUNT');
  if (count) Object.assign(state, { ends: 'count', count });
  const known = new Set(['FREQ', 'INTERVAL', 'UNTIL', 'COUNT', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  const byday = parts.get('BYDAY');
  const monthDay = parts.get('BYMONTHDAY');
  const simple = [...parts.keys()].every((key) => known.has(key));
  const freq = parts.get('FREQ');
  if (simple && freq === 'WEEKLY' && !monthDay) {
    const days = (byday ?? base.weekday).split(',');
    if (days.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return { ...state, kind: 'weekly', weekdays: days as Weekday[] };
  }
  if (simple && freq === 'MONTHLY' && byday && !monthDay) {
    const match = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
    if (match) return { ...state, kind: 'monthly-weekday', nth: match[1] as RecurrenceState['nth'], weekday: match[2] as Weekday };
  }
  if (simple && freq === 'MONTHLY' && monthDay && !byday && /^\d{1,2}$/.test(monthDay)) return { ...state, kind: 'monthly-day', monthDay };
  return { ...state, kind: 'custom' };
}

/** The RRULE the plain-words choices say; null when the event does not recur. */
export function ruleOf(r: RecurrenceState): string | null {
  if (r.kind === 'none') return null;
  if (r.kind === 'custom') return r.custom.trim();
  const parts: string[] = [];
  if (r.kind === 'weekly') parts.push('FREQ=WEEKLY', `BYDAY=${WEEKDAYS.filter((d) => r.weekdays.includes(d)).join(',')}`);
  if (r.kind === 'monthly-weekday') parts.push('FREQ=MONTHLY', `BYDAY=${r.nth}${r.weekday}`);
  if (r.kind === 'monthly-day') parts.push('FREQ=MONTHLY', `BYMONTHDAY=${r.monthDay}`);
  const interval = Number(r.interval);
  if (Number.isInteger(interval) && interval > 1) parts.push(`INTERVAL=${interval}`);
  if (r.ends === 'until' && r.until) parts.push(`UNTIL=${r.until.replaceAll('-', '')}`);
  if (r.ends === 'count' && r.count) parts.push(`COUNT=${r.count}`);
  return parts.join(';');
}

export function formOfEvent(event: Event): FormState {
  const [startDate, startTime = '09:00'] = event.start.split('T') as [string, string?];
  const [endDate, endTime = '11:00'] = event.end.split('T') as [string, string?];
  const exceptions = event.recurrence?.exceptions ?? [];
  return {
    status: event.status,
    titleFi: event.title.fi,
    titleSv: event.title.sv ?? '',
    titleEn: event.title.en ?? '',
    descriptionFi: event.description.fi ?? '',
    descriptionSv: event.description.sv ?? '',
    descriptionEn: event.description.en ?? '',
    type: event.type,
    timeZone: event.timeZone,
    allDay: event.allDay,
    startDate,
    startTime: startTime.slice(0, 5),
    endDate,
    endTime: endTime.slice(0, 5),
    recurrence: recurrenceOf(event.recurrence?.rrule ?? null, exceptions, startDate),
    place: event.location?.place ?? '',
    address: event.location?.address ?? '',
    municipality: event.location?.municipality ?? '',
    onlineUrl: event.onlineUrl ?? '',
    organisations: event.organisations,
    contactName: event.contact?.name ?? '',
    contactEmail: event.contact?.email ?? '',
    contactPhone: event.contact?.phone ?? '',
    networks: event.networks,
    municipalities: event.municipalities,
    audiences: event.audiences,
    languages: event.languages,
    registrationUrl: event.registration?.url ?? '',
    registrationDeadline: event.registration?.deadline?.slice(0, 10) ?? '',
    materials: event.materials.map((material) => ({ kind: material.kind as MaterialState['kind'], title: material.title, url: material.url })),
    clockItem: event.clockItem ? String(event.clockItem) : '',
    decision: decisionStateOf(event.decision),
    visibility: event.visibility,
    otherExceptions: exceptions.filter((e) => e.kind !== 'removed'),
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The form as the API takes it; `status` is left out for a cancelled event, which stays cancelled. */
export function inputOfForm(form: FormState): EventInput {
  const rrule = ruleOf(form.recurrence);
  const occurrenceOf = (date: string) => (form.allDay ? date : `${date}T${form.startTime}`);
  const place = orNull(form.place);
  const address = orNull(form.address);
  const municipality = orNull(form.municipality);
  const contact = { name: orNull(form.contactName), email: orNull(form.contactEmail), phone: orNull(form.contactPhone) };
  const registration = { url: orNull(form.registrationUrl), deadline: orNull(form.registrationDeadline) };
  return {
    ...(form.status === 'cancelled' ? {} : { status: form.status }),
    title: { fi: form.titleFi, sv: orNull(form.titleSv), en: orNull(form.titleEn) },
    description: { fi: orNull(form.descriptionFi), sv: orNull(form.descriptionSv), en: orNull(form.descriptionEn) },
    type: form.type,
    timeZone: form.timeZone,
    allDay: form.allDay,
    start: form.allDay ? form.startDate : `${form.startDate}T${form.startTime}`,
    end: form.allDay ? form.endDate : `${form.endDate}T${form.endTime}`,
    recurrence:
      rrule === null
        ? null
        : { rrule, exceptions: [...form.recurrence.exceptions.filter(Boolean).map((date) => ({ occurrence: occurrenceOf(date), kind: 'removed' as const })), ...form.otherExceptions] },
    location: place || address || municipality ? { place, address, municipality } : null,
    onlineUrl: orNull(form.onlineUrl),
    organisations: form.organisations,
    contact: contact.name || contact.email || contact.phone ? contact : null,
    networks: form.networks,
    municipalities: form.municipalities,
    audiences: form.audiences,
    languages: form.languages as NonNullable<EventInput['languages']>,
    registration: registration.url || registration.deadline ? registration : null,
    materials: form.materials.map((material) => ({ ...material, title: material.title.trim(), url: material.url.trim() })),
    clockItem: form.clockItem ? Number(form.clockItem) : null,
    decision: decisionInputOf(form.decision),
    visibility: form.visibility,
  };
}

/** 'recurrence.exceptions[0]' and ['recurrence', 'exceptions', 0] both → 'recurrence.exceptions.0'. */
export function fieldKey(path: string | readonly PropertyKey[]): string {
  return typeof path === 'string' ? path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') : path.map(String).join('.');
}

/** A broken rule as the form shows it: the API's FieldIssue, named by the form's key ('recurrence.exceptions.0') instead of its field. */
export type FieldIssue = Omit<ApiFieldIssue, 'field'> & { key: string };

/** Every issue the worker would find in this input without looking at the database. */
export function validate(form: FormState): FieldIssue[] {
  const result = EventInput.safeParse(inputOfForm(form));
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const params = (issue as { params?: { rule?: string; values?: Record<string, string | number> } }).params;
    const { origin, minimum, maximum } = issue as { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
    // A number out of its bounds (working days before a decision) is said with the bound, as the server says it.
    if (!params?.rule && origin === 'number' && (issue.code === 'too_small' || issue.code === 'too_big')) {
      const values: Record<string, number> = issue.code === 'too_small' ? { min: Number(minimum) } : { max: Number(maximum) };
      return { key: fieldKey(issue.path), rule: issue.code === 'too_small' ? 'too-small' : 'too-big', message: issue.message, values };
    }
    const rule = params?.rule ?? (issue.code === 'too_small' ? (origin === 'array' ? 'min-items' : 'required') : issue.code === 'too_big' ? 'too-long' : issue.code);
    return { key: fieldKey(issue.path), rule, message: issue.message, ...(params?.values ? { values: params.values } : {}) };
  });
}

/** The instant of a wall-clock time in `timeZone`, or null when the date or time is not complete. */
export function instantOf(date: string, time: string, timeZone: string): Temporal.Instant | null {
  try {
    return Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone).toInstant();
  } catch {
    return null;
  }
}

/** Every date of the form moved by `days`; year numbers in titles follow the start's year. */
/** The start of a copy a year later that its rule still fits: a weekly series keeps its weekdays (52 weeks on), "the 3rd Tuesday" stays the 3rd Tuesday of that month. */
export function aYearLater(form: FormState): string {
  const start = Temporal.PlainDate.from(form.startDate);
  const r = form.recurrence;
  if (r.kind === 'weekly') return start.add({ weeks: 52 }).toString();
  if (r.kind !== 'monthly-weekday') return start.add({ years: 1 }).toString();
  const month = start.add({ years: 1 }).with({ day: 1 });
  const weekday = WEEKDAYS.indexOf(r.weekday) + 1;
  if (r.nth === '-1') {
    const last = month.with({ day: month.daysInMonth });
    return last.subtract({ days: (last.dayOfWeek - weekday + 7) % 7 }).toString();
  }
  return month.add({ days: (weekday - month.dayOfWeek + 7) % 7 + (Number(r.nth) - 1) * 7 }).toString();
}

/** The recurrence moved with its start: weekdays, the nth weekday and the day of the month follow the new start, so the rule still fits it. */
function recurrenceMovedTo(r: RecurrenceState, days: number, startDate: string): RecurrenceState {
  const start = Temporal.PlainDate.from(startDate);
  const shift = (((days % 7) + 7) % 7);
  const weekdays = r.weekdays.map((day) => WEEKDAYS[(WEEKDAYS.indexOf(day) + shift) % 7]!);
  // A 29th–31st is only ever the last such weekday of its month.
  const nth = start.day > 28 || (r.nth === '-1' && start.day + 7 > start.daysInMonth) ? '-1' : (String(Math.ceil(start.day / 7)) as RecurrenceState['nth']);
  return { ...r, weekdays, weekday: weekdayOf(startDate), nth: r.kind === 'monthly-weekday' ? nth : r.nth, monthDay: r.kind === 'monthly-day' ? String(start.day) : r.monthDay };
}

/** A date's own pattern: its weekday, which such weekday of its month it is (a 29th–31st only ever the last), its day. */
function patternOf(date: Temporal.PlainDate): Pick<RecurrenceState, 'weekday' | 'nth' | 'monthDay'> {
  const nth = date.day > 28 ? '-1' : (String(Math.ceil(date.day / 7)) as RecurrenceState['nth']);
  return { weekday: WEEKDAYS[date.dayOfWeek - 1]!, nth, monthDay: String(date.day) };
}

function plainDateOrNull(date: string): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from(date);
  } catch {
    return null;
  }
}

/**
 * A new start date. A rule's pattern that is not chosen yet, or that was the old start's own (its weekday, its "2nd
 * Tuesday", its day of the month), follows the new start, so that "weekly" means the start's weekday; a pattern the
 * organiser chose otherwise stays as chosen.
 */
export function withStartDate(form: FormState, startDate: string): FormState {
  const next = { ...form, startDate };
  const from = plainDateOrNull(form.startDate);
  const to = plainDateOrNull(startDate);
  if (!from || !to) return next;
  const r = form.recurrence;
  const old = patternOf(from);
  const now = patternOf(to);
  const inLastWeek = (date: Temporal.PlainDate) => date.day + 7 > date.daysInMonth;
  const follows =
    r.kind === 'none' ||
    (r.kind === 'weekly' && r.weekdays.length === 1 && r.weekdays[0] === old.weekday) ||
    (r.kind === 'monthly-weekday' && r.weekday === old.weekday && (r.nth === old.nth || (r.nth === '-1' && inLastWeek(from)))) ||
    (r.kind === 'monthly-day' && r.monthDay === old.monthDay);
  if (!follows) return next;
  const nth = r.kind === 'monthly-weekday' && r.nth === '-1' && inLastWeek(to) ? '-1' : now.nth;
  return { ...next, recurrence: { ...r, weekdays: [now.weekday], weekday: now.weekday, nth, monthDay: now.monthDay } };
}

export function shiftForm(form: FormState, days: number): FormState {
  const move = (date: string) => {
    if (!date) return date;
    try {
      return Temporal.PlainDate.from(date).add({ days }).toString();
    } catch {
      return date;
    }
  };
  const startDate = move(form.startDate);
  const fromYear = form.startDate.slice(0, 4);
  const toYear = startDate.slice(0, 4);
  const retitle = (text: string) => (fromYear !== toYear ? text.replaceAll(fromYear, toYear) : text);
  return {
    ...form,
    status: 'draft',
    titleFi: retitle(form.titleFi),
    titleSv: retitle(form.titleSv),
    titleEn: retitle(form.titleEn),
    startDate,
    endDate: move(form.endDate),
    registrationDeadline: move(form.registrationDeadline),
    recurrence: { ...recurrenceMovedTo(form.recurrence, days, startDate), until: move(form.recurrence.until), exceptions: form.recurrence.exceptions.map(move) },
    otherExceptions: [],
    materials: [],
  };
}

/** Days from one date to another (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'day' }).days;
}

/** The form as an event, for the preview of the public page. */
export function previewEvent(form: FormState, id: string, untitled: string): Event {
  const input = inputOfForm(form);
  const startsAt = form.allDay ? instantOf(form.startDate, '00:00', form.timeZone) : instantOf(form.startDate, form.startTime, form.timeZone);
  const endsAt = form.allDay ? instantOf(form.endDate, '23:59', form.timeZone) : instantOf(form.endDate, form.endTime, form.timeZone);
  const now = new Date().toISOString();
  return {
    id,
    status: form.status,
    title: { fi: input.title.fi.trim() || untitled, sv: input.title.sv ?? null, en: input.title.en ?? null },
    description: { fi: input.description?.fi ?? '', sv: input.description?.sv ?? null, en: input.description?.en ?? null },
    type: input.type,
    timeZone: form.timeZone,
    allDay: form.allDay,
    start: input.start,
    end: input.end,
    startsAt: startsAt?.toString() ?? now,
    endsAt: endsAt?.toString() ?? now,
    recurrence: input.recurrence ? { rrule: input.recurrence.rrule, exceptions: input.recurrence.exceptions ?? [] } : null,
    location: input.location ? { place: input.location.place ?? null, address: input.location.address ?? null, municipality: input.location.municipality ?? null } : null,
    onlineUrl: input.onlineUrl ?? null,
    organisations: input.organisations ?? [],
    contact: input.contact ? { name: input.contact.name ?? null, email: input.contact.email ?? null, phone: input.contact.phone ?? null } : null,
    networks: input.networks ?? [],
    municipalities: input.municipalities ?? [],
    audiences: input.audiences ?? [],
    languages: input.languages ?? [],
    registration: input.registration ? { url: input.registration.url ?? null, deadline: input.registration.deadline ?? null } : null,
    materials: input.materials ?? [],
    clockItem: input.clockItem ?? null,
    decision: input.decision ? { title: { fi: input.decision.title.fi, sv: input.decision.title.sv ?? null, en: input.decision.title.en ?? null }, steps: (input.decision.steps ?? []).map((step) => ({ title: { fi: step.title.fi, sv: step.title.sv ?? null, en: step.title.en ?? null }, workingDaysBefore: step.workingDaysBefore })) } : null,
    cancelReason: null,
    cancelReasons: null,
    visibility: form.visibility,
    sequence: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The fields of `mine` that differ from `base`, written over `theirs`: my edit re-applied on top of another version. */
export function reapply(base: FormState, mine: FormState, theirs: FormState): FormState {
  const merged: FormState = { ...theirs };
  for (const key of Object.keys(mine) as (keyof FormState)[]) {
    if (JSON.stringify(mine[key]) !== JSON.stringify(base[key])) (merged as unknown as Record<string, unknown>)[key] = mine[key];
  }
  return merged;
}
