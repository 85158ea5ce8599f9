/**
 * D1 sessions: reads may come from a replica, writes go to the primary,
 * and a bookmark handed back to the client lets it read its own writes.
 * Local D1 has one database, but the Sessions API and bookmarks are real.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sessionStart } from '../worker/middleware/d1-session';
import { app } from '../worker/index';
import type { Event } from '../worker/shared/events';
import { bearerFor, workshop } from './helpers';

/** The real binding, with the start of every session written down. */
function recordingSessions(db: D1Database): { db: D1Database; starts: string[] } {
  const starts: string[] = [];
  return { db: { ...db, prepare: db.prepare.bind(db), batch: db.batch.bind(db), withSession: (start: string) => (starts.push(start), db.withSession(start)) } as D1Database, starts };
}

async function call(path: string, init: RequestInit = {}, bindings: Cloudflare.Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.request(`https://hytekello.test${path}`, init, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('D1 sessions', () => {
  it('a read starts at any replica, a write at the primary, a request with a bookmark from that bookmark', async () => {
    const { db, starts } = recordingSessions(env.DB);
    const authorization = await bearerFor('pohde');
    await call('/api/events?from=2031-01-01&to=2031-02-01', {}, { ...env, DB: db });
    await call('/calendar.ics', {}, { ...env, DB: db });
    await call('/api/events', { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: JSON.stringify(workshop()) }, { ...env, DB: db });
    const bookmark = '0000002a-00000007-00005f2e-3a8d7d0e5d5a4b0c9e6f1a2b3c4d5e6f';
    await call('/api/events?from=2031-01-01&to=2031-02-01', { headers: { 'D1-Bookmark': bookmark } }, { ...env, DB: db });
    await call('/api/events?from=2031-01-01&to=2031-02-01', { headers: { Cookie: `d1-bookmark=${bookmark}` } }, { ...env, DB: db });
    expect(starts).toEqual(['first-unconstrained', 'first-unconstrained', 'first-primary', bookmark, bookmark]);
  });

  it('a write hands back a bookmark (header and cookie) with which the next read sees the write', async () => {
    const created = await call('/api/events', {
      method: 'POST',
      headers: { Authorization: await bearerFor('pohde'), 'Content-Type': 'application/json' },
      body: JSON.stringify(workshop({ title: { fi: 'Heti näkyvä' } })),
    });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get('D1-Bookmark');
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
    expect(created.headers.get('Set-Cookie')).toContain(`d1-bookmark=${bookmark}`);
    const { id } = (await created.json()) as Event;
    const read = await call(`/api/events/${id}`, { headers: { 'D1-Bookmark': bookmark! } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as Event).title.fi).toBe('Heti näkyvä');
    // Bookmarks are ordered as text: the read's session is at least where the write left it.
    expect(read.headers.get('D1-Bookmark')! >= bookmark!).toBe(true);
    expect(read.headers.get('Set-Cookie')).toBeNull();
  });

  it('a malformed bookmark is ignored, never an error', async () => {
    expect(sessionStart('GET', 'not a bookmark')).toBe('first-unconstrained');
    expect(sessionStart('POST', "'; DROP TABLE events")).toBe('first-primary');
    const response = await call('/api/events?from=2031-01-01&to=2031-02-01', { headers: { 'D1-Bookmark': 'x'.repeat(5000) } });
    expect(response.status).toBe(200);
  });
});
