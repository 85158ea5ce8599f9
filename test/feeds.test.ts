import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { listFeedEntries, listPublicEvents, withoutRevision } from '../worker/db/events';
import { calendarOf } from '../worker/domain/ical';
import { FEED_END, feedKey, feedName, feedParts, feedSelection, feedWindowStart, lastModified, notModifiedSince, staleEntries, termNames } from '../worker/domain/feeds';
import { formatInstant, nowInstant } from '../worker/domain/time';
import { gunzip, gzip } from '../worker/platform/gzip';
import { edgeCopy, encodeParts, keepFeed, lastBuiltFeed } from '../worker/platform/feed-cache';
import type { Problem } from '../worker/shared/problems';
import { app } from '../worker/index';
import { atTime, bearerFor, createEvent, jsonRequest, request, settledRequest, workshop } from './helpers';

/** The VEVENTs of a feed as ical.js reads them. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

const byUid = (events: ICAL.Event[], id: string) => events.filter((e) => e.uid.startsWith(`${id}@`));

// Feeds reach 365 days back: events the tests look for in a feed lie in the future.
const FUTURE = { start: '2032-10-06T09:00', end: '2032-10-06T12:00' };

describe('GET /calendar.ics', () => {
  it('is a well-formed iCalendar feed with the calendar properties clients need', async () => {
    await createEvent(await bearerFor('pohde'), workshop(FUTURE));
    const response = await request('/calendar.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('inline; filename="hytekello.ics"');
    expect(response.headers.get('ETag')).toMatch(/^"feed\d+-\d+\.\d+-\d{4}-\d{2}-\d{2}"$/);
    expect(Date.parse(response.headers.get('Last-Modified')!)).not.toBeNaN();
    const text = await response.text();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const encoder = new TextEncoder();
    expect(text.split('\r\n').every((line) => encoder.encode(line).length <= 75)).toBe(true);
    const head = text.slice(0, text.indexOf('BEGIN:VEVENT'));
    // No METHOD: METHOD:PUBLISH would require an ORGANIZER in every event (RFC 5546 3.2.1).
    expect(head).not.toContain('METHOD:');
    for (const property of ['VERSION:2.0', 'PRODID:', 'NAME:Hytekello — kaikki tapahtumat', 'X-WR-CALNAME:Hytekello — kaikki tapahtumat', 'X-WR-TIMEZONE:Europe/Helsinki', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H', 'BEGIN:VTIMEZONE', 'TZID:Europe/Helsinki']) {
      expect(head).toContain(property);
    }
  });

  it('shows a time-zoned event at its local time, with a stable UID and the details clients drop', async () => {
    const { event } = await createEvent(
      await bearerFor('pohde'),
      workshop({
        title: { fi: 'Kesäinen työpaja; pilkku, ja rivi' },
        start: '2032-06-15T09:00',
        end: '2032-06-15T12:00',
        onlineUrl: 'https://teams.example/kesa',
        registration: { url: 'https://pohde.fi/ilmo', deadline: '2032-06-01T16:00' },
        contact: { name: 'Maire', email: 'maire@pohde.fi' },
      }),
    );
    const text = await (await request('/calendar.ics')).text();
    expect(text).toContain(`UID:${event.id}@hytekello\r\n`);
    expect(text).toContain('DTSTART;TZID=Europe/Helsinki:20320615T090000');
    expect(text).toContain('SUMMARY:Kesäinen työpaja\\; pilkku\\, ja rivi');
    const [vevent] = byUid(parse(text).events, event.id);
    expect(vevent!.startDate.toJSDate().toISOString()).toBe('2032-06-15T06:00:00.000Z');
    expect(vevent!.location).toBe('Kaupungintalo, Torikatu 10, Oulu');
    expect(vevent!.description).toContain('Osallistu verkossa: https://teams.example/kesa');
    expect(vevent!.description).toContain('Ilmoittautuminen: https://pohde.fi/ilmo (viimeistään 1.6.2032 klo 16.00)');
    expect(vevent!.description).toContain('Järjestäjä: Pohjois-Pohjanmaan hyvinvointialue (Pohde)');
    expect(vevent!.description).toContain(`Tapahtuman sivu: https://hytekello.test/events/${event.id}`);
    expect(vevent!.component.getFirstPropertyValue('url')).toBe(`https://hytekello.test/events/${event.id}`);
    expect(vevent!.component.getFirstProperty('categories')!.getValues()).toEqual(['Työpaja', 'Osallisuuden ja kehittäjäasiakkaiden verkosto']);
    expect(vevent!.organizer).toBe('mailto:maire@pohde.fi');
  });

  it('never carries drafts', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ status: 'draft' }));
    expect(await (await request('/calendar.ics')).text()).not.toContain(`UID:${event.id}@`);
  });

  it('filters like /api/events and names the feed after what it holds', async () => {
    const pohde = await bearerFor('pohde');
    const culture = (await createEvent(pohde, workshop({ ...FUTURE, networks: ['kulttuurihyvinvointi'] }))).event;
    const other = (await createEvent(pohde, workshop({ ...FUTURE, networks: ['sote-johtajat'] }))).event;
    const response = await request('/calendar.ics?network=kulttuurihyvinvointi');
    const text = await response.text();
    expect(text).toContain(`UID:${culture.id}@`);
    expect(text).not.toContain(`UID:${other.id}@`);
    expect(text).toContain('X-WR-CALNAME:Hytekello — Kulttuurihyvinvointiverkosto');
    expect(response.headers.get('Content-Disposition')).toContain('hytekello-kulttuurihyvinvointi.ics');
    const swedish = await (await request('/calendar.ics?network=kulttuurihyvinvointi&lang=sv')).text();
    expect(swedish).toContain('X-WR-CALNAME:Hytekello — Nätverket för kulturell välfärd');
  });

  it('answers an unknown filter with a problem naming it', async () => {
    const response = await request('/calendar.ics?network=ei-ole');
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors?.[0]).toMatchObject({ field: 'network', rule: 'exists' });
    expect((await request('/calendar.ics?lang=de')).status).toBe(400);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and a write to the feed changes the ETag', async () => {
    const pohde = await bearerFor('pohde');
    // A network no other test writes to: its feed last changed when the window moved, long ago.
    const path = '/calendar.ics?network=sivistysjohtajat';
    const first = await request(path);
    const etag = first.headers.get('ETag')!;
    expect((await request(path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await request(path, { headers: { 'If-Modified-Since': first.headers.get('Last-Modified')! } })).status).toBe(304);
    await createEvent(pohde, workshop({ ...FUTURE, networks: ['sivistysjohtajat'] }));
    const changed = await request(path, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect((await request(path, { headers: { 'If-Modified-Since': first.headers.get('Last-Modified')! } })).status).toBe(200);
  });

  it('never lets If-Modified-Since miss the second of two writes in one second: a date answers 304 only once its version is a second old', async () => {
    const pohde = await bearerFor('pohde');
    const path = '/calendar.ics?network=mielen-hyvinvointi';
    await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Ensimmäinen kirjoitus' }, networks: ['mielen-hyvinvointi'] }));
    const afterFirst = await request(path);
    expect(await afterFirst.text()).toContain('Ensimmäinen kirjoitus');
    const firstDate = afterFirst.headers.get('Last-Modified')!;
    // The second write, most likely within the same second as the first and as the answer.
    await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Toinen kirjoitus' }, networks: ['mielen-hyvinvointi'] }));
    const polled = await request(path, { headers: { 'If-Modified-Since': firstDate } });
    expect(polled.status).toBe(200);
    expect(await polled.text()).toContain('Toinen kirjoitus');
    // A second later the date is settled, and sending it back is a 304: the worker's clock is moved on instead of waiting.
    await atTime(Date.now() + 1100, async () => {
      const settled = await request(path);
      expect(Date.parse(settled.headers.get('Last-Modified')!)).toBeGreaterThan(Date.parse(polled.headers.get('Last-Modified')!) - 1);
      expect((await request(path, { headers: { 'If-Modified-Since': settled.headers.get('Last-Modified')! } })).status).toBe(304);
    });
  });

  it('changes the ETag only of feeds a write can change: a write in one network leaves the feeds of other networks on 304', async () => {
    const pohde = await bearerFor('pohde');
    const feeds = ['/calendar.ics?network=sote-johtajat', '/calendar.ics?network=kulttuurihyvinvointi&type=tyopaja', '/calendar.ics?municipality=raahe', '/calendar.ics?network=osallisuus&lang=sv&cancelled=mark'];
    const written = '/calendar.ics?network=sote-johtajat&municipality=oulu';
    const etags = new Map<string, string>();
    for (const path of [...feeds, written]) etags.set(path, (await request(path)).headers.get('ETag')!);
    // In sote-johtajat and Oulu, by Pohde: not in the culture network, nor in Raahe, nor in osallisuus.
    const { event } = await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Vain johtajille' }, networks: ['sote-johtajat'], municipalities: ['oulu'] }));
    const status = async (path: string) => (await request(path, { headers: { 'If-None-Match': etags.get(path)! } })).status;
    expect(await status('/calendar.ics?network=kulttuurihyvinvointi&type=tyopaja')).toBe(304);
    expect(await status('/calendar.ics?municipality=raahe')).toBe(304);
    expect(await status('/calendar.ics?network=osallisuus&lang=sv&cancelled=mark')).toBe(304);
    expect(await status('/calendar.ics?network=sote-johtajat')).toBe(200);
    const changed = await request(written, { headers: { 'If-None-Match': etags.get(written)! } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain(`UID:${event.id}@`);
    // Moving the event out of a feed changes that feed too (the state before counts).
    const before = (await request('/calendar.ics?network=sote-johtajat')).headers.get('ETag')!;
    const culture = (await request('/calendar.ics?network=kulttuurihyvinvointi&type=tyopaja')).headers.get('ETag')!;
    const found = await request(`/api/events/${event.id}`);
    await jsonRequest('PATCH', `/api/events/${event.id}`, { networks: ['kulttuurihyvinvointi'] }, { Authorization: pohde, 'If-Match': found.headers.get('ETag')! });
    expect((await request('/calendar.ics?network=sote-johtajat', { headers: { 'If-None-Match': before } })).status).toBe(200);
    expect((await request('/calendar.ics?network=kulttuurihyvinvointi&type=tyopaja', { headers: { 'If-None-Match': culture } })).status).toBe(200);
    // A draft is in no feed: writing one changes no feed.
    const all = (await request('/calendar.ics')).headers.get('ETag')!;
    await createEvent(pohde, workshop({ ...FUTURE, status: 'draft' }));
    expect((await request('/calendar.ics', { headers: { 'If-None-Match': all } })).status).toBe(304);
  });

  it('is built from the VEVENT texts stored in D1 as it would be written from scratch', async () => {
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, networks: ['elintapaohjaus'], title: { fi: 'Tallennetuista' } }));
    // The texts are stored after the response (waitUntil), which settledRequest waits for.
    const response = await settledRequest('/calendar.ics?network=elintapaohjaus');
    const body = await response.text();
    const filter = { from: formatInstant(feedWindowStart(nowInstant())), to: FEED_END, networks: ['elintapaohjaus'], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
    const names = termNames(await (await request('/api/taxonomy')).json());
    const options = { name: feedName(feedSelection({ network: 'elintapaohjaus' }), names), language: 'fi' as const, origin: 'https://hytekello.test', uidDomain: 'hytekello', names };
    const entries = await listFeedEntries(env.DB, filter, 'fi');
    expect(entries.length).toBeGreaterThan(0);
    expect(staleEntries(entries, options)).toEqual([]);
    // An isolate that has built nothing: every text comes from D1, none is written.
    const fromStored = feedParts(entries, [], options);
    expect(fromStored.built).toEqual([]);
    const events = (await listPublicEvents(env.DB, { ...filter, match: null })).map(withoutRevision);
    expect(fromStored.parts.join('')).toBe(body);
    const withoutStamps = (text: string) => text.replace(/^DTSTAMP:.*\r\n/gm, '');
    expect(withoutStamps(fromStored.parts.join(''))).toBe(withoutStamps(calendarOf(events, options)));
  });

  it('rebuilt after a write, reads and encodes only the texts this isolate has not encoded before, and is the same feed', async () => {
    const pohde = await bearerFor('pohde');
    const path = '/calendar.ics?network=sivistysjohtajat&lang=en';
    for (const day of ['06', '07', '08']) await createEvent(pohde, workshop({ start: `2032-11-${day}T09:00`, end: `2032-11-${day}T10:00`, networks: ['sivistysjohtajat'], title: { fi: `Ennen ${day}`, en: `Before ${day}` } }));
    await settledRequest(path);
    const { event } = await createEvent(pohde, workshop({ start: '2032-11-09T09:00', end: '2032-11-09T10:00', networks: ['sivistysjohtajat'], title: { fi: 'Uusi', en: 'New' } }));
    // The feed's statement, through a binding that keeps its answer.
    const answers: { id: string; text: string | null }[][] = [];
    const real = new WeakMap<object, D1PreparedStatement>();
    const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
      const wrapped = {
        bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
        all: async () => {
          const result = await statement.all<{ id: string; text: string | null }>();
          if (sql.includes('LEFT JOIN event_components')) answers.push(result.results);
          return result;
        },
        first: (column?: string) => (column === undefined ? statement.first() : statement.first(column)),
        run: () => statement.run(),
      } as unknown as D1PreparedStatement;
      real.set(wrapped, statement);
      return wrapped;
    };
    const db = {
      prepare: (sql: string) => wrap(env.DB.prepare(sql), sql),
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements.map((st) => real.get(st) ?? st)),
      withSession: () => db,
      getBookmark: () => null,
    } as unknown as D1Database;
    const ctx = createExecutionContext();
    const response = await app.request(`https://hytekello.test${path}`, {}, { ...env, DB: db }, ctx);
    const body = await response.text();
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    expect(answers).toHaveLength(1);
    const ids = answers[0]!.map((row) => row.id);
    expect(ids).toContain(event.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    // No event's text came from D1: the three were kept encoded from the first build, the new one has none yet.
    expect(answers[0]!.filter((row) => row.text !== null)).toEqual([]);
    expect(body).toContain('SUMMARY:New');
    // An isolate that has encoded nothing builds the same feed from D1's texts.
    const filter = { from: formatInstant(feedWindowStart(nowInstant())), to: FEED_END, networks: ['sivistysjohtajat'], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
    const names = termNames(await (await request('/api/taxonomy')).json());
    const options = { name: feedName(feedSelection({ network: 'sivistysjohtajat', lang: 'en' }), names), language: 'en' as const, origin: 'https://hytekello.test', uidDomain: 'hytekello', names };
    const entries = await listFeedEntries(env.DB, filter, 'en');
    expect(staleEntries(entries, options)).toEqual([]);
    expect(feedParts(entries, [], options).parts.join('')).toBe(body);
  });

  it("keeps each event's VEVENT text in D1 per language, for isolates that have not written it", async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Tallennettu', sv: 'Sparad' } }));
    // The D1 write finishes after the response (waitUntil), which settledRequest waits for.
    const body = await (await settledRequest('/calendar.ics?lang=sv')).text();
    const filter = { from: '2032-01-01T00:00:00Z', to: FEED_END, networks: [], types: [], municipalities: [], organisations: [], includeMembersOnly: false };
    const stored = (await listFeedEntries(env.DB, filter, 'sv')).find((entry) => entry.id === event.id)?.stored ?? null;
    expect(stored!.text).toContain('SUMMARY:Sparad');
    expect(body).toContain(stored!.text);
    expect(stored!.context.startsWith(`${event.updatedAt}|`)).toBe(true);
    // Not the Finnish one.
    expect((await listFeedEntries(env.DB, filter, 'fi')).find((entry) => entry.id === event.id)?.stored?.text ?? '').not.toContain('Sparad');
  });

  it('uses a stored VEVENT text only for the event version and context it was written for', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, title: { fi: 'Uusi versio' } }));
    const names = { eventTypes: new Map(), networks: new Map(), organisations: new Map(), municipalities: new Map() };
    const options = { name: 'Testi', language: 'fi' as const, origin: 'https://stale.test', uidDomain: 'hytekello', names };
    const entry = { id: event.id, updatedAt: event.updatedAt, timeZone: event.timeZone, allDay: event.allDay };
    const old = { context: `2000-01-01T00:00:00.000Z|https://stale.test|hytekello|x`, text: 'BEGIN:VEVENT\r\nSUMMARY:Vanha\r\nEND:VEVENT\r\n' };
    expect(staleEntries([{ ...entry, stored: null }], options)).toEqual([event.id]);
    expect(staleEntries([{ ...entry, stored: old }], options)).toEqual([event.id]);
    const { parts, built } = feedParts([{ ...entry, stored: old }], [event], options);
    expect(parts.join('')).toContain('SUMMARY:Uusi versio');
    expect(parts.join('')).not.toContain('Vanha');
    expect(built.map((b) => b.eventId)).toEqual([event.id]);
    // The text written now fits the next build.
    expect(staleEntries([{ ...entry, stored: built[0]! }], options)).toEqual([]);
  });

  it("keeps built bodies in the isolate's memory within a byte budget, dropping the least recently used", async () => {
    const big = () => new Uint8Array(20 * 1024 * 1024);
    await keepFeed('budget-a', 'e1', big(), null);
    await keepFeed('budget-small', 'e1', new Uint8Array(10), null);
    expect(lastBuiltFeed('budget-a')?.etag).toBe('e1');
    await keepFeed('budget-b', 'e1', big(), null);
    // 40 MiB is over the budget: the oldest big body goes, the newer ones stay.
    expect(lastBuiltFeed('budget-a')).toBeNull();
    expect(lastBuiltFeed('budget-small')?.etag).toBe('e1');
    expect(lastBuiltFeed('budget-b')?.etag).toBe('e1');
  });

  it('keeps a public feed at the edge under its ETag, so a write is never answered from an older copy', async () => {
    const pohde = await bearerFor('pohde');
    const origin = 'https://hytekello.test';
    const key = feedKey(feedSelection({ network: 'taloudellinen-hyvinvointi' }), origin);
    // The ETag of a 304 (a date far ahead), which builds nothing that memory would then hold.
    const etagOf = async () => (await request('/calendar.ics?network=taloudellinen-hyvinvointi', { headers: { 'If-Modified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT' } })).headers.get('ETag')!.replaceAll('"', '');
    // What the edge holds for this feed and ETag is what subscribers get, before memory or D1 are asked.
    await edgeCopy(origin, key, await etagOf()).put(await gzip(encodeParts(['BEGIN:VCALENDAR\r\nX-FROM-EDGE:1\r\nEND:VCALENDAR\r\n'])));
    expect(await (await request('/calendar.ics?network=taloudellinen-hyvinvointi')).text()).toContain('X-FROM-EDGE:1');
    // A write changes the ETag and so the key: the feed is built anew and kept at the edge under the new key.
    await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Reunalla' }, networks: ['taloudellinen-hyvinvointi'] }));
    // The copy is put at the edge after the response (waitUntil), which settledRequest waits for.
    const fresh = await settledRequest('/calendar.ics?network=taloudellinen-hyvinvointi');
    const body = await fresh.text();
    expect(body).toContain('SUMMARY:Reunalla');
    const etag = fresh.headers.get('ETag')!.replaceAll('"', '');
    const kept = await edgeCopy(origin, key, etag).match();
    // Kept compressed: the bytes that gzip-accepting subscribers get.
    expect(await new Response(gunzip(kept!)).text()).toBe(body);
  });

  it('shows an edit to subscribers: new text, and a higher SEQUENCE when the time changes', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Ennen muutosta' } }));
    expect(await (await request('/calendar.ics')).text()).toContain('SUMMARY:Ennen muutosta');
    await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Muutoksen jälkeen' }, start: '2032-10-06T10:00', end: '2032-10-06T13:00' }, { Authorization: pohde, 'If-Match': etag });
    const [vevent] = byUid(parse(await (await request('/calendar.ics')).text()).events, event.id);
    expect(vevent!.summary).toBe('Muutoksen jälkeen');
    expect(vevent!.sequence).toBe(1);
    expect(vevent!.startDate.toString()).toBe('2032-10-06T10:00:00');
  });

  it('keeps a cancelled event, marked cancelled and with a visible prefix in every language', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Peruttava', sv: 'Inställs' } }));
    await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Sairastuminen' }, { Authorization: pohde });
    const [vevent] = byUid(parse(await (await request('/calendar.ics')).text()).events, event.id);
    expect(vevent!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent!.summary).toBe('Peruttu: Peruttava');
    expect(vevent!.description).toContain('PERUTTU. Syy: Sairastuminen');
    expect(vevent!.sequence).toBe(1);
    const [swedish] = byUid(parse(await (await request('/calendar.ics?lang=sv')).text()).events, event.id);
    expect(swedish!.summary).toBe('Inställt: Inställs');
    const [english] = byUid(parse(await (await request('/calendar.ics?lang=en')).text()).events, event.id);
    expect(english!.summary).toBe('Cancelled: Peruttava');
  });

  it('writes a recurring event once, with EXDATE and RECURRENCE-ID overrides, never duplicates', async () => {
    const { event } = await createEvent(
      await bearerFor('pohde'),
      workshop({
        start: '2032-03-02T13:00',
        end: '2032-03-02T14:30',
        recurrence: {
          rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=10',
          exceptions: [
            { occurrence: '2032-07-06T13:00', kind: 'removed' },
            { occurrence: '2032-04-06T13:00', kind: 'moved', start: '2032-04-13T10:00', end: '2032-04-13T11:30', place: 'Teams' },
            { occurrence: '2032-11-02T13:00', kind: 'cancelled' },
          ],
        },
      }),
    );
    const text = await (await request('/calendar.ics')).text();
    const vevents = byUid(parse(text).events, event.id);
    expect(vevents).toHaveLength(3);
    const master = vevents.find((v) => !v.isRecurrenceException())!;
    expect(master.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=MONTHLY;COUNT=10;BYDAY=1TU');
    expect(text).toContain('EXDATE;TZID=Europe/Helsinki:20320706T130000');
    const moved = vevents.find((v) => v.recurrenceId?.toString() === '2032-04-06T13:00:00')!;
    expect([moved.startDate.toString(), moved.location]).toEqual(['2032-04-13T10:00:00', 'Teams']);
    const cancelled = vevents.find((v) => v.recurrenceId?.toString() === '2032-11-02T13:00:00')!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.summary).toMatch(/^Peruttu: /);
    // The expansion a client does: 9 occurrences (one removed), one moved, one cancelled, the hour right in summer and winter.
    const iterator = master.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (master.component.getAllProperties('exdate').some((p) => p.getValues().some((v) => v.toString() === next!.toString()))) continue;
      const details = master.getOccurrenceDetails(next);
      starts.push(details.startDate.toJSDate().toISOString());
    }
    expect(starts).toHaveLength(9);
    expect(starts[0]).toBe('2032-03-02T11:00:00.000Z');
    expect(starts).toContain('2032-06-01T10:00:00.000Z');
  });

  it("publishes an all-day series' moved day as an override of the series' UID, so importing again after the move is undone leaves no duplicate", async () => {
    const pohde = await bearerFor('pohde');
    const moved = { occurrence: '2033-05-12', kind: 'moved' as const, start: '2033-05-16', end: '2033-05-16' };
    const { event, etag } = await createEvent(pohde, workshop({ allDay: true, start: '2032-05-12', end: '2032-05-12', recurrence: { rrule: 'FREQ=YEARLY;COUNT=3', exceptions: [moved] } }));
    // A calendar that imported a file keeps its events by UID; importing again replaces what each UID carries.
    const imported = new Map<string, ICAL.Component[]>();
    const importFile = (text: string) => {
      // Only this event's UIDs (the feed holds other tests' events too).
      const incoming = new Map<string, ICAL.Component[]>();
      for (const e of parse(text).events.filter((e) => e.uid.startsWith(event.id))) incoming.set(e.uid, [...(incoming.get(e.uid) ?? []), e.component]);
      for (const [uid, components] of incoming) imported.set(uid, components);
    };
    const days = () =>
      [...imported.values()].flatMap((components) => {
        const events = components.map((component) => new ICAL.Event(component));
        const master = events.find((e) => !e.isRecurrenceException())!;
        for (const exception of events.filter((e) => e.isRecurrenceException())) master.relateException(exception);
        const found: string[] = [];
        const iterator = master.iterator();
        for (let next = iterator.next(); next; next = iterator.next()) found.push(master.getOccurrenceDetails(next).startDate.toString());
        return found;
      });
    for (const path of [`/events/${event.id}.ics`, `/calendar.ics?network=osallisuus`]) {
      const text = await (await request(path)).text();
      const block = text.slice(text.indexOf(`UID:${event.id}@`));
      expect(block).toContain('RECURRENCE-ID;VALUE=DATE:20330512');
      expect(text).not.toMatch(new RegExp(`UID:${event.id}-`));
      importFile(text);
    }
    expect(imported.size).toBe(1);
    expect(days()).toEqual(['2032-05-12', '2033-05-16', '2034-05-12']);
    const undone = await jsonRequest('PATCH', `/api/events/${event.id}`, { recurrence: { rrule: 'FREQ=YEARLY;COUNT=3', exceptions: [] } }, { Authorization: pohde, 'If-Match': etag });
    expect(undone.status).toBe(200);
    for (const path of [`/events/${event.id}.ics`, `/calendar.ics?network=osallisuus`]) importFile(await (await request(path)).text());
    expect(imported.size).toBe(1);
    expect(days()).toEqual(['2032-05-12', '2033-05-12', '2034-05-12']);
  });

  it('writes all-day and multi-day events as dates with an exclusive end', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ allDay: true, start: '2032-05-12', end: '2032-05-13' }));
    const text = await (await request('/calendar.ics')).text();
    const block = text.slice(text.indexOf(`UID:${event.id}@`));
    expect(block).toContain('DTSTART;VALUE=DATE:20320512');
    expect(block).toContain('DTEND;VALUE=DATE:20320514');
  });
});

describe('Last-Modified', () => {
  const at = (time: string) => Date.parse(`2030-01-01T10:00:${time}Z`);

  it('of two writes in one second lets If-Modified-Since miss neither: a date is settled, and answers 304, only once its version is a second old', () => {
    const first = at('00.200');
    // Answered while the second is open: the second before, which the next poll will find older than any settled date.
    const early = lastModified(first, at('00.500'));
    expect([early.date.toISOString(), early.settled]).toEqual(['2030-01-01T10:00:00.000Z', false]);
    const second = at('00.800');
    for (const now of ['00.900', '01.500', '30.000']) expect(notModifiedSince(early.date.toUTCString(), second, at(now)), now).toBe(false);
    // Settled: the second after the write, and only that or later is a 304.
    const settled = lastModified(second, at('01.800'));
    expect([settled.date.toISOString(), settled.settled]).toEqual(['2030-01-01T10:00:01.000Z', true]);
    expect(notModifiedSince(settled.date.toUTCString(), second, at('05.000'))).toBe(true);
    expect(notModifiedSince(settled.date.toUTCString(), at('01.100'), at('05.000'))).toBe(false);
    expect(notModifiedSince('not a date', second, at('05.000'))).toBe(false);
  });
});

describe('GET /calendar.ics?cancelled=&alarm=', () => {
  /** A cancelled event and a weekly series with a cancelled day, in a network of their own; the feed of that network with `query`. */
  async function cancellations() {
    const pohde = await bearerFor('pohde');
    const network = 'hyvinvoinnin-yhteistyoryhma';
    const { event: called } = await createEvent(pohde, workshop({ ...FUTURE, title: { fi: 'Peruttava seminaari' }, networks: [network] }));
    await jsonRequest('POST', `/api/events/${called.id}/cancel`, { reason: 'Sairastuminen' }, { Authorization: pohde });
    const { event: series } = await createEvent(
      pohde,
      workshop({ title: { fi: 'Viikkopalaveri' }, networks: [network], start: '2032-11-02T09:00', end: '2032-11-02T10:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: [{ occurrence: '2032-11-09T09:00', kind: 'cancelled' }] } }),
    );
    const feed = async (query: string) => {
      const response = await request(`/calendar.ics?network=${network}${query}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      return { text, etag: response.headers.get('ETag')!, ...parse(text), called: called.id, series: series.id };
    };
    return feed;
  }

  /** The series' days as ical.js expands them (EXDATEs left out), with the status and free/busy of each. */
  function seriesDays(events: ICAL.Event[]) {
    const master = events.find((e) => !e.isRecurrenceException())!;
    for (const exception of events.filter((e) => e.isRecurrenceException())) master.relateException(exception);
    const exdates = master.component.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => v.toString()));
    const days: string[] = [];
    const iterator = master.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (exdates.includes(next.toString())) continue;
      const item = master.getOccurrenceDetails(next).item.component;
      days.push(`${next.toString().slice(0, 10)} ${item.getFirstPropertyValue('status')} ${item.getFirstPropertyValue('transp') ?? 'OPAQUE'} ${item.getFirstPropertyValue('summary')}`);
    }
    return days;
  }

  it('status (the default) marks cancelled events and days STATUS:CANCELLED', async () => {
    const feed = await cancellations();
    const { events, called, series, etag } = await feed('');
    expect(byUid(events, called)[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(seriesDays(byUid(events, series))).toEqual(['2032-11-02 CONFIRMED OPAQUE Viikkopalaveri', '2032-11-09 CANCELLED OPAQUE Peruttu: Viikkopalaveri', '2032-11-16 CONFIRMED OPAQUE Viikkopalaveri']);
    expect((await feed('&cancelled=status')).etag).toBe(etag);
  });

  it('mark keeps them as confirmed free-time events titled "Peruttu:", which Google Calendar shows', async () => {
    const feed = await cancellations();
    const { events, called, series, text, etag } = await feed('&cancelled=mark');
    const [event] = byUid(events, called);
    expect([event!.component.getFirstPropertyValue('status'), event!.component.getFirstPropertyValue('transp'), event!.summary]).toEqual(['CONFIRMED', 'TRANSPARENT', 'Peruttu: Peruttava seminaari']);
    expect(event!.description).toContain('PERUTTU. Syy: Sairastuminen');
    expect(seriesDays(byUid(events, series))).toEqual(['2032-11-02 CONFIRMED OPAQUE Viikkopalaveri', '2032-11-09 CONFIRMED TRANSPARENT Peruttu: Viikkopalaveri', '2032-11-16 CONFIRMED OPAQUE Viikkopalaveri']);
    expect(text).not.toContain('STATUS:CANCELLED');
    expect(etag).not.toBe((await feed('')).etag);
    const swedish = await feed('&cancelled=mark&lang=sv');
    expect(byUid(swedish.events, called)[0]!.summary).toMatch(/^Inställt: /);
  });

  it('hide leaves cancelled events out, and a cancelled day of a series becomes an EXDATE', async () => {
    const feed = await cancellations();
    const { events, called, series, text } = await feed('&cancelled=hide');
    expect(byUid(events, called)).toEqual([]);
    expect(byUid(events, series)).toHaveLength(1);
    expect(text).toContain('EXDATE;TZID=Europe/Helsinki:20321109T090000');
    expect(seriesDays(byUid(events, series))).toEqual(['2032-11-02 CONFIRMED OPAQUE Viikkopalaveri', '2032-11-16 CONFIRMED OPAQUE Viikkopalaveri']);
  });

  it('alarm adds a display reminder to every event that is not cancelled, and equal durations share one feed', async () => {
    const feed = await cancellations();
    const { events, called, series, etag } = await feed('&alarm=PT1H');
    const alarms = (event: ICAL.Event) => event.component.getAllSubcomponents('valarm').map((a) => `${a.getFirstPropertyValue('action')} ${a.getFirstPropertyValue('trigger')}`);
    expect(byUid(events, called).map(alarms)).toEqual([[]]);
    const [master, cancelledDay] = byUid(events, series);
    expect([alarms(master!), alarms(cancelledDay!)]).toEqual([['DISPLAY -PT1H'], []]);
    expect((await feed('&alarm=PT60M')).etag).toBe(etag);
    expect((await feed('&alarm=P1D&cancelled=mark')).text).toContain('TRIGGER:-P1D');
    expect(etag).not.toBe((await feed('')).etag);
  });

  it('refuses an alarm that is not a duration of more than zero and at most four weeks with a 422 naming alarm', async () => {
    for (const alarm of ['PT0M', 'P5W', 'P29D', 'P1M', 'P1Y', '1H', '-PT1H', 'PT1.5H', 'PT', 'P', 'soon', '']) {
      const response = await request(`/calendar.ics?alarm=${encodeURIComponent(alarm)}`);
      expect(response.status, alarm).toBe(422);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).errors?.[0]?.field).toBe('alarm');
    }
    expect((await request('/calendar.ics?cancelled=maybe')).status).toBe(400);
    expect((await request('/calendar.ics?alarm=P4W')).status).toBe(200);
  });

  it('are described in the OpenAPI document', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as { paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, unknown> } }> };
    const { parameters, responses } = document.paths['/calendar.ics']!.get;
    expect(parameters.find((p) => p.name === 'cancelled')?.schema.enum).toEqual(['status', 'mark', 'hide']);
    expect(parameters.find((p) => p.name === 'alarm')).toBeDefined();
    expect(responses['422']).toBeDefined();
  });
});

describe('GET /events/{id}.ics', () => {
  it('downloads one event for "add to my calendar"', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: 'Lisää kalenteriin' } }));
    const response = await request(`/events/${event.id}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${event.id}.ics"`);
    const { calendar, events } = parse(await response.text());
    expect(events.map((e) => e.summary)).toEqual(['Lisää kalenteriin']);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lisää kalenteriin');
    expect((await request(`/events/${event.id}.ics`, { headers: { 'If-None-Match': response.headers.get('ETag')! } })).status).toBe(304);
  });

  it('is not found for drafts and unknown events', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ status: 'draft' }));
    expect((await request(`/events/${event.id}.ics`)).status).toBe(404);
    expect((await request('/events/no-such-event.ics')).status).toBe(404);
  });
});


