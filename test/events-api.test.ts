import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { revokeToken } from '../worker/db/tokens';
import type { Event, EventList } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, rowCounts, sessionFor, workshop } from './helpers';

const listIds = async (query: string) => {
  const response = await request(`/api/events?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as EventList;
  return body.items.map((item) => item.id);
};

describe('creating and reading an event', () => {
  it('creates a published event that anyone can read, with an ETag and a Location', async () => {
    const pohde = await bearerFor('pohde');
    const response = await jsonRequest('POST', '/api/events', workshop(), { Authorization: pohde });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Event;
    expect(response.headers.get('Location')).toBe(`/api/events/${created.id}`);
    expect(response.headers.get('ETag')).toMatch(/^"[a-z0-9]+"$/);
    expect(created).toMatchObject({
      status: 'published',
      type: 'tyopaja',
      timeZone: 'Europe/Helsinki',
      start: '2026-10-06T09:00',
      startsAt: '2026-10-06T06:00:00Z',
      endsAt: '2026-10-06T09:00:00Z',
      organisations: ['pohde'],
      location: { place: 'Kaupungintalo', address: 'Torikatu 10, Oulu', municipality: 'oulu' },
      sequence: 0,
    });

    const read = await request(`/api/events/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('ETag')).toBe(response.headers.get('ETag'));
    expect(await read.json()).toEqual(created);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const { event, etag } = await createEvent(await bearerFor('pohde'), workshop());
    const response = await request(`/api/events/${event.id}`, { headers: { 'If-None-Match': etag } });
    expect(response.status).toBe(304);
  });

  it('converts an instant with an offset into wall-clock time in the event time zone', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2026-06-01T06:00:00Z', end: '2026-06-01T08:00:00+00:00' }));
    expect([event.start, event.end]).toEqual(['2026-06-01T09:00', '2026-06-01T11:00']);
  });

  it('stores an all-day, multi-day event with its last day inclusive', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ allDay: true, start: '2026-05-12', end: '2026-05-13' }));
    expect(event).toMatchObject({ allDay: true, start: '2026-05-12', end: '2026-05-13', startsAt: '2026-05-11T21:00:00Z', endsAt: '2026-05-13T21:00:00Z' });
  });

  it('defaults the organiser to the token organisation and new events to drafts', async () => {
    const { organisations: _organisations, status: _status, ...input } = workshop();
    const { event } = await createEvent(await bearerFor('posken'), input);
    expect([event.organisations, event.status]).toEqual([['posken'], 'draft']);
  });

  it('records the creation in the audit trail', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop());
    const row = await env.DB.prepare("SELECT action, token_id, before_json, after_json FROM audit_log WHERE entity_id = ?1").bind(event.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ action: 'create', before_json: null });
    expect(row!.token_id).toBeTypeOf('number');
    expect(JSON.parse(row!.after_json as string).title.fi).toBe('Yhteiskehittämisen työpaja');
  });
});

describe('drafts', () => {
  it('are hidden from lists and from readers without a token of an organiser', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ status: 'draft', start: '2026-10-07T09:00', end: '2026-10-07T10:00' }));
    expect(await listIds('from=2026-10-07&to=2026-10-08')).not.toContain(event.id);
    expect((await request(`/api/events/${event.id}`)).status).toBe(404);
    expect((await request(`/api/events/${event.id}`, { headers: { Authorization: await bearerFor('takuusaatio') } })).status).toBe(404);
    const asOrganiser = await request(`/api/events/${event.id}`, { headers: { Authorization: pohde } });
    expect(asOrganiser.status).toBe(200);
    expect(asOrganiser.headers.get('Cache-Control')).toContain('no-store');
  });
});

