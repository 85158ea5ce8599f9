/**
 * Compressed answers of the running service (`wrangler dev`, workerd, the
 * demo data) as real HTTP clients get them: the raw bytes off the socket
 * (node:http, which decodes nothing) gunzipped or brotli-decoded by Node's
 * zlib, and Node's fetch, which decodes by itself, against the body of a
 * client that sends no Accept-Encoding.
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers; the body as it came over the wire. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${inject('baseUrl')}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const FEEDS = ['/calendar.ics', '/calendar.ics?network=kulttuurihyvinvointi&lang=sv', '/clock.ics', '/feed.rss', '/feed.atom', '/feed.json'];

describe('compressed answers over HTTP', () => {
  it('sends feeds gzip-compressed to a client that accepts gzip: the bytes gunzip to exactly the plain body, and fetch reads the same feed', async () => {
    for (const path of FEEDS) {
      // Compressed first: for /calendar.ics this is the build, later answers come from the kept bytes.
      const compressed = await rawGet(path, { 'Accept-Encoding': 'gzip' });
      const plain = await rawGet(path);
      const cached = await rawGet(path, { 'Accept-Encoding': 'gzip, deflate' });
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.body.length, path).toBeGreaterThan(1000);
      for (const answer of [compressed, cached]) {
        expect(answer.status, path).toBe(200);
        expect(answer.headers['content-encoding'], path).toBe('gzip');
        expect(answer.headers.vary, path).toContain('Accept-Encoding');
        expect(answer.headers.etag, path).toBe(plain.headers.etag);
        expect(answer.body.length, path).toBeLessThan(plain.body.length / 2);
        expect(gunzipSync(answer.body).equals(plain.body), path).toBe(true);
      }
      const fetched = await fetch(`${inject('baseUrl')}${path}`);
      expect(await fetched.text(), path).toBe(plain.body.toString('utf8'));
    }
  });

  it('gives the same 304 to a client with its ETag, whatever it accepts', async () => {
    for (const path of ['/calendar.ics', '/clock.ics']) {
      const { headers } = await rawGet(path, { 'Accept-Encoding': 'gzip' });
      for (const accept of [{}, { 'Accept-Encoding': 'gzip' }] as Record<string, string>[]) {
        const notModified = await rawGet(path, { 'If-None-Match': String(headers.etag), ...accept });
        expect(notModified.status, path).toBe(304);
        expect(notModified.body.length, path).toBe(0);
        expect(notModified.headers.etag, path).toBe(headers.etag);
        // (wrangler dev's front, playing Cloudflare's, labels a 304 without Content-Type with the client's coding; the worker sets none, see test/compression.test.ts.)
      }
    }
  });

  it("sends the calendar page's JSON brotli- or gzip-compressed, as the client accepts, decoding to the plain answer", async () => {
    const path = '/api/events?limit=50';
    const plain = await rawGet(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const brotli = await rawGet(path, { 'Accept-Encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    const gzip = await rawGet(path, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
  });
});
