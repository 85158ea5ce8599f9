/**
 * Feed benchmark: a feed of 2,000 events.
 *
 *   npm run bench
 *
 * Part 1 measures CPU in this process (Node's V8, the engine workerd runs):
 * building the feed from scratch, and the work a cached answer or a 304
 * does besides waiting for D1. Part 2 measures whole requests against
 * `wrangler dev` on loopback with a local D1 holding the same 2,000
 * events: rebuild after a write, cached 200, 304, and /healthz as the
 * baseline of one D1 read. The machine is noisy: read the ratios.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { insertEvent } from '../worker/db/events';
import { insertToken } from '../worker/db/tokens';
import { prepareEvent, type EventDraft } from '../worker/domain/events';
import { feedSelection, feedValidators, feedWindowStart } from '../worker/domain/feeds';
import { calendarOf, type TermNames } from '../worker/domain/ical';
import { Temporal } from '../worker/domain/time';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { rememberedComponents } from '../worker/feed-cache';
import { etagMatches, quoteEtag } from '../worker/http';
import type { Event } from '../worker/shared/schemas';
import { demoEvents } from './demo-data';
import { startLocalService } from './local-service';
import { SYSTEM_ACTOR } from '../worker/domain/access';

const EVENTS = 2000;

/** 2,000 realistic events: the demo events repeated, single ones moved forward a week at a time. */
function benchmarkEvents(): { id: string; draft: EventDraft }[] {
  const result: { id: string; draft: EventDraft }[] = [];
  for (let i = 0; result.length < EVENTS; i++) {
    const demo = demoEvents[i % demoEvents.length]!;
    const weeks = demo.input.recurrence ? 0 : Math.floor(i / demoEvents.length);
    const shift = (text: string) => Temporal.PlainDate.from(text.slice(0, 10)).add({ weeks }).toString() + text.slice(10);
    const input = { ...demo.input, status: 'published' as const, start: shift(demo.input.start), end: shift(demo.input.end), registration: null };
    result.push({ id: `bench-${i}`, draft: prepareEvent(input, demo.organisation, 'published') });
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function time(runs: number, work: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

async function inProcess(events: { id: string; draft: EventDraft }[]) {
  const now = '2026-11-23T10:00:00.000Z';
  const stored: Event[] = events.map(({ id, draft: { spanStart: _s, spanEnd: _e, ...draft } }) => ({ ...draft, id, sequence: 0, createdAt: now, updatedAt: now }));
  const names: TermNames = { eventTypes: new Map(), networks: new Map(), organisations: new Map(), municipalities: new Map() };
  const options = { name: 'Hytekello — kaikki tapahtumat', language: 'fi' as const, origin: 'https://hytekello.test', uidDomain: 'hytekello', names };
  time(3, () => calendarOf(stored, options));
  const build = time(10, () => calendarOf(stored, options));
  const body = calendarOf(stored, options);
  // After a write only the changed event is written again; the others come from memory.
  const remembered = rememberedComponents(names);
  calendarOf(stored, options, remembered);
  let version = 0;
  const incremental = time(20, () => {
    const changed = stored[version % stored.length]!;
    stored[version % stored.length] = { ...changed, updatedAt: new Date(Date.parse(now) + ++version).toISOString() };
    calendarOf(stored, options, remembered);
  });
  // What a cached answer or a 304 computes, apart from the one D1 read of the data version.
  const validators = time(20000, () => {
    const selection = feedSelection({ network: ['kulttuurihyvinvointi'], lang: 'fi' });
    const { etag } = feedValidators(1234, now, feedWindowStart(Temporal.Now.instant()));
    etagMatches(quoteEtag(etag), etag);
    JSON.stringify(selection);
  });
  return { build, incremental, validators, bytes: new TextEncoder().encode(body).length, vevents: body.split('BEGIN:VEVENT').length - 1 };
}

async function throughWorker(events: { id: string; draft: EventDraft }[]) {
  const token = generateToken();
  const service = await startLocalService(async (persist) => {
    const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(persist, 'v3') } });
    try {
      const now = new Date().toISOString();
      for (const { id, draft } of events) await insertEvent(proxy.env.DB, id, draft, { revision: id, now, actor: SYSTEM_ACTOR });
      await insertToken(proxy.env.DB, { name: 'bench', organisation: 'pohde', tokenHash: await hashToken(token), now });
    } finally {
      await proxy.dispose();
    }
  });
  const base = service.baseUrl;
  try {
    const timed = async (runs: number, request: () => Promise<Response>, before?: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (before) await before();
        const start = performance.now();
        const response = await request();
        await response.arrayBuffer();
        times.push(performance.now() - start);
      }
      return times;
    };
    const feed = () => fetch(`${base}/calendar.ics`);
    // A write changes the data version, so the next request must rebuild.
    const write = (i: number) => () =>
      fetch(`${base}/api/events/bench-0/cancel`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: `bench ${i}` }) });
    let writes = 0;
    const rebuild = await timed(20, feed, () => write(writes++)());
    await feed();
    const etag = (await feed()).headers.get('ETag')!;
    const cached = await timed(200, feed);
    const notModified = await timed(200, () => fetch(`${base}/calendar.ics`, { headers: { 'If-None-Match': etag } }));
    const health = await timed(200, () => fetch(`${base}/healthz`));
    return { rebuild, cached, notModified, health };
  } finally {
    service.stop();
  }
}

const events = benchmarkEvents();
const local = await inProcess(events);
const remote = await throughWorker(events);
const row = (name: string, times: number[]) => `| ${name} | ${fmt(median(times))} | ${fmt(percentile(times, 0.95))} | ${times.length} |`;
console.log(`Feed benchmark: ${EVENTS} events (${local.vevents} VEVENTs, ${(local.bytes / 1024 / 1024).toFixed(2)} MiB of iCalendar)`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`);
console.log('CPU in process (V8):\n');
console.log('| work | median | p95 | runs |\n| --- | --- | --- | --- |');
console.log(row('build the feed from scratch', local.build));
console.log(row('rebuild after a write changed one event', local.incremental));
console.log(row('validators of a cached answer or a 304 (besides the D1 read)', local.validators));
console.log('\nWhole requests to wrangler dev on loopback (wall time, D1 included):\n');
console.log('| request | median | p95 | runs | × /healthz |\n| --- | --- | --- | --- | --- |');
const baseline = median(remote.health);
for (const [name, times] of [
  ['GET /calendar.ics after a write (rebuild, unchanged events remembered)', remote.rebuild],
  ['GET /calendar.ics, cached', remote.cached],
  ['GET /calendar.ics, If-None-Match → 304', remote.notModified],
  ['GET /healthz (one D1 read)', remote.health],
] as const) {
  console.log(`${row(name, times)} ${(median(times) / baseline).toFixed(1)} |`);
}
