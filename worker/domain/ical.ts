/**
 * Events as iCalendar (RFC 5545). The only module that knows iCalendar:
 * ical-generator writes the text (escaping, CRLF, folding at 75 octets
 * without splitting a UTF-8 character); this module decides what goes in.
 *
 * - Timed events carry DTSTART;TZID=… and the feed a matching VTIMEZONE, so
 *   every client shows the right local time in summer and in winter.
 * - A recurring event is one VEVENT with RRULE; removed occurrences are
 *   EXDATEs; moved and cancelled occurrences are RECURRENCE-ID overrides
 *   with the same UID and SEQUENCE (VALUE=DATE in an all-day series).
 * - A cancelled event stays, STATUS:CANCELLED and with a visible prefix,
 *   because some clients hide the status.
 */
import ical, { type ICalCalendar, type ICalEventData, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { sourceText } from '../shared/clock-sources';
import type { Plan } from './clock';
import type { Event } from '../shared/events';
import type { Language } from '../shared/languages';
import type { Localized } from '../shared/text';
import { MAX_OCCURRENCES, clockChangeAt, clockChangeOccurrences, exceptionalOccurrences, seriesOf } from './recurrence';
import { Temporal, parseDate, parseWallClock, zoned } from './time';
import { UTC, vtimezoneOf } from './zones';

/** Names of the terms an event refers to, by slug. */
export interface TermNames {
  eventTypes: ReadonlyMap<string, Localized>;
  networks: ReadonlyMap<string, Localized>;
  organisations: ReadonlyMap<string, Localized>;
  municipalities: ReadonlyMap<string, Localized>;
}

export interface CalendarOptions {
  /** X-WR-CALNAME, e.g. "Hytekello — Kulttuurihyvinvointiverkosto". */
  name: string;
  language: Language;
  /** Origin of links to event pages, e.g. "https://hytekello.pohde.fi". */
  origin: string;
  /** Right-hand side of every UID; must never change once subscribers exist. */
  uidDomain: string;
  names: TermNames;
  /** How a feed shows cancellations and reminders; the default when not given. */
  variant?: FeedVariant;
}

/** How a feed shows cancellations and whether it carries reminders (?cancelled=, ?alarm=). */
export interface FeedVariant {
  /**
   * status: STATUS:CANCELLED (the default; Google drops such events, Outlook
   * removes them, Apple strikes them through); mark: kept as a confirmed
   * free-time event titled "Peruttu: …", so that every client shows it;
   * hide: left out (a cancelled day of a series becomes an EXDATE).
   */
  cancelled: 'status' | 'mark' | 'hide';
  /** A display reminder this long before every event that is not cancelled, an RFC 5545 duration ('PT1H'); null for none. */
  alarm: string | null;
}

/** How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const REFRESH_SECONDS = 60 * 60;

const CALENDAR_TIME_ZONE = 'Europe/Helsinki';

const LABELS = {
  fi: { cancelled: 'Peruttu', reminder: 'Muistutus', online: 'Osallistu verkossa', registration: 'Ilmoittautuminen', deadline: 'viimeistään', organiser: 'Järjestäjä', contact: 'Yhteyshenkilö', materials: 'Materiaalit', page: 'Tapahtuman sivu', reason: 'Syy', at: 'klo', source: 'Lähde', decision: 'Päätös', before: 'työpäivää ennen päätöstä' },
  sv: { cancelled: 'Inställt', reminder: 'Påminnelse', online: 'Delta online', registration: 'Anmälan', deadline: 'senast', organiser: 'Arrangör', contact: 'Kontaktperson', materials: 'Material', page: 'Evenemangets sida', reason: 'Orsak', at: 'kl.', source: 'Källa', decision: 'Beslut', before: 'arbetsdagar före beslutet' },
  en: { cancelled: 'Cancelled', reminder: 'Reminder', online: 'Join online', registration: 'Registration', deadline: 'by', organiser: 'Organiser', contact: 'Contact', materials: 'Materials', page: 'Event page', reason: 'Reason', at: '', source: 'Source', decision: 'Decision', before: 'working days before the decision' },
} as const;

/** Text in the chosen language, Finnish when there is none. */
export function localized(text: Localized, language: Language): string {
  return text[language] ?? text.fi;
}

const nameOf = (names: ReadonlyMap<string, Localized>, slug: string, language: Language) => {
  const name = names.get(slug);
  return name ? localized(name, language) : slug;
};

/** '12.9.2025 klo 16.00' in fi/sv, '2025-09-12 16:00' in en: a wall-clock text of the event's zone. */
function formatLocal(text: string, timeZone: string, language: Language): string {
  const date = parseDate(text);
  const local = date ? null : parseWallClock(text, timeZone);
  const day = date ?? local?.toPlainDate();
  if (!day) return text;
  const time = local ? { hour: String(local.hour).padStart(2, '0'), minute: String(local.minute).padStart(2, '0') } : null;
  if (language === 'en') return `${day.toString()}${time ? ` ${time.hour}:${time.minute}` : ''}`;
  return `${day.day}.${day.month}.${day.year}${time ? ` ${LABELS[language].at} ${Number(time.hour)}.${time.minute}` : ''}`;
}

function eventPage(event: Event, options: CalendarOptions): string {
  return `${options.origin}/events/${event.id}`;
}

/** What clients otherwise drop goes into DESCRIPTION: links, registration, organiser, materials. */
function description(event: Event, options: CalendarOptions): string {
  const { language, names } = options;
  const label = LABELS[language];
  const parts: string[] = [];
  const reason = event.cancelReasons && localized(event.cancelReasons, language);
  if (event.status === 'cancelled') parts.push(`${label.cancelled.toUpperCase()}${reason ? `. ${label.reason}: ${reason}` : ''}`);
  const text = localized(event.description, language).trim();
  if (text) parts.push(text);
  const details: string[] = [];
  if (event.onlineUrl) details.push(`${label.online}: ${event.onlineUrl}`);
  if (event.registration) {
    const deadline = event.registration.deadline ? ` (${label.deadline} ${formatLocal(event.registration.deadline, event.timeZone, language)})` : '';
    details.push(`${label.registration}: ${event.registration.url ?? ''}${deadline}`.replace(': (', ' ('));
  }
  details.push(`${label.organiser}: ${event.organisations.map((slug) => nameOf(names.organisations, slug, language)).join(', ')}`);
  if (event.contact) {
    details.push(`${label.contact}: ${[event.contact.name, event.contact.email, event.contact.phone].filter(Boolean).join(', ')}`);
  }
  if (event.materials.length > 0) {
    details.push(`${label.materials}:`, ...event.materials.map((m) => `- ${m.title}: ${m.url}`));
  }
  details.push(`${label.page}: ${eventPage(event, options)}`);
  parts.push(details.join('\n'));
  return parts.join('\n\n');
}

function location(event: Event, place: string | null): string | null {
  if (place) return place;
  const parts = [event.location?.place, event.location?.address].filter(Boolean);
  if (parts.length > 0) return parts.join(', ');
  return event.onlineUrl;
}

function summary(event: Event, language: Language, cancelled: boolean): string {
  const title = localized(event.title, language);
  return cancelled ? `${LABELS[language].cancelled}: ${title}` : title;
}

/** 'YYYYMMDD' or 'YYYYMMDDTHHMMSS' of a wall-clock time. */
function compact(local: Temporal.PlainDateTime, allDay: boolean): string {
  const text = local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
  return allDay ? text.slice(0, 8) : text;
}

/** The fields every VEVENT of an event shares. */
function common(event: Event, options: CalendarOptions): Omit<ICalEventData, 'start'> {
  // UTC stamps as Date: ical-generator writes them with plain getUTC…(),
  // where a Temporal value goes through time-zone conversions (feeds write thousands).
  const updated = new Date(event.updatedAt);
  return {
    id: `${event.id}@${options.uidDomain}`,
    sequence: event.sequence,
    stamp: updated,
    lastModified: updated,
    created: new Date(event.createdAt),
    description: description(event, options),
    url: eventPage(event, options),
    categories: [event.type && nameOf(options.names.eventTypes, event.type, options.language), ...event.networks.map((slug) => nameOf(options.names.networks, slug, options.language))].map((name) => ({ name })),
    organizer: event.contact?.email
      ? { name: event.contact.name ?? nameOf(options.names.organisations, event.organisations[0] ?? '', options.language), email: event.contact.email }
      : null,
  };
}

/**
 * Adds an event's VEVENTs. Returns replacements to make in their text
 * (first match each), for what ical-generator cannot write: a skipped
 * wall-clock time as such (it writes the time a skipped one is read as).
 */
function addEvent(calendar: ICalCalendar, event: Event, options: CalendarOptions): [string, string][] {
  const s = seriesOf({ timeZone: event.timeZone, allDay: event.allDay, start: event.start, end: event.end, recurrence: event.recurrence });
  if (!s) return [];
  const cancelled = event.status === 'cancelled';
  const base = common(event, options);
  const fixes: [string, string][] = [];
  const zone = event.timeZone;
  const localLine = (name: string, local: Temporal.PlainDateTime) => `${name};TZID=${zone}:${compact(local, false)}\r\n`;
  const utcText = (at: Temporal.ZonedDateTime) => `${compact(at.toInstant().toZonedDateTimeISO('UTC').toPlainDateTime(), false)}Z`;
  // Clients read a wall-clock time shown twice as the second (RFC 5545: the first); such a time is written in UTC.
  const repeated = (local: Temporal.PlainDateTime) => clockChangeAt(local, zone) === 'repeated';
  const when = (start: Temporal.PlainDateTime, end: Temporal.PlainDateTime, series = false) =>
    event.allDay
      ? { allDay: true, start: start.toPlainDate(), end: end.toPlainDate() }
      : !series && (repeated(start) || repeated(end))
        ? { start: new Date(zoned(start, zone).epochMilliseconds), end: new Date(zoned(end, zone).epochMilliseconds) }
        : { timezone: zone, start: zoned(start, zone), end: zoned(end, zone) };
  const first = s.start;
  const firstEnd = first.add(s.length);

  // Occurrences at or across a change of the clocks: clients disagree on them, so they are spelt out,
  // as overrides (a skipped start, an occurrence across a change) or EXDATE and RDATE (a start shown twice).
  const changed = clockChangeOccurrences(s);
  const overrides = [...exceptionalOccurrences(s), ...changed.skipped, ...changed.across];
  const exdates = [
    ...(event.recurrence?.exceptions.filter((e) => e.kind === 'removed') ?? []).map((e) => e.occurrence),
    ...changed.repeated.map((o) => o.recurrenceId!),
  ].sort();
  const exdateLine =
    exdates.length === 0
      ? ''
      : event.allDay
        ? `\nEXDATE;VALUE=DATE:${exdates.map((e) => compact(parseDate(e)!.toPlainDateTime(), true)).join(',')}`
        : zone === UTC
          ? `\nEXDATE:${exdates.map((e) => `${compact(parseWallClock(e, zone)!, false)}Z`).join(',')}`
          : `\nEXDATE;TZID=${zone}:${exdates.map((e) => compact(parseWallClock(e, zone)!, false)).join(',')}`;
  const rdateLine = changed.repeated.length === 0 ? '' : `\nRDATE:${changed.repeated.map((o) => utcText(o.start)).join(',')}`;
  // node-ical leaves a skipped start out without counting it: a COUNT would give it one more at the end.
  const rrule =
    event.recurrence && changed.skipped.length > 0 && /(^|;)COUNT=/.test(event.recurrence.rrule)
      ? event.recurrence.rrule.replace(/(^|;)COUNT=\d+/, `$1UNTIL=${utcText(zoned(lastStart(s), zone))}`)
      : event.recurrence?.rrule;

  calendar.createEvent({
    ...base,
    ...when(first, firstEnd, Boolean(event.recurrence)),
    summary: summary(event, options.language, cancelled),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    location: location(event, null),
    repeating: event.recurrence ? `RRULE:${rrule}${exdateLine}${rdateLine}` : null,
  });
  if (event.recurrence && !event.allDay) {
    // A series starts at its own time of day, skipped or not; an end shown twice is written in UTC.
    if (clockChangeAt(first, zone) === 'skipped') fixes.push([localLine('DTSTART', zoned(first, zone).toPlainDateTime()), localLine('DTSTART', first)]);
    if (repeated(firstEnd)) fixes.push([localLine('DTEND', firstEnd), `DTEND:${utcText(zoned(firstEnd, zone))}\r\n`]);
  }

  for (const o of overrides) {
    const isCancelled = cancelled || o.cancelled;
    const fields = {
      ...when(o.start.toPlainDateTime(), o.end.toPlainDateTime()),
      summary: summary(event, options.language, isCancelled),
      status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: location(event, o.place),
    };
    // ical-generator writes RECURRENCE-ID only as a date-time; an all-day
    // series' day goes in as UTC midnight and becomes VALUE=DATE in
    // eventComponents(), so that it overrides that day of the same UID.
    const local = event.allDay ? null : parseWallClock(o.recurrenceId!, zone)!;
    const recurrenceId = local ? zoned(local, zone) : new Date(`${o.recurrenceId}T00:00:00Z`);
    calendar.createEvent({ ...base, ...fields, recurrenceId });
    if (local && clockChangeAt(local, zone) === 'skipped') fixes.push([localLine('RECURRENCE-ID', zoned(local, zone).toPlainDateTime()), localLine('RECURRENCE-ID', local)]);
  }
  return fixes;
}

/** The date-time form of an all-day override's RECURRENCE-ID (UTC midnight), and its date form. */
const ALL_DAY_RECURRENCE_ID = /^RECURRENCE-ID:(\d{8})T000000Z$/gm;
const allDayRecurrenceIds = (text: string) => text.replace(ALL_DAY_RECURRENCE_ID, 'RECURRENCE-ID;VALUE=DATE:$1');

/** The wall-clock start of a finite series' last occurrence. */
function lastStart(s: NonNullable<ReturnType<typeof seriesOf>>): Temporal.PlainDateTime {
  const starts = s.rule!.all((index) => index < MAX_OCCURRENCES);
  return starts[starts.length - 1] ?? s.start;
}

/**
 * A TEXT value as RFC 5545 3.3.11 writes it. ical-generator escapes the
 * texts of events but writes the calendar's name (NAME, X-WR-CALNAME) as
 * given, and a feed of two filters is named "…, …".
 */
const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, '\\n');

