/**
 * Built feed bodies, gzip-compressed (a cached answer is neither encoded nor
 * compressed again: most calendar clients accept gzip and get these very
 * bytes), kept in the isolate's memory and, for public feeds on a custom
 * domain, in the data centre's cache. An entry is valid for one ETag; a write changes
 * every feed's ETag, so stale entries are never served. An isolate that has
 * neither builds the feed from the VEVENT texts stored in D1.
 */

const MEMORY_ENTRIES = 64;
// An isolate has 128 MB: compressed, a full feed of several MB is a few hundred KB, so many fit.
const MEMORY_BYTES = 32 * 1024 * 1024;

const memory = new Map<string, { etag: string; body: Uint8Array<ArrayBuffer> }>();
let memoryBytes = 0;

function forget(key: string): void {
  memoryBytes -= memory.get(key)?.body.byteLength ?? 0;
  memory.delete(key);
}

function remember(key: string, etag: string, body: Uint8Array<ArrayBuffer>): void {
  // Re-inserting moves the key to the end: the map's order is least recently used first.
  forget(key);
  memory.set(key, { etag, body });
  memoryBytes += body.byteLength;
  while (memory.size > 1 && (memory.size > MEMORY_ENTRIES || memoryBytes > MEMORY_BYTES)) forget(memory.keys().next().value!);
}

/**
 * VEVENT texts of earlier builds, encoded, by feed kind (language and
 * variant) and event, each with the context it was written for: a rebuild
 * after a write takes every other event's bytes from here, instead of
 * reading its text from D1 and encoding it again. Oldest first.
 */
const keptTexts = new Map<string, { context: string; bytes: Uint8Array }>();
let keptTextBytes = 0;
// Beside the kept bodies, within an isolate's 128 MB: the full feed's texts of 3,400 events in three languages are about 11 MB.
const KEPT_TEXT_BYTES = 16 * 1024 * 1024;
const keptKey = (kind: string, eventId: string) => `${kind}\u0000${eventId}`;
const encoder = new TextEncoder();

/** The kept bytes of an event's text in a feed kind, if they were written for `context`. */
export function keptText(kind: string, eventId: string, context: string): Uint8Array | null {
  const kept = keptTexts.get(keptKey(kind, eventId));
  return kept?.context === context ? kept.bytes : null;
}

/** The events of a feed kind whose text is kept (in any context): a feed's query leaves their texts out. */
export function keptEvents(kind: string): string[] {
  const prefix = `${kind}\u0000`;
  const ids: string[] = [];
  for (const key of keptTexts.keys()) if (key.startsWith(prefix)) ids.push(key.slice(prefix.length));
  return ids;
}

/** Encodes an event's text and keeps the bytes, replacing those of another context; returns them. */
export function keepText(kind: string, eventId: string, context: string, text: string): Uint8Array {
  const key = keptKey(kind, eventId);
  keptTextBytes -= keptTexts.get(key)?.bytes.byteLength ?? 0;
  keptTexts.delete(key);
  const bytes = encoder.encode(text);
  keptTexts.set(key, { context, bytes });
  keptTextBytes += bytes.byteLength;
  while (keptTextBytes > KEPT_TEXT_BYTES && keptTexts.size > 1) {
    const oldest = keptTexts.keys().next().value!;
    keptTextBytes -= keptTexts.get(oldest)!.bytes.byteLength;
    keptTexts.delete(oldest);
  }
  return bytes;
}

/** The parts of a text as one UTF-8 body: each part encoded (bytes as they are) and copied once, with no joined string in between. */
export function encodeParts(parts: readonly (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const encoded = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const body = new Uint8Array(encoded.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of encoded) {
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}

/**
 * A copy of a public feed in the Cache API of the data centre, shared by
 * every isolate there. It is keyed by the feed and its ETag, and the ETag
 * changes with every write: a changed feed is never answered from it, so
 * no purge is needed, and superseded copies simply age out.
 *
 * Only on a custom domain (a zone) does the Cache API keep anything. On
 * `*.workers.dev` put() stores nothing and match() finds nothing, so the
 * memory copy answers or the feed is built; the behaviour is otherwise the same.
 */
export interface EdgeCopy {
  match: () => Promise<ReadableStream | null>;
  /** Takes the gzip-compressed body. */
  put: (body: Uint8Array<ArrayBuffer>) => Promise<void>;
}

// The key changes with the data, so an entry may live long; a day keeps the cache tidy.
const EDGE_SECONDS = 24 * 60 * 60;

export function edgeCopy(origin: string, key: string, etag: string): EdgeCopy {
  // A URL of the zone that no client requests: the feed's selection and its ETag.
  // `coding` keeps apart copies of other codings, such as the uncompressed ones kept before.
  const request = () => new Request(`${origin}/calendar.ics?edge=${encodeURIComponent(key)}&etag=${encodeURIComponent(etag)}&coding=gzip`);
  return {
    match: async () => (await caches.default.match(request()))?.body ?? null,
    put: (body) =>
      // Stored as opaque bytes, without Content-Encoding, so that nothing decodes them on the way in or out.
      caches.default.put(request(), new Response(body, { headers: { 'Content-Type': 'application/gzip', 'Cache-Control': `public, max-age=${EDGE_SECONDS}` } })),
  };
}

/** The gzip-compressed body built for this ETag, from memory or the edge (when `edge` is given: public feeds); null when it must be built. */
export async function cachedFeed(key: string, etag: string, edge: EdgeCopy | null): Promise<Uint8Array<ArrayBuffer> | ReadableStream | null> {
  const inMemory = memory.get(key);
  if (inMemory?.etag === etag) {
    remember(key, etag, inMemory.body);
    return inMemory.body;
  }
  return (await edge?.match()) ?? null;
}

/**
 * The last body built for a feed in this isolate, whatever its ETag: what
 * subscribers get when D1 does not answer, rather than an error that some
 * calendar clients answer by emptying the calendar.
 */
export function lastBuiltFeed(key: string): { etag: string; body: Uint8Array<ArrayBuffer> } | null {
  return memory.get(key) ?? null;
}

/** Keeps a freshly built body (gzip-compressed); the edge write can finish after the response (pass it to waitUntil). */
export async function keepFeed(key: string, etag: string, body: Uint8Array<ArrayBuffer>, edge: EdgeCopy | null): Promise<void> {
  remember(key, etag, body);
  await edge?.put(body);
}
