/**
 * Feeds of random valid events, written through the API of the real service
 * (`wrangler dev` with a database of its own, scripts/local-service.ts),
 * read by Debian's python3-icalendar and python3-vobject (read-ics.py) as
 * well as by ical.js and node-ical: every one must give the occurrences the
 * API reports, the texts as typed and the calendar's whole name (issue 14).
 * The same generator as the workerd property test (test/feed-readers.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalService, applySql, startLocalService } from '../../scripts/local-service';
import { generateToken, hashToken } from '../../worker/domain/tokens';
import { canonicalTimeZone } from '../../worker/domain/zones';
import type { Event, EventInput, OccurrenceList } from '../../worker/shared/events';
import { FEED_ZONES, WINDOW, apiInstances, compared, eventIdOf, eventInputs, icalJsInstances, nodeIcalInstances, readAlikeByEveryClient } from '../feed-readers';

interface PythonReading {
  name: Record<string, string>;
  texts: Record<string, Record<string, string>>;
  occurrences: Record<string, string[]>;
}

/** What python's icalendar and vobject read from a calendar text. */
function readWithPython(text: string): { icalendar: PythonReading; vobject: PythonReading } {
  const run = spawnSync('/usr/bin/python3', [new URL('./read-ics.py', import.meta.url).pathname], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`read-ics.py failed (apt-get install python3-icalendar python3-vobject):\n${run.stderr}`);
  return JSON.parse(run.stdout) as { icalendar: PythonReading; vobject: PythonReading };
}

/** A Python reading's occurrences by event id (an all-day series' changed day has a UID of its own). */
function byEvent(reading: PythonReading, ids: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [uid, instances] of Object.entries(reading.occurrences)) {
    const id = eventIdOf(uid, ids);
    if (id) result.set(id, [...(result.get(id) ?? []), ...instances]);
  }
  for (const [id, instances] of result) result.set(id, compared(instances));
  return result;
}

let service: LocalService;
let authorization: string;

beforeAll(async () => {
  const token = generateToken();
  authorization = `Bearer ${token}`;
  const sql = join(mkdtempSync(join(tmpdir(), 'hytekello-token-')), 'token.sql');
  writeFileSync(sql, `INSERT INTO api_tokens (name, organisation_id, token_hash, created_at) SELECT 'python parsers', id, '${await hashToken(token)}', '${new Date().toISOString()}' FROM organisations WHERE slug = 'pohde';`);
  service = await startLocalService(async (persist) => applySql(persist, sql));
}, 180_000);

afterAll(() => service?.stop());

const api = (path: string, init: RequestInit = {}) => fetch(`${service.baseUrl}${path}`, { ...init, headers: { Authorization: authorization, 'Content-Type': 'application/json', ...init.headers } });

async function create(input: EventInput): Promise<Event> {
  const response = await api('/api/events', { method: 'POST', body: JSON.stringify(input) });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Event;
}

async function occurrencesOf(event: Event): Promise<string[]> {
  const list = (await (await api(`/api/events/${event.id}/occurrences?from=${WINDOW.from}&to=${WINDOW.to}&limit=500`)).json()) as OccurrenceList;
  return apiInstances(list.items, event.allDay);
}

const NAMES = FEED_ZONES;

