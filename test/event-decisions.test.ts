/**
 * A decision made at an event: the council meeting that approves a report,
 * with its preparation steps in working days before it. The event's item on
 * the clock shows it on the day of each occurrence, with the steps' dates
 * over Finnish holidays, and /clock.ics has each as an all-day event.
 */
import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { AnnualClock, StoredClockItem } from '../worker/shared/clock';
import type { Event, EventInput } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import { Temporal } from '../worker/domain/time';
import { bearerFor, createEvent, jsonRequest, request, rowCounts, workshop } from './helpers';

const t = (fi: string, sv?: string) => ({ fi, sv: sv ?? null, en: null });

/** An annual item of the regional clock for the events to realise. */
async function clockItem(authorization: string): Promise<number> {
  const created = await jsonRequest('POST', '/api/clock/items', { ring: 'kunnat', kind: 'annual', title: { fi: 'Hyvinvointiraportin käsittely' }, span: { startMonth: 1, endMonth: 12 } }, { Authorization: authorization });
  expect(created.status).toBe(201);
  return ((await created.json()) as StoredClockItem).id;
}

const steps = [
  { title: { fi: 'Esityslistan määräaika' }, workingDaysBefore: 10 },
  { title: { fi: 'Kunnanhallitus' }, workingDaysBefore: 15 },
  { title: { fi: 'Lautakunta', sv: 'Nämnden' }, workingDaysBefore: 25 },
];

const council = (item: number, overrides: Partial<EventInput> = {}): EventInput =>
  workshop({
    title: { fi: 'Valtuuston kokous', sv: 'Fullmäktiges möte', en: null },
    type: 'verkostotapaaminen',
    start: '2027-01-07T17:00',
    end: '2027-01-07T20:00',
    clockItem: item,
    decision: { title: { fi: 'Valtuusto hyväksyy hyvinvointiraportin', sv: 'Fullmäktige godkänner välfärdsrapporten' }, steps },
    ...overrides,
  });

async function annual(year: number): Promise<AnnualClock> {
  return (await (await request(`/api/clock?year=${year}`)).json()) as AnnualClock;
}

const eventsOf = (clock: AnnualClock, item: number) => clock.items.find((i) => i.id === item)!.events;

/** The VEVENTs of an event's decision days as node-ical reads them, in the feed's order. */
const nodeIcalDays = (text: string, eventId: string): VEvent[] =>
  Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT' && String(c.uid).startsWith(`clock-event-${eventId}-`));

