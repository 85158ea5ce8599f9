/**
 * Rolling a clock over to the next year or council term as drafts, and
 * comparing two years or terms: against real D1 through the worker, and the
 * moving of dates in the pure domain. Each test rolls its own year (or
 * term) of the regional clock, so that none depends on another.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { readClockItems } from '../worker/db/clock';
import type { ClockItemData } from '../worker/domain/clock';
import { movedOccurrence, weekdayShift } from '../worker/domain/clock-rollover';
import { Temporal } from '../worker/domain/time';
import type { AnnualClock, ClockComparison, ClockItemInput, CouncilTermClock, PublishDraftsResult, RollOverResult, StoredClockItem } from '../worker/shared/clock';
import type { Problem } from '../worker/shared/problems';
import { bearerFor, jsonRequest, request, rowCounts } from './helpers';

const TABLES = ['clock_items', 'audit_log'];
const weekday = (date: string) => Temporal.PlainDate.from(date).dayOfWeek;

async function addItem(authorization: string, overrides: Partial<ClockItemInput>): Promise<StoredClockItem> {
  const body: ClockItemInput = { ring: 'hyvinvointialue', kind: 'annual', title: { fi: 'Kokeilukohta', sv: 'Försökspunkt', en: 'Trial item' }, span: { startMonth: 3, startDay: 10, endMonth: 3, endDay: 20 }, ...overrides };
  const response = await jsonRequest('POST', '/api/clock/items', body, { Authorization: authorization });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as StoredClockItem;
}

async function rollOver(authorization: string, body: unknown, slug = 'pohjois-pohjanmaa'): Promise<RollOverResult> {
  const response = await jsonRequest('POST', `/api/clocks/${slug}/roll-over`, body, { Authorization: authorization });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as RollOverResult;
}

const annual = async (year: number, headers: Record<string, string> = {}, drafts = false) => {
  const response = await request(`/api/clock?year=${year}${drafts ? '&drafts=include' : ''}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as AnnualClock;
};
const startingIn = (clock: AnnualClock) => clock.items.filter((item) => item.occurrences.some((o) => o.start.startsWith(String(clock.year))));

describe('moving dates to the next year', () => {
  it('keeps the weekday by moving 52 weeks, across 29 February too', () => {
    expect(movedOccurrence({ start: '2026-03-10', end: '2026-03-20' }, 'weekday')).toEqual({ start: '2027-03-09', end: '2027-03-19', shift: 364 });
    // 2028 is a leap year: 52 weeks on from 1 March 2027 is 28 February 2028.
    expect(movedOccurrence({ start: '2027-03-01', end: '2027-03-05' }, 'weekday')).toEqual({ start: '2028-02-28', end: '2028-03-03', shift: 364 });
    expect(movedOccurrence({ start: '2028-02-29', end: '2028-03-03' }, 'weekday')).toEqual({ start: '2029-02-27', end: '2029-03-02', shift: 364 });
    for (const date of ['2026-03-10', '2027-03-01', '2028-02-29', '2028-12-31']) {
      const moved = movedOccurrence({ start: date, end: date }, 'weekday').start;
      expect(weekday(moved), `${date} → ${moved}`).toBe(weekday(date));
      expect(Number(moved.slice(0, 4))).toBe(Number(date.slice(0, 4)) + 1);
    }
  });

  it('moves 53 weeks when 52 would stay in the same year (1 January, 2 January of a leap year)', () => {
    expect(weekdayShift(Temporal.PlainDate.from('2026-01-01'))).toBe(371);
    expect(weekdayShift(Temporal.PlainDate.from('2026-01-02'))).toBe(364);
    expect(weekdayShift(Temporal.PlainDate.from('2028-01-02'))).toBe(371);
    expect(movedOccurrence({ start: '2026-01-01', end: '2026-01-05' }, 'weekday')).toEqual({ start: '2027-01-07', end: '2027-01-11', shift: 371 });
  });

  it('keeps a span across New Year whole, and with keep date moves by the calendar (29 February to the 28th)', () => {
    expect(movedOccurrence({ start: '2026-12-15', end: '2027-01-15' }, 'weekday')).toEqual({ start: '2027-12-14', end: '2028-01-14', shift: 364 });
    expect(movedOccurrence({ start: '2026-12-15', end: '2027-01-15' }, 'date')).toEqual({ start: '2027-12-15', end: '2028-01-15', shift: null });
    expect(movedOccurrence({ start: '2028-02-29', end: '2028-03-03' }, 'date')).toEqual({ start: '2029-02-28', end: '2029-03-03', shift: null });
  });
});

describe('rolling the annual clock over', () => {
  it('makes a draft for the next year of every yearly and once item of the year, in one batch with its audit rows; the public clock does not change', async () => {
    const pohde = await bearerFor('pohde');
    const once = await addItem(pohde, { title: { fi: 'Kertaluonteinen 2040' }, repeat: 'once', onceYear: 2040 });
    const before = await annual(2041);
    const of2040 = startingIn(await annual(2040));
    const rolled = of2040.filter((item) => item.repeat === 'yearly' || item.repeat === 'once');
    const auditBefore = (await rowCounts(TABLES)).audit_log!;
    const result = await rollOver(pohde, { year: 2040 });
    expect(result).toMatchObject({ clock: 'pohjois-pohjanmaa', from: { year: 2040 }, to: { year: 2041 }, created: rolled.length, skipped: of2040.length - rolled.length });
    expect(result.created).toBeGreaterThan(20);
    // The template's even-year TEA collection is left to its rule: 2041 has none.
    expect(result.skippedItems.every((s) => s.reason === 'every-other-year')).toBe(true);
    expect(result.drafts.map((d) => d.replacesItem).sort()).toEqual(rolled.map((i) => i.id).sort());
    for (const draft of result.drafts) expect(draft).toMatchObject({ status: 'draft', repeat: 'once', onceYear: 2041, forTermStart: null });
    expect(result.drafts.find((d) => d.replacesItem === once.id)).toMatchObject({ title: { fi: 'Kertaluonteinen 2040' }, onceYear: 2041, span: { startMonth: 3, startDay: 9, endMonth: 3, endDay: 19 } });
    expect((await rowCounts(TABLES)).audit_log).toBe(auditBefore + result.created);
    // Nothing of it is public: the clock of 2041 is as it was.
    expect(await annual(2041)).toEqual(before);
    // The clock's editors see 2041 as it will be: the drafts, instead of the items they replace.
    const preview = await annual(2041, { Authorization: pohde }, true);
    const draftIds = new Set(result.drafts.map((d) => d.id));
    expect(preview.items.filter((i) => i.status === 'draft').map((i) => i.id).sort()).toEqual([...draftIds].sort());
    expect(preview.items.some((i) => result.drafts.some((d) => d.replacesItem === i.id && d.replacesItem !== once.id) && i.occurrences.some((o) => o.start.startsWith('2041')))).toBe(false);
  });

  it('copies everything but the dates: titles, short titles, ring, source, links, responsible organisation, decision and its steps', async () => {
    const pohde = await bearerFor('pohde');
    const item = await addItem(pohde, {
      title: { fi: 'Kopioitava', sv: 'Kopieras', en: 'Copied' },
      shortTitle: { fi: 'Kop.', sv: 'Kop.', en: 'Cop.' },
      ring: 'maakunta',
      source: 'Hyvinvointisopimus',
      links: [{ title: 'Ohje', url: 'https://pohde.fi/ohje' }],
      responsibleOrganisation: 'pohde',
      category: 'talous',
      span: { startMonth: 5, startDay: 4, endMonth: 6, endDay: 30 },
      decision: { title: { fi: 'Valtuusto päättää' }, month: 6, day: 15, steps: [{ title: { fi: 'Lautakunta' }, workingDaysBefore: 25 }] },
    });
    const draft = (await rollOver(pohde, { year: 2042 })).drafts.find((d) => d.replacesItem === item.id)!;
    const { id: _a, status: _b, replacesItem: _c, onceYear: _d, repeat: _e, span, decision, ...rest } = draft;
    const { id: _f, status: _g, replacesItem: _h, onceYear: _i, repeat: _j, span: _k, decision: originalDecision, ...original } = item;
    expect(rest).toEqual(original);
    // 4 May 2042 is a Sunday, and so is 3 May 2043; 15 June 2042 a Sunday, 14 June 2043 too.
    expect(span).toEqual({ startMonth: 5, startDay: 3, endMonth: 6, endDay: 29 });
    expect(decision).toEqual({ ...originalDecision!, month: 6, day: 14 });
    expect(weekday('2043-05-03')).toBe(weekday('2042-05-04'));
  });

  it('keeps weekdays across 29 February and New Year, or the dates with keep date; whole months stay', async () => {
    const pohde = await bearerFor('pohde');
    const leap = await addItem(pohde, { title: { fi: 'Karkauspäivä' }, repeat: 'once', onceYear: 2044, span: { startMonth: 2, startDay: 29, endMonth: 3, endDay: 3 } });
    const winter = await addItem(pohde, { title: { fi: 'Yli vuodenvaihteen' }, span: { startMonth: 12, startDay: 15, endMonth: 1, endDay: 15 } });
    const months = await addItem(pohde, { title: { fi: 'Kuukaudet' }, span: { startMonth: 9, endMonth: 10 } });
    const drafts = (await rollOver(pohde, { year: 2044 })).drafts;
    const of = (item: StoredClockItem) => drafts.find((d) => d.replacesItem === item.id)!;
    expect(of(leap).span).toEqual({ startMonth: 2, startDay: 27, endMonth: 3, endDay: 2 });
    expect(weekday('2045-02-27')).toBe(weekday('2044-02-29'));
    expect(of(winter).span).toEqual({ startMonth: 12, startDay: 14, endMonth: 1, endDay: 14 });
    expect(of(months).span).toEqual({ startMonth: 9, startDay: null, endMonth: 10, endDay: null });
    const preview = await annual(2045, { Authorization: pohde }, true);
    expect(preview.items.find((i) => i.id === of(winter).id)?.occurrences).toEqual([{ start: '2045-12-14', end: '2046-01-14' }]);
    // The winter item's occurrence that began in 2044 still reaches into 2045; its own 2045 one is replaced.
    expect(preview.items.find((i) => i.id === winter.id)?.occurrences).toEqual([{ start: '2044-12-15', end: '2045-01-15' }]);

    const byDate = await addItem(pohde, { title: { fi: 'Päivämäärät pysyvät' }, span: { startMonth: 12, startDay: 15, endMonth: 1, endDay: 15 } });
    const kept = (await rollOver(pohde, { year: 2046, keep: 'date' })).drafts.find((d) => d.replacesItem === byDate.id)!;
    expect(kept).toMatchObject({ onceYear: 2047, span: { startMonth: 12, startDay: 15, endMonth: 1, endDay: 15 } });
  });

  it('run again makes nothing: every item has its version, and no row is written', async () => {
    const pohde = await bearerFor('pohde');
    const first = await rollOver(pohde, { year: 2048 });
    const before = await rowCounts(TABLES);
    const again = await rollOver(pohde, { year: 2048 });
    expect(again.created).toBe(0);
    expect(again.drafts).toEqual([]);
    expect(again.skipped).toBe(first.created + first.skipped);
    expect(again.skippedItems.filter((s) => s.reason === 'has-version').map((s) => s.version).sort()).toEqual(first.drafts.map((d) => d.id).sort());
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('hides drafts from the public: the clock, its feed, the item by id; the editors see them', async () => {
    const pohde = await bearerFor('pohde');
    const item = await addItem(pohde, { title: { fi: 'Vanha nimi 2050' } });
    const draft = (await rollOver(pohde, { year: 2050 })).drafts.find((d) => d.replacesItem === item.id)!;
    const renamed = await jsonRequest('PATCH', `/api/clock/items/${draft.id}`, { title: { fi: 'Luonnosnimi 2051' } }, { Authorization: pohde, 'If-Match': (await request(`/api/clock/items/${draft.id}`, { headers: { Authorization: pohde } })).headers.get('ETag')! });
    expect(renamed.status).toBe(200);
    // A stale version is refused as with any edit.
    const stale = await jsonRequest('PATCH', `/api/clock/items/${draft.id}`, { title: { fi: 'Myöhässä' } }, { Authorization: pohde, 'If-Match': '"vanha"' });
    expect(stale.status).toBe(412);
    expect((await annual(2051)).items.some((i) => i.title.fi === 'Luonnosnimi 2051')).toBe(false);
    expect((await annual(2051)).items.find((i) => i.id === item.id)?.occurrences).toEqual([{ start: '2051-03-10', end: '2051-03-20' }]);
    const feed = await (await request('/clock.ics?year=2050')).text();
    expect(feed).toContain('Vanha nimi 2050');
    expect(feed).not.toContain('Luonnosnimi');
    expect((await request(`/api/clock/items/${draft.id}`)).status).toBe(404);
    expect((await request(`/api/clock/items/${draft.id}`, { headers: { Authorization: await bearerFor('oulun-kaupunki') } })).status).toBe(404);
    expect((await annual(2051, { Authorization: pohde }, true)).items.find((i) => i.id === draft.id)).toMatchObject({ status: 'draft', replacesItem: item.id, title: { fi: 'Luonnosnimi 2051' } });
  });

  it('a published draft replaces its item in that year only, in the clock and in its feed', async () => {
    const pohde = await bearerFor('pohde');
    const item = await addItem(pohde, { title: { fi: 'Joka vuosi 2052' }, span: { startMonth: 8, startDay: 7, endMonth: 8, endDay: 12 } });
    const draft = (await rollOver(pohde, { year: 2052 })).drafts.find((d) => d.replacesItem === item.id)!;
    await jsonRequest('PATCH', `/api/clock/items/${draft.id}`, { title: { fi: 'Vuoden 2053 versio' } }, { Authorization: pohde, 'If-Match': (await request(`/api/clock/items/${draft.id}`, { headers: { Authorization: pohde } })).headers.get('ETag')! });
    const etag = (await request('/clock.ics?year=2053')).headers.get('ETag');
    const published = await request(`/api/clock/items/${draft.id}/publish`, { method: 'POST', headers: { Authorization: pohde } });
    expect(published.status).toBe(200);
    expect(((await published.json()) as StoredClockItem).status).toBe('published');
    const of2053 = await annual(2053);
    expect(of2053.items.find((i) => i.id === draft.id)).toMatchObject({ status: 'published', occurrences: [{ start: '2053-08-06', end: '2053-08-11' }] });
    expect(of2053.items.some((i) => i.id === item.id)).toBe(false);
    expect((await annual(2054)).items.find((i) => i.id === item.id)?.occurrences).toEqual([{ start: '2054-08-07', end: '2054-08-12' }]);
    expect((await annual(2052)).items.find((i) => i.id === item.id)?.occurrences).toEqual([{ start: '2052-08-07', end: '2052-08-12' }]);
    const feedResponse = await request('/clock.ics?year=2053');
    expect(feedResponse.headers.get('ETag')).not.toBe(etag);
    const feed = await feedResponse.text();
    expect(feed).toContain('Vuoden 2053 versio');
    expect(feed).toContain(`UID:clock-${draft.id}-2053-08-06@`);
    expect(feed).not.toContain(`UID:clock-${item.id}-2053-`);
    // The feed shows this year and the next: the item itself in 2054, as it was.
    expect(feed).toContain(`UID:clock-${item.id}-2054-08-07@`);
    expect((await request(`/api/clock/items/${draft.id}/publish`, { method: 'POST', headers: { Authorization: pohde } })).status).toBe(409);
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE entity = 'clock_item' AND entity_id = ?1 ORDER BY id").bind(String(draft.id)).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['create', 'update', 'update']);
  });

  it("refuses moving a version onto a year that has one of the same item, naming onceYear, and writes nothing", async () => {
    const pohde = await bearerFor('pohde');
    const item = await addItem(pohde, { title: { fi: 'Kaksi versiota' }, span: { startMonth: 5, startDay: 4, endMonth: 5, endDay: 8 } });
    const of2063 = (await rollOver(pohde, { year: 2062 })).drafts.find((d) => d.replacesItem === item.id)!;
    expect((await request(`/api/clock/items/${of2063.id}/publish`, { method: 'POST', headers: { Authorization: pohde } })).status).toBe(200);
    const of2064 = (await rollOver(pohde, { year: 2063 })).drafts.find((d) => d.replacesItem === item.id)!;
    expect(of2064).toMatchObject({ onceYear: 2064, status: 'draft' });
    const before = await rowCounts(TABLES);
    const etag = (await request(`/api/clock/items/${of2064.id}`, { headers: { Authorization: pohde } })).headers.get('ETag')!;
    const response = await jsonRequest('PATCH', `/api/clock/items/${of2064.id}`, { onceYear: 2063 }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    expect(((await response.json()) as Problem).errors).toEqual([expect.objectContaining({ field: 'onceYear', rule: 'one-version', values: { year: 2063 } })]);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('publishes every draft of a year at once, and deletes a draft but never a published item', async () => {
    const pohde = await bearerFor('pohde');
    const item = await addItem(pohde, { title: { fi: 'Poistettava luonnos' } });
    const result = await rollOver(pohde, { year: 2056 });
    const draft = result.drafts.find((d) => d.replacesItem === item.id)!;
    expect((await request(`/api/clock/items/${draft.id}`, { method: 'DELETE', headers: { Authorization: await bearerFor('oulun-kaupunki') } })).status).toBe(403);
    expect((await request(`/api/clock/items/${draft.id}`, { method: 'DELETE', headers: { Authorization: pohde } })).status).toBe(204);
    expect((await request(`/api/clock/items/${draft.id}`, { headers: { Authorization: pohde } })).status).toBe(404);
    expect((await request(`/api/clock/items/${item.id}`, { method: 'DELETE', headers: { Authorization: pohde } })).status).toBe(409);
    const all = await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/publish', { year: 2057 }, { Authorization: pohde });
    expect(all.status).toBe(200);
    const published = (await all.json()) as PublishDraftsResult;
    expect(published.published).toBe(result.created - 1);
    expect((await annual(2057)).items.filter((i) => i.status === 'published' && i.replacesItem !== null)).toHaveLength(result.created - 1);
    // The deleted draft's item is back in 2057 as it was.
    expect((await annual(2057)).items.find((i) => i.id === item.id)?.occurrences).toEqual([{ start: '2057-03-10', end: '2057-03-20' }]);
  });

  it('someone who may not gets 401 or 403 whatever the body, and nothing is written', async () => {
    const before = await rowCounts(TABLES);
    expect((await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/roll-over', { year: 1900 })).status).toBe(401);
    expect((await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/roll-over', { year: 1900 }, { Authorization: await bearerFor('oulun-kaupunki') })).status).toBe(403);
    expect((await request('/api/clock?year=2030&drafts=include')).status).toBe(401);
    expect((await request('/api/clock?year=2030&drafts=include', { headers: { Authorization: await bearerFor('posken') } })).status).toBe(403);
    expect((await request('/api/clock/compare?from=2030&to=2031&drafts=include', { headers: { Authorization: await bearerFor('posken') } })).status).toBe(403);
    expect((await request('/api/council-term?drafts=include')).status).toBe(401);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it.each([
    [{ year: 1999 }, 'year', 'too-small'],
    [{ year: 2100 }, 'year', 'too-big'],
    [{ year: 2026.5 }, 'year', 'invalid-type'],
    [{}, 'year', 'required'],
    [{ year: 2026, term: 2025 }, 'term', 'year-or-term'],
    [{ term: 2027 }, 'term', 'term-start'],
    [{ year: 2026, keep: 'month' }, 'keep', 'invalid-value'],
    [{ year: 2026, extra: 1 }, 'extra', 'unknown-field'],
  ])('bad input %j is refused naming %s and the rule %s, and nothing is written', async (body, field, rule) => {
    const before = await rowCounts(TABLES);
    const response = await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/roll-over', body, { Authorization: await bearerFor('pohde') });
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((e) => `${e.field} ${e.rule}`)).toContain(`${field} ${rule}`);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('an unknown clock is 404', async () => {
    const response = await jsonRequest('POST', '/api/clocks/ei-ole-kelloa/roll-over', { year: 2026 }, { Authorization: await bearerFor('pohde') });
    expect(response.status).toBe(404);
    expect((await request('/api/clock/compare?clock=ei-ole-kelloa&from=2026&to=2027')).status).toBe(404);
  });
});

describe("a year's read", () => {
  it('reads the versions of the year before and later, not those of older years, so that it does not grow with the history', async () => {
    const pohde = await bearerFor('pohde');
    await addItem(pohde, { title: { fi: 'Historian kohta' }, span: { startMonth: 12, startDay: 20, endMonth: 1, endDay: 10 } });
    // A version for each of 2040–2045, published.
    for (let year = 2039; year < 2045; year++) {
      expect((await rollOver(pohde, { year })).drafts.some((d) => d.title.fi === 'Historian kohta'), String(year)).toBe(true);
      expect((await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/publish', { year: year + 1 }, { Authorization: pohde })).status).toBe(200);
    }
    const versions = (rows: ClockItemData[]) => rows.filter((row) => row.title.fi === 'Historian kohta' && row.repeat === 'once').map((row) => row.onceYear).sort();
    expect(versions(await readClockItems(env.DB, 1, 'annual'))).toEqual([2040, 2041, 2042, 2043, 2044, 2045]);
    expect(versions(await readClockItems(env.DB, 1, 'annual', 2044))).toEqual([2044, 2045]);
    // The 2044 version crosses New Year into 2045, where the 2045 one starts: both are on the wheel of 2045.
    const clock = await annual(2045);
    expect(clock.items.filter((i) => i.title.fi === 'Historian kohta').map((i) => i.onceYear).sort()).toEqual([2044, 2045]);
  });
});

describe('comparing two years', () => {
  it('matches each item with its draft: moved, renamed, unchanged, added and removed, with both sides', async () => {
    const pohde = await bearerFor('pohde');
    const days = await addItem(pohde, { title: { fi: 'Päivät siirtyvät' } });
    const months = await addItem(pohde, { title: { fi: 'Kuukausina pysyy' }, span: { startMonth: 9, endMonth: 10 } });
    const renamed = await addItem(pohde, { title: { fi: 'Nimi vaihtuu' }, span: { startMonth: 4, endMonth: 4 } });
    const result = await rollOver(pohde, { year: 2060 });
    const draftOf = (item: StoredClockItem) => result.drafts.find((d) => d.replacesItem === item.id)!;
    const etag = (await request(`/api/clock/items/${draftOf(renamed).id}`, { headers: { Authorization: pohde } })).headers.get('ETag')!;
    expect((await jsonRequest('PATCH', `/api/clock/items/${draftOf(renamed).id}`, { title: { fi: 'Uusi nimi' } }, { Authorization: pohde, 'If-Match': etag })).status).toBe(200);

    const response = await request('/api/clock/compare?from=2060&to=2061&drafts=include', { headers: { Authorization: pohde } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    const comparison = (await response.json()) as ClockComparison;
    expect(comparison).toMatchObject({ kind: 'annual', from: 2060, to: 2061, drafts: true });
    const row = (item: StoredClockItem) => comparison.items.find((r) => r.key === item.id)!;
    expect(row(days)).toMatchObject({ change: 'changed', moved: true, renamed: false, from: { id: days.id, status: 'published', dates: [{ start: '2060-03-10', end: '2060-03-20' }] }, to: { id: draftOf(days).id, status: 'draft', dates: [{ start: '2061-03-09', end: '2061-03-19' }] } });
    expect(row(months)).toMatchObject({ change: 'unchanged', moved: false, renamed: false, to: { id: draftOf(months).id } });
    expect(row(renamed)).toMatchObject({ change: 'changed', moved: false, renamed: true, from: { title: { fi: 'Nimi vaihtuu' } }, to: { title: { fi: 'Uusi nimi' } } });
    // THL's school health survey is in odd years, TEA in even years.
    expect(comparison.items.filter((r) => r.change === 'added').map((r) => r.to!.title.fi).join()).toMatch(/kouluterveyskysely/i);
    expect(comparison.items.filter((r) => r.change === 'removed').map((r) => r.from!.title.fi).join()).toMatch(/TEA/);
    expect(comparison.counts.added + comparison.counts.removed + comparison.counts.changed + comparison.counts.unchanged).toBe(comparison.items.length);

    // Without drafts, as the public sees it: each item matched with itself.
    const plain = (await (await request('/api/clock/compare?from=2060&to=2061')).json()) as ClockComparison;
    expect(plain.drafts).toBe(false);
    expect(plain.items.find((r) => r.key === renamed.id)).toMatchObject({ change: 'unchanged', from: { id: renamed.id }, to: { id: renamed.id } });
    expect(plain.items.every((r) => r.from?.status !== 'draft' && r.to?.status !== 'draft')).toBe(true);
  });

  it.each([
    ['from=2026', 'to'],
    ['from=1999&to=2027', 'from'],
    ['from=2026&to=2027&kind=term', 'from'],
    ['from=2026&to=2027&x=1', 'x'],
  ])('a bad query %s is refused naming %s', async (query, field) => {
    const response = await request(`/api/clock/compare?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toContain(field);
  });
});

describe('rolling the council term over', () => {
  const term = async (date: string, headers: Record<string, string> = {}, drafts = false) => {
    const response = await request(`/api/council-term?date=${date}${drafts ? '&drafts=include' : ''}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as CouncilTermClock;
  };

  it('makes a draft for the next term of every item of the term, once; a published one replaces its item in that term only', async () => {
    const pohde = await bearerFor('pohde');
    const own = await addItem(pohde, { kind: 'term', span: null, title: { fi: 'Kauden kohta 2065' }, termYears: { start: 2, end: 3 } });
    const of2065 = await term('2066-01-01');
    expect(of2065.term.name).toBe('2065–2069');
    const result = await rollOver(pohde, { term: 2065 });
    expect(result).toMatchObject({ from: { term: 2065 }, to: { term: 2069 }, created: of2065.items.length, skipped: 0 });
    expect(result.created).toBeGreaterThan(10);
    for (const draft of result.drafts) expect(draft).toMatchObject({ status: 'draft', kind: 'term', forTermStart: 2069 });
    const draft = result.drafts.find((d) => d.replacesItem === own.id)!;
    expect(draft).toMatchObject({ title: own.title, termYears: { start: 2, end: 3 }, ring: own.ring });
    const before = await rowCounts(TABLES);
    expect((await rollOver(pohde, { term: 2065 })).created).toBe(0);
    expect(await rowCounts(TABLES)).toEqual(before);

    // Not public until published.
    expect((await term('2070-01-01')).items.some((i) => i.status === 'draft')).toBe(false);
    const preview = await term('2070-01-01', { Authorization: pohde }, true);
    expect(preview.items.find((i) => i.id === draft.id)).toMatchObject({ status: 'draft', replacesItem: own.id });
    expect(preview.items.some((i) => i.id === own.id)).toBe(false);

    const etag = (await request(`/api/clock/items/${draft.id}`, { headers: { Authorization: pohde } })).headers.get('ETag')!;
    expect((await jsonRequest('PATCH', `/api/clock/items/${draft.id}`, { termYears: { start: 3, end: 4 } }, { Authorization: pohde, 'If-Match': etag })).status).toBe(200);
    expect((await request(`/api/clock/items/${draft.id}/publish`, { method: 'POST', headers: { Authorization: pohde } })).status).toBe(200);
    const of2069 = await term('2070-01-01');
    expect(of2069.items.find((i) => i.id === draft.id)).toMatchObject({ status: 'published', termYears: { start: 3, end: 4 }, span: { start: '2071-06-01', end: '2073-05-31' } });
    expect(of2069.items.some((i) => i.id === own.id)).toBe(false);
    // The term before and the one after keep the item itself.
    expect((await term('2066-01-01')).items.find((i) => i.id === own.id)?.termYears).toEqual({ start: 2, end: 3 });
    expect((await term('2074-01-01')).items.find((i) => i.id === own.id)?.termYears).toEqual({ start: 2, end: 3 });
    expect((await term('2074-01-01')).items.some((i) => i.id === draft.id)).toBe(false);

    const comparison = (await (await request('/api/clock/compare?kind=term&from=2065&to=2069')).json()) as ClockComparison;
    expect(comparison.items.find((r) => r.key === own.id)).toMatchObject({ change: 'changed', moved: true, renamed: false, from: { id: own.id, termYears: { start: 2, end: 3 } }, to: { id: draft.id, termYears: { start: 3, end: 4 } } });
    expect(comparison.counts.changed).toBe(1);
    expect(comparison.counts.unchanged).toBe(comparison.items.length - 1);
  });

  it('publishes every draft of a term at once; a year that begins no term is refused naming term', async () => {
    const pohde = await bearerFor('pohde');
    const result = await rollOver(pohde, { term: 2073 });
    const all = await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/publish', { term: 2077 }, { Authorization: pohde });
    expect(((await all.json()) as PublishDraftsResult).published).toBe(result.created);
    expect((await term('2078-01-01')).items.filter((i) => i.replacesItem !== null)).toHaveLength(result.created);
    const refused = await jsonRequest('POST', '/api/clocks/pohjois-pohjanmaa/publish', { term: 2078 }, { Authorization: pohde });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).errors).toMatchObject([{ field: 'term', rule: 'term-start' }]);
  });
});
