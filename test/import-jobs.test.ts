/**
 * Imports and syncs in bounded steps: a calendar becomes a job that the
 * client's requests and the Cron Trigger continue; the result is the same
 * as one pass, no event is written twice, and one source cannot hold up
 * the others. Hostile calendars get their answers without a 5xx.
 */
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customZones, endlessDaily, manyExdates, singles, vevent, yearlyThousand } from '../scripts/import-calendars';
import { parseCalendar } from '../worker/domain/ics-import';
import { planImport } from '../worker/domain/import-plan';
import { STEPS_PER_JOB_PER_RUN, stepJob } from '../worker/services/imports';
import type { ImportJob, ImportResult } from '../worker/shared/imports';
import worker from '../worker/index';
import { bearerFor, jsonRequest, request } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const mapping = (organisation: string) => ({ organisation, type: 'tyopaja', networks: ['osallisuus'], municipalities: ['oulu'] });

/** Starts an import (or preview) of a text; the first answer, 200 or 202. */
async function begin(authorization: string, path: '/api/imports' | '/api/imports/preview', organisation: string, ics: string) {
  // As a file (text/calendar): a 256 KiB calendar inside JSON would be more than the body limit.
  const response = await request(`${path}?organisation=${organisation}&type=tyopaja&network=osallisuus&municipality=oulu`, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'text/calendar' }, body: ics });
  expect([200, 202], await response.clone().text()).toContain(response.status);
  return { status: response.status, location: response.headers.get('Location'), body: (await response.json()) as ImportJob & ImportResult };
}

/** Continues a job until it is done, as the UI does; returns it and the number of requests. */
async function untilDone(authorization: string, id: number): Promise<{ job: ImportJob; steps: number }> {
  for (let steps = 1; steps < 2000; steps++) {
    const response = await jsonRequest('POST', `/api/imports/jobs/${id}/continue`, {}, { Authorization: authorization });
    expect(response.status).toBe(200);
    const job = (await response.json()) as ImportJob;
    if (job.state !== 'running') return { job, steps };
  }
  throw new Error('the job did not finish');
}

async function imported(sourceId: number) {
  return (await env.DB.prepare('SELECT count(*) AS links, count(DISTINCT event_id) AS events FROM imported_events WHERE source_id = ?1').bind(sourceId).first<{ links: number; events: number }>())!;
}

/** Runs the worker's scheduled handler to the end. */
async function runScheduled(): Promise<void> {
  const waits: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  await worker.scheduled({ cron: '*/30 * * * *', scheduledTime: Date.now(), noRetry() {} }, env as never, ctx);
  await Promise.all(waits);
}

/** Serves calendar texts at URLs; anything else is 404. */
function serveFeeds(feeds: Record<string, () => Response>) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    return feeds[url]?.() ?? new Response('not here', { status: 404 });
  });
}

