/**
 * Benchmarks at several database sizes.
 *
 *   npm run bench                         # 1,000, 10,000 and 50,000 events, then the web benchmark
 *   tsx scripts/bench.ts --sizes 1000,10000   # chosen sizes (`npm run bench -- …` passes arguments to its last script only)
 *   tsx scripts/bench.ts --runs 5 --duration 5
 *   tsx scripts/bench.ts --only isolation --sizes 10000   # only: which of 20 filtered feeds a write changes
 *   tsx scripts/bench.ts --hostile        # each size also with 100 endless daily and 100 COUNT=1000 yearly series
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
 *    time; each write is checked to succeed and to change the feed's
 *    ETag), then autocannon (concurrent connections) on cached feeds, 304s,
 *    `GET /api/events` for a month window and a filtered one,
 *    `GET /api/events/{id}` and a write.
 * 3. CPU of the worker's workerd process per request, from /proc (user +
 *    system time over N requests one at a time), for the requests the UI
 *    and subscribers send, beside /healthz and a static file of the same
 *    run (the runtime's own share), and the same requests' work in this
 *    process (their SQL in SQLite; the route's code on D1's recorded answer).
 *
 * Every figure is a median over `--runs` runs, with the spread (lowest and
 * highest run). The machine may be shared and noisy: read the ratios.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import ical from 'ical-generator';
import { listFeedEntries } from '../worker/db/events';
import { listOccurrenceBriefs, listOccurrences } from '../worker/services/occurrence-index';
import { insertTokenSql } from '../worker/db/tokens';
import { publicEventIdsInWindow } from '../worker/db/window';
import { resolveWindow } from '../worker/domain/listing';
import { componentContext, DEFAULT_VARIANT, feedParts, feedSelection, feedValidators, feedVersionKeys, feedWindowStart, FEED_END, lastModified, staleEntries, variantTag } from '../worker/domain/feeds';
import { calendarOf, eventComponents, type TermNames } from '../worker/domain/ical';
import { formatInstant, Temporal } from '../worker/domain/time';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { encodeParts, keepText, keptEvents, keptText } from '../worker/platform/feed-cache';
import { etagMatches, quoteEtag } from '../worker/middleware/http';
import type { Event } from '../worker/shared/events';
import { EventInput } from '../worker/domain/event-input';
import type { Actor } from '../worker/domain/access';
import { createEvent, editEvent } from '../worker/services/events';
import { DENSITY, eventsSql, generateEvents, hostileSeries, type GeneratedEvent } from './bench-data';
import { applySql, startLocalService } from './local-service';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    hostile: { type: 'boolean', default: false },
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

const ms = (n: number): string => (n < 0 ? `−${ms(-n)}` : n < 1 ? `${(n * 1000).toFixed(1)} µs` : n < 100 ? `${n.toFixed(1)} ms` : `${n.toFixed(0)} ms`);
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
  // The same after a write in an isolate that built the feed before: D1 answers the kept events without their
  // texts, and only the changed event's text is made and encoded.
  const keptRebuildOf = (events: readonly Event[]) => {
    const contextOf = componentContext(options);
    const kind = `fi${variantTag(DEFAULT_VARIANT)}`;
    for (const e of events) keepText(kind, e.id, contextOf(e.updatedAt), eventComponents(e, options));
    const rows = JSON.stringify(events.map((e) => ({ id: e.id, updated_at: e.updatedAt, time_zone: e.timeZone, all_day: e.allDay ? 1 : 0, context: contextOf(e.updatedAt), text: null })));
    const replay = { prepare: () => ({ bind: () => ({ all: async () => ({ results: JSON.parse(rows) }) }) }) } as unknown as D1Database;
    const filter = { from: windowStart, to: FEED_END, networks: [], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
    const kept = (eventId: string, context: string) => keptText(kind, eventId, context);
    return async (changed: Event) => {
      const entries = await listFeedEntries(replay, filter, 'fi', keptEvents(kind));
      entries[0] = { ...entries[0]!, id: changed.id, updatedAt: changed.updatedAt };
      const stale = staleEntries(entries, options, kept);
      const { parts, made } = feedParts(entries, stale.includes(changed.id) ? [changed] : [], options, kept);
      for (const { eventId, context, at } of made) parts[at] = keepText(kind, eventId, context, parts[at] as string);
      return encodeParts(parts);
    };
  };
  const full = rebuildOf(stored);
  const fromStored = await timeRunsAsync(Math.max(RUNS, 10), () => full(null));
  const keptFull = keptRebuildOf(stored);
  const afterWriteKept = await timeRunsAsync(Math.max(RUNS, 10), () => keptFull({ ...stored[0]!, updatedAt: new Date().toISOString() }));
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
    afterWriteKept,
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

// ---------------------------------------------------------------- workerd CPU

// Linux reports process times in clock ticks of 1/100 s (CLK_TCK).
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, the state. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

interface Workerd {
  /** The workerd that runs the worker (and D1's SQLite, and the static files). */
  worker: number;
  /** The workerd of wrangler's proxy in front of it, on the public port. */
  proxy: number | null;
}

