/**
 * Whoever may not do a thing gets 401 or 403 whatever the body: rights are
 * checked before the input is validated, on every write route. The right
 * person with the same invalid input gets the validation answer.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../worker/index';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, rowCounts, sessionFor, workshop } from './helpers';

type Who = 'anonymous' | 'forged-access' | 'viewer' | 'posken' | 'pohde' | 'pohde-organiser' | 'posken-organiser' | 'admin' | 'organiser';

interface Route {
  method: string;
  path: () => string;
  /** An invalid body (or query) and its content type; null for routes without one. */
  invalid: { type: string; body: string } | null;
  /** Who may not, and the status they get. */
  refused: [Who, 401 | 403 | 404][];
  /** Who may, and the status the invalid input gets them; absent when the route has no input to break. */
  allowed?: [Who, 400 | 422];
}

const json = (value: unknown) => ({ type: 'application/json', body: JSON.stringify(value) });
const TABLES = ['events', 'event_organisations', 'clock_items', 'clock_rings', 'clocks', 'api_tokens', 'import_sources', 'people', 'memberships', 'invitations', 'feed_keys', 'organisations', 'networks', 'audit_log'];

const headers: Partial<Record<Who, Record<string, string>>> = {};
let eventId = '';
let itemId = 0;
let sourceId = 0;
let tokenId = 0;
let personId = 0;

