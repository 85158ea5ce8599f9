/**
 * When D1 does not answer: the API says 503 with Retry-After and changes
 * nothing; a feed keeps serving its last good body, so calendars do not
 * empty. When a person is erased while their write is under way, the write
 * is refused with 409 and nothing of it is kept. The faults are injected
 * around the real D1 binding.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../worker/index';
import type { Problem } from '../worker/shared/problems';
import { asBrowser, bearerFor, createEvent, rowCounts, sessionFor, workshop } from './helpers';

/** The real binding, except that every query fails as D1 does when it cannot be reached. */
function unreachable(db: D1Database): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: Network connection lost.'));
  const statement = { bind: () => statement, first: fail, all: fail, run: fail, raw: fail };
  const session = { prepare: () => statement, batch: fail, getBookmark: () => null };
  return { ...db, prepare: () => statement, batch: fail, exec: fail, withSession: () => session } as unknown as D1Database;
}

/**
 * The real binding, except that just before the first batch (a write's
 * statements) the person is erased, as another administrator's request
 * would do between this request's checks and its write.
 */
function erasingBeforeTheWrite(db: D1Database, personId: number): D1Database {
  let erased = false;
  const batch = async (statements: D1PreparedStatement[]) => {
    if (!erased) {
      erased = true;
      await db.prepare('DELETE FROM people WHERE id = ?1').bind(personId).run();
    }
    return db.batch(statements);
  };
  const session = (constraint?: string) => {
    const inner = db.withSession(constraint);
    return new Proxy(inner, { get: (target, key) => (key === 'batch' ? batch : Reflect.get(target, key).bind?.(target) ?? Reflect.get(target, key)) });
  };
  return new Proxy(db, { get: (target, key) => (key === 'batch' ? batch : key === 'withSession' ? session : Reflect.get(target, key).bind?.(target) ?? Reflect.get(target, key)) });
}

async function call(path: string, init: RequestInit, bindings: Cloudflare.Env) {
  const ctx = createExecutionContext();
  const response = await app.request(`https://hytekello.test${path}`, init, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('when D1 does not answer', () => {
  it('the API answers 503 problem+json with Retry-After', async () => {
    const down = { ...env, DB: unreachable(env.DB) };
    for (const path of ['/api/events', '/api/taxonomy', '/api/events/some-event', '/api/clock']) {
      const response = await call(path, {}, down);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(((await response.json()) as Problem).title).toBe('Service unavailable');
    }
    expect((await call('/healthz', {}, down)).status).toBe(503);
  });

  it('a write answers 503, not 500, and nothing is half-written', async () => {
    const authorization = await bearerFor('pohde');
    // The token check itself needs D1: without it, the answer is 503 before anything is written.
    const response = await call('/api/events', { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: JSON.stringify(workshop()) }, { ...env, DB: unreachable(env.DB) });
    expect(response.status).toBe(503);
  });

  it('a feed keeps serving the last body it built', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ title: { fi: 'Vikasietoinen' }, networks: ['mielen-hyvinvointi'], start: '2032-01-10T09:00', end: '2032-01-10T10:00' }));
    const good = await call('/calendar.ics?network=mielen-hyvinvointi', {}, env);
    const body = await good.text();
    expect(body).toContain('SUMMARY:Vikasietoinen');
    const stale = await call('/calendar.ics?network=mielen-hyvinvointi', {}, { ...env, DB: unreachable(env.DB) });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(body);
    expect(stale.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    // A feed this isolate never built has nothing to fall back on.
    expect((await call('/calendar.ics?network=elintapaohjaus&lang=en', {}, { ...env, DB: unreachable(env.DB) })).status).toBe(503);
  });
});

describe('when a person is erased while their write is under way', () => {
  it('the write answers 409 problem+json, not 500, and writes nothing', async () => {
    const { cookie, personId } = await sessionFor([{ organisation: 'pohde', role: 'organiser' }]);
    const before = await rowCounts();
    const response = await call(
      '/api/events',
      { method: 'POST', headers: asBrowser(cookie, { 'Content-Type': 'application/json' }), body: JSON.stringify(workshop({ title: { fi: 'Kesken poistettu' } })) },
      { ...env, DB: erasingBeforeTheWrite(env.DB, personId) },
    );
    expect(response.status).toBe(409);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    const problem = (await response.json()) as Problem;
    expect(problem.type).toBe('https://hytekello.fi/problems/reference-gone');
    expect(problem.detail).toMatch(/nothing was changed/);
    expect(await rowCounts()).toEqual(before);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM people WHERE id = ?1').bind(personId).first('n')).toBe(0);
  });
});
