import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import apple from './fixtures/import/apple.ics?raw';
import google from './fixtures/import/google.ics?raw';
import outlook from './fixtures/import/outlook.ics?raw';
import { asBrowser, bearerFor, jsonRequest, request, rowCounts, sessionFor } from './helpers';
import worker from '../worker/index';
import { listSyncedSources } from '../worker/db/imports';
import { blockedHost, calendarUrl } from '../worker/domain/url-guard';
import { CalendarFetchError, fetchCalendar } from '../worker/platform/fetch-calendar';
import type { Event, OccurrenceInfo } from '../worker/shared/events';

afterEach(() => {
  vi.restoreAllMocks();
});

const mapping = (organisation: string) => ({ organisation, type: 'tyopaja', networks: ['osallisuus'], municipalities: ['oulu'] });

type Preview = { sourceId: number | null; summary: Record<string, number>; items: { uid: string | null; status: string; title: string | null; reason: string | null; eventId: string | null; event: unknown }[] };
type Result = { sourceId: number; summary: Record<string, number>; items: { uid: string | null; status: string; title: string | null; eventId: string | null; outcome: string; reason: string | null }[]; error?: string | null };

/** Continues a job (202) until it is done, as the UI does; its answer is what a 200 would have been. */
async function finished<T>(response: Response, authorization: string, pick: (job: { preview: T | null; result: T | null }) => T | null): Promise<T> {
  expect([200, 202], await response.clone().text()).toContain(response.status);
  if (response.status === 200) return response.json();
  let job = (await response.json()) as { id: number; state: string; preview: T | null; result: T | null };
  while (job.state === 'running') job = await (await jsonRequest('POST', `/api/imports/jobs/${job.id}/continue`, {}, { Authorization: authorization })).json();
  expect(job.state).toBe('done');
  return pick(job)!;
}

async function preview(authorization: string, body: object): Promise<Preview> {
  return finished(await jsonRequest('POST', '/api/imports/preview', body, { Authorization: authorization }), authorization, (job) => job.preview);
}

async function importNow(authorization: string, body: object): Promise<Result> {
  return finished(await jsonRequest('POST', '/api/imports', body, { Authorization: authorization }), authorization, (job) => job.result);
}

async function syncNow(authorization: string, sourceId: number): Promise<Result> {
  return finished(await jsonRequest('POST', `/api/imports/sources/${sourceId}/sync`, {}, { Authorization: authorization }), authorization, (job) => job.result);
}

async function eventOf(result: Result, uidStart: string): Promise<Event> {
  const item = result.items.find((i) => i.uid?.startsWith(uidStart));
  if (!item?.eventId) throw new Error(`no event for ${uidStart}`);
  return (await (await request(`/api/events/${item.eventId}`)).json()) as Event;
}

async function occurrences(id: string, from: string, to: string): Promise<OccurrenceInfo[]> {
  return ((await (await request(`/api/events/${id}/occurrences?from=${from}&to=${to}`)).json()) as { items: OccurrenceInfo[] }).items;
}

/** Serves calendar texts at URLs; anything else is 404. */
function serveFeeds(feeds: Record<string, () => Response | Promise<Response>>): string[] {
  const calls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(url);
    return feeds[url]?.() ?? new Response('not here', { status: 404 });
  });
  return calls;
}