beforeAll(async () => {
  headers.anonymous = { Origin: 'https://hytekello.test' };
  headers['forged-access'] = { Origin: 'https://hytekello.test', 'Cf-Access-Jwt-Assertion': 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFpbm9AcG9oZGUuZmkifQ.' };
  headers.pohde = { Authorization: await bearerFor('pohde') };
  headers.posken = { Authorization: await bearerFor('posken') };
  headers.viewer = asBrowser((await sessionFor([{ organisation: 'pohde', role: 'viewer' }])).cookie);
  headers['pohde-organiser'] = asBrowser((await sessionFor([{ organisation: 'pohde', role: 'organiser' }])).cookie);
  headers['posken-organiser'] = asBrowser((await sessionFor([{ organisation: 'posken', role: 'organiser' }])).cookie);
  headers.organiser = headers['pohde-organiser'];
  headers.admin = asBrowser((await sessionFor([{ organisation: 'pohde', role: 'administrator' }])).cookie);
  eventId = (await createEvent(headers.pohde.Authorization!, workshop())).event.id;
  const item = await jsonRequest('POST', '/api/clock/items', { ring: 'maakunta', kind: 'annual', title: { fi: 'Oikeuksien kohta' }, span: { startMonth: 3, endMonth: 4 } }, headers.pohde);
  itemId = ((await item.json()) as { id: number }).id;
  const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FI\r\nBEGIN:VEVENT\r\nUID:oikeudet-1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261201T090000Z\r\nDTEND:20261201T100000Z\r\nSUMMARY:Tuotu\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const imported = await jsonRequest('POST', '/api/imports', { organisation: 'pohde', type: 'tyopaja', networks: ['osallisuus'], ics }, headers.pohde);
  sourceId = ((await imported.json()) as { sourceId: number }).sourceId;
  const token = await jsonRequest('POST', '/api/tokens', { name: 'Oikeustesti', organisation: 'pohde' }, headers['pohde-organiser']);
  tokenId = ((await token.json()) as { id: number }).id;
  personId = (await sessionFor([{ organisation: 'posken', role: 'viewer' }])).personId;
});

const ROUTES: Route[] = [
  { method: 'POST', path: () => '/api/events', invalid: json({ title: 5, start: 'eilen' }), refused: [['anonymous', 401], ['forged-access', 401], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'PATCH', path: () => `/api/events/${eventId}`, invalid: json({ start: 'eilen' }), refused: [['anonymous', 401], ['forged-access', 401], ['viewer', 403], ['posken', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => `/api/events/${eventId}/cancel`, invalid: json({ reason: 5 }), refused: [['anonymous', 401], ['posken', 403]], allowed: ['pohde', 422] },
  { method: 'DELETE', path: () => `/api/events/${eventId}`, invalid: null, refused: [['anonymous', 401], ['posken', 403]] },
  { method: 'POST', path: () => `/api/events/${eventId}/co-organisers/posken/accept`, invalid: null, refused: [['anonymous', 401], ['pohde', 403], ['viewer', 403]] },
  { method: 'POST', path: () => `/api/events/${eventId}/co-organisers/posken/decline`, invalid: null, refused: [['anonymous', 401], ['pohde', 403]] },
  { method: 'POST', path: () => '/api/clock/items', invalid: json({ kind: 'joskus' }), refused: [['anonymous', 401], ['posken', 403], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'PATCH', path: () => `/api/clock/items/${itemId}`, invalid: json({ kind: 5 }), refused: [['anonymous', 401], ['posken', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => '/api/clocks', invalid: json({ startMonth: 13 }), refused: [['anonymous', 401], ['viewer', 403]], allowed: ['posken', 422] },
  { method: 'PUT', path: () => '/api/clocks/pohjois-pohjanmaa/rings', invalid: json({ rings: 'kaikki' }), refused: [['anonymous', 401], ['forged-access', 401], ['posken', 403], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => '/api/clocks/pohjois-pohjanmaa/roll-over', invalid: json({ year: 1900 }), refused: [['anonymous', 401], ['forged-access', 401], ['posken', 403], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => '/api/clocks/pohjois-pohjanmaa/publish', invalid: json({ term: 2026 }), refused: [['anonymous', 401], ['posken', 403], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => `/api/clock/items/${itemId}/publish`, invalid: null, refused: [['anonymous', 401], ['posken', 403]] },
  { method: 'DELETE', path: () => `/api/clock/items/${itemId}`, invalid: null, refused: [['anonymous', 401], ['posken', 403]] },
  { method: 'POST', path: () => '/api/clock/items/import', invalid: { type: 'text/csv', body: 'ring;kind\nmaakunta;joskus' }, refused: [['anonymous', 401], ['posken', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => '/api/imports/preview', invalid: json({ organisation: 5 }), refused: [['anonymous', 401], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => '/api/imports', invalid: json({ organisation: 5 }), refused: [['anonymous', 401], ['viewer', 403]], allowed: ['pohde', 422] },
  { method: 'POST', path: () => `/api/imports/sources/${sourceId}/sync`, invalid: null, refused: [['anonymous', 401], ['posken', 403]] },
  { method: 'PATCH', path: () => `/api/imports/sources/${sourceId}`, invalid: json({ sync: 'kyllä' }), refused: [['anonymous', 401], ['posken', 403]], allowed: ['pohde', 422] },
  { method: 'DELETE', path: () => `/api/imports/sources/${sourceId}`, invalid: null, refused: [['anonymous', 401], ['posken', 403]] },
  { method: 'POST', path: () => '/api/tokens', invalid: json({ name: '' }), refused: [['anonymous', 401], ['pohde', 403], ['viewer', 403]], allowed: ['organiser', 422] },
  { method: 'DELETE', path: () => `/api/tokens/${tokenId}`, invalid: null, refused: [['anonymous', 401], ['posken-organiser', 403]] },
  { method: 'POST', path: () => '/api/me/feed', invalid: null, refused: [['anonymous', 401], ['pohde', 403]] },
  { method: 'DELETE', path: () => '/api/me/feed', invalid: null, refused: [['anonymous', 401], ['pohde', 403]] },
  { method: 'POST', path: () => '/api/admin/people', invalid: json({ name: 5 }), refused: [['anonymous', 401], ['organiser', 403], ['pohde', 403]], allowed: ['admin', 422] },
  { method: 'PATCH', path: () => `/api/admin/people/${personId}`, invalid: json({ email: 'ei' }), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
  { method: 'PUT', path: () => `/api/admin/people/${personId}/memberships`, invalid: json([{ organisation: 'pohde', role: 'kuningas' }]), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
  { method: 'POST', path: () => `/api/admin/people/${personId}/invitations`, invalid: null, refused: [['anonymous', 401], ['organiser', 403]] },
  { method: 'POST', path: () => `/api/admin/people/${personId}/sign-out`, invalid: null, refused: [['anonymous', 401], ['organiser', 403]] },
  { method: 'DELETE', path: () => `/api/admin/people/${personId}`, invalid: null, refused: [['anonymous', 401], ['organiser', 403]] },
  { method: 'POST', path: () => '/api/admin/organisations', invalid: json({ slug: 'Ä' }), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
  { method: 'PUT', path: () => '/api/admin/organisations/posken', invalid: json({ kind: 'kerho' }), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
  { method: 'POST', path: () => '/api/admin/networks', invalid: json({ slug: 'Ä' }), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
  { method: 'PUT', path: () => '/api/admin/networks/osallisuus', invalid: json({ name: 5 }), refused: [['anonymous', 401], ['organiser', 403]], allowed: ['admin', 422] },
];

const send = (route: Route, who: Who, input = route.invalid) =>
  request(route.path(), { method: route.method, headers: { ...(input ? { 'Content-Type': input.type } : {}), ...headers[who] }, ...(input ? { body: input.body } : {}) });

describe('every write route checks rights before input', () => {
  for (const route of ROUTES) {
    const name = `${route.method} ${route.path.toString().replace(/^\(\) => /, '').replaceAll(/[`'"]/g, '').replaceAll(/\$\{\w+\}/g, '{id}')}`;

    it(`${name}: who may not gets 401/403 whatever the body, and nothing is written`, async () => {
      const before = await rowCounts(TABLES);
      for (const [who, status] of route.refused) {
        for (const input of [route.invalid, { type: 'application/json', body: '{"title": ' }, { type: 'text/plain', body: 'hello' }]) {
          const response = await send(route, who, route.invalid === null && input !== null && input.type === 'text/plain' ? null : input);
          expect(response.status, `${who} with ${input?.body.slice(0, 40)}: ${await response.clone().text()}`).toBe(status);
          expect(response.headers.get('Content-Type')).toContain('application/problem+json');
          const problem = (await response.json()) as { errors?: unknown };
          // No rule of the input is revealed.
          expect(problem.errors).toBeUndefined();
        }
      }
      expect(await rowCounts(TABLES)).toEqual(before);
    });

    if (route.allowed) {
      const [who, status] = route.allowed;
      it(`${name}: who may gets ${status} naming the broken rule`, async () => {
        const response = await send(route, who);
        expect(response.status, await response.clone().text()).toBe(status);
        expect(((await response.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
      });
    }
  }

  it('the development sign-in, where it is not offered, answers 404 whatever the body', async () => {
    for (const body of ['{"email": 5}', '{"email": ', 'x']) {
      const response = await app.request('https://hytekello.test/api/auth/dev-sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }, { ...env, DEV_SIGN_IN: 'enabled' });
      expect(response.status).toBe(404);
    }
  });
});
