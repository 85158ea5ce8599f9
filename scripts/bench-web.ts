/**
 * Web benchmark: gzipped size of the UI's JavaScript and CSS, and
 * Lighthouse scores (median of three runs) of the public pages in the
 * system's Chromium, against `wrangler dev` with the demo data.
 *
 *   npm run bench   (after `npm run build:web`, which `npm test` and `npm start` do)
 *   tsx scripts/bench-web.ts --sizes   (the sizes alone, without Lighthouse)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startLocalService } from './local-service';

const ASSETS = 'web/dist/assets';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = ['/', '/?view=month', '/events/tilannekuvaseminaari-2025', '/embed?municipality=oulu', '/clock', '/clock?view=term'];
const RUNS = 3;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function assetSizes() {
  return readdirSync(ASSETS).map((file) => {
    const content = readFileSync(join(ASSETS, file));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}

interface LighthouseResult {
  categories: Record<string, { score: number }>;
  audits: Record<string, { numericValue: number }>;
}

function lighthouse(url: string): LighthouseResult {
  const run = spawnSync(
    'lighthouse',
    [url, '--quiet', '--output=json', '--output-path=stdout', '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'],
    { encoding: 'utf8', env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`lighthouse failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LighthouseResult;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const sizes = assetSizes();
console.log('Web assets (web/dist, the same files for every page):\n');
console.log('| file | size | gzipped |\n| --- | --- | --- |');
for (const { file, raw, gzip } of sizes) console.log(`| ${file.replace(/-[\w-]{8}\./, '.')} | ${kib(raw)} | ${kib(gzip)} |`);
if (process.argv.includes('--sizes')) process.exit(0);

const service = await startLocalService();
try {
  console.log(`\nLighthouse (median of ${RUNS} runs, default mobile emulation):\n`);
  console.log('| page | performance | accessibility | best practices | LCP | TBT | CLS |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const page of PAGES) {
    const results = Array.from({ length: RUNS }, () => lighthouse(`${service.baseUrl}${page}`));
    const score = (category: string) => Math.round(median(results.map((r) => r.categories[category]!.score)) * 100);
    const audit = (id: string) => median(results.map((r) => r.audits[id]!.numericValue));
    console.log(
      `| ${page} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${(audit('largest-contentful-paint') / 1000).toFixed(1)} s | ${Math.round(audit('total-blocking-time'))} ms | ${audit('cumulative-layout-shift').toFixed(3)} |`,
    );
  }
} finally {
  service.stop();
}
