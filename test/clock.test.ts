import { describe, expect, it } from 'vitest';
import { councilTermOf, occurrenceStartingIn, occurrencesTouching, yearOfTerm } from '../worker/domain/clock';
import { type ArcLabel, type PolarBox, angleOfDate, arcOf, assignLanes, layoutLabels, groupDays, sectorPath, spreadAngles, wheelStartOf } from '../worker/shared/wheel';
import { Temporal } from '../worker/domain/time';

const span = (startMonth: number, endMonth: number, extra: Partial<Parameters<typeof occurrenceStartingIn>[0]> = {}) => ({
  startMonth, startDay: null, endMonth, endDay: null, repeat: 'yearly' as const, onceYear: null, ...extra,
});

describe('spans of annual items', () => {
  it('cover whole months when no days are given', () => {
    expect(occurrenceStartingIn(span(3, 6), 2026)).toEqual({ start: '2026-03-01', end: '2026-06-30' });
    expect(occurrenceStartingIn(span(2, 2), 2028)).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });

  it('cross New Year when the end comes before the start', () => {
    expect(occurrenceStartingIn(span(10, 1), 2026)).toEqual({ start: '2026-10-01', end: '2027-01-31' });
    expect(occurrencesTouching(span(10, 1), 2027)).toEqual([{ start: '2026-10-01', end: '2027-01-31' }, { start: '2027-10-01', end: '2028-01-31' }]);
    expect(occurrencesTouching(span(3, 6), 2027)).toEqual([{ start: '2027-03-01', end: '2027-06-30' }]);
  });

  it('use exact dates, and 29 February becomes the 28th in a common year', () => {
    expect(occurrenceStartingIn(span(9, 9, { startDay: 15, endDay: 30 }), 2026)).toEqual({ start: '2026-09-15', end: '2026-09-30' });
    expect(occurrenceStartingIn(span(2, 3, { startDay: 29, endDay: 5 }), 2027)).toEqual({ start: '2027-02-28', end: '2027-03-05' });
  });

  it('repeat every year, in odd or even years, or once', () => {
    expect([2025, 2026].map((y) => occurrenceStartingIn(span(3, 4, { repeat: 'odd-years' }), y) !== null)).toEqual([true, false]);
    expect([2025, 2026].map((y) => occurrenceStartingIn(span(3, 4, { repeat: 'even-years' }), y) !== null)).toEqual([false, true]);
    expect([2026, 2027].map((y) => occurrenceStartingIn(span(3, 4, { repeat: 'once', onceYear: 2027 }), y) !== null)).toEqual([false, true]);
  });
});

describe('the council term', () => {
  it('is 2025–2029 from 1 June 2025, with four years', () => {
    const term = councilTermOf(Temporal.PlainDate.from('2026-11-23'));
    expect(term).toMatchObject({ name: '2025–2029', start: '2025-06-01', end: '2029-05-31' });
    expect(term.years[0]).toEqual({ year: 1, start: '2025-06-01', end: '2026-05-31' });
    expect(yearOfTerm(term, Temporal.PlainDate.from('2026-11-23'))).toBe(2);
  });

  it('changes on 1 June 2029, and goes back to 2021 before 1 June 2025', () => {
    expect(councilTermOf(Temporal.PlainDate.from('2029-05-31')).name).toBe('2025–2029');
    expect(councilTermOf(Temporal.PlainDate.from('2029-06-01')).name).toBe('2029–2033');
    expect(councilTermOf(Temporal.PlainDate.from('2025-05-31')).name).toBe('2021–2025');
  });
});

