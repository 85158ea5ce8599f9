import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertTokenSql, revokeTokenSql } from '../worker/db/tokens';
import { generateToken, hashToken } from '../worker/domain/tokens';
import type { Taxonomy } from '../worker/shared/taxonomy';
import { jsonRequest, request, workshop } from './helpers';
import { CONTENT_SECURITY_POLICY } from '../worker/middleware/headers';
import { inviteAdministratorSql } from '../worker/db/accounts';

describe('taxonomy', () => {
  it('lists the 30 municipalities of North Ostrobothnia in the six areas, the event types and the rest', async () => {
    const response = await request('/api/taxonomy');
    expect(response.status).toBe(200);
    const taxonomy = (await response.json()) as Taxonomy;
    expect(taxonomy.municipalities).toHaveLength(30);
    expect(taxonomy.areas.map((a) => a.slug)).toEqual(['oulu', 'oulun-etelainen', 'lakeus', 'oulunkaari', 'koillismaa', 'rannikkoseutu']);
    expect(new Set(taxonomy.municipalities.map((m) => m.area)).size).toBe(6);
    expect(taxonomy.municipalities.find((m) => m.slug === 'oulu')).toMatchObject({ code: '564', name: { fi: 'Oulu', sv: 'Uleåborg' } });
    expect(taxonomy.eventTypes.map((t) => t.slug)).toEqual(['tilannekuvaseminaari', 'hyvinvointifoorumi', 'tyopaja', 'koulutus', 'verkostotapaaminen', 'webinaari', 'muu']);
    expect(taxonomy.networks.map((n) => n.slug)).toEqual(expect.arrayContaining(['sivistysjohtajat', 'sote-johtajat', 'kulttuurihyvinvointi', 'jarjestoyhdyshenkilot']));
    expect(taxonomy.organisations.map((o) => o.slug)).toEqual(expect.arrayContaining(['pohde', 'pohjois-pohjanmaan-liitto', 'posken', 'takuusaatio', 'hop-hanke', 'oulun-kaupunki']));
    expect(taxonomy.organisations.filter((o) => o.kind === 'municipality')).toHaveLength(30);
    const slugs = Object.values(taxonomy).flatMap((terms) => terms.map((t: { slug: string }) => t.slug));
    expect(slugs.every((slug) => /^[a-z0-9][a-z0-9-]*$/.test(slug))).toBe(true);
  });
});

