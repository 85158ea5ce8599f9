/** What the tests share: requests through the worker's own fetch, tokens, and valid inputs to vary. */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import worker from '../worker/index';
import { insertPerson, insertSession, unknownOrganisations } from '../worker/db/accounts';
import { insertToken } from '../worker/db/tokens';
import { SYSTEM_ACTOR } from '../worker/domain/access';
import { generateToken, hashToken } from '../worker/domain/tokens';
import type { Event, EventInput } from '../worker/shared/events';

/** A request through the worker's fetch handler, as a client would make it. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://hytekello.test${path}`, init));
}

/**
 * A request through the worker's fetch handler that returns once the work the
 * answer left behind (`waitUntil`: texts and bodies kept in D1 and at the
 * edge) is done. The body is read first, as a client would, since that work
 * may wait for it; the answer comes back with the body read.
 */
export async function settledRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://hytekello.test${path}`, init), env, ctx);
  const body = response.body === null ? null : await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(body, response);
}

/**
 * Runs `action` with the clock of the test and of the worker (they share an
 * isolate) standing at `epochMs`: what is written gets that time, and what
 * compares times with now sees it. D1's own clock (`strftime('now')` in
 * triggers) is not moved.
 */
export async function atTime<T>(epochMs: number, action: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: epochMs });
  try {
    return await action();
  } finally {
    vi.useRealTimers();
  }
}

/** A fresh token of an organisation; returns the Authorization header value. */
export async function bearerFor(organisation: string, name = 'test'): Promise<string> {
  const token = generateToken();
  const id = await insertToken(env.DB, { name, organisation, tokenHash: await hashToken(token), now: new Date().toISOString() });
  if (id === null) throw new Error(`no organisation ${organisation}`);
  return `Bearer ${token}`;
}

export function jsonRequest(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** A valid published workshop in Oulu; override what the test is about. */
export function workshop(overrides: Partial<EventInput> = {}): EventInput {
  return {
    status: 'published',
    title: { fi: 'Yhteiskehittämisen työpaja', sv: null, en: null },
    description: { fi: 'HOP-hankkeen työpaja kuntalaisten osallisuudesta.' },
    type: 'tyopaja',
    start: '2026-10-06T09:00',
    end: '2026-10-06T12:00',
    location: { place: 'Kaupungintalo', address: 'Torikatu 10, Oulu', municipality: 'oulu' },
    organisations: ['pohde'],
    networks: ['osallisuus'],
    municipalities: ['oulu'],
    ...overrides,
  };
}

/** Creates an event through the API and returns it with its ETag. */
export async function createEvent(authorization: string, input: EventInput): Promise<{ event: Event; etag: string }> {
  const response = await jsonRequest('POST', '/api/events', input, { Authorization: authorization });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return { event: (await response.json()) as Event, etag: response.headers.get('ETag')! };
}

/** The tables an event write touches. */
export const EVENT_TABLES = ['events', 'event_organisations', 'event_networks', 'event_municipalities', 'event_audiences', 'event_materials', 'event_exceptions', 'audit_log', 'idempotency_keys'];

/** Counts rows, to prove that a refused request wrote nothing. */
export async function rowCounts(tables: string[] = EVENT_TABLES): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  }
  return counts;
}

let people = 0;

/**
 * A new person with these memberships, signed in: returns the Cookie header
 * of their session and the person's id. Requests with it also need an
 * Origin of the site for writes (see `asBrowser`).
 */
export async function sessionFor(memberships: { organisation: string; role: 'administrator' | 'organiser' | 'viewer' }[], name = 'Testi Henkilö'): Promise<{ cookie: string; personId: number; email: string }> {
  const unknown = await unknownOrganisations(env.DB, memberships.map((m) => m.organisation));
  if (unknown.length > 0) throw new Error(`no organisation ${unknown.join(', ')}`);
  const email = `person-${Date.now()}-${++people}@test.example`;
  const personId = await insertPerson(env.DB, { name, email, memberships }, new Date().toISOString(), SYSTEM_ACTOR);
  const token = generateToken('hys_');
  const now = new Date();
  await insertSession(env.DB, { personId, tokenHash: await hashToken(token), now: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString() });
  return { cookie: `hyk_session=${token}`, personId, email };
}

/** Headers of a same-site browser request with a session cookie. */
export const asBrowser = (cookie: string, extra: Record<string, string> = {}): Record<string, string> => ({ Cookie: cookie, Origin: 'https://hytekello.test', 'Sec-Fetch-Site': 'same-origin', ...extra });

/** The real database, with every statement it is asked to prepare written down. */
export function recording(db: D1Database): { db: D1Database; statements: { sql: string; values: unknown[] }[] } {
  const statements: { sql: string; values: unknown[] }[] = [];
  const wrapped = {
    prepare(sql: string) {
      const entry = { sql, values: [] as unknown[] };
      statements.push(entry);
      const statement = db.prepare(sql);
      const bind = (...values: unknown[]) => {
        entry.values = values;
        return statement.bind(...values);
      };
      return new Proxy(statement, { get: (target, key) => (key === 'bind' ? bind : Reflect.get(target, key)) });
    },
    batch: (list: D1PreparedStatement[]) => db.batch(list),
  } as unknown as D1Database;
  return { db: wrapped, statements };
}