describe('subscription links', () => {
  it('build a webcal link whose https form is the filtered feed', async () => {
    const { feedLinks } = await import('../worker/shared/feed-links');
    const links = feedLinks('https://hytekello.test', { network: ['kulttuurihyvinvointi', 'osallisuus'], lang: 'sv' }, 'Hytekello — Kultur');
    expect(links.webcal).toBe('webcal://hytekello.test/calendar.ics?network=kulttuurihyvinvointi&network=osallisuus&lang=sv');
    // Google Calendar drops cancelled events: its link keeps them, as free time titled "Inställt:".
    expect(links.google).toBe(`https://calendar.google.com/calendar/render?cid=${encodeURIComponent(`${links.webcal}&cancelled=mark`)}`);
    expect(links.outlook).toContain(`url=${encodeURIComponent(links.https)}`);
    // A Microsoft 365 work account subscribes on outlook.office.com, a personal one on outlook.live.com.
    expect(links.outlook).toMatch(/^https:\/\/outlook\.live\.com\//);
    expect(links.office).toBe(links.outlook.replace('outlook.live.com', 'outlook.office.com'));
    // What a calendar app does with webcal://: fetch the same URL over https.
    const response = await request(links.webcal.replace('webcal://hytekello.test', ''));
    expect(response.status).toBe(200);
    expect((await response.text()).replaceAll('\r\n ', '')).toContain('X-WR-CALNAME:Hytekello — Nätverket för kulturell välfärd\\, Nätverket för delaktighet');
    await createEvent(await bearerFor('pohde'), workshop({ ...FUTURE, networks: ['osallisuus'] }));
    const reminded = feedLinks('https://hytekello.test', { network: ['osallisuus'], alarm: 'P1D' });
    expect(reminded.https).toBe('https://hytekello.test/calendar.ics?network=osallisuus&alarm=P1D');
    expect(decodeURIComponent(reminded.google.split('cid=')[1]!)).toBe('webcal://hytekello.test/calendar.ics?network=osallisuus&alarm=P1D&cancelled=mark');
    expect(await (await request('/calendar.ics?network=osallisuus&alarm=P1D&cancelled=mark')).text()).toContain('TRIGGER:-P1D');
  });
});