function workerdOf(processGroup: number, baseUrl: string): Workerd {
  const port = new URL(baseUrl).port;
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd' && Number(statFields(pid)[2]) === processGroup;
      } catch {
        return false; // gone meanwhile
      }
    });
  const listensOnPort = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith(`:${port}`));
  const proxy = pids.find(listensOnPort) ?? null;
  const worker = pids.filter((pid) => pid !== proxy);
  if (worker.length !== 1) throw new Error(`expected one workerd running the worker in process group ${processGroup}, found ${worker.length}`);
  return { worker: worker[0]!, proxy };
}

interface Cpu {
  /** ms of CPU per request of the worker's workerd */
  worker: number;
  /** the same of the proxy's workerd */
  proxy: number | null;
  /** ms of wall time per request */
  wall: number;
  requests: number;
}

/**
 * CPU per request of the workerd processes over `n` requests one at a time,
 * after one warm-up; `check` throws when an answer is not the one asked for.
 */
async function cpuPerRequest(processes: Workerd, n: number, request: () => Promise<Response>, check: (response: Response, body: ArrayBuffer) => void): Promise<Cpu> {
  const answer = async () => {
    const response = await request();
    check(response, await response.arrayBuffer());
  };
  await answer();
  const worker = cpuMs(processes.worker);
  const proxy = processes.proxy === null ? 0 : cpuMs(processes.proxy);
  const start = performance.now();
  for (let i = 0; i < n; i++) await answer();
  const wall = performance.now() - start;
  return { worker: (cpuMs(processes.worker) - worker) / n, proxy: processes.proxy === null ? null : (cpuMs(processes.proxy) - proxy) / n, wall: wall / n, requests: n };
}

/** A response with its body read. */
async function settled(pending: Promise<Response>): Promise<Response> {
  const response = await pending;
  await response.arrayBuffer();
  return response;
}

function expectStatus(status: number, coding?: string | null) {
  return (response: Response) => {
    if (response.status !== status) throw new Error(`${response.url}: ${response.status}, expected ${status}`);
    if (coding !== undefined && response.headers.get('Content-Encoding') !== coding) throw new Error(`${response.url}: Content-Encoding ${response.headers.get('Content-Encoding')}, expected ${coding}`);
  };
}

/**
 * A feed rebuilt after a write, `n` times: each write must succeed (201)
 * and change the feed's ETag, else the bench fails. Only the feed request
 * is counted, from before it is sent until its waitUntil work (the stored
 * texts written back) has had time to end; the write's own CPU is not.
 */
