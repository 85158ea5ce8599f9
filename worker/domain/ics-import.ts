/**
 * Reading other calendars: an iCalendar text (Outlook, Google, Apple, an
 * organisation's own site) becomes Hytekello timings and texts, one per
 * UID, or a reason why it cannot. ical.js does the parsing (line folding,
 * escapes, parameters); the rules of time zones, series and exceptions are
 * here. No HTTP, no SQL.
 */
import ICAL from 'ical.js';
import type { RecurrenceException } from './recurrence';
import { MAX_EXCEPTIONS } from './recurrence';
import { ruleSyntaxProblem } from './recurrence';
import { DEFAULT_TIME_ZONE, Temporal, formatWallClock } from './time';
import { windowsZone } from './windows-zones';
import { UTC, canonicalTimeZone } from './zones';

/** One event of the source, in Hytekello's terms; the mapping adds type, networks and organiser. */
export interface SourceEvent {
  /** The source's UID; for an instance without its series, UID and RECURRENCE-ID. */
  uid: string;
  /** The source's SEQUENCE, for information. */
  sequence: number;
  title: string;
  description: string;
  place: string | null;
  onlineUrl: string | null;
  timeZone: string;
  allDay: boolean;
  /** Wall-clock 'YYYY-MM-DDTHH:MM' in timeZone, or a date when allDay. */
  start: string;
  /** As start; the last day (inclusive) when allDay. */
  end: string;
  recurrence: { rrule: string; exceptions: RecurrenceException[] } | null;
  cancelled: boolean;
}

/** A VEVENT that Hytekello cannot represent, and why. */
export interface UnparseableEvent {
  uid: string | null;
  title: string | null;
  reason: string;
}

export interface ParsedCalendar {
  events: SourceEvent[];
  unparseable: UnparseableEvent[];
}

/** At most this many VEVENTs are read from one calendar. */
export const MAX_SOURCE_EVENTS = 1000;

class Unrepresentable extends Error {}

const fail = (reason: string): never => {
  throw new Unrepresentable(reason);
};

/** The name Hytekello keeps for an IANA zone (aliases and case mapped as for the API), or null when the name is none. */
export function ianaZone(name: string): string | null {
  return canonicalTimeZone(name);
}

const REGIONS = ['Europe', 'America', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian'];

/**
 * The IANA zone a TZID names: an IANA name as such; a Windows name
 * (Outlook); an IANA name at the end of a path ("/mozilla.org/…/Europe/Helsinki");
 * a city named in a label ("(UTC+02:00) Helsinki, Kyiv, …"). Null when none.
 */
export function zoneOfTzid(tzid: string): string | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (!name) return null;
  const direct = ianaZone(name);
  if (direct) return direct;
  if (/^Z$/i.test(name)) return UTC;
  const windows = ianaZone(windowsZone(name) ?? '');
  if (windows) return windows;
  const segments = name.split('/').filter(Boolean);
  for (let take = Math.min(3, segments.length); take >= 2; take--) {
    const candidate = segments.slice(-take).join('/');
    if (REGIONS.some((region) => candidate.startsWith(`${region}/`))) {
      const zone = ianaZone(candidate);
      if (zone) return zone;
    }
  }
  for (const word of name.match(/\p{L}[\p{L}_]+/gu) ?? []) {
    if (/^(standard|daylight|time|summer|winter|zone|utc|gmt)$/i.test(word)) continue;
    for (const region of REGIONS) {
      const zone = ianaZone(`${region}/${word[0]!.toUpperCase()}${word.slice(1)}`);
      if (zone) return zone;
    }
  }
  return null;
}

