/**
 * Rights are enforced by the worker: for every write path, nobody signed in
 * gets 401, someone of another organisation 403, the right organisation
 * succeeds; writes from other sites are refused; drafts and members-only
 * events stay with those who may see them; the audit trail names who wrote.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { MyEventList } from '../worker/shared/accounts';
import { EVENT_TABLES, asBrowser, bearerFor, createEvent, jsonRequest, request, rowCounts, sessionFor, workshop } from './helpers';

type Who = 'anonymous' | 'wrong' | 'right';
type Role = 'administrator' | 'organiser' | 'viewer';

interface WritePath {
  name: string;
  /** Who may and who may not; the membership of "right" and "wrong". */
  right: { organisation: string; role: Role };
  wrong: { organisation: string; role: Role };
  /** Makes what the write needs (as an administrator of the county), returns the request. */
  prepare: () => Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
  success: number;
}

async function countyAdmin() {
  return (await sessionFor([{ organisation: 'pohde', role: 'administrator' }])).cookie;
}

async function draftOf(organisation: string) {
  return createEvent(await bearerFor(organisation), workshop({ status: 'draft', organisations: [organisation] }));
}

async function publishedOf(organisation: string) {
  return createEvent(await bearerFor(organisation), workshop({ organisations: [organisation] }));
}

let slugs = 0;

const ALL_TABLES = [...EVENT_TABLES, 'clock_items', 'clocks', 'clock_rings', 'api_tokens', 'people', 'memberships', 'organisations', 'networks'];

