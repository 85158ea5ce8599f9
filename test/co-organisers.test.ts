/** Co-organisers by consent: an organisation named by another is invited, and joins only when an organiser of it accepts. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Event } from '../worker/shared/events';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, rowCounts, sessionFor, workshop } from './helpers';

const TABLES = ['events', 'event_organisations', 'co_organiser_invitations', 'audit_log'];

/** An event of Pohde that names Posken as co-organiser, and the people of both. */
async function invitedEvent(overrides: Parameters<typeof workshop>[0] = {}) {
  const pohde = await bearerFor('pohde');
  const posken = asBrowser((await sessionFor([{ organisation: 'posken', role: 'organiser' }])).cookie);
  const created = await createEvent(pohde, workshop({ title: { fi: `Yhteinen työpaja ${crypto.randomUUID()}` }, organisations: ['pohde', 'posken'], ...overrides }));
  return { pohde, posken, event: created.event, etag: created.etag };
}

const coOrganisers = async (id: string, authorization: string) => (await request(`/api/events/${id}/co-organisers`, { headers: { Authorization: authorization } })).json();
const answer = (id: string, organisation: string, what: 'accept' | 'decline', headers: Record<string, string>) => request(`/api/events/${id}/co-organisers/${organisation}/${what}`, { method: 'POST', headers });
const invitationsOf = async (headers: Record<string, string>) => ((await (await request('/api/me/co-organiser-invitations', { headers })).json()) as { items: { event: { id: string }; organisation: string }[] }).items;

