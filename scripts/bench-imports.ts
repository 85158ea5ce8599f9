/**
 * CPU per request of imports in bounded steps, under `wrangler dev`:
 *
 *   tsx scripts/bench-imports.ts            # part of `npm run bench`
 *
 * Each calendar (scripts/import-calendars.ts: the costliest kinds that a
 * 256 KiB file may hold, and hostile ones) is previewed and imported into
 * a fresh organisation source: the POST does the first step and
 * `POST /api/imports/jobs/{id}/continue` the next ones, until the job is
 * done. For every request the CPU of the worker's workerd process is read
 * from /proc/<pid>/task/<tid>/schedstat (nanoseconds on a CPU, all threads;
 * D1's SQLite runs in the same process locally, so this is more than a
 * Worker is charged). The import must create every event it should.
 *
 * Then the same steps' own code in this process (Node's V8, the engine
 * workerd runs) without D1: cutting the file, and per step the reading,
 * planning and preparing of its events (prepareEvent and the stored
 * occurrences), as the budget (STEP_BUDGET) groups them.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { insertTokenSql } from '../worker/db/tokens';
import { prepareEvent } from '../worker/domain/events';
import { parseGroup, splitCalendar } from '../worker/domain/ics-import';
import { STEP_BUDGET, itemCost, planImport } from '../worker/domain/import-plan';
import { indexOfEvent } from '../worker/domain/occurrence-index';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { type ImportCalendar, warmUp, customZones, dailyWithExceptions, endlessDaily, manyExdates, singles, yearlyThousand } from './import-calendars';
import { applySql, startLocalService } from './local-service';

/** CPU time of all threads of a process so far, in ms. */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e6;
}

/** The workerd that runs the worker: of wrangler's process group, not the proxy that listens on the public port. */
function workerOf(processGroup: number, port: string): number {
  const stat = (pid: number) => {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  };
  const candidates = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd' && Number(stat(pid)[2]) === processGroup;
      } catch {
        return false;
      }
    })
    .filter((pid) => !readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith(`:${port}`)));
  if (candidates.length !== 1) throw new Error(`expected one workerd running the worker, found ${candidates.length}`);
  return candidates[0]!;
}

interface Run {
  requests: number;
  cpu: number[];
  wall: number;
  body: { summary?: Record<string, number>; items?: { outcome?: string; status: string }[]; result?: { items: { outcome: string }[] } | null; preview?: { items: unknown[] } | null };
}

const ORGANISATIONS = ['pohde', 'posken', 'takuusaatio', 'hop-hanke', 'kempeleen-kunta', 'aluehallintovirasto', 'pohjois-pohjanmaan-liitto'];

