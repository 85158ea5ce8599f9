import { describe, expect, it } from 'vitest';
import { councilTermOf, occurrenceStartingIn, occurrencesTouching, yearOfTerm } from '../worker/domain/clock';
import { angleOfDate, arcOf, assignLanes, sectorPath, wheelStartOf } from '../worker/shared/wheel';
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
