/**
 * What the feed property tests share (in workerd and in Node): random valid
 * events as an integration would write them, and the occurrences that the
 * API reports and that ical.js and node-ical read from a feed, in one form
 * to compare. No workerd or Node imports.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { tzlib_get_timezones } from 'timezones-ical-library';
import { checkSeries, clockChangeAt, occurrencesBetween } from '../worker/domain/recurrence';
import { Temporal } from '../worker/domain/time';
import { canonicalTimeZone } from '../worker/domain/zones';
import type { EventInput, OccurrenceInfo } from '../worker/shared/events';

/** The window the API is asked for; generated events start in it. Occurrences are compared up to CUTOFF. */
export const WINDOW = { from: '2026-01-01T00:00:00Z', to: '2028-12-31T00:00:00Z' } as const;
const CUTOFF = '2028-12-01';
export const compared = (instances: Instance[]) => instances.filter((instance) => instance < CUTOFF).sort();

/** One occurrence as every reader gives it: instants, or dates (end exclusive) for all-day events; and whether cancelled. */
export type Instance = string;

export const instanceOf = (start: string, end: string, cancelled: boolean): Instance => `${start} → ${end}${cancelled ? ' cancelled' : ''}`;

const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
const nextDay = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

/** The API's occurrences of an event as instances. */
export function apiInstances(items: OccurrenceInfo[], allDay: boolean): Instance[] {
  return compared(items.map((o) => (allDay ? instanceOf(o.start, nextDay(o.end), o.status === 'cancelled') : instanceOf(o.startsAt, o.endsAt, o.status === 'cancelled'))));
}

/** The event id in a UID: '<id>@domain', or '<id>-<date>@domain' for an all-day series' changed day. */
export const eventIdOf = (uid: string, ids: readonly string[]) => ids.find((id) => uid === id || uid.startsWith(`${id}@`) || uid.startsWith(`${id}-`)) ?? null;

/** Occurrences by event id as ical.js (Thunderbird's parser) expands the feed, exceptions related to their series. */
export function icalJsInstances(text: string, ids: readonly string[]): Map<string, Instance[]> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  // Without `exceptions`, ical.js relates every RECURRENCE-ID of the calendar to each event, whatever its UID.
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v, { strictExceptions: true, exceptions: [] }));
  const result = new Map<string, Instance[]>();
  const add = (uid: string, start: ICAL.Time, end: ICAL.Time, status: unknown) => {
    const id = eventIdOf(uid, ids);
    if (!id) return;
    const instance = start.isDate ? instanceOf(start.toString(), end.toString(), status === 'CANCELLED') : instanceOf(iso(start.toJSDate()), iso(end.toJSDate()), status === 'CANCELLED');
    result.set(id, [...(result.get(id) ?? []), instance]);
  };
  for (const master of events.filter((e) => !e.isRecurrenceException())) {
    for (const exception of events.filter((e) => e.isRecurrenceException() && e.uid === master.uid)) master.relateException(exception);
    if (!master.isRecurring()) {
      add(master.uid, master.startDate, master.endDate, master.component.getFirstPropertyValue('status'));
      continue;
    }
    const iterator = master.iterator();
    for (let next = iterator.next(), n = 0; next && n < 2000; next = iterator.next(), n++) {
      const details = master.getOccurrenceDetails(next);
      add(master.uid, details.startDate, details.endDate, details.item.component.getFirstPropertyValue('status'));
    }
  }
  for (const [id, instances] of result) result.set(id, compared(instances));
  return result;
}

