/**
 * Benchmarks at several database sizes.
 *
 *   npm run bench                         # 1,000, 10,000 and 50,000 events, then the web benchmark
 *   npm run bench -- --sizes 1000,10000   # chosen sizes
 *   tsx scripts/bench.ts --runs 5 --duration 5
 *   tsx scripts/bench.ts --only isolation --sizes 10000   # only: which of 20 filtered feeds a write changes
 *
 * For each size, realistic events (scripts/bench-data.ts) are loaded into a
 * local D1 of their own and the worker runs under `wrangler dev`:
 *
 * 1. CPU in this process (Node's V8, the engine workerd runs) of the pure
 *    code that builds a feed: ical-generator used plainly, the project's
 *    path (from scratch; rebuilt from stored texts, and after a write
 *    changed one event), a filtered feed,
 *    the floor of sending prebuilt bytes, and the validators of a cached
 *    answer or a 304.
 * 2. Whole requests on loopback: feed rebuilds after a write (one at a
 *    time), then autocannon (concurrent connections) on cached feeds, 304s,
 *    `GET /api/events` for a month window and a filtered one,
 *    `GET /api/events/{id}` and a write.
 *
 * Every figure is a median over `--runs` runs, with the spread (lowest and
 * highest run). The machine may be shared and noisy: read the ratios.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import ical from 'ical-generator';
import { listFeedEntries } from '../worker/db/events';
import { insertTokenSql } from '../worker/db/tokens';
import { publicEventIdsInWindow } from '../worker/db/window';
import { resolveWindow } from '../worker/domain/listing';
import { componentContext, DEFAULT_VARIANT, feedParts, feedSelection, feedValidators, feedVersionKeys, feedWindowStart, FEED_END, lastModified, staleEntries } from '../worker/domain/feeds';
import { calendarOf, eventComponents, type TermNames } from '../worker/domain/ical';
import { formatInstant, Temporal } from '../worker/domain/time';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { encodeParts } from '../worker/feed-cache';
import { etagMatches, quoteEtag } from '../worker/http';
import type { Event } from '../worker/shared/schemas';
import { DENSITY, eventsSql, generateEvents, type GeneratedEvent } from './bench-data';
import { applySql, startLocalService } from './local-service';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'isolation') throw new Error('--only takes: isolation');
const ONLY_ISOLATION = args.only === 'isolation';
const SIZES = args.sizes.split(',').map(Number);
const RUNS = Number(args.runs);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const FILTER_NETWORK = 'kulttuurihyvinvointi';
const FILTER_TYPE = 'tyopaja';

// ---------------------------------------------------------------- statistics

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;

/** "median (lowest–highest)" of a few runs. */
function spread(values: number[], format: (n: number) => string): string {
  const s = sorted(values);
  return `${format(median(values))} (${format(s[0]!)}–${format(s[s.length - 1]!)})`;
}

const ms = (n: number) => (n < 1 ? `${(n * 1000).toFixed(1)} µs` : n < 100 ? `${n.toFixed(1)} ms` : `${n.toFixed(0)} ms`);
const count = (n: number) => n.toFixed(0);

/** Run `work` `runs` times after a warm-up; the time of each run, in ms. */
function timeRuns(runs: number, work: () => void, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) work();
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  });
}

/** As timeRuns, for work that returns a promise. */
async function timeRunsAsync(runs: number, work: () => Promise<unknown>, warmup = 2): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < warmup + runs; run++) {
    const start = performance.now();
    await work();
    if (run >= warmup) times.push(performance.now() - start);
  }
  return times;
}

/** Median time per call over `calls` calls, for work far below a millisecond. */
function perCall(calls: number, work: () => void): number[] {
  return timeRuns(RUNS, () => {
    for (let i = 0; i < calls; i++) work();
  }).map((total) => total / calls);
}

// ---------------------------------------------------------------- in process

/** The events a feed reads from the database: public, not ended before the window, in span order. */
function feedEvents(generated: readonly GeneratedEvent[], windowStart: string, now: string): Event[] {
  return generated
    .filter(({ draft }) => draft.status !== 'draft' && draft.spanStart < FEED_END && (draft.spanEnd === null || draft.spanEnd > windowStart))
    .sort((a, b) => (a.draft.spanStart < b.draft.spanStart ? -1 : a.draft.spanStart > b.draft.spanStart ? 1 : a.id < b.id ? -1 : 1))
    .map(({ id, draft: { spanStart: _s, spanEnd: _e, ...draft } }) => ({ ...draft, id, sequence: 0, createdAt: now, updatedAt: now }));
}

