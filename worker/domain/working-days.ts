/**
 * Finnish working days, for planning back from a decision date. A day is not
 * a working day when it is a Saturday or a Sunday, a public holiday of
 * Finland, or one of the two customary eves on which offices are closed:
 * Midsummer Eve and Christmas Eve. New Year's Eve and other eves are working
 * days. The holidays come from date-holidays (Easter and the holidays that
 * move with it, Midsummer, All Saints' Day are computed by it), not from a
 * list kept here.
 */
import type HolidaysType from 'date-holidays';
import { rememberLast } from './remembered';
import { Temporal } from './time';

export interface WorkingDays {
  /** Whether offices work on `date`: `isWorkingDay(Temporal.PlainDate.from('2027-01-06'))` is false (Epiphany). */
  isWorkingDay(date: Temporal.PlainDate): boolean;
  /** `date` itself when it is a working day, else the working day before it. */
  workingDayOnOrBefore(date: Temporal.PlainDate): Temporal.PlainDate;
  /**
   * The working day `count` working days before `date` (the day itself not
   * counted): 10 working days before Thursday 7 January 2027 is Friday 18
   * December 2026.
   */
  workingDaysBefore(date: Temporal.PlainDate, count: number): Temporal.PlainDate;
}

/** Midsummer Eve (a Friday in June) and Christmas Eve: bank holidays in the library, days off in practice. */
function isCustomaryEve(date: string): boolean {
  return date.endsWith('-12-24') || date.slice(5, 7) === '06';
}

// Answers of workingDaysBefore kept per isolate: a year of days with a few counts each.
const REMEMBERED_DAYS = 5_000;

function workingDaysOf(finland: HolidaysType): WorkingDays {
  // Per year, the non-working days that are not weekends ('YYYY-MM-DD').
  const holidaysByYear = new Map<number, ReadonlySet<string>>();
  const holidaysOf = (year: number): ReadonlySet<string> => {
    let days = holidaysByYear.get(year);
    if (!days) {
      days = new Set(
        finland
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public' || (holiday.type === 'bank' && isCustomaryEve(holiday.date.slice(0, 10))))
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      holidaysByYear.set(year, days);
    }
    return days;
  };
  const before = rememberLast<Temporal.PlainDate>(REMEMBERED_DAYS);
  const isWorkingDay = (date: Temporal.PlainDate) => date.dayOfWeek <= 5 && !holidaysOf(date.year).has(date.toString());
  return {
    isWorkingDay,
    workingDayOnOrBefore(date) {
      let day = date;
      while (!isWorkingDay(day)) day = day.subtract({ days: 1 });
      return day;
    },
    workingDaysBefore(date, count) {
      // A clock's decisions ask for the same days again and again (every series on the same dates, the same steps).
      return before(`${date}|${count}`, () => {
        let found = date;
        for (let left = count; left > 0; ) {
          found = found.subtract({ days: 1 });
          if (isWorkingDay(found)) left--;
        }
        return found;
      });
    },
  };
}

let loading: Promise<WorkingDays> | null = null;

/**
 * Finland's working days. The holiday library (rules of every country and
 * moment-timezone's zones, some 2 MB) is loaded on first use, not when the
 * worker starts, so that requests that date nothing do not pay for it.
 */
export function finnishWorkingDays(): Promise<WorkingDays> {
  loading ??= import('date-holidays').then(
    ({ default: Holidays }) => workingDaysOf(new Holidays('FI')),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
