/**
 * Compressed answers (RFC 9110 8.4, 12.5.3). Two ways:
 *
 * - A feed body is kept gzip-compressed once built (feed-cache.ts), and
 *   sent as it is kept: `encodeBody: 'manual'` tells the runtime that the
 *   bytes are already encoded, so neither workerd nor Cloudflare compresses
 *   them again. A client that does not accept gzip gets them decompressed.
 * - Any other text answer (JSON, RSS, Atom, JSON Feed, one event's .ics, the
 *   clock's .ics, pages) is marked with the coding the client accepts, and
 *   the runtime compresses it on the way out (`encodeBody: 'automatic'`,
 *   gzip or, with the `brotli_content_encoding` flag of our compatibility
 *   date, brotli).
 *
 * The runtime does not look at Accept-Encoding itself: it encodes whatever
 * the answer says. So the choice is made here, and every answer that could
 * differ by coding carries `Vary: Accept-Encoding` for caches. Cloudflare
 * (and wrangler dev, which plays it) hands the worker `Accept-Encoding:
 * br, gzip` whatever the client sent, and keeps the client's own header in
 * `request.cf.clientAcceptEncoding`; the choice is made on that. Cloudflare
 * decodes for a client only the types of its compression list, which has
 * no text/calendar: a feed must not go out gzip to a client that did not
 * ask for it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { gunzip } from '../platform/gzip';

/** Types worth compressing; images, archives and the like are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/([a-z.+-]*\+)?(json|xml)\b)/i;

const IDENTITY = 'identity';

/** The client's own Accept-Encoding: Cloudflare's copy of it when Cloudflare replaced the header. */
function clientAcceptEncoding(c: Context): string | undefined {
  const cf = c.req.raw.cf as { clientAcceptEncoding?: unknown } | undefined;
  return typeof cf?.clientAcceptEncoding === 'string' ? cf.clientAcceptEncoding : c.req.header('Accept-Encoding');
}

/**
 * The coding to send among those offered (in our order of preference, which
 * decides between equal weights), by the client's Accept-Encoding and its
 * q-values, `*` included; 'identity' when it accepts none of them.
 *
 *     chosenCoding(c, ['br', 'gzip'])   // 'gzip, deflate, br' → 'br'; 'gzip;q=0' → 'identity'
 */
export function chosenCoding<T extends string>(c: Context, offered: readonly T[]): T | typeof IDENTITY {
  const accepted = parseAccept(clientAcceptEncoding(c) ?? '');
  const weight = (coding: string) => accepted.find((a) => a.type.toLowerCase() === coding)?.q ?? accepted.find((a) => a.type === '*')?.q ?? 0;
  let chosen: { coding: T | typeof IDENTITY; q: number } = { coding: IDENTITY, q: 0 };
  for (const coding of offered) {
    const q = weight(coding);
    if (q > chosen.q) chosen = { coding, q };
  }
  return chosen.coding;
}

/** Adds Accept-Encoding to a Vary header, once. */
export function varyOnCoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * An answer from a gzip-compressed body: as it is when the client accepts
 * gzip, else decompressed (or `identity`, when the caller has the plain
 * bytes at hand). Headers already set on `c` (ETag, Content-Type, …) are
 * kept; `compressAnswers()` adds the Vary.
 */
export function gzippedAnswer(c: Context, compressed: Uint8Array<ArrayBuffer> | ReadableStream, identity?: Uint8Array<ArrayBuffer>): Response {
  if (chosenCoding(c, ['gzip']) !== 'gzip') return c.body(identity ?? gunzip(compressed), 200);
  c.header('Content-Encoding', 'gzip');
  const response = c.body(compressed, 200);
  return new Response(response.body, { status: response.status, headers: response.headers, encodeBody: 'manual' });
}

/**
 * Middleware: a text answer is marked for the runtime to compress in the
 * coding the client accepts (brotli or gzip; equal preference takes the
 * first the client names). Answers that already have a coding (feeds kept
 * compressed) are left as they are. Every text answer and every 304 gets
 * `Vary: Accept-Encoding`, as the full answer would.
 */
export function compressAnswers(): MiddlewareHandler {
  return async function compressAnswer(c, next) {
    await next();
    const textual = COMPRESSIBLE.test(c.res.headers.get('Content-Type') ?? '');
    if (!textual && c.res.status !== 304) return;
    try {
      varyOnCoding(c.res.headers);
    } catch {
      // Answers passed through from static assets have immutable headers: copy them first.
      c.res = new Response(c.res.body, c.res);
      varyOnCoding(c.res.headers);
    }
    if (!textual || c.res.body === null || c.res.headers.has('Content-Encoding') || c.req.method === 'HEAD') return;
    const coding = chosenCoding(c, ['br', 'gzip']);
    if (coding === IDENTITY) return;
    c.res.headers.set('Content-Encoding', coding);
    c.res.headers.delete('Content-Length');
  };
}
