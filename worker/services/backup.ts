/**
 * What `npm run export` writes: every table as JSON, which a restore reads
 * back whole (drafts too), and the events a calendar may show as one
 * iCalendar file, to read elsewhere; drafts are not in that file.
 */
import { type Backup, newestMigration, readAllTables } from '../db/backup';
import { listPublicEvents, withoutRevision } from '../db/events';
import { readTaxonomy } from '../db/taxonomy';
import { FEED_END, termNames } from '../domain/feeds';
import { calendarOf } from '../domain/ical';

export interface Export {
  backup: Backup;
  /** Every published and cancelled event, members-only ones too. */
  calendar: string;
  calendarEvents: number;
  /** Drafts, which are in the backup's tables and not in the calendar. */
  drafts: number;
}

export async function exportEverything(db: D1Database, site: { origin: string; uidDomain: string }, now: Date): Promise<Export> {
  const backup: Backup = { migration: await newestMigration(db), exportedAt: now.toISOString(), tables: await readAllTables(db) };
  const names = termNames(await readTaxonomy(db));
  const events = await listPublicEvents(db, { from: '2000-01-01T00:00:00Z', to: FEED_END, networks: [], types: [], municipalities: [], organisations: [], match: null, includeMembersOnly: true });
  const calendar = calendarOf(events.map(withoutRevision), { name: 'Hytekello', language: 'fi', origin: site.origin, uidDomain: site.uidDomain, names });
  return { backup, calendar, calendarEvents: events.length, drafts: backup.tables.events.filter((row) => row.status === 'draft').length };
}

/** The export's answer: what went where, and that drafts are only in the JSON. */
export function exportSummary(jsonFile: string, calendarFile: string, exported: Export): string {
  const counts = Object.entries(exported.backup.tables).map(([table, rows]) => `${table} ${rows.length}`).join(', ');
  return `Exported to ${jsonFile} (${counts}) and ${calendarFile} (${exported.calendarEvents} published and cancelled events; ${exported.drafts} drafts are only in the JSON, which a restore reads back whole).`;
}

/** The restore's answer, counting the drafts it brought back with the other events. */
export function restoreSummary(file: string, backup: Backup): string {
  const events = backup.tables.events;
  return `Restored ${file} (exported ${backup.exportedAt}; ${events.length} events, ${events.filter((row) => row.status === 'draft').length} of them drafts).`;
}
