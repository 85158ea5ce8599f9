/**
 * The feed's text against golden files (CRLF kept), and as two independent
 * parsers read it: ical.js (Mozilla's, used by Thunderbird) and node-ical.
 * Local times are asserted for summer and winter, recurring series with
 * exceptions, cancellations and all-day events.
 *
 * After an intended change of the output: UPDATE_GOLDEN=1 npx vitest run --project node
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { prepareEvent } from '../../worker/domain/events';
import { type TermNames, calendarOf } from '../../worker/domain/ical';
import type { Event, EventInput } from '../../worker/shared/events';
import type { Localized } from '../../worker/shared/text';

const names: TermNames = {
  eventTypes: new Map([['tyopaja', { fi: 'Työpaja', sv: 'Workshop', en: 'Workshop' }], ['verkostotapaaminen', { fi: 'Verkostotapaaminen', sv: 'Nätverksmöte', en: 'Network meeting' }]]),
  networks: new Map([['kulttuurihyvinvointi', { fi: 'Kulttuurihyvinvointiverkosto', sv: 'Nätverket för kulturell välfärd', en: 'Cultural wellbeing network' }]]),
  organisations: new Map([['pohde', { fi: 'Pohjois-Pohjanmaan hyvinvointialue (Pohde)', sv: 'Välfärdsområdet Norra Österbotten', en: null }]]),
  municipalities: new Map(),
};

function stored(id: string, input: Omit<EventInput, 'type'> & { type?: string }, status: Event['status'] = 'published', cancelReason: string | Localized | null = null): Event {
  const reasons = typeof cancelReason === 'string' ? { fi: cancelReason, sv: null, en: null } : cancelReason;
  const { spanStart: _s, spanEnd: _e, ...draft } = prepareEvent({ organisations: ['pohde'], ...input, type: input.type ?? 'tyopaja' }, 'pohde', status, reasons);
  return { ...draft, id, sequence: status === 'cancelled' ? 1 : 0, createdAt: '2026-01-05T08:00:00.000Z', updatedAt: '2026-02-10T12:30:00.000Z' };
}

const events: Event[] = [
  stored('summer', {
    title: { fi: 'Kesäseminaari: ääkköset ÅÄÖ ja emoji 🌞🎉; pilkut, puolipisteet ja "lainausmerkit"' },
    description: { fi: 'Rivi yksi\nRivi kaksi; kolme, neljä\n\nPitkä rivi, joka on niin pitkä, että se on taitettava usealle riville ilman että yksikään monitavuinen merkki kuten ä, ö tai 🌍 katkeaa kesken.' },
    start: '2026-06-15T09:00',
    end: '2026-06-15T12:00',
    location: { place: 'Oulun kaupungintalo', address: 'Torikatu 10, 90100 Oulu' },
    networks: ['kulttuurihyvinvointi'],
    onlineUrl: 'https://teams.example/kesa',
    registration: { url: 'https://pohde.fi/ilmo', deadline: '2026-06-01' },
    contact: { name: 'Maire', email: 'maire@pohde.fi', phone: '+358 40 123 4567' },
    materials: [{ kind: 'slides', title: 'Diat', url: 'https://pohde.fi/diat.pdf' }],
  }),
  stored('winter', { title: { fi: 'Talvitapaaminen', sv: 'Vintermöte' }, start: '2026-01-20T14:00', end: '2026-01-20T15:30', onlineUrl: 'https://teams.example/talvi' }),
  stored('weekly', {
    title: { fi: 'Viikkotapaaminen' },
    type: 'verkostotapaaminen',
    start: '2026-03-17T09:00',
    end: '2026-03-17T10:00',
    recurrence: {
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
      exceptions: [
        { occurrence: '2026-03-24T09:00', kind: 'removed' },
        { occurrence: '2026-03-31T09:00', kind: 'moved', start: '2026-04-01T13:00', end: '2026-04-01T14:00', place: 'Teams' },
        { occurrence: '2026-04-07T09:00', kind: 'cancelled' },
      ],
    },
  }),
  stored('cancelled', { title: { fi: 'Peruttu työpaja', sv: 'Inställd workshop' }, start: '2026-11-03T12:00', end: '2026-11-03T15:00' }, 'cancelled', 'Kouluttaja sairastui'),
  stored('forum', { title: { fi: 'Hyvinvointifoorumi' }, allDay: true, start: '2026-11-25', end: '2026-11-26', location: { place: 'Raahen kaupungintalo' } }),
  stored('yearly', {
    title: { fi: 'Vuosittainen juhlapäivä' },
    allDay: true,
    start: '2026-05-12',
    end: '2026-05-12',
    recurrence: { rrule: 'FREQ=YEARLY;COUNT=3', exceptions: [{ occurrence: '2027-05-12', kind: 'moved', start: '2027-05-14', end: '2027-05-14' }] },
  }),
];

const options = { origin: 'https://hytekello.test', uidDomain: 'hytekello.test', names };

function golden(name: string, text: string): void {
  const path = new URL(`../golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** 'YYYY-MM-DD HH:MM' of an instant in Finland. */
