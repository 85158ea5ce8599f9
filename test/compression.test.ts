/**
 * Compressed answers. `app.request` hands back the worker's own Response,
 * before the runtime encodes anything: a feed's body there is the gzip
 * bytes that are kept and sent, while other answers are only marked with
 * the coding for the runtime to apply. `request` (helpers) goes through
 * the runtime, which decodes what it encoded, as an HTTP client would.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { gunzip } from '../worker/platform/gzip';
import { app } from '../worker/index';
import { bearerFor, createEvent, request, workshop } from './helpers';

const FUTURE = { start: '2033-03-08T09:00', end: '2033-03-08T12:00' };
const BROWSER = 'gzip, deflate, br, zstd';

async function call(path: string, headers: Record<string, string> = {}, bindings: Cloudflare.Env = env) {
  const ctx = createExecutionContext();
  const response = await app.request(`https://hytekello.test${path}`, { headers }, bindings, ctx);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await waitOnExecutionContext(ctx);
  return { response, bytes };
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const gunzipped = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await new Response(gunzip(bytes)).arrayBuffer());

/** The same database as `env.DB`, except that every query fails as D1 does when it cannot be reached. */
function unreachable(db: D1Database): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: Network connection lost.'));
  const statement = { bind: () => statement, first: fail, all: fail, run: fail, raw: fail };
  const session = { prepare: () => statement, batch: fail, getBookmark: () => null };
  return { ...db, prepare: () => statement, batch: fail, exec: fail, withSession: () => session } as unknown as D1Database;
}

describe('GET /calendar.ics, compressed', () => {
  it('sends the kept gzip bytes to a client that accepts gzip, and they decompress to exactly the body a client without Accept-Encoding gets', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Pakattu syöte' }, networks: ['jarjestoyhdyshenkilot'] }));
    // Built for a gzip client first (the freshly built bytes), then from memory for both.
    const built = await call('/calendar.ics?network=jarjestoyhdyshenkilot', { 'Accept-Encoding': BROWSER });
    const plain = await call('/calendar.ics?network=jarjestoyhdyshenkilot');
    const again = await call('/calendar.ics?network=jarjestoyhdyshenkilot', { 'Accept-Encoding': 'gzip' });
    expect(plain.response.headers.get('Content-Encoding')).toBeNull();
    expect(new TextDecoder().decode(plain.bytes)).toContain('SUMMARY:Pakattu syöte');
    for (const compressed of [built, again]) {
      expect(compressed.response.status).toBe(200);
      expect(compressed.response.headers.get('Content-Encoding')).toBe('gzip');
      expect(compressed.response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
      expect(compressed.response.headers.get('ETag')).toBe(plain.response.headers.get('ETag'));
      expect(isGzip(compressed.bytes)).toBe(true);
      expect(compressed.bytes.length).toBeLessThan(plain.bytes.length);
      expect(await gunzipped(compressed.bytes)).toEqual(plain.bytes);
    }
    for (const { response } of [built, plain, again]) expect(response.headers.get('Vary')).toBe('Accept-Encoding');
  });

  it('gives a client that refuses gzip the plain body, also when the feed is built for that client', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Pakkaamaton' }, networks: ['hyvinvoinnin-yhteistyoryhma'] }));
    const first = await call('/calendar.ics?network=hyvinvoinnin-yhteistyoryhma', { 'Accept-Encoding': 'gzip;q=0, identity' });
    const compressed = await call('/calendar.ics?network=hyvinvoinnin-yhteistyoryhma', { 'Accept-Encoding': 'br;q=0.5, gzip' });
    expect(first.response.headers.get('Content-Encoding')).toBeNull();
    expect(isGzip(first.bytes)).toBe(false);
    expect(new TextDecoder().decode(first.bytes)).toContain('SUMMARY:Pakkaamaton');
    expect(await gunzipped(compressed.bytes)).toEqual(first.bytes);
  });

  it("chooses by the client's own Accept-Encoding, which Cloudflare keeps in request.cf when it replaces the header with 'br, gzip'", async () => {
    const asCloudflare = async (clientAcceptEncoding: string) => {
      const ctx = createExecutionContext();
      const incoming = new Request('https://hytekello.test/calendar.ics?network=sote-johtajat', { headers: { 'Accept-Encoding': 'br, gzip' }, cf: { clientAcceptEncoding } });
      const response = await app.request(incoming, undefined, env, ctx);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await waitOnExecutionContext(ctx);
      return { coding: response.headers.get('Content-Encoding'), bytes };
    };
    const plain = await asCloudflare('');
    expect(plain.coding).toBeNull();
    expect(isGzip(plain.bytes)).toBe(false);
    const compressed = await asCloudflare('gzip, deflate');
    expect(compressed.coding).toBe('gzip');
    expect(await gunzipped(compressed.bytes)).toEqual(plain.bytes);
    // gzip refused, anything else welcome: the runtime sends it brotli instead.
    expect((await asCloudflare('gzip;q=0, *;q=0.1')).coding).toBe('br');
    expect((await asCloudflare('*')).coding).toBe('gzip');
    expect((await asCloudflare('deflate, *;q=0')).coding).toBeNull();
  });

  it('answers If-None-Match with the same 304 whatever the client accepts', async () => {
    const { response } = await call('/calendar.ics?network=osallisuus', { 'Accept-Encoding': 'gzip' });
    const etag = response.headers.get('ETag')!;
    for (const accept of [{}, { 'Accept-Encoding': 'gzip' }] as Record<string, string>[]) {
      const notModified = await call('/calendar.ics?network=osallisuus', { 'If-None-Match': etag, ...accept });
      expect(notModified.response.status).toBe(304);
      expect(notModified.bytes.length).toBe(0);
      expect(notModified.response.headers.get('ETag')).toBe(etag);
      expect(notModified.response.headers.get('Content-Encoding')).toBeNull();
      expect(notModified.response.headers.get('Vary')).toBe('Accept-Encoding');
    }
  });

  it('is not compressed twice by the runtime: a client that accepts gzip reads the same feed once it has decoded it', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Kerran pakattu' }, networks: ['mielen-hyvinvointi'] }));
    const plain = await (await request('/calendar.ics?network=mielen-hyvinvointi')).text();
    const decoded = await request('/calendar.ics?network=mielen-hyvinvointi', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(decoded.headers.get('Content-Encoding')).toBe('gzip');
    expect(await decoded.text()).toBe(plain);
    expect(plain).toContain('SUMMARY:Kerran pakattu');
  });

  it('serves the last body it built, compressed or not, when D1 does not answer', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Varalla' }, networks: ['elintapaohjaus'] }));
    const good = await call('/calendar.ics?network=elintapaohjaus');
    const down = { ...env, DB: unreachable(env.DB) };
    const stale = await call('/calendar.ics?network=elintapaohjaus', { 'Accept-Encoding': 'gzip' }, down);
    expect(stale.response.status).toBe(200);
    expect(stale.response.headers.get('Content-Encoding')).toBe('gzip');
    expect(await gunzipped(stale.bytes)).toEqual(good.bytes);
    expect((await call('/calendar.ics?network=elintapaohjaus', {}, down)).bytes).toEqual(good.bytes);
  });
});

