/**
 * Built feed bodies, kept in two places: in the isolate's memory (free to
 * read) and in D1, gzip-compressed, so that a fresh isolate does not have
 * to rebuild. An entry is valid for one ETag; a write changes every feed's
 * ETag, so stale entries are never served.
 */
import { readCachedFeed, type StoredComponent, writeCachedFeed } from './db/feeds';
import { type CalendarOptions, eventComponents } from './domain/ical';
import type { Event } from './shared/schemas';

const MEMORY_ENTRIES = 64;
// Stored bodies of selections nobody asked for in this long are dropped.
const STORED_DAYS = 30;
// D1 rows may be at most 2 MB.
const MAX_STORED_BYTES = 1_900_000;

const memory = new Map<string, { etag: string; body: string }>();

async function gzip(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

async function gunzip(data: ArrayBuffer): Promise<string> {
  return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

function remember(key: string, etag: string, body: string): void {
  // Re-inserting moves the key to the end: the map's order is least recently used first.
  memory.delete(key);
  memory.set(key, { etag, body });
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

/**
 * A copy of a public feed in the Cache API of the data centre, shared by
 * every isolate there. It is keyed by the feed and its ETag, and the ETag
 * changes with every write: a changed feed is never answered from it, so
 * no purge is needed, and superseded copies simply age out.
 *
 * Only on a custom domain (a zone) does the Cache API keep anything. On
 * `*.workers.dev` put() stores nothing and match() finds nothing, so the
 * memory and D1 copies answer; the behaviour is otherwise the same.
 */
export interface EdgeCopy {
  match: () => Promise<ReadableStream | null>;
  put: (body: string) => Promise<void>;
}

// The key changes with the data, so an entry may live long; a day keeps the cache tidy.
const EDGE_SECONDS = 24 * 60 * 60;

export function edgeCopy(origin: string, key: string, etag: string): EdgeCopy {
  // A URL of the zone that no client requests: the feed's selection and its ETag.
  const request = () => new Request(`${origin}/calendar.ics?edge=${encodeURIComponent(key)}&etag=${encodeURIComponent(etag)}`);
  return {
    match: async () => (await caches.default.match(request()))?.body ?? null,
    put: (body) =>
      caches.default.put(request(), new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': `public, max-age=${EDGE_SECONDS}` } })),
  };
}

/**
 * The body built for this ETag, from memory, the edge (when `edge` is
 * given: public feeds) or D1; null when it must be built. A body found in
 * D1 is copied to the edge through `waitUntil`.
 */
export async function cachedFeed(
  db: D1Database,
  key: string,
  etag: string,
  edge: EdgeCopy | null,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<string | ReadableStream | null> {
  const inMemory = memory.get(key);
  if (inMemory?.etag === etag) {
    remember(key, etag, inMemory.body);
    return inMemory.body;
  }
  const atEdge = await edge?.match();
  if (atEdge) return atEdge;
  const stored = await readCachedFeed(db, key, etag);
  if (!stored) return null;
  const body = await gunzip(stored);
  remember(key, etag, body);
  if (edge) waitUntil(edge.put(body));
  return body;
}

/**
 * The last body built for a feed in this isolate, whatever its ETag: what
 * subscribers get when D1 does not answer, rather than an error that some
 * calendar clients answer by emptying the calendar.
 */
export function lastBuiltFeed(key: string): { etag: string; body: string } | null {
  return memory.get(key) ?? null;
}

/** Keeps a freshly built body; the D1 and edge writes can finish after the response (pass it to waitUntil). */
export async function keepFeed(db: D1Database, key: string, etag: string, body: string, edge: EdgeCopy | null): Promise<void> {
  remember(key, etag, body);
  await edge?.put(body);
  const gzipped = await gzip(body);
  const now = new Date();
  const pruneBefore = new Date(now.getTime() - STORED_DAYS * 86_400_000).toISOString();
  if (gzipped.byteLength <= MAX_STORED_BYTES) await writeCachedFeed(db, key, etag, gzipped, now.toISOString(), pruneBefore);
}

// One entry per event, language and origin: a few thousand at most.
const COMPONENT_ENTRIES = 20_000;
const components = new Map<string, string>();

/** FNV-1a: a short, stable fingerprint of a text. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

export interface FeedComponents {
  /** eventComponents, from memory, from the stored texts added, or written anew. */
  components: (event: Event, options: CalendarOptions) => string;
  /** Events whose text is not in memory: look for them in D1 and add() what is stored. */
  missing: (events: readonly Event[]) => string[];
  add: (stored: ReadonlyMap<string, StoredComponent>) => void;
  /** The texts written anew by components(), to store for other isolates. */
  built: StoredComponent[];
}

/**
 * Each event's VEVENT text, remembered per event version, so that a feed
 * writes only the events that changed: in the isolate's memory, and in D1
 * for fresh isolates. `names` is everything else the text depends on (the
 * names of terms), so a renamed network is written anew.
 */
export function feedComponents(names: unknown, options: Pick<CalendarOptions, 'language' | 'origin' | 'uidDomain'>): FeedComponents {
  const common = `${options.origin}|${options.uidDomain}|${fingerprint(JSON.stringify(names, (_key, value) => (value instanceof Map ? [...value] : value)))}`;
  const contextOf = (event: Event) => `${event.updatedAt}|${common}`;
  const keyOf = (event: Event) => `${event.id}|${options.language}|${contextOf(event)}`;
  const stored = new Map<string, StoredComponent>();
  const built: StoredComponent[] = [];
  const remember = (key: string, text: string) => {
    components.set(key, text);
    if (components.size > COMPONENT_ENTRIES) components.delete(components.keys().next().value!);
  };
  return {
    built,
    missing: (events) => events.filter((event) => !components.has(keyOf(event))).map((event) => event.id),
    add: (texts) => texts.forEach((text, id) => stored.set(id, text)),
    components: (event, calendarOptions) => {
      const key = keyOf(event);
      let text = components.get(key);
      if (text === undefined) {
        const context = contextOf(event);
        const kept = stored.get(event.id);
        if (kept?.context === context) {
          text = kept.text;
        } else {
          text = eventComponents(event, calendarOptions);
          built.push({ eventId: event.id, context, text });
        }
        remember(key, text);
      }
      return text;
    },
  };
}
