/**
 * D1 round trips per request, for the hot endpoints. Every query and every
 * batch is one round trip to the database (on Cloudflare, possibly to
 * another data centre), so they are counted through a wrapper around the
 * real binding, and a change that adds one has to change this test.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../worker/index';
import { bearerFor, createEvent, workshop } from './helpers';

/** The real binding, with every round trip written down (the SQL, or "batch of n"); sessions too. */
function counting(db: D1Database | D1DatabaseSession, trips: string[] = []): { db: D1Database; trips: string[] } {
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const trip = <T>(run: () => T): T => (trips.push(sql.replace(/\s+/g, ' ').trim()), run());
    const wrapped = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: (column?: string) => trip(() => (column === undefined ? statement.first() : statement.first(column))),
      all: () => trip(() => statement.all()),
      run: () => trip(() => statement.run()),
      raw: () => trip(() => statement.raw()),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, statement);
    return wrapped;
  };
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      trips.push(`batch of ${statements.length}`);
      return db.batch(statements.map((s) => real.get(s) ?? s));
    },
    withSession: (start: string) => counting((db as D1Database).withSession(start), trips).db,
    getBookmark: () => ('getBookmark' in db ? db.getBookmark() : null),
  } as unknown as D1Database;
  return { db: wrapped, trips };
}

/** The round trips of one request: before the answer, and after it (waitUntil). */
async function tripsOf(path: string, init: RequestInit = {}): Promise<{ status: number; before: number; after: number; trips: string[] }> {
  const { db, trips } = counting(env.DB);
  const ctx = createExecutionContext();
  const response = await app.request(`https://hytekello.test${path}`, init, { ...env, DB: db }, ctx);
  await response.arrayBuffer();
  const before = trips.length;
  await waitOnExecutionContext(ctx);
  return { status: response.status, before, after: trips.length - before, trips };
}

describe('D1 round trips per request', () => {
  it('a list, a filtered list, a brief list and one event are one query each', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2031-05-05T09:00', end: '2031-05-05T10:00' }));
    expect(await tripsOf('/api/events?from=2031-05-01&to=2031-06-01')).toMatchObject({ status: 200, before: 1, after: 0 });
    expect(await tripsOf('/api/events?from=2031-05-01&to=2031-06-01&network=osallisuus&type=tyopaja&q=työpaja')).toMatchObject({ status: 200, before: 1, after: 0 });
    // The brief page reads its events' few columns in the page's own statement: a batch of two, not three.
    expect(await tripsOf('/api/events?from=2031-05-01&to=2031-06-01&limit=500&fields=brief')).toMatchObject({ status: 200, before: 1, after: 0, trips: ['batch of 2'] });
    expect(await tripsOf(`/api/events/${event.id}`)).toMatchObject({ status: 200, before: 1, after: 0 });
  });

  it('a 304 or a feed this isolate has built is one small read; a rebuild reads the stored texts and only the changed events in full', async () => {
    const pohde = await bearerFor('pohde');
    await createEvent(pohde, workshop({ start: '2031-05-06T09:00', end: '2031-05-06T10:00', networks: ['kulttuurihyvinvointi'] }));
    const path = '/calendar.ics?network=kulttuurihyvinvointi';
    // The feed's versions; names of terms and the feed's events with their stored texts (at once); the events
    // whose text does not fit, in full; then, in waitUntil, their new texts are stored (one batch).
    const rebuild = await tripsOf(path);
    expect(rebuild.status).toBe(200);
    expect(rebuild.trips).toHaveLength(5);
    expect(rebuild.trips[0]).toContain('JOIN feed_versions');
    expect(rebuild.trips[2]).toContain('LEFT JOIN event_components');
    expect(rebuild.trips[3]).toContain('FROM json_each(?1)');
    expect(rebuild.trips[4]).toMatch(/^batch of \d+$/);
    expect(await tripsOf(path)).toMatchObject({ status: 200, before: 1, after: 0 });
    const etag = (await app.request(`https://hytekello.test${path}`, {}, env, createExecutionContext())).headers.get('ETag')!;
    expect(await tripsOf(path, { headers: { 'If-None-Match': etag } })).toMatchObject({ status: 304, before: 1, after: 0 });
    // A write in another network leaves this feed's ETag, and its body in memory: one read.
    await createEvent(pohde, workshop({ start: '2031-05-07T09:00', end: '2031-05-07T10:00', networks: ['osallisuus'] }));
    expect(await tripsOf(path)).toMatchObject({ status: 200, before: 1, after: 0 });
    expect(await tripsOf(path, { headers: { 'If-None-Match': etag } })).toMatchObject({ status: 304, before: 1, after: 0 });
    // A write of one of its events: the same five trips as the first build, only that event read in full and stored.
    await createEvent(pohde, workshop({ start: '2031-05-08T09:00', end: '2031-05-08T10:00', networks: ['kulttuurihyvinvointi'] }));
    const changed = await tripsOf(path);
    expect(changed.trips).toHaveLength(5);
    expect(changed.trips[4]).toBe('batch of 2');
  });

  it('a create is four: the token, the known references, the write (one batch) and the read of the new version', async () => {
    const authorization = await bearerFor('pohde');
    // The first use of a token also records when it was used.
    await tripsOf('/api/events', { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: JSON.stringify(workshop()) });
    const create = await tripsOf('/api/events', { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: JSON.stringify(workshop()) });
    expect(create).toMatchObject({ status: 201, before: 4, after: 0 });
    expect(create.trips[2]).toMatch(/^batch of \d+$/);
  });
});
