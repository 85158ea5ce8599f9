/**
 * Web benchmark: gzipped size of the UI's JavaScript and CSS, and
 * Lighthouse scores (median of three runs) of the public pages in the
 * system's Chromium, against `wrangler dev` with the demo data.
 *
 *   npm run bench   (after `npm run build:web`, which `npm test` and `npm start` do)
 *   tsx scripts/bench-web.ts --sizes   (the sizes alone, without Lighthouse)
 *   tsx scripts/bench-web.ts --contents [chunk]   (what makes up the organiser chunks, or those named chunk…)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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

/** The six bits of a base64 digit of a source map's VLQ. */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one segment of a source map's `mappings` (base64 VLQ: five bits a digit, sign in the lowest bit). */
function vlqNumbers(segment: string): number[] {
  const numbers: number[] = [];
  let value = 0;
  let shift = 0;
  for (const digit of segment) {
    const bits = BASE64.indexOf(digit);
    value += (bits & 31) << shift;
    if (bits & 32) {
      shift += 5;
      continue;
    }
    numbers.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return numbers;
}

/** A source as the table names it: its package, or its path in the repository. */
const sourceName = (source: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? relative(ROOT, resolve(join(ROOT, 'web/dist/assets'), source));
const ROOT = process.cwd();

/**
 * What makes up the minified chunks whose names begin with `prefix`: each
 * character of a chunk is given to the source its source map says it came
 * from, and each source's characters are gzipped together. Gzipped alone
 * a part is larger than its share of the chunk's gzip (which also finds
 * repeats across parts), but the order and proportions are what to read.
 */
async function chunkContents(prefix: string): Promise<void> {
  const { build } = await import('vite');
  const output = await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { write: false, sourcemap: true } });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => ('output' in result ? result.output : []));
  for (const chunk of chunks) {
    if (chunk.type !== 'chunk' || !chunk.name.startsWith(prefix) || !chunk.map) continue;
    const lineStarts = [0];
    for (let i = chunk.code.indexOf('\n'); i >= 0; i = chunk.code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    // Where each mapped piece of the chunk begins, and the source it is from.
    const starts: { at: number; source: number }[] = [];
    let source = 0;
    chunk.map.mappings.split(';').forEach((line, lineIndex) => {
      let column = 0;
      for (const segment of line.split(',').filter(Boolean)) {
        const [columnStep = 0, sourceStep] = vlqNumbers(segment);
        column += columnStep;
        // A segment of one number starts a piece that comes from no source (the bundler's own code).
        if (sourceStep !== undefined) source += sourceStep;
        starts.push({ at: lineStarts[lineIndex]! + column, source: sourceStep === undefined ? -1 : source });
      }
    });
    const texts = new Map<string, string[]>();
    starts.forEach(({ at, source }, i) => {
      const name = source < 0 ? '(no source: the bundler\'s own)' : sourceName(chunk.map!.sources[source]!);
      texts.set(name, [...(texts.get(name) ?? []), chunk.code.slice(at, starts[i + 1]?.at ?? chunk.code.length)]);
    });
    const parts = [...texts].map(([name, pieces]) => ({ name, raw: pieces.join('').length, gzip: gzipSync(pieces.join(''), { level: 9 }).length })).sort((a, b) => b.gzip - a.gzip);
    console.log(`\n${chunk.fileName.replace(/-[\w-]{8}\./, '.')}: ${kib(chunk.code.length)}, ${kib(gzipSync(chunk.code, { level: 9 }).length)} gzipped\n`);
    console.log('| source | minified | gzipped alone |\n| --- | --- | --- |');
    for (const { name, raw, gzip } of parts) console.log(`| ${name} | ${kib(raw)} | ${kib(gzip)} |`);
  }
}

const contents = process.argv.indexOf('--contents');
if (contents >= 0) {
  await chunkContents(process.argv[contents + 1] ?? 'organiser');
  process.exit(0);
}

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
