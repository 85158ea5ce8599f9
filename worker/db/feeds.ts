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

export async function writeCachedFeed(db: D1Database, key: string, etag: string, gzipped: ArrayBuffer, now: string): Promise<void> {
  await db
    .prepare('INSERT INTO feed_cache (key, etag, body, built_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET etag = ?2, body = ?3, built_at = ?4')
    .bind(key, etag, gzipped, now)
    .run();
}

/** Drops bodies that were not used for a long time (their selections may never come back). */
export async function pruneCachedFeeds(db: D1Database, builtBefore: string): Promise<void> {
  await db.prepare('DELETE FROM feed_cache WHERE built_at < ?1').bind(builtBefore).run();
}
