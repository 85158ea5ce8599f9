/** SQL for counts of events, by status, for the organiser's lists. */
import type { Event } from '../shared/events';

/** How many events these organisations (every one when null) have in each status. */
export async function countEventsOf(db: D1Database, organisations: string[] | null): Promise<Record<Event['status'], number>> {
  const { results } = await db
    .prepare(
      `SELECT e.status, count(*) AS n FROM events e
WHERE (?1 IS NULL OR e.id IN (SELECT j.event_id FROM event_organisations j JOIN organisations t ON t.id = j.organisation_id WHERE t.slug IN (SELECT value FROM json_each(?1))))
GROUP BY e.status`,
    )
    .bind(organisations === null ? null : JSON.stringify(organisations))
    .all<{ status: Event['status']; n: number }>();
  const counts = { draft: 0, published: 0, cancelled: 0 };
  for (const row of results) counts[row.status] = row.n;
  return counts;
}