// Zones whose offsets a custom VTIMEZONE is compared with, most likely first.
const OFFSET_CANDIDATES = ['Europe/Helsinki', 'Europe/Stockholm', 'Europe/London', 'UTC', 'Europe/Moscow', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

/**
 * How the times of one TZID become instants: an IANA zone, or the rules of
 * a VTIMEZONE that no IANA zone matches.
 */
type ZoneRule = { kind: 'iana'; zone: string } | { kind: 'vtimezone'; timezone: ICAL.Timezone };

function utcOffsetSeconds(timezone: ICAL.Timezone, local: Temporal.PlainDateTime): number {
  const time = ICAL.Time.fromData({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second, isDate: false });
  return timezone.utcOffset(time);
}

/** An IANA zone whose offsets agree with a VTIMEZONE's in winter and summer of these years. */
function zoneWithSameOffsets(timezone: ICAL.Timezone, years: number[]): string | null {
  const probes = years.flatMap((year) => [1, 4, 7, 10].map((month) => new Temporal.PlainDateTime(year, month, 15, 12, 0)));
  return (
    OFFSET_CANDIDATES.find((zone) =>
      probes.every((probe) => {
        const iana = probe.toZonedDateTime(zone).offsetNanoseconds / 1e9;
        return iana === utcOffsetSeconds(timezone, probe);
      }),
    ) ?? null
  );
}

function zoneRules(calendar: ICAL.Component): Map<string, ZoneRule> {
  const rules = new Map<string, ZoneRule>();
  const thisYear = Temporal.Now.plainDateISO().year;
  for (const component of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = String(component.getFirstPropertyValue('tzid') ?? '');
    if (!tzid) continue;
    const named = zoneOfTzid(tzid);
    if (named) {
      rules.set(tzid, { kind: 'iana', zone: named });
      continue;
    }
    let timezone: ICAL.Timezone;
    try {
      timezone = new ICAL.Timezone(component);
    } catch {
      continue;
    }
    const matched = zoneWithSameOffsets(timezone, [thisYear - 1, thisYear, thisYear + 1]);
    rules.set(tzid, matched ? { kind: 'iana', zone: matched } : { kind: 'vtimezone', timezone });
  }
  return rules;
}

/** A DATE or DATE-TIME value as written: its text, whether it is a date, its TZID, whether UTC. */
interface RawTime {
  date: boolean;
  local: Temporal.PlainDateTime;
  utc: boolean;
  tzid: string | null;
}

function rawTimes(property: ICAL.Property): RawTime[] {
  const tzid = property.getParameter('tzid');
  const type = property.type;
  if (type !== 'date' && type !== 'date-time') fail(`${property.name.toUpperCase()} has a ${type} value; a date or date-time is needed`);
  return property.jCal.slice(3).map((value) => {
    const text = String(value);
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/.exec(text);
    if (!match) return fail(`${property.name.toUpperCase()} '${text}' is not a date or date-time`);
    const [, y, mo, d, h, mi, s, z] = match;
    let local: Temporal.PlainDateTime;
    try {
      local = Temporal.PlainDateTime.from({ year: +y!, month: +mo!, day: +d!, hour: +(h ?? 0), minute: +(mi ?? 0), second: Math.min(+(s ?? 0), 59) }, { overflow: 'reject' });
    } catch {
      return fail(`${property.name.toUpperCase()} '${text}' is not a real date`);
    }
    return { date: type === 'date' || h === undefined, local, utc: z === 'Z', tzid: Array.isArray(tzid) ? (tzid[0] ?? null) : (tzid ?? null) };
  });
}

/** The context a calendar's times are read in. */
interface Reading {
  rules: Map<string, ZoneRule>;
  /** X-WR-TIMEZONE (Google) when it names a zone; otherwise Europe/Helsinki. */
  calendarZone: string;
}

/** The zone a time's TZID names; null for floating and UTC times and for VTIMEZONE-only rules. */
function namedZone(raw: RawTime, reading: Reading): string | null {
  if (raw.utc || raw.tzid === null) return null;
  const rule = reading.rules.get(raw.tzid);
  if (rule) return rule.kind === 'iana' ? rule.zone : null;
  return zoneOfTzid(raw.tzid) ?? fail(`time zone '${raw.tzid}' is unknown and the calendar does not define it (VTIMEZONE)`);
}

/** The instant of a date-time value. */
function instantOf(raw: RawTime, reading: Reading): Temporal.Instant {
  if (raw.utc) return raw.local.toZonedDateTime('UTC').toInstant();
  if (raw.tzid === null) return raw.local.toZonedDateTime(DEFAULT_TIME_ZONE, { disambiguation: 'compatible' }).toInstant();
  const rule = reading.rules.get(raw.tzid);
  if (rule?.kind === 'vtimezone') {
    const offset = utcOffsetSeconds(rule.timezone, raw.local);
    return raw.local.toZonedDateTime('UTC').toInstant().subtract({ seconds: offset });
  }
  return raw.local.toZonedDateTime(namedZone(raw, reading)!, { disambiguation: 'compatible' }).toInstant();
}

/** The wall-clock time of a value in the event's zone. */
function wallClockIn(raw: RawTime, zone: string, reading: Reading): Temporal.PlainDateTime {
  if (raw.date) return raw.local;
  if (!raw.utc && (namedZone(raw, reading) ?? (raw.tzid === null ? DEFAULT_TIME_ZONE : null)) === zone) return raw.local;
  return instantOf(raw, reading).toZonedDateTimeISO(zone).toPlainDateTime();
}

/**
 * The zone an event is kept in: the zone its DTSTART names. A UTC start
 * is shown in the calendar's zone, except in a series: its rule counts in
 * UTC, so the series stays in UTC to keep every occurrence's instant.
 * Floating times, and VTIMEZONEs that match no IANA zone, are Helsinki time.
 */
function eventZone(start: RawTime, recurring: boolean, reading: Reading): string {
  if (start.date) return reading.calendarZone;
  if (start.utc) return recurring ? 'UTC' : reading.calendarZone;
  return namedZone(start, reading) ?? DEFAULT_TIME_ZONE;
}

const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// What other programs write for a line break: NEXT LINE (old conversions), LINE SEPARATOR (Word's Shift+Enter),
// vertical tab and form feed; a PARAGRAPH SEPARATOR is a blank line.
const OTHER_LINE_BREAKS = /[\u000b\u000c\u0085\u2028]/g;

/**
 * Text fit for Hytekello's fields: no control characters, at most `max`
 * characters, one line unless multi. Line breaks of other kinds become
 * ordinary ones (the API refuses them: readers split lines there), so the
 * text keeps its lines and the event is not lost over typography.
 */
function cleanText(value: unknown, max: number, multi = false): string {
  let text = String(value ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(OTHER_LINE_BREAKS, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '');
  if (!multi) text = text.replace(/\s*\n\s*/g, ', ');
  text = text.trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const textOf = (event: ICAL.Component, name: string): string => {
  const value = event.getFirstPropertyValue(name);
  return value == null ? '' : String(value);
};

function httpUrl(value: string): string | null {
  const text = value.trim();
  return text.length <= 2000 && URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) ? text : null;
}

/** A link to an online meeting, from the properties Outlook and Google add. */
function onlineMeeting(event: ICAL.Component): string | null {
  for (const name of ['x-microsoft-skypeteamsmeetingurl', 'x-google-conference', 'x-microsoft-onlinemeetingconflink']) {
    const url = httpUrl(textOf(event, name));
    if (url) return url;
  }
  return null;
}

const occurrenceText = (local: Temporal.PlainDateTime, allDay: boolean) => (allDay ? local.toPlainDate().toString() : formatWallClock(local));

/** The start and end of a VEVENT in a zone; all-day ends are the last day, inclusive. */
function spanOf(event: ICAL.Component, zone: string, reading: Reading): { start: RawTime; startLocal: Temporal.PlainDateTime; endLocal: Temporal.PlainDateTime; allDay: boolean } {
  const dtstart = event.getFirstProperty('dtstart') ?? fail('it has no start (DTSTART)');
  const start = rawTimes(dtstart)[0] ?? fail('DTSTART has no value');
  const allDay = start.date;
  const startLocal = wallClockIn(start, zone, reading);
  const dtend = event.getFirstProperty('dtend');
  const duration = event.getFirstProperty('duration');
  let endLocal: Temporal.PlainDateTime;
  if (dtend) {
    const end = rawTimes(dtend)[0] ?? fail('DTEND has no value');
    if (end.date !== allDay) fail('DTSTART and DTEND must both be dates or both date-times');
    endLocal = allDay ? end.local : wallClockIn(end, zone, reading);
  } else if (duration) {
    const value = duration.getFirstValue() as ICAL.Duration;
    const seconds = value.toSeconds();
    if (allDay) {
      endLocal = startLocal.add({ days: Math.max(1, Math.round(seconds / 86400)) });
    } else {
      const startInstant = startLocal.toZonedDateTime(zone, { disambiguation: 'compatible' });
      // Days of a DURATION are nominal (same wall-clock time), the rest exact (RFC 5545 §3.3.6).
      endLocal = startInstant.add({ days: value.days + value.weeks * 7 }).add({ hours: value.hours, minutes: value.minutes, seconds: value.seconds }).toPlainDateTime();
      if (value.isNegative) fail('DURATION is negative');
    }
  } else {
    // RFC 5545: an all-day event without an end lasts the day; a timed one takes no time.
    if (!allDay) fail('it has no end (DTEND or DURATION); Hytekello events last a while');
    endLocal = startLocal.add({ days: 1 });
  }
  if (allDay) {
    // iCalendar's all-day DTEND is the day after; Hytekello keeps the last day.
    if (Temporal.PlainDateTime.compare(endLocal, startLocal) <= 0) endLocal = startLocal.add({ days: 1 });
    endLocal = endLocal.subtract({ days: 1 });
  } else if (Temporal.PlainDateTime.compare(endLocal, startLocal) <= 0) {
    fail('it ends at or before its start');
  }
  return { start, startLocal, endLocal, allDay };
}

/** The series of a master VEVENT, with EXDATEs and the instances that RECURRENCE-ID overrides. */
function seriesOf(master: ICAL.Component, overrides: ICAL.Component[], zone: string, span: ReturnType<typeof spanOf>, reading: Reading): SourceEvent['recurrence'] {
  const rrules = master.getAllProperties('rrule');
  if (master.getFirstProperty('rdate')) fail('extra dates (RDATE) are not supported; Hytekello series follow one rule');
  if (rrules.length === 0) {
    if (overrides.length > 0) fail('it has changed instances (RECURRENCE-ID) but no rule (RRULE)');
    return null;
  }
  if (rrules.length > 1) fail('it has several rules (RRULE); Hytekello series follow one rule');
  const rrule = String(rrules[0]!.getFirstValue()).replace(/^RRULE:/i, '');
  const syntax = ruleSyntaxProblem(rrule);
  if (syntax) fail(`its rule ${rrule} cannot be used: ${syntax}`);
  const exceptions = new Map<string, RecurrenceException>();
  for (const property of master.getAllProperties('exdate')) {
    for (const raw of rawTimes(property)) {
      if (raw.date !== span.allDay && !span.allDay) {
        // A date EXDATE of a timed series removes the occurrence on that day.
        const local = raw.local.toPlainDate().toPlainDateTime(span.startLocal.toPlainTime());
        exceptions.set(occurrenceText(local, false), { occurrence: occurrenceText(local, false), kind: 'removed' });
        continue;
      }
      const local = wallClockIn(raw, zone, reading);
      exceptions.set(occurrenceText(local, span.allDay), { occurrence: occurrenceText(local, span.allDay), kind: 'removed' });
    }
  }
  const length = span.startLocal.until(span.endLocal.add({ days: span.allDay ? 1 : 0 }), { largestUnit: 'day' });
  for (const instance of overrides) {
    const recurrenceIdProperty = instance.getFirstProperty('recurrence-id')!;
    if (String(recurrenceIdProperty.getParameter('range') ?? '').toUpperCase() === 'THISANDFUTURE') {
      fail('an instance changes all later ones (RANGE=THISANDFUTURE); split the series in the source');
    }
    const recurrenceId = rawTimes(recurrenceIdProperty)[0] ?? fail('RECURRENCE-ID has no value');
    const occurrence = occurrenceText(wallClockIn(recurrenceId, zone, reading), span.allDay);
    if (exceptions.get(occurrence)?.kind === 'removed') continue;
    if (textOf(instance, 'status').toUpperCase() === 'CANCELLED') {
      exceptions.set(occurrence, { occurrence, kind: 'cancelled' });
      continue;
    }
    const moved = spanOf(instance, zone, reading);
    if (moved.allDay !== span.allDay) fail(`instance ${occurrence} changes between an all-day and a timed event`);
    const movedStart = occurrenceText(moved.startLocal, span.allDay);
    const movedEnd = occurrenceText(moved.endLocal, span.allDay);
    const originalEnd = occurrenceText(wallClockIn(recurrenceId, zone, reading).add(length).subtract({ days: span.allDay ? 1 : 0 }), span.allDay);
    const place = cleanText(textOf(instance, 'location'), 300) || null;
    const masterPlace = cleanText(textOf(master, 'location'), 300) || null;
    if (movedStart !== occurrence || movedEnd !== originalEnd || place !== masterPlace) {
      exceptions.set(occurrence, { occurrence, kind: 'moved', start: movedStart, end: movedEnd, place: place !== masterPlace ? place : null });
    }
    // An instance with other changes only (its title, say) keeps the series' texts: Hytekello has no per-occurrence texts.
  }
  return { rrule, exceptions: [...exceptions.values()].sort((a, b) => a.occurrence.localeCompare(b.occurrence)) };
}

function sourceEvent(uid: string, master: ICAL.Component, overrides: ICAL.Component[], reading: Reading): SourceEvent {
  const dtstart = master.getFirstProperty('dtstart') ?? fail('it has no start (DTSTART)');
  const start = rawTimes(dtstart)[0] ?? fail('DTSTART has no value');
  const recurring = master.getFirstProperty('rrule') !== null;
  const zone = eventZone(start, recurring, reading);
  const span = spanOf(master, zone, reading);
  const recurrence = seriesOf(master, overrides, zone, span, reading);
  const title = cleanText(textOf(master, 'summary'), 200) || '(ei otsikkoa)';
  const sequence = Number(master.getFirstPropertyValue('sequence') ?? 0);
  return {
    uid,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    title,
    description: cleanText(textOf(master, 'description'), 20000, true),
    place: cleanText(textOf(master, 'location'), 300) || null,
    onlineUrl: onlineMeeting(master),
    timeZone: zone,
    allDay: span.allDay,
    start: occurrenceText(span.startLocal, span.allDay),
    end: occurrenceText(span.endLocal, span.allDay),
    recurrence,
    cancelled: textOf(master, 'status').toUpperCase() === 'CANCELLED',
  };
}

/**
 * Why one event cannot be imported, in words an organiser can act on: our
 * own Unrepresentable and the parser's and Temporal's complaints about values
 * say so themselves. Anything else (a TypeError, a ReferenceError, a thrown
 * non-Error) is a fault here, not in the calendar: it is logged with its stack
 * as the fault it is, and the event is refused with a plain reason, so that
 * one odd event never fails the other 999 of a file.
 */
function unreadableReason(error: unknown): string {
  if (error instanceof Unrepresentable || (error instanceof Error && !(error instanceof TypeError) && !(error instanceof ReferenceError))) return error.message;
  console.error('reading an imported event failed', error);
  return 'this event could not be read because of a fault in Hytekello; it has been logged';
}

/** A VCALENDAR text, or the reason it cannot be read at all. */
export function readCalendar(text: string): { calendar: ICAL.Component } | { error: string } {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR/i.test(trimmed)) return { error: 'the text is not an iCalendar file: it must begin with BEGIN:VCALENDAR' };
  try {
    const parsed = ICAL.parse(trimmed);
    // A file may hold several VCALENDARs; the first is read, as calendar clients do.
    const jcal = (Array.isArray(parsed[0]) ? parsed[0] : parsed) as unknown[];
    return { calendar: new ICAL.Component(jcal as never) };
  } catch (error) {
    return { error: `the iCalendar text cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The VEVENTs of one UID (a series with its changed instances), or one VEVENT without a UID, as text. */
export interface EventGroup {
  uid: string | null;
  title: string | null;
  text: string;
}

/**
 * A calendar cut into what each event needs to be read alone: the
 * calendar's zone, the VTIMEZONE texts by TZID and the event groups in
 * the order of the file. Cutting is string work only (no component is
 * built), so that an import can keep the parts and read a few events per
 * request.
 */
export interface CalendarParts {
  calendarZone: string;
  zones: Record<string, string>;
  groups: EventGroup[];
}

/** An event may have this many exceptions (EXDATE values and changed instances), as the API allows. */
export const MAX_SOURCE_EXCEPTIONS = MAX_EXCEPTIONS;
/** Custom VTIMEZONEs one event may use: each is read and compared with known zones, which costs. */
export const MAX_ZONES_PER_EVENT = 4;
/** Content lines of one event; more is no meeting but a way to make reading it slow. */
export const MAX_EVENT_LINES = 2000;

const CONTENT_LINE = /^[A-Za-z0-9-]+[;:]/;
const TZID_PARAMETER = /;TZID=("[^"]*"|[^;:]*)/gi;
// The value of a content line: after the name and its parameters, whose quoted values may hold ':'.
const CONTENT_VALUE = /^[^;:]+(?:;[^=;:]+=(?:"[^"]*"|[^;:]*)(?:,(?:"[^"]*"|[^;:,]*))*)*:(.*)$/;

/** A TEXT value as iCalendar escapes it (RFC 5545 §3.3.11), unescaped. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const UID_LINE = /^UID[;:]/i;
const SUMMARY_LINE = /^SUMMARY[;:]/i;
const TZID_LINE = /^TZID[;:]/i;
const WR_TIMEZONE_LINE = /^X-WR-TIMEZONE[;:]/i;

/** The value of a content line, unescaped. */
const valueOf = (line: string): string => unescapeText(CONTENT_VALUE.exec(line)?.[1] ?? '');

const unquote = (tzid: string) => tzid.trim().replace(/^"|"$/g, '');

/**
 * Cuts a VCALENDAR text into its event groups and the zones they need;
 * throws (isUnreadableCalendar) when the text is no calendar, its
 * components are not closed, or it has more than MAX_SOURCE_EVENTS VEVENTs.
 */
export function splitCalendar(text: string): CalendarParts {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR/i.test(trimmed)) throw new Unrepresentable('the text is not an iCalendar file: it must begin with BEGIN:VCALENDAR');
  const lines = trimmed.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const unreadable = (why: string): never => {
    throw new Unrepresentable(`the iCalendar text cannot be read: ${why}`);
  };
  const stack: string[] = [];
  const head: string[] = [];
  const zones: Record<string, string> = {};
  // Each VEVENT's lines, with the UID and SUMMARY of its own (not its VALARMs') lines.
  const vevents: { lines: string[]; uid: string | null; summary: string | null }[] = [];
  let component: { lines: string[]; uid: string | null; summary: string | null; tzid: string | null } | null = null;
  let calendars = 0;
  for (const [index, line] of lines.entries()) {
    if (line === '' || line.trim() === '') continue;
    if (!CONTENT_LINE.test(line)) unreadable(`line ${index + 1} is not a content line (NAME:value)`);
    // Only lines that start with B or E can begin or end a component; the regexes run on those alone.
    const first = line.charCodeAt(0) | 0x20;
    const begin = first === 0x62 ? /^BEGIN:(.+)$/i.exec(line)?.[1]?.trim().toUpperCase() : undefined;
    const end = first === 0x65 ? /^END:(.+)$/i.exec(line)?.[1]?.trim().toUpperCase() : undefined;
    // A file may hold several VCALENDARs; the first is read, as calendar clients do.
    if (calendars > 1) continue;
    if (begin) {
      if (stack.length === 0 && begin !== 'VCALENDAR') unreadable(`line ${index + 1} begins ${begin} outside VCALENDAR`);
      if (stack.length === 0) calendars++;
      if (calendars > 1) continue;
      stack.push(begin);
      if (stack.length === 2 && (begin === 'VEVENT' || begin === 'VTIMEZONE')) component = { lines: [], uid: null, summary: null, tzid: null };
    } else if (end) {
      if (stack.at(-1) !== end) unreadable(`line ${index + 1} ends ${end}, but ${stack.at(-1) ?? 'nothing'} is open`);
      stack.pop();
      if (stack.length === 1 && component) {
        component.lines.push(line);
        if (end === 'VEVENT') vevents.push(component);
        else {
          const tzid = unquote(component.tzid ?? '');
          if (tzid) zones[tzid] = component.lines.join('\r\n');
        }
        component = null;
        continue;
      }
      if (stack.length === 0) calendars++;
    } else if (stack.length === 1) head.push(line);
    else if (stack.length === 2 && component) {
      if (component.uid === null && UID_LINE.test(line)) component.uid = valueOf(line);
      else if (component.summary === null && SUMMARY_LINE.test(line)) component.summary = valueOf(line);
      else if (component.tzid === null && TZID_LINE.test(line)) component.tzid = valueOf(line);
    }
    if (component) component.lines.push(line);
  }
  if (stack.length > 0) unreadable(`${stack.at(-1)} is not closed (END:${stack.at(-1)})`);
  if (vevents.length > MAX_SOURCE_EVENTS) throw new Unrepresentable(`the calendar has ${vevents.length} events; at most ${MAX_SOURCE_EVENTS} can be imported at once`);

  const groups: EventGroup[] = [];
  const byUid = new Map<string, { group: EventGroup; parts: string[] }>();
  const parts: string[][] = [];
  for (const vevent of vevents) {
    const uid = cleanText(vevent.uid ?? '', 500) || null;
    const title = cleanText(vevent.summary ?? '', 200) || null;
    const text = vevent.lines.join('\r\n');
    const earlier = uid ? byUid.get(uid) : undefined;
    if (earlier) {
      earlier.parts.push(text);
      earlier.group.title ??= title;
      continue;
    }
    const group = { uid, title, text: '' };
    const texts = [text];
    groups.push(group);
    parts.push(texts);
    if (uid) byUid.set(uid, { group, parts: texts });
  }
  groups.forEach((group, i) => (group.text = parts[i]!.join('\r\n')));
  const wrLine = head.find((line) => WR_TIMEZONE_LINE.test(line));
  const wrZone = wrLine ? valueOf(wrLine) : '';
  return { calendarZone: (wrZone && zoneOfTzid(wrZone)) || DEFAULT_TIME_ZONE, zones, groups };
}

/** Why a group would cost more to read than an event may, or null. Counted in the text, before anything is parsed. */
function groupTooCostly(group: EventGroup, zones: Record<string, string>): string | null {
  const lines = group.text.split('\r\n');
  if (lines.length > MAX_EVENT_LINES) return `it has ${lines.length} lines; at most ${MAX_EVENT_LINES} are read per event`;
  let exceptions = 0;
  const custom = new Set<string>();
  for (const line of lines) {
    if (/^EXDATE[;:]/i.test(line)) exceptions += (CONTENT_VALUE.exec(line)?.[1] ?? '').split(',').length;
    else if (/^RECURRENCE-ID[;:]/i.test(line)) exceptions++;
    for (const match of line.matchAll(TZID_PARAMETER)) {
      const tzid = unquote(match[1]!);
      if (zones[tzid] !== undefined) custom.add(tzid);
    }
  }
  if (exceptions > MAX_SOURCE_EXCEPTIONS) return `it has ${exceptions} exceptions (EXDATE values and changed instances); at most ${MAX_SOURCE_EXCEPTIONS} can be kept`;
  if (custom.size > MAX_ZONES_PER_EVENT) return `it uses ${custom.size} time zones defined in the calendar (VTIMEZONE); at most ${MAX_ZONES_PER_EVENT} are read per event`;
  return null;
}

/**
 * The events of one group, read with the calendar's zone and only the
 * VTIMEZONEs the group names: each read, or unparseable with a reason.
 * Never throws for the group's content.
 */
export function parseGroup(parts: Pick<CalendarParts, 'calendarZone' | 'zones'>, group: EventGroup): ParsedCalendar {
  const costly = groupTooCostly(group, parts.zones);
  if (costly) return { events: [], unparseable: [{ uid: group.uid, title: group.title, reason: costly }] };
  const needed = new Set([...group.text.matchAll(TZID_PARAMETER)].map((match) => unquote(match[1]!)));
  const zoneTexts = [...needed].flatMap((tzid) => (parts.zones[tzid] === undefined ? [] : [parts.zones[tzid]]));
  const read = readCalendar(['BEGIN:VCALENDAR', 'VERSION:2.0', ...zoneTexts, group.text, 'END:VCALENDAR'].join('\r\n'));
  if ('error' in read) return { events: [], unparseable: [{ uid: group.uid, title: group.title, reason: read.error }] };
  return readEvents(read.calendar, { rules: zoneRules(read.calendar), calendarZone: parts.calendarZone });
}

/**
 * The events of an iCalendar text, grouped by UID (a series with its
 * changed instances is one event), each either read or unparseable with
 * a reason. Throws only when the text is no calendar at all.
 */
export function parseCalendar(text: string): ParsedCalendar {
  const parts = splitCalendar(text);
  const result: ParsedCalendar = { events: [], unparseable: [] };
  for (const group of parts.groups) {
    const parsed = parseGroup(parts, group);
    result.events.push(...parsed.events);
    result.unparseable.push(...parsed.unparseable);
  }
  return result;
}

/** The events of a calendar component, grouped by UID. */
function readEvents(calendar: ICAL.Component, reading: Reading): ParsedCalendar {
  const vevents = calendar.getAllSubcomponents('vevent');
  const result: ParsedCalendar = { events: [], unparseable: [] };
  const groups = new Map<string, { master: ICAL.Component | null; overrides: ICAL.Component[] }>();
  for (const vevent of vevents) {
    const uid = cleanText(textOf(vevent, 'uid'), 500);
    if (!uid) {
      result.unparseable.push({ uid: null, title: cleanText(textOf(vevent, 'summary'), 200) || null, reason: 'it has no UID, so a later import could not recognise it' });
      continue;
    }
    const group = groups.get(uid) ?? { master: null, overrides: [] };
    groups.set(uid, group);
    if (vevent.getFirstProperty('recurrence-id')) group.overrides.push(vevent);
    else if (group.master) {
      // Two versions of one event: the one with the higher SEQUENCE wins.
      const sequence = (c: ICAL.Component) => Number(c.getFirstPropertyValue('sequence') ?? 0);
      if (sequence(vevent) > sequence(group.master)) group.master = vevent;
    } else group.master = vevent;
  }

  for (const [uid, group] of groups) {
    const attempt = (key: string, master: ICAL.Component, overrides: ICAL.Component[]) => {
      try {
        result.events.push(sourceEvent(key, master, overrides, reading));
      } catch (error) {
        result.unparseable.push({ uid: key, title: cleanText(textOf(master, 'summary'), 200) || null, reason: unreadableReason(error) });
      }
    };
    if (group.master) {
      attempt(uid, group.master, group.overrides);
    } else {
      // Instances whose series is not in the file (an invitation to one meeting of a series): each on its own.
      for (const instance of group.overrides) {
        const recurrenceId = String(instance.getFirstProperty('recurrence-id')!.jCal[3] ?? '');
        attempt(`${uid}#${recurrenceId}`, instance, []);
      }
    }
  }
  return result;
}

/** Whether an error is a calendar that cannot be read at all (as opposed to a bug). */
export const isUnreadableCalendar = (error: unknown): error is Error => error instanceof Unrepresentable;