async function runJob(base: string, headers: Record<string, string>, worker: number, path: string, text: string, organisation: string): Promise<Run> {
  const cpu: number[] = [];
  const started = performance.now();
  const timed = async (request: () => Promise<Response>) => {
    const before = cpuMs(worker);
    const response = await request();
    const body = (await response.json()) as Run['body'] & { id: number; state: string; error: string | null };
    cpu.push(cpuMs(worker) - before);
    if (response.status !== 200 && response.status !== 202) throw new Error(`${path}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { status: response.status, body };
  };
  let answer = await timed(() => fetch(`${base}${path}?organisation=${organisation}&type=tyopaja`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/calendar' }, body: text }));
  while (answer.body.state === 'running') {
    const id = answer.body.id;
    answer = await timed(() => fetch(`${base}/api/imports/jobs/${id}/continue`, { method: 'POST', headers }));
  }
  if (answer.body.state !== undefined && answer.body.state !== 'done') throw new Error(`${path}: the job ended ${answer.body.state}: ${answer.body.error}`);
  return { requests: cpu.length, cpu, wall: performance.now() - started, body: answer.body };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const calendars: ImportCalendar[] = [warmUp(start), singles(start), endlessDaily(start), yearlyThousand(start), dailyWithExceptions(start), manyExdates(start), customZones(start)];

/** The steps' code in this process: ms to cut the file, and ms of each step as the budget groups the events. */
async function inProcess(calendar: ImportCalendar): Promise<{ split: number; steps: number[] }> {
  let started = performance.now();
  const parts = splitCalendar(calendar.text);
  const split = performance.now() - started;
  const mapping = { organisation: 'pohde', type: 'tyopaja', networks: [], municipalities: [] };
  const steps: number[] = [];
  let spent = 0;
  started = performance.now();
  for (const group of parts.groups) {
    const plan = await planImport(parseGroup(parts, group), mapping, new Map(), false);
    for (const item of plan) {
      spent += itemCost(item, true);
      if (item.status === 'new') indexOfEvent(prepareEvent(item.input!, 'pohde', 'published'), Date.now());
    }
    if (spent >= STEP_BUDGET) {
      steps.push(performance.now() - started);
      spent = 0;
      started = performance.now();
    }
  }
  if (spent > 0) steps.push(performance.now() - started);
  return { split, steps };
}

const token = generateToken();
const work = mkdtempSync(join(tmpdir(), 'hytekello-bench-imports-'));
const service = await startLocalService(async (persist) => {
  const file = join(work, 'tokens.sql');
  const tokens = await Promise.all(ORGANISATIONS.map(async (organisation, i) => insertTokenSql({ name: `bench ${i}`, organisation, tokenHash: await hashToken(`${token}${i}`), now: new Date().toISOString() })));
  writeFileSync(file, tokens.join('\n'));
  applySql(persist, file);
});
const rows: string[][] = [];
const ownRows: string[][] = [];
for (const calendar of calendars.slice(1)) {
  await inProcess(calendar); // warm-up
  const { split, steps } = await inProcess(calendar);
  const sorted = [...steps].sort((a, b) => a - b);
  ownRows.push([calendar.name, ms(split), String(steps.length), ms(median(steps)), ms(sorted[Math.floor(sorted.length * 0.95)]!), ms(sorted.at(-1)!)]);
  console.error(ownRows.at(-1)!.join(' | '));
}
try {
  const worker = workerOf(service.processGroup, new URL(service.baseUrl).port);
  for (const [i, calendar] of calendars.entries()) {
    const organisation = ORGANISATIONS[i % ORGANISATIONS.length]!;
    const headers = { Authorization: `Bearer ${token}${i % ORGANISATIONS.length}` };
    for (const path of ['/api/imports/preview', '/api/imports']) {
      const run = await runJob(service.baseUrl, headers, worker, path, calendar.text, organisation);
      const items = (run.body.result?.items ?? run.body.items ?? run.body.preview?.items ?? []) as { outcome?: string }[];
      const created = items.filter((item) => item.outcome === 'created').length;
      if (path === '/api/imports' && created !== calendar.created) throw new Error(`${calendar.name}: ${created} created, expected ${calendar.created}`);
      rows.push([
        `${path === '/api/imports' ? 'import' : 'preview'}: ${calendar.name} (${(calendar.text.length / 1024).toFixed(0)} KiB)`,
        String(run.requests),
        ms(median(run.cpu)),
        ms(Math.max(...run.cpu)),
        ms(run.cpu.reduce((a, b) => a + b, 0)),
        `${(run.wall / 1000).toFixed(1)} s`,
        path === '/api/imports' ? `${created} created` : `${items.length} items`,
      ]);
      console.error(rows.at(-1)!.join(' | '));
    }
  }
} finally {
  service.stop();
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nImports in steps, CPU of the worker's workerd per request (all threads, /proc schedstat; D1's SQLite included). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| calendar | requests | CPU per request, median | highest | all requests | wall | result |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

console.log(`\nThe steps' own code in this process (Node's V8, no D1), STEP_BUDGET ${STEP_BUDGET}:\n`);
console.log('| calendar | cutting the file (the first request) | steps | per step, median | p95 | highest |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of ownRows) console.log(`| ${row.join(' | ')} |`);
