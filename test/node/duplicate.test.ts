/**
 * Duplicating an event a year later or to a chosen date, as the organiser's
 * "Duplicate" dialog does: the copy's rule still fits its new start, so it
 * saves without a rule error.
 */
import { describe, expect, it } from 'vitest';
import { type FormState, aYearLater, daysBetween, emptyForm, inputOfForm, shiftForm, validate } from '../../web/components/event-form/model';

function series(startDate: string, recurrence: Partial<FormState['recurrence']>): FormState {
  const form = emptyForm(['pohde']);
  return {
    ...form,
    titleFi: 'Verkostotapaaminen 2026',
    type: 'verkostotapaaminen',
    startDate,
    endDate: startDate,
    startTime: '13:00',
    endTime: '14:30',
    recurrence: { ...form.recurrence, ...recurrence },
  };
}

const copyTo = (form: FormState, to: string) => shiftForm(form, daysBetween(form.startDate, to));

describe('duplicating a series', () => {
  it('a year later keeps a weekly series on its weekdays, 52 weeks on, and the copy saves', () => {
    const weekly = series('2026-10-07', { kind: 'weekly', weekdays: ['WE'] });
    expect(validate(weekly)).toEqual([]);
    const to = aYearLater(weekly);
    expect(to).toBe('2027-10-06');
    const copy = copyTo(weekly, to);
    expect(copy.recurrence.weekdays).toEqual(['WE']);
    expect(inputOfForm(copy).recurrence?.rrule).toContain('BYDAY=WE');
    expect(validate(copy)).toEqual([]);
    expect(copy.titleFi).toBe('Verkostotapaaminen 2027');
  });

  it('to a chosen date on another weekday moves the weekdays with it, and the copy saves', () => {
    const weekly = series('2026-10-07', { kind: 'weekly', weekdays: ['MO', 'WE'] });
    const copy = copyTo(weekly, '2027-10-07');
    expect(copy.recurrence.weekdays).toEqual(['TU', 'TH']);
    expect(validate(copy)).toEqual([]);
  });

  it.each([
    ['the 3rd Tuesday', '2026-06-16', { nth: '3', weekday: 'TU' }, '2027-06-15'],
    ['the 1st Monday', '2026-01-05', { nth: '1', weekday: 'MO' }, '2027-01-04'],
    ['the last Friday', '2026-10-30', { nth: '-1', weekday: 'FR' }, '2027-10-29'],
  ] as const)('a year later keeps "%s" of the month', (_, start, rule, expected) => {
    const monthly = series(start, { kind: 'monthly-weekday', ...rule });
    expect(validate(monthly)).toEqual([]);
    const to = aYearLater(monthly);
    expect(to).toBe(expected);
    const copy = copyTo(monthly, to);
    expect(copy.recurrence).toMatchObject(rule);
    expect(validate(copy)).toEqual([]);
  });

  it('to a chosen date makes a monthly rule that date’s weekday of the month, or its day', () => {
    const monthly = copyTo(series('2026-06-16', { kind: 'monthly-weekday', nth: '3', weekday: 'TU' }), '2027-03-30');
    expect(monthly.recurrence).toMatchObject({ nth: '-1', weekday: 'TU' });
    expect(validate(monthly)).toEqual([]);
    const byDay = copyTo(series('2026-06-16', { kind: 'monthly-day', monthDay: '16' }), '2027-02-03');
    expect(byDay.recurrence.monthDay).toBe('3');
    expect(validate(byDay)).toEqual([]);
  });
});