function newCalendar(name: string | null): ICalCalendar {
  return ical({
    name: name === null ? null : escapeText(name),
    prodId: { company: 'Hytekello', product: 'Hytekello', language: 'FI' },
    // No METHOD: a feed is a calendar, not an iTIP message. METHOD:PUBLISH
    // would require an ORGANIZER in every VEVENT (RFC 5546 3.2.1), which an
    // event without a contact address has not, and a METHOD in the body
    // asks for the same method in the Content-Type (RFC 5545 3.7.2).
    // Clients treat a calendar without METHOD as published.
    // No calendar-wide zone: ical-generator would then write DTSTAMP,
    // CREATED and LAST-MODIFIED in local time, which RFC 5545 forbids (they
    // must be UTC). Events name their own TZID; calendarOf() adds the
    // VTIMEZONEs and X-WR-TIMEZONE.
    ttl: REFRESH_SECONDS,
  });
}

const END_CALENDAR = 'END:VCALENDAR\r\n';

/**
 * The VEVENT text of one event (with its overrides), CRLF-terminated. A
 * feed is the concatenation of these, so they can be kept per event and
 * only changed events need to be written again.
 */
export function eventComponents(event: Event, options: CalendarOptions): string {
  const calendar = newCalendar(null);
  const fixes = addEvent(calendar, event, options);
  let text = calendar.toString();
  for (const [from, to] of fixes) text = text.replace(from, to);
  const begin = text.indexOf('BEGIN:VEVENT');
  const end = text.lastIndexOf('END:VEVENT') + 'END:VEVENT'.length;
  if (begin < 0) return '';
  const components = `${text.slice(begin, end)}\r\n`;
  return event.allDay ? allDayRecurrenceIds(components) : components;
}

