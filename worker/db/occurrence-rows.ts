/**
 * The statements that store an event's occurrences (migration 0016), for
 * the batch of the event's write and for the Cron Trigger's extension.
 */
import type { StoredOccurrence } from '../domain/occurrence-index';

/** The occurrences an event's write stores, and how far they reach (null for a draft). */
export interface EventIndex {
  occurrences: StoredOccurrence[];
  indexedUntil: string | null;
}

export const insertRows = (guard: string, verb = 'INSERT') => `${verb} INTO occurrences (event_id, recurrence_id, starts_at, ends_at, start_text, end_text, cancelled, moved, place, long)
SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'),
  json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]')
FROM json_each(?3) WHERE ${guard}`;

// One JSON array per occurrence: a write of a thousand occurrences is one statement.
export const rowsJson = (occurrences: readonly StoredOccurrence[]) =>
  JSON.stringify(occurrences.map((o) => [o.recurrenceId, o.startsAt, o.endsAt, o.start, o.end, o.cancelled ? 1 : 0, o.moved ? 1 : 0, o.place, o.long ? 1 : 0]));

/**
 * Statements that replace an event's stored occurrences; they run only if
 * the event has `revision` (?2). An event's write runs `clear` before it
 * replaces the event's terms, and `store` after: occurrence_terms
 * (migration 0025) is then written once, by the occurrences' trigger, not
 * also by the terms' for the occurrences about to go.
 */
export function indexStatements(db: D1Database, id: string, revision: string, index: EventIndex): { clear: D1PreparedStatement; store: D1PreparedStatement[] } {
  const guard = 'EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?2)';
  return {
    clear: db.prepare(`DELETE FROM occurrences WHERE event_id = ?1 AND ${guard}`).bind(id, revision),
    store: [
      ...(index.occurrences.length > 0 ? [db.prepare(insertRows(guard)).bind(id, revision, rowsJson(index.occurrences))] : []),
      db.prepare('UPDATE events SET indexed_until = ?3 WHERE id = ?1 AND revision = ?2').bind(id, revision, index.indexedUntil),
    ],
  };
}

