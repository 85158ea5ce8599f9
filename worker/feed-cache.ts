/**
 * Built feed bodies, kept in two places: in the isolate's memory (free to
 * read) and in D1, gzip-compressed, so that a fresh isolate does not have
 * to rebuild. An entry is valid for one ETag; a write changes every feed's
 * ETag, so stale entries are never served.
 */
import { pruneCachedFeeds, readCachedFeed, writeCachedFeed } from './db/feeds';
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

/** The body built for this ETag, from memory or D1; null when it must be built. */
export async function cachedFeed(db: D1Database, key: string, etag: string): Promise<string | null> {
  const inMemory = memory.get(key);
  if (inMemory?.etag === etag) {
    remember(key, etag, inMemory.body);
    return inMemory.body;
  }
  const stored = await readCachedFeed(db, key, etag);
  if (!stored) return null;
  const body = await gunzip(stored);
  remember(key, etag, body);
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

/** Keeps a freshly built body; the D1 writes can finish after the response (pass it to waitUntil). */
export async function keepFeed(db: D1Database, key: string, etag: string, body: string): Promise<void> {
  remember(key, etag, body);
  const gzipped = await gzip(body);
  const now = new Date();
  if (gzipped.byteLength <= MAX_STORED_BYTES) await writeCachedFeed(db, key, etag, gzipped, now.toISOString());
  await pruneCachedFeeds(db, new Date(now.getTime() - STORED_DAYS * 86_400_000).toISOString());
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

/**
 * eventComponents, remembered per event version: after a write, a feed
 * rebuild writes only the events that changed. `names` is everything else
 * the text depends on (the names of terms), so a renamed network is
 * written anew.
 */
export function rememberedComponents(names: unknown): (event: Event, options: CalendarOptions) => string {
  const context = fingerprint(JSON.stringify(names, (_key, value) => (value instanceof Map ? [...value] : value)));
  return (event, options) => {
    const key = `${event.id}|${event.updatedAt}|${options.language}|${options.origin}|${options.uidDomain}|${context}`;
    let text = components.get(key);
    if (text === undefined) {
      text = eventComponents(event, options);
      components.set(key, text);
      if (components.size > COMPONENT_ENTRIES) components.delete(components.keys().next().value!);
    }
    return text;
  };
}