/** A content line of ASCII text folded at 75 octets (RFC 5545 3.1), CRLF-terminated. */
function foldAscii(line: string): string {
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(` ${line.slice(i, i + 74)}`);
  return `${parts.join('\r\n')}\r\n`;
}

/**
 * An event's VEVENT text (as eventComponents() wrote it, the default
 * variant) as a feed of another variant shows it. Feeds keep one text per
 * event and language and derive the variants from it line by line, so a
 * variant costs no more to build than the default: the lines touched
 * (STATUS, RECURRENCE-ID, END:VEVENT) are whole lines, and no text value
 * can be one, because every value follows its property's name and folded
 * lines begin with a space.
 */
export function eventVariant(text: string, variant: FeedVariant, language: Language): string {
  if (variant.cancelled === 'status' && variant.alarm === null) return text;
  const alarm = variant.alarm
    ? `BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-${variant.alarm}\r\nDESCRIPTION:${LABELS[language].reminder}\r\nEND:VALARM\r\n`
    : '';
  // A whole END:VEVENT line: a title "END:VEVENT" ends its SUMMARY line with the same characters.
  const blocks = text.split(/(?<=\r\nEND:VEVENT\r\n)/).filter(Boolean);
  const exdates: string[] = [];
  const shown: { properties: string; alarm: string }[] = [];
  for (const block of blocks) {
    const lines = block.slice(0, -'END:VEVENT\r\n'.length).split('\r\n');
    const cancelled = lines.includes('STATUS:CANCELLED');
    const at = lines.findIndex((line) => line.startsWith('RECURRENCE-ID'));
    if (cancelled && variant.cancelled === 'hide') {
      // The whole event cancelled: its series (the first block) and every day go.
      if (at < 0) return '';
      let recurrenceId = lines[at]!;
      for (let next = at + 1; lines[next]?.startsWith(' '); next++) recurrenceId += lines[next]!.slice(1);
      exdates.push(`EXDATE${recurrenceId.slice('RECURRENCE-ID'.length)}`);
      continue;
    }
    const status = cancelled && variant.cancelled === 'mark' ? ['STATUS:CONFIRMED', 'TRANSP:TRANSPARENT'] : null;
    const body = status ? lines.flatMap((line) => (line === 'STATUS:CANCELLED' ? status : [line])) : lines;
    shown.push({ properties: body.join('\r\n'), alarm: cancelled ? '' : alarm });
  }
  // The series is the first block; cancelled days left out become its EXDATEs (properties come before any VALARM).
  if (exdates.length > 0 && shown[0]) shown[0].properties += exdates.map(foldAscii).join('');
  return shown.map((block) => `${block.properties}${block.alarm}END:VEVENT\r\n`).join('');
}