describe('editing with If-Match', () => {
  it('saves an edit with the current ETag and gives a new one', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Uusi nimi', sv: 'Nytt namn' } }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(200);
    const saved = (await response.json()) as Event;
    expect(saved.title).toEqual({ fi: 'Uusi nimi', sv: 'Nytt namn', en: null });
    expect(saved.networks).toEqual(['osallisuus']);
    expect(response.headers.get('ETag')).not.toBe(etag);
    // A new title alone does not make clients re-schedule.
    expect(saved.sequence).toBe(0);
  });

  it('grows the sequence when the time, the place or the status changes', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const moved = await jsonRequest('PATCH', `/api/events/${event.id}`, { start: '2026-10-06T10:00', end: '2026-10-06T13:00' }, { Authorization: pohde, 'If-Match': etag });
    expect(((await moved.json()) as Event).sequence).toBe(1);
    const elsewhere = await jsonRequest('PATCH', `/api/events/${event.id}`, { location: { place: 'Teams' } }, { Authorization: pohde, 'If-Match': moved.headers.get('ETag')! });
    expect(((await elsewhere.json()) as Event).sequence).toBe(2);
  });

  it('a stale If-Match gets 412 and changes nothing', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const first = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Ensimmäinen' } }, { Authorization: pohde, 'If-Match': etag });
    expect(first.status).toBe(200);
    const before = await rowCounts();
    const second = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Toinen' } }, { Authorization: pohde, 'If-Match': etag });
    expect(second.status).toBe(412);
    expect(second.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await rowCounts()).toEqual(before);
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).title.fi).toBe('Ensimmäinen');
  });

  it('a 412 says who saved meanwhile and when: the name to a signed-in organiser, no person\'s name to a token', async () => {
    const colleague = await sessionFor([{ organisation: 'pohde', role: 'organiser' }], 'Kaisa Kollega');
    const me = await sessionFor([{ organisation: 'pohde', role: 'organiser' }], 'Minä Itse');
    const created = await jsonRequest('POST', '/api/events', workshop({ organisations: ['pohde'] }), asBrowser(colleague.cookie));
    const { id } = (await created.json()) as Event;
    const etag = created.headers.get('ETag')!;
    const first = await jsonRequest('PATCH', `/api/events/${id}`, { title: { fi: 'Kaisan muutos' } }, asBrowser(colleague.cookie, { 'If-Match': etag }));
    expect(first.status).toBe(200);
    const { at } = (await env.DB.prepare("SELECT at FROM audit_log WHERE entity = 'event' AND entity_id = ?1 ORDER BY id DESC").bind(id).first<{ at: string }>())!;
    const stale = await jsonRequest('PATCH', `/api/events/${id}`, { title: { fi: 'Minun muutokseni' } }, asBrowser(me.cookie, { 'If-Match': etag }));
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Problem).lastChange).toEqual({ at, by: 'Kaisa Kollega' });
    const cancel = await jsonRequest('POST', `/api/events/${id}/cancel`, {}, asBrowser(me.cookie, { 'If-Match': etag }));
    expect(((await cancel.json()) as Problem).lastChange).toEqual({ at, by: 'Kaisa Kollega' });
    const byToken = await jsonRequest('PATCH', `/api/events/${id}`, { title: { fi: 'Integraatio' } }, { Authorization: await bearerFor('pohde'), 'If-Match': etag });
    expect(byToken.status).toBe(412);
    expect(((await byToken.json()) as Problem).lastChange).toEqual({ at, by: null });
  });

  it('a missing If-Match gets 428', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop());
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'X' } }, { Authorization: pohde });
    expect(response.status).toBe(428);
  });

  it('refuses to turn a published event back into a draft', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { status: 'draft' }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.[0]).toMatchObject({ field: 'status', rule: 'no-unpublish' });
  });

  it('an organiser of another organisation gets 403 and changes nothing', async () => {
    const { event, etag } = await createEvent(await bearerFor('pohde'), workshop());
    const before = await rowCounts();
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Kaappaus' } }, { Authorization: await bearerFor('takuusaatio'), 'If-Match': etag });
    expect(response.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an edit that would leave the writer out of the organisers', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { organisations: ['posken'] }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(403);
  });
});

