/**
 * No input breaks a feed (issue 14, the input and text half): what an
 * organiser or an imported calendar gives is validated, stored and written
 * so that every calendar client reads the same thing. One test per defect
 * of the issue, through the API with real D1.
 */
import { applyD1Migrations, env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseCalendar, zoneOfTzid } from '../worker/domain/ics-import';
import { acceptedTimeZones, canonicalTimeZone, vtimezoneOf } from '../worker/domain/zones';
import { Temporal } from '../worker/domain/time';
import type { Event, OccurrenceList } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import { bearerFor, createEvent, jsonRequest, request, rowCounts, workshop } from './helpers';

/** '+02:00', '+0200' and '+02' alike, as '+0200'; '-00:00' as '+0000'. */
const normalOffset = (offset: string) => {
  const digits = offset.replace(':', '');
  return (digits.length === 3 ? `${digits}00` : digits).replace(/^-0000$/, '+0000');
};

async function refused(body: unknown): Promise<Problem> {
  const before = await rowCounts();
  const response = await jsonRequest('POST', '/api/events', body, { Authorization: await bearerFor('pohde') });
  expect(response.status).toBe(422);
  const problem = (await response.json()) as Problem;
  expect(await rowCounts()).toEqual(before);
  return problem;
}

/** The TZIDs that DTSTART, DTEND, EXDATE and RECURRENCE-ID name, and the VTIMEZONEs of a calendar text. */
function zonesOfText(text: string): { used: string[]; defined: string[] } {
  const unfolded = text.replaceAll('\r\n ', '');
  return {
    used: [...new Set([...unfolded.matchAll(/^[A-Z-]+;TZID=([^:;]+)[:;]/gm)].map((m) => m[1]!))].sort(),
    defined: [...unfolded.matchAll(/^TZID:(.*)$/gm)].map((m) => m[1]!.trim()),
  };
}

