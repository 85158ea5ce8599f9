/** SQL for feeds: the data version, and built bodies kept between isolates. */

export interface DataVersion {
  /** Grows with every write (the newest audit-log row). */
  version: number;
  /** When the newest write happened; null in a database nobody wrote to. */
  changedAt: string | null;
}

/** The data version: one indexed read, cheap enough to do on every feed request. */
export async function readDataVersion(db: D1Database): Promise<DataVersion> {
  // max(id) reads one end of the rowid tree (a plan of SEARCH, not SCAN).
  const row = await db.prepare('SELECT id, at FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').first<{ id: number; at: string }>();
  return { version: row?.id ?? 0, changedAt: row?.at ?? null };
}

/** A stored body built for `etag`, gzip-compressed; null when there is none for that ETag. */
export async function readCachedFeed(db: D1Database, key: string, etag: string): Promise<ArrayBuffer | null> {
  const row = await db.prepare('SELECT body FROM feed_cache WHERE key = ?1 AND etag = ?2').bind(key, etag).first<{ body: ArrayBuffer | number[] }>();
  if (!row) return null;
  return row.body instanceof ArrayBuffer ? row.body : new Uint8Array(row.body).buffer;
}

/** Stores a built body, and drops bodies not built since `pruneBefore` (their selections may never come back); one batch. */
export async function writeCachedFeed(db: D1Database, key: string, etag: string, gzipped: ArrayBuffer, now: string, pruneBefore: string): Promise<void> {
  await db.batch([
    db
      .prepare('INSERT INTO feed_cache (key, etag, body, built_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET etag = ?2, body = ?3, built_at = ?4')
      .bind(key, etag, gzipped, now),
    db.prepare('DELETE FROM feed_cache WHERE built_at < ?1').bind(pruneBefore),
  ]);
}

export interface StoredComponent {
  eventId: string;
  /** What the text was built for besides the event's id (its version, origin, names). */
  context: string;
  text: string;
}

/** Stored VEVENT texts of these events in a language, by event id. */
export async function readEventComponents(db: D1Database, language: string, eventIds: readonly string[]): Promise<Map<string, StoredComponent>> {
  const { results } = await db
    .prepare('SELECT event_id, context, text FROM event_components WHERE language = ?1 AND event_id IN (SELECT value FROM json_each(?2))')
    .bind(language, JSON.stringify(eventIds))
    .all<{ event_id: string; context: string; text: string }>();
  return new Map(results.map((row) => [row.event_id, { eventId: row.event_id, context: row.context, text: row.text }]));
}

// Bound values are kept well under D1's limits (2 MB a value): texts go in chunks.
const COMPONENT_CHUNK_CHARS = 500_000;

/**
 * Stores VEVENT texts, replacing older ones, and drops the texts of events
 * that ended in [`endedFrom`, `endedTo`): those that have just left every
 * feed's window, a bounded range of the index, so the table does not grow
 * with history. One batch, a few statements.
 */
export async function writeEventComponents(
  db: D1Database,
  language: string,
  components: readonly StoredComponent[],
  ended: { endedFrom: string; endedTo: string },
): Promise<void> {
  const chunks: [string, string, string][][] = [];
  let size = Infinity;
  for (const { eventId, context, text } of components) {
    if (size > COMPONENT_CHUNK_CHARS) chunks.push([]), (size = 0);
    chunks[chunks.length - 1]!.push([eventId, context, text]);
    size += text.length;
  }
  if (chunks.length === 0) return;
  await db.batch([
    ...chunks.map((chunk) =>
      db
        .prepare(
          `INSERT INTO event_components (event_id, language, context, text)
           SELECT j.value ->> 0, ?1, j.value ->> 1, j.value ->> 2 FROM json_each(?2) j
           WHERE EXISTS (SELECT 1 FROM events WHERE id = j.value ->> 0)
           ON CONFLICT (event_id, language) DO UPDATE SET context = excluded.context, text = excluded.text`,
        )
        .bind(language, JSON.stringify(chunk)),
    ),
    db
      .prepare(
        `DELETE FROM event_components WHERE event_id IN
           (SELECT id FROM events WHERE status IN ('published', 'cancelled') AND span_end >= ?1 AND span_end < ?2)`,
      )
      .bind(ended.endedFrom, ended.endedTo),
  ]);
}