describe('an import in steps', () => {
  // A thousand events written one by one, twice: on a busy machine more than the default minute.
  it('imports 1,000 events in several requests, each event once, as one pass would plan them', async () => {
    const auth = await bearerFor('posken');
    const calendar = singles(start);
    const first = await begin(auth, '/api/imports', 'posken', calendar.text);
    expect(first.status).toBe(202);
    expect(first.location).toBe(`/api/imports/jobs/${first.body.id}`);
    expect(first.body).toMatchObject({ kind: 'import', state: 'running', total: 1000 });
    expect(first.body.processed).toBeGreaterThan(0);
    expect(first.body.processed).toBeLessThan(1000);
    expect(first.body.outcomes.created).toBe(first.body.processed);

    const { job, steps } = await untilDone(auth, first.body.id);
    expect(steps).toBeGreaterThan(5);
    expect(job).toMatchObject({ state: 'done', processed: 1000, total: 1000, outcomes: { created: 1000, updated: 0, cancelled: 0, none: 0, failed: 0 } });
    const result = job.result!;
    expect(result.summary).toEqual({ new: 1000, changed: 0, unchanged: 0, unparseable: 0, gone: 0 });
    const onePass = await planImport(parseCalendar(calendar.text), mapping('posken'), new Map(), false);
    expect(result.items.map((item) => [item.uid, item.title, item.status])).toEqual(onePass.map((item) => [item.uid, item.title, item.status]));
    expect(new Set(result.items.map((item) => item.eventId)).size).toBe(1000);
    expect(await imported(result.sourceId)).toEqual({ links: 1000, events: 1000 });

    // The job can be read again later, without doing anything.
    const again = (await (await request(`/api/imports/jobs/${job.id}`, { headers: { Authorization: auth } })).json()) as ImportJob;
    expect(again.result!.items).toHaveLength(1000);
    // Importing the same file again: 1,000 unchanged, nothing written.
    const second = await begin(auth, '/api/imports', 'posken', calendar.text);
    const done = second.status === 200 ? (second.body as ImportResult) : (await untilDone(auth, second.body.id)).job.result!;
    expect(done.summary.unchanged).toBe(1000);
    expect(await imported(result.sourceId)).toEqual({ links: 1000, events: 1000 });
  }, 180_000);

  it('a preview in steps writes no event and lists every event', async () => {
    const auth = await bearerFor('hop-hanke');
    const events = async () => (await env.DB.prepare('SELECT count(*) AS n FROM events').first<{ n: number }>())!.n;
    const before = await events();
    const first = await begin(auth, '/api/imports/preview', 'hop-hanke', endlessDaily(start, 300).text);
    expect(first.status).toBe(202);
    const { job } = await untilDone(auth, first.body.id);
    expect(job.preview!.summary.new).toBe(300);
    expect(job.preview!.items[0]!.event).toMatchObject({ recurrence: { rrule: 'FREQ=DAILY' }, organisations: ['hop-hanke'] });
    expect(await events()).toBe(before);
  });

  it('a step repeated after it died half-way, or run twice at once, writes no event twice', async () => {
    const auth = await bearerFor('takuusaatio');
    const first = await begin(auth, '/api/imports', 'takuusaatio', singles(start, 300).text);
    const id = first.body.id;
    // Two continues at once: one step works, the other finds the job held and answers as it is.
    const [a, b] = await Promise.all([1, 2].map(() => jsonRequest('POST', `/api/imports/jobs/${id}/continue`, {}, { Authorization: auth })));
    expect([a!.status, b!.status]).toEqual([200, 200]);
    // A step that wrote events but died before it could say how far it got: its lease runs out, the position is behind.
    await env.DB.prepare('UPDATE import_jobs SET position = 0, lease_until = ?2 WHERE id = ?1').bind(id, new Date(Date.now() - 1000).toISOString()).run();
    const { job } = await untilDone(auth, id);
    expect(job.outcomes).toMatchObject({ created: 300, failed: 0 });
    expect(job.result!.items).toHaveLength(300);
    expect(await imported(job.sourceId!)).toEqual({ links: 300, events: 300 });
    const audits = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'event' AND action = 'create' AND entity_id IN (SELECT event_id FROM imported_events WHERE source_id = ?1)").bind(job.sourceId).first<{ n: number }>();
    expect(audits!.n).toBe(300);
  });

  it('a step while another holds the job does nothing', async () => {
    const auth = await bearerFor('aluehallintovirasto');
    const first = await begin(auth, '/api/imports', 'aluehallintovirasto', singles(start, 200).text);
    await env.DB.prepare('UPDATE import_jobs SET lease_until = ?2 WHERE id = ?1').bind(first.body.id, new Date(Date.now() + 60_000).toISOString()).run();
    const job = await stepJob(env.DB, first.body.id);
    expect(job!.position).toBe(first.body.processed);
  });

  it('lets only organisers of the organisation follow or continue a job', async () => {
    const auth = await bearerFor('pohde');
    const first = await begin(auth, '/api/imports', 'pohde', singles(start, 200).text);
    const path = `/api/imports/jobs/${first.body.id}`;
    expect((await request(path)).status).toBe(401);
    expect((await request(path, { headers: { Authorization: await bearerFor('posken') } })).status).toBe(403);
    expect((await jsonRequest('POST', `${path}/continue`, {}, { Authorization: await bearerFor('posken') })).status).toBe(403);
    expect((await request('/api/imports/jobs/999999', { headers: { Authorization: auth } })).status).toBe(404);
    const listed = (await (await request('/api/imports/jobs', { headers: { Authorization: auth } })).json()) as { items: ImportJob[] };
    expect(listed.items.map((job) => job.id)).toContain(first.body.id);
    expect(listed.items.every((job) => job.organisation === 'pohde')).toBe(true);
  });

  it('refuses a second import of a source while one runs, naming it', async () => {
    const auth = await bearerFor('kempeleen-kunta');
    const text = singles(start, 200).text;
    expect((await begin(auth, '/api/imports', 'kempeleen-kunta', text)).status).toBe(202);
    const second = await jsonRequest('POST', '/api/imports', { ...mapping('kempeleen-kunta'), ics: text }, { Authorization: auth });
    expect(second.status).toBe(409);
    expect(second.headers.get('Content-Type')).toContain('application/problem+json');
  });
});

