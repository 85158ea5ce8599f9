/** The only place that knows the API's URLs; typed from the worker's schemas. */
import type { AnnualClock, CouncilTermClock, Event, EventList, OccurrenceList, Taxonomy } from '../worker/shared/schemas';

export type { AnnualClock, CouncilTermClock, Event, EventList, EventOccurrence, OccurrenceInfo, OccurrenceList, Taxonomy } from '../worker/shared/schemas';
export { feedLinks, type FeedFilters, type FeedLinks } from '../worker/shared/feed-links';

export class NotFound extends Error {}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export interface EventFilters {
  network: string[];
  type: string[];
  municipality: string[];
  organisation: string[];
  q: string;
}

/** Occurrences in [from, to) matching the filters; pass `cursor` for the next page. */
export function listEvents(filters: EventFilters, window: { from: string; to: string }, options: { cursor?: string | null; limit?: number; signal?: AbortSignal } = {}): Promise<EventList> {
  const query = new URLSearchParams({ from: window.from, to: window.to, limit: String(options.limit ?? 50) });
  for (const key of ['network', 'type', 'municipality', 'organisation'] as const) for (const value of filters[key]) query.append(key, value);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (options.cursor) query.set('cursor', options.cursor);
  return getJson<EventList>(`/api/events?${query}`, options.signal);
}

export function getEvent(id: string, signal?: AbortSignal): Promise<Event> {
  return getJson<Event>(`/api/events/${encodeURIComponent(id)}`, signal);
}

/** The occurrences of one event in [from, to). */
export function getOccurrences(id: string, window: { from: string; to: string }, limit: number, signal?: AbortSignal): Promise<OccurrenceList> {
  const query = new URLSearchParams({ from: window.from, to: window.to, limit: String(limit) });
  return getJson<OccurrenceList>(`/api/events/${encodeURIComponent(id)}/occurrences?${query}`, signal);
}

/** The annual clock's items that touch `year`. */
export function getClock(year: number, clock: string | null, signal?: AbortSignal): Promise<AnnualClock> {
  const query = new URLSearchParams({ year: String(year) });
  if (clock) query.set('clock', clock);
  return getJson<AnnualClock>(`/api/clock?${query}`, signal);
}

/** The council term that contains today, and its items. */
export function getCouncilTerm(clock: string | null, signal?: AbortSignal): Promise<CouncilTermClock> {
  return getJson<CouncilTermClock>(`/api/council-term${clock ? `?clock=${encodeURIComponent(clock)}` : ''}`, signal);
}

/** The annual clock as a feed to subscribe to. */
export function clockFeedUrl(clock: string | null, language: string): string {
  const query = new URLSearchParams();
  if (clock) query.set('clock', clock);
  if (language !== 'fi') query.set('lang', language);
  return `/clock.ics${query.size ? `?${query}` : ''}`;
}

let taxonomyRequest: Promise<Taxonomy> | null = null;

/** Reference data, fetched once per page load. */
export function getTaxonomy(): Promise<Taxonomy> {
  taxonomyRequest ??= getJson<Taxonomy>('/api/taxonomy').catch((error) => {
    taxonomyRequest = null;
    throw error;
  });
  return taxonomyRequest;
}

/** "Add to my calendar" download of one event. */
export function eventIcsUrl(id: string, language: string): string {
  return `/events/${encodeURIComponent(id)}.ics${language === 'fi' ? '' : `?lang=${language}`}`;
}