/** Occurrences by event id as node-ical expands the feed. */
export function nodeIcalInstances(text: string, ids: readonly string[]): Map<string, Instance[]> {
  const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
  const result = new Map<string, Instance[]>();
  const day = (date: Date) => date.toISOString().slice(0, 10);
  for (const event of parsed) {
    const id = eventIdOf(event.uid, ids);
    if (!id) continue;
    const allDay = event.datetype === 'date';
    const instances = event.rrule
      ? nodeIcal.expandRecurringEvent(event, { from: new Date(WINDOW.from), to: new Date(WINDOW.to) }).map((i) => ({ start: i.start, end: i.end, status: i.isOverride ? i.event.status : event.status }))
      : [{ start: event.start, end: event.end ?? event.start, status: event.status }];
    for (const i of instances) {
      const instance = allDay ? instanceOf(day(i.start), day(i.end), i.status === 'CANCELLED') : instanceOf(iso(i.start), iso(i.end), i.status === 'CANCELLED');
      result.set(id, [...(result.get(id) ?? []), instance]);
    }
  }
  for (const [id, instances] of result) result.set(id, compared(instances));
  return result;
}

// Texts: every Unicode class the API takes (letters of all scripts, marks, emoji, symbols, format characters),
// the characters iCalendar escapes, folding at 75 octets, and what has broken parsers.
const refused = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const clean = (text: string, lines: boolean) => (lines ? text : text.replace(/[\r\n]+/g, ' ')).replace(refused, '');
const pieces = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(',', ';', '\\', '\\n', '\\;', ':', '"', "'", 'ÅÄÖ åäö', 'Sámi: Ánár', '🎉👩🏽‍💻', '\u200d\u200b\ufeff', 'مرحبا', '\u202eevil\u202c', '<b>x</b>', 'END:VEVENT', 'BEGIN:VCALENDAR', ' ', '\t'),
  fc.string({ unit: 'grapheme-ascii', minLength: 80, maxLength: 200 }),
);
/** At most `max` UTF-16 units, never half a character. */
const cut = (text: string, max: number) => {
  let result = '';
  for (const character of text) {
    if (result.length + character.length > max) break;
    result += character;
  }
  return result;
};
const textOf = (max: number, lines: boolean) => fc.array(pieces, { maxLength: 6 }).map((parts) => cut(clean(parts.join(lines ? '\n' : ''), lines).trim(), max).trim());

/**
 * Zones whose rules differ between the tz data of the service's runtime
 * (workerd) and that of Node, which node-ical reads zones by name from:
 * from November 2026 workerd keeps America/Winnipeg and America/Inuvik on
 * summer time, Node's tz 2026c does not. The feeds' VTIMEZONE follows the
 * API (zones.ts writes it from the runtime's changes when the library's
 * disagree), so readers of VTIMEZONE agree; a client that knows the zone by
 * name from other tz data is an hour off until the two data agree. Left out
 * of the comparisons, which would otherwise fail whenever a random event
 * lands there.
 */
const UNSETTLED_ZONES = new Set(['America/Winnipeg', 'America/Inuvik']);

/** Every zone name the feeds' VTIMEZONE library knows that the service accepts, but the unsettled ones. */
export const FEED_ZONES: readonly string[] = (tzlib_get_timezones() as string[]).filter((name) => {
  const canonical = canonicalTimeZone(name);
  return canonical !== null && !UNSETTLED_ZONES.has(canonical);
});

