import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AnnualClock, ClockItemInput, CouncilTermClock, StoredClockItem } from '../worker/shared/clock';
import type { Problem } from '../worker/shared/problems';
import { CATEGORY_COLOURS } from '../worker/shared/clock-categories';
import { bearerFor, jsonRequest, request, rowCounts } from './helpers';

const item = (overrides: Partial<ClockItemInput> = {}): ClockItemInput => ({
  ring: 'hyvinvointialue',
  kind: 'annual',
  title: { fi: 'Hyte-kertoimen raportointi' },
  span: { startMonth: 4, startDay: 15, endMonth: 5, endDay: 31 },
  colour: '#6a1b9a',
  responsibleOrganisation: 'pohde',
  source: 'Laki hyvinvointialueesta 611/2021',
  links: [{ title: 'Ohje', url: 'https://pohde.fi/ohje' }],
  ...overrides,
});

async function create(authorization: string, body: unknown, clock?: string) {
  return jsonRequest('POST', `/api/clock/items${clock ? `?clock=${clock}` : ''}`, body, { Authorization: authorization });
}

describe('writing clock items', () => {
  it('the wellbeing county adds an item to the regional clock; it shows in the clock and in its feed', async () => {
    const pohde = await bearerFor('pohde');
    const feedEtag = (await request('/clock.ics?year=2030')).headers.get('ETag');
    const response = await create(pohde, item({ title: { fi: 'Uusi kohta 2030' } }));
    expect(response.status).toBe(201);
    expect(response.headers.get('ETag')).toMatch(/^"[0-9a-z]{16}"$/);
    const created = (await response.json()) as StoredClockItem;
    expect(created).toMatchObject({ clock: 'pohjois-pohjanmaa', ring: 'hyvinvointialue', span: { startMonth: 4, startDay: 15, endMonth: 5, endDay: 31 }, repeat: 'yearly' });
    const clock = (await (await request('/api/clock?year=2030')).json()) as AnnualClock;
    expect(clock.items.find((i) => i.id === created.id)?.occurrences).toEqual([{ start: '2030-04-15', end: '2030-05-31' }]);
    expect((await request('/clock.ics?year=2030')).headers.get('ETag')).not.toBe(feedEtag);
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE entity = 'clock_item' AND entity_id = ?1").bind(String(created.id)).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['create']);
  });

  it("a new item takes its category's colour, whatever colour it is sent with, so that the legend holds", async () => {
    const pohde = await bearerFor('pohde');
    const created = (await (await create(pohde, item({ title: { fi: 'Tiedonkeruu sinisenä' }, category: 'tiedonkeruu', colour: '#00508c' }))).json()) as StoredClockItem;
    expect(created.colour).toBe(CATEGORY_COLOURS.tiedonkeruu);
    const edited = await jsonRequest('PATCH', `/api/clock/items/${created.id}`, { category: 'talous' }, { Authorization: pohde, 'If-Match': (await request(`/api/clock/items/${created.id}`)).headers.get('ETag')! });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as StoredClockItem).colour).toBe(CATEGORY_COLOURS.talous);
    // Every item of a category has one colour, the template's items too: one legend entry each.
    const clock = (await (await request('/api/clock?year=2031')).json()) as AnnualClock;
    const colours = new Map<string, Set<string>>();
    for (const { category, colour } of clock.items) colours.set(category, (colours.get(category) ?? new Set()).add(colour));
    expect(colours.size).toBeGreaterThan(3);
    for (const [category, set] of colours) expect([...set], category).toEqual([CATEGORY_COLOURS[category as keyof typeof CATEGORY_COLOURS]]);
  });

  it('someone else may not: no token 401, a municipality 403, and nothing is written', async () => {
    const before = await rowCounts();
    expect((await jsonRequest('POST', '/api/clock/items', item())).status).toBe(401);
    expect((await create(await bearerFor('oulun-kaupunki'), item())).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    [{ span: null }, 'span'],
    [{ span: { startMonth: 4, startDay: 31, endMonth: 5 } }, 'span.startDay'],
    [{ span: { startMonth: 13, endMonth: 5 } }, 'span.startMonth'],
    [{ kind: 'term' as const, span: null, termYears: { start: 3, end: 2 } }, 'termYears.end'],
    [{ kind: 'term' as const, span: null }, 'termYears'],
    [{ repeat: 'once' as const }, 'onceYear'],
    [{ ring: 'ei-ole' }, 'ring'],
    [{ responsibleOrganisation: 'acme' }, 'responsibleOrganisation'],
    [{ colour: 'red' }, 'colour'],
    [{ links: [{ title: 'x', url: 'javascript:alert(1)' }] }, 'links[0].url'],
    [{ shortTitle: { fi: 'x'.repeat(61) } }, 'shortTitle.fi'],
    [{ shortTitle: { sv: 'rad\nbrytning' } }, 'shortTitle.sv'],
  ])('bad input %j is refused naming %s', async (overrides, field) => {
    const response = await create(await bearerFor('pohde'), item(overrides as Partial<ClockItemInput>));
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toContain(field);
  });

  it('keeps a short name per language for the wheel; a blank one is none, and null clears them', async () => {
    const pohde = await bearerFor('pohde');
    const response = await create(pohde, item({ title: { fi: 'Hyvinvointikertoimen raportointi hyvinvointialueelle', sv: 'Rapportering' }, shortTitle: { fi: 'HYTE-kerroin', sv: ' ', en: 'HYTE factor' } }));
    const created = (await response.json()) as StoredClockItem;
    expect(created.shortTitle).toEqual({ fi: 'HYTE-kerroin', sv: null, en: 'HYTE factor' });
    const clock = (await (await request('/api/clock?year=2030')).json()) as AnnualClock;
    expect(clock.items.find((i) => i.id === created.id)?.shortTitle).toEqual({ fi: 'HYTE-kerroin', sv: null, en: 'HYTE factor' });
    const cleared = await jsonRequest('PATCH', `/api/clock/items/${created.id}`, { shortTitle: null }, { Authorization: pohde, 'If-Match': response.headers.get('ETag')! });
    expect(((await cleared.json()) as StoredClockItem).shortTitle).toEqual({ fi: null, sv: null, en: null });
  });

  it("the regional clock carries the template's short names", async () => {
    const clock = (await (await request('/api/clock?year=2026')).json()) as AnnualClock;
    expect(clock.items.find((i) => i.title.fi.startsWith('Hyvinvoinnin tilannekuvaseminaari'))?.shortTitle).toEqual({ fi: 'Tilannekuvaseminaari', sv: 'Lägesbildsseminarium', en: 'Situation-picture seminar' });
  });

  it('edits with If-Match; a stale one gets 412 and changes nothing; a missing one 428', async () => {
    const pohde = await bearerFor('pohde');
    const response = await create(pohde, item());
    const created = (await response.json()) as StoredClockItem;
    const etag = response.headers.get('ETag')!;
    const edited = await jsonRequest('PATCH', `/api/clock/items/${created.id}`, { span: { startMonth: 5, endMonth: 6 }, title: { fi: 'Siirretty kohta' } }, { Authorization: pohde, 'If-Match': etag });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ title: { fi: 'Siirretty kohta' }, span: { startMonth: 5, startDay: null, endMonth: 6, endDay: null }, links: [{ title: 'Ohje' }] });
    const stale = await jsonRequest('PATCH', `/api/clock/items/${created.id}`, { title: { fi: 'Myöhässä' } }, { Authorization: pohde, 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(((await (await request(`/api/clock/items/${created.id}`)).json()) as StoredClockItem).title.fi).toBe('Siirretty kohta');
    expect((await jsonRequest('PATCH', `/api/clock/items/${created.id}`, { title: { fi: 'X' } }, { Authorization: pohde })).status).toBe(428);
  });
});