/**
 * What a feed has around its events: the calendar properties (all before
 * any component, X-WR-TIMEZONE among them) and a VTIMEZONE for every zone
 * used; then the end. A feed is head + VEVENT texts + tail.
 */
export function calendarFrame(name: string | null, zonesUsed: Iterable<string>): { head: string; tail: string } {
  const header = newCalendar(name).toString().replace(/END:VCALENDAR(\r\n)?$/, '');
  const parts = [header, `X-WR-TIMEZONE:${CALENDAR_TIME_ZONE}\r\n`];
  // Zones are stored by their one name, so one VTIMEZONE per zone, its TZID the events' TZID.
  for (const zone of new Set([CALENDAR_TIME_ZONE, ...zonesUsed])) {
    const block = vtimezoneOf(zone);
    if (block) parts.push(`${block.trim()}\r\n`);
  }
  return { head: parts.join(''), tail: END_CALENDAR };
}

/** The zones of an event's times (all-day events have none). */
export const zonesOf = (events: readonly Pick<Event, 'allDay' | 'timeZone'>[]) => events.filter((e) => !e.allDay).map((e) => e.timeZone);

/** A calendar of events, in the given order, with a CRLF after the last line too. */
export function calendarOf(events: readonly Event[], options: CalendarOptions): string {
  const { head, tail } = calendarFrame(options.name, zonesOf(events));
  const variant = options.variant ?? { cancelled: 'status', alarm: null };
  return head + events.map((event) => eventVariant(eventComponents(event, options), variant, options.language)).join('') + tail;
}

