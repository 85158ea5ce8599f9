/**
 * Series that a hostile or simply busy organiser writes: without end, with
 * the largest COUNT, a far UNTIL, rules that never match, hundreds of
 * exceptions. Each gets its answer (accepted, or a 422 naming the field and
 * the limit) without listing the series; their cost is in `npm run bench`.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type OccurrencePage, listOccurrencePage } from '../worker/db/occurrences';
import { earliestStarts } from '../worker/domain/occurrence-index';
import type { Event, EventList } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import { bearerFor, jsonRequest, request, rowCounts, workshop } from './helpers';

const today = new Date();
const dayFromToday = (days: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);

async function create(recurrence: { rrule: string; exceptions?: unknown[] }, start = `${dayFromToday(2)}T09:00`, end = `${dayFromToday(2)}T10:00`) {
  return jsonRequest('POST', '/api/events', workshop({ start, end, networks: ['jarjestoyhdyshenkilot'], recurrence: recurrence as never }), { Authorization: await bearerFor('pohde') });
}

async function refused(response: Response, field: string, rule: string): Promise<Problem> {
  expect(response.status, await response.clone().text()).toBe(422);
  expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem.errors?.map((e) => [e.field, e.rule])).toContainEqual([field, rule]);
  return problem;
}

/**
 * A page of the stored occurrences in [from, to) with these filters, and
 * how many rows its statement read (D1's `rows_read`).
 */
async function readPage(window: { from: string; to: string }, filters: { networks?: string[]; types?: string[]; municipalities?: string[] }, page: OccurrencePage) {
  const reads: number[] = [];
  const metered = {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await env.DB.batch(statements);
      reads.push(results[0]!.meta.rows_read);
      return results;
    },
  } as unknown as D1Database;
  const filter = { ...window, networks: [], types: [], municipalities: [], organisations: [], ...filters, match: null, includeMembersOnly: false, ...earliestStarts({ epochMilliseconds: Date.parse(window.from) }) };
  const { rows } = await listOccurrencePage(metered, filter, page);
  return { rows, rowsRead: reads[0]! };
}

