/**
 * Rules without BY… parts are expanded by arithmetic (worker/domain/recurrence.ts,
 * simpleStarts); every other rule by rrule-temporal. For any such rule, zone,
 * start and window the two give the same starts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesOf } from '../../worker/domain/recurrence';

const ZONES = ['Europe/Helsinki', 'UTC', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Europe/London'];
const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const local = (ms: number, withTime: boolean) => {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : date;
};
const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

// Wall-clock starts in 2000–2095, whole quarter hours; and the days the clocks change in Europe and the US, at the
// times they skip or repeat, and the ends of months (29–31) where months and years without the day are skipped.
const startMs = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1) / 900_000, max: Date.UTC(2095, 0, 1) / 900_000 }).map((q) => q * 900_000),
  fc.record({ year: fc.integer({ min: 2000, max: 2090 }), day: fc.constantFrom([2, 29], [2, 26], [9, 25], [2, 10], [10, 3], [0, 31], [0, 30], [1, 29], [7, 31]), hour: fc.constantFrom(0, 1, 2, 3, 4, 23) })
    .map(({ year, day: [month, date], hour }) => Date.UTC(year, month!, date!, hour, 30)),
);

const rule = fc.record({
  freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
  interval: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 13 })),
  end: fc.oneof(fc.constant({ kind: 'none' as const }), fc.record({ kind: fc.constant('count' as const), count: fc.integer({ min: 1, max: 1000 }) }), fc.record({ kind: fc.constant('until' as const), days: fc.integer({ min: 0, max: 8000 }), minutes: fc.integer({ min: 0, max: 1439 }) })),
  by: fc.constantFrom('', '', '', ';BYDAY=MO,WE', ';BYMONTHDAY=1,15', ';WKST=SU'),
});

describe('series without BY… parts expanded by arithmetic', () => {
  it('give the starts the rule library gives, in every zone, over any window', () => {
    fc.assert(
      fc.property(
        startMs,
        fc.constantFrom(...ZONES),
        fc.boolean(),
        rule,
        fc.integer({ min: -400, max: 9000 }),
        fc.integer({ min: 0, max: 1200 }),
        (start, timeZone, allDay, r, fromDays, lengthDays) => {
          const end = r.end.kind === 'count' ? `;COUNT=${r.end.count}` : r.end.kind === 'until' ? `;UNTIL=${allDay ? compact(start + r.end.days * DAY).slice(0, 8) : compact(start + r.end.days * DAY + r.end.minutes * 60_000)}` : '';
          const rrule = `FREQ=${r.freq}${r.interval === 1 ? '' : `;INTERVAL=${r.interval}`}${end}${r.by}`;
          const series = seriesOf({ timeZone, allDay, start: local(start, !allDay), end: local(start + (allDay ? 0 : 3_600_000), !allDay), recurrence: { rrule, exceptions: [] } } as never);
          fc.pre(series !== null && series.rule !== null);
          const from = start + fromDays * DAY;
          const to = from + lengthDays * DAY;
          let expected: number[];
          try {
            expected = series!.rule!.libraryBetweenWallMs(from, to);
          } catch {
            return; // the library gives up (its iteration limit): nothing to compare
          }
          expect(series!.rule!.betweenWallMs(from, to), rrule).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
