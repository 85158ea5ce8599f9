/** The only place that knows the API's URLs; typed from the worker's schemas. */
import type { EventList, Taxonomy } from '../worker/shared/schemas';

export type { EventList, EventOccurrence, Taxonomy } from '../worker/shared/schemas';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export function upcomingEvents(from: string, to: string, limit = 100): Promise<EventList> {
  const query = new URLSearchParams({ from, to, limit: String(limit) });
  return getJson<EventList>(`/api/events?${query}`);
}

export function taxonomy(): Promise<Taxonomy> {
  return getJson<Taxonomy>('/api/taxonomy');
}