describe('cancelling', () => {
  it('keeps the event, marks it cancelled with the reason, and grows the sequence', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ start: '2026-10-08T09:00', end: '2026-10-08T10:00' }));
    const response = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Kouluttaja sairastui' }, { Authorization: pohde });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Kouluttaja sairastui', sequence: 1 });
    const list = (await (await request('/api/events?from=2026-10-08&to=2026-10-09')).json()) as EventList;
    expect(list.items.find((item) => item.id === event.id)?.occurrence.status).toBe('cancelled');
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE entity_id = ?1 ORDER BY id").bind(event.id).all<{ action: string }>();
    expect(audit.results.map((row) => row.action)).toEqual(['create', 'cancel']);
  });

  it('takes the reason in Finnish, Swedish and English, and each feed and page language gets its own, the Finnish one otherwise', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ title: { fi: 'Kolmikielinen peruutus' }, start: '2026-10-09T09:00', end: '2026-10-09T10:00' }));
    const reason = { fi: 'Kouluttaja sairastui.', sv: 'Utbildaren insjuknade.', en: null };
    const response = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason }, { Authorization: pohde });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Kouluttaja sairastui.', cancelReasons: reason });
    const feed = async (path: string) => (await (await request(path)).text()).replaceAll('\r\n ', '');
    expect(await feed(`/events/${event.id}.ics?lang=sv`)).toContain('Utbildaren insjuknade.');
    expect(await feed(`/events/${event.id}.ics?lang=sv`)).not.toContain('Kouluttaja sairastui.');
    expect(await feed(`/events/${event.id}.ics?lang=fi`)).toContain('Kouluttaja sairastui.');
    expect(await feed(`/events/${event.id}.ics?lang=en`)).toContain('Kouluttaja sairastui.');
    // A later cancel without a reason keeps all three; one with a bare text replaces them with a Finnish one.
    const again = await jsonRequest('POST', `/api/events/${event.id}/cancel`, {}, { Authorization: pohde });
    expect(((await again.json()) as Event).cancelReasons).toEqual(reason);
    const plain = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Siirtyy.' }, { Authorization: pohde });
    expect(((await plain.json()) as Event).cancelReasons).toEqual({ fi: 'Siirtyy.', sv: null, en: null });
  });

  it('refuses a Swedish or English reason without the Finnish one, naming reason.fi, and changes nothing', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ start: '2026-10-09T11:00', end: '2026-10-09T12:00' }));
    const response = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: { sv: 'Inställt.' } }, { Authorization: pohde });
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string; rule: string }[] };
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'reason.fi', rule: 'required' }));
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).status).toBe('published');
  });

  it('a public event is revalidated on every read, so a cancel shows at once; an unchanged one is a 304', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ status: 'published', start: '2026-10-08T09:00', end: '2026-10-08T10:00' }));
    const before = await request(`/api/events/${event.id}`);
    expect(before.headers.get('Cache-Control')).toBe('public, no-cache');
    const etag = before.headers.get('ETag')!;
    expect((await request(`/api/events/${event.id}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Kouluttaja sairastui' }, { Authorization: pohde });
    const after = await request(`/api/events/${event.id}`, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: 'cancelled' });
  });

  it('a stale If-Match gets 412; a draft cannot be cancelled', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop());
    expect((await jsonRequest('POST', `/api/events/${event.id}/cancel`, {}, { Authorization: pohde, 'If-Match': '"old"' })).status).toBe(412);
    const { event: draft } = await createEvent(pohde, workshop({ status: 'draft' }));
    expect((await jsonRequest('POST', `/api/events/${draft.id}/cancel`, {}, { Authorization: pohde })).status).toBe(409);
  });

  it('someone else may not cancel it', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop());
    expect((await request(`/api/events/${event.id}/cancel`, { method: 'POST' })).status).toBe(401);
    expect((await request(`/api/events/${event.id}/cancel`, { method: 'POST', headers: { Authorization: await bearerFor('posken') } })).status).toBe(403);
  });
});

describe('tokens', () => {
  it.each([
    ['no token', undefined],
    ['a malformed header', 'Basic abc'],
    ['an unknown token', 'Bearer hyk_not-a-real-token'],
  ])('a write with %s gets 401 and writes nothing', async (_, authorization) => {
    const before = await rowCounts();
    const response = await jsonRequest('POST', '/api/events', workshop(), authorization ? { Authorization: authorization } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toContain('Bearer');
    expect(await rowCounts()).toEqual(before);
  });

  it('a revoked token gets 401', async () => {
    const authorization = await bearerFor('pohde', 'to be revoked');
    const { results } = await env.DB.prepare("SELECT id FROM api_tokens WHERE name = 'to be revoked'").all<{ id: number }>();
    for (const { id } of results) await revokeToken(env.DB, id, new Date().toISOString());
    expect((await jsonRequest('POST', '/api/events', workshop(), { Authorization: authorization })).status).toBe(401);
  });

  it('stores only a hash of the token', async () => {
    const authorization = await bearerFor('pohde', 'hash check');
    const row = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE name = 'hash check'").first<{ token_hash: string }>();
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(authorization).not.toContain(row!.token_hash);
  });

  it('an organiser may not create an event for organisations that are not theirs', async () => {
    const response = await jsonRequest('POST', '/api/events', workshop({ organisations: ['pohde'] }), { Authorization: await bearerFor('takuusaatio') });
    expect(response.status).toBe(403);
  });
});

describe('retrying a create', () => {
  it('with the same Idempotency-Key answers with the first event and makes no second one', async () => {
    const pohde = await bearerFor('pohde');
    const headers = { Authorization: pohde, 'Idempotency-Key': 'retry-1' };
    const first = await jsonRequest('POST', '/api/events', workshop({ title: { fi: 'Uudelleenyritys' } }), headers);
    const before = await rowCounts();
    const second = await jsonRequest('POST', '/api/events', workshop({ title: { fi: 'Uudelleenyritys' } }), headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await second.json()) as Event).id).toBe(((await first.json()) as Event).id);
    expect(await rowCounts()).toEqual(before);
  });

  it('makes one event when retries race', async () => {
    const pohde = await bearerFor('pohde');
    const before = (await rowCounts()).events!;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => jsonRequest('POST', '/api/events', workshop({ title: { fi: 'Kilpa' } }), { Authorization: pohde, 'Idempotency-Key': 'race-1' })),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Event).id)));
    expect(ids.size).toBe(1);
    expect((await rowCounts()).events).toBe(before + 1);
  });

  it('refuses the same key with another body, and keys are per token', async () => {
    const pohde = await bearerFor('pohde');
    await jsonRequest('POST', '/api/events', workshop(), { Authorization: pohde, 'Idempotency-Key': 'k-1' });
    const other = await jsonRequest('POST', '/api/events', workshop({ title: { fi: 'Toinen' } }), { Authorization: pohde, 'Idempotency-Key': 'k-1' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as Problem).errors?.[0]).toMatchObject({ field: 'Idempotency-Key', rule: 'reused' });
    const anotherToken = await jsonRequest('POST', '/api/events', workshop(), { Authorization: await bearerFor('pohde'), 'Idempotency-Key': 'k-1' });
    expect(anotherToken.headers.get('Idempotent-Replayed')).toBeNull();
    // Not visible ASCII, or too long (a non-ASCII key cannot be sent from here without the runtime warning about it).
    for (const key of ['two words', 'k'.repeat(201)]) {
      expect((await jsonRequest('POST', '/api/events', workshop(), { Authorization: pohde, 'Idempotency-Key': key })).status, key).toBe(400);
    }
  });
});
