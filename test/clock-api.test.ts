import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { AnnualClock, CouncilTermClock } from '../worker/shared/clock';
import type { Problem } from '../worker/shared/problems';
import { atTime, bearerFor, createEvent, jsonRequest, request, workshop } from './helpers';

describe('GET /api/clock', () => {
  it('is asked again on every use, so that an item just saved shows at once (it was cached for a minute)', async () => {
    for (const path of ['/api/clock', '/api/council-term']) {
      const response = await request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
    }
  });

  it("gives the regional clock's items of a year in rings, with spans, sources and linked events", async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: 'Tilannekuvaseminaari 2030' }, start: '2030-09-19T09:00', end: '2030-09-19T15:00', clockItem: 1 }));
    const response = await request('/api/clock?year=2030');
    expect(response.status).toBe(200);
    const body = (await response.json()) as AnnualClock;
    expect(body.clock).toMatchObject({ slug: 'pohjois-pohjanmaa', startMonth: 1 });
    expect(body.clock.rings.map((r) => r.slug)).toEqual(['kunnat', 'hyvinvointialue', 'maakunta', 'jarjestot']);
    const seminar = body.items.find((item) => item.id === 1)!;
    expect(seminar).toMatchObject({ ring: 'maakunta', span: { startMonth: 9, endMonth: 9 }, occurrences: [{ start: '2030-09-01', end: '2030-09-30' }] });
    expect(seminar.source).toContain('hyvinvointisopimus');
    expect(seminar.events.map((e) => e.id)).toEqual([event.id]);
    // The statutory cycle: every item names its source.
    expect(body.items.every((item) => item.source)).toBe(true);
    expect(body.items.map((item) => item.title.fi)).toEqual(expect.arrayContaining(['Tilinpäätös ja toimintakertomus', 'Talousarvion ja taloussuunnitelman valmistelu ja hyväksyminen', 'Hyvinvointialueen ja kuntien hyvinvointineuvottelut']));
  });

  it('keeps the school health survey to odd years, and shows an item that crosses New Year in both years', async () => {
    const odd = (await (await request('/api/clock?year=2027')).json()) as AnnualClock;
    const even = (await (await request('/api/clock?year=2028')).json()) as AnnualClock;
    const survey = (clock: AnnualClock) => clock.items.find((item) => item.title.fi.startsWith('Kouluterveyskysely'));
    expect(survey(odd)?.occurrences).toEqual([{ start: '2027-03-01', end: '2027-04-30' }]);
    expect(survey(even)).toBeUndefined();
    const grants = even.items.find((item) => item.title.fi.startsWith('Järjestöjen avustushaut'))!;
    expect(grants.occurrences).toEqual([{ start: '2027-10-01', end: '2028-01-31' }, { start: '2028-10-01', end: '2029-01-31' }]);
  });

  it('filters by ring, and names an unknown ring or clock', async () => {
    const body = (await (await request('/api/clock?year=2027&ring=hyvinvointialue')).json()) as AnnualClock;
    expect(new Set(body.items.map((item) => item.ring))).toEqual(new Set(['hyvinvointialue']));
    const unknown = await request('/api/clock?ring=ei-ole');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Problem).errors?.[0]?.field).toBe('ring');
    expect((await request('/api/clock?clock=ei-ole')).status).toBe(404);
    expect((await request('/api/clock?year=1990')).status).toBe(400);
  });
});

describe('GET /api/council-term', () => {
  it('gives the 2025–2029 term with its items by year of term', async () => {
    const body = (await (await request('/api/council-term?date=2026-11-23')).json()) as CouncilTermClock;
    expect(body.term).toMatchObject({ name: '2025–2029', start: '2025-06-01', end: '2029-05-31' });
    const broad = body.items.find((item) => item.title.fi.startsWith('Laaja hyvinvointikertomus'))!;
    expect(broad).toMatchObject({ termYears: { start: 1, end: 1 }, span: { start: '2025-06-01', end: '2026-05-31' } });
    expect(broad.source).toBe('Vakiintunut käytäntö');
    const review = body.items.find((item) => item.title.fi.startsWith('Hyvinvointisuunnitelman väliarvio'))!;
    expect(review.span).toEqual({ start: '2026-06-01', end: '2028-05-31' });
    expect((await (await request('/api/council-term?date=2030-01-01')).json()) as CouncilTermClock).toMatchObject({ term: { name: '2029–2033' } });
  });
});