describe('a decision made at an event', () => {
  it('is stored with the event and dated on its day, its steps over Christmas and New Year, on the clock and in /clock.ics', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const { event } = await createEvent(pohde, council(item));
    // Stored earliest first, blank translations as null.
    expect(event.decision).toEqual({
      title: t('Valtuusto hyväksyy hyvinvointiraportin', 'Fullmäktige godkänner välfärdsrapporten'),
      steps: [
        { title: t('Lautakunta', 'Nämnden'), workingDaysBefore: 25 },
        { title: t('Kunnanhallitus'), workingDaysBefore: 15 },
        { title: t('Esityslistan määräaika'), workingDaysBefore: 10 },
      ],
    });
    expect(((await (await request(`/api/events/${event.id}`)).json()) as Event).decision).toEqual(event.decision);

    // Thursday 7 January 2027: Epiphany (6 Jan), New Year's Day and Christmas Eve to St Stephen's Day are not working days.
    const [linked] = eventsOf(await annual(2027), item);
    expect(linked!.plans).toEqual([
      {
        decision: { title: t('Valtuusto hyväksyy hyvinvointiraportin', 'Fullmäktige godkänner välfärdsrapporten'), date: '2027-01-07' },
        steps: [
          { title: t('Lautakunta', 'Nämnden'), workingDaysBefore: 25, date: '2026-11-27' },
          { title: t('Kunnanhallitus'), workingDaysBefore: 15, date: '2026-12-11' },
          { title: t('Esityslistan määräaika'), workingDaysBefore: 10, date: '2026-12-18' },
        ],
      },
    ]);
    // The event is not in 2026: its steps are, and /clock.ics of 2026 (2026 and 2027) has them.
    expect(eventsOf(await annual(2026), item)).toEqual([]);

    const text = await (await request('/clock.ics?year=2026&lang=sv')).text();
    const expected = [
      [`clock-event-${event.id}-2027-01-07-decision`, 'Beslut: Fullmäktige godkänner välfärdsrapporten', '2027-01-07'],
      [`clock-event-${event.id}-2027-01-07-step-0`, 'Nämnden: Fullmäktige godkänner välfärdsrapporten', '2026-11-27'],
      [`clock-event-${event.id}-2027-01-07-step-1`, 'Kunnanhallitus: Fullmäktige godkänner välfärdsrapporten', '2026-12-11'],
      [`clock-event-${event.id}-2027-01-07-step-2`, 'Esityslistan määräaika: Fullmäktige godkänner välfärdsrapporten', '2026-12-18'],
    ];
    const byIcalJs = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.uid.startsWith(`clock-event-${event.id}-`));
    expect(byIcalJs.map((e) => [e.uid.replace(/@.*/, ''), e.summary, e.startDate.toString()])).toEqual(expected);
    expect(byIcalJs.every((e) => e.startDate.isDate && e.endDate.toString() === Temporal.PlainDate.from(e.startDate.toString()).add({ days: 1 }).toString())).toBe(true);
    expect(byIcalJs[0]!.description).toBe('Fullmäktiges möte');
    expect(byIcalJs[0]!.component.getFirstPropertyValue('url')).toMatch(new RegExp(`/events/${event.id}$`));
    // node-ical reads the same days under the same UIDs.
    expect(nodeIcalDays(text, event.id).map((c) => [c.uid.replace(/@.*/, ''), String(c.summary), c.start.dateOnly])).toEqual(expected.map(([uid, summary]) => [uid, summary, true]));
  });

  it('in a series is on the day of each occurrence that takes place, its steps across Easter, and a decision at a Saturday is made that Saturday', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const { event } = await createEvent(
      pohde,
      council(item, {
        title: { fi: 'Hyvinvointiryhmän kokous' },
        start: '2027-03-02T13:00',
        end: '2027-03-02T15:00',
        recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=5', exceptions: [{ occurrence: '2027-05-04T13:00', kind: 'removed' }, { occurrence: '2027-07-06T13:00', kind: 'cancelled' }] },
        decision: { title: { fi: 'Ryhmä hyväksyy kuukauden toimet' }, steps: [{ title: { fi: 'Aineisto jäsenille' }, workingDaysBefore: 7 }] },
      }),
    );
    const [linked] = eventsOf(await annual(2027), item);
    // 6 April 2027: Easter Monday 29 March and Good Friday 26 March are not counted. 4 May is removed, 6 July cancelled.
    expect(linked!.plans.map((p) => [p.decision.date, p.steps.map((s) => s.date)])).toEqual([
      ['2027-03-02', ['2027-02-19']],
      ['2027-04-06', ['2027-03-24']],
      ['2027-06-01', ['2027-05-21']],
    ]);

    // An event not indexed yet (restored, say) has its rule expanded instead, with the same days.
    await env.DB.batch([env.DB.prepare('DELETE FROM occurrences WHERE event_id = ?1').bind(event.id), env.DB.prepare('UPDATE events SET indexed_until = NULL WHERE id = ?1').bind(event.id)]);
    expect(eventsOf(await annual(2027), item).find((e) => e.id === event.id)!.plans).toEqual(linked!.plans);

    const { event: midsummer } = await createEvent(
      pohde,
      council(item, { allDay: true, start: '2027-06-26', end: '2027-06-26', decision: { title: { fi: 'Juhannusseminaarin julkilausuma' }, steps: [{ title: { fi: 'Luonnos' }, workingDaysBefore: 1 }] } }),
    );
    // Midsummer Day, a Saturday: the decision stays there; the working day before is Thursday, not Midsummer Eve.
    const shown = eventsOf(await annual(2027), item).find((e) => e.id === midsummer.id)!;
    expect(shown.plans).toEqual([{ decision: { title: t('Juhannusseminaarin julkilausuma'), date: '2027-06-26' }, steps: [{ title: t('Luonnos'), workingDaysBefore: 1, date: '2027-06-24' }] }]);

    // Distinct UIDs per occurrence and step in the feed.
    const text = await (await request('/clock.ics?year=2027')).text();
    const uids = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
    expect(uids.filter((uid) => uid.startsWith(`clock-event-${event.id}-`)).map((uid) => uid.replace(/@.*/, ''))).toEqual(
      ['2027-03-02', '2027-04-06', '2027-06-01'].flatMap((date) => [`clock-event-${event.id}-${date}-decision`, `clock-event-${event.id}-${date}-step-0`]),
    );
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('of a daily series without end is on the first 12 days of the year (24 in the two years of the feed), read from the occurrence index', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const { event } = await createEvent(pohde, council(item, { start: '2026-12-01T08:00', end: '2026-12-01T09:00', recurrence: { rrule: 'FREQ=DAILY', exceptions: [] } }));
    const plans = eventsOf(await annual(2027), item).find((e) => e.id === event.id)!.plans;
    expect(plans.map((p) => p.decision.date)).toEqual(Array.from({ length: 12 }, (_, i) => `2027-01-${String(i + 1).padStart(2, '0')}`));
    // /clock.ics of 2027 holds two years: the first 24 days, each the decision and its three steps.
    const text = await (await request('/clock.ics?year=2027')).text();
    const days = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid'))).filter((uid) => uid.startsWith(`clock-event-${event.id}-`));
    expect(days).toHaveLength(24 * 4);
    expect(days.at(-1)).toContain('2027-01-24-step-2');
  });

  it('is edited with a merge patch, cleared with null, and the clock feed changes with it', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const { event, etag } = await createEvent(pohde, council(item));
    const before = (await request('/clock.ics?year=2026')).headers.get('ETag');
    // A field given replaces the stored one, as every field of an event does: here the title, and the steps given.
    const decision = { title: { fi: 'Valtuusto merkitsee raportin tiedoksi' }, steps: [{ title: { fi: 'Kunnanhallitus' }, workingDaysBefore: 15 }] };
    const renamed = await jsonRequest('PATCH', `/api/events/${event.id}`, { decision }, { Authorization: pohde, 'If-Match': etag });
    expect(renamed.status).toBe(200);
    const edited = (await renamed.json()) as Event;
    expect(edited.decision).toEqual({ title: t('Valtuusto merkitsee raportin tiedoksi'), steps: [{ title: t('Kunnanhallitus'), workingDaysBefore: 15 }] });
    expect(eventsOf(await annual(2027), item)[0]!.plans[0]!.steps.map((s) => s.date)).toEqual(['2026-12-11']);
    // Other fields edited leave it as it is.
    const retitled = await jsonRequest('PATCH', `/api/events/${event.id}`, { title: { fi: 'Valtuuston kokous 1/2027' } }, { Authorization: pohde, 'If-Match': renamed.headers.get('ETag')! });
    expect(((await retitled.json()) as Event).decision).toEqual(edited.decision);
    const after = await request('/clock.ics?year=2026');
    expect(after.headers.get('ETag')).not.toBe(before);
    expect(await after.text()).toContain('SUMMARY:Päätös: Valtuusto merkitsee raportin tiedoksi');

    const cleared = await jsonRequest('PATCH', `/api/events/${event.id}`, { decision: null }, { Authorization: pohde, 'If-Match': retitled.headers.get('ETag')! });
    expect(((await cleared.json()) as Event).decision).toBeNull();
    expect(eventsOf(await annual(2027), item)[0]!.plans).toEqual([]);
    expect(await (await request('/clock.ics?year=2026')).text()).not.toContain(`clock-event-${event.id}-`);
  });

  it('of a draft, a cancelled or a members-only event is not on the public clock', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const { event: draft } = await createEvent(pohde, council(item, { status: 'draft' }));
    const { event: members } = await createEvent(pohde, council(item, { visibility: 'members', title: { fi: 'Jäsenten kokous' } }));
    const { event: cancelled, etag } = await createEvent(pohde, council(item));
    expect((await jsonRequest('POST', `/api/events/${cancelled.id}/cancel`, { reason: 'Siirtyy' }, { Authorization: pohde, 'If-Match': etag })).status).toBe(200);
    const shown = eventsOf(await annual(2027), item);
    expect(shown.map((e) => [e.id, e.status, e.plans])).toEqual([[cancelled.id, 'cancelled', []]]);
    const text = await (await request('/clock.ics?year=2027')).text();
    for (const id of [draft.id, members.id, cancelled.id]) expect(text).not.toContain(`clock-event-${id}-`);
    expect(text).not.toContain('Jäsenten kokous');
  });

  it('escapes its texts in /clock.ics so that every reader gets them back', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const title = 'Päätös; talousarvio, liite \\ 2 "A"';
    const { event } = await createEvent(pohde, council(item, { decision: { title: { fi: title }, steps: [{ title: { fi: 'Vaihe, 1; alku' }, workingDaysBefore: 3 }] } }));
    const text = await (await request('/clock.ics?year=2027')).text();
    expect(text).toContain('SUMMARY:Päätös: Päätös\\; talousarvio\\, liite \\\\ 2 "A"');
    const read = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).filter((e) => e.uid.startsWith(`clock-event-${event.id}-`));
    expect(read.map((e) => e.summary)).toEqual([`Päätös: ${title}`, `Vaihe, 1; alku: ${title}`]);
    expect(nodeIcalDays(text, event.id).map((c) => String(c.summary))).toEqual([`Päätös: ${title}`, `Vaihe, 1; alku: ${title}`]);
  });

  it('that breaks a rule is a 422 naming the field and the rule, and nothing is written', async () => {
    const pohde = await bearerFor('pohde');
    const item = await clockItem(pohde);
    const before = await rowCounts();
    const decision = (patch: object) => ({ title: { fi: 'Päätös' }, steps: [{ title: { fi: 'Vaihe' }, workingDaysBefore: 5 }], ...patch });
    const cases: [object, string, string][] = [
      [{ steps: [{ title: { fi: 'Vaihe' }, workingDaysBefore: 0 }] }, 'decision.steps[0].workingDaysBefore', 'too-small'],
      [{ steps: [{ title: { fi: 'Vaihe' }, workingDaysBefore: 251 }] }, 'decision.steps[0].workingDaysBefore', 'too-big'],
      [{ steps: [{ title: { fi: 'Vaihe' }, workingDaysBefore: 2.5 }] }, 'decision.steps[0].workingDaysBefore', 'invalid-type'],
      [{ steps: [{ title: { fi: '' }, workingDaysBefore: 5 }] }, 'decision.steps[0].title.fi', 'too-small'],
      [{ steps: Array.from({ length: 11 }, () => ({ title: { fi: 'Vaihe' }, workingDaysBefore: 5 })) }, 'decision.steps', 'too-big'],
      [{ title: { fi: '' } }, 'decision.title.fi', 'too-small'],
      [{ title: { fi: 'Päätös\u2028rivi' } }, 'decision.title.fi', 'line-separator'],
      [{ month: 6 }, 'decision.month', 'unknown-field'],
    ];
    for (const [patch, field, rule] of cases) {
      const response = await jsonRequest('POST', '/api/events', council(item, { decision: decision(patch) as EventInput['decision'] }), { Authorization: pohde });
      expect(response.status, field).toBe(422);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).errors, `${field} ${rule}`).toContainEqual(expect.objectContaining({ field, rule }));
    }
    expect(await rowCounts()).toEqual(before);
    // Who may not write events is told so before the decision is looked at.
    expect((await jsonRequest('POST', '/api/events', council(item, { decision: decision({ title: { fi: '' } }) as EventInput['decision'] }))).status).toBe(401);
  });
});