describe('scheduled syncs in steps', () => {
  it('records a failing source and moves it to the back, while another source still syncs; a long one cannot starve the rest', async () => {
    const broken = 'https://kalenteri.example.org/rikki-ajastettu.ics';
    const small = 'https://kalenteri.example.org/pieni.ics';
    const big = 'https://kalenteri.example.org/iso.ics';
    let brokenNow = false;
    let bigText = singles(start, 1).text;
    const wrap = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n${body}\r\nEND:VCALENDAR\r\n`;
    serveFeeds({
      [broken]: () => (brokenNow ? new Response('oops', { status: 500, statusText: 'Internal Server Error' }) : new Response(wrap(vevent('rikki@example.org', start, 'Rikki')))),
      [small]: () => new Response(wrap(vevent('pieni@example.org', start, 'Pieni'))),
      [big]: () => new Response(bigText),
    });
    const auth = await bearerFor('pohjois-pohjanmaan-liitto');
    const sourceIds: Record<string, number> = {};
    for (const url of [broken, small, big]) {
      const response = await jsonRequest('POST', '/api/imports', { ...mapping('pohjois-pohjanmaan-liitto'), url, sync: true }, { Authorization: auth });
      expect(response.status).toBe(200);
      sourceIds[url] = ((await response.json()) as ImportResult).sourceId;
    }
    // Now the big feed has 1,000 events, the broken one answers 500; all three are due, the broken one first.
    bigText = singles(start).text;
    brokenNow = true;
    for (const [url, id] of Object.entries(sourceIds)) {
      await env.DB.prepare('UPDATE import_sources SET last_synced_at = ?2 WHERE id = ?1').bind(id, url === broken ? '2000-01-01T00:00:00Z' : '2000-01-02T00:00:00Z').run();
    }
    await runScheduled();

    const source = (id: number) => env.DB.prepare('SELECT last_synced_at, last_error FROM import_sources WHERE id = ?1').bind(id).first<{ last_synced_at: string; last_error: string | null }>();
    const failing = (await source(sourceIds[broken]!))!;
    expect(failing.last_error).toMatch(/500/);
    expect(failing.last_synced_at > '2000-01-02').toBe(true); // behind the others in the queue now
    expect((await source(sourceIds[small]!))!.last_error).toBeNull();
    const bigJob = (await env.DB.prepare("SELECT id, state, position, total FROM import_jobs WHERE source_id = ?1 AND kind = 'sync' ORDER BY id DESC").bind(sourceIds[big]).first<{ id: number; state: string; position: number; total: number }>())!;
    // One run gives the big feed a few steps, not the whole calendar.
    expect(bigJob).toMatchObject({ state: 'running', total: 1000 });
    expect(bigJob.position).toBeGreaterThan(0);
    expect(bigJob.position).toBeLessThan(1000);
    const smallJob = await env.DB.prepare("SELECT state FROM import_jobs WHERE source_id = ?1 AND kind = 'sync' ORDER BY id DESC").bind(sourceIds[small]).first<{ state: string }>();
    expect(smallJob!.state).toBe('done');

    // Later runs continue the big feed where it was, until done, at most a few steps each.
    let runs = 1;
    for (let position = bigJob.position; runs < 200; runs++) {
      await runScheduled();
      const now = (await env.DB.prepare('SELECT state, position FROM import_jobs WHERE id = ?1').bind(bigJob.id).first<{ state: string; position: number }>())!;
      if (now.state === 'done') break;
      expect(now.position).toBeGreaterThan(position);
      position = now.position;
    }
    expect(runs).toBeGreaterThan(STEPS_PER_JOB_PER_RUN);
    expect(await imported(sourceIds[big]!)).toEqual({ links: 1000, events: 1000 });
    expect((await source(sourceIds[big]!))!.last_error).toBeNull();
    // 1,000 events imported step by step, like the test above: a busy machine must not make it time out.
  }, 180_000);
});

describe('hostile calendars get an answer for each event, never a 5xx', () => {
  it('a VEVENT with 10,000 EXDATEs is refused on its own, naming the limit of 500; the other event is imported', async () => {
    const auth = await bearerFor('pohde');
    const first = await begin(auth, '/api/imports', 'pohde', manyExdates(start).text);
    const result = first.status === 200 ? (first.body as ImportResult) : (await untilDone(auth, first.body.id)).job.result!;
    expect(result.items.find((item) => item.uid === 'exdates@hostile.example')).toMatchObject({ status: 'unparseable', outcome: 'none', reason: expect.stringMatching(/10000 exceptions.*at most 500/) });
    expect(result.items.find((item) => item.uid === 'plain@hostile.example')).toMatchObject({ status: 'new', outcome: 'created' });
  });

  it('300 custom VTIMEZONEs: each event reads only its own zone; one that names them all is refused', async () => {
    const auth = await bearerFor('posken');
    const first = await begin(auth, '/api/imports', 'posken', customZones(start).text);
    const result = first.status === 200 ? (first.body as ImportResult) : (await untilDone(auth, first.body.id)).job.result!;
    expect(result.items.filter((item) => item.outcome === 'created')).toHaveLength(300);
    expect(result.items.find((item) => item.uid === 'all-zones@hostile.example')).toMatchObject({ status: 'unparseable', reason: expect.stringMatching(/300 time zones.*at most 4/) });
  });

  it('yearly COUNT=1000 and daily without end are imported, with their occurrences stored', async () => {
    const auth = await bearerFor('takuusaatio');
    const text = `${yearlyThousand(start, 1).text.replace('END:VCALENDAR\r\n', '')}${endlessDaily(start, 1).text.split('\r\n').slice(3).join('\r\n')}`;
    const first = await begin(auth, '/api/imports', 'takuusaatio', text);
    const result = first.status === 200 ? (first.body as ImportResult) : (await untilDone(auth, first.body.id)).job.result!;
    expect(result.items.map((item) => [item.uid, item.outcome])).toEqual([
      ['yearly-0@bench.example', 'created'],
      ['daily-0@bench.example', 'created'],
    ]);
    const stored = async (id: string) => (await env.DB.prepare('SELECT count(*) AS n FROM occurrences WHERE event_id = ?1').bind(id).first<{ n: number }>())!.n;
    const yearly = (await (await request(`/api/events/${result.items[0]!.eventId}`)).json()) as { recurrence: { rrule: string } };
    expect(yearly.recurrence.rrule).toContain('COUNT=1000');
    expect(await stored(result.items[0]!.eventId!)).toBeGreaterThan(50);
    expect(await stored(result.items[1]!.eventId!)).toBeGreaterThan(300);
  });
});
