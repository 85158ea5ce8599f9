/**
 * Working days counted back from a decision date over Finnish holidays.
 * Every expected date is worked out by hand in the comment beside it
 * (weekday names checked against a calendar).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from '../../worker/domain/time';
import { type WorkingDays, finnishWorkingDays } from '../../worker/domain/working-days';

let days: WorkingDays;
beforeAll(async () => {
  days = await finnishWorkingDays();
});

const date = (text: string) => Temporal.PlainDate.from(text);
const isWorkingDay = (day: Temporal.PlainDate) => days.isWorkingDay(day);
const workingDayOnOrBefore = (day: Temporal.PlainDate) => days.workingDayOnOrBefore(day);
const before = (text: string, count: number) => days.workingDaysBefore(date(text), count).toString();

describe('working days', () => {
  it('are Monday to Friday except public holidays, Midsummer Eve and Christmas Eve', () => {
    const off = [
      '2026-01-01', // New Year's Day, Thursday
      '2026-01-06', // Epiphany, Tuesday
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-01', // May Day, Friday
      '2026-05-14', // Ascension Day, Thursday
      '2026-06-19', // Midsummer Eve, Friday (customary)
      '2026-12-24', // Christmas Eve, Thursday (customary)
      '2026-12-25', // Christmas Day, Friday
      '2027-12-06', // Independence Day, Monday
      '2027-12-24', // Christmas Eve, Friday
      '2026-10-31', // All Saints' Day, a Saturday as always
      '2026-03-07', // a Saturday
      '2026-03-08', // a Sunday
    ];
    for (const day of off) expect(isWorkingDay(date(day)), day).toBe(false);
    const working = [
      '2026-12-31', // New Year's Eve, Thursday: a working day
      '2026-04-07', // the Tuesday after Easter
      '2026-06-18', // the Thursday before Midsummer Eve
      '2026-11-02', // the Monday after All Saints' Day
      '2026-12-23', // Wednesday before Christmas Eve
    ];
    for (const day of working) expect(isWorkingDay(date(day)), day).toBe(true);
  });

  it('count back over Christmas and the turn of the year', () => {
    // Thursday 7 January 2027. Wednesday 6 January is Epiphany. Tue 5 Jan = 1, Mon 4 Jan = 2, (Sun 3, Sat 2,
    // Fri 1 Jan New Year's Day), Thu 31 Dec = 3, Wed 30 = 4, Tue 29 = 5, Mon 28 = 6, (Sun 27, Sat 26 St Stephen's,
    // Fri 25 Christmas Day, Thu 24 Christmas Eve), Wed 23 = 7, Tue 22 = 8, Mon 21 = 9, Fri 18 December 2026 = 10.
    expect(before('2027-01-07', 10)).toBe('2026-12-18');
    // Monday 4 January 2027: Thu 31 Dec = 1, Wed 30 = 2, Tue 29 = 3, Mon 28 = 4, Wed 23 = 5.
    expect(before('2027-01-04', 5)).toBe('2026-12-23');
  });

  it('count back over Easter', () => {
    // Tuesday 30 March 2027, the day after Easter Monday. (Mon 29 Easter Monday, Sun 28 Easter Day, Sat 27,
    // Fri 26 Good Friday), Thu 25 = 1, Wed 24 = 2, Tue 23 = 3, Mon 22 = 4, Fri 19 = 5, Thu 18 = 6, Wed 17 = 7,
    // Tue 16 = 8, Mon 15 = 9, Fri 12 March 2027 = 10.
    expect(before('2027-03-30', 10)).toBe('2027-03-12');
    // Tuesday 7 April 2026: (Mon 6 Easter Monday … Fri 3 Good Friday) Thu 2 April = 1, Wed 1 = 2, Tue 31 March = 3.
    expect(before('2026-04-07', 3)).toBe('2026-03-31');
  });

  it('count back over Midsummer', () => {
    // Wednesday 30 June 2027: Tue 29 = 1, Mon 28 = 2, (Sun 27, Sat 26 Midsummer Day, Fri 25 Midsummer Eve),
    // Thu 24 = 3, Wed 23 = 4, Tue 22 June 2027 = 5.
    expect(before('2027-06-30', 5)).toBe('2027-06-22');
    // Monday 22 June 2026: (Sun 21, Sat 20 Midsummer Day, Fri 19 Midsummer Eve) Thu 18 = 1, Wed 17 = 2.
    expect(before('2026-06-22', 2)).toBe('2026-06-17');
  });

  it('count back over Independence Day and May Day', () => {
    // Wednesday 8 December 2027: Tue 7 = 1, (Mon 6 Independence Day, Sun 5, Sat 4), Fri 3 = 2, Thu 2 December = 3.
    expect(before('2027-12-08', 3)).toBe('2027-12-02');
    // Monday 4 May 2026: (Sun 3, Sat 2, Fri 1 May Day) Thu 30 April = 1.
    expect(before('2026-05-04', 1)).toBe('2026-04-30');
  });

  it('do not count the decision day itself, even when it is a working day', () => {
    // Friday 13 March 2026: Thu 12 = 1.
    expect(before('2026-03-13', 1)).toBe('2026-03-12');
  });

  it('move a decision that falls on a day off to the working day before it', () => {
    expect(workingDayOnOrBefore(date('2026-12-26')).toString()).toBe('2026-12-23'); // Sat St Stephen's → Fri 25, Thu 24 off → Wed 23
    expect(workingDayOnOrBefore(date('2027-06-26')).toString()).toBe('2027-06-24'); // Midsummer Day → Thu 24 (Fri 25 is the Eve)
    expect(workingDayOnOrBefore(date('2026-03-12')).toString()).toBe('2026-03-12'); // a working Thursday stays
  });
});