export interface ClockOccurrence {
  itemId: number;
  title: Localized;
  description: Localized;
  ring: string | null;
  source: string | null;
  links: { title: string; url: string }[];
  /** First and last day, inclusive. */
  start: string;
  end: string;
  /** When the item was last changed (DTSTAMP, LAST-MODIFIED): changes of other items or of events leave it. */
  changedAt: string;
  /** The decision of this occurrence and its preparation steps, each a day of its own in the calendar. */
  plan: Plan | null;
}

/** The decision of one occurrence of an event that realises a clock item, and its steps. */
export interface ClockEventPlan {
  eventId: string;
  /** The event's title. */
  title: Localized;
  /** The ring of the event's item. */
  ring: string | null;
  /** When the event was last written. */
  changedAt: string;
  plan: Plan;
}

type ClockCalendarOptions = Omit<CalendarOptions, 'names' | 'variant'> & { ringNames: ReadonlyMap<string, Localized> };

/** A decision and each of its steps as an all-day event of its own, named `<uid>-decision`, `<uid>-step-<n>`. */
function planDays(
  calendar: ReturnType<typeof newCalendar>,
  entry: { uid: string; plan: Plan; of: string; ring: Localized | undefined; changedAt: string; url?: string },
  options: ClockCalendarOptions,
): void {
  const labels = LABELS[options.language];
  const { plan } = entry;
  const decision = localized(plan.decision.title, options.language);
  const days = [
    { key: 'decision', date: plan.decision.date, summary: `${labels.decision}: ${decision}`, description: entry.of },
    ...plan.steps.map((step, index) => ({
      key: `step-${index}`,
      date: step.date,
      summary: `${localized(step.title, options.language)}: ${decision}`,
      description: `${step.workingDaysBefore} ${labels.before} (${plan.decision.date})\n\n${entry.of}`,
    })),
  ];
  for (const day of days) {
    calendar.createEvent({
      // Per occurrence and step, so that a step whose date moves stays one event.
      id: `${entry.uid}-${day.key}@${options.uidDomain}`,
      allDay: true,
      start: Temporal.PlainDate.from(day.date),
      end: Temporal.PlainDate.from(day.date).add({ days: 1 }),
      summary: day.summary,
      description: day.description,
      categories: entry.ring ? [{ name: localized(entry.ring, options.language) }] : [],
      url: entry.url ?? `${options.origin}/clock`,
      stamp: new Date(entry.changedAt),
      lastModified: new Date(entry.changedAt),
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
}

/**
 * The annual clock as a calendar: every occurrence of an item is an all-day
 * event (deadlines and seasons, not meetings), so members can subscribe to them.
 */
export function clockCalendarOf(occurrences: readonly ClockOccurrence[], options: ClockCalendarOptions, eventPlans: readonly ClockEventPlan[] = []): string {
  const calendar = newCalendar(null);
  for (const o of occurrences) {
    const text = localized(o.description, options.language).trim();
    const details = [text, o.source ? `${LABELS[options.language].source}: ${sourceText(o.source, options.language)}` : '', ...o.links.map((link) => `${link.title}: ${link.url}`)].filter(Boolean);
    const ring = o.ring ? options.ringNames.get(o.ring) : undefined;
    calendar.createEvent({
      id: `clock-${o.itemId}-${o.start}@${options.uidDomain}`,
      allDay: true,
      start: Temporal.PlainDate.from(o.start),
      end: Temporal.PlainDate.from(o.end).add({ days: 1 }),
      summary: localized(o.title, options.language),
      description: details.join('\n\n') || null,
      categories: ring ? [{ name: localized(ring, options.language) }] : [],
      url: `${options.origin}/clock`,
      stamp: new Date(o.changedAt),
      lastModified: new Date(o.changedAt),
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    if (o.plan) planDays(calendar, { uid: `clock-${o.itemId}-${o.start}`, plan: o.plan, of: localized(o.title, options.language), ring, changedAt: o.changedAt }, options);
  }
  for (const e of eventPlans) {
    const ring = e.ring ? options.ringNames.get(e.ring) : undefined;
    // The decision's date is the occurrence's: one UID per occurrence and step.
    planDays(calendar, { uid: `clock-event-${e.eventId}-${e.plan.decision.date}`, plan: e.plan, of: localized(e.title, options.language), ring, changedAt: e.changedAt, url: `${options.origin}/events/${encodeURIComponent(e.eventId)}` }, options);
  }
  const text = calendar.toString();
  const body = text.slice(text.indexOf('BEGIN:VEVENT'), text.lastIndexOf('END:VCALENDAR'));
  const header = newCalendar(options.name).toString().replace(/END:VCALENDAR(\r\n)?$/, '');
  return `${header}X-WR-TIMEZONE:${CALENDAR_TIME_ZONE}\r\n${occurrences.length + eventPlans.length > 0 ? body : ''}${END_CALENDAR}`;
}

/** Calendar name of a feed: "Hytekello — <what it holds>". */
export function calendarName(selected: readonly string[], language: Language): string {
  const everything = { fi: 'kaikki tapahtumat', sv: 'alla evenemang', en: 'all events' }[language];
  return `Hytekello — ${selected.length > 0 ? selected.join(', ') : everything}`;
}