function helsinki(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(date);
}

const finnish = calendarOf(events, { ...options, name: 'Hytekello — kaikki tapahtumat', language: 'fi' });
const swedish = calendarOf(events, { ...options, name: 'Hytekello — alla evenemang', language: 'sv' });

describe('the feed text', () => {
  it('matches the golden files byte for byte', () => {
    golden('feed-fi.ics', finnish);
    golden('feed-sv.ics', swedish);
  });

  it('has CRLF line ends and lines of at most 75 octets, folded without splitting a character', () => {
    expect(finnish.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = finnish.split('\r\n');
    const encoder = new TextEncoder();
    expect(Math.max(...lines.map((line) => encoder.encode(line).length))).toBeLessThanOrEqual(75);
    // A UTF-8 decoder would turn a split character into U+FFFD; unfolding must give the text back.
    expect(lines.join('\r\n')).not.toContain('\uFFFD');
    const unfolded = finnish.replaceAll('\r\n ', '');
    expect(unfolded).toContain('SUMMARY:Kesäseminaari: ääkköset ÅÄÖ ja emoji 🌞🎉\\; pilkut\\, puolipisteet ja "lainausmerkit"');
    expect(unfolded).toContain('DESCRIPTION:Rivi yksi\\nRivi kaksi\\; kolme\\, neljä\\n\\nPitkä rivi');
  });
});

describe('read by ical.js', () => {
  const calendar = new ICAL.Component(ICAL.parse(finnish));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const find = (id: string) => vevents.filter((e) => e.uid === `${id}@hytekello.test`);

  it('gives summer and winter events their local time', () => {
    const [summer] = find('summer');
    const [winter] = find('winter');
    expect([helsinki(summer!.startDate.toJSDate()), helsinki(summer!.endDate.toJSDate())]).toEqual(['2026-06-15 09:00', '2026-06-15 12:00']);
    expect(summer!.startDate.toJSDate().toISOString()).toBe('2026-06-15T06:00:00.000Z');
    expect(winter!.startDate.toJSDate().toISOString()).toBe('2026-01-20T12:00:00.000Z');
    expect(summer!.summary).toBe('Kesäseminaari: ääkköset ÅÄÖ ja emoji 🌞🎉; pilkut, puolipisteet ja "lainausmerkit"');
  });

  it('expands the weekly series across the March change at 09:00 local, with its exceptions', () => {
    const series = find('weekly');
    const master = series.find((e) => !e.isRecurrenceException())!;
    for (const exception of series.filter((e) => e.isRecurrenceException())) master.relateException(exception);
    const exdates = master.component.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => v.toString()));
    const iterator = master.iterator();
    const seen: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (exdates.includes(next.toString())) continue;
      const details = master.getOccurrenceDetails(next);
      seen.push(`${helsinki(details.startDate.toJSDate())} ${details.item.component.getFirstPropertyValue('status')}`);
    }
    expect(seen).toEqual(['2026-03-17 09:00 CONFIRMED', '2026-04-01 13:00 CONFIRMED', '2026-04-07 09:00 CANCELLED', '2026-04-14 09:00 CONFIRMED', '2026-04-21 09:00 CONFIRMED']);
  });

  it('keeps a cancelled event, marked', () => {
    const [cancelled] = find('cancelled');
    expect(cancelled!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled!.summary).toBe('Peruttu: Peruttu työpaja');
    expect(cancelled!.sequence).toBe(1);
  });

  it('reads all-day events as dates with an exclusive end', () => {
    const [forum] = find('forum');
    expect([forum!.startDate.isDate, forum!.startDate.toString(), forum!.endDate.toString()]).toEqual([true, '2026-11-25', '2026-11-27']);
  });
});