describe('an organisation named as co-organiser by another', () => {
  it('is invited: not shown with the event, in lists or feeds, and without rights, until it accepts', async () => {
    const { pohde, posken, event } = await invitedEvent();
    expect(event.organisations).toEqual(['pohde']);
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).organisations).toEqual(['pohde']);
    const listed = (await (await request('/api/events?organisation=posken&from=2026-10-01&to=2026-11-01')).json()) as { items: { event: { id: string } }[] };
    expect(listed.items.map((o) => o.event.id)).not.toContain(event.id);
    expect(await (await request('/calendar.ics?organisation=posken')).text()).not.toContain(event.title.fi);
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde'], invited: ['posken'] });

    const poskenToken = await bearerFor('posken');
    const before = await rowCounts(TABLES);
    const edit = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Kaapattu' } }, { Authorization: poskenToken, 'If-Match': '*' });
    expect(edit.status).toBe(403);
    expect((await request(`/api/events/${event.id}/cancel`, { method: 'POST', headers: { Authorization: poskenToken } })).status).toBe(403);
    expect((await request(`/api/events/${event.id}/co-organisers`, { headers: { Authorization: poskenToken } })).status).toBe(403);
    expect(await rowCounts(TABLES)).toEqual(before);

    expect((await invitationsOf(posken)).filter((i) => i.event.id === event.id)).toEqual([expect.objectContaining({ organisation: 'posken' })]);
  });

  it('becomes a co-organiser when an organiser of it accepts: shown, and may edit', async () => {
    const { pohde, posken, event, etag } = await invitedEvent();
    const accepted = await answer(event.id, 'posken', 'accept', posken);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Event).organisations).toEqual(['pohde', 'posken']);
    expect(accepted.headers.get('ETag')).not.toBe(etag);
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).organisations).toEqual(['pohde', 'posken']);
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde', 'posken'], invited: [] });
    // Listed under the organisation now: its part of the stored occurrences' index has the event.
    const listed = (await (await request('/api/events?organisation=posken&from=2026-10-01&to=2026-11-01')).json()) as { items: { id: string }[] };
    expect(listed.items.map((o) => o.id)).toContain(event.id);
    expect(await invitationsOf(posken)).not.toContainEqual(expect.objectContaining({ event: expect.objectContaining({ id: event.id }) }));
    const edit = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Yhdessä muokattu' } }, { ...posken, 'If-Match': accepted.headers.get('ETag')! });
    expect(edit.status).toBe(200);
    expect((await answer(event.id, 'posken', 'accept', posken)).status).toBe(404);
  });

  it('declined, leaves the event as it was and the invitation gone', async () => {
    const { pohde, posken, event } = await invitedEvent();
    expect((await answer(event.id, 'posken', 'decline', posken)).status).toBe(204);
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).organisations).toEqual(['pohde']);
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde'], invited: [] });
    expect((await answer(event.id, 'posken', 'accept', posken)).status).toBe(404);
  });

  it('is answered only by an organiser of the invited organisation', async () => {
    const { pohde, event } = await invitedEvent();
    const other = { Authorization: await bearerFor('takuusaatio') };
    const viewer = asBrowser((await sessionFor([{ organisation: 'posken', role: 'viewer' }])).cookie);
    const before = await rowCounts(TABLES);
    expect((await answer(event.id, 'posken', 'accept', { Origin: 'https://hytekello.test' })).status).toBe(401);
    expect((await answer(event.id, 'posken', 'accept', { Authorization: pohde })).status).toBe(403);
    expect((await answer(event.id, 'posken', 'accept', other)).status).toBe(403);
    expect((await answer(event.id, 'posken', 'accept', viewer)).status).toBe(403);
    expect((await answer(event.id, 'takuusaatio', 'accept', other)).status).toBe(404);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('cannot, once accepted, remove the organisation that created the event; that organisation can remove it', async () => {
    const { pohde, posken, event } = await invitedEvent();
    const accepted = await answer(event.id, 'posken', 'accept', posken);
    const before = await rowCounts(TABLES);
    const takeover = await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['posken'] }, { ...posken, 'If-Match': accepted.headers.get('ETag')! });
    expect(takeover.status).toBe(403);
    expect(((await takeover.json()) as { detail: string }).detail).toContain("'pohde' created the event");
    // Nor by putting itself first.
    const reordered = await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['posken', 'pohde'] }, { ...posken, 'If-Match': accepted.headers.get('ETag')! });
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as Event).organisations).toEqual(['pohde', 'posken']);
    expect((await rowCounts(TABLES)).event_organisations).toBe(before.event_organisations);
    const removed = await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['pohde'] }, { Authorization: pohde, 'If-Match': reordered.headers.get('ETag')! });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as Event).organisations).toEqual(['pohde']);
  });

  it('stays invited through edits that do not name the organisations, and is withdrawn when an edit leaves it out', async () => {
    const { pohde, posken, event, etag } = await invitedEvent();
    const retitled = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Uusi nimi' } }, { Authorization: pohde, 'If-Match': etag });
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde'], invited: ['posken'] });
    const same = await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['pohde', 'posken'] }, { Authorization: pohde, 'If-Match': retitled.headers.get('ETag')! });
    expect(same.status).toBe(200);
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde'], invited: ['posken'] });
    expect((await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['pohde'] }, { Authorization: pohde, 'If-Match': same.headers.get('ETag')! })).status).toBe(200);
    expect(await coOrganisers(event.id, pohde)).toEqual({ organisations: ['pohde'], invited: [] });
    expect((await answer(event.id, 'posken', 'accept', posken)).status).toBe(404);
  });

  it('joins at once when whoever names it organises for it too', async () => {
    const both = await sessionFor([{ organisation: 'pohde', role: 'organiser' }, { organisation: 'posken', role: 'organiser' }]);
    const mine = await jsonRequest('POST', '/api/events', workshop({ organisations: ['pohde', 'posken'] }), asBrowser(both.cookie));
    expect(((await mine.json()) as Event).organisations).toEqual(['pohde', 'posken']);
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const theirs = await jsonRequest('POST', '/api/events', workshop({ organisations: ['takuusaatio', 'posken'] }), asBrowser(admin.cookie));
    expect(((await theirs.json()) as Event).organisations).toEqual(['takuusaatio', 'posken']);
  });

  it('leaves an audit row for each step: invited, accepted, declined, withdrawn', async () => {
    const { pohde, posken, event, etag } = await invitedEvent({ organisations: ['pohde', 'posken', 'takuusaatio', 'aluehallintovirasto'] });
    await answer(event.id, 'posken', 'accept', posken);
    await answer(event.id, 'takuusaatio', 'decline', { Authorization: await bearerFor('takuusaatio') });
    const current = await request(`/api/events/${event.id}`);
    expect(current.headers.get('ETag')).not.toBe(etag);
    await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['pohde', 'posken'] }, { Authorization: pohde, 'If-Match': current.headers.get('ETag')! });
    const { results } = await env.DB.prepare("SELECT action, via, person_id, after_json FROM audit_log WHERE entity = 'event' AND entity_id = ?1 AND action IN ('invite', 'accept', 'decline', 'revoke') ORDER BY id").bind(event.id).all<{ action: string; via: string; person_id: number | null; after_json: string }>();
    expect(results.map((r) => [r.action, JSON.parse(r.after_json).coOrganiser])).toEqual([
      ['invite', 'posken'],
      ['invite', 'takuusaatio'],
      ['invite', 'aluehallintovirasto'],
      ['accept', 'posken'],
      ['decline', 'takuusaatio'],
      ['revoke', 'aluehallintovirasto'],
    ]);
    expect(results[3]).toMatchObject({ via: 'session' });
    expect(results[3]!.person_id).not.toBeNull();
    expect(JSON.parse(results[3]!.after_json).organisations).toEqual(['pohde', 'posken']);
  });
});
