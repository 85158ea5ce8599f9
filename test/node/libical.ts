/**
 * libical as a consumer and as a linter of our feeds.
 *
 * read-ics-libical.c is compiled once per test file with the system's C
 * compiler against Debian's libical-dev; libicalReading() runs it on a
 * calendar text. lint() adds to libical's parse errors, RFC 5545/5546
 * restriction failures and unmatched TZIDs the rules of RFC 5545 and 7986
 * that libical leaves unchecked (calendar properties, value types, UIDs,
 * line lengths), so that a test can ask for no problems at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { clockChangeAt, clockChangeOccurrences, seriesOf } from '../../worker/domain/recurrence';
import { Temporal } from '../../worker/domain/time';
import type { Event } from '../../worker/shared/events';
import { type Instance, WINDOW, compared, eventIdOf, instanceOf } from '../feed-readers';

interface LibicalEvent {
  uid: string;
  status: string;
  recurrenceId: string | null;
  occurrences: [string, string][];
}

export interface LibicalReading {
  problems: { where: string; problem: string }[];
  events: LibicalEvent[];
}

let binary: string | null = null;

/** Builds the reader (cc, pkg-config and libical-dev: `apt-get install gcc pkg-config libical-dev`). */
function reader(): string {
  if (binary) return binary;
  const output = join(mkdtempSync(join(tmpdir(), 'libical-reader-')), 'read-ics-libical');
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', 'libical'], { encoding: 'utf8' });
  if (flags.status !== 0) throw new Error(`libical not found (apt-get install pkg-config libical-dev): ${flags.stderr}`);
  const source = new URL('./read-ics-libical.c', import.meta.url).pathname;
  const build = spawnSync('cc', ['-O1', '-Wall', '-Werror', '-o', output, source, ...flags.stdout.trim().split(/\s+/)], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`cc read-ics-libical.c failed:\n${build.stderr}`);
  binary = output;
  return output;
}

const compactUtc = (iso: string) => `${iso.replace(/[-:]/g, '').replace(/\.\d+/, '')}`;

