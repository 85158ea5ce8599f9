/**
 * Export and restore of a local D1 database.
 *
 *   npm run export -- [--out backup]          writes backup/hytekello.json (every table, drafts too) and backup/hytekello.ics (every published and cancelled event, members-only ones too; drafts only in the JSON)
 *   npm run restore -- backup/hytekello.json  replaces the local database's content with the backup
 *
 * PERSIST_TO names another local state directory, as for the seed. The
 * deployed database is backed up by D1 itself (Time Travel) and with
 * `wrangler d1 export hytekello --remote`; see docs/deploy.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { type Backup, newestMigration, replaceAllTables } from '../worker/db/backup';
import { exportEverything, exportSummary, restoreSummary } from '../worker/services/backup';
import { keepIndexAhead } from '../worker/services/occurrence-index';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'backup' }, origin: { type: 'string', default: 'http://localhost:8787' } } });
const [command, file] = positionals;

const persistTo = process.env.PERSIST_TO;
const proxy = await getPlatformProxy<{ DB: D1Database; UID_DOMAIN?: string; PUBLIC_ORIGIN?: string }>({ configPath: 'wrangler.toml', persist: persistTo ? { path: join(persistTo, 'v3') } : true });
const db = proxy.env.DB;
try {
  if (command === 'export') {
    const exported = await exportEverything(db, { origin: proxy.env.PUBLIC_ORIGIN || values.origin, uidDomain: proxy.env.UID_DOMAIN || 'hytekello' }, new Date());
    const [jsonFile, calendarFile] = [join(values.out, 'hytekello.json'), join(values.out, 'hytekello.ics')];
    mkdirSync(values.out, { recursive: true });
    writeFileSync(jsonFile, JSON.stringify(exported.backup, null, 1));
    writeFileSync(calendarFile, exported.calendar);
    console.log(exportSummary(jsonFile, calendarFile, exported));
  } else if (command === 'restore' && file) {
    const backup = JSON.parse(readFileSync(file, 'utf8')) as Backup;
    const migration = await newestMigration(db);
    if (backup.migration !== migration) throw new Error(`the backup is of migration ${backup.migration}, the database of ${migration}: migrate first (npm run db:setup) or use a matching backup`);
    await replaceAllTables(db, backup.tables);
    // The stored occurrences, as the Cron Trigger would make them, so that lists are fast at once.
    await keepIndexAhead(db, Date.now(), Number.POSITIVE_INFINITY);
    console.log(restoreSummary(file, backup));
  } else {
    console.error('usage: npm run export -- [--out <dir>] | npm run restore -- <file.json>');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await proxy.dispose();
}