describe('time zones are IANA names, stored by their one name', () => {
  it('refuses a UTC offset (+02:00 emptied every subscriber’s calendar) and unknown names with a 422 naming timeZone', async () => {
    for (const timeZone of ['+02:00', 'UTC+2', '-0500', 'Europe/Helsingfors', 'Mars/Olympus_Mons', 'FLE Standard Time', '']) {
      const problem = await refused(workshop({ timeZone }));
      const issue = problem.errors?.find((e) => e.field === 'timeZone');
      expect(issue, `${timeZone}: ${JSON.stringify(problem.errors)}`).toMatchObject({ rule: 'time-zone', message: expect.stringContaining('`timeZone`') });
    }
    const offset = await refused(workshop({ timeZone: '+02:00' }));
    expect(offset.errors![0]!.message).toContain('UTC offset');
  });

  it('stores aliases and odd casing by the canonical name (a TZID without its VTIMEZONE showed 09:00 for 16:00)', async () => {
    const authorization = await bearerFor('pohde');
    const cases: [string, string][] = [
      ['US/Eastern', 'America/New_York'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['GMT', 'UTC'],
      ['Etc/GMT', 'UTC'],
      ['Etc/UTC', 'UTC'],
      ['UTC', 'UTC'],
      ['europe/helsinki', 'Europe/Helsinki'],
      ['AMERICA/ARGENTINA/BUENOS_AIRES', 'America/Argentina/Buenos_Aires'],
      ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
      // A zone of its own in CLDR, merged into Europe/Berlin by IANA only because their clocks agree since 1970.
      ['Europe/Stockholm', 'Europe/Stockholm'],
    ];
    for (const [given, stored] of cases) {
      const { event } = await createEvent(authorization, workshop({ timeZone: given, start: '2026-10-06T09:00', end: '2026-10-06T16:00' }));
      expect(event.timeZone, given).toBe(stored);
      const expected = Temporal.PlainDateTime.from('2026-10-06T09:00').toZonedDateTime(stored).toInstant().toString();
      expect(event.startsAt, given).toBe(expected);
      const text = await (await request(`/events/${event.id}.ics`)).text();
      const { used, defined } = zonesOfText(text);
      if (stored === 'UTC') {
        // UTC times are written as such ('…Z'), which every client reads.
        expect(used, given).toEqual([]);
        expect(text, given).toContain('DTSTART:20261006T090000Z');
      } else {
        expect(used, given).toEqual([stored]);
        expect(defined, given).toContain(stored);
      }
    }
  });

  it('writes one VTIMEZONE per zone, and one for every TZID, when an alias and its canonical name are both given', async () => {
    const authorization = await bearerFor('pohde');
    const network = 'hyvinvointiyhdyshenkilot';
    for (const timeZone of ['Europe/Kiev', 'Europe/Kyiv', 'europe/kyiv', 'US/Eastern', 'America/New_York', 'GMT', 'UTC']) {
      await createEvent(authorization, workshop({ timeZone, networks: [network], recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: [{ occurrence: '2026-10-13T09:00', kind: 'removed' }] } }));
    }
    const text = await (await request(`/calendar.ics?network=${network}`)).text();
    const { used, defined } = zonesOfText(text);
    expect(defined.length).toBe(new Set(defined).size);
    for (const zone of used) expect(defined, zone).toContain(zone);
    // Seven names, three zones; UTC times are written in UTC.
    expect(used).toEqual(['America/New_York', 'Europe/Kyiv']);
    expect(text.replaceAll('\r\n ', '')).toContain('EXDATE:20261013T090000Z');
    // ical.js reads the whole calendar, every zone with its rules.
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(defined);
  });

  it('accepts only zones that timezones-ical-library has a VTIMEZONE for and that Temporal knows here, every one canonical', () => {
    const zones = acceptedTimeZones();
    expect(zones.length).toBeGreaterThan(400);
    for (const zone of zones) {
      expect(canonicalTimeZone(zone), zone).toBe(zone);
      expect(vtimezoneOf(zone), zone).toMatch(new RegExp(`^BEGIN:VTIMEZONE\\r\\nTZID:${zone.replace(/[+]/g, '\\+')}\\r\\n`));
      expect(() => Temporal.Now.instant().toZonedDateTimeISO(zone), zone).not.toThrow();
    }
    // What Intl lists here (the zone picker of the UI) is accepted too.
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(canonicalTimeZone(zone), zone).not.toBeNull();
  });

  it('maps the zones of imported calendars the same way (they kept such names too)', () => {
    expect(zoneOfTzid('US/Eastern')).toBe('America/New_York');
    expect(zoneOfTzid('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(zoneOfTzid('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(zoneOfTzid('Etc/GMT')).toBe('UTC');
    expect(zoneOfTzid('GMT')).toBe('UTC');
    expect(zoneOfTzid('Z')).toBe('UTC');
    expect(zoneOfTzid('europe/helsinki')).toBe('Europe/Helsinki');
    expect(zoneOfTzid('/mozilla.org/20070129_1/Europe/Kiev')).toBe('Europe/Kyiv');
    expect(zoneOfTzid('Coordinated Universal Time')).toBe('UTC');
    const calendar = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
      'BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=US/Eastern:20261006T090000', 'DTEND;TZID=US/Eastern:20261006T100000', 'SUMMARY:Alias', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=Etc/GMT:20261006T090000', 'DTEND;TZID=Etc/GMT:20261006T100000', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:GMT', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const parsed = parseCalendar(calendar);
    expect(parsed.unparseable).toEqual([]);
    expect(parsed.events.map((e) => [e.uid, e.timeZone])).toEqual([['a', 'America/New_York'], ['b', 'UTC']]);
  });

  it('has migration 0014 map every name as the API does here (its table was generated by canonicalTimeZone())', () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0014_'))!;
    const pairs = migration.queries.filter((query) => query.includes('INSERT INTO zone_names')).flatMap((query) => [...query.matchAll(/\('([^']+)', '([^']+)'\)/g)].map((m) => [m[1]!, m[2]!] as const));
    expect(pairs.length).toBeGreaterThan(600);
    for (const [name, zone] of pairs) {
      // An offset becomes a zone of that offset (checked in winter and summer).
      if (/^[+-]/.test(name)) {
        for (const day of ['2050-01-15', '2050-07-15']) expect(normalOffset(Temporal.PlainDate.from(day).toZonedDateTime(zone).offset), name).toBe(normalOffset(name));
      } else expect(canonicalTimeZone(name), name).toBe(zone);
    }
  });

  it('canonicalises zones stored by earlier versions (migration 0014), keeping every instant', async () => {
    const db = env.UPGRADE_DB;
    const migrations = env.TEST_MIGRATIONS;
    const at = migrations.findIndex((m) => m.name.startsWith('0014_'));
    expect(at).toBeGreaterThan(0);
    await applyD1Migrations(db, migrations.slice(0, at));
    const zones = ['US/Eastern', 'europe/helsinki', 'Asia/Calcutta', 'GMT', '+02:00', 'Europe/Helsinki', 'Europe/Stockholm', 'Mars/Olympus'];
    await db.batch([
      ...zones.map((zone, i) =>
        db.prepare(
          `INSERT INTO events (id, status, title_fi, event_type_id, time_zone, all_day, start_local, end_local, starts_at, ends_at, span_start, span_end, languages, sequence, revision, created_at, updated_at)
           VALUES (?1, 'published', 'Tapahtuma', 1, ?2, 0, '2026-10-06T09:00', '2026-10-06T10:00', '2026-10-06T06:00:00Z', '2026-10-06T07:00:00Z', '2026-10-06T06:00:00Z', '2026-10-06T07:00:00Z', 'fi', 0, 'rev', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
        ).bind(`e${i}`, zone),
      ),
      db.prepare("INSERT INTO event_components (event_id, language, context, text) VALUES ('e0', 'fi', 'c', 'DTSTART;TZID=US/Eastern:20261006T090000'), ('e5', 'fi', 'c', 'kept')"),
      db.prepare("INSERT INTO event_networks (event_id, network_id) SELECT 'e0', id FROM networks WHERE slug = 'osallisuus'"),
    ]);
    // Event writes only: a later migration records its change of the regional clock too.
    const version = async () => (await db.prepare("SELECT max(id) AS id FROM audit_log WHERE entity = 'event'").first<{ id: number | null }>())!.id ?? 0;
    const before = await version();
    await applyD1Migrations(db, migrations);
    const rows = (await db.prepare('SELECT id, time_zone, starts_at, revision FROM events ORDER BY id').all<{ id: string; time_zone: string; starts_at: string; revision: string }>()).results;
    expect(rows.map((r) => r.time_zone)).toEqual(['America/New_York', 'Europe/Helsinki', 'Asia/Kolkata', 'UTC', 'Etc/GMT-2', 'Europe/Helsinki', 'Europe/Stockholm', 'Mars/Olympus']);
    expect(rows.every((r) => r.starts_at === '2026-10-06T06:00:00Z')).toBe(true);
    expect(rows.filter((r) => r.revision !== 'rev').map((r) => r.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    // Changed events are audited (the data version grows, so feeds are built anew) and their stored texts dropped.
    expect((await version()) - before).toBe(5);
    expect((await db.prepare('SELECT event_id FROM event_components').all<{ event_id: string }>()).results.map((r) => r.event_id)).toEqual(['e5']);
    expect(await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('zone_names', 'zone_changes')").first('n')).toBe(0);
    // The feeds of the changed events get new validators (the triggers of migration 0013).
    expect(await db.prepare("SELECT version FROM feed_versions WHERE kind = 'type' AND slug = (SELECT slug FROM event_types WHERE id = 1)").first('version')).toBe(await version());
    expect(await db.prepare("SELECT version FROM feed_versions WHERE kind = 'all'").first('version')).toBe(await version());
    expect(await db.prepare("SELECT version FROM feed_versions WHERE kind = 'network' AND slug = 'osallisuus'").first('version')).toBe(before + 1);
  });
});

describe('line separators other than CR and LF', () => {
  const separators = { 'U+2028': '\u2028', 'U+2029': '\u2029', 'U+0085': '\u0085' };

  it('are refused in one-line titles and multi-line descriptions alike, naming the field and the rule (vdirsyncer split lines there)', async () => {
    for (const [name, character] of Object.entries(separators)) {
      const problem = await refused(workshop({ title: { fi: `Otsikko${character}toinen rivi` }, description: { fi: `Kuvaus${character}jatkuu`, sv: `Beskrivning${character}fortsätter` }, location: { place: `Paikka${character}x` } }));
      for (const field of ['title.fi', 'description.fi', 'description.sv', 'location.place']) {
        const issue = problem.errors?.find((e) => e.field === field && e.rule === 'line-separator');
        expect(issue, `${name} in ${field}: ${JSON.stringify(problem.errors)}`).toBeDefined();
        expect(issue!.message).toContain(`\`${field}\``);
      }
    }
    // Everywhere text is taken: a cancellation reason, a clock item.
    const authorization = await bearerFor('pohde');
    const { event } = await createEvent(authorization, workshop());
    const cancel = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Syy\u2028toinen' }, { Authorization: authorization });
    expect(cancel.status).toBe(422);
    expect(((await cancel.json()) as Problem).errors).toContainEqual(expect.objectContaining({ field: 'reason', rule: 'line-separator' }));
    const item = await jsonRequest('POST', '/api/clock/items', { ring: 'maakunta', kind: 'annual', title: { fi: 'Kohta\u0085' }, span: { startMonth: 3, endMonth: 4 } }, { Authorization: authorization });
    expect(item.status).toBe(422);
    expect(((await item.json()) as Problem).errors).toContainEqual(expect.objectContaining({ field: 'title.fi', rule: 'line-separator' }));
  });

  it('become ordinary line breaks in imported texts (and a title stays one line), so the event is kept', () => {
    const calendar = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
      'BEGIN:VEVENT', 'UID:sep', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=Europe/Helsinki:20261006T090000', 'DTEND;TZID=Europe/Helsinki:20261006T100000',
      'SUMMARY:Eka\u2028toka\u0085kolmas', 'DESCRIPTION:Rivi\u2028rivi\u0085rivi\u2029kappale\u000bpystysarkain', 'LOCATION:Sali\u2029B', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const [event] = parseCalendar(calendar).events;
    expect(event).toMatchObject({ title: 'Eka, toka, kolmas', description: 'Rivi\nrivi\nrivi\n\nkappale\npystysarkain', place: 'Sali, B' });
  });
});

describe('the calendar name is TEXT, escaped as RFC 5545 3.3.11 says', () => {
  // ical.js keeps properties it does not know (NAME, X-WR-CALNAME) as written; unescaped as RFC 5545 3.3.11 says.
  const nameOf = (text: string, property: string) =>
    String(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue(property)).replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));

  it('in a feed of several filters, whose name has a comma (vobject cut the name there)', async () => {
    const response = await request('/calendar.ics?network=osallisuus&type=tyopaja');
    const text = (await response.text()).replaceAll('\r\n ', '');
    const name = text.match(/^X-WR-CALNAME:(.*)$/m)![1]!;
    expect(name).toMatch(/^Hytekello — [^,]+\\, [^,]+$/);
    expect(text).toContain(`\r\nNAME:${name}\r\n`);
    expect(nameOf(text, 'x-wr-calname')).toBe(name.replace('\\,', ','));
    expect(nameOf(text, 'name')).toBe(name.replace('\\,', ','));
  });

  it('in a single-event .ics whose title has ; , and \\', async () => {
    const title = 'Työpaja; osa 1, kevät \\ syksy';
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: title } }));
    const text = (await (await request(`/events/${event.id}.ics`)).text()).replaceAll('\r\n ', '');
    expect(text).toContain('\r\nX-WR-CALNAME:Työpaja\\; osa 1\\, kevät \\\\ syksy\r\n');
    expect(nameOf(text, 'x-wr-calname')).toBe(title);
    expect(nameOf(text, 'name')).toBe(title);
  });
});