async function rebuildsAfterWrites(processes: Workerd, n: number, feed: string, write: () => Promise<Response>): Promise<Cpu & { times: number[] }> {
  let etag = (await settled(fetch(feed))).headers.get('ETag');
  let worker = 0;
  let proxy = 0;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const written = await settled(write());
    if (written.status !== 201) throw new Error(`the write before a rebuild failed: ${written.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [w, p] = [cpuMs(processes.worker), processes.proxy === null ? 0 : cpuMs(processes.proxy)];
    const start = performance.now();
    const response = await settled(fetch(feed));
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 100));
    worker += cpuMs(processes.worker) - w;
    proxy += processes.proxy === null ? 0 : cpuMs(processes.proxy) - p;
    if (response.status !== 200) throw new Error(`${feed} after a write: ${response.status}`);
    const changed = response.headers.get('ETag');
    if (changed === etag) throw new Error(`${feed}: the write did not change the ETag (${etag}), so nothing was rebuilt`);
    etag = changed;
  }
  return { worker: worker / n, proxy: processes.proxy === null ? null : proxy / n, wall: median(times), requests: n, times };
}

// ---------------------------------------------------------------- statements in process

interface Recorded {
  sql: string;
  args: (string | number | null)[];
  /** the rows as D1's binding hands them over: JSON */
  json: string;
}

/** A D1 that runs each statement (alone or in a batch) on SQLite in this process and records it with its answer. */
function recordingD1(db: DatabaseSync, log: Recorded[]): D1Database {
  return {
    prepare: (sql: string) => ({
      bind: (...args: (string | number | null)[]) => ({
        all: async () => {
          const json = JSON.stringify(db.prepare(sql).all(...args));
          log.push({ sql, args, json });
          return { results: JSON.parse(json) };
        },
      }),
    }),
    batch: (statements: { all: () => Promise<unknown> }[]) => Promise.all(statements.map((statement) => statement.all())),
  } as unknown as D1Database;
}

/** A D1 that answers the statements, in the order recorded, with their recorded answers, parsed from JSON as the binding does. */
function replayD1(recorded: Recorded | Recorded[]): D1Database {
  const answers = Array.isArray(recorded) ? recorded : [recorded];
  let next = 0;
  const answer = async () => ({ results: JSON.parse(answers[next++ % answers.length]!.json) });
  return {
    prepare: () => ({ bind: () => ({ all: answer }) }),
    batch: (statements: { all: () => Promise<unknown> }[]) => Promise.all(statements.map((statement) => statement.all())),
  } as unknown as D1Database;
}

type Bound = string | number | null;

/**
 * A D1 on SQLite in this process that also writes: a batch is one
 * transaction, answers go through JSON as the binding's do, and the time
 * spent inside SQLite is added to `clock.sqlMs`, so that a service's own
 * code is the rest.
 */
function sqliteD1(db: DatabaseSync, clock: { sqlMs: number }): D1Database {
  const timed = <T>(work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      clock.sqlMs += performance.now() - start;
    }
  };
  const execute = (sql: string, args: Bound[]) =>
    timed(() => {
      const rows = db.prepare(sql).all(...args);
      return { rows: JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[], changes: Number((db.prepare('SELECT changes() AS n').get() as { n: number }).n) };
    });
  const statement = (sql: string, args: Bound[]) => {
    const answer = () => {
      const { rows, changes } = execute(sql, args);
      return { results: rows, success: true, meta: { changes } };
    };
    return {
      bind: (...values: (Bound | boolean | undefined)[]) => statement(sql, values.map((v) => (typeof v === 'boolean' ? Number(v) : v ?? null))),
      all: async () => answer(),
      run: async () => answer(),
      first: async (column?: string) => {
        const row = answer().results[0] ?? null;
        return column ? (row?.[column] ?? null) : row;
      },
      raw: async () => answer().results.map((row) => Object.values(row)),
      answer,
    };
  };
  return {
    prepare: (sql: string) => statement(sql, []),
    batch: async (statements: ReturnType<typeof statement>[]) => {
      timed(() => db.exec('BEGIN'));
      try {
        const answers = statements.map((s) => s.answer());
        timed(() => db.exec('COMMIT'));
        return answers;
      } catch (error) {
        timed(() => db.exec('ROLLBACK'));
        throw error;
      }
    },
  } as unknown as D1Database;
}

/** The creates that the workerd rows below make, by name and rule (null: an event that does not recur). */
const createKinds = (day: Temporal.PlainDate): { name: string; rrule: string | null; removed?: number }[] => [
  { name: 'an event that does not recur', rrule: null },
  { name: 'a daily series without end (about 400 occurrences stored)', rrule: 'FREQ=DAILY' },
  { name: 'a daily series, COUNT=1000 (1,000 stored)', rrule: 'FREQ=DAILY;COUNT=1000' },
  { name: 'a yearly series, COUNT=1000', rrule: 'FREQ=YEARLY;COUNT=1000' },
  { name: 'weekly for 19 years (about 990 stored)', rrule: `FREQ=WEEKLY;UNTIL=${day.add({ years: 19 }).toString().replaceAll('-', '')}T000000Z` },
  { name: 'a daily series without end with 500 removed occurrences (the most exceptions allowed)', rrule: 'FREQ=DAILY', removed: 500 },
];

/** A create's body: a workshop at `start` (wall-clock 'YYYY-MM-DDTHH:MM') for an hour, with its kind's rule and every other occurrence removed. */
function createBody(title: string, start: string, kind: { rrule: string | null; removed?: number }) {
  const end = `${start.slice(0, 11)}${String(Number(start.slice(11, 13)) + 1).padStart(2, '0')}${start.slice(13)}`;
  const first = Temporal.PlainDateTime.from(start);
  const exceptions = Array.from({ length: kind.removed ?? 0 }, (_, k) => ({ occurrence: first.add({ days: 2 * k + 1 }).toString({ smallestUnit: 'minute' }), kind: 'removed' }));
  const recurrence = kind.rrule ? { recurrence: { rrule: kind.rrule, ...(exceptions.length > 0 ? { exceptions } : {}) } } : {};
  return { status: 'published', title: { fi: title }, type: 'tyopaja', start, end, networks: [FILTER_NETWORK], ...recurrence };
}

/**
 * Creates and edits in this process, as the route makes them (the body's
 * validation, then the service: occurrences, the batch, the event read
 * back) on a copy of the loaded database: the code's time, and SQLite's,
 * which on Cloudflare is D1's and not the Worker's CPU. The edit renames
 * the series just made, which stores its occurrences again. Each write
 * checks that the occurrences were stored.
 */
async function writesInProcess(db: DatabaseSync, day: Temporal.PlainDate): Promise<{ name: string; create: Write[]; edit: Write[]; stored: number }[]> {
  const clock = { sqlMs: 0 };
  // As D1 does: cascades (an occurrence's rows in occurrence_terms) are part of a write's cost.
  db.exec('PRAGMA foreign_keys = ON');
  const d1 = sqliteD1(db, clock);
  const tokenId = (db.prepare("SELECT id FROM api_tokens WHERE name = 'bench'").get() as { id: number }).id;
  const actor: Actor = { via: 'token', person: null, tokenId, sessionId: null, memberships: [{ organisation: 'pohde', kind: 'wellbeing-county', role: 'organiser' }] };
  const storedOf = (id: string) => (db.prepare('SELECT count(*) AS n FROM occurrences WHERE event_id = ?').get(id) as { n: number }).n;
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; code: number; sql: number }> => {
    clock.sqlMs = 0;
    const started = performance.now();
    const value = await work();
    const total = performance.now() - started;
    return { value, code: total - clock.sqlMs, sql: clock.sqlMs };
  };
  let series = 0;
  const write = async (kind: { rrule: string | null; removed?: number }) => {
    const rrule = kind.rrule;
    // A time of its own for every create, as in the requests: nothing worked out for an earlier one is used again.
    const start = `${day.add({ days: 1 + Math.floor(series / 600) })}T${String(8 + (Math.floor(series / 60) % 10)).padStart(2, '0')}:${String(series % 60).padStart(2, '0')}`;
    const body = createBody(`Sarja ${series++}`, start, kind);
    const created = await timed(async () => (await createEvent(d1, actor, EventInput.parse(body), null)).event);
    const stored = storedOf(created.value.id);
    if (stored === 0) throw new Error(`a create (${rrule ?? 'no rule'}) stored no occurrences`);
    const edited = await timed(() => editEvent(d1, actor, created.value, { title: { fi: `${body.title.fi} (muutettu)` } }, 'current', (input) => EventInput.parse(input)));
    if (edited.value.title.fi !== `${body.title.fi} (muutettu)` || storedOf(created.value.id) !== stored) throw new Error(`an edit (${rrule ?? 'no rule'}) was not stored`);
    return { create: { code: created.code, sql: created.sql }, edit: { code: edited.code, sql: edited.sql }, stored };
  };
  const measured = [];
  for (const kind of createKinds(day)) {
    for (let i = 0; i < 3; i++) await write(kind); // warm-up
    const runs = [];
    for (let i = 0; i < Math.max(RUNS, 10); i++) runs.push(await write(kind));
    measured.push({ name: kind.name, create: runs.map((r) => r.create), edit: runs.map((r) => r.edit), stored: runs[0]!.stored });
  }
  return measured;
}

type Write = { code: number; sql: number };

/** ms per run of a statement: as many calls per run as fit in about 100 ms. */
function statementTimes(db: DatabaseSync, { sql, args }: Recorded): number[] {
  const statement = db.prepare(sql);
  const once = timeRuns(1, () => statement.all(...args), 1)[0]!;
  return perCall(Math.max(1, Math.min(50, Math.ceil(100 / Math.max(once, 0.01)))), () => statement.all(...args));
}

/** The loaded database, copied (with the VEVENT texts the feeds stored so far), to run statements on. */
function copyOfDatabase(persist: string): { db: DatabaseSync; remove: () => void } {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')!;
  const copy = join(mkdtempSync(join(tmpdir(), 'hytekello-sql-')), 'copy.sqlite');
  const source = new DatabaseSync(join(dir, file), { readOnly: true });
  source.exec(`VACUUM INTO '${copy}'`);
  source.close();
  const db = new DatabaseSync(copy);
  return {
    db,
    remove: () => {
      db.close();
      rmSync(dirname(copy), { recursive: true, force: true });
    },
  };
}

interface UiRequest {
  name: string;
  from: string;
  to: string;
  limit: number;
  order?: 'desc';
  /** brief: `fields=brief`, each occurrence with only its event's brief fields (what the month grid asks for). */
  fields?: 'brief';
}

/** The list requests the calendar page sends (web/pages/calendar.tsx), as of today. */
function uiRequests(today: Temporal.PlainDate): UiRequest[] {
  const month = today.with({ day: 1 });
  return [
    { name: 'front page: a year ahead, limit=50', from: `${today}`, to: `${today.add({ days: 365 })}`, limit: 50 },
    { name: 'past view: two years back, latest first, limit=50', from: `${today.subtract({ days: 730 })}`, to: `${today.add({ days: 1 })}`, limit: 50, order: 'desc' },
    { name: 'month grid: the month and a week around, brief, the first of its pages of 200 (web/api.ts BRIEF_PAGE_SIZE)', from: `${month.subtract({ days: 7 })}`, to: `${month.add({ months: 1, days: 7 })}`, limit: 200, fields: 'brief' },
    { name: 'month grid as one page of 500, brief (as the month view asked before)', from: `${month.subtract({ days: 7 })}`, to: `${month.add({ months: 1, days: 7 })}`, limit: 500, fields: 'brief' },
    { name: 'a month from today, limit=50', from: `${today}`, to: `${today.add({ months: 1 })}`, limit: 50 },
    { name: 'a 1,100-day window, limit=50', from: `${today}`, to: `${today.add({ days: 1100 })}`, limit: 50 },
  ];
}

const listPath = (r: UiRequest) => `/api/events?from=${r.from}&to=${r.to}&limit=${r.limit}${r.order ? `&order=${r.order}` : ''}${r.fields ? `&fields=${r.fields}` : ''}`;

const BRIEF_KEYS = ['allDay', 'id', 'occurrence', 'status', 'timeZone', 'title', 'type'].join();

/**
 * The check of a list request's answer: 200 with occurrences, each in the
 * form asked for: brief ones with only the brief fields, whole ones with
 * their descriptions.
 */
function expectList(request: UiRequest) {
  return (response: Response, body: ArrayBuffer) => {
    expectStatus(200)(response);
    const { items } = JSON.parse(new TextDecoder().decode(body)) as { items: Record<string, unknown>[] };
    if (items.length === 0) throw new Error(`${response.url}: no occurrences listed`);
    const wrong = items.find((item) => (request.fields === 'brief' ? Object.keys(item).sort().join() !== BRIEF_KEYS : !('description' in item)));
    if (wrong) throw new Error(`${response.url}: an item is not ${request.fields === 'brief' ? 'brief' : 'whole'}: ${Object.keys(wrong).join(', ')}`);
  };
}

/**
 * A list request's work in this process: its statement in SQLite, and the
 * route's code (rows to events, occurrences, the page, JSON) on D1's
 * recorded answer. What is left out: Hono, zod, and the D1 binding itself.
 */
async function listInProcess(db: DatabaseSync, request: UiRequest): Promise<{ sql: number[]; code: number[]; rows: number; items: number; answer: number; sent: number }> {
  const window = resolveWindow(request.from, request.to, Temporal.Now.instant());
  const filter = { from: formatInstant(window.from), to: formatInstant(window.to), networks: [], types: [], municipalities: [], organisations: [], match: null, includeMembersOnly: false };
  const page = { after: null, limit: request.limit, descending: request.order === 'desc' };
  const brief = request.fields === 'brief';
  const list = brief ? listOccurrenceBriefs : listOccurrences;
  const log: Recorded[] = [];
  await list(recordingD1(db, log), filter, window, page);
  const expected = brief ? 2 : 3;
  if (log.length !== expected) throw new Error(`a list ran ${log.length} statements; expected ${expected} (page${brief ? ' with its events\' brief fields' : ', its events'}, events not indexed)`);
  const replay = replayD1(log);
  let items = 0;
  let sent = '';
  const code = await timeRunsAsync(Math.max(RUNS, 5), async () => {
    const listed = await list(replay, filter, window, page);
    items = listed.items.length;
    sent = JSON.stringify(listed);
  });
  const sql = log.map((recorded) => statementTimes(db, recorded));
  const rows = log.reduce((sum, r) => sum + JSON.parse(r.json).length, 0);
  return { sql: sql[0]!.map((_, run) => sql.reduce((sum, times) => sum + times[run]!, 0)), code, rows, items, answer: log.reduce((sum, r) => sum + Buffer.byteLength(r.json), 0), sent: Buffer.byteLength(sent) };
}

/** The full feed's statement in SQLite: its events with their stored VEVENT texts. */
async function feedStatement(db: DatabaseSync): Promise<{ sql: number[]; rows: number; megabytes: number }> {
  const log: Recorded[] = [];
  const filter = { from: formatInstant(feedWindowStart(Temporal.Now.instant())), to: FEED_END, networks: [], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
  await listFeedEntries(recordingD1(db, log), filter, 'fi');
  return { sql: statementTimes(db, log[0]!), rows: JSON.parse(log[0]!.json).length, megabytes: log[0]!.json.length / 2 ** 20 };
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
  let persistDir = '';
  const service = await startLocalService(async (persist) => {
    persistDir = persist;
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
    const processes = workerdOf(service.processGroup, base);
    const month = `from=${today}&to=${today.add({ months: 1 })}`;
    const published = generated.find(({ draft }) => draft.status === 'published')!.id;
    // A write the bench's token may make, into every feed measured below: a published event of the filtered network.
    let writes = 0;
    const day = today.add({ days: 20 });
    const write = () =>
      fetch(`${base}/api/events`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ status: 'published', title: { fi: `Kirjoitus ${writes++}` }, type: 'tyopaja', start: `${day}T09:00`, end: `${day}T10:00`, networks: [FILTER_NETWORK] }),
      });
    const feed = `${base}/calendar.ics`;
    const filteredFeed = `${base}/calendar.ics?network=${FILTER_NETWORK}`;
    const rebuildRuns = Math.max(RUNS, 5);
    const rebuild = await rebuildsAfterWrites(processes, rebuildRuns, feed, write);
    const rebuildFiltered = await rebuildsAfterWrites(processes, rebuildRuns, filteredFeed, write);
    const rebuildRss = await rebuildsAfterWrites(processes, rebuildRuns, `${base}/feed.rss`, write);

    // CPU of whole requests in workerd, one at a time; the baselines first and last, to see them drift.
    const get = (path: string, headers: Record<string, string> = {}) => () => fetch(`${base}${path}`, { headers });
    const etag = (await settled(fetch(feed))).headers.get('ETag')!;
    const cpu: { name: string; cpu: Cpu }[] = [];
    const measure = async (name: string, n: number, request: () => Promise<Response>, check: (r: Response, body: ArrayBuffer) => void) => void cpu.push({ name, cpu: await cpuPerRequest(processes, n, request, check) });
    await measure('GET /healthz (one D1 read)', 200, get('/healthz'), expectStatus(200));
    await measure('GET /plain.css (a static file)', 200, get('/plain.css'), expectStatus(200));
    for (const request of uiRequests(today)) await measure(`GET ${listPath(request).split('?')[0]}, ${request.name}`, 20, get(listPath(request)), expectList(request));
    await measure('GET /api/events, month window (from today, no limit)', 20, get(`/api/events?${month}`), expectStatus(200));
    await measure('GET /calendar.ics, cached, gzip', 50, get('/calendar.ics', { 'Accept-Encoding': 'gzip' }), expectStatus(200, 'gzip'));
    await measure('GET /calendar.ics, cached, no compression', 20, get('/calendar.ics', { 'Accept-Encoding': 'identity' }), expectStatus(200, null));
    await measure(`GET /calendar.ics?network=${FILTER_NETWORK}, cached, gzip`, 100, get(`/calendar.ics?network=${FILTER_NETWORK}`, { 'Accept-Encoding': 'gzip' }), expectStatus(200, 'gzip'));
    await measure('GET /calendar.ics, If-None-Match → 304', 200, get('/calendar.ics', { 'If-None-Match': etag }), expectStatus(304));
    await measure('GET /feed.rss', 20, get('/feed.rss'), expectStatus(200));
    await measure('GET /feed.json', 20, get('/feed.json'), expectStatus(200));
    // The pages' other requests: the taxonomy every page loads, an event's page and its data, the annual clock, the council term.
    await measure('GET /api/taxonomy (every page)', 20, get('/api/taxonomy'), expectStatus(200));
    await measure('GET /events/{id} (an event\'s page: the HTML with its head)', 20, get(`/events/${published}`), expectStatus(200));
    await measure('GET /api/events/{id} (the event page\'s data)', 20, get(`/api/events/${published}`), expectStatus(200));
    await measure(`GET /api/clock?year=${today.year} (the annual clock)`, 20, get(`/api/clock?year=${today.year}`), expectStatus(200));
    await measure('GET /api/council-term (the council-term clock)', 20, get('/api/council-term'), expectStatus(200));
    await measure('GET /healthz, again', 200, get('/healthz'), expectStatus(200));
    // Creates of a single event, of the costliest series that are accepted, and of one that is refused; each write is
    // checked. Every create has a time of its own, so that nothing worked out for an earlier one is used again.
    let series = 0;
    const post = (kind: { rrule: string | null; removed?: number }) => () => {
      const minute = String(series % 60).padStart(2, '0');
      const hour = String(8 + (Math.floor(series / 60) % 10)).padStart(2, '0');
      return fetch(`${base}/api/events`, { method: 'POST', headers: auth, body: JSON.stringify(createBody(`Sarja ${series++}`, `${day}T${hour}:${minute}`, kind)) });
    };
    for (const kind of createKinds(day)) await measure(`POST /api/events, ${kind.name}`, 10, post(kind), expectStatus(201));
    await measure('POST /api/events, weekly until 2099: refused with 422', 10, post({ rrule: 'FREQ=WEEKLY;UNTIL=20991231T000000Z' }), expectStatus(422));

    // The same requests' work in this process, on a copy that has the feeds' stored texts.
    const copy = copyOfDatabase(persistDir);
    let lists: (Awaited<ReturnType<typeof listInProcess>> & { name: string })[];
    let feedSql: Awaited<ReturnType<typeof feedStatement>>;
    let inProcessWrites: Awaited<ReturnType<typeof writesInProcess>>;
    try {
      lists = [];
      for (const request of uiRequests(today)) lists.push({ name: request.name, ...(await listInProcess(copy.db, request)) });
      feedSql = await feedStatement(copy.db);
      inProcessWrites = await writesInProcess(copy.db, day);
    } finally {
      copy.remove();
    }

    await fetch(feed);
    const cached = await load({ url: feed });
    const notModified = await load({ url: feed, headers: { 'If-None-Match': etag } });
    const list = await load({ url: `${base}/api/events?${month}` });
    const listFiltered = await load({ url: `${base}/api/events?${month}&network=${FILTER_NETWORK}&type=${FILTER_TYPE}` });
    const one = await load({ url: `${base}/api/events/${published}` });
    const health = await load({ url: `${base}/healthz` });
    const body = JSON.stringify({ status: 'published', title: { fi: 'Kuormitustestin työpaja' }, type: 'tyopaja', start: `${today.add({ days: 7 })}T09:00`, end: `${today.add({ days: 7 })}T12:00`, networks: ['osallisuus'] });
    const create = await load({ url: `${base}/api/events`, method: 'POST', headers: auth, body });
    return { loadSeconds, isolated, sql: sql!, rebuild, rebuildFiltered, rebuildRss, cpu, lists, feedSql, writes: inProcessWrites, cached, notModified, list, listFiltered, one, health, create };
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

const results: { size: number; label: string; cpu: Awaited<ReturnType<typeof inProcess>>; requests: Full }[] = [];
for (const size of SIZES) {
  for (const hostile of args.hostile ? [false, true] : [false]) {
    const started = performance.now();
    const generated = [...generateEvents(size, today), ...(hostile ? hostileSeries(today) : [])];
    const cpu = await inProcess(generated);
    const requests = (await throughWorker(generated, today)) as Full;
    const label = `${size.toLocaleString('en')} events${hostile ? ' + hostile' : ''}`;
    results.push({ size, label, cpu, requests });
    console.error(`${label} measured in ${((performance.now() - started) / 1000).toFixed(0)} s (loading ${requests.loadSeconds.toFixed(0)} s)`);
  }
}

const sizes = results.map((r) => r.label);

console.log('Feeds: CPU in process (V8), median (lowest–highest run):\n');
console.log(
  table(['work', ...sizes], [
    ['events in the full feed (filtered feed)', ...results.map((r) => `${r.cpu.feedEvents} (${r.cpu.filteredEvents}), ${(r.cpu.bytes / 2 ** 20).toFixed(2)} MiB`)],
    ['ical-generator with basic fields only (thinner than the feed; its own fields: from scratch)', ...results.map((r) => spread(r.cpu.plain, ms))],
    ['project path, full feed from scratch', ...results.map((r) => spread(r.cpu.cold, ms))],
    ['project path, filtered feed from scratch', ...results.map((r) => spread(r.cpu.coldFiltered, ms))],
    ['rebuild, every text stored in D1 (a fresh isolate, or a write elsewhere): rows to bytes', ...results.map((r) => spread(r.cpu.fromStored, ms))],
    ['rebuild after a write changed one event of the feed', ...results.map((r) => spread(r.cpu.afterWrite, ms))],
    ['the same in an isolate that built the feed before (the other events\' texts kept encoded, not read from D1)', ...results.map((r) => spread(r.cpu.afterWriteKept, ms))],
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
    ['GET /calendar.ics after a write (one at a time; each write checked to change the ETag)', ...results.map((r) => spread(r.requests.rebuild.times, ms))],
    [`GET /calendar.ics?network=${FILTER_NETWORK} after a write`, ...results.map((r) => spread(r.requests.rebuildFiltered.times, ms))],
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

// The baseline: the mean of the two /healthz runs, the first and the last of the series.
const healthzOf = (r: (typeof results)[number]) => (r.requests.cpu[0]!.cpu.worker + r.requests.cpu.at(-1)!.cpu.worker) / 2;
const cpuCell = (c: Cpu, healthz: number) => `${ms(c.worker)} (${ms(c.worker - healthz)} over /healthz's)${c.proxy === null ? '' : `; proxy ${ms(c.proxy)}`}; ${ms(c.wall)} wall`;
console.log('\nCPU of whole requests in the worker\'s workerd (user + system time from /proc, over N requests one at a time; D1\'s SQLite runs in the same process), and of wrangler\'s proxy workerd in front:\n');
console.log(
  table(['request (N)', ...sizes], [
    ...results[0]!.requests.cpu.map(({ name, cpu }, i) => [`${name} (${cpu.requests})`, ...results.map((r) => cpuCell(r.requests.cpu[i]!.cpu, healthzOf(r)))]),
    [`GET /calendar.ics after a write (${results[0]!.requests.rebuild.requests})`, ...results.map((r) => cpuCell(r.requests.rebuild, healthzOf(r)))],
    [`GET /calendar.ics?network=${FILTER_NETWORK} after a write (${results[0]!.requests.rebuildFiltered.requests})`, ...results.map((r) => cpuCell(r.requests.rebuildFiltered, healthzOf(r)))],
    [`GET /feed.rss after a write: built (${results[0]!.requests.rebuildRss.requests})`, ...results.map((r) => cpuCell(r.requests.rebuildRss, healthzOf(r)))],
  ]),
);

console.log('\nThe same list requests in this process: the full statement in SQLite, and the route\'s code on D1\'s recorded answer (rows to events, occurrences, the page, JSON; without Hono, zod and the binding), median (lowest–highest run):\n');
console.log(
  table(['request', ...sizes], [
    ...results[0]!.requests.lists.flatMap((l, i) => [
      [`${l.name}: rows read, occurrences sent (KiB of D1's answer as JSON; KiB sent)`, ...results.map((r) => { const l = r.requests.lists[i]!; return `${l.rows}, ${l.items} (${(l.answer / 1024).toFixed(0)}; ${(l.sent / 1024).toFixed(0)})`; })],
      [`${l.name}: the statement (SQLite)`, ...results.map((r) => spread(r.requests.lists[i]!.sql, ms))],
      [`${l.name}: the route's code`, ...results.map((r) => spread(r.requests.lists[i]!.code, ms))],
    ]),
    ['full feed: events read (MiB of rows with their stored texts)', ...results.map((r) => `${r.requests.feedSql.rows} (${r.requests.feedSql.megabytes.toFixed(1)} MiB)`)],
    ['full feed: the statement (SQLite)', ...results.map((r) => spread(r.requests.feedSql.sql, ms))],
  ]),
);

console.log('\nCreates and edits in this process (the route\'s validation and the service: occurrences, the batch, the event read back; the edit renames the series), the code and SQLite\'s share (D1\'s on Cloudflare, not the Worker\'s CPU), median (lowest–highest run):\n');
const writeCells = (pick: (w: Write) => number, kind: 'create' | 'edit', i: number) => results.map((r) => spread(r.requests.writes[i]![kind].map(pick), ms));
console.log(
  table(['write', ...sizes], [
    ...results[0]!.requests.writes.flatMap((w, i) => [
      [`${w.name}: occurrences stored`, ...results.map((r) => String(r.requests.writes[i]!.stored))],
      [`create: the code`, ...writeCells((c) => c.code, 'create', i)],
      [`create: SQLite`, ...writeCells((c) => c.sql, 'create', i)],
      [`edit: the code`, ...writeCells((c) => c.code, 'edit', i)],
      [`edit: SQLite`, ...writeCells((c) => c.sql, 'edit', i)],
    ]),
  ]),
);

console.log('\nThe month window\'s id subquery alone (the part migration 0009 changed; not the whole list statement, above), SQLite in process, median (lowest–highest run):\n');
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

if (args.hostile) {
  console.log('\nHostile ÷ plain, CPU of whole requests in workerd over /healthz\'s, per size (1.0 = the 200 hostile series cost nothing):\n');
  const rows: string[][] = [];
  for (const [i, { name }] of results[0]!.requests.cpu.entries()) {
    if (!name.startsWith('GET /api/events') && !name.startsWith('GET /feed')) continue;
    rows.push([name, ...SIZES.map((size) => {
      const [plain, hostile] = [results.find((r) => r.size === size && !r.label.endsWith('hostile'))!, results.find((r) => r.size === size && r.label.endsWith('hostile'))!];
      const over = (r: (typeof results)[number]) => Math.max(0.01, r.requests.cpu[i]!.cpu.worker - healthzOf(r));
      return `× ${(over(hostile) / over(plain)).toFixed(2)} (${ms(over(plain))} → ${ms(over(hostile))})`;
    })]);
  }
  console.log(table(['request', ...SIZES.map((size) => `${size.toLocaleString('en')} events`)], rows));
}
