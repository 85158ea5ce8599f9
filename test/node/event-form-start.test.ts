/**
 * Changing an event's start in the form: a rule pattern that is still the
 * start's own follows the new start, one the organiser chose stays. The
 * default start is a week from today, so without this "weekly" chosen after
 * typing a date kept the weekday of the day the form was opened.
 */
import { describe, expect, it } from 'vitest';
import { type FormState, emptyForm, inputOfForm, withStartDate } from '../../web/components/event-form/model';

function formOn(startDate: string, recurrence: Partial<FormState['recurrence']> = {}): FormState {
  const form = emptyForm(['pohde']);
  const opened = withStartDate(form, startDate);
  return { ...opened, endDate: startDate, recurrence: { ...opened.recurrence, ...recurrence } };
}

describe('a new start date', () => {
  it('gives a rule not chosen yet the new start’s weekday, its nth weekday and its day of the month', () => {
    const form = withStartDate(formOn('2026-12-10'), '2027-09-01');
    expect(form.recurrence.kind).toBe('none');
    expect(form.recurrence.weekdays).toEqual(['WE']);
    expect(form.recurrence).toMatchObject({ weekday: 'WE', nth: '1', monthDay: '1' });
    expect(inputOfForm({ ...form, recurrence: { ...form.recurrence, kind: 'weekly' } }).recurrence?.rrule).toContain('BYDAY=WE');
  });

  it('moves a weekly rule on the old start’s own weekday, and keeps weekdays the organiser chose', () => {
    expect(withStartDate(formOn('2026-12-10', { kind: 'weekly', weekdays: ['TH'] }), '2026-12-14').recurrence.weekdays).toEqual(['MO']);
    expect(withStartDate(formOn('2026-12-10', { kind: 'weekly', weekdays: ['TU', 'TH'] }), '2026-12-14').recurrence.weekdays).toEqual(['TU', 'TH']);
    expect(withStartDate(formOn('2026-12-10', { kind: 'weekly', weekdays: ['FR'] }), '2026-12-14').recurrence.weekdays).toEqual(['FR']);
  });

  it('moves "the 2nd Thursday" and "the last Thursday" with a start that is such a day, and keeps a day of the month chosen apart', () => {
    expect(withStartDate(formOn('2026-12-10', { kind: 'monthly-weekday', weekday: 'TH', nth: '2' }), '2027-01-19').recurrence).toMatchObject({ weekday: 'TU', nth: '3' });
    expect(withStartDate(formOn('2026-12-31', { kind: 'monthly-weekday', weekday: 'TH', nth: '-1' }), '2027-01-26').recurrence).toMatchObject({ weekday: 'TU', nth: '-1' });
    expect(withStartDate(formOn('2026-12-10', { kind: 'monthly-day', monthDay: '10' }), '2027-01-15').recurrence.monthDay).toBe('15');
    expect(withStartDate(formOn('2026-12-10', { kind: 'monthly-day', monthDay: '1' }), '2027-01-15').recurrence.monthDay).toBe('1');
  });

  it('while half typed or cleared changes only the date', () => {
    const form = formOn('2026-12-10', { kind: 'weekly', weekdays: ['TH'] });
    expect(withStartDate(form, '').recurrence).toEqual(form.recurrence);
    expect(withStartDate(withStartDate(form, ''), '2026-12-14').recurrence.weekdays).toEqual(['TH']);
  });
});
