/**
 * Size and speed of the search index: the trigram index (migration 0017)
 * beside the word index it replaced (unicode61, word prefixes), on the demo
 * data and on generated events.
 *
 *   npx tsx scripts/search-index.ts                 # demo data and 10,000 generated events
 *   npx tsx scripts/search-index.ts --sizes 1000,10000
 *
 * Each database is migrated and filled through wrangler's local D1, as
 * `npm start` and the benchmarks do, then copied and read with Node's
 * SQLite: the index's pages from `dbstat`, the whole file, and the search
 * statement timed (median of 20) for a few queries. The word index is built
 * in the copy from the same texts, with migration 0001's definition.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { searchExpression } from '../worker/db/events';
import { Temporal } from '../worker/domain/time';
import { eventsSql, generateEvents } from './bench-data';
import { applySql, demoData } from './local-service';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '10000' } } });

const WORD_INDEX = `
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5 (event_id UNINDEXED, title, description, place, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO events_fts (event_id, title, description, place)
SELECT id, concat_ws(' ', title_fi, title_sv, title_en), concat_ws(' ', description_fi, description_sv, description_en), concat_ws(' ', location_place, location_address) FROM events;`;

/** The word index's expression, as it was: every word a quoted prefix. */
const wordExpression = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => `"${word}"*`).join(' ');

const QUERIES = ['työpaja', 'mielenterveys', 'kertomus', 'hyvinvointi oulu', 'ii'];

function migrated(fill: (persist: string) => Promise<void> | void): Promise<string> {
  const persist = mkdtempSync(join(tmpdir(), 'hytekello-search-'));
  const result = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'hytekello', '--local', '--persist-to', persist], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Promise.resolve(fill(persist)).then(() => persist);
}

function copy(persist: string): DatabaseSync {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')!;
  const target = join(persist, 'copy.sqlite');
  const source = new DatabaseSync(join(dir, file), { readOnly: true });
  source.exec(`VACUUM INTO '${target}'`);
  source.close();
  return new DatabaseSync(target);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(db: DatabaseSync, expression: (q: string) => string | null) {
  const pages = db.prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'events_fts%'").get() as { bytes: number };
  const file = db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size').get() as { bytes: number };
  const statement = db.prepare('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?');
  const searches = QUERIES.map((q) => {
    const match = expression(q);
    const hits = match === null ? 0 : (statement.get(match) as { n: number }).n;
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      if (match !== null) statement.get(match);
      times.push(performance.now() - start);
    }
    return { q, hits, ms: median(times) };
  });
  return { indexBytes: pages.bytes, fileBytes: file.bytes, searches };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function report(name: string, persist: string) {
  const db = copy(persist);
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const text = db.prepare("SELECT sum(length(concat_ws(' ', title_fi, title_sv, title_en, description_fi, description_sv, description_en, location_place, location_address))) AS n FROM events").get() as { n: number };
  const trigram = measure(db, searchExpression);
  db.exec(WORD_INDEX);
  db.exec('VACUUM');
  const word = measure(db, wordExpression);
  db.close();
  rmSync(persist, { recursive: true, force: true });
  console.log(`\n${name}: ${events} events, ${kib(text.n)} of indexed text`);
  console.log(`  index  word (unicode61) ${kib(word.indexBytes)}, trigram ${kib(trigram.indexBytes)} (×${(trigram.indexBytes / word.indexBytes).toFixed(1)})`);
  console.log(`  file   word ${kib(word.fileBytes)}, trigram ${kib(trigram.fileBytes)}`);
  for (const [i, search] of trigram.searches.entries()) {
    const before = word.searches[i]!;
    console.log(`  q=${search.q.padEnd(18)} word ${String(before.hits).padStart(5)} hits ${before.ms.toFixed(3)} ms   trigram ${String(search.hits).padStart(5)} hits ${search.ms.toFixed(3)} ms`);
  }
}

await report('Demo data', await migrated(demoData));
for (const size of args.sizes.split(',').map(Number)) {
  const persist = await migrated((dir) => {
    const file = join(dir, 'events.sql');
    writeFileSync(file, eventsSql(generateEvents(size, Temporal.Now.plainDateISO('Europe/Helsinki')), new Date().toISOString()));
    applySql(dir, file);
  });
  await report(`${size} generated events`, persist);
}