/**
 * ical-generator used plainly, as its README shows: one createEvent per
 * event with the basic fields, dates as Date. The baseline the project's
 * path is compared with; it lacks VTIMEZONEs, overrides, EXDATEs and the
 * rich description, so it does less.
 */
function plainCalendar(events: readonly Event[]): string {
  const calendar = ical({ name: 'Hytekello', timezone: 'Europe/Helsinki' });
  for (const e of events) {
    calendar.createEvent({
      id: e.id,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      allDay: e.allDay,
      summary: e.title.fi,
      description: e.description.fi,
      location: e.location?.place ?? null,
      url: `https://hytekello.test/events/${e.id}`,
      repeating: e.recurrence ? `RRULE:${e.recurrence.rrule}` : null,
      stamp: new Date(e.updatedAt),
    });
  }
  return calendar.toString();
}

async function inProcess(generated: readonly GeneratedEvent[]) {
  const now = new Date().toISOString();
  const windowStart = formatInstant(feedWindowStart(Temporal.Now.instant()));
  const stored = feedEvents(generated, windowStart, now);
  const filtered = stored.filter((e) => e.networks.includes(FILTER_NETWORK));
  const names: TermNames = { eventTypes: new Map(), networks: new Map(), organisations: new Map(), municipalities: new Map() };
  const options = { name: 'Hytekello — kaikki tapahtumat', language: 'fi' as const, origin: 'https://hytekello.test', uidDomain: 'hytekello', names };
  const coldRuns = Math.max(RUNS, 5);
  const plain = timeRuns(coldRuns, () => plainCalendar(stored));
  const cold = timeRuns(coldRuns, () => calendarOf(stored, options));
  const coldFiltered = timeRuns(coldRuns, () => calendarOf(filtered, options));
  // A rebuild in the worker: the feed query's rows (the D1 answer, parsed from JSON as the binding does) with
  // every text stored, a fresh isolate or a write elsewhere; and after a write changed one event of the feed.
  const rebuildOf = (events: readonly Event[]) => {
    const contextOf = componentContext(options);
    const rows = JSON.stringify(
      events.map((e) => ({ id: e.id, updated_at: e.updatedAt, time_zone: e.timeZone, all_day: e.allDay ? 1 : 0, context: contextOf(e.updatedAt), text: eventComponents(e, options) })),
    );
    const replay = { prepare: () => ({ bind: () => ({ all: async () => ({ results: JSON.parse(rows) }) }) }) } as unknown as D1Database;
    const filter = { from: windowStart, to: FEED_END, networks: [], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
    return async (changed: Event | null) => {
      const entries = await listFeedEntries(replay, filter, 'fi');
      if (changed) entries[0] = { ...entries[0]!, id: changed.id, updatedAt: changed.updatedAt };
      const stale = staleEntries(entries, options);
      return encodeParts(feedParts(entries, changed && stale.includes(changed.id) ? [changed] : [], options).parts);
    };
  };
  const full = rebuildOf(stored);
  const fromStored = await timeRunsAsync(Math.max(RUNS, 10), () => full(null));
  const afterWrite = await timeRunsAsync(Math.max(RUNS, 10), () => full({ ...stored[0]!, updatedAt: new Date().toISOString() }));
  const of2000 = stored.length >= 2000 ? rebuildOf(stored.slice(0, 2000)) : null;
  const fromStored2000 = of2000 ? await timeRunsAsync(Math.max(RUNS, 10), () => of2000(null)) : null;
  const afterWrite2000 = of2000 ? await timeRunsAsync(Math.max(RUNS, 10), () => of2000({ ...stored[0]!, updatedAt: new Date().toISOString() })) : null;
  const body = calendarOf(stored, options);
  // The floor: a prebuilt body only has to be turned into bytes.
  const prebuilt = perCall(20, () => new TextEncoder().encode(body));
  // What a cached answer or a 304 computes, apart from the one D1 read of the feed's versions.
  const versions = { all: { version: 1234, changedAt: now }, names: { version: 12, changedAt: now }, network: { version: 1200, changedAt: now } };
  const validators = perCall(20_000, () => {
    const selection = feedSelection({ network: [FILTER_NETWORK], lang: 'fi' });
    JSON.stringify(feedVersionKeys(selection));
    const instant = Temporal.Now.instant();
    const { etag, modifiedAt } = feedValidators(versions, selection, DEFAULT_VARIANT, feedWindowStart(instant));
    lastModified(modifiedAt, instant.epochMilliseconds).date.toUTCString();
    etagMatches(quoteEtag(etag), etag);
  });
  return {
    feedEvents: stored.length,
    filteredEvents: filtered.length,
    bytes: new TextEncoder().encode(body).length,
    plain,
    cold,
    coldFiltered,
    afterWrite,
    fromStored,
    afterWrite2000,
    fromStored2000,
    prebuilt,
    validators,
  };
}

// ---------------------------------------------------------------- requests

interface Load {
  p50: number[];
  p99: number[];
  rps: number[];
}

async function load(options: autocannon.Options): Promise<Load> {
  const result: Load = { p50: [], p99: [], rps: [] };
  for (let run = 0; run < RUNS; run++) {
    const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
    if (r.requests.total === 0) throw new Error(`${options.method ?? 'GET'} ${options.url}: no answer within ${DURATION} s; give a longer --duration`);
    if (r.errors > 0 || r.non2xx > 0) {
      // A 304 is the answer asked for when If-None-Match is sent.
      const expected = options.headers?.['If-None-Match'] !== undefined && r.errors === 0 && r['3xx'] === r.non2xx;
      if (!expected) throw new Error(`${options.method ?? 'GET'} ${options.url}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
    }
    result.p50.push(r.latency.p50);
    result.p99.push(r.latency.p99);
    result.rps.push(r.requests.average);
  }
  return result;
}

async function sequential(runs: number, request: () => Promise<Response>, before?: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const start = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * The month window's SQL alone, in SQLite in this process, on a copy of the
 * loaded database: as the worker asks it (events that end after `from`,
 * index events_by_span_end), and as it was asked before migration 0009
 * (events that start before `to`, index events_by_span, created on the copy).
 */
function windowSql(persist: string, from: string, to: string): { now: number[]; before: number[]; rows: number } {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')!;
  const copy = join(mkdtempSync(join(tmpdir(), 'hytekello-sql-')), 'copy.sqlite');
  const source = new DatabaseSync(join(dir, file), { readOnly: true });
  source.exec(`VACUUM INTO '${copy}'`);
  source.close();
  const db = new DatabaseSync(copy);
  try {
    // Measured before the old index exists: with both, the planner may take either.
    const now = db.prepare(`SELECT e.id FROM events e WHERE e.id IN (${publicEventIdsInWindow('?1', '?2')}) ORDER BY e.span_start, e.id`);
    const rows = now.all(to, from).length;
    const nowTimes = perCall(50, () => now.all(to, from));
    db.exec('CREATE INDEX events_by_span ON events (status, span_start, span_end)');
    const before = db.prepare(
      `SELECT e.id FROM events e INDEXED BY events_by_span WHERE e.status IN ('published', 'cancelled') AND e.span_start < ?1 AND (e.span_end IS NULL OR e.span_end > ?2) ORDER BY e.span_start, e.id`,
    );
    if (before.all(to, from).length !== rows) throw new Error('the two window queries disagree');
    return { now: nowTimes, before: perCall(50, () => before.all(to, from)), rows };
  } finally {
    db.close();
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}

/**
 * 20 filtered feeds (every network, then municipalities), each fetched
 * once; one event is written (in one network and one municipality); then
 * each is asked again with its ETag. Feeds the write cannot change should
 * answer 304, and the feeds it does change must not.
 */
async function isolation(base: string, auth: Record<string, string>, today: Temporal.PlainDate) {
  const taxonomy = (await (await fetch(`${base}/api/taxonomy`)).json()) as { networks: { slug: string }[]; municipalities: { slug: string }[] };
  const feeds = [
    ...taxonomy.networks.map((n) => `network=${n.slug}`),
    ...taxonomy.municipalities.map((m) => `municipality=${m.slug}`),
  ].slice(0, 20);
  const etags = new Map<string, string>();
  for (const query of feeds) {
    const response = await fetch(`${base}/calendar.ics?${query}`);
    await response.arrayBuffer();
    etags.set(query, response.headers.get('ETag')!);
  }
  const network = taxonomy.networks[0]!.slug;
  const municipality = taxonomy.municipalities[0]!.slug;
  const day = today.add({ days: 10 });
  const written = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ status: 'published', title: { fi: 'Yksi kirjoitus' }, type: 'tyopaja', start: `${day}T09:00`, end: `${day}T12:00`, networks: [network], municipalities: [municipality] }),
  });
  if (written.status !== 201) throw new Error(`the write failed: ${written.status}`);
  const changed: string[] = [];
  let notModified = 0;
  const timings: number[] = [];
  for (const query of feeds) {
    const start = performance.now();
    const response = await fetch(`${base}/calendar.ics?${query}`, { headers: { 'If-None-Match': etags.get(query)! } });
    await response.arrayBuffer();
    timings.push(performance.now() - start);
    if (response.status === 304) notModified++;
    else changed.push(query);
  }
  const expected = [`network=${network}`, `municipality=${municipality}`];
  if (changed.join() !== expected.filter((query) => feeds.includes(query)).join()) throw new Error(`the write changed ${changed.join(', ')}; expected ${expected.join(', ')}`);
  return { feeds: feeds.length, notModified, changed, timings };
}

async function throughWorker(generated: readonly GeneratedEvent[], today: Temporal.PlainDate) {
  const token = generateToken();
  const work = mkdtempSync(join(tmpdir(), 'hytekello-bench-'));
  const loadStart = performance.now();
  let sql: ReturnType<typeof windowSql> | null = null;
  const service = await startLocalService(async (persist) => {
    const file = join(work, 'events.sql');
    const now = new Date().toISOString();
    writeFileSync(file, `${eventsSql(generated, now)}\n${insertTokenSql({ name: 'bench', organisation: 'pohde', tokenHash: await hashToken(token), now })}`);
    applySql(persist, file);
    const window = resolveWindow(today.toString(), today.add({ months: 1 }).toString(), Temporal.Now.instant());
    sql = windowSql(persist, formatInstant(window.from), formatInstant(window.to));
  });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const base = service.baseUrl;
  try {
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const isolated = await isolation(base, auth, today);
    if (ONLY_ISOLATION) return { loadSeconds, isolated };
    const month = `from=${today}&to=${today.add({ months: 1 })}`;
    const published = generated.find(({ draft }) => draft.status === 'published')!.id;
    let writes = 0;
    const write = () => fetch(`${base}/api/events/${published}/cancel`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: `bench ${writes++}` }) });
    const feed = `${base}/calendar.ics`;
    const filteredFeed = `${base}/calendar.ics?network=${FILTER_NETWORK}`;
    // A write changes the data version, so the next feed request must rebuild.
    const rebuild = await sequential(Math.max(RUNS, 5), () => fetch(feed), write);
    const rebuildFiltered = await sequential(Math.max(RUNS, 5), () => fetch(filteredFeed), write);
    await fetch(feed);
    const etag = (await fetch(feed)).headers.get('ETag')!;
    const cached = await load({ url: feed });
    const notModified = await load({ url: feed, headers: { 'If-None-Match': etag } });
    const list = await load({ url: `${base}/api/events?${month}` });
    const listFiltered = await load({ url: `${base}/api/events?${month}&network=${FILTER_NETWORK}&type=${FILTER_TYPE}` });
    const one = await load({ url: `${base}/api/events/${published}` });
    const health = await load({ url: `${base}/healthz` });
    const body = JSON.stringify({ status: 'published', title: { fi: 'Kuormitustestin työpaja' }, type: 'tyopaja', start: `${today.add({ days: 7 })}T09:00`, end: `${today.add({ days: 7 })}T12:00`, networks: ['osallisuus'] });
    const create = await load({ url: `${base}/api/events`, method: 'POST', headers: auth, body });
    return { loadSeconds, isolated, sql: sql!, rebuild, rebuildFiltered, cached, notModified, list, listFiltered, one, health, create };
  } finally {
    service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const today = Temporal.Now.plainDateISO('Europe/Helsinki');
console.log(`Benchmark: sizes ${SIZES.join(', ')}; ${RUNS} runs of each measurement, autocannon ${CONNECTIONS} connections × ${DURATION} s`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`Data: ${DENSITY} events a day back from two months ahead of ${today}; the month window is ${today} – ${today.add({ months: 1 })}.\n`);

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
type Full = Exclude<Awaited<ReturnType<typeof throughWorker>>, { sql?: undefined }>;
type Isolated = Awaited<ReturnType<typeof isolation>>;
const isolationRow = (isolated: Isolated[]) => [
  'of 20 filtered feeds, still 304 after one write (in one network and one municipality)',
  ...isolated.map((i) => `${i.notModified} of ${i.feeds} (changed: ${i.changed.join(', ')}); ${spread(i.timings, ms)} a request`),
];

if (ONLY_ISOLATION) {
  const isolated: Isolated[] = [];
  for (const size of SIZES) isolated.push((await throughWorker(generateEvents(size, today), today)).isolated);
  console.log(table(['feeds', ...SIZES.map((size) => `${size.toLocaleString('en')} events`)], [isolationRow(isolated)]));
  process.exit(0);
}

const results: { size: number; cpu: Awaited<ReturnType<typeof inProcess>>; requests: Full }[] = [];
for (const size of SIZES) {
  const started = performance.now();
  const generated = generateEvents(size, today);
  const cpu = await inProcess(generated);
  const requests = (await throughWorker(generated, today)) as Full;
  results.push({ size, cpu, requests });
  console.error(`${size} events measured in ${((performance.now() - started) / 1000).toFixed(0)} s (loading ${requests.loadSeconds.toFixed(0)} s)`);
}

const sizes = results.map((r) => `${r.size.toLocaleString('en')} events`);

console.log('Feeds: CPU in process (V8), median (lowest–highest run):\n');
console.log(
  table(['work', ...sizes], [
    ['events in the full feed (filtered feed)', ...results.map((r) => `${r.cpu.feedEvents} (${r.cpu.filteredEvents}), ${(r.cpu.bytes / 2 ** 20).toFixed(2)} MiB`)],
    ['ical-generator used plainly, full feed', ...results.map((r) => spread(r.cpu.plain, ms))],
    ['project path, full feed from scratch', ...results.map((r) => spread(r.cpu.cold, ms))],
    ['project path, filtered feed from scratch', ...results.map((r) => spread(r.cpu.coldFiltered, ms))],
    ['rebuild, every text stored in D1 (a fresh isolate, or a write elsewhere): rows to bytes', ...results.map((r) => spread(r.cpu.fromStored, ms))],
    ['rebuild after a write changed one event of the feed', ...results.map((r) => spread(r.cpu.afterWrite, ms))],
    ['the same two for the first 2,000 events of the feed', ...results.map((r) => (r.cpu.fromStored2000 ? `${spread(r.cpu.fromStored2000, ms)}; ${spread(r.cpu.afterWrite2000!, ms)}` : '–'))],
    ['prebuilt body to bytes (the floor)', ...results.map((r) => spread(r.cpu.prebuilt, ms))],
    ['validators of a cached answer or a 304', ...results.map((r) => spread(r.cpu.validators, ms))],
    ['per event, from scratch (full feed)', ...results.map((r) => ms(median(r.cpu.cold) / r.cpu.feedEvents))],
  ]),
);

console.log('\nWhole requests to wrangler dev on loopback (wall time, D1 included), median (lowest–highest run):\n');
const loadRows = (name: string, pick: (r: (typeof results)[number]) => Load) => [
  [`${name} — p50`, ...results.map((r) => spread(pick(r).p50, ms))],
  [`${name} — p99`, ...results.map((r) => spread(pick(r).p99, ms))],
  [`${name} — requests/s`, ...results.map((r) => spread(pick(r).rps, count))],
];
console.log(
  table(['request', ...sizes], [
    ['GET /calendar.ics after a write (one at a time)', ...results.map((r) => spread(r.requests.rebuild, ms))],
    [`GET /calendar.ics?network=${FILTER_NETWORK} after a write`, ...results.map((r) => spread(r.requests.rebuildFiltered, ms))],
    ...loadRows('GET /calendar.ics, cached', (r) => r.requests.cached),
    ...loadRows('GET /calendar.ics, If-None-Match → 304', (r) => r.requests.notModified),
    isolationRow(results.map((r) => r.requests.isolated)),
    ...loadRows('GET /api/events, month window', (r) => r.requests.list),
    ...loadRows(`GET /api/events, month window, network and type`, (r) => r.requests.listFiltered),
    ...loadRows('GET /api/events/{id}', (r) => r.requests.one),
    ...loadRows('POST /api/events (create)', (r) => r.requests.create),
    ...loadRows('GET /healthz (one D1 read)', (r) => r.requests.health),
  ]),
);

console.log('\nThe month window\'s SQL alone (SQLite in process, same database), median (lowest–highest run):\n');
console.log(
  table(['query', ...sizes], [
    ['events in the window', ...results.map((r) => String(r.requests.sql.rows))],
    ['by where events end (events_by_span_end, now)', ...results.map((r) => spread(r.requests.sql.now, ms))],
    ['by where events start (events_by_span, before)', ...results.map((r) => spread(r.requests.sql.before, ms))],
  ]),
);

const first = results[0]!;
const last = results[results.length - 1]!;
if (results.length > 1) {
  console.log(`\nMonth window, ${last.size.toLocaleString('en')} ÷ ${first.size.toLocaleString('en')} events: p50 × ${(median(last.requests.list.p50) / median(first.requests.list.p50)).toFixed(2)}, p99 × ${(median(last.requests.list.p99) / median(first.requests.list.p99)).toFixed(2)}`);
}
