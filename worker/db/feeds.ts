/** SQL for feeds: the versions their validators are made of, and the VEVENT texts kept between isolates. */
import type { FeedVersionKind, FeedVersions, StoredComponent } from '../domain/feeds';

/**
 * The newest version of each kind among the [kind, slug] pairs asked for
 * (feed_versions, kept by triggers on the audit log): a few primary-key
 * lookups in a table of one row per term, whatever the number of events.
 */
export async function readFeedVersions(db: D1Database, keys: readonly [FeedVersionKind, string][]): Promise<FeedVersions> {
  const { results } = await db
    .prepare(
      `SELECT f.kind, max(f.version) AS version, max(f.changed_at) AS changed_at
       FROM json_each(?1) k JOIN feed_versions f ON f.kind = k.value ->> 0 AND f.slug = k.value ->> 1
       GROUP BY f.kind`,
    )
    .bind(JSON.stringify(keys))
    .all<{ kind: FeedVersionKind; version: number; changed_at: string }>();
  return Object.fromEntries(results.map((row) => [row.kind, { version: row.version, changedAt: row.changed_at }]));
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
