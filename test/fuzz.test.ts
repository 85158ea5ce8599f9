/**
 * Bad input, everywhere: every endpoint that takes a body, query or path
 * parameter gets random and adversarial values in every field (fast-check).
 * Whatever comes in: never a 5xx; a refusal is application/problem+json
 * naming the field; a refused request leaves the database as it was.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, sessionFor, workshop } from './helpers';

/** Values that have broken services before, and random ones. */
const adversarial: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    [],
    {},
    [null],
    { fi: null },
    '',
    ' ',
    '\u0000',
    'a\u0007b',
    'Otsikko\r\nDTSTART:19990101T000000Z\r\nBEGIN:VEVENT',
    'rivi\nrivi',
    '\ud800',
    'x\udfffy',
    '🎉👩🏽‍💻 työpaja',
    '\u202eevil\u202c',
    'مرحبا بالعالم',
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox',
    'https://',
    'http://[::1]:99999/',
    '9999-99-99',
    '2026-02-30',
    '1899-12-31T23:00',
    '2101-01-01',
    '2026-10-06T25:00',
    '2026-10-06T09:00+99:00',
    'FREQ=SECONDLY',
    'FREQ=DAILY;COUNT=100000',
    'FREQ=WEEKLY;BYDAY=XX',
    'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2',
    'RRULE:FREQ=DAILY;UNTIL=1900-01-01',
    'no-such-slug',
    'Ä',
    '../../etc/passwd',
    '%00',
    'x'.repeat(5000),
    'y'.repeat(70_000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Everything a write could change, in one read: row counts and the newest audit row. */
async function snapshot(): Promise<unknown> {
  return env.DB.prepare(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM event_organisations) AS organisers, (SELECT count(*) FROM event_exceptions) AS exceptions,
       (SELECT count(*) FROM event_materials) AS materials, (SELECT count(*) FROM clock_items) AS items, (SELECT count(*) FROM clocks) AS clocks,
       (SELECT count(*) FROM clock_rings) AS rings, (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM memberships) AS memberships,
       (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL) AS tokens, (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM networks) AS networks,
       (SELECT count(*) FROM sessions) AS sessions, (SELECT max(id) FROM audit_log) AS audit`,
  ).first();
}

function withField(base: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const parts = path.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) {
    if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts.at(-1)!] = value;
  return copy;
}

// A broken time can be reported at the field that it no longer fits with.
const TIME_FIELDS = ['start', 'end', 'allDay', 'timeZone', 'recurrence', 'registration', 'span', 'termYears', 'kind', 'repeat', 'onceYear'];

function namesField(errors: { field: string }[], path: string): boolean {
  const top = path.split('.')[0]!;
  return errors.some(
    ({ field }) =>
      field === path ||
      field.startsWith(`${path}.`) ||
      field.startsWith(`${path}[`) ||
      path.startsWith(`${field}.`) ||
      field === 'body' ||
      (TIME_FIELDS.includes(top) && TIME_FIELDS.some((t) => field === t || field.startsWith(`${t}.`) || field.startsWith(`${t}[`))),
  );
}

interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Sends a call with one field replaced, and checks the answer and the database. */
async function checkField(call: Call, field: string, value: unknown): Promise<void> {
  const before = await snapshot();
  const response = await jsonRequest(call.method, call.path, withField(call.body, field, value), call.headers);
  const text = await response.text();
  expect(response.status, `${call.method} ${call.path} ${field}=${JSON.stringify(value)?.slice(0, 80)}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers.get('Content-Type'), text).toContain('application/problem+json');
  const problem = JSON.parse(text) as { status: number; detail: string; errors?: { field: string }[] };
  expect(problem.status).toBe(response.status);
  if (response.status === 422 || response.status === 400) {
    expect(problem.errors, text).toBeDefined();
    expect(namesField(problem.errors!, field), `${field}=${JSON.stringify(value)?.slice(0, 80)} → ${text.slice(0, 300)}`).toBe(true);
  }
  expect(await snapshot(), `${field}: a refused request changed the database`).toEqual(before);
}

const RUNS = 40;

/** One property per endpoint: any field, any value. */
async function fuzzBody(prepare: () => Promise<Call>, fields: string[]): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...fields), adversarial, async (field, value) => {
      await checkField(await prepare(), field, value);
    }),
    { numRuns: RUNS },
  );
}

const EVENT_FIELDS = [
  'status', 'title', 'title.fi', 'title.sv', 'description', 'description.fi', 'type', 'timeZone', 'allDay', 'start', 'end',
  'recurrence', 'recurrence.rrule', 'recurrence.exceptions', 'location', 'location.place', 'location.municipality', 'onlineUrl',
  'organisations', 'contact', 'contact.email', 'contact.phone', 'networks', 'municipalities', 'audiences', 'languages',
  'registration', 'registration.url', 'registration.deadline', 'materials', 'clockItem', 'visibility', 'unknownField',
];

