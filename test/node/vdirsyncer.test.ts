/**
 * A subscriber as a Debian user has one: vdirsyncer keeps a network's feed
 * of the real service (`wrangler dev`, scripts/local-service.ts) in a vdir
 * (its `http` storage into a `filesystem` storage), and khal shows that
 * vdir. Every event arrives once, at the local times the API reports; an
 * event changed through the API arrives changed on the next sync, in place
 * of the old one (issue 14).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalService, applySql, startLocalService } from '../../scripts/local-service';
import { Temporal } from '../../worker/domain/time';
import { generateToken, hashToken } from '../../worker/domain/tokens';
import type { Event, EventInput, OccurrenceList } from '../../worker/shared/events';

let service: LocalService;
let authorization: string;
let directory: string;

beforeAll(async () => {
  const token = generateToken();
  authorization = `Bearer ${token}`;
  directory = mkdtempSync(join(tmpdir(), 'vdirsyncer-'));
  const sql = join(directory, 'token.sql');
  writeFileSync(sql, `INSERT INTO api_tokens (name, organisation_id, token_hash, created_at) SELECT 'vdirsyncer', id, '${await hashToken(token)}', '${new Date().toISOString()}' FROM organisations WHERE slug = 'pohde';`);
  service = await startLocalService(async (persist) => applySql(persist, sql));
}, 180_000);

afterAll(() => {
  service?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) => fetch(`${service.baseUrl}${path}`, { ...init, headers: { Authorization: authorization, 'Content-Type': 'application/json', ...init.headers } });

async function create(input: EventInput): Promise<Event> {
  const response = await api('/api/events', { method: 'POST', body: JSON.stringify(input) });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Event;
}

/** An edit as an integration makes it: the event's ETag, then PATCH with If-Match. */
async function change(id: string, body: Partial<EventInput>): Promise<Event> {
  const etag = (await api(`/api/events/${id}`)).headers.get('ETag')!;
  const response = await api(`/api/events/${id}`, { method: 'PATCH', headers: { 'If-Match': etag }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`change failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Event;
}

const FROM = '2027-01-01';
const TO = '2028-01-01';
const ZONE = 'Europe/Helsinki';

/** What khal shows for the API's occurrences of an event: local start and end in Helsinki (all-day: dates), title. */
async function expectedLines(event: Event): Promise<string[]> {
  const list = (await (await api(`/api/events/${event.id}/occurrences?from=${FROM}&to=${TO}&limit=500`)).json()) as OccurrenceList;
  const local = (instant: string) => Temporal.Instant.from(instant).toZonedDateTimeISO(ZONE).toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
  return list.items.map((o) => {
    const title = `${o.status === 'cancelled' ? 'Peruttu: ' : ''}${event.title.fi}`;
    return event.allDay ? `${o.start} ${o.end} ${title}` : `${local(o.startsAt)} ${local(o.endsAt)} ${title}`;
  });
}

/** vdirsyncer (http storage → filesystem storage) and khal on that vdir, in a directory of their own. */
function subscriber(feedUrl: string) {
  const vdir = join(directory, 'calendar');
  mkdirSync(vdir, { recursive: true });
  const vdirsyncerConfig = join(directory, 'vdirsyncer.conf');
  writeFileSync(
    vdirsyncerConfig,
    [
      '[general]',
      `status_path = "${join(directory, 'status')}/"`,
      '',
      '[pair network]',
      'a = "network_feed"',
      'b = "network_vdir"',
      'collections = null',
      'conflict_resolution = "a wins"',
      '',
      '[storage network_feed]',
      'type = "http"',
      `url = "${feedUrl}"`,
      '',
      '[storage network_vdir]',
      'type = "filesystem"',
      `path = "${vdir}/"`,
      'fileext = ".ics"',
      '',
    ].join('\n'),
  );
  const khalConfig = join(directory, 'khal.conf');
  writeFileSync(
    khalConfig,
    [
      '[calendars]',
      '[[network]]',
      `path = ${vdir}`,
      'type = calendar',
      '[locale]',
      'timeformat = %H:%M',
      'dateformat = %Y-%m-%d',
      'longdateformat = %Y-%m-%d',
      'datetimeformat = %Y-%m-%d %H:%M',
      'longdatetimeformat = %Y-%m-%d %H:%M',
      `local_timezone = ${ZONE}`,
      `default_timezone = ${ZONE}`,
      '[sqlite]',
      `path = ${join(directory, 'khal.db')}`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  const vdirsyncer = (...args: string[]) => execFileSync('vdirsyncer', ['-c', vdirsyncerConfig, ...args], { encoding: 'utf8', env, input: '', stdio: 'pipe' });
  vdirsyncer('discover');
  return {
    sync: () => vdirsyncer('sync'),
    files: () => readdirSync(vdir).filter((name) => name.endsWith('.ics')),
    // Every occurrence; an event of several days is listed under each of its days, the same line.
    list: () => [
      ...new Set(
        execFileSync('khal', ['-c', khalConfig, 'list', '--format', '{start} {end} {title}', '--day-format', '', FROM, '2027-12-31'], { encoding: 'utf8', env })
          .split('\n')
          .filter(Boolean),
      ),
    ].sort(),
  };
}

describe('a network feed kept by vdirsyncer and shown by khal', () => {
  it('holds every event once at the local times the API reports, and a change made through the API arrives in place of the old event', async () => {
    const base = { status: 'published' as const, type: 'tyopaja', organisations: ['pohde'], networks: ['mielen-hyvinvointi'] };
    const events = [
      await create({ ...base, title: { fi: 'Mielen hyvinvoinnin foorumi; osa 1, kevät \\ syksy' }, start: '2027-03-10T09:00', end: '2027-03-10T12:00', description: { fi: 'Rivi yksi\nRivi kaksi 🌍' } }),
      // A zone of its own: khal shows it at Helsinki time.
      await create({ ...base, title: { fi: 'Verkkotapaaminen New Yorkista' }, timeZone: 'America/New_York', start: '2027-04-15T08:30', end: '2027-04-15T09:30' }),
      await create({
        ...base,
        title: { fi: 'Viikkotapaaminen' },
        start: '2027-03-16T09:00',
        end: '2027-03-16T10:00',
        recurrence: {
          rrule: 'FREQ=WEEKLY;COUNT=5',
          exceptions: [
            { occurrence: '2027-03-23T09:00', kind: 'moved', start: '2027-03-24T13:00', end: '2027-03-24T14:00' },
            { occurrence: '2027-03-30T09:00', kind: 'cancelled' },
            { occurrence: '2027-04-06T09:00', kind: 'removed' },
          ],
        },
      }),
      await create({ ...base, title: { fi: 'Hyvinvointiviikko' }, allDay: true, start: '2027-09-06', end: '2027-09-10' }),
    ];
    const client = subscriber(`${service.baseUrl}/calendar.ics?network=mielen-hyvinvointi`);
    client.sync();
    expect(client.files()).toHaveLength(events.length);
    const expected = async () => (await Promise.all(events.map(expectedLines))).flat().sort();
    expect(client.list()).toEqual(await expected());
    expect(client.list()).toContain('2027-04-15 15:30 2027-04-15 16:30 Verkkotapaaminen New Yorkista');

    // The forum moves and is renamed; the weekly meeting's moved day moves again.
    events[0] = await change(events[0]!.id, { title: { fi: 'Mielen hyvinvoinnin foorumi (siirretty)' }, start: '2027-03-11T13:00', end: '2027-03-11T15:30' });
    events[2] = await change(events[2]!.id, {
      recurrence: {
        rrule: 'FREQ=WEEKLY;COUNT=5',
        exceptions: [
          { occurrence: '2027-03-23T09:00', kind: 'moved', start: '2027-03-25T10:00', end: '2027-03-25T11:00' },
          { occurrence: '2027-03-30T09:00', kind: 'cancelled' },
          { occurrence: '2027-04-06T09:00', kind: 'removed' },
        ],
      },
    });

    client.sync();
    expect(client.files()).toHaveLength(events.length);
    const shown = client.list();
    expect(shown).toEqual(await expected());
    expect(shown).toContain('2027-03-11 13:00 2027-03-11 15:30 Mielen hyvinvoinnin foorumi (siirretty)');
    expect(shown.filter((line) => line.includes('foorumi'))).toHaveLength(1);
    expect(shown).toContain('2027-03-25 10:00 2027-03-25 11:00 Viikkotapaaminen');
    expect(shown.some((line) => line.startsWith('2027-03-24'))).toBe(false);
  }, 120_000);
});
