/**
 * Import and sync of calendars: reads the source, plans against what the
 * source gave before, and writes each event the way a hand-made one is
 * written (prepareEvent, insertEvent, updateEvent), one batch per event
 * with its audit row and its import record, so that no event is ever
 * half written.
 */
import { findEvent, insertEvent, updateEvent } from './db/events';
import { type ImportSource, fingerprintStatement, importedEvents, linkStatement, listSyncedSources, recordSync } from './db/imports';
import { type AuditActor, SYSTEM_ACTOR } from './domain/access';
import { ValidationError } from './domain/errors';
import { eventToInput, nextSequence, prepareEvent } from './domain/events';
import { type ParsedCalendar, isUnreadableCalendar, parseCalendar } from './domain/ics-import';
import { CANCELLED_IN_SOURCE, GONE, GONE_FROM_SOURCE, type ImportMapping, type PlanItem, planImport } from './domain/import-plan';
import { newEventId, newRevision } from './domain/ids';
import { withoutRevision } from './db/events';
import { fetchCalendar } from './fetch-calendar';

/** A calendar text parsed, or a 422 naming the field it came in. */
export function parseOrRefuse(text: string, field: 'ics' | 'url'): ParsedCalendar {
  try {
    return parseCalendar(text);
  } catch (error) {
    if (isUnreadableCalendar(error)) throw new ValidationError([{ field, rule: 'icalendar', message: `\`${field}\`: ${error.message}` }]);
    throw error;
  }
}

/** The plan for a source (or a first import, with no source yet). */
export async function planFor(db: D1Database, parsed: ParsedCalendar, mapping: ImportMapping, source: ImportSource | null): Promise<PlanItem[]> {
  const linked = source ? await importedEvents(db, source.id) : new Map();
  return planImport(parsed, mapping, linked, source !== null && source.url !== '');
}

export interface AppliedItem {
  uid: string | null;
  status: PlanItem['status'];
  title: string | null;
  eventId: string | null;
  /** What was done: created, updated, cancelled, nothing; failed with reason. */
  outcome: 'created' | 'updated' | 'cancelled' | 'none' | 'failed';
  reason: string | null;
}

/** Carries out a plan for a source, one batch per event; an event that fails is reported, the rest go on. */
export async function applyPlan(db: D1Database, source: ImportSource, items: PlanItem[], actor: AuditActor): Promise<AppliedItem[]> {
  const results: AppliedItem[] = [];
  for (const item of items) {
    const base = { uid: item.uid, status: item.status, title: item.title, eventId: item.eventId };
    try {
      results.push({ ...base, ...(await applyItem(db, source, item, actor)) });
    } catch (error) {
      results.push({ ...base, outcome: 'failed', reason: error instanceof ValidationError ? error.issues.map((i) => i.message).join('; ') : error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

async function applyItem(db: D1Database, source: ImportSource, item: PlanItem, actor: AuditActor): Promise<{ eventId: string | null; outcome: AppliedItem['outcome']; reason: string | null }> {
  const ctx = () => ({ revision: newRevision(), now: new Date().toISOString(), actor });
  if (item.status === 'new') {
    const draft = prepareEvent(item.input!, source.organisation, item.cancelled ? 'cancelled' : 'published', item.cancelled ? CANCELLED_IN_SOURCE : null);
    const id = newEventId();
    await insertEvent(db, id, draft, ctx(), undefined, [linkStatement(db, source.id, item.uid!, id, item.fingerprint!)]);
    return { eventId: id, outcome: 'created', reason: null };
  }
  if (item.status === 'changed' || item.status === 'gone') {
    const before = await findEvent(db, item.eventId!);
    if (!before) return { eventId: item.eventId, outcome: 'failed', reason: 'the event is no longer in Hytekello' };
    const draft =
      item.status === 'gone'
        ? prepareEvent(eventToInput(withoutRevision(before)), source.organisation, 'cancelled', GONE_FROM_SOURCE)
        : prepareEvent(item.input!, source.organisation, item.cancelled ? 'cancelled' : 'published', item.cancelled ? CANCELLED_IN_SOURCE : null);
    const write = ctx();
    const action = draft.status === 'cancelled' && before.status !== 'cancelled' ? 'cancel' : 'update';
    const saved = await updateEvent(db, before, before.revision, draft, nextSequence(before, draft), action, write, [
      fingerprintStatement(db, source.id, item.uid!, before.id, item.status === 'gone' ? GONE : item.fingerprint!, write.revision),
    ]);
    if (!saved) return { eventId: before.id, outcome: 'failed', reason: 'the event was changed meanwhile; import again' };
    return { eventId: before.id, outcome: action === 'cancel' ? 'cancelled' : 'updated', reason: null };
  }
  return { eventId: item.eventId, outcome: 'none', reason: item.reason };
}

/** What a sync records when some events could not be written; null when all were. */
export function writeFailures(items: readonly AppliedItem[]): string | null {
  const failed = items.filter((item) => item.outcome === 'failed').length;
  return failed > 0 ? `${failed} event${failed === 1 ? '' : 's'} could not be written` : null;
}

/** Fetches a URL source and brings its events up to date; records when, and the error if any. */
export async function syncSource(db: D1Database, source: ImportSource, actor: AuditActor, options: { allowLoopback?: boolean } = {}): Promise<{ items: AppliedItem[]; error: string | null }> {
  const now = new Date().toISOString();
  try {
    const text = await fetchCalendar(source.url, options);
    const items = await planFor(db, parseOrRefuse(text, 'url'), source.mapping, source);
    const applied = await applyPlan(db, source, items, actor);
    const error = writeFailures(applied);
    await recordSync(db, source.id, now, error);
    return { items: applied, error };
  } catch (error) {
    const message = error instanceof ValidationError ? error.issues.map((i) => i.message).join('; ') : error instanceof Error ? error.message : String(error);
    await recordSync(db, source.id, now, message);
    return { items: [], error: message };
  }
}

/** Sources synced per scheduled run; the least recently synced go first, the rest next time. */
export const SOURCES_PER_RUN = 10;

/** The scheduled sync: every source that asked for it, a few per run. */
export async function syncScheduled(db: D1Database): Promise<void> {
  for (const source of await listSyncedSources(db, SOURCES_PER_RUN)) {
    await syncSource(db, source, SYSTEM_ACTOR);
  }
}