const paths: WritePath[] = [
  {
    name: 'POST /api/events',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => ({ method: 'POST', path: '/api/events', body: workshop({ organisations: ['posken'] }) }),
    success: 201,
  },
  {
    name: 'POST /api/events (a viewer may not write)',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'posken', role: 'viewer' },
    prepare: async () => ({ method: 'POST', path: '/api/events', body: workshop({ organisations: ['posken'] }) }),
    success: 201,
  },
  {
    name: 'PATCH /api/events/{id}',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => {
      const { event, etag } = await publishedOf('posken');
      return { method: 'PATCH', path: `/api/events/${event.id}`, body: { title: { fi: 'Uusi nimi' } }, headers: { 'If-Match': etag } };
    },
    success: 200,
  },
  {
    name: 'POST /api/events/{id}/cancel',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => {
      const { event } = await publishedOf('posken');
      return { method: 'POST', path: `/api/events/${event.id}/cancel`, body: { reason: 'Sairastuminen' } };
    },
    success: 200,
  },
  {
    name: 'DELETE /api/events/{id}',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => {
      const { event } = await draftOf('posken');
      return { method: 'DELETE', path: `/api/events/${event.id}` };
    },
    // Another organisation does not even learn that the draft exists.
    success: 204,
  },
  {
    name: 'POST /api/clock/items (regional clock)',
    right: { organisation: 'pohde', role: 'organiser' },
    wrong: { organisation: 'posken', role: 'organiser' },
    prepare: async () => ({
      method: 'POST',
      path: '/api/clock/items',
      body: { title: { fi: 'Verkostotapaaminen' }, ring: 'maakunta', kind: 'annual', span: { startMonth: 3, endMonth: 3 } },
    }),
    success: 201,
  },
  {
    name: 'PATCH /api/clock/items/{id}',
    right: { organisation: 'pohde', role: 'organiser' },
    wrong: { organisation: 'oulun-kaupunki', role: 'organiser' },
    prepare: async () => {
      const created = await jsonRequest(
        'POST',
        '/api/clock/items',
        { title: { fi: 'Muokattava kohta' }, ring: 'maakunta', kind: 'annual', span: { startMonth: 4, endMonth: 4 } },
        asBrowser(await countyAdmin()),
      );
      const item = (await created.json()) as { id: number };
      return { method: 'PATCH', path: `/api/clock/items/${item.id}`, body: { title: { fi: 'Muokattu kohta' } }, headers: { 'If-Match': created.headers.get('ETag')! } };
    },
    success: 200,
  },
  {
    name: 'POST /api/clocks',
    right: { organisation: 'kalajoen-kaupunki', role: 'organiser' },
    wrong: { organisation: 'posken', role: 'organiser' },
    prepare: async () => ({ method: 'POST', path: '/api/clocks', body: { organisation: 'kalajoen-kaupunki', startMonth: 1 } }),
    success: 201,
  },
  {
    name: 'PUT /api/clocks/{slug}/rings',
    right: { organisation: 'pohde', role: 'organiser' },
    wrong: { organisation: 'posken', role: 'organiser' },
    prepare: async () => {
      const clock = (await (await request('/api/clock')).json()) as { clock: { slug: string; rings: { slug: string; name: { fi: string } }[] } };
      return { method: 'PUT', path: `/api/clocks/${clock.clock.slug}/rings`, body: { rings: clock.clock.rings.map((r) => ({ slug: r.slug, name: r.name })) } };
    },
    success: 200,
  },
  {
    name: 'POST /api/tokens',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => ({ method: 'POST', path: '/api/tokens', body: { name: 'Kotisivun integraatio', organisation: 'posken' } }),
    success: 201,
  },
  {
    name: 'DELETE /api/tokens/{id}',
    right: { organisation: 'posken', role: 'organiser' },
    wrong: { organisation: 'takuusaatio', role: 'organiser' },
    prepare: async () => {
      const created = await jsonRequest('POST', '/api/tokens', { name: 'Poistettava', organisation: 'posken' }, asBrowser(await countyAdmin()));
      const token = (await created.json()) as { id: number };
      return { method: 'DELETE', path: `/api/tokens/${token.id}` };
    },
    success: 200,
  },
  {
    name: 'POST /api/admin/people',
    right: { organisation: 'pohde', role: 'administrator' },
    wrong: { organisation: 'pohde', role: 'organiser' },
    prepare: async () => ({ method: 'POST', path: '/api/admin/people', body: { name: 'Uusi Henkilö', email: `uusi-${Date.now()}-${++slugs}@test.example` } }),
    success: 201,
  },
  {
    name: 'PUT /api/admin/people/{id}/memberships',
    right: { organisation: 'pohde', role: 'administrator' },
    wrong: { organisation: 'posken', role: 'organiser' },
    prepare: async () => {
      const target = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
      return { method: 'PUT', path: `/api/admin/people/${target.personId}/memberships`, body: [{ organisation: 'posken', role: 'organiser' }] };
    },
    success: 200,
  },
  {
    name: 'POST /api/admin/organisations',
    right: { organisation: 'pohde', role: 'administrator' },
    wrong: { organisation: 'pohde', role: 'organiser' },
    prepare: async () => ({ method: 'POST', path: '/api/admin/organisations', body: { slug: `yhdistys-${++slugs}`, name: { fi: 'Testiyhdistys' }, kind: 'ngo' } }),
    success: 201,
  },
  {
    name: 'PUT /api/admin/networks/{slug}',
    right: { organisation: 'pohde', role: 'administrator' },
    wrong: { organisation: 'pohde', role: 'viewer' },
    prepare: async () => ({ method: 'PUT', path: '/api/admin/networks/osallisuus', body: { name: { fi: 'Osallisuuden verkosto' } } }),
    success: 200,
  },
];

/** Makes the request as `who`; also tells whether any row changed in the database because of it. */
async function send(who: Who, path: WritePath): Promise<{ response: Response; changed: boolean }> {
  const call = await path.prepare();
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (who !== 'anonymous') Object.assign(headers, asBrowser((await sessionFor([who === 'right' ? path.right : path.wrong])).cookie));
  else headers.Origin = 'https://hytekello.test';
  const before = JSON.stringify(await rowCounts(ALL_TABLES));
  const response = call.body !== undefined ? await jsonRequest(call.method, call.path, call.body, headers) : await request(call.path, { method: call.method, headers });
  // Every write adds an audit row, so an edit in place shows too.
  return { response, changed: JSON.stringify(await rowCounts(ALL_TABLES)) !== before };
}