describe('bad input in bodies', () => {
  it('POST /api/events', async () => {
    const authorization = await bearerFor('pohde');
    await fuzzBody(async () => ({ method: 'POST', path: '/api/events', body: workshop(), headers: { Authorization: authorization } }), EVENT_FIELDS);
  });

  it('PATCH /api/events/{id}', async () => {
    const authorization = await bearerFor('pohde');
    await fuzzBody(async () => {
      const { event, etag } = await createEvent(authorization, workshop());
      return { method: 'PATCH', path: `/api/events/${event.id}`, body: { title: { fi: 'Muokattu' } }, headers: { Authorization: authorization, 'If-Match': etag } };
    }, EVENT_FIELDS);
  });

  it('POST /api/events/{id}/cancel', async () => {
    const authorization = await bearerFor('pohde');
    const { event } = await createEvent(authorization, workshop());
    await fuzzBody(async () => ({ method: 'POST', path: `/api/events/${event.id}/cancel`, body: { reason: 'Peruttu' }, headers: { Authorization: authorization } }), ['reason', 'unknownField']);
  });

  const ITEM_FIELDS = ['ring', 'kind', 'title', 'title.fi', 'description', 'span', 'span.startMonth', 'span.endDay', 'repeat', 'onceYear', 'termYears', 'colour', 'category', 'responsibleOrganisation', 'source', 'links', 'unknownField'];
  const item = { ring: 'maakunta', kind: 'annual', title: { fi: 'Kohta' }, span: { startMonth: 3, endMonth: 4 } };

  it('POST /api/clock/items', async () => {
    const authorization = await bearerFor('pohde');
    await fuzzBody(async () => ({ method: 'POST', path: '/api/clock/items', body: item, headers: { Authorization: authorization } }), ITEM_FIELDS);
  });

  it('PATCH /api/clock/items/{id}', async () => {
    const authorization = await bearerFor('pohde');
    await fuzzBody(async () => {
      const created = await jsonRequest('POST', '/api/clock/items', item, { Authorization: authorization });
      const { id } = (await created.json()) as { id: number };
      return { method: 'PATCH', path: `/api/clock/items/${id}`, body: { title: { fi: 'Muokattu kohta' } }, headers: { Authorization: authorization, 'If-Match': created.headers.get('ETag')! } };
    }, ITEM_FIELDS);
  });

  it('PUT /api/clocks/{slug}/rings and POST /api/clocks', async () => {
    const authorization = await bearerFor('pohde');
    await fuzzBody(async () => ({ method: 'PUT', path: '/api/clocks/pohjois-pohjanmaa/rings', body: { rings: [{ slug: 'kunnat', name: { fi: 'Kunnat' } }, { slug: 'hyvinvointialue', name: { fi: 'Hyvinvointialue' } }, { slug: 'maakunta', name: { fi: 'Maakunta' } }, { slug: 'jarjestot', name: { fi: 'Järjestöt' } }] }, headers: { Authorization: authorization } }), ['rings', 'unknownField']);
    const posken = await bearerFor('posken');
    await fuzzBody(async () => ({ method: 'POST', path: '/api/clocks', body: { organisation: 'no-such-organisation', startMonth: 8 }, headers: { Authorization: posken } }), ['startMonth', 'unknownField']);
  });

  it('sign-in, invitations, tokens and personal feeds', async () => {
    await fuzzBody(async () => ({ method: 'POST', path: '/api/auth/login', body: { email: 'nobody@test.example', password: 'väärä salasana' }, headers: { Origin: 'https://hytekello.test', 'CF-Connecting-IP': `fuzz-${Math.random()}` } }), ['email', 'password', 'unknownField']);
    await fuzzBody(async () => ({ method: 'POST', path: '/api/auth/invitations/hyi_unknown', body: { password: 'riittävän pitkä salasana' }, headers: { Origin: 'https://hytekello.test' } }), ['password', 'unknownField']);
    const { cookie } = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    await fuzzBody(async () => ({ method: 'POST', path: '/api/tokens', body: { name: 'Integraatio', organisation: 'takuusaatio' }, headers: asBrowser(cookie) }), ['name', 'organisation', 'unknownField']);
  });

  it('administration: people, memberships, organisations, networks', async () => {
    const { cookie } = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const headers = asBrowser(cookie);
    const existing = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
    await fuzzBody(async () => ({ method: 'POST', path: '/api/admin/people', body: { name: 'Uusi', email: existing.email, memberships: [] }, headers }), ['name', 'email', 'memberships', 'unknownField']);
    await fuzzBody(async () => ({ method: 'PATCH', path: `/api/admin/people/${existing.personId}`, body: { name: 'Sama nimi' }, headers }), ['name', 'email', 'unknownField']);
    await fuzzBody(async () => ({ method: 'POST', path: '/api/admin/organisations', body: { slug: 'posken', name: { fi: 'Posken' }, kind: 'ngo' }, headers }), ['slug', 'name', 'name.fi', 'kind', 'website', 'unknownField']);
    await fuzzBody(async () => ({ method: 'PUT', path: '/api/admin/networks/no-such-network', body: { name: { fi: 'Verkosto' } }, headers }), ['name', 'name.sv', 'description', 'unknownField']);
  });

  it('memberships given as a whole list', async () => {
    const { cookie } = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const target = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
    await fc.assert(
      fc.asyncProperty(adversarial, async (value) => {
        const before = await snapshot();
        const response = await jsonRequest('PUT', `/api/admin/people/${target.personId}/memberships`, [{ organisation: value, role: 'organiser' }], asBrowser(cookie));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('Content-Type')).toContain('application/problem+json');
          expect(await snapshot()).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('bad input in queries and paths', () => {
  const queryParameters: [string, string[]][] = [
    ['/api/events', ['from', 'to', 'network', 'type', 'municipality', 'organisation', 'q', 'limit', 'cursor', 'unknown']],
    ['/calendar.ics', ['network', 'type', 'municipality', 'organisation', 'lang', 'key', 'cancelled', 'alarm', 'unknown']],
    ['/api/clock', ['year', 'clock', 'ring', 'organisation', 'unknown']],
    ['/api/council-term', ['clock', 'date', 'unknown']],
    ['/clock.ics', ['clock', 'year', 'lang', 'unknown']],
    ['/api/me/events', ['status', 'limit', 'cursor', 'unknown']],
    ['/api/admin/audit', ['entity', 'entityId', 'person', 'before', 'limit', 'unknown']],
  ];

  it('never answer 5xx, and a refusal names the parameter', async () => {
    const { cookie } = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const text = adversarial.map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? ''));
    for (const [path, parameters] of queryParameters) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...parameters), text, fc.integer({ min: 1, max: 3 }), async (parameter, value, times) => {
          const query = new URLSearchParams();
          for (let i = 0; i < times; i++) query.append(parameter, value.slice(0, 3000));
          const response = await request(`${path}?${query}`, { headers: { Cookie: cookie } });
          const body = await response.text();
          expect(response.status, `${path}?${parameter}=${value.slice(0, 60)}: ${body.slice(0, 200)}`).toBeLessThan(500);
          if (response.status >= 400 && response.status !== 401 && response.status !== 404) {
            expect(response.headers.get('Content-Type')).toContain('application/problem+json');
            const problem = JSON.parse(body) as { errors?: { field: string }[] };
            expect(problem.errors?.some((e) => e.field === parameter || e.field.startsWith(`${parameter}`) || ['from', 'to'].includes(e.field)), `${parameter}: ${body}`).toBe(true);
          }
        }),
        { numRuns: 25 },
      );
    }
  });

  it('limit how often a filter may repeat, with a clear error', async () => {
    const query = Array.from({ length: 31 }, () => 'network=osallisuus').join('&');
    const response = await request(`/api/events?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'network', message: expect.stringContaining('at most 30') }] });
  });

  it('never answer 5xx to odd ids in paths', async () => {
    const { cookie } = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('..', '%2e%2e', '0', '-1', '99999999999999999999', 'a'.repeat(500), '%00', '%F0%9F%8E%89', "'", '<x>'));
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom('/api/events/', '/api/events/{}/occurrences', '/events/{}.ics', '/api/clock/items/', '/api/tokens/', '/api/admin/people/', '/api/auth/invitations/'), async (raw, template) => {
        const id = encodeURIComponent(raw);
        const path = template.includes('{}') ? template.replace('{}', id) : `${template}${id}`;
        for (const method of ['GET', 'DELETE']) {
          const response = await request(path, { method, headers: asBrowser(cookie) });
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('bodies that are not what they should be', () => {
  const writes: [string, string][] = [
    ['POST', '/api/events'],
    ['POST', '/api/clock/items'],
    ['POST', '/api/auth/login'],
    ['POST', '/api/tokens'],
    ['POST', '/api/admin/people'],
    ['PUT', '/api/clocks/pohjois-pohjanmaa/rings'],
  ];

  it('malformed JSON, wrong content types, duplicate keys, empty and oversized bodies: a problem, never a 5xx, nothing written', async () => {
    const { cookie } = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const bodies: [string, string, number[]][] = [
      ['application/json', '{"title": ', [400]],
      ['application/json', '', [400, 422]],
      ['application/json', 'null', [400, 422]],
      ['application/json', '[1,2,3]', [400, 422]],
      ['application/json', '"just a string"', [400, 422]],
      ['application/json', '{"title":{"fi":"a"},"title":{"fi":"b"}}', [400, 422]],
      ['application/json', `{"title":{"fi":"${'x'.repeat(300 * 1024)}"}}`, [413]],
      ['text/plain', '{}', [415]],
      ['application/x-www-form-urlencoded', 'title=x', [415]],
      ['multipart/form-data; boundary=x', '--x--', [415]],
      ['application/json; charset=utf-16', '{}', [400, 415, 422]],
    ];
    for (const [method, path] of writes) {
      for (const [type, body, expected] of bodies) {
        const before = await snapshot();
        const response = await request(path, { method, headers: { ...asBrowser(cookie), 'Content-Type': type }, body });
        expect(expected, `${method} ${path} as ${type}: ${response.status}`).toContain(response.status);
        expect(response.headers.get('Content-Type')).toContain('application/problem+json');
        expect(await snapshot()).toEqual(before);
      }
    }
  });
});
