/**
 * The UI writes Finnish time without Intl (web/intl.ts): its summer-time
 * rule and its patterns are checked against Intl's time-zone and CLDR data.
 */
import { describe, expect, it } from 'vitest';
import { formatWhen, makeI18n } from '../../web/i18n';
import { BROWSER_TIME, HELSINKI, helsinkiOffsetHours, wallClock } from '../../web/intl';

const HOUR = 3_600_000;

function intlOffsetHours(epochMs: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: HELSINKI, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric' })
      .formatToParts(epochMs)
      .map((part) => [part.type, Number(part.value)]),
  );
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!);
  return Math.round((local - Math.floor(epochMs / HOUR) * HOUR) / HOUR);
}

describe('Finnish time without Intl', () => {
  it('has the offset of the time-zone data in 1996–2040: every hour of the weeks clocks change, and every third day', () => {
    const wrong: string[] = [];
    const check = (t: number) => helsinkiOffsetHours(t) !== intlOffsetHours(t) && wrong.push(new Date(t).toISOString());
    for (let year = 1996; year <= 2040; year++) {
      for (const month of [2, 9]) for (let t = Date.UTC(year, month, 24); t < Date.UTC(year, month + 1, 1); t += HOUR) check(t);
      for (let t = Date.UTC(year, 0, 1, 11); t < Date.UTC(year + 1, 0, 1); t += 3 * 24 * HOUR) check(t);
    }
    expect(wrong).toEqual([]);
  });

  it('changes the clock at 03:00 → 04:00 in spring and 04:00 → 03:00 in autumn', () => {
    expect(wallClock(Date.parse('2026-03-29T00:59:00Z'), HELSINKI)).toMatchObject({ day: 29, hour: 2, minute: 59 });
    expect(wallClock(Date.parse('2026-03-29T01:00:00Z'), HELSINKI)).toMatchObject({ day: 29, hour: 4, minute: 0 });
    expect(wallClock(Date.parse('2026-10-25T00:59:00Z'), HELSINKI)).toMatchObject({ day: 25, hour: 3, minute: 59 });
    expect(wallClock(Date.parse('2026-10-25T01:00:00Z'), HELSINKI)).toMatchObject({ day: 25, hour: 3, minute: 0 });
    expect(wallClock(Date.parse('2026-12-31T22:30:00Z'), HELSINKI)).toMatchObject({ year: 2027, month: 1, day: 1, weekday: 4, hour: 0, minute: 30 });
    // This machine's own clock, as the Date methods read it.
    const instant = new Date('2026-07-01T09:45:00Z');
    expect(wallClock(instant.getTime(), BROWSER_TIME)).toMatchObject({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate(), hour: instant.getHours(), minute: instant.getMinutes() });
  });

  it('writes dates, times, months and weekdays as Intl does in Finnish and Swedish', () => {
    for (const [language, locale] of [['fi', 'fi-FI'], ['sv', 'sv-FI']] as const) {
      const i18n = makeI18n(language);
      for (let t = Date.UTC(2025, 0, 1, 5, 7); t < Date.UTC(2028, 0, 1); t += 97 * 60_000 * 31) {
        const instant = new Date(t);
        expect(i18n.date(instant), instant.toISOString()).toBe(new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: HELSINKI }).format(instant));
        expect(i18n.time(instant), instant.toISOString()).toBe(new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: HELSINKI }).format(instant));
      }
      for (let month = 1; month <= 12; month++) {
        const middle = new Date(Date.UTC(2026, month - 1, 15));
        expect(i18n.month(2026, month)).toBe(new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(middle));
        expect(i18n.monthShort(month)).toBe(new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(middle).replace(/\.$/, ''));
      }
      expect(i18n.weekdays).toEqual(Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i))));
      expect(i18n.day('2030-09-01')).toBe(new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2030, 8, 1, 12)));
    }
  });

  it('writes English dates the British way, and other zones through Intl', () => {
    const en = makeI18n('en');
    expect(formatWhen(en, '2026-10-06T06:00:00Z', '2026-10-06T09:30:00Z', false)).toBe('Tue, 06/10/2026 9:00–12:30');
    expect(formatWhen(makeI18n('fi'), '2026-10-06T06:00:00Z', '2026-10-06T09:30:00Z', false)).toBe('ti 6.10.2026 klo 9.00–12.30');
    expect(formatWhen(makeI18n('sv'), '2026-11-25', '2026-11-26', true)).toBe('ons 25.11.2026 – tors 26.11.2026');
    expect(en.time('2026-10-06T06:00:00Z', 'America/New_York')).toBe(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' }).format(Date.parse('2026-10-06T06:00:00Z')));
  });
});

describe('clock spans as month names, not "2. – 6."', () => {
  it('names the months in Finnish, Swedish and English, with days where the span has them', () => {
    const [fi, sv, en] = (['fi', 'sv', 'en'] as const).map(makeI18n);
    const months = { startMonth: 2, startDay: null, endMonth: 6, endDay: null };
    expect([fi!.monthSpan(months), sv!.monthSpan(months), en!.monthSpan(months)]).toEqual(['helmi–kesäkuu', 'februari–juni', 'February–June']);
    expect(fi!.monthSpan({ startMonth: 12, startDay: null, endMonth: 1, endDay: null })).toBe('joulu–tammikuu');
    expect(fi!.monthSpan({ startMonth: 9, startDay: null, endMonth: 9, endDay: null })).toBe('syyskuu');
    const days = { startMonth: 4, startDay: 15, endMonth: 5, endDay: 31 };
    expect([fi!.monthSpan(days), sv!.monthSpan(days), en!.monthSpan(days)]).toEqual(['15. huhtikuuta – 31. toukokuuta', '15 april – 31 maj', '15 April – 31 May']);
    expect(fi!.monthSpan({ startMonth: 3, startDay: null, endMonth: 5, endDay: 15 })).toBe('maaliskuu – 15. toukokuuta');
  });
});