describe('every write path', () => {
  for (const path of paths) {
    it(`${path.name}: anonymous 401, wrong organisation or role 403 (nothing written), right one ${path.success}`, async () => {
      const anonymous = await send('anonymous', path);
      expect(anonymous.response.status).toBe(401);
      expect(anonymous.response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(anonymous.changed).toBe(false);

      const wrong = await send('wrong', path);
      // A draft of another organisation is not found rather than forbidden.
      expect(wrong.response.status).toBe(path.name.startsWith('DELETE /api/events') ? 404 : 403);
      expect(wrong.changed).toBe(false);

      const right = await send('right', path);
      expect(right.response.status, await right.response.clone().text()).toBe(path.success);
      expect(right.changed).toBe(true);
    });
  }
});

describe('writes from other sites', () => {
  it('a cross-site fetch or form with the session cookie changes nothing', async () => {
    const { cookie } = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const before = await rowCounts();
    const body = JSON.stringify(workshop({ organisations: ['posken'] }));
    const evilOrigin = await request('/api/events', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body });
    expect(evilOrigin.status).toBe(403);
    const crossSite = await request('/api/events', { method: 'POST', headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' }, body });
    expect(crossSite.status).toBe(403);
    const form = await request('/api/events', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    expect(form.status).toBe(403);
    const sameSiteForm = await request('/api/events', { method: 'POST', headers: { ...asBrowser(cookie), 'Content-Type': 'text/plain' }, body });
    expect(sameSiteForm.status).toBe(415);
    const logout = await request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example' } });
    expect(logout.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect((await request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('the same write from this site succeeds; an API token needs no Origin', async () => {
    const { cookie } = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    expect((await jsonRequest('POST', '/api/events', workshop({ organisations: ['posken'] }), asBrowser(cookie))).status).toBe(201);
    expect((await jsonRequest('POST', '/api/events', workshop({ organisations: ['posken'] }), { Authorization: await bearerFor('posken') })).status).toBe(201);
  });

  it('no API answer allows other origins to read with credentials', async () => {
    const response = await request('/api/auth/me', { headers: { Origin: 'https://evil.example' } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });
});

describe('my events', () => {
  it("count my organisations' events in each status, beside the list of one status", async () => {
    const { cookie } = await sessionFor([{ organisation: 'takuusaatio', role: 'organiser' }]);
    const before = (await (await request('/api/me/events?status=draft', { headers: { Cookie: cookie } })).json()) as { counts: Record<string, number> };
    await draftOf('takuusaatio');
    await draftOf('takuusaatio');
    await publishedOf('takuusaatio');
    await draftOf('posken');
    const response = await request('/api/me/events?status=draft', { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { status: string }[]; counts: Record<string, number> };
    expect(body.counts).toEqual({ draft: before.counts.draft! + 2, published: before.counts.published! + 1, cancelled: before.counts.cancelled });
    expect(body.items.length).toBe(body.counts.draft);
    expect(body.items.every((event) => event.status === 'draft')).toBe(true);
  });
});

describe('my events, page by page', () => {
  const list = async (cookie: string, query: string) => {
    const response = await request(`/api/me/events?${query}`, { headers: { Cookie: cookie } });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as MyEventList;
  };

  it('limit and cursor go through every event once, in the order of the whole list, and the last page says so', async () => {
    const { cookie } = await sessionFor([{ organisation: 'takuusaatio', role: 'organiser' }]);
    const authorization = await bearerFor('takuusaatio');
    // Three starting at the same moment: the cursor must part them by id.
    for (const day of ['2032-02-03', '2032-02-03', '2032-02-03', '2032-01-05', '2032-03-01']) {
      await createEvent(authorization, workshop({ status: 'draft', organisations: ['takuusaatio'], start: `${day}T09:00`, end: `${day}T11:00` }));
    }
    const whole = await list(cookie, 'status=draft');
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(5);
    const paged: string[] = [];
    let pages = 0;
    for (let cursor: string | null = null; pages === 0 || cursor !== null; pages++) {
      const page: MyEventList = await list(cookie, `status=draft&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.counts).toEqual(whole.counts);
      paged.push(...page.items.map((event) => event.id));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(whole.items.map((event) => event.id));
    expect(pages).toBe(Math.ceil(whole.items.length / 2));
  });

  it('a limit out of range or a cursor not made by the list is refused, naming the parameter', async () => {
    const { cookie } = await sessionFor([{ organisation: 'takuusaatio', role: 'organiser' }]);
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=2.5', 'limit'], ['cursor=ei-kursori', 'cursor']] as const) {
      const response = await request(`/api/me/events?${query}`, { headers: { Cookie: cookie } });
      expect(response.status, query).toBe(400);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field), query).toContain(field);
    }
    expect((await request('/api/me/events?limit=2')).status).toBe(401);
  });
});

describe('a person without an organisation', () => {
  it('learns who the administrators are, to ask them for rights; anonymous callers and API tokens do not', async () => {
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }], 'Aada Ohjeistava');
    const viewer = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
    const nobody = await sessionFor([]);
    for (const who of [viewer, nobody]) {
      const response = await request('/api/me/administrators', { headers: { Cookie: who.cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toBe('private, no-store');
      const { items } = (await response.json()) as { items: { name: string; email: string }[] };
      expect(items).toContainEqual({ name: 'Aada Ohjeistava', email: admin.email });
      expect(items.map((person) => person.email)).not.toContain(viewer.email);
    }
    const anonymous = await request('/api/me/administrators');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('Content-Type')).toContain('application/problem+json');
    // A token is a system's, not a person's: it has an organisation and no one to ask.
    const token = await request('/api/me/administrators', { headers: { Authorization: await bearerFor('posken') } });
    expect(token.status).toBe(403);
    expect(((await token.json()) as { detail: string }).detail).toContain('signed-in people');
  });
});

describe('drafts', () => {
  it('are seen only by organisers of their organisations and administrators', async () => {
    const { event } = await draftOf('posken');
    const own = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const other = await sessionFor([{ organisation: 'takuusaatio', role: 'organiser' }]);
    const viewer = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    expect((await request(`/api/events/${event.id}`)).status).toBe(404);
    expect((await request(`/api/events/${event.id}`, { headers: { Cookie: own.cookie } })).status).toBe(200);
    expect((await request(`/api/events/${event.id}`, { headers: { Cookie: other.cookie } })).status).toBe(404);
    expect((await request(`/api/events/${event.id}`, { headers: { Cookie: viewer.cookie } })).status).toBe(404);
    expect((await request(`/api/events/${event.id}`, { headers: { Cookie: admin.cookie } })).status).toBe(200);

    const mine = (await (await request('/api/me/events?status=draft', { headers: { Cookie: own.cookie } })).json()) as { items: { id: string }[] };
    expect(mine.items.map((e) => e.id)).toContain(event.id);
    const theirs = (await (await request('/api/me/events?status=draft', { headers: { Cookie: other.cookie } })).json()) as { items: { id: string }[] };
    expect(theirs.items.map((e) => e.id)).not.toContain(event.id);
  });

  it('can be deleted, published events cannot (they are cancelled instead)', async () => {
    const { cookie } = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const { event: draft } = await draftOf('posken');
    const { event: published } = await publishedOf('posken');
    const refused = await request(`/api/events/${published.id}`, { method: 'DELETE', headers: asBrowser(cookie) });
    expect(refused.status).toBe(409);
    expect((await request(`/api/events/${draft.id}`, { method: 'DELETE', headers: asBrowser(cookie, { 'If-Match': '"stale"' }) })).status).toBe(412);
    expect((await request(`/api/events/${draft.id}`, { method: 'DELETE', headers: asBrowser(cookie) })).status).toBe(204);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM event_organisations WHERE event_id = ?1').bind(draft.id).first('n')).toBe(0);
    const logged = await env.DB.prepare("SELECT via, person_id, before_json FROM audit_log WHERE entity = 'event' AND entity_id = ?1 AND action = 'delete'").bind(draft.id).first<{ via: string; person_id: number; before_json: string }>();
    expect(logged).toMatchObject({ via: 'session' });
    expect(JSON.parse(logged!.before_json).title.fi).toBe(draft.title.fi);
  });
});

describe('members-only events', () => {
  it('are left out of public lists, pages and feeds, and shown to members and in personal feeds', async () => {
    const title = `Jäsenten kokous ${Date.now()}`;
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: title }, visibility: 'members', start: '2031-03-03T10:00', end: '2031-03-03T12:00' }));
    expect(event.visibility).toBe('members');
    const window = '?from=2031-03-01T00:00:00Z&to=2031-03-31T00:00:00Z';
    const listed = async (headers: Record<string, string> = {}) =>
      ((await (await request(`/api/events${window}`, { headers })).json()) as { items: { id: string }[] }).items.some((e) => e.id === event.id);

    expect(await listed()).toBe(false);
    expect((await request(`/api/events/${event.id}`)).status).toBe(404);
    expect((await request(`/events/${event.id}.ics`)).status).toBe(404);
    expect(await (await request('/calendar.ics')).text()).not.toContain(title);

    const viewer = await sessionFor([{ organisation: 'oulun-kaupunki', role: 'viewer' }]);
    expect(await listed({ Cookie: viewer.cookie }), 'listed for a member').toBe(true);
    const read = await request(`/api/events/${event.id}`, { headers: { Cookie: viewer.cookie } });
    expect(read.status).toBe(200);
    expect(read.headers.get('Cache-Control')).toBe('private, no-store');

    const made = await request('/api/me/feed', { method: 'POST', headers: asBrowser(viewer.cookie) });
    const { url } = (await made.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/hytekello\.test\/calendar\.ics\?key=hyf_/);
    const personal = await request(url.replace('https://hytekello.test', ''));
    expect(personal.status).toBe(200);
    expect(personal.headers.get('Cache-Control')).toBe('private, max-age=300');
    expect(await personal.text()).toContain(title);
    expect(((await (await request('/api/me/feed', { headers: { Cookie: viewer.cookie } })).json()) as { active: boolean }).active, 'feed active').toBe(true);

    await request('/api/me/feed', { method: 'DELETE', headers: asBrowser(viewer.cookie) });
    expect((await request(url.replace('https://hytekello.test', ''))).status).toBe(401);
  });
});

describe('the audit trail', () => {
  it('names the person and session, or the token, of every write; administrators browse it', async () => {
    const organiser = await sessionFor([{ organisation: 'posken', role: 'organiser' }], 'Audit Järjestäjä');
    const { event, etag } = await createEvent(await bearerFor('posken', 'Audit-token'), workshop({ organisations: ['posken'] }));
    const edit = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Muutettu otsikko' } }, asBrowser(organiser.cookie, { 'If-Match': etag }));
    expect(edit.status).toBe(200);

    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const page = await request(`/api/admin/audit?entity=event&entityId=${event.id}`, { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const { items } = (await page.json()) as { items: { action: string; actor: { via: string; person: { name: string } | null; token: { name: string } | null; session: number | null }; before: { title: { fi: string } } | null; after: { title: { fi: string } } }[] };
    expect(items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(items[0]!.actor).toMatchObject({ via: 'session', person: { name: 'Audit Järjestäjä' }, token: null });
    expect(items[0]!.actor.session).toEqual(expect.any(Number));
    expect(items[0]!.before!.title.fi).toBe(event.title.fi);
    expect(items[0]!.after.title.fi).toBe('Muutettu otsikko');
    expect(items[1]!.actor).toMatchObject({ via: 'token', person: null, token: { name: 'Audit-token' } });

    expect((await request('/api/admin/audit', { headers: { Cookie: organiser.cookie } })).status).toBe(403);
  });

  it('never stores secrets: tokens, sessions, invitations or passwords', async () => {
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const token = await jsonRequest('POST', '/api/tokens', { name: 'Salaisuustesti', organisation: 'pohde' }, asBrowser(admin.cookie));
    const { token: secret } = (await token.json()) as { token: string };
    const person = await jsonRequest('POST', '/api/admin/people', { name: 'Salainen', email: `salainen-${Date.now()}@test.example` }, asBrowser(admin.cookie));
    const { id } = (await person.json()) as { id: number };
    const invitation = await request(`/api/admin/people/${id}/invitations`, { method: 'POST', headers: asBrowser(admin.cookie) });
    const invitationToken = ((await invitation.json()) as { url: string }).url.split('#')[1]!;
    await jsonRequest('POST', `/api/auth/invitations/${invitationToken}`, { password: 'salainen salasana 1' }, { Origin: 'https://hytekello.test' });
    const { results } = await env.DB.prepare('SELECT coalesce(before_json, \'\') || coalesce(after_json, \'\') AS text FROM audit_log').all<{ text: string }>();
    const everything = results.map((r) => r.text).join('\n');
    for (const needle of [secret, invitationToken, admin.cookie.split('=')[1]!, 'salainen salasana 1', 'pbkdf2']) expect(everything).not.toContain(needle);
  });
});
