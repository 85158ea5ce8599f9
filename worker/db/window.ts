/**
 * The time window of event reads, as SQL. Shared by every query that asks
 * for public events with an occurrence in [from, to).
 */

/**
 * A subquery of the ids of public (published or cancelled) events whose
 * span meets [from, to); `to` and `from` are placeholders such as '?1'.
 *
 * An event is in the window when it starts before `to` and ends after
 * `from`, or never ends. Read through an index led by span_start, that is
 * every event that began before `to`: all of history, growing with the
 * database. Led by span_end (events_by_span_end), it is the events that
 * end after `from`: the window and what follows it, whatever the size of
 * the past. Series without an end (span_end IS NULL) are the second branch,
 * an equality on the same index.
 */
export function publicEventIdsInWindow(to: string, from: string): string {
  return `SELECT id FROM events WHERE status IN ('published', 'cancelled') AND span_end > ${from} AND span_start < ${to}
  UNION ALL
  SELECT id FROM events WHERE status IN ('published', 'cancelled') AND span_end IS NULL AND span_start < ${to}`;
}