/** What libical reads from a calendar text, its occurrences expanded in the tests' window. */
export function libicalReading(text: string): LibicalReading {
  const run = spawnSync(reader(), [compactUtc(WINDOW.from), compactUtc(WINDOW.to)], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (run.status !== 0) {
    writeFileSync(join(tmpdir(), 'libical-failed.ics'), text);
    throw new Error(`libical could not read the calendar (${run.signal ?? run.status}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as LibicalReading;
}

/**
 * Occurrences by event id as a libical client shows them: the series'
 * occurrences (RRULE, RDATE, EXDATE expanded by libical), an override
 * (RECURRENCE-ID) in place of the occurrence it names, cancelled where
 * the series or the override is.
 */
export function libicalInstances(reading: LibicalReading, ids: readonly string[]): Map<string, Instance[]> {
  const result = new Map<string, Instance[]>();
  const byUid = new Map<string, LibicalEvent[]>();
  for (const event of reading.events) byUid.set(event.uid, [...(byUid.get(event.uid) ?? []), event]);
  for (const [uid, components] of byUid) {
    const id = eventIdOf(uid, ids);
    if (!id) continue;
    const master = components.find((c) => c.recurrenceId === null);
    const overrides = components.filter((c) => c.recurrenceId !== null);
    const replaced = new Set(overrides.map((o) => o.recurrenceId));
    const seriesCancelled = master?.status === 'CANCELLED';
    const instances = [
      ...(master?.occurrences ?? []).filter(([start]) => !replaced.has(start)).map(([start, end]) => instanceOf(start, end, seriesCancelled)),
      ...overrides.flatMap((o) => o.occurrences.map(([start, end]) => instanceOf(start, end, seriesCancelled || o.status === 'CANCELLED'))),
    ];
    result.set(id, [...(result.get(id) ?? []), ...instances]);
  }
  for (const [id, instances] of result) result.set(id, compared(instances));
  return result;
}

/**
 * Whether libical 3.0 reads the event's occurrences as RFC 5545 3.3.5 says.
 * It does not for a series that passes a time the clocks skip: it reads a
 * skipped RECURRENCE-ID with the offset after the change (libical issue
 * 1402), so the override does not replace its occurrence, and its iterator
 * moves the occurrence after the skipped one by the hour skipped.
 */
export function libicalReadsAlike(event: Pick<Event, 'timeZone' | 'allDay' | 'start' | 'end' | 'recurrence'>): boolean {
  if (event.allDay || !event.recurrence) return true;
  const s = seriesOf(event);
  if (!s || clockChangeOccurrences(s).skipped.length > 0) return false;
  const times = event.recurrence.exceptions.flatMap((e) => [e.occurrence, e.start ?? null, e.end ?? null]);
  return times.every((time) => time === null || clockChangeAt(Temporal.PlainDateTime.from(time), event.timeZone) !== 'skipped');
}

type Property = ICAL.Property;

/** A duration value as RFC 5545 3.3.6 writes it, more than zero. */
const POSITIVE_DURATION = /^\+?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/;
const isUri = (value: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) && URL.canParse(value);
const isUtc = (property: Property) => property.type === 'date-time' && String(property.getFirstValue()).endsWith('Z');

/**
 * Every rule of RFC 5545 and RFC 7986 a feed breaks, as "where: what";
 * libical's findings first. An empty list is a feed every consumer may read.
 */
export function lint(text: string): string[] {
  const problems = [...new Set(libicalReading(text).problems.map((p) => `${p.where}: ${p.problem}`))];
  const encoder = new TextEncoder();
  if (!text.endsWith('\r\n') || /[^\r]\n|\r(?!\n)/.test(text)) problems.push('lines must end with CRLF (RFC 5545 3.1)');
  for (const [index, line] of text.split('\r\n').entries()) {
    if (encoder.encode(line).length > 75) problems.push(`line ${index + 1} is longer than 75 octets (RFC 5545 3.1)`);
  }
  const calendar = new ICAL.Component(ICAL.parse(text));
  const once = (component: ICAL.Component, name: string, required: boolean, where: string) => {
    const count = component.getAllProperties(name).length;
    if (count > 1 || (required && count === 0)) problems.push(`${where}: ${name.toUpperCase()} ${required ? 'exactly' : 'at most'} once, not ${count} times`);
  };
  once(calendar, 'version', true, 'VCALENDAR');
  once(calendar, 'prodid', true, 'VCALENDAR');
  if (calendar.getFirstPropertyValue('version') !== '2.0') problems.push('VCALENDAR: VERSION must be 2.0');

  // RFC 7986: the calendar's name, description, colour, refresh interval, source and links.
  const names = calendar.getAllProperties('name');
  const languages = names.map((name) => String(name.getParameter('language') ?? ''));
  if (new Set(languages).size !== languages.length) problems.push('VCALENDAR: NAME more than once in one language (RFC 7986 5.1)');
  for (const name of names) if (!String(name.getFirstValue()).trim()) problems.push('VCALENDAR: NAME is empty (RFC 7986 5.1)');
  if (names.length > 0 && String(names[0]!.getFirstValue()) !== String(calendar.getFirstPropertyValue('x-wr-calname'))) problems.push('VCALENDAR: X-WR-CALNAME differs from NAME');
  once(calendar, 'refresh-interval', false, 'VCALENDAR');
  for (const refresh of calendar.getAllProperties('refresh-interval')) {
    // "refreshparam = ;VALUE=DURATION" is required (RFC 7986 5.7); ical.js reads the parameter into the type.
    if (!/^REFRESH-INTERVAL;VALUE=DURATION:/m.test(text)) problems.push('VCALENDAR: REFRESH-INTERVAL without VALUE=DURATION (RFC 7986 5.7)');
    if (!POSITIVE_DURATION.test(String(refresh.getFirstValue()))) problems.push(`VCALENDAR: REFRESH-INTERVAL ${refresh.getFirstValue()} is not a positive duration`);
  }
  for (const ttl of calendar.getAllProperties('x-published-ttl')) {
    if (!POSITIVE_DURATION.test(String(ttl.getFirstValue()))) problems.push(`VCALENDAR: X-PUBLISHED-TTL ${ttl.getFirstValue()} is not a positive duration`);
  }

  const components = calendar.getAllSubcomponents();
  const inEvents = components.filter((c) => c.name === 'vevent');
  for (const component of [calendar, ...inEvents]) {
    const where = component === calendar ? 'VCALENDAR' : `VEVENT ${component.getFirstPropertyValue('uid')}`;
    // COLOR is one CSS3 colour name (RFC 7986 5.9); URL, SOURCE, IMAGE and CONFERENCE are URIs.
    once(component, 'color', false, where);
    for (const color of component.getAllProperties('color')) if (!/^[a-z]+$/i.test(String(color.getFirstValue()))) problems.push(`${where}: COLOR ${color.getFirstValue()} is not a CSS3 colour name`);
    if (component === calendar) once(component, 'source', false, where);
    if (component !== calendar) once(component, 'url', false, where);
    for (const name of ['url', 'source', 'image', 'conference']) {
      for (const property of component.getAllProperties(name)) {
        const value = String(property.getFirstValue());
        if (!isUri(value)) problems.push(`${where}: ${name.toUpperCase()} ${JSON.stringify(value)} is not a URI`);
      }
    }
  }

  // Events: one UID each, shared only by a series and its overrides, each override once; times typed alike.
  const seen = new Set<string>();
  for (const event of inEvents) {
    const uid = String(event.getFirstPropertyValue('uid') ?? '');
    const where = `VEVENT ${uid}`;
    for (const name of ['uid', 'dtstamp', 'dtstart']) once(event, name, true, where);
    for (const name of ['dtend', 'duration', 'recurrence-id', 'sequence', 'status', 'summary', 'created', 'last-modified', 'transp']) once(event, name, false, where);
    if (event.hasProperty('dtend') && event.hasProperty('duration')) problems.push(`${where}: DTEND and DURATION both`);
    const recurrenceId = event.getFirstProperty('recurrence-id');
    const key = `${uid} ${recurrenceId ? String(recurrenceId.getFirstValue()) : ''}`;
    if (seen.has(key)) problems.push(`${where}: a second component with the same UID${recurrenceId ? ' and RECURRENCE-ID' : ''}`);
    seen.add(key);
    for (const name of ['dtstamp', 'created', 'last-modified']) {
      const property = event.getFirstProperty(name);
      if (property && !isUtc(property)) problems.push(`${where}: ${name.toUpperCase()} must be UTC (RFC 5545 3.8.7)`);
    }
    const start = event.getFirstProperty('dtstart');
    for (const name of ['dtend', 'recurrence-id', 'exdate', 'rdate']) {
      for (const property of event.getAllProperties(name)) {
        // RDATE may be a period; EXDATE and RDATE of a timed series are date-times either way.
        if (start && property.type !== start.type && !(name === 'rdate' && property.type === 'period')) {
          problems.push(`${where}: ${name.toUpperCase()} is a ${property.type}, DTSTART a ${start.type} (RFC 5545 3.8.2.2, 3.8.4.4, 3.8.5)`);
        }
      }
    }
    const status = event.getFirstPropertyValue('status');
    if (status !== null && !['TENTATIVE', 'CONFIRMED', 'CANCELLED'].includes(String(status))) problems.push(`${where}: STATUS ${status} is not one of an event's`);
    for (const alarm of event.getAllSubcomponents('valarm')) {
      if (alarm.getFirstPropertyValue('action') !== 'DISPLAY' || !alarm.hasProperty('trigger') || !String(alarm.getFirstPropertyValue('description') ?? '').trim()) {
        problems.push(`${where}: a VALARM is a DISPLAY with a TRIGGER and a DESCRIPTION (RFC 5545 3.6.6)`);
      }
    }
  }
  // Every series with overrides: a RECURRENCE-ID with no series is an orphan clients file apart.
  const series = new Set(inEvents.filter((e) => !e.hasProperty('recurrence-id')).map((e) => String(e.getFirstPropertyValue('uid'))));
  for (const event of inEvents.filter((e) => e.hasProperty('recurrence-id'))) {
    if (!series.has(String(event.getFirstPropertyValue('uid')))) problems.push(`VEVENT ${event.getFirstPropertyValue('uid')}: an override without its series`);
  }
  return problems;
}
