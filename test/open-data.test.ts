/** Open data: incremental sync with updated_since, and RSS, Atom and JSON Feed of upcoming events. */
import { escapeHtml } from '../worker/domain/markup';
import { describe, expect, it } from 'vitest';
import type { EventList } from '../worker/shared/events';
import { atTime, bearerFor, createEvent, jsonRequest, request, workshop } from './helpers';

describe('GET /api/events?updated_since', () => {
  it('lists events changed since then, each once, oldest change first, cancelled ones too, never drafts or members-only ones', async () => {
    const authorization = await bearerFor('takuusaatio');
    const marker = `Synkka ${Date.now()}`;
    // Each change at a time of its own, a second apart: `since` lies after the first write and before the others, and the cancellation is the newest change.
    const start = Date.now();
    const old = await atTime(start, () => createEvent(authorization, workshop({ organisations: ['takuusaatio'], title: { fi: `${marker} vanha` } })));
    const since = new Date(start + 1000).toISOString();
    const series = await atTime(start + 2000, async () => {
      const series = await createEvent(authorization, workshop({ organisations: ['takuusaatio'], title: { fi: `${marker} sarja` }, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=10' }, start: '2040-01-03T09:00', end: '2040-01-03T10:00' }));
      await createEvent(authorization, workshop({ organisations: ['takuusaatio'], status: 'draft', title: { fi: `${marker} luonnos` } }));
      await createEvent(authorization, workshop({ organisations: ['takuusaatio'], visibility: 'members', title: { fi: `${marker} jäsenille` } }));
      return series;
    });
    await atTime(start + 3000, () => jsonRequest('POST', `/api/events/${old.event.id}/cancel`, { reason: 'Siirtyy' }, { Authorization: authorization }));

    const response = await request(`/api/events?updated_since=${encodeURIComponent(since)}&organisation=takuusaatio`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as EventList;
    const ours = list.items.filter((e) => e.title.fi.startsWith(marker));
    expect(ours.map((e) => e.title.fi)).toEqual([`${marker} sarja`, `${marker} vanha`]);
    expect(ours[0]!.occurrence.start).toBe('2040-01-03T09:00:00+02:00');
    expect(ours[1]).toMatchObject({ status: 'cancelled', cancelReason: 'Siirtyy' });
    expect(list.from).toBeNull();
    expect(series.event.id).toBe(ours[0]!.id);
  });

  it('pages with a cursor without losing or repeating an event', async () => {
    const authorization = await bearerFor('aluehallintovirasto');
    const since = new Date().toISOString();
    const ids: string[] = [];
    // A second apart, so that change order is creation order (events changed in the same millisecond go by id).
    const start = Date.now();
    for (let i = 0; i < 5; i++) ids.push((await atTime(start + i * 1000, () => createEvent(authorization, workshop({ organisations: ['aluehallintovirasto'], title: { fi: `Sivutus ${i}` } })))).event.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await request(`/api/events?updated_since=${since}&organisation=aluehallintovirasto&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as EventList;
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('names the parameter of a bad time or cursor', async () => {
    const bad = await request('/api/events?updated_since=eilen');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'updated_since' }] });
    const cursor = await request('/api/events?updated_since=2026-01-01&cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(await cursor.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });
});

describe('RSS, Atom and JSON Feed', () => {
  async function upcoming() {
    const authorization = await bearerFor('kalajoen-kaupunki');
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const title = `Kalajoen <ilta> & "keskustelu" ${Date.now()}`;
    const { event } = await createEvent(authorization, workshop({ organisations: ['kalajoen-kaupunki'], title: { fi: title, sv: 'Kvällsdiskussion' }, start: `${soon}T17:00`, end: `${soon}T19:00` }));
    return { event, title };
  }

  it('are built once per data version and hour, and built again after a write', async () => {
    const first = await upcoming();
    const path = '/feed.rss?organisation=kalajoen-kaupunki';
    const a = await request(path);
    const b = await request(path);
    expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
    const textA = await a.text();
    expect(await b.text()).toBe(textA);
    expect(textA).toContain(escapeHtml(first.title));
    const second = await upcoming();
    const c = await request(path);
    expect(c.headers.get('ETag')).not.toBe(a.headers.get('ETag'));
    expect(await c.text()).toContain(escapeHtml(second.title));
  });

  it('JSON Feed lists upcoming events with links to their pages, with the same filters as the calendar feed', async () => {
    const { event, title } = await upcoming();
    const response = await request('/feed.json?organisation=kalajoen-kaupunki');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/feed+json; charset=utf-8');
    const feed = (await response.json()) as { version: string; title: string; items: { id: string; title: string; url: string; summary: string; content_html: string; date_modified: string }[] };
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/);
    const item = feed.items.find((i) => i.title === title);
    expect(item).toMatchObject({ url: `https://hytekello.test/events/${event.id}` });
    expect(item!.summary).toMatch(/17\.00–19\.00/);
    // Text becomes escaped HTML: nothing an organiser types turns into markup in a reader.
    expect(item!.content_html).toMatch(/^<p>.*17\.00–19\.00.*<\/p><p>HOP-hankkeen työpaja/);
    const other = (await (await request('/feed.json?organisation=posken')).json()) as { items: { title: string }[] };
    expect(other.items.some((i) => i.title === title)).toBe(false);
  });

  it('RSS and Atom are well-formed XML with the text escaped, in the language asked for', async () => {
    const { event, title } = await upcoming();
    const rss = await request('/feed.rss?organisation=kalajoen-kaupunki');
    expect(rss.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
    const rssText = await rss.text();
    expect(rssText).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/);
    // Text is character data: escaped HTML in titles (readers render RSS titles as HTML), escaped in HTML content.
    expect(rssText).toContain(`<title><![CDATA[${escapeHtml(title)}]]></title>`);
    expect(rssText.replace(/<title><!\[CDATA\[.*?\]\]><\/title>/gs, '')).not.toContain('<ilta>');
    expect(rssText).toContain(`https://hytekello.test/events/${event.id}`);
    const atom = await (await request('/feed.atom?organisation=kalajoen-kaupunki&lang=sv')).text();
    expect(atom).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(atom).toContain('Kvällsdiskussion');
    expect(atom).toContain(`https://hytekello.test/events/${event.id}?lang=sv`);
    expect(title).toContain('<ilta>');
  });

  it('answer 304 to a repeated poll and a problem to a bad filter', async () => {
    const first = await request('/feed.rss');
    const again = await request('/feed.rss', { headers: { 'If-None-Match': first.headers.get('ETag')! } });
    expect(again.status).toBe(304);
    const bad = await request('/feed.atom?network=ei-ole');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
  });
});