describe('other text answers, compressed by the runtime', () => {
  it('marks feeds, syndication and large JSON for the coding the client accepts, and leaves them plain for a client that accepts none', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Muut muodot' } }));
    const paths = [`/events/${event.id}.ics`, '/clock.ics', '/feed.rss', '/feed.atom', '/feed.json', '/api/events', `/api/events/${event.id}`, '/api/taxonomy', '/api/openapi.json'];
    for (const path of paths) {
      const plain = await call(path);
      expect(plain.response.status, path).toBe(200);
      expect(plain.response.headers.get('Content-Encoding'), path).toBeNull();
      expect(plain.response.headers.get('Vary'), path).toContain('Accept-Encoding');
      expect((await call(path, { 'Accept-Encoding': 'gzip, deflate' })).response.headers.get('Content-Encoding'), path).toBe('gzip');
      expect((await call(path, { 'Accept-Encoding': 'br' })).response.headers.get('Content-Encoding'), path).toBe('br');
      // Through the runtime, which encodes on the way out: decoded, the same bytes.
      const decoded = await request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(decoded.headers.get('Content-Encoding'), path).toBe('gzip');
      expect(new Uint8Array(await decoded.arrayBuffer()), path).toEqual(plain.bytes);
    }
  });

  it('leaves a 304 of the API without a body or coding, with the Vary of the full answer', async () => {
    const { event, etag } = await createEvent(await bearerFor('pohde'), workshop(FUTURE));
    const notModified = await call(`/api/events/${event.id}`, { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' });
    expect(notModified.response.status).toBe(304);
    expect(notModified.bytes.length).toBe(0);
    expect(notModified.response.headers.get('Content-Encoding')).toBeNull();
    expect(notModified.response.headers.get('Vary')).toContain('Accept-Encoding');
  });
});