describe('read by node-ical', () => {
  const parsed = Object.values(nodeIcal.sync.parseICS(finnish)).filter((c) => c?.type === 'VEVENT') as VEvent[];
  const find = (id: string) => parsed.find((e) => e.uid === `${id}@hytekello.test`)!;

  it('gives summer and winter events their local time and zone', () => {
    expect(find('summer').start.toISOString()).toBe('2026-06-15T06:00:00.000Z');
    expect((find('summer').start as Date & { tz?: string }).tz).toBe('Europe/Helsinki');
    expect(helsinki(find('winter').start)).toBe('2026-01-20 14:00');
  });

  it('expands the weekly series with the removed, moved and cancelled occurrences', () => {
    const instances = nodeIcal.expandRecurringEvent(find('weekly'), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
    expect(instances.map((i) => `${helsinki(i.start)} ${i.isOverride ? (i.event.status ?? 'moved') : ''}`.trim())).toEqual([
      '2026-03-17 09:00',
      '2026-04-01 13:00 CONFIRMED',
      '2026-04-07 09:00 CANCELLED',
      '2026-04-14 09:00',
      '2026-04-21 09:00',
    ]);
  });

  it('reads all-day events as whole days, and the moved yearly occurrence on its own day', () => {
    const forum = find('forum') as VEvent & { start: Date & { dateOnly?: boolean } };
    expect(forum.start.dateOnly).toBe(true);
    expect(forum.datetype).toBe('date');
    const yearly = parsed.filter((e) => e.uid.startsWith('yearly'));
    const days = yearly.flatMap((e) => nodeIcal.expandRecurringEvent(e, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2029-01-01T00:00:00Z') }).map((i) => i.start.toISOString().slice(0, 10)));
    expect(days.sort()).toEqual(['2026-05-12', '2027-05-14', '2028-05-12']);
  });
});

describe('feed variants, read by node-ical', () => {
  const variantOf = (variant: { cancelled: 'status' | 'mark' | 'hide'; alarm: string | null }) =>
    calendarOf(events, { ...options, name: 'Hytekello — kaikki tapahtumat', language: 'fi', variant });
  const vevents = (text: string) => Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as VEvent[];

  it('hide: no cancelled event, and the cancelled day of the series is an EXDATE', () => {
    const text = variantOf({ cancelled: 'hide', alarm: null });
    const parsed = vevents(text);
    expect(parsed.find((e) => e.uid === 'cancelled@hytekello.test')).toBeUndefined();
    const weekly = parsed.find((e) => e.uid === 'weekly@hytekello.test')!;
    const instances = nodeIcal.expandRecurringEvent(weekly, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
    expect(instances.map((i) => helsinki(i.start))).toEqual(['2026-03-17 09:00', '2026-04-01 13:00', '2026-04-14 09:00', '2026-04-21 09:00']);
  });

  it('mark with an alarm: cancelled ones confirmed, free and titled, reminders on the others; lines still at most 75 octets', () => {
    const text = variantOf({ cancelled: 'mark', alarm: 'PT15M' });
    const parsed = vevents(text);
    const cancelled = parsed.find((e) => e.uid === 'cancelled@hytekello.test')!;
    expect([cancelled.status, cancelled.transparency, cancelled.summary]).toEqual(['CONFIRMED', 'TRANSPARENT', 'Peruttu: Peruttu työpaja']);
    const summer = parsed.find((e) => e.uid === 'summer@hytekello.test')!;
    expect((summer.alarms ?? []).map((alarm) => alarm.action)).toEqual(['DISPLAY']);
    expect(cancelled.alarms ?? []).toEqual([]);
    expect(text).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Muistutus\r\nEND:VALARM\r\nEND:VEVENT');
    const encoder = new TextEncoder();
    expect(Math.max(...text.split('\r\n').map((line) => encoder.encode(line).length))).toBeLessThanOrEqual(75);
    // ical.js reads the same calendar.
    expect(() => new ICAL.Component(ICAL.parse(text))).not.toThrow();
  });
});

describe('the Swedish feed', () => {
  it('uses Swedish texts where there are some, Finnish otherwise, and Swedish labels', () => {
    const unfolded = swedish.replaceAll('\r\n ', '');
    expect(unfolded).toContain('SUMMARY:Vintermöte');
    expect(unfolded).toContain('SUMMARY:Inställt: Inställd workshop');
    expect(unfolded).toContain('SUMMARY:Viikkotapaaminen');
    expect(unfolded).toContain('Arrangör: Välfärdsområdet Norra Österbotten');
    expect(unfolded).toContain('CATEGORIES:Nätverksmöte');
  });
});

describe('the reason of a cancellation', () => {
  it("is given in each feed's language where the organiser wrote one, in Finnish otherwise", () => {
    const reasons = { fi: 'Kouluttaja sairastui.', sv: 'Utbildaren insjuknade.', en: null };
    const event = stored('called-off', { title: { fi: 'Peruttu koulutus' }, start: '2026-11-10T12:00', end: '2026-11-10T14:00' }, 'cancelled', reasons);
    const description = (language: 'fi' | 'sv' | 'en') => {
      const calendar = new ICAL.Component(ICAL.parse(calendarOf([event], { ...options, name: 'Hytekello', language }).toString()));
      return String(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'));
    };
    expect(description('fi')).toContain('PERUTTU. Syy: Kouluttaja sairastui.');
    expect(description('sv')).toContain('Utbildaren insjuknade.');
    expect(description('sv')).not.toContain('Kouluttaja sairastui.');
    // No English reason: the Finnish one, under the English label.
    expect(description('en')).toContain('Kouluttaja sairastui.');
  });
});

describe('the annual clock feed', () => {
  it('is all-day events that both parsers read, one per occurrence, crossing New Year when the item does', async () => {
    const { clockCalendarOf } = await import('../../worker/domain/ical');
    const text = clockCalendarOf(
      [
        { itemId: 1, title: { fi: 'Tilinpäätös', sv: null, en: null }, description: { fi: 'Valtuusto käsittelee kesäkuussa.', sv: null, en: null }, ring: 'kunnat', source: 'Kuntalaki 410/2015, 113 §', links: [], start: '2027-02-01', end: '2027-06-30', changedAt: '2026-11-01T10:00:00Z', plan: null },
        { itemId: 2, title: { fi: 'Avustushaut', sv: null, en: null }, description: { fi: '', sv: null, en: null }, ring: null, source: null, links: [{ title: 'Ohje', url: 'https://pohde.fi/ohje' }], start: '2027-10-01', end: '2028-01-31', changedAt: '2026-11-01T10:00:00Z', plan: null },
      ],
      { ...options, name: 'Hytekello — vuosikello', language: 'fi', ringNames: new Map([['kunnat', { fi: 'Kunnat', sv: null, en: null }]]) },
    );
    golden('clock-fi.ics', text);
    const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as VEvent[];
    expect(parsed.map((e) => [e.summary, e.datetype, e.start.toISOString().slice(0, 10)])).toEqual([
      ['Tilinpäätös', 'date', '2027-02-01'],
      ['Avustushaut', 'date', '2027-10-01'],
    ]);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.startDate.toString(), e.endDate.toString()])).toEqual([
      ['2027-02-01', '2027-07-01'],
      ['2027-10-01', '2028-02-01'],
    ]);
    expect(events[0]!.description).toContain('Lähde: Kuntalaki 410/2015, 113 §');
    expect(events[0]!.component.getFirstProperty('categories')!.getValues()).toEqual(['Kunnat']);
  });

  it('gives a decision and each preparation step a day of its own, which both parsers read on that day', async () => {
    const { clockCalendarOf } = await import('../../worker/domain/ical');
    const { planOf } = await import('../../worker/domain/clock');
    const { finnishWorkingDays } = await import('../../worker/domain/working-days');
    const occurrence = { start: '2027-03-01', end: '2027-06-30' };
    const t = (fi: string) => ({ fi, sv: null, en: null });
    const plan = planOf({ title: t('Valtuusto käsittelee vuosiraportin'), month: 6, day: 14, steps: [{ title: t('Lautakunta'), workingDaysBefore: 27 }, { title: t('Esityslistan määräaika'), workingDaysBefore: 10 }] }, occurrence, await finnishWorkingDays());
    const text = clockCalendarOf(
      [{ itemId: 7, title: t('Hyvinvoinnin vuosiraportti'), description: t(''), ring: null, source: null, links: [], ...occurrence, changedAt: '2026-11-01T10:00:00Z', plan }],
      { ...options, name: 'Hytekello — vuosikello', language: 'fi', ringNames: new Map() },
    );
    const days = (events: { summary: string; start: string; end: string; uid: string }[]) => events.map(({ summary, start, end }) => [summary, start, end]);
    // Monday 14 June 2027. 10 working days before: Friday 11 June is the 1st, Monday 31 May the 10th. 27 before: Monday 10 May
    // is the 25th, Friday 7 May the 26th, Ascension Day (Thursday 6 May) does not count, Wednesday 5 May is the 27th.
    const expected = [
      ['Hyvinvoinnin vuosiraportti', '2027-03-01', '2027-07-01'],
      ['Päätös: Valtuusto käsittelee vuosiraportin', '2027-06-14', '2027-06-15'],
      ['Lautakunta: Valtuusto käsittelee vuosiraportin', '2027-05-05', '2027-05-06'],
      ['Esityslistan määräaika: Valtuusto käsittelee vuosiraportin', '2027-05-31', '2027-06-01'],
    ];
    const icalEvents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(days(icalEvents.map((e) => ({ summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString(), uid: e.uid })))).toEqual(expected);
    const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as VEvent[];
    expect(parsed.map((e) => [e.summary, e.datetype, e.start.toISOString().slice(0, 10)])).toEqual(expected.map(([summary]) => [summary, 'date', expect.any(String)]));
    expect(new Set(icalEvents.map((e) => e.uid)).size).toBe(4);
    expect(icalEvents[3]!.description).toContain('10 työpäivää ennen päätöstä (2027-06-14)');
  });
});