describe('health', () => {
  it('answers 200 when the worker and D1 answer', async () => {
    const response = await request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('OpenAPI', () => {
  it('describes every path of the API in OpenAPI 3.1, from the same schemas that validate requests', async () => {
    const response = await request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/admin/audit', '/api/admin/networks', '/api/admin/networks/{slug}', '/api/admin/organisations', '/api/admin/organisations/{slug}',
      '/api/admin/people', '/api/admin/people/{id}', '/api/admin/people/{id}/data', '/api/admin/people/{id}/invitations', '/api/admin/people/{id}/memberships', '/api/admin/people/{id}/sign-out',
      '/api/auth/dev-sign-in', '/api/auth/invitations/{token}', '/api/auth/login', '/api/auth/logout', '/api/auth/me',
      '/api/clock', '/api/clock/compare', '/api/clock/import-template.csv', '/api/clock/items', '/api/clock/items/import', '/api/clock/items/{id}', '/api/clock/items/{id}/publish', '/api/clocks', '/api/clocks/{slug}/publish', '/api/clocks/{slug}/rings', '/api/clocks/{slug}/roll-over', '/api/council-term', '/api/events', '/api/events/{id}', '/api/events/{id}/cancel', '/api/events/{id}/co-organisers', '/api/events/{id}/co-organisers/{organisation}/accept', '/api/events/{id}/co-organisers/{organisation}/decline', '/api/events/{id}/occurrences', '/api/imports', '/api/imports/jobs', '/api/imports/jobs/{id}', '/api/imports/jobs/{id}/continue', '/api/imports/preview', '/api/imports/sources', '/api/imports/sources/{id}', '/api/imports/sources/{id}/sync', '/api/me/administrators',
      '/api/me/co-organiser-invitations', '/api/me/events', '/api/me/feed', '/api/taxonomy', '/api/tokens', '/api/tokens/{id}', '/calendar.ics', '/clock.ics', '/events/{id}.ics', '/feed.atom', '/feed.json', '/feed.rss']);
    expect(Object.keys(document.paths['/api/events']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/events/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(document.paths['/api/clock/items/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['RollOverInput', 'RollOverResult', 'ClockComparison', 'PublishDraftsInput']));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Event', 'EventInput', 'EventPatch', 'EventList', 'Problem', 'Taxonomy']));
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'hyk_session' });
  });
});

describe('the token command', () => {
  it('writes SQL that creates a working token, and SQL that revokes it', async () => {
    const token = generateToken();
    const now = new Date().toISOString();
    await env.DB.exec(insertTokenSql({ name: "O'Brien's integration", organisation: 'posken', tokenHash: await hashToken(token), now }).replaceAll('\n', ' '));
    const create = () => jsonRequest('POST', '/api/events', workshop({ organisations: ['posken'] }), { Authorization: `Bearer ${token}` });
    expect((await create()).status).toBe(201);
    const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE name = 'O''Brien''s integration'").first<{ id: number }>();
    await env.DB.exec(revokeTokenSql(row!.id, now));
    expect((await create()).status).toBe(401);
  });
});

describe('security headers', () => {
  it('the worker sends CSP without inline scripts, HSTS, no framing, nosniff', async () => {
    for (const path of ['/api/events', '/calendar.ics', '/healthz', '/api/nothing']) {
      const response = await request(path);
      expect(response.headers.get('Content-Security-Policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
      expect(response.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('public reads allow any origin without credentials; sign-in and writes send no CORS headers', async () => {
    const events = await request('/api/events', { headers: { Origin: 'https://www.kunta.example' } });
    expect(events.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(events.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    const preflight = await request('/api/events', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('Access-Control-Allow-Methods')).not.toContain('POST');
    for (const path of ['/api/auth/me', '/api/me/events', '/api/tokens', '/api/admin/people']) {
      const response = await request(path, { headers: { Origin: 'https://evil.example' } });
      expect(response.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
    }
  });
});

describe('the first-administrator command', () => {
  it('writes SQL that makes an administrator with a working invitation, and can be run twice', async () => {
    const token = generateToken('hyi_');
    const now = new Date();
    const sql = inviteAdministratorSql({ name: "Aino O'Neill", email: 'Aino.First@Test.example', organisation: 'pohde', tokenHash: await hashToken(token), now: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString() });
    await env.DB.exec(sql.replaceAll('\n  ', ' '));
    await env.DB.exec(sql.replaceAll('\n  ', ' '));
    const accepted = await jsonRequest('POST', `/api/auth/invitations/${token}`, { password: 'ensimmäinen ylläpitäjä' }, { Origin: 'https://hytekello.test' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ person: { name: "Aino O'Neill", email: 'aino.first@test.example' }, administrator: true });
  });
});

describe('the API documentation page', () => {
  it('shows every operation of the OpenAPI document, each with a curl example', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const response = await request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('text/html');
    const html = await response.text();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method, path] as const));
    for (const [method, path] of operations) {
      expect(html, `${method} ${path}`).toContain(`<span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    // Each example scrolls sideways on a phone, so the keyboard can reach it (tabindex).
    expect(html.match(/<h4>Example<\/h4><pre tabindex="0"><code>curl/g)).toHaveLength(operations.length);
    expect(html).toContain('curl -X POST &#39;https://hytekello.test/api/events&#39; \\\n  -H &quot;Authorization: Bearer $TOKEN&quot;');
    expect(html).toContain('If-Match: &quot;&lt;ETag&gt;&quot;');
    expect(html).not.toMatch(/<script/);
  });
});