describe('GET /clock.ics', () => {
  it('gives the items of the year and the next as all-day events that parsers read', async () => {
    const response = await request('/clock.ics?year=2027');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Hytekello — Pohjois-Pohjanmaan hyvinvointityön vuosikello');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const statements = events.filter((e) => e.summary === 'Tilinpäätös ja toimintakertomus');
    expect(statements.map((e) => [e.startDate.toString(), e.endDate.toString()])).toEqual([
      ['2027-02-01', '2027-07-01'],
      ['2028-02-01', '2028-07-01'],
    ]);
    expect(statements[0]!.description).toContain('Lähde: Vakiintunut käytäntö');
    expect(events.filter((e) => e.summary.startsWith('Kouluterveyskysely')).map((e) => e.startDate.toString())).toEqual(['2027-03-01']);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect((await request('/clock.ics?year=2027', { headers: { 'If-None-Match': response.headers.get('ETag')! } })).status).toBe(304);
  });
});

describe('validators of /clock.ics', () => {
  /** DTSTAMP of every VEVENT, by UID. */
  const stamps = (text: string) => new Map([...text.matchAll(/^UID:(.*)\r\nSEQUENCE:.*\r\nDTSTAMP:(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

  it('has Last-Modified and 304s like the event feeds, and neither they nor the DTSTAMPs change with event writes', async () => {
    const pohde = await bearerFor('pohde');
    // The migrations have just recorded a change of the regional clock; a date answers 304 once its change is a second old.
    const changedAt = Date.parse((await env.DB.prepare("SELECT changed_at FROM feed_versions WHERE kind = 'clock'").first<string>('changed_at'))!);
    // The worker's clock is moved on to that second instead of waiting for it.
    const { etag, before } = await atTime(Math.max(Date.now(), changedAt + 1000), async () => {
      const first = await request('/clock.ics?year=2031');
      const etag = first.headers.get('ETag')!;
      const date = first.headers.get('Last-Modified')!;
      expect(Date.parse(date)).not.toBeNaN();
      const before = stamps(await first.text());
      expect(before.size).toBeGreaterThan(5);
      expect((await request('/clock.ics?year=2031', { headers: { 'If-Modified-Since': date } })).status).toBe(304);
      await createEvent(pohde, workshop({ title: { fi: 'Ei koske vuosikelloa' } }));
      expect((await request('/clock.ics?year=2031', { headers: { 'If-None-Match': etag } })).status).toBe(304);
      expect((await request('/clock.ics?year=2031', { headers: { 'If-Modified-Since': date } })).status).toBe(304);
      expect(stamps(await (await request('/clock.ics?year=2031')).text())).toEqual(before);
      return { etag, before };
    });

    // A clock item written: the ETag changes, and only that item's DTSTAMP, to the time it was written.
    const created = await jsonRequest('POST', '/api/clock/items', { ring: 'hyvinvointialue', kind: 'annual', title: { fi: 'Uusi kellon kohta' }, span: { startMonth: 3, endMonth: 3 } }, { Authorization: pohde });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const updatedAt = (await env.DB.prepare('SELECT updated_at FROM clock_items WHERE id = ?1').bind(id).first<string>('updated_at'))!;
    const changed = await request('/clock.ics?year=2031', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    const after = stamps(await changed.text());
    const added = [...after].filter(([uid]) => uid.startsWith(`clock-${id}-`));
    expect(added.length).toBeGreaterThan(0);
    expect(added[0]![1]).toBe(updatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z'));
    for (const [uid, stamp] of before) expect(after.get(uid), uid).toBe(stamp);
  });
});

describe('events of a clock item', () => {
  it('are those of the year shown', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: 'Foorumi 2033' }, start: '2033-11-10T09:00', end: '2033-11-10T15:00', clockItem: 2 }));
    const forum = (clock: AnnualClock) => clock.items.find((item) => item.id === 2)!;
    expect(forum((await (await request('/api/clock?year=2033')).json()) as AnnualClock).events.map((e) => e.id)).toContain(event.id);
    expect(forum((await (await request('/api/clock?year=2034')).json()) as AnnualClock).events.map((e) => e.id)).not.toContain(event.id);
    expect((await request('/api/council-term?date=2026-02-30')).status).toBe(400);
  });
});
