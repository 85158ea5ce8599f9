/**
 * Whole-request CPU of the worker's workerd, for one or two code trees on
 * copies of one generated database, requests alternated in rounds so that
 * both see the same load on a shared machine: compare within one run.
 *
 *   tsx scripts/bench-cpu.ts prepare <dir> <events>          # migrated D1 with generated events and the hostile series
 *   tsx scripts/bench-cpu.ts measure <dir> <tree A> <tree B> <requests a round> '<path>'…
 *   tsx scripts/bench-cpu.ts measure <dir A>:<dir B> <tree> <tree> …   # one tree, two databases (an index added, say)
 *
 * A tree is a checkout of the project with web/dist built (e.g. a git
 * worktree of the commit before a change, node_modules linked). /healthz
 * is measured first, as the runtime's own share. CPU comes from
 * /proc/<pid>/stat in ticks of 10 ms: a round of 20 requests resolves
 * 0.5 ms per request.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argv } from 'node:process';
import { Temporal } from '../worker/domain/time';
import { eventsSql, generateEvents, hostileSeries } from './bench-data';

const ROUNDS = 6;
const TICKS_PER_SECOND = 100;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
}

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU of a process so far, in ms. */
const cpuMs = (pid: number) => ((Number(statFields(pid)[11]) + Number(statFields(pid)[12])) * 1000) / TICKS_PER_SECOND;

interface Service {
  base: string;
  /** The workerd that runs the worker (not wrangler's proxy in front of it). */
  worker: number;
  stop: () => void;
}

/** `wrangler dev` of `tree` on a copy of the database in `dir`. */
async function start(tree: string, dir: string, port: number): Promise<Service> {
  const persist = `${dir}-${port}`;
  rmSync(persist, { recursive: true, force: true });
  cpSync(dir, persist, { recursive: true });
  const child: ChildProcess = spawn(resolve('node_modules/.bin/wrangler'), ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, '--log-level', 'warn'], { cwd: tree, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // gone already
    }
  };
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 300) {
      stop();
      throw new Error(`wrangler dev of ${tree} did not start`);
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  const workerds = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd' && Number(statFields(pid)[2]) === child.pid;
      } catch {
        return false;
      }
    });
  const proxy = workerds.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith(`:${port}`)));
  const worker = workerds.filter((pid) => pid !== proxy);
  if (worker.length !== 1) {
    stop();
    throw new Error(`expected one workerd running the worker, found ${worker.length}`);
  }
  return { base, worker: worker[0]!, stop };
}

/** CPU per request over `count` requests one at a time, after one; a failed answer throws. */
async function cpuPerRequest(service: Service, path: string, count: number): Promise<number> {
  const get = async () => {
    const response = await fetch(service.base + path);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
  };
  await get();
  const before = cpuMs(service.worker);
  for (let i = 0; i < count; i++) await get();
  return (cpuMs(service.worker) - before) / count;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figures = (values: number[]) => `${values.map((v) => v.toFixed(1)).join(' ')}, median ${median(values).toFixed(1)} ms`;

const [command, ...rest] = argv.slice(2);
if (command === 'prepare') {
  const [dir, count] = rest;
  if (!dir || !count) throw new Error('usage: tsx scripts/bench-cpu.ts prepare <dir> <events>');
  mkdirSync(dir, { recursive: true });
  run('wrangler', ['d1', 'migrations', 'apply', 'hytekello', '--local', '--persist-to', dir]);
  const today = Temporal.Now.plainDateISO('Europe/Helsinki');
  const events = [...generateEvents(Number(count), today), ...hostileSeries(today)];
  const file = join(dir, 'events.sql');
  writeFileSync(file, eventsSql(events, new Date().toISOString()));
  run('wrangler', ['d1', 'execute', 'hytekello', '--local', '--persist-to', dir, '--file', file]);
  console.log(`${dir}: ${events.length} events`);
} else if (command === 'measure') {
  const [dir, treeA, treeB, count, ...paths] = rest;
  if (!dir || !treeA || !treeB || !count || paths.length === 0) throw new Error("usage: tsx scripts/bench-cpu.ts measure <dir> <tree A> <tree B> <requests a round> '<path>'…");
  const [dirA, dirB = dirA] = dir.split(':') as [string, string?];
  const a = await start(treeA, dirA, 18801);
  const b = await start(treeB, dirB!, 18802);
  try {
    for (const path of ['/healthz', ...paths]) {
      const times: Record<'a' | 'b', number[]> = { a: [], b: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first.
        for (const which of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) times[which].push(await cpuPerRequest(which === 'a' ? a : b, path, Number(count)));
      }
      console.log(`${path}\n  A ${figures(times.a)}\n  B ${figures(times.b)}\n  B ÷ A ${(median(times.b) / median(times.a)).toFixed(2)}`);
    }
  } finally {
    a.stop();
    b.stop();
  }
} else {
  throw new Error('usage: tsx scripts/bench-cpu.ts prepare|measure …');
}
