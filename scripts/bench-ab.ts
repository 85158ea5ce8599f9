/**
 * Two services side by side, one request path, requests alternated so that
 * both see the same load on a shared machine: the ratio of their medians
 * is what to read.
 *
 *   tsx scripts/bench-ab.ts <base URL A> <base URL B> '<path>' [requests]
 *
 * E.g. A = the service before a change, B = after it, both started by
 * `wrangler dev --persist-to <dir>` on one database loaded by the bench.
 */
import { argv } from 'node:process';

const [a, b, path, count = '40'] = argv.slice(2);
if (!a || !b || !path) throw new Error('usage: tsx scripts/bench-ab.ts <base URL A> <base URL B> <path> [requests]');

async function timed(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - start;
}

const times: Record<'a' | 'b', number[]> = { a: [], b: [] };
for (let i = 0; i < 3; i++) await Promise.all([timed(a + path), timed(b + path)]);
for (let i = 0; i < Number(count); i++) {
  // Alternate which goes first, so neither gains from going second.
  const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
  for (const which of order) times[which].push(await timed((which === 'a' ? a : b) + path));
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const p90 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length * 0.9)]!;
console.log(`${path}: A median ${median(times.a).toFixed(1)} ms (p90 ${p90(times.a).toFixed(1)}), B median ${median(times.b).toFixed(1)} ms (p90 ${p90(times.b).toFixed(1)}), B ÷ A = ${(median(times.b) / median(times.a)).toFixed(2)}`);
