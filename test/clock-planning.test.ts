/**
 * Planning back from a decision: an annual item carries a decision (a title,
 * a day of the year) and preparation steps in working days before it; the
 * API, the wheel's data and /clock.ics give their dates over Finnish holidays.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { AnnualClock, ClockItemInput, StoredClockItem } from '../worker/shared/clock';
import type { Problem } from '../worker/shared/problems';
import { bearerFor, jsonRequest, request, rowCounts } from './helpers';

const t = (fi: string, sv?: string) => ({ fi, sv: sv ?? null, en: null });

const reportItem = (overrides: Partial<ClockItemInput> = {}): ClockItemInput => ({
  ring: 'kunnat',
  kind: 'annual',
  title: { fi: 'Vuosiraportti valtuustolle (suunnittelu)' },
  span: { startMonth: 11, endMonth: 1 },
  decision: {
    title: { fi: 'Valtuusto hyväksyy raportin', sv: 'Fullmäktige godkänner rapporten' },
    month: 1,
    day: 7,
    steps: [
      { title: { fi: 'Esityslistan määräaika' }, workingDaysBefore: 10 },
      { title: { fi: 'Kunnanhallitus' }, workingDaysBefore: 15 },
      { title: { fi: 'Lautakunta' }, workingDaysBefore: 25 },
    ],
  },
  ...overrides,
});

describe('a decision with preparation steps', () => {
  it('is stored with its item and dated over Christmas and New Year in the clock and in its feed', async () => {
    const pohde = await bearerFor('pohde');
    const created = await jsonRequest('POST', '/api/clock/items', reportItem(), { Authorization: pohde });
    expect(created.status).toBe(201);
    const item = (await created.json()) as StoredClockItem;
    // Stored earliest first.
    expect(item.decision).toEqual({
      title: t('Valtuusto hyväksyy raportin', 'Fullmäktige godkänner rapporten'),
      month: 1,
      day: 7,
      steps: [
        { title: t('Lautakunta'), workingDaysBefore: 25 },
        { title: t('Kunnanhallitus'), workingDaysBefore: 15 },
        { title: t('Esityslistan määräaika'), workingDaysBefore: 10 },
      ],
    });

    // The occurrence of November 2026 – January 2027: the decision on Thursday 7 January 2027.
    const clock = (await (await request('/api/clock?year=2026')).json()) as AnnualClock;
    const shown = clock.items.find((i) => i.id === item.id)!;
    const plan = shown.plans.find((p) => p.decision.date.startsWith('2027'))!;
    expect(plan.decision.date).toBe('2027-01-07');
    // 10 working days before: Fri 18 Dec 2026 (Epiphany 6 Jan, New Year's Day, Christmas Eve to St Stephen's Day off).
    // 15: Mon 21 Dec = 9, Fri 18 = 10, Thu 17 = 11, Wed 16 = 12, Tue 15 = 13, Mon 14 = 14, Fri 11 Dec = 15.
    // 25: Thu 10 = 16, Wed 9 = 17, Tue 8 = 18, Mon 7 = 19, Fri 4 = 20, Thu 3 = 21, Wed 2 = 22, Tue 1 = 23, Mon 30 Nov = 24, Fri 27 Nov = 25.
    expect(plan.steps.map((s) => [s.title.fi, s.workingDaysBefore, s.date])).toEqual([
      ['Lautakunta', 25, '2026-11-27'],
      ['Kunnanhallitus', 15, '2026-12-11'],
      ['Esityslistan määräaika', 10, '2026-12-18'],
    ]);

    // In /clock.ics (2026 and 2027): the decision and each step a day of their own, in Swedish where there is Swedish.
    const text = await (await request('/clock.ics?year=2026&lang=sv')).text();
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const mine = events.filter((e) => e.uid.startsWith(`clock-${item.id}-2026-11-01-`));
    expect(mine.map((e) => [e.summary, e.startDate.toString(), e.endDate.toString()])).toEqual([
      ['Beslut: Fullmäktige godkänner rapporten', '2027-01-07', '2027-01-08'],
      ['Lautakunta: Fullmäktige godkänner rapporten', '2026-11-27', '2026-11-28'],
      ['Kunnanhallitus: Fullmäktige godkänner rapporten', '2026-12-11', '2026-12-12'],
      ['Esityslistan määräaika: Fullmäktige godkänner rapporten', '2026-12-18', '2026-12-19'],
    ]);
    expect(mine[3]!.description).toContain('10 arbetsdagar före beslutet (2027-01-07)');
  });

  it("comes with the template's yearly wellbeing report: the council on 15 June and its steps before it", async () => {
    const clock = (await (await request('/api/clock?year=2027')).json()) as AnnualClock;
    const report = clock.items.find((i) => i.title.fi === 'Hyvinvointikertomuksen vuosiraportointi valtuustolle')!;
    // Tuesday 15 June 2027. 10 working days before: Mon 14 = 1 … Tue 1 June = 10; 15: Mon 31 May = 11 … Tue 25 May = 15;
    // 25: Mon 24 = 16 … Tue 11 May = 25 (Whit Sunday 16 May is a Sunday anyway).
    expect(report.plans).toEqual([
      {
        decision: { title: expect.objectContaining({ fi: 'Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin' }), date: '2027-06-15' },
        steps: [
          { title: expect.objectContaining({ fi: 'Lautakunta', en: 'Committee' }), workingDaysBefore: 25, date: '2027-05-11' },
          { title: expect.objectContaining({ fi: 'Kunnanhallitus' }), workingDaysBefore: 15, date: '2027-05-25' },
          { title: expect.objectContaining({ fi: 'Esityslistan määräaika' }), workingDaysBefore: 10, date: '2027-06-01' },
        ],
      },
    ]);
  });

  it('moves a decision day that is not a working day to the working day before it', async () => {
    const pohde = await bearerFor('pohde');
    // 20 June 2026 is Midsummer Day (a Saturday), and Friday 19 June is Midsummer Eve: the decision is on Thursday 18 June.
    const created = await jsonRequest('POST', '/api/clock/items', reportItem({ span: { startMonth: 5, endMonth: 6 }, decision: { title: { fi: 'Päätös' }, month: 6, day: 20, steps: [{ title: { fi: 'Valmistelu' }, workingDaysBefore: 1 }] } }), { Authorization: pohde });
    const { id } = (await created.json()) as StoredClockItem;
    const clock = (await (await request('/api/clock?year=2026')).json()) as AnnualClock;
    expect(clock.items.find((i) => i.id === id)!.plans).toEqual([{ decision: { title: t('Päätös'), date: '2026-06-18' }, steps: [{ title: t('Valmistelu'), workingDaysBefore: 1, date: '2026-06-17' }] }]);
  });

  it('is edited and removed with the item, with If-Match', async () => {
    const pohde = await bearerFor('pohde');
    const created = await jsonRequest('POST', '/api/clock/items', reportItem(), { Authorization: pohde });
    const { id } = (await created.json()) as StoredClockItem;
    const edited = await jsonRequest('PATCH', `/api/clock/items/${id}`, { decision: { title: { fi: 'Uusi päätös' }, month: 1, day: 14 } }, { Authorization: pohde, 'If-Match': created.headers.get('ETag')! });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as StoredClockItem).decision).toEqual({ title: t('Uusi päätös'), month: 1, day: 14, steps: [] });
    const cleared = await jsonRequest('PATCH', `/api/clock/items/${id}`, { decision: null }, { Authorization: pohde, 'If-Match': edited.headers.get('ETag')! });
    expect(((await cleared.json()) as StoredClockItem).decision).toBeNull();
  });

  it('that breaks a rule is a 422 naming the field and the rule, and nothing is written', async () => {
    const pohde = await bearerFor('pohde');
    const before = await rowCounts(['clock_items', 'audit_log']);
    const cases: [unknown, string, string][] = [
      [reportItem({ decision: { title: { fi: 'Päätös' }, month: 4, day: 31 } }), 'decision.day', 'in-month'],
      [reportItem({ decision: { title: { fi: 'Päätös' }, month: 13, day: 1 } }), 'decision.month', 'too-big'],
      [reportItem({ decision: { title: { fi: 'Päätös' }, month: 6, day: 1, steps: [{ title: { fi: 'Valmistelu' }, workingDaysBefore: 0 }] } }), 'decision.steps[0].workingDaysBefore', 'too-small'],
      [reportItem({ decision: { title: { fi: '' }, month: 6, day: 1 } }), 'decision.title.fi', 'too-small'],
      [{ ...reportItem(), kind: 'term', span: null, termYears: { start: 1, end: 1 } }, 'decision', 'annual-only'],
    ];
    for (const [body, field, rule] of cases) {
      const response = await jsonRequest('POST', '/api/clock/items', body, { Authorization: pohde });
      expect(response.status, field).toBe(422);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).errors, field).toContainEqual(expect.objectContaining({ field, rule }));
    }
    expect(await rowCounts(['clock_items', 'audit_log'])).toEqual(before);
  });

  it('may not be written by someone who may not write the clock: 401 without a token, 403 for a municipality', async () => {
    expect((await jsonRequest('POST', '/api/clock/items', reportItem())).status).toBe(401);
    expect((await jsonRequest('POST', '/api/clock/items', reportItem({ decision: { title: { fi: '' }, month: 13, day: 40 } }), { Authorization: await bearerFor('oulun-kaupunki') })).status).toBe(403);
  });
});
