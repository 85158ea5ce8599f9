/**
 * Stored occurrences: reading a page of them, and keeping them ahead of
 * time (the Cron Trigger's part).
 * Events never indexed (written before the index existed, or restored) are
 * indexed whole; a series whose index ends within INDEX_DAYS_AHEAD is
 * extended a month at a time, so that each is touched about once a month.
 */
import { type EventFilter, type StoredEvent, withoutRevision } from '../db/events';
import { type BriefEvent, type OccurrencePage, type OccurrenceRow, extendIndex, listIndexWork, listOccurrenceBriefPage, listOccurrencePage, listOccurrenceSyndicationPage } from '../db/occurrences';
import type { SyndicationOccurrence } from '../domain/syndication';
import { eventOccurrences } from '../domain/events';
import { type Window, briefOf, mergePage } from '../domain/listing';
import type { EventBrief, EventOccurrence } from '../shared/events';
import { indexStatements } from '../db/occurrence-rows';
import { EXTENSION_DAYS, earliestStarts, indexOfEvent, indexWindow, instantText, occurrenceOfStored, occurrencesToStore } from '../domain/occurrence-index';

const DAY_MS = 86_400_000;
// Events per query; each is at most about a thousand occurrences to compute.
const BATCH = 50;

/** Indexes or extends up to `limit` events; returns how many it did. */
export async function keepIndexAhead(db: D1Database, nowMs: number, limit = 500): Promise<number> {
  const window = indexWindow(nowMs);
  const target = instantText(window.until);
  const extendedUntil = window.until + EXTENSION_DAYS * DAY_MS;
  let done = 0;
  while (done < limit) {
    const work = await listIndexWork(db, target, Math.min(BATCH, limit - done));
    if (work.length === 0) break;
    for (const item of work) {
      const { event } = item;
      if (item.indexedUntil === null) {
        const { clear, store } = indexStatements(db, event.id, event.revision, indexOfEvent(event, nowMs));
        await db.batch([clear, ...store]);
      } else {
        const timing = { timeZone: event.timeZone, allDay: event.allDay, start: event.start, end: event.end, recurrence: event.recurrence };
        await extendIndex(db, item, occurrencesToStore(timing, { from: Date.parse(item.indexedUntil), until: extendedUntil }));
      }
    }
    done += work.length;
    if (work.length < BATCH) break;
  }
  return done;
}

/**
 * One page of occurrences in the window, from the index (and from the few
 * events not indexed yet, expanded here), in order, with the next cursor.
 */
export async function listOccurrences(db: D1Database, filter: EventFilter, window: Window, page: OccurrencePage): Promise<{ items: EventOccurrence[]; nextCursor: string | null }> {
  const { rows, events, unindexed } = await listOccurrencePage(db, { ...filter, ...earliestStarts(window.from) }, page);
  return pageOf(rows, events.map(withoutRevision), expand(unindexed, window), page);
}

/** The same page as listOccurrences, each occurrence with only its event's BriefEvent (EventBrief). */
export async function listOccurrenceBriefs(db: D1Database, filter: EventFilter, window: Window, page: OccurrencePage): Promise<{ items: EventBrief[]; nextCursor: string | null }> {
  const { rows, events, unindexed } = await listOccurrenceBriefPage(db, { ...filter, ...earliestStarts(window.from) }, page);
  return pageOf(rows, events, expand(unindexed, window).map(briefOf), page);
}

/** The same page as listOccurrences, each occurrence with only what RSS, Atom and JSON Feed show of its event. */
export async function listOccurrenceSyndication(db: D1Database, filter: EventFilter, window: Window, page: OccurrencePage): Promise<{ items: SyndicationOccurrence[]; nextCursor: string | null }> {
  const { rows, events, unindexed } = await listOccurrenceSyndicationPage(db, { ...filter, ...earliestStarts(window.from) }, page);
  return pageOf(rows, events, expand(unindexed, window), page);
}

const expand = (unindexed: StoredEvent[], window: Window) => unindexed.flatMap((event) => eventOccurrences(withoutRevision(event), window.from, window.to));

/** The stored rows with their events, merged with the expanded occurrences into the page. */
function pageOf<E extends BriefEvent>(rows: OccurrenceRow[], events: E[], expanded: (E & Pick<EventOccurrence, 'occurrence'>)[], page: OccurrencePage) {
  const byId = new Map(events.map((event) => [event.id, event]));
  const indexed = rows.flatMap((row) => {
    const event = byId.get(row.eventId);
    return event ? [occurrenceOfStored(event, row)] : [];
  });
  return mergePage(indexed, expanded, { limit: page.limit, after: page.after, descending: page.descending });
}