describe('feeds read by python icalendar and vobject (Debian), ical.js and node-ical', () => {
  it('give every random valid event the occurrences and texts the API reports', async () => {
    const written: Event[] = [];
    await fc.assert(
      fc.asyncProperty(eventInputs(NAMES), async (input) => {
        fc.pre(readAlikeByEveryClient(input, canonicalTimeZone(input.timeZone!)!));
        const event = await create(input);
        written.push(event);
        const expected = await occurrencesOf(event);
        const text = await (await api(`/events/${event.id}.ics`)).text();
        const python = readWithPython(text);
        const context = `${JSON.stringify(input)}\n${text}`;
        expect(byEvent(python.icalendar, [event.id]).get(event.id) ?? [], `icalendar\n${context}`).toEqual(expected);
        expect(byEvent(python.vobject, [event.id]).get(event.id) ?? [], `vobject\n${context}`).toEqual(expected);
        expect(icalJsInstances(text, [event.id]).get(event.id) ?? [], `ical.js\n${context}`).toEqual(expected);
        expect(nodeIcalInstances(text, [event.id]).get(event.id) ?? [], `node-ical\n${context}`).toEqual(expected);
        for (const [name, reader] of Object.entries(python)) {
          // icalendar 4.0 (Debian 12) unescapes one escape at a time in a fixed order (icalendar/parser.py, unescape_char;
          // fixed in icalendar 5): an escaped backslash before n, `;` or `,` comes out as a line break or a bare `;`, `,`.
          // Its texts are compared where they have no backslash; vobject, ical.js and node-ical read those too.
          const compare = (read: string | undefined, typed: string, whole = true) => {
            if (name === 'icalendar' && typed.includes('\\')) return;
            if (whole) expect(read, `${name}\n${context}`).toBe(typed);
            else expect(read, `${name}\n${context}`).toContain(typed);
          };
          const texts = Object.entries(reader.texts).find(([uid]) => uid.startsWith(`${event.id}@`))![1];
          compare(texts.SUMMARY, event.title.fi);
          if (event.location?.place) compare(texts.LOCATION, event.location.place);
          compare(texts.DESCRIPTION, event.description.fi.replace(/\r\n?/g, '\n'), false);
          // The single-event file is named for the event, whatever its title holds (`,;\`).
          compare(reader.name.NAME, event.title.fi);
          compare(reader.name['X-WR-CALNAME'], event.title.fi);
        }
      }),
      // No shrinking: a failure is reported as found (shrinking long texts through HTTP and Python takes minutes).
      { numRuns: 25, endOnFailure: true },
    );

    // All of them in the network's feed, as a subscriber reads it.
    const text = await (await api('/calendar.ics?network=osallisuus')).text();
    const python = readWithPython(text);
    const ids = written.map((event) => event.id);
    const readings = { icalendar: byEvent(python.icalendar, ids), vobject: byEvent(python.vobject, ids) };
    for (const event of written) {
      const expected = await occurrencesOf(event);
      expect(readings.icalendar.get(event.id) ?? [], `icalendar ${event.id}`).toEqual(expected);
      expect(readings.vobject.get(event.id) ?? [], `vobject ${event.id}`).toEqual(expected);
    }
  }, 120_000);

  it('read the whole name of a feed of several filters (vobject cut it at the comma)', async () => {
    const text = await (await api('/calendar.ics?network=osallisuus&type=tyopaja')).text();
    const expected = 'Hytekello — Osallisuuden ja kehittäjäasiakkaiden verkosto, Työpaja';
    for (const reader of Object.values(readWithPython(text))) expect(reader.name).toEqual({ NAME: expected, 'X-WR-CALNAME': expected });
  });

  it('keep the spring-gap and autumn-overlap occurrences of a series where the API has them', async () => {
    const base: EventInput = { status: 'published', title: { fi: 'Yövuoro; kello 3.30' }, type: 'tyopaja', organisations: ['pohde'], start: '', end: '' };
    const spring = await create({ ...base, start: '2027-03-21T03:30', end: '2027-03-21T04:30', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } });
    const autumn = await create({ ...base, start: '2027-10-24T03:30', end: '2027-10-24T04:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } });
    expect(await occurrencesOf(spring)).toEqual([
      '2027-03-21T01:30:00Z → 2027-03-21T02:30:00Z',
      '2027-03-28T01:30:00Z → 2027-03-28T02:30:00Z',
      '2027-04-04T00:30:00Z → 2027-04-04T01:30:00Z',
    ]);
    expect(await occurrencesOf(autumn)).toEqual(['2027-10-24T00:30:00Z → 2027-10-24T01:00:00Z', '2027-10-31T00:30:00Z → 2027-10-31T01:00:00Z', '2027-11-07T01:30:00Z → 2027-11-07T02:00:00Z']);
    for (const event of [spring, autumn]) {
      const expected = await occurrencesOf(event);
      const text = await (await api(`/events/${event.id}.ics`)).text();
      const python = readWithPython(text);
      expect(byEvent(python.icalendar, [event.id]).get(event.id), 'icalendar').toEqual(expected);
      expect(byEvent(python.vobject, [event.id]).get(event.id), 'vobject').toEqual(expected);
      expect(icalJsInstances(text, [event.id]).get(event.id), 'ical.js').toEqual(expected);
      expect(nodeIcalInstances(text, [event.id]).get(event.id), 'node-ical').toEqual(expected);
    }
  });
});
