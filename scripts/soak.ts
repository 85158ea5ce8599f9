/**
 * Soak test: a mixed read, write and feed workload against `wrangler dev`
 * on loopback for a bounded time, reporting requests, errors, latency and
 * the memory of the worker's runtime at the start and the end.
 *
 *   npm run soak                 # 3 minutes, 8 clients
 *   npm run soak -- --minutes 10 --clients 16
 *   npm run soak -- --without-feeds    # the same without feed reads, to tell where memory goes
 *
 * Errors are 5xx answers, failed connections and answers other than the
 * expected ones. The goals: no errors, and no growth of memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { insertTokenSql } from '../worker/db/tokens';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { demoData, startLocalService } from './local-service';
import { spawnSync } from 'node:child_process';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, clients: { type: 'string', default: '8' }, 'without-feeds': { type: 'boolean', default: false } } });
const minutes = Number(values.minutes);
const clients = Number(values.clients);

/** Resident memory (KiB) of the processes in a group, by name. */
function memoryOf(group: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, name, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      if (Number(rest!.split(' ')[2]) !== group) continue;
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
      totals[name!] = (totals[name!] ?? 0) + rss;
    } catch {
      // the process ended meanwhile
    }
  }
  return totals;
}

const token = generateToken();
const service = await startLocalService(async (persist) => {
  await demoData(persist);
  const sql = insertTokenSql({ name: 'Soak', organisation: 'pohde', tokenHash: await hashToken(token), now: new Date().toISOString() });
  const run = spawnSync('wrangler', ['d1', 'execute', 'hytekello', '--local', '--persist-to', persist, '--command', sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
});
const base = service.baseUrl;
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
}
const samples: Sample[] = [];
const failures: string[] = [];
const created: { id: string; etag: string }[] = [];
let feedEtag: string | null = null;

async function timed(kind: string, run: () => Promise<Response>, expected: number[]): Promise<Response | null> {
  const start = performance.now();
  try {
    const response = await run();
    await response.arrayBuffer();
    const ok = expected.includes(response.status);
    samples.push({ kind, ms: performance.now() - start, ok });
    if (!ok && failures.length < 20) failures.push(`${kind}: ${response.status}`);
    return response;
  } catch (error) {
    samples.push({ kind, ms: performance.now() - start, ok: false });
    if (failures.length < 20) failures.push(`${kind}: ${String(error)}`);
    return null;
  }
}

let written = 0;
async function oneRequest(): Promise<void> {
  const roll = Math.random();
  if (roll < 0.45) {
    const month = 1 + Math.floor(Math.random() * 12);
    await timed('list month', () => fetch(`${base}/api/events?from=2026-${String(month).padStart(2, '0')}-01&to=2026-${String(month).padStart(2, '0')}-28`), [200]);
  } else if (roll < 0.55) {
    await timed('list filtered', () => fetch(`${base}/api/events?network=osallisuus&municipality=oulu`), [200]);
  } else if (roll < 0.7) {
    if (values['without-feeds']) return;
    const headers: Record<string, string> = feedEtag && Math.random() < 0.7 ? { 'If-None-Match': feedEtag } : {};
    const response = await timed('feed', () => fetch(`${base}/calendar.ics`, { headers }), [200, 304]);
    feedEtag = response?.headers.get('ETag') ?? feedEtag;
  } else if (roll < 0.8) {
    await timed('one event', () => fetch(`${base}/api/events/tilannekuvaseminaari-2026`), [200]);
  } else if (roll < 0.9) {
    const day = String(1 + (written++ % 28)).padStart(2, '0');
    const body = { status: 'published', title: { fi: `Kuormitustesti ${written}` }, type: 'tyopaja', start: `2027-02-${day}T09:00`, end: `2027-02-${day}T11:00`, networks: ['osallisuus'] };
    const response = await timed('create', () => fetch(`${base}/api/events`, { method: 'POST', headers: auth, body: JSON.stringify(body) }), [201]);
    if (response?.status === 201) created.push({ id: response.headers.get('Location')!.split('/').pop()!, etag: response.headers.get('ETag')! });
  } else {
    const target = created.shift();
    if (!target) return;
    if (Math.random() < 0.5) {
      const response = await timed('edit', () => fetch(`${base}/api/events/${target.id}`, { method: 'PATCH', headers: { ...auth, 'If-Match': target.etag }, body: JSON.stringify({ title: { fi: 'Muokattu kuormitustestissä' } }) }), [200]);
      if (response?.status === 200) created.push({ id: target.id, etag: response.headers.get('ETag')! });
    } else {
      await timed('cancel', () => fetch(`${base}/api/events/${target.id}/cancel`, { method: 'POST', headers: auth, body: '{}' }), [200]);
    }
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
};

try {
  const memory: { at: number; kib: Record<string, number> }[] = [{ at: 0, kib: memoryOf(service.processGroup) }];
  const started = Date.now();
  const end = started + minutes * 60_000;
  const sampler = setInterval(() => memory.push({ at: (Date.now() - started) / 1000, kib: memoryOf(service.processGroup) }), 15_000);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) await oneRequest();
    }),
  );
  clearInterval(sampler);
  memory.push({ at: (Date.now() - started) / 1000, kib: memoryOf(service.processGroup) });
  const seconds = (Date.now() - started) / 1000;

  console.log(`\nSoak: ${minutes} min, ${clients} clients, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}\n`);
  console.log('| requests | kind | errors | p50 | p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const kind of [...new Set(samples.map((s) => s.kind))]) {
    const of = samples.filter((s) => s.kind === kind);
    console.log(`| ${of.length} | ${kind} | ${of.filter((s) => !s.ok).length} | ${percentile(of.map((s) => s.ms), 0.5).toFixed(1)} ms | ${percentile(of.map((s) => s.ms), 0.99).toFixed(1)} ms |`);
  }
  const all = samples.map((s) => s.ms);
  console.log(`| ${samples.length} | all (${(samples.length / seconds).toFixed(0)} req/s) | ${samples.filter((s) => !s.ok).length} | ${percentile(all, 0.5).toFixed(1)} ms | ${percentile(all, 0.99).toFixed(1)} ms |`);
  const runtime = (m: { kib: Record<string, number> }) => Object.entries(m.kib).filter(([name]) => name.startsWith('workerd')).reduce((sum, [, kib]) => sum + kib, 0);
  const first = memory[1] ?? memory[0]!;
  console.log(`\nworkerd resident memory: ${(runtime(memory[0]!) / 1024).toFixed(0)} MiB at the start, ${(runtime(first) / 1024).toFixed(0)} MiB after ${first.at.toFixed(0)} s, ${(runtime(memory.at(-1)!) / 1024).toFixed(0)} MiB at the end (max ${(Math.max(...memory.map(runtime)) / 1024).toFixed(0)} MiB)`);
  console.log(`memory over time (s: MiB): ${memory.map((m) => `${m.at.toFixed(0)}: ${(runtime(m) / 1024).toFixed(0)}`).join(', ')}`);
  if (failures.length) console.log(`\nfirst errors:\n${failures.join('\n')}`);
  if (samples.some((s) => !s.ok)) process.exitCode = 1;
} finally {
  service.stop();
}