describe('feeds with reminders or another way of showing cancellations', () => {
  it('keep an event whose title or place is "END:VEVENT" whole (the reminder was written into its SUMMARY and the calendar broke)', async () => {
    const authorization = await bearerFor('pohde');
    const { event } = await createEvent(authorization, workshop({ title: { fi: 'END:VEVENT' }, location: { place: 'END:VEVENT' }, networks: ['elintapaohjaus'] }));
    for (const variant of ['alarm=PT1H', 'cancelled=mark&alarm=PT15M', 'cancelled=hide&alarm=P1D']) {
      const text = await (await request(`/calendar.ics?network=elintapaohjaus&${variant}`)).text();
      const vevent = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').find((v) => String(v.getFirstPropertyValue('uid')).startsWith(`${event.id}@`))!;
      expect(vevent.getFirstPropertyValue('summary'), variant).toBe('END:VEVENT');
      expect(vevent.getFirstPropertyValue('location'), variant).toBe('END:VEVENT');
      expect(vevent.getAllSubcomponents('valarm'), variant).toHaveLength(1);
      expect(text.split('\r\n').filter((line) => line === 'END:VEVENT').length, variant).toBe(text.split('\r\n').filter((line) => line === 'BEGIN:VEVENT').length);
    }
  });
});

describe('RSS and Atom', () => {
  // The hostile titles of the fuzz suite.
  const hostile = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(1)>', 'x ]]> <b>y</b>', "'; DROP TABLE events; --", '&lt;img src=x onerror=alert(1)&gt;'];

  it('write titles and summaries as escaped text: an organiser’s <img onerror> never reaches a reader as markup', async () => {
    const authorization = await bearerFor('posken');
    const tomorrow = Temporal.Now.plainDateISO('Europe/Helsinki').add({ days: 1 }).toString();
    for (const [i, title] of hostile.entries()) {
      await createEvent(authorization, workshop({ title: { fi: title }, location: { place: `<b>Sali ${i}</b>` }, organisations: ['posken'], start: `${tomorrow}T1${i}:00`, end: `${tomorrow}T1${i}:30` }));
    }
    for (const format of ['rss', 'atom'] as const) {
      const text = await (await request(`/feed.${format}?organisation=posken`)).text();
      // Markup is only what the feed itself writes: its own elements, and <p>/<br> of the content.
      const markup = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/<\/?(p|br)>/g, ''));
      expect(markup, format).not.toMatch(/<(img|script|svg|b)\b/i);
      for (const title of hostile) {
        const escaped = title.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
        expect(text.replaceAll(']]]]><![CDATA[>', ']]>'), `${format}: ${title}`).toContain(escaped);
      }
    }
    // JSON Feed titles are plain text by definition: given as typed.
    const json = (await (await request('/feed.json?organisation=posken')).json()) as { items: { title: string }[] };
    expect(json.items.map((item) => item.title)).toEqual(expect.arrayContaining(hostile));
  });
});