describe('hostile series', () => {
  it('a series without end is accepted, and listing it gives one page, not the series', async () => {
    const response = await create({ rrule: 'FREQ=DAILY' });
    expect(response.status, await response.clone().text()).toBe(201);
    const event = (await response.json()) as Event;
    const page = (await (await request(`/api/events?from=${dayFromToday(0)}&to=${dayFromToday(1099)}&network=jarjestoyhdyshenkilot&limit=1`)).json()) as EventList;
    expect(page.items.map((item) => item.id)).toEqual([event.id]);
    expect(page.nextCursor).not.toBeNull();
  });

  it('COUNT=1000 yearly is accepted; COUNT=1001 is refused naming the limit', async () => {
    expect((await create({ rrule: 'FREQ=YEARLY;COUNT=1000' })).status).toBe(201);
    const problem = await refused(await create({ rrule: 'FREQ=YEARLY;COUNT=1001' }), 'recurrence.rrule', 'syntax');
    expect(problem.errors![0]!.message).toContain('1000');
  });

  it('an UNTIL that would give more than 1,000 occurrences is refused with the count it could give, without listing them', async () => {
    const before = await rowCounts();
    const problem = await refused(await create({ rrule: 'FREQ=WEEKLY;UNTIL=20991231T000000Z' }), 'recurrence.rrule', 'max-occurrences');
    expect(problem.errors![0]!.message).toMatch(/up to \d{4} occurrences/);
    expect(await rowCounts()).toEqual(before);
    // Daily until a date 900 days on: at most one a day, so accepted.
    expect((await create({ rrule: `FREQ=DAILY;UNTIL=${dayFromToday(900).replaceAll('-', '')}` })).status).toBe(201);
  });

  it('rules that never match are refused', async () => {
    await refused(await create({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }), 'recurrence.rrule', 'invalid');
    await refused(await create({ rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' }), 'recurrence.rrule', 'invalid');
    await refused(await create({ rrule: 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6' }), 'recurrence.rrule', 'invalid');
  });

  it('500 exceptions of a series without end are checked and stored; exceptions years apart are refused', async () => {
    const start = dayFromToday(2);
    const exceptions = Array.from({ length: 500 }, (_, i) => ({ occurrence: `${new Date(Date.parse(`${start}T00:00:00Z`) + 2 * i * 86_400_000).toISOString().slice(0, 10)}T09:00`, kind: 'cancelled' }));
    const response = await create({ rrule: 'FREQ=DAILY', exceptions });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(((await response.json()) as Event).recurrence!.exceptions).toHaveLength(500);
    await refused(
      await create({ rrule: 'FREQ=WEEKLY', exceptions: [{ occurrence: `${start}T09:00`, kind: 'cancelled' }, { occurrence: `${dayFromToday(2 + 7 * 200)}T09:00`, kind: 'cancelled' }] }),
      'recurrence.exceptions',
      'max-span',
    );
    // Too many exceptions is a schema limit.
    const more = await create({ rrule: 'FREQ=DAILY', exceptions: [...exceptions, { occurrence: `${dayFromToday(1100)}T09:00`, kind: 'cancelled' }] });
    expect(more.status).toBe(422);
  });

  it('an exception that is not an occurrence is still refused', async () => {
    await refused(await create({ rrule: 'FREQ=WEEKLY', exceptions: [{ occurrence: `${dayFromToday(3)}T09:00`, kind: 'cancelled' }] }), 'recurrence.exceptions[0].occurrence', 'is-occurrence');
  });
});

describe('pages of a busy window', () => {
  it('a later page reads about as many rows of the index as the first, not every page before it', async () => {
    // Eight daily series through June 2034: 240 occurrences, read 20 a page, earliest first and latest first.
    const authorization = await bearerFor('pohde');
    for (let i = 0; i < 8; i++) {
      const hour = String(8 + i).padStart(2, '0');
      const body = workshop({ start: `2034-06-01T${hour}:00`, end: `2034-06-01T${hour}:30`, networks: ['jarjestoyhdyshenkilot'], recurrence: { rrule: 'FREQ=DAILY;COUNT=30' } as never });
      expect((await jsonRequest('POST', '/api/events', body, { Authorization: authorization })).status).toBe(201);
    }
    const window = { from: '2034-06-01T00:00:00Z', to: '2034-07-01T00:00:00Z' };
    for (const descending of [false, true]) {
      const reads: number[] = [];
      let after: [string, string, string] | null = null;
      let seen = 0;
      do {
        const { rows, rowsRead } = await readPage(window, { networks: ['jarjestoyhdyshenkilot'] }, { after, limit: 20, descending });
        reads.push(rowsRead);
        const page = rows.slice(0, 20);
        seen += page.length;
        const last = page.at(-1)!;
        after = rows.length > 20 ? [last.startsAt, last.eventId, last.recurrenceId] : null;
      } while (after);
      expect(seen).toBe(240);
      expect(reads).toHaveLength(12);
      expect(Math.max(...reads.slice(1)), `rows read per page: ${reads.join(', ')}`).toBeLessThan(reads[0]! * 2);
    }
  });
});

describe('lists filtered by network', () => {
  it("read their networks' occurrences only, each event once, and follow changes of an event's networks", async () => {
    const authorization = await bearerFor('pohde');
    const make = async (title: string, day: string, networks: string[], rrule?: string) => {
      const body = workshop({ title: { fi: title }, start: `2035-07-${day}T09:00`, end: `2035-07-${day}T10:00`, networks, ...(rrule ? { recurrence: { rrule } as never } : {}) });
      const response = await jsonRequest('POST', '/api/events', body, { Authorization: authorization });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as Event;
    };
    // Another network's busy month: ten daily series.
    for (let i = 0; i < 10; i++) await make(`Toisen verkoston sarja ${i}`, '01', ['osallisuus'], 'FREQ=DAILY;COUNT=31');
    const a = await make('Vain kulttuuri', '10', ['kulttuurihyvinvointi']);
    const both = await make('Kulttuuri ja järjestöt', '11', ['kulttuurihyvinvointi', 'jarjestoyhdyshenkilot']);
    const b = await make('Vain järjestöt', '12', ['jarjestoyhdyshenkilot']);
    const window = 'from=2035-07-01&to=2035-08-01';
    const titles = async (query: string) => ((await (await request(`/api/events?${window}&${query}`)).json()) as EventList).items.map((item) => item.title.fi);
    expect(await titles('network=kulttuurihyvinvointi')).toEqual([a.title.fi, both.title.fi]);
    expect(await titles('network=kulttuurihyvinvointi&network=jarjestoyhdyshenkilot')).toEqual([a.title.fi, both.title.fi, b.title.fi]);
    expect(await titles('network=jarjestoyhdyshenkilot&network=kulttuurihyvinvointi&limit=2')).toEqual([a.title.fi, both.title.fi]);
    expect(await titles('network=tuntematon')).toEqual([]);
    // Three or more terms (D1 takes at most five terms in a compound SELECT) read the window as before, and answer alike.
    expect(await titles('network=kulttuurihyvinvointi&network=jarjestoyhdyshenkilot&network=tuntematon')).toEqual([a.title.fi, both.title.fi, b.title.fi]);
    const thirty = Array.from({ length: 30 }, (_, i) => `network=${i === 0 ? 'kulttuurihyvinvointi' : `tuntematon-${i}`}`).join('&');
    expect(await titles(thirty)).toEqual([a.title.fi, both.title.fi]);
    // An edit that takes a network away, and one that adds it.
    const patch = async (event: Event, networks: string[]) => {
      const current = await request(`/api/events/${event.id}`);
      const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { networks }, { Authorization: authorization, 'If-Match': current.headers.get('ETag')! });
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await patch(both, ['jarjestoyhdyshenkilot']);
    await patch(b, ['jarjestoyhdyshenkilot', 'kulttuurihyvinvointi']);
    expect(await titles('network=kulttuurihyvinvointi')).toEqual([a.title.fi, b.title.fi]);
    // The page reads the index of its network, not the other network's 310 occurrences.
    const { rows, rowsRead } = await readPage({ from: '2035-07-01T00:00:00Z', to: '2035-08-01T00:00:00Z' }, { networks: ['kulttuurihyvinvointi'] }, { after: null, limit: 50, descending: false });
    expect(rows.map((row) => row.eventId)).toEqual([a.id, b.id]);
    expect(rowsRead, `rows read for a network's month beside another network's 310 occurrences`).toBeLessThan(100);
  });
});

describe('lists filtered by type, municipality or organisation', () => {
  it("read their terms' occurrences only, each event once, and follow changes of an event's type and municipalities", async () => {
    const authorization = await bearerFor('pohde');
    const make = async (title: string, day: string, overrides: Record<string, unknown>) => {
      const body = workshop({ title: { fi: title }, start: `2035-09-${day}T09:00`, end: `2035-09-${day}T10:00`, ...overrides });
      const response = await jsonRequest('POST', '/api/events', body, { Authorization: authorization });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as Event;
    };
    // Ten daily workshop series in Oulu: the busy part of the month.
    for (let i = 0; i < 10; i++) await make(`Päivittäinen työpaja ${i}`, '01', { recurrence: { rrule: 'FREQ=DAILY;COUNT=30' } });
    const webinar = await make('Webinaari', '10', { type: 'webinaari', municipalities: ['raahe'] });
    const both = await make('Foorumi kahdessa kunnassa', '11', { type: 'hyvinvointifoorumi', municipalities: ['raahe', 'kuusamo'] });
    const window = 'from=2035-09-01&to=2035-10-01';
    const titles = async (query: string) => ((await (await request(`/api/events?${window}&${query}`)).json()) as EventList).items.map((item) => item.title.fi);
    expect(await titles('type=webinaari')).toEqual([webinar.title.fi]);
    expect(await titles('type=webinaari&type=hyvinvointifoorumi')).toEqual([webinar.title.fi, both.title.fi]);
    expect(await titles('municipality=raahe&municipality=kuusamo')).toEqual([webinar.title.fi, both.title.fi]);
    expect(await titles('municipality=kuusamo&type=hyvinvointifoorumi')).toEqual([both.title.fi]);
    expect(await titles('organisation=pohde&type=webinaari')).toEqual([webinar.title.fi]);
    const patch = async (event: Event, body: Record<string, unknown>) => {
      const current = await request(`/api/events/${event.id}`);
      const response = await jsonRequest('PATCH', `/api/events/${event.id}`, body, { Authorization: authorization, 'If-Match': current.headers.get('ETag')! });
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await patch(webinar, { type: 'koulutus', municipalities: ['kuusamo'] });
    expect(await titles('type=webinaari')).toEqual([]);
    expect(await titles('type=koulutus')).toEqual([webinar.title.fi]);
    expect(await titles('municipality=raahe')).toEqual([both.title.fi]);
    // A type's page reads its type's part of the index, not the 300 workshop occurrences.
    for (const only of [{ types: ['koulutus'] }, { municipalities: ['kuusamo'] }]) {
      const { rows, rowsRead } = await readPage({ from: '2035-09-01T00:00:00Z', to: '2035-10-01T00:00:00Z' }, only, { after: null, limit: 50, descending: false });
      expect(rows.length).toBeGreaterThan(0);
      expect(rowsRead, `rows read for ${JSON.stringify(only)} beside 300 workshop occurrences`).toBeLessThan(100);
    }
  });
});
