/** SQL for the health check. */

/** Whether D1 answers a trivial query. */
export async function databaseAnswers(db: D1Database): Promise<boolean> {
  try {
    const row = await db.prepare('SELECT count(*) AS n FROM event_types').first<{ n: number }>();
    return (row?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