describe("an organisation's own clock", () => {
  it('is created from the statutory template in one step, and its organisation edits only it', async () => {
    const oulu = await bearerFor('oulun-kaupunki');
    const response = await jsonRequest('POST', '/api/clocks', { startMonth: 8 }, { Authorization: oulu });
    expect(response.status).toBe(201);
    const clock = (await response.json()) as AnnualClock;
    expect(clock.clock).toMatchObject({ slug: 'oulun-kaupunki-vuosikello', organisation: 'oulun-kaupunki', startMonth: 8 });
    expect(clock.clock.name.fi).toBe('Hyvinvointityön vuosikello: Oulun kaupunki');
    expect(clock.clock.rings.map((r) => r.slug)).toEqual(['kunnat', 'hyvinvointialue', 'maakunta', 'jarjestot']);
    expect(clock.items.every((i) => i.source)).toBe(true);
    const term = (await (await request('/api/council-term?clock=oulun-kaupunki-vuosikello')).json()) as CouncilTermClock;
    expect(term.items.map((i) => i.title.fi)).toContain('Laaja hyvinvointikertomus ja -suunnitelma valtuustokaudelle');
    expect((await jsonRequest('POST', '/api/clocks', {}, { Authorization: oulu })).status).toBe(409);
    expect((await jsonRequest('POST', '/api/clocks', { organisation: 'raahen-kaupunki' }, { Authorization: oulu })).status).toBe(403);
    expect((await create(oulu, item({ responsibleOrganisation: 'oulun-kaupunki' }), 'oulun-kaupunki-vuosikello')).status).toBe(201);
    expect((await create(oulu, item())).status).toBe(403);
  });
});

