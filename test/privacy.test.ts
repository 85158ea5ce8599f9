/** Personal data: an administrator can export everything stored about a person, and erase it. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, sessionFor, workshop } from './helpers';

async function organiserWithTraces() {
  const person = await sessionFor([{ organisation: 'posken', role: 'organiser' }], `Yksityinen Henkilö ${Date.now()}`);
  const name = (await env.DB.prepare('SELECT name FROM people WHERE id = ?1').bind(person.personId).first<{ name: string }>())!.name;
  const { event, etag } = await createEvent(await bearerFor('posken'), workshop({ organisations: ['posken'], contact: { name, email: person.email, phone: '+358 40 765 4321' } }));
  await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Hänen muokkauksensa' } }, asBrowser(person.cookie, { 'If-Match': etag }));
  await jsonRequest('POST', '/api/tokens', { name: 'Oma integraatio', organisation: 'posken' }, asBrowser(person.cookie));
  await request('/api/me/feed', { method: 'POST', headers: asBrowser(person.cookie) });
  return { ...person, name, eventId: event.id };
}

describe('personal data', () => {
  it('an administrator exports everything stored about a person, without secrets', async () => {
    const person = await organiserWithTraces();
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const response = await request(`/api/admin/people/${person.personId}/data`, { headers: { Cookie: admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toContain('attachment');
    const data = (await response.json()) as Record<string, unknown[]> & { person: { email: string } };
    expect(data.person.email).toBe(person.email);
    expect(data.sessions).toHaveLength(1);
    expect(data.tokensCreated).toMatchObject([{ name: 'Oma integraatio', organisation: 'posken' }]);
    expect(data.personalFeedKeys).toHaveLength(1);
    expect(data.changesMade).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'update', entity: 'event', entity_id: person.eventId })]));
    expect(data.eventsWithThemAsContact).toMatchObject([{ id: person.eventId, contact_email: person.email }]);
    const text = JSON.stringify(data);
    for (const secret of ['hash', 'hys_', 'hyk_', 'hyf_', person.cookie.split('=')[1]!]) expect(text).not.toContain(secret);
    expect((await request(`/api/admin/people/${person.personId}/data`, { headers: { Cookie: person.cookie } })).status).toBe(403);
  });

  it('an administrator erases a person: account, sessions, contact details and their name in the audit trail', async () => {
    const person = await organiserWithTraces();
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const erased = await request(`/api/admin/people/${person.personId}`, { method: 'DELETE', headers: asBrowser(admin.cookie) });
    expect(erased.status).toBe(204);

    expect((await request('/api/auth/me', { headers: { Cookie: person.cookie } })).status).toBe(401);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM people WHERE id = ?1').bind(person.personId).first('n')).toBe(0);
    for (const table of ['memberships', 'sessions', 'feed_keys', 'invitations']) {
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE person_id = ?1`).bind(person.personId).first('n'), table).toBe(0);
    }
    const event = (await (await request(`/api/events/${person.eventId}`)).json()) as { contact: unknown; title: { fi: string } };
    expect(event.contact).toBeNull();
    expect(event.title.fi).toBe('Hänen muokkauksensa');
    const trail = (await env.DB.prepare('SELECT coalesce(before_json, \'\') || coalesce(after_json, \'\') AS text FROM audit_log').all<{ text: string }>()).results.map((r) => r.text).join('\n');
    expect(trail).not.toContain(person.email);
    expect(trail).not.toContain(person.name);
    // The trail keeps that the changes were made, and that the person was erased, by whom.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'event' AND entity_id = ?1 AND action = 'update'").bind(person.eventId).first('n')).toBe(1);
    expect(await env.DB.prepare("SELECT via FROM audit_log WHERE entity = 'person' AND entity_id = ?1 AND action = 'delete'").bind(String(person.personId)).first('via')).toBe('session');
    // Tokens they made keep working for their organisation.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE name = 'Oma integraatio' AND revoked_at IS NULL AND created_by IS NULL").first('n')).toBeGreaterThan(0);
  });

  it('cannot erase oneself, and only administrators erase', async () => {
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    expect((await request(`/api/admin/people/${admin.personId}`, { method: 'DELETE', headers: asBrowser(admin.cookie) })).status).toBe(409);
    const organiser = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const other = await sessionFor([{ organisation: 'posken', role: 'viewer' }]);
    expect((await request(`/api/admin/people/${other.personId}`, { method: 'DELETE', headers: asBrowser(organiser.cookie) })).status).toBe(403);
    expect((await request('/api/auth/me', { headers: { Cookie: other.cookie } })).status).toBe(200);
  });
});