describe('wheel geometry', () => {
  it('puts the start month at the top and goes round the year', () => {
    expect(angleOfDate('2026-01-01')).toBe(0);
    expect(angleOfDate('2026-07-02')).toBeCloseTo((182 / 365) * 360, 6);
    expect(angleOfDate('2028-07-02')).toBeCloseTo((183 / 366) * 360, 6);
    expect(angleOfDate('2026-08-01', 8)).toBe(0);
    expect(angleOfDate('2027-01-01', 8)).toBeCloseTo((153 / 365) * 360, 6);
  });

  it('clips an arc that crosses New Year to the wheel year', () => {
    const arc = arcOf({ start: '2026-10-01', end: '2027-01-31' }, '2026-01-01')!;
    expect(arc.from).toBeCloseTo((273 / 365) * 360, 6);
    expect(arc.to).toBe(360);
    expect(arcOf({ start: '2026-10-01', end: '2027-01-31' }, '2027-01-01')).toEqual({ from: 0, to: (31 / 365) * 360 });
    expect(arcOf({ start: '2025-03-01', end: '2025-04-30' }, '2026-01-01')).toBeNull();
  });

  it('finds the wheel year of a date, for a school year from August too', () => {
    expect(wheelStartOf('2027-03-10')).toBe('2027-01-01');
    expect(wheelStartOf('2027-03-10', 8)).toBe('2026-08-01');
    expect(wheelStartOf('2027-09-10', 8)).toBe('2027-08-01');
  });

  it('draws a sector as one closed path, and a whole ring without a zero-length arc', () => {
    expect(sectorPath(100, 100, 50, 80, 0, 90)).toBe('M100.00 20.00A80 80 0 0 1 180.00 100.00L150.00 100.00A50 50 0 0 0 100.00 50.00Z');
    expect(sectorPath(100, 100, 50, 80, 0, 360)).toBe('M100.00 20.00A80 80 0 1 1 100.00 180.00A80 80 0 1 1 100.00 20.00ZM100.00 50.00A50 50 0 1 0 100.00 150.00A50 50 0 1 0 100.00 50.00Z');
  });

  it('gives overlapping arcs separate lanes and reuses free ones', () => {
    expect(assignLanes([{ from: 0, to: 90 }, { from: 45, to: 120 }, { from: 100, to: 150 }, { from: 60, to: 70 }])).toEqual([0, 1, 0, 2]);
  });
});

describe('labels of the wheel', () => {
  // Every character 6 units wide at font size 10, proportionally at others.
  const options = { measure: (text: string, size: number) => text.length * size * 0.6, maxFont: 14, minFont: 10, badge: 8, outerTrack: 367 };
  const boxesMeet = (a: PolarBox, b: PolarBox) => a.inner < b.outer && b.inner < a.outer && [-360, 0, 360].some((s) => a.from + s < b.to && b.from < a.to + s);

  it('writes the full name along a long arc, the short name where only it fits, and a callout where neither does', () => {
    const lane = { inner: 260, outer: 290 };
    const [long, short, callout] = layoutLabels(
      [
        { from: 0, to: 120, ...lane, names: ['Talousarvion ja taloussuunnitelman valmistelu', 'Talousarvio'] },
        { from: 150, to: 180, ...lane, names: ['Talousarvion ja taloussuunnitelman valmistelu', 'Talousarvio'] },
        { from: 200, to: 203, ...lane, names: ['Tilannekuvaseminaari'] },
      ],
      options,
    ) as [ArcLabel, ArcLabel, ArcLabel];
    expect(long).toMatchObject({ kind: 'text', text: 'Talousarvion ja taloussuunnitelman valmistelu', fontSize: 14 });
    expect(short).toMatchObject({ kind: 'text', text: 'Talousarvio' });
    expect(callout).toMatchObject({ kind: 'callout', number: 1 });
  });

  it('numbers callouts clockwise from the top, and no label covers another even when many short arcs share a date', () => {
    const arcs = Array.from({ length: 30 }, (_, i) => ({ from: 100 + (i % 3), to: 101 + (i % 3), inner: 100 + (i % 10) * 19, outer: 118 + (i % 10) * 19, names: [`Kohta ${i}`] }));
    const labels = layoutLabels(arcs, { ...options, obstacles: [{ inner: 352, outer: 364, from: 99, to: 102 }] });
    expect(labels.every((label) => label.kind === 'callout')).toBe(true);
    const numbers = labels.map((label) => (label.kind === 'callout' ? label.number : 0));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(numbers[arcs.findIndex((arc) => arc.from === 100)]).toBeLessThan(numbers[arcs.findIndex((arc) => arc.from === 102)]!);
    const boxes = [{ inner: 352, outer: 364, from: 99, to: 102 }, ...labels.map((label) => label.box)];
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(boxesMeet(a, b)).toBe(false);
  });

  it('spreads markers of one day apart, in date order', () => {
    expect(spreadAngles([10, 10, 50, 10.5], 3)).toEqual([10, 13, 50, 16]);
  });

  it('gathers days closer than a marker into one marker, so that a year of every day has at most 360 / gap + 1 markers', () => {
    const day = (angle: number) => ({ angle });
    expect(groupDays([day(40), day(10), day(11), day(12.9), day(13)], 3)).toEqual([[day(10), day(11), day(12.9)], [day(13)], [day(40)]]);
    const everyDay = Array.from({ length: 365 }, (_, i) => day((i / 365) * 360));
    const groups = groupDays(everyDay, 2.9);
    expect(groups.length).toBeLessThanOrEqual(Math.floor(360 / 2.9) + 1);
    expect(groups.flat()).toHaveLength(365);
  });
});