describe('preview and import of a file', () => {
  it('previews every VEVENT as new, with the mapping applied, and writes nothing', async () => {
    const auth = await bearerFor('pohde');
    const before = await rowCounts();
    const result = await preview(auth, { ...mapping('pohde'), ics: outlook });
    expect(result.summary).toEqual({ new: 4, changed: 0, unchanged: 0, unparseable: 0, gone: 0 });
    expect(result.items[0]!.event).toMatchObject({ type: 'tyopaja', organisations: ['pohde'], networks: ['osallisuus'], municipalities: ['oulu'], timeZone: 'Europe/Helsinki', start: '2026-03-10T09:00' });
    expect(await rowCounts()).toEqual(before);
  });

  it('imports an Outlook series that stays at 09:00 Helsinki time over the change to summer time', async () => {
    const auth = await bearerFor('posken');
    const result = await importNow(auth, { ...mapping('posken'), ics: outlook });
    expect(result.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created', 'created']);
    const series = await eventOf(result, '040000008200E00074C5B7101A82E00800000000B0');
    expect(series).toMatchObject({ status: 'published', organisations: ['posken'], timeZone: 'Europe/Helsinki', start: '2026-03-10T09:00', onlineUrl: expect.stringContaining('teams.microsoft.com') });
    const starts = (await occurrences(series.id, '2026-03-01', '2026-05-01')).map((o) => [o.start, o.moved]);
    expect(starts).toEqual([
      ['2026-03-10T09:00:00+02:00', false],
      ['2026-03-17T09:00:00+02:00', false],
      ['2026-03-24T09:00:00+02:00', false],
      ['2026-03-31T09:00:00+03:00', false],
      ['2026-04-14T13:00:00+03:00', true],
      ['2026-04-21T09:00:00+03:00', false],
      ['2026-04-28T09:00:00+03:00', false],
    ]);
    const berlin = await eventOf(result, '040000008200E00074C5B7101A82E00800000000C0');
    expect(berlin).toMatchObject({ timeZone: 'Europe/Berlin', start: '2026-05-20T14:00', startsAt: '2026-05-20T12:00:00Z' });
    const closed = await eventOf(result, '040000008200E00074C5B7101A82E00800000000E0');
    expect(closed).toMatchObject({ allDay: true, start: '2026-06-22', end: '2026-06-26' });
  });

  it('imports Google series exceptions and cancellations, and a second import of the same file changes nothing', async () => {
    const auth = await bearerFor('takuusaatio');
    const body = { ...mapping('takuusaatio'), ics: google };
    const first = await importNow(auth, body);
    expect(first.summary).toEqual({ new: 4, changed: 0, unchanged: 0, unparseable: 1, gone: 0 });
    expect(first.items.find((i) => i.status === 'unparseable')).toMatchObject({ outcome: 'none', reason: expect.stringContaining('FREQ') });
    expect(first.items.find((i) => i.uid?.startsWith('3q9v7m2k'))).toMatchObject({ title: 'Syysseminaari', outcome: 'created' });

    const group = await eventOf(first, '7a1b2c3d');
    const list = await occurrences(group.id, '2026-01-01', '2026-07-01');
    expect(list.map((o) => [o.start, o.status, o.moved])).toEqual([
      ['2026-01-07T10:00:00+02:00', 'published', false],
      ['2026-02-04T10:00:00+02:00', 'published', false],
      ['2026-03-05T12:00:00+02:00', 'published', true],
      ['2026-04-01T10:00:00+03:00', 'published', false],
      ['2026-05-06T10:00:00+03:00', 'cancelled', false],
    ]);
    expect(await eventOf(first, '0c9b8a7f')).toMatchObject({ status: 'cancelled', start: '2026-11-04T17:00' });
    expect(await eventOf(first, '3q9v7m2k')).toMatchObject({ start: '2026-09-15T16:00', location: { place: 'Kulttuuritalo Valve, Hallituskatu 7, 90100 Oulu, Suomi' } });

    const counts = await rowCounts();
    const again = await preview(auth, body);
    expect(again.summary).toEqual({ new: 0, changed: 0, unchanged: 4, unparseable: 1, gone: 0 });
    const second = await importNow(auth, body);
    expect(second.items.every((i) => i.outcome === 'none')).toBe(true);
    expect(await rowCounts()).toEqual(counts);
  });

  it('updates an event whose time changed in the source, growing its SEQUENCE', async () => {
    const auth = await bearerFor('hop-hanke');
    const first = await importNow(auth, { ...mapping('hop-hanke'), ics: google });
    const before = await eventOf(first, '3q9v7m2k');
    const moved = google.replace('DTSTART:20260915T130000Z', 'DTSTART:20260915T120000Z');
    const plan = await preview(auth, { ...mapping('hop-hanke'), ics: moved });
    expect(plan.items.filter((i) => i.status === 'changed').map((i) => i.eventId)).toEqual([before.id]);
    const second = await importNow(auth, { ...mapping('hop-hanke'), ics: moved });
    expect(second.items.find((i) => i.eventId === before.id)).toMatchObject({ status: 'changed', outcome: 'updated' });
    const after = await eventOf(second, '3q9v7m2k');
    expect(after).toMatchObject({ id: before.id, start: '2026-09-15T15:00', sequence: before.sequence + 1 });
  });

  it('keeps an accepted co-organiser when the source changes the event (a sync used to drop it)', async () => {
    const auth = await bearerFor('hop-hanke');
    const first = await importNow(auth, { ...mapping('hop-hanke'), ics: apple });
    const before = await eventOf(first, first.items[0]!.uid!.slice(0, 8));
    const etag = (await request(`/api/events/${before.id}`)).headers.get('ETag')!;
    const invited = await jsonRequest('PATCH', `/api/events/${before.id}`, { organisations: ['hop-hanke', 'takuusaatio'] }, { Authorization: auth, 'If-Match': etag });
    expect(invited.status, await invited.clone().text()).toBe(200);
    const accepted = await request(`/api/events/${before.id}/co-organisers/takuusaatio/accept`, { method: 'POST', headers: { Authorization: await bearerFor('takuusaatio') } });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(((await (await request(`/api/events/${before.id}`)).json()) as Event).organisations).toEqual(['hop-hanke', 'takuusaatio']);
    const renamed = apple.replace(/^SUMMARY:(.*)$/m, 'SUMMARY:$1 (uusi nimi)');
    expect(renamed).not.toBe(apple);
    const second = await importNow(auth, { ...mapping('hop-hanke'), ics: renamed });
    expect(second.items.find((i) => i.eventId === before.id)).toMatchObject({ status: 'changed', outcome: 'updated' });
    const after = (await (await request(`/api/events/${before.id}`)).json()) as Event;
    expect(after.title.fi).toContain('(uusi nimi)');
    expect(after.organisations).toEqual(['hop-hanke', 'takuusaatio']);
  });

  it('accepts the file as a text/calendar body with the mapping in the query', async () => {
    const auth = await bearerFor('aluehallintovirasto');
    const response = await request('/api/imports/preview?organisation=aluehallintovirasto&type=tyopaja&network=osallisuus', { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'text/calendar; charset=utf-8' }, body: apple });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Preview;
    expect(body.summary.new).toBe(4);
  });

  it('accepts only its declared content types: text/plain, CSV and forms are 415, and nothing is written', async () => {
    const auth = await bearerFor('pohde');
    const before = await rowCounts();
    for (const path of ['/api/imports/preview', '/api/imports']) {
      for (const type of ['text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const response = await request(`${path}?organisation=pohde&type=tyopaja&network=osallisuus`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': type }, body: apple });
        expect(response.status, `${path} as ${type}`).toBe(415);
        expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a text that is no calendar, a mapping to nothing, and a body that gives neither file nor URL, naming the field', async () => {
    const auth = await bearerFor('pohde');
    const notCalendar = await jsonRequest('POST', '/api/imports/preview', { ...mapping('pohde'), ics: 'hello' }, { Authorization: auth });
    expect(notCalendar.status).toBe(422);
    expect(((await notCalendar.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('ics');
    const noType = await jsonRequest('POST', '/api/imports/preview', { ...mapping('pohde'), type: 'ei-ole', ics: outlook }, { Authorization: auth });
    expect(noType.status).toBe(422);
    expect(((await noType.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('type');
    const neither = await jsonRequest('POST', '/api/imports/preview', mapping('pohde'), { Authorization: auth });
    expect(neither.status).toBe(422);
  });
});

describe('rights', () => {
  it('lets nobody anonymous import, and organisers only into their own organisation', async () => {
    const body = { ...mapping('pohde'), ics: outlook };
    expect((await jsonRequest('POST', '/api/imports/preview', body)).status).toBe(401);
    expect((await jsonRequest('POST', '/api/imports', body)).status).toBe(401);
    expect((await request('/api/imports/sources')).status).toBe(401);
    const other = await bearerFor('posken');
    expect((await jsonRequest('POST', '/api/imports/preview', body, { Authorization: other })).status).toBe(403);
    expect((await jsonRequest('POST', '/api/imports', body, { Authorization: other })).status).toBe(403);
    const viewer = await sessionFor([{ organisation: 'pohde', role: 'viewer' }]);
    expect((await jsonRequest('POST', '/api/imports', body, asBrowser(viewer.cookie))).status).toBe(403);
    const admin = await sessionFor([{ organisation: 'posken', role: 'administrator' }]);
    expect((await jsonRequest('POST', '/api/imports/preview', body, asBrowser(admin.cookie))).status).toBe(200);
  });
});

describe('a calendar URL, synced', () => {
  const feed = 'https://kalenteri.example.org/yhdistys.ics';

  it('imports from a webcal URL, saves it for syncing, cancels events gone from it, and records the last sync', async () => {
    let text = google;
    serveFeeds({ [feed]: () => new Response(text, { headers: { 'Content-Type': 'text/calendar' } }) });
    const auth = await bearerFor('pohjois-pohjanmaan-liitto');
    const first = await importNow(auth, { ...mapping('pohjois-pohjanmaan-liitto'), url: feed.replace('https://', 'webcal://'), sync: true });
    const seminar = await eventOf(first, '3q9v7m2k');

    const sources = (await (await request('/api/imports/sources', { headers: { Authorization: auth } })).json()) as { items: { id: number; url: string; sync: boolean; lastSyncedAt: string | null; lastError: string | null }[] };
    expect(sources.items).toContainEqual(expect.objectContaining({ id: first.sourceId, url: feed, sync: true, lastSyncedAt: expect.any(String), lastError: null }));

    // The seminar leaves the feed: the sync cancels it rather than deleting it.
    text = google.replace(/BEGIN:VEVENT\r\nDTSTART:20260915T130000Z[\s\S]*?END:VEVENT\r\n/, '');
    const result = await syncNow(auth, first.sourceId);
    expect(result.error).toBeNull();
    expect(result.items.find((i) => i.eventId === seminar.id)).toMatchObject({ status: 'gone', outcome: 'cancelled' });
    const cancelled = (await (await request(`/api/events/${seminar.id}`)).json()) as Event;
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: seminar.sequence + 1 });
    expect(result.summary).toMatchObject({ unchanged: 3, gone: 1 });

    const listed = (await (await request('/api/imports/sources', { headers: { Authorization: auth } })).json()) as { items: { id: number; lastSyncedAt: string | null; lastError: string | null }[] };
    expect(listed.items.find((s) => s.id === first.sourceId)).toMatchObject({ lastSyncedAt: expect.any(String), lastError: null });
  });

  it('records the error when the feed cannot be read, and changes no event', async () => {
    let broken = false;
    const url = 'https://kalenteri.example.org/rikki.ics';
    serveFeeds({ [url]: () => (broken ? new Response('oops', { status: 500, statusText: 'Internal Server Error' }) : new Response(apple)) });
    const auth = await bearerFor('pohde');
    const first = await importNow(auth, { ...mapping('pohde'), url, sync: true });
    broken = true;
    const counts = await rowCounts();
    const synced = await syncNow(auth, first.sourceId);
    expect(synced.error).toMatch(/500/);
    expect(await rowCounts()).toEqual(counts);
    const listed = (await (await request('/api/imports/sources', { headers: { Authorization: auth } })).json()) as { items: { id: number; lastError: string | null }[] };
    expect(listed.items.find((s) => s.id === first.sourceId)!.lastError).toMatch(/500/);
  });

  it("lets only the source's organisers sync it", async () => {
    const url = 'https://kalenteri.example.org/oikeudet.ics';
    serveFeeds({ [url]: () => new Response(apple) });
    const first = await importNow(await bearerFor('posken'), { ...mapping('posken'), url });
    expect((await jsonRequest('POST', `/api/imports/sources/${first.sourceId}/sync`, {})).status).toBe(401);
    expect((await jsonRequest('POST', `/api/imports/sources/${first.sourceId}/sync`, {}, { Authorization: await bearerFor('takuusaatio') })).status).toBe(403);
    expect((await jsonRequest('POST', '/api/imports/sources/999999/sync', {}, { Authorization: await bearerFor('posken') })).status).toBe(404);
  });
});

type Source = { id: number; organisation: string; url: string | null; sync: boolean; lastSyncedAt: string | null; lastError: string | null };
type Problem = { errors?: { field: string; rule: string; message: string }[] };

/** The tables a change of a source touches. */
const SOURCE_TABLES = ['import_sources', 'imported_events', 'audit_log', 'events'];

async function sourcesOf(authorization: string): Promise<Source[]> {
  return ((await (await request('/api/imports/sources', { headers: { Authorization: authorization } })).json()) as { items: Source[] }).items;
}

/** The newest audit row about an organisation. */
function lastAuditOf(organisation: string) {
  return env.DB.prepare("SELECT action, before_json, after_json FROM audit_log WHERE entity = 'organisation' AND entity_id = ?1 ORDER BY id DESC LIMIT 1").bind(organisation).first<{ action: string; before_json: string | null; after_json: string | null }>();
}

/** Runs the worker's scheduled handler to the end. */
async function runScheduled(): Promise<void> {
  const waits: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  await worker.scheduled({ cron: '*/30 * * * *', scheduledTime: Date.now(), noRetry() {} }, env as never, ctx);
  await Promise.all(waits);
}

describe('managing sources', () => {
  it('turns the scheduled sync off and on again; the scheduled sync honours it, and each change has one audit row', async () => {
    const url = 'https://kalenteri.example.org/paalle-pois.ics';
    const calls = serveFeeds({ [url]: () => new Response(apple) });
    const auth = await bearerFor('kempeleen-kunta');
    const { sourceId } = await importNow(auth, { ...mapping('kempeleen-kunta'), url, sync: true });
    const audits = async () => (await rowCounts(['audit_log'])).audit_log!;

    const before = await audits();
    const off = await jsonRequest('PATCH', `/api/imports/sources/${sourceId}`, { sync: false }, { Authorization: auth });
    expect(off.status, await off.clone().text()).toBe(200);
    expect(await off.json()).toMatchObject({ id: sourceId, url, sync: false });
    expect(await audits()).toBe(before + 1);
    expect(JSON.parse((await lastAuditOf('kempeleen-kunta'))!.after_json!)).toMatchObject({ importSource: { url, sync: false } });
    expect((await listSyncedSources(env.DB, 1000)).map((s) => s.id)).not.toContain(sourceId);
    await env.DB.prepare('UPDATE import_sources SET last_synced_at = NULL WHERE id = ?1').bind(sourceId).run();
    calls.length = 0;
    await runScheduled();
    expect(calls).not.toContain(url);
    expect((await sourcesOf(auth)).find((s) => s.id === sourceId)).toMatchObject({ sync: false, lastSyncedAt: null });

    // Asking for what already is so writes nothing.
    expect((await jsonRequest('PATCH', `/api/imports/sources/${sourceId}`, { sync: false }, { Authorization: auth })).status).toBe(200);
    expect(await audits()).toBe(before + 1);

    const on = await jsonRequest('PATCH', `/api/imports/sources/${sourceId}`, { sync: true }, { Authorization: auth });
    expect(await on.json()).toMatchObject({ id: sourceId, sync: true });
    expect(await audits()).toBe(before + 2);
    expect((await listSyncedSources(env.DB, 1000)).map((s) => s.id)).toContain(sourceId);
    await runScheduled();
    expect(calls).toContain(url);
  });

  it('refuses to sync the uploaded files, naming `sync`, and writes nothing', async () => {
    const auth = await bearerFor('iin-kunta');
    const { sourceId } = await importNow(auth, { ...mapping('iin-kunta'), ics: apple });
    const counts = await rowCounts(SOURCE_TABLES);
    const response = await jsonRequest('PATCH', `/api/imports/sources/${sourceId}`, { sync: true }, { Authorization: auth });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors).toEqual([expect.objectContaining({ field: 'sync', rule: 'needs-url' })]);
    const notBoolean = await jsonRequest('PATCH', `/api/imports/sources/${sourceId}`, { sync: 'yes' }, { Authorization: auth });
    expect(notBoolean.status).toBe(422);
    expect(((await notBoolean.json()) as Problem).errors![0]!.field).toBe('sync');
    expect(await rowCounts(SOURCE_TABLES)).toEqual(counts);
  });

  it('forgets a source: its UID records go, the imported events stay as ordinary events, and an audit row says so', async () => {
    const auth = await bearerFor('raahen-kaupunki');
    const first = await importNow(auth, { ...mapping('raahen-kaupunki'), ics: google });
    const created = first.items.filter((i) => i.outcome === 'created').map((i) => i.eventId!);
    expect(created.length).toBe(4);
    const stored = await Promise.all(created.map(async (id) => (await (await request(`/api/events/${id}`)).json()) as Event));

    const response = await request(`/api/imports/sources/${first.sourceId}`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(response.status).toBe(204);
    expect((await sourcesOf(auth)).map((s) => s.id)).not.toContain(first.sourceId);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM imported_events WHERE source_id = ?1').bind(first.sourceId).first<{ n: number }>())!.n).toBe(0);
    for (const event of stored) {
      expect((await (await request(`/api/events/${event.id}`)).json()) as Event).toMatchObject({ id: event.id, status: event.status, sequence: event.sequence, organisations: ['raahen-kaupunki'] });
    }
    const audit = (await lastAuditOf('raahen-kaupunki'))!;
    expect(JSON.parse(audit.before_json!)).toMatchObject({ importSource: { url: '', sync: false } });
    expect(JSON.parse(audit.after_json!)).toEqual({ importSource: null });

    const counts = await rowCounts(SOURCE_TABLES);
    expect((await request(`/api/imports/sources/${first.sourceId}`, { method: 'DELETE', headers: { Authorization: auth } })).status).toBe(404);
    expect(await rowCounts(SOURCE_TABLES)).toEqual(counts);
  });

  it("lets only the source's organisers and administrators change or forget it; a refusal writes nothing", async () => {
    const url = 'https://kalenteri.example.org/hallinta.ics';
    serveFeeds({ [url]: () => new Response(apple) });
    const { sourceId } = await importNow(await bearerFor('hailuodon-kunta'), { ...mapping('hailuodon-kunta'), url, sync: true });
    const path = `/api/imports/sources/${sourceId}`;
    const viewer = await sessionFor([{ organisation: 'hailuodon-kunta', role: 'viewer' }]);
    const other = await bearerFor('takuusaatio');
    const counts = await rowCounts(SOURCE_TABLES);

    expect((await jsonRequest('PATCH', path, { sync: false })).status).toBe(401);
    expect((await request(path, { method: 'DELETE' })).status).toBe(401);
    expect((await jsonRequest('PATCH', path, { sync: false }, { Authorization: other })).status).toBe(403);
    expect((await request(path, { method: 'DELETE', headers: { Authorization: other } })).status).toBe(403);
    expect((await jsonRequest('PATCH', path, { sync: false }, asBrowser(viewer.cookie))).status).toBe(403);
    expect((await request(path, { method: 'DELETE', headers: asBrowser(viewer.cookie) })).status).toBe(403);
    expect((await jsonRequest('PATCH', '/api/imports/sources/999999', { sync: false }, { Authorization: other })).status).toBe(404);
    expect((await request('/api/imports/sources/999999', { method: 'DELETE', headers: { Authorization: other } })).status).toBe(404);
    expect(await rowCounts(SOURCE_TABLES)).toEqual(counts);

    const admin = await sessionFor([{ organisation: 'posken', role: 'administrator' }]);
    expect((await jsonRequest('PATCH', path, { sync: false }, asBrowser(admin.cookie))).status).toBe(200);
    expect((await request(path, { method: 'DELETE', headers: asBrowser(admin.cookie) })).status).toBe(204);
  });
});

describe('fetching calendars safely', () => {
  it('refuses private, loopback, link-local and local-network hosts in every spelling', () => {
    for (const address of [
      'http://localhost/a.ics',
      'http://kalenteri.localhost/a.ics',
      'http://127.0.0.1/a.ics',
      'http://2130706433/a.ics',
      'http://0x7f000001/a.ics',
      'http://0177.0.0.1/a.ics',
      'http://0.0.0.0/a.ics',
      'http://10.1.2.3/a.ics',
      'http://172.20.0.1/a.ics',
      'http://192.168.1.1/a.ics',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/a.ics',
      'http://[::1]/a.ics',
      'http://[::]/a.ics',
      'http://[::ffff:127.0.0.1]/a.ics',
      'http://[::ffff:a9fe:a9fe]/a.ics',
      'http://[fd00::1]/a.ics',
      'http://[fe80::1]/a.ics',
      'http://printer.local/a.ics',
      'http://intranet/a.ics',
      'ftp://example.org/a.ics',
      'file:///etc/passwd',
      'https://user:secret@example.org/a.ics',
    ]) {
      expect(calendarUrl(address), address).toHaveProperty('problem');
    }
    expect(calendarUrl('webcal://calendar.google.com/calendar/ical/x/basic.ics')).toEqual({ url: new URL('https://calendar.google.com/calendar/ical/x/basic.ics') });
    expect(calendarUrl('https://93.184.215.14/a.ics')).toHaveProperty('url');
    expect(blockedHost('127.0.0.1', true)).toBeNull();
    expect(blockedHost('10.0.0.1', true)).not.toBeNull();
  });

  it('refuses IPv4-translated, 6to4, local-use NAT64 and site-local IPv6 addresses', () => {
    for (const address of ['http://[::ffff:0:10.0.0.1]/a.ics', 'http://[::ffff:0:7f00:1]/a.ics', 'http://[2002:c0a8:101::1]/a.ics', 'http://[2002::1]/a.ics', 'http://[64:ff9b:1::a00:1]/a.ics', 'http://[fec0::1]/a.ics', 'http://[feff::1]/a.ics']) {
      expect(calendarUrl(address), address).toHaveProperty('problem');
    }
    expect(calendarUrl('http://[::ffff:0:5db8:d70e]/a.ics')).toHaveProperty('url');
    expect(calendarUrl('https://[2a00:1450:4026:808::200e]/a.ics')).toHaveProperty('url');
  });

  it('refuses a name that resolves to a private address, asking DNS over HTTPS, and on every redirect hop', async () => {
    const answers: Record<string, { type: number; data: string }[]> = {
      'A:sisaverkko.example.org': [{ type: 5, data: 'alias.example.org.' }, { type: 1, data: '10.0.0.5' }],
      'AAAA:v6.example.org': [{ type: 28, data: 'fd12::5' }],
      'A:julkinen.example.org': [{ type: 1, data: '93.184.215.14' }],
    };
    serveFeeds({
      'https://julkinen.example.org/cal.ics': () => new Response(apple),
      'https://julkinen.example.org/ohjaus': () => new Response(null, { status: 302, headers: { Location: 'https://sisaverkko.example.org/cal.ics' } }),
    });
    const serve = vi.mocked(globalThis.fetch).getMockImplementation()!;
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (`${url.origin}${url.pathname}` !== 'https://cloudflare-dns.com/dns-query') return serve(input, init);
      return Response.json({ Status: 0, Answer: answers[`${url.searchParams.get('type')}:${url.searchParams.get('name')}`] ?? [] });
    });
    await expect(fetchCalendar('https://sisaverkko.example.org/cal.ics')).rejects.toThrow(/resolves to .*private address \(10\.0\.0\.5\)/);
    await expect(fetchCalendar('https://v6.example.org/cal.ics')).rejects.toThrow(/private address \(\[fd12::5\]\)/);
    await expect(fetchCalendar('https://julkinen.example.org/ohjaus')).rejects.toThrow(/10\.0\.0\.5/);
    await expect(fetchCalendar('https://julkinen.example.org/cal.ics')).resolves.toContain('BEGIN:VCALENDAR');
  });

  it('fetches a name whose addresses cannot be told (DNS over HTTPS does not answer), as the runtime resolves it', async () => {
    serveFeeds({ 'https://hiljainen.example.org/cal.ics': () => new Response(apple) });
    await expect(fetchCalendar('https://hiljainen.example.org/cal.ics')).resolves.toContain('BEGIN:VCALENDAR');
  });

  it('does not follow a redirect to a private address, nor more than three', async () => {
    serveFeeds({
      'https://a.example.org/cal.ics': () => new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest' } }),
      'https://b.example.org/1': () => new Response(null, { status: 301, headers: { Location: '/2' } }),
      'https://b.example.org/2': () => new Response(null, { status: 301, headers: { Location: '/3' } }),
      'https://b.example.org/3': () => new Response(null, { status: 301, headers: { Location: '/4' } }),
      'https://b.example.org/4': () => new Response(null, { status: 301, headers: { Location: '/5' } }),
      'https://c.example.org/1': () => new Response(null, { status: 302, headers: { Location: 'https://c.example.org/cal.ics' } }),
      'https://c.example.org/cal.ics': () => new Response(apple),
    });
    await expect(fetchCalendar('https://a.example.org/cal.ics')).rejects.toThrow(/link-local/);
    await expect(fetchCalendar('https://b.example.org/1')).rejects.toThrow(/more than 3/);
    await expect(fetchCalendar('https://c.example.org/1')).resolves.toContain('BEGIN:VCALENDAR');
  });

  it('gives up on a feed that is too slow or too big', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('slow')) {
        return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      const chunk = new Uint8Array(64 * 1024).fill(65);
      let sent = 0;
      const body = new ReadableStream({
        pull(controller) {
          sent++;
          if (sent > 100) controller.close();
          else controller.enqueue(chunk);
        },
      });
      return Promise.resolve(new Response(body));
    });
    await expect(fetchCalendar('https://slow.example.org/cal.ics', { timeoutMs: 50 })).rejects.toThrow(CalendarFetchError);
    await expect(fetchCalendar('https://slow.example.org/cal.ics', { timeoutMs: 50 })).rejects.toThrow(/did not answer/);
    await expect(fetchCalendar('https://big.example.org/cal.ics', { maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than 1 MB/);
  });

  it('refuses a URL import that points inside a network before fetching anything', async () => {
    const calls = serveFeeds({});
    const auth = await bearerFor('pohde');
    const response = await jsonRequest('POST', '/api/imports/preview', { ...mapping('pohde'), url: 'http://[::ffff:127.0.0.1]:8787/cal.ics' }, { Authorization: auth });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({ field: 'url', message: expect.stringContaining('loopback') });
    expect(calls).toEqual([]);
  });
});

describe('the scheduled sync', () => {
  it('syncs saved URLs from the worker’s scheduled handler', async () => {
    const url = 'https://kalenteri.example.org/ajastettu.ics';
    const calls = serveFeeds({ [url]: () => new Response(apple) });
    const first = await importNow(await bearerFor('posken'), { ...mapping('posken'), url, sync: true });
    await env.DB.prepare('UPDATE import_sources SET last_synced_at = NULL WHERE id = ?1').bind(first.sourceId).run();
    await runScheduled();
    expect(calls.filter((c) => c === url).length).toBeGreaterThanOrEqual(2);
    const row = await env.DB.prepare('SELECT last_synced_at FROM import_sources WHERE id = ?1').bind(first.sourceId).first<{ last_synced_at: string | null }>();
    expect(row!.last_synced_at).not.toBeNull();
  });
});