describe('daylight saving time, as RFC 5545 3.3.5 reads local times', () => {
  const occurrences = async (event: Event, from: string, to: string) =>
    ((await (await request(`/api/events/${event.id}/occurrences?from=${from}&to=${to}`)).json()) as OccurrenceList).items;

  it('keeps the occurrence of a weekly 03:30 Helsinki series in the spring-forward gap, at 01:30Z (it was lost)', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2027-03-21T03:30', end: '2027-03-21T04:30', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }));
    const items = await occurrences(event, '2027-03-01', '2027-05-01');
    expect(items.map((o) => [o.startsAt, o.endsAt])).toEqual([
      ['2027-03-21T01:30:00Z', '2027-03-21T02:30:00Z'],
      ['2027-03-28T01:30:00Z', '2027-03-28T02:30:00Z'],
      ['2027-04-04T00:30:00Z', '2027-04-04T01:30:00Z'],
    ]);
    expect(items[1]).toMatchObject({ recurrenceId: '2027-03-28T03:30', start: '2027-03-28T04:30:00+03:00' });
    // And the feed says so to ical.js (Thunderbird), which read it with the summer offset.
    const text = await (await request(`/events/${event.id}.ics`)).text();
    expect(icalStarts(text, event.id)).toEqual(['2027-03-21T01:30:00Z', '2027-03-28T01:30:00Z', '2027-04-04T00:30:00Z']);
  });

  it('uses the first of the two 03:30s of the autumn night, in the API and in the feed', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2027-10-24T03:30', end: '2027-10-24T04:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }));
    const items = await occurrences(event, '2027-10-01', '2027-12-01');
    expect(items.map((o) => o.startsAt)).toEqual(['2027-10-24T00:30:00Z', '2027-10-31T00:30:00Z', '2027-11-07T01:30:00Z']);
    expect(items[1]!.start).toBe('2027-10-31T03:30:00+03:00');
    const text = await (await request(`/events/${event.id}.ics`)).text();
    expect(icalStarts(text, event.id)).toEqual(['2027-10-24T00:30:00Z', '2027-10-31T00:30:00Z', '2027-11-07T01:30:00Z']);
  });

  it('refuses a single event 03:30–04:30 on the gap night saying why, not "end before start"', async () => {
    const problem = await refused(workshop({ start: '2027-03-28T03:30', end: '2027-03-28T04:30' }));
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'start', rule: 'nonexistent-time', message: expect.stringMatching(/`start` 2027-03-28T03:30 does not exist in Europe\/Helsinki: the clocks go from 03:00 to 04:00.*read it as 04:30/) }),
    ]);
  });

  it('accepts a single event that starts in the gap and ends later, with the times RFC 5545 gives, in the API and the feed', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2027-03-28T03:30', end: '2027-03-28T05:00' }));
    expect([event.startsAt, event.endsAt]).toEqual(['2027-03-28T01:30:00Z', '2027-03-28T02:00:00Z']);
    const text = await (await request(`/events/${event.id}.ics`)).text();
    expect(icalStarts(text, event.id)).toEqual(['2027-03-28T01:30:00Z']);
  });

  it('reads a single event in the autumn overlap as the first of the two times, in the API and the feed', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2027-10-31T03:30', end: '2027-10-31T04:30' }));
    expect([event.startsAt, event.endsAt]).toEqual(['2027-10-31T00:30:00Z', '2027-10-31T02:30:00Z']);
    const text = await (await request(`/events/${event.id}.ics`)).text();
    // Clients read a local time shown twice as the second one: the feed gives it in UTC.
    expect(text).toContain('DTSTART:20271031T003000Z');
    expect(icalStarts(text, event.id)).toEqual(['2027-10-31T00:30:00Z']);
  });
});

/** The starts of an event's occurrences as ical.js expands the calendar, with overrides and exclusions. */
function icalStarts(text: string, id: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v, { strictExceptions: true, exceptions: [] })).filter((e) => e.uid.startsWith(id));
  const master = events.find((e) => !e.isRecurrenceException())!;
  for (const exception of events.filter((e) => e.isRecurrenceException())) master.relateException(exception);
  if (!master.isRecurring()) return [master.startDate.toJSDate().toISOString().replace('.000', '')];
  const iterator = master.iterator();
  const starts: string[] = [];
  for (let next = iterator.next(); next && starts.length < 50; next = iterator.next()) starts.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString().replace('.000', ''));
  return starts.sort();
}