/** A valid event input: any accepted zone (or an alias of it), all-day or timed, once or a series with exceptions. */
export function eventInputs(zoneNames: readonly string[]): fc.Arbitrary<EventInput> {
  const date = fc.integer({ min: 0, max: 365 * 2 - 1 }).map((days) => Temporal.PlainDate.from('2026-01-05').add({ days }));
  const time = fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 15, 30, 45, 59) });
  return fc
    .record({
      title: textOf(200, false),
      description: textOf(2000, true),
      place: textOf(300, false),
      timeZone: fc.constantFrom(...zoneNames),
      allDay: fc.boolean(),
      day: date,
      time,
      minutes: fc.integer({ min: 15, max: 12 * 60 }),
      days: fc.integer({ min: 1, max: 3 }),
      rule: fc.option(fc.record({ freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'), interval: fc.integer({ min: 1, max: 3 }), count: fc.integer({ min: 2, max: 12 }) }), { nil: null }),
      exceptions: fc.array(fc.record({ index: fc.integer({ min: 0, max: 11 }), kind: fc.constantFrom('removed', 'cancelled', 'moved') as fc.Arbitrary<'removed' | 'cancelled' | 'moved'> }), { maxLength: 3 }),
    })
    .map((g) => {
      const startLocal = g.allDay ? g.day.toPlainDateTime() : g.day.toPlainDateTime(g.time);
      const endLocal = g.allDay ? g.day.add({ days: g.days - 1 }).toPlainDateTime() : startLocal.add({ minutes: g.minutes });
      const text = (local: Temporal.PlainDateTime) => (g.allDay ? local.toPlainDate().toString() : local.toString({ smallestUnit: 'minute' }));
      const input: EventInput = {
        status: 'published',
        title: { fi: g.title || 'Tapahtuma', sv: null, en: null },
        description: { fi: g.description || null },
        type: 'tyopaja',
        timeZone: g.timeZone,
        allDay: g.allDay,
        start: text(startLocal),
        end: text(endLocal),
        location: g.place ? { place: g.place } : null,
        organisations: ['pohde'],
        networks: ['osallisuus'],
      };
      if (!g.rule) return input;
      const rrule = `FREQ=${g.rule.freq};INTERVAL=${g.rule.interval};COUNT=${g.rule.count}`;
      const checked = checkSeries({ timeZone: canonicalTimeZone(g.timeZone) ?? g.timeZone, allDay: g.allDay, start: input.start, end: input.end, recurrence: { rrule, exceptions: [] } }).series;
      if (!checked) return input;
      const ids = occurrencesBetween(checked, Temporal.Instant.from('2000-01-01T00:00:00Z'), Temporal.Instant.from('2100-01-01T00:00:00Z')).map((o) => o.recurrenceId!);
      const exceptions = new Map<string, NonNullable<EventInput['recurrence']>['exceptions'] extends (infer E)[] | undefined ? E : never>();
      for (const e of g.exceptions) {
        const occurrence = ids[e.index % ids.length]!;
        if (exceptions.has(occurrence)) continue;
        if (e.kind !== 'moved') exceptions.set(occurrence, { occurrence, kind: e.kind });
        else {
          // A day later and an hour later, as long as before.
          const from = g.allDay ? Temporal.PlainDate.from(occurrence).toPlainDateTime() : Temporal.PlainDateTime.from(occurrence);
          const movedStart = from.add({ days: 1, hours: g.allDay ? 0 : 1 });
          const movedEnd = movedStart.add(startLocal.until(endLocal));
          exceptions.set(occurrence, { occurrence, kind: 'moved', start: text(movedStart), end: text(movedEnd), place: 'Siirretty: Sali 2' });
        }
      }
      return { ...input, recurrence: { rrule, exceptions: [...exceptions.values()] } };
    });
}

/**
 * Series that clients cannot all read the same whatever the feed says, left
 * out of the comparison: a series whose first start (DTSTART) is a time the
 * clocks skip or show twice (node-ical reads DTSTART as an instant and
 * repeats the rule from its local time), or whose changed occurrence is one;
 * and a series with an occurrence that runs across a change of the clocks.
 * For that one RFC 5545 gives every occurrence the exact duration of the
 * first, which ical.js follows (and reads the first one's end an hour late
 * besides), while Python's clients, like the API, end each occurrence at the
 * same local time.
 */
export function readAlikeByEveryClient(input: EventInput, timeZone: string): boolean {
  if (input.allDay || !input.recurrence) return true;
  const times = [input.start, ...(input.recurrence.exceptions ?? []).flatMap((e) => [e.occurrence, e.start ?? null, e.end ?? null])];
  if (!times.every((time) => time === null || clockChangeAt(Temporal.PlainDateTime.from(time), timeZone) === null)) return false;
  const series = checkSeries({ timeZone, allDay: false, start: input.start, end: input.end, recurrence: { rrule: input.recurrence.rrule, exceptions: [] } }).series;
  if (!series) return true;
  const occurrences = occurrencesBetween(series, Temporal.Instant.from(WINDOW.from), Temporal.Instant.from(WINDOW.to));
  return occurrences.every((o) => o.start.offsetNanoseconds === o.end.offsetNanoseconds);
}