describe("a clock's rings", () => {
  it('are renamed, reordered and added by the clock\'s organisation; a ring with items cannot be removed', async () => {
    const raahe = await bearerFor('raahen-kaupunki');
    expect((await jsonRequest('POST', '/api/clocks', {}, { Authorization: raahe })).status).toBe(201);
    const rings = [
      { slug: 'hyvinvointialue', name: { fi: 'Pohde' } },
      { slug: 'kunnat', name: { fi: 'Raahen kaupunki', sv: 'Brahestad' } },
      { slug: 'maakunta', name: { fi: 'Maakunta' } },
      { slug: 'jarjestot', name: { fi: 'Järjestöt' } },
      { slug: 'koulut', name: { fi: 'Koulut' } },
    ];
    const response = await jsonRequest('PUT', '/api/clocks/raahen-kaupunki-vuosikello/rings', { rings }, { Authorization: raahe });
    expect(response.status).toBe(200);
    const clock = (await response.json()) as AnnualClock;
    expect(clock.clock.rings.map((r) => [r.slug, r.name.fi])).toEqual(rings.map((r) => [r.slug, r.name.fi]));
    const removing = await jsonRequest('PUT', '/api/clocks/raahen-kaupunki-vuosikello/rings', { rings: rings.slice(1) }, { Authorization: raahe });
    expect(removing.status).toBe(422);
    expect(((await removing.json()) as Problem).errors?.[0]).toMatchObject({ field: 'rings', rule: 'in-use' });
    expect((await jsonRequest('PUT', '/api/clocks/raahen-kaupunki-vuosikello/rings', { rings: rings.filter((r) => r.slug !== 'koulut') }, { Authorization: raahe })).status).toBe(200);
    expect((await jsonRequest('PUT', '/api/clocks/raahen-kaupunki-vuosikello/rings', { rings: [rings[0], rings[0]] }, { Authorization: raahe })).status).toBe(422);
    expect((await jsonRequest('PUT', '/api/clocks/raahen-kaupunki-vuosikello/rings', { rings }, { Authorization: await bearerFor('pohde') })).status).toBe(403);
  });

  it('items carry a category, which the template sets and writers may choose', async () => {
    const body = (await (await request('/api/clock?year=2027')).json()) as AnnualClock;
    expect(body.items.find((i) => i.title.fi === 'Tilinpäätös ja toimintakertomus')?.category).toBe('talous');
    expect(body.items.find((i) => i.title.fi.startsWith('Kouluterveyskysely'))?.category).toBe('tiedonkeruu');
    const created = await create(await bearerFor('pohde'), item({ category: 'yhteistyo' }));
    expect(((await created.json()) as StoredClockItem).category).toBe('yhteistyo');
    expect((await create(await bearerFor('pohde'), item({ category: 'juhla' as 'muu' }))).status).toBe(422);
  });
});
