/**
 * Concurrency: racing edits of one version, and creates, cancels and feed
 * reads at the same time. No lost update, no silent overwrite, and every
 * feed is one consistent snapshot.
 */
import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Event } from '../worker/shared/events';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, sessionFor, workshop } from './helpers';

describe('racing edits', () => {
  it('of the same version: exactly one wins, the rest get 412, the stored event is the winner, the audit trail has one change', async () => {
    const authorization = await bearerFor('pohde');
    const { event, etag } = await createEvent(authorization, workshop({ title: { fi: 'Alkuperäinen' } }));
    const editors = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => sessionFor([{ organisation: 'pohde', role: 'organiser' }])));
    const responses = await Promise.all(
      editors.map((editor, i) => jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: `Muokkaus ${i}` } }, asBrowser(editor.cookie, { 'If-Match': etag }))),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(editors.length - 1);
    const winner = (await responses[statuses.indexOf(200)]!.json()) as Event;
    const stored = (await (await request(`/api/events/${event.id}`)).json()) as Event;
    expect(stored.title.fi).toBe(winner.title.fi);
    const updates = await env.DB.prepare("SELECT person_id, after_json FROM audit_log WHERE entity = 'event' AND entity_id = ?1 AND action = 'update'").bind(event.id).all<{ person_id: number; after_json: string }>();
    expect(updates.results).toHaveLength(1);
    expect(JSON.parse(updates.results[0]!.after_json).title.fi).toBe(winner.title.fi);
    expect(updates.results[0]!.person_id).toBe(editors[statuses.indexOf(200)]!.personId);
  });

  it('a cancel racing an edit of the same version: one of them, never both', async () => {
    const authorization = await bearerFor('pohde');
    const { event, etag } = await createEvent(authorization, workshop());
    const [edit, cancel] = await Promise.all([
      jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Kilpaileva muokkaus' } }, { Authorization: authorization, 'If-Match': etag }),
      jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Kilpaileva peruutus' }, { Authorization: authorization, 'If-Match': etag }),
    ]);
    expect([edit.status, cancel.status].sort()).toEqual([200, 412]);
    const stored = (await (await request(`/api/events/${event.id}`)).json()) as Event;
    if (edit.status === 200) expect(stored).toMatchObject({ status: 'published', title: { fi: 'Kilpaileva muokkaus' } });
    else expect(stored).toMatchObject({ status: 'cancelled', cancelReason: 'Kilpaileva peruutus', title: { fi: event.title.fi } });
  });
});

describe('creates, cancels and feed reads at once', () => {
  it('lose nothing, and every feed read is a consistent snapshot', async () => {
    const authorization = await bearerFor('posken');
    const marker = `Rinnakkain ${Date.now()}`;
    const existing = await Promise.all([0, 1, 2, 3, 4].map((i) => createEvent(authorization, workshop({ organisations: ['posken'], title: { fi: `${marker} peruttava ${i}` }, start: '2031-05-0' + (i + 1) + 'T09:00', end: '2031-05-0' + (i + 1) + 'T10:00' }))));
    const work: Promise<Response>[] = [];
    for (let i = 0; i < 10; i++) {
      work.push(jsonRequest('POST', '/api/events', workshop({ organisations: ['posken'], title: { fi: `${marker} uusi ${i}` }, start: '2031-06-10T09:00', end: '2031-06-10T10:00' }), { Authorization: authorization }));
    }
    for (const { event } of existing) work.push(jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Rinnakkainen peruutus' }, { Authorization: authorization }));
    const feeds: Promise<Response>[] = [];
    for (let i = 0; i < 10; i++) feeds.push(request('/calendar.ics?organisation=posken'));
    const [writes, reads] = await Promise.all([Promise.all(work), Promise.all(feeds)]);
    expect(writes.map((r) => r.status)).toEqual([...Array(10).fill(201), ...Array(5).fill(200)]);

    for (const read of reads) {
      expect(read.status).toBe(200);
      const vevents = new ICAL.Component(ICAL.parse(await read.text())).getAllSubcomponents('vevent');
      const ours = vevents.filter((v) => String(v.getFirstPropertyValue('summary')).includes(marker));
      // Each event is wholly one version: cancelled ones carry their reason and a higher SEQUENCE.
      for (const vevent of ours) {
        const cancelled = vevent.getFirstPropertyValue('status') === 'CANCELLED';
        expect(Number(vevent.getFirstPropertyValue('sequence')) > 0).toBe(cancelled);
      }
      expect(new Set(ours.map((v) => v.getFirstPropertyValue('uid'))).size).toBe(ours.length);
    }

    const final = await (await request('/calendar.ics?organisation=posken')).text();
    const finalEvents = new ICAL.Component(ICAL.parse(final)).getAllSubcomponents('vevent').filter((v) => String(v.getFirstPropertyValue('summary')).includes(marker));
    expect(finalEvents).toHaveLength(15);
    expect(finalEvents.filter((v) => v.getFirstPropertyValue('status') === 'CANCELLED')).toHaveLength(5);
  });
});

describe('the last two administrators', () => {
  it('demoting each other at once: one of them stays an administrator, the other demotion gets 409', async () => {
    const first = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const second = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    // Only these two are administrators; the others of the demo data become organisers.
    await env.DB.prepare("UPDATE memberships SET role = 'organiser' WHERE role = 'administrator' AND person_id NOT IN (?1, ?2)").bind(first.personId, second.personId).run();
    const demote = [{ organisation: 'pohde', role: 'organiser' }];
    const responses = await Promise.all([
      jsonRequest('PUT', `/api/admin/people/${second.personId}/memberships`, demote, asBrowser(first.cookie)),
      jsonRequest('PUT', `/api/admin/people/${first.personId}/memberships`, demote, asBrowser(second.cookie)),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    expect(((await refused.json()) as { type: string }).type).toContain('last-administrator');
    const left = await env.DB.prepare("SELECT count(DISTINCT person_id) AS n FROM memberships WHERE role = 'administrator'").first<{ n: number }>();
    expect(left!.n).toBe(1);
  });

  it('erasing each other at once: one of them stays', async () => {
    const first = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const second = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    await env.DB.prepare("UPDATE memberships SET role = 'organiser' WHERE role = 'administrator' AND person_id NOT IN (?1, ?2)").bind(first.personId, second.personId).run();
    const responses = await Promise.all([
      request(`/api/admin/people/${second.personId}`, { method: 'DELETE', headers: asBrowser(first.cookie) }),
      request(`/api/admin/people/${first.personId}`, { method: 'DELETE', headers: asBrowser(second.cookie) }),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const left = await env.DB.prepare("SELECT count(DISTINCT person_id) AS n FROM memberships WHERE role = 'administrator'").first<{ n: number }>();
    expect(left!.n).toBe(1);
  });
});
