import { describe, expect, it } from 'vitest';
import { checkSeries as series, occurrencesBetween, seriesSpan, type Timing } from '../worker/domain/recurrence';
import { Temporal } from '../worker/domain/time';

const instant = (text: string) => Temporal.Instant.from(text);
const helsinkiTimes = (timing: Timing, from: string, to: string) =>
  occurrencesBetween(series(timing).series!, instant(from), instant(to)).map((o) => o.start.toString({ timeZoneName: 'never' }));

const weeklyMeeting: Timing = {
  timeZone: 'Europe/Helsinki',
  allDay: false,
  start: '2026-03-17T09:00',
  end: '2026-03-17T10:30',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', exceptions: [] },
};

describe('recurrence across daylight-saving changes', () => {
  it('keeps a weekly 09:00 meeting at 09:00 local time through the March change', () => {
    const starts = helsinkiTimes(weeklyMeeting, '2026-03-16T00:00Z', '2026-04-08T00:00Z');
    expect(starts).toEqual(['2026-03-17T09:00:00+02:00', '2026-03-24T09:00:00+02:00', '2026-03-31T09:00:00+03:00', '2026-04-07T09:00:00+03:00']);
  });

  it('keeps it at 09:00 local time through the October change, so its UTC hour moves', () => {
    const occurrences = occurrencesBetween(series(weeklyMeeting).series!, instant('2026-10-19T00:00Z'), instant('2026-11-04T00:00Z'));
    expect(occurrences.map((o) => o.start.toInstant().toString())).toEqual(['2026-10-20T06:00:00Z', '2026-10-27T07:00:00Z', '2026-11-03T07:00:00Z']);
    expect(occurrences.every((o) => o.start.hour === 9 && o.end.hour === 10 && o.end.minute === 30)).toBe(true);
  });

  it('keeps the wall-clock length of an occurrence that spans the night of the change', () => {
    const overnight: Timing = { ...weeklyMeeting, start: '2026-10-24T22:00', end: '2026-10-25T06:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2', exceptions: [] } };
    const [first] = occurrencesBetween(series(overnight).series!, instant('2026-10-24T00:00Z'), instant('2026-10-26T00:00Z'));
    expect(first!.end.toPlainDateTime().toString()).toBe('2026-10-25T06:00:00');
    // Eight wall-clock hours are nine real hours on the night clocks go back.
    expect(first!.start.until(first!.end).total('hours')).toBe(9);
  });
});

describe('exceptions of a series', () => {
  const monthly: Timing = {
    timeZone: 'Europe/Helsinki',
    allDay: false,
    start: '2026-01-06T13:00',
    end: '2026-01-06T14:30',
    recurrence: {
      rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12',
      exceptions: [
        { occurrence: '2026-07-07T13:00', kind: 'removed' },
        { occurrence: '2026-02-03T13:00', kind: 'cancelled' },
        { occurrence: '2026-03-03T13:00', kind: 'moved', start: '2026-03-10T10:00', end: '2026-03-10T11:30', place: 'Teams' },
      ],
    },
  };

  it('leaves removed occurrences out, keeps cancelled ones marked, and shows moved ones at their new time', () => {
    const found = occurrencesBetween(series(monthly).series!, instant('2026-01-01T00:00Z'), instant('2026-12-31T00:00Z'));
    expect(found).toHaveLength(11);
    expect(found.find((o) => o.recurrenceId === '2026-07-07T13:00')).toBeUndefined();
    expect(found.find((o) => o.recurrenceId === '2026-02-03T13:00')?.cancelled).toBe(true);
    const moved = found.find((o) => o.recurrenceId === '2026-03-03T13:00')!;
    expect([moved.moved, moved.place, moved.start.toPlainDateTime().toString()]).toEqual([true, 'Teams', '2026-03-10T10:00:00']);
  });

  it('finds a moved occurrence by its new time even when the original time is outside the window', () => {
    const found = occurrencesBetween(series(monthly).series!, instant('2026-03-09T00:00Z'), instant('2026-03-11T00:00Z'));
    expect(found.map((o) => o.recurrenceId)).toEqual(['2026-03-03T13:00']);
  });

  it('spans from the first start to the end of the last occurrence', () => {
    const span = seriesSpan(series(monthly).series!);
    expect(span.start.toString()).toBe('2026-01-06T11:00:00Z');
    expect(span.end?.toString()).toBe('2026-12-01T12:30:00Z');
    expect(seriesSpan(series(weeklyMeeting).series!).end).toBeNull();
  });
});

describe('all-day events', () => {
  it('recurs by date and ends at the midnight after its last day', () => {
    const yearly: Timing = { timeZone: 'Europe/Helsinki', allDay: true, start: '2026-05-12', end: '2026-05-13', recurrence: { rrule: 'FREQ=YEARLY;COUNT=3', exceptions: [] } };
    const found = occurrencesBetween(series(yearly).series!, instant('2027-01-01T00:00Z'), instant('2028-01-01T00:00Z'));
    expect(found.map((o) => [o.recurrenceId, o.start.toString({ timeZoneName: 'never' }), o.end.toString({ timeZoneName: 'never' })])).toEqual([
      ['2027-05-12', '2027-05-12T00:00:00+03:00', '2027-05-14T00:00:00+03:00'],
    ]);
  });
});

describe('rules that are refused', () => {
  const issuesOf = (rrule: string, start = '2026-03-17T09:00') =>
    series({ ...weeklyMeeting, start, end: start.replace('09:00', '10:00'), recurrence: { rrule, exceptions: [] } }).issues.map((issue) => `${issue.field} ${issue.rule}`);

  it.each([
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', 'recurrence.rrule invalid'],
    ['FREQ=WEEKLY;BYDAY=XX', 'recurrence.rrule invalid'],
    ['FREQ=WEEKLY;INTERVAL=0', 'recurrence.rrule invalid'],
    ['BYDAY=TU', 'recurrence.rrule syntax'],
    ['FREQ=HOURLY', 'recurrence.rrule syntax'],
    ['FREQ=WEEKLY;BYHOUR=9', 'recurrence.rrule syntax'],
    ['FREQ=WEEKLY;FOO=1', 'recurrence.rrule syntax'],
    ['FREQ=WEEKLY;COUNT=5000', 'recurrence.rrule syntax'],
    ['FREQ=DAILY;UNTIL=20300101T000000Z', 'recurrence.rrule max-occurrences'],
    ['FREQ=WEEKLY;BYDAY=WE', 'start matches-rule'],
  ])('%s is refused (%s)', (rrule, expected) => {
    expect(issuesOf(rrule)).toContain(expected);
  });

  it('refuses an exception that is not an occurrence of the rule', () => {
    const timing = { ...weeklyMeeting, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', exceptions: [{ occurrence: '2026-03-18T09:00', kind: 'removed' as const }] } };
    expect(series(timing).issues.map((issue) => `${issue.field} ${issue.rule}`)).toEqual(['recurrence.exceptions[0].occurrence is-occurrence']);
  });
});

describe('the rule in canonical form', () => {
  it('writes UNTIL as UTC for timed events and as a date for all-day ones', async () => {
    const { canonicalRule } = await import('../worker/domain/recurrence');
    const timed = { allDay: false, timeZone: 'Europe/Helsinki' };
    expect(canonicalRule('rrule:freq=weekly;until=20261231', timed)).toBe('FREQ=WEEKLY;UNTIL=20261231T215959Z');
    expect(canonicalRule('FREQ=WEEKLY;UNTIL=20260630T120000', timed)).toBe('FREQ=WEEKLY;UNTIL=20260630T090000Z');
    expect(canonicalRule('FREQ=WEEKLY;UNTIL=20260630T120000Z;BYDAY=TU', timed)).toBe('FREQ=WEEKLY;UNTIL=20260630T120000Z;BYDAY=TU');
    expect(canonicalRule('FREQ=YEARLY;UNTIL=20300101T000000Z', { allDay: true, timeZone: 'Europe/Helsinki' })).toBe('FREQ=YEARLY;UNTIL=20300101');
  });
});

describe('a single event occurrence from its stored instants', () => {
  it('gives the same texts as the expansion with Temporal, in summer, winter and across a skipped hour', async () => {
    const { prepareEvent, eventOccurrences } = await import('../worker/domain/events');
    const { seriesOf, occurrencesBetween: expand } = await import('../worker/domain/recurrence');
    const { formatOffsetDateTime } = await import('../worker/domain/time');
    const cases = [
      { timeZone: 'Europe/Helsinki', start: '2026-03-29T02:30', end: '2026-03-29T03:30' },
      { timeZone: 'Europe/Helsinki', start: '2026-10-25T03:30', end: '2026-10-25T04:30' },
      { timeZone: 'Europe/Helsinki', start: '2026-07-01T09:00', end: '2026-07-01T12:00' },
      { timeZone: 'Europe/Helsinki', start: '2026-12-31T23:00', end: '2027-01-01T01:00' },
      { timeZone: 'America/St_Johns', start: '2026-11-02T09:15', end: '2026-11-02T10:00' },
      { timeZone: 'Asia/Kolkata', start: '2026-05-05T18:00', end: '2026-05-05T19:00' },
      { timeZone: 'UTC', start: '2026-05-05T18:00', end: '2026-05-05T19:00' },
    ];
    const window = [instant('2000-01-01T00:00Z'), instant('2100-01-01T00:00Z')] as const;
    for (const timing of cases) {
      const draft = prepareEvent({ title: { fi: 'Tapaaminen' }, type: 'muu', ...timing }, 'pohde', 'published');
      const event = { ...draft, id: 'x', sequence: 0, createdAt: draft.startsAt, updatedAt: draft.startsAt };
      const [fast] = eventOccurrences(event, ...window);
      const [slow] = expand(seriesOf({ ...timing, allDay: false, recurrence: null })!, ...window);
      expect([fast!.occurrence.start, fast!.occurrence.end]).toEqual([formatOffsetDateTime(slow!.start), formatOffsetDateTime(slow!.end)]);
    }
  });
});

describe('the occurrences of a finite series, remembered', () => {
  it('are the same as the rule gives for each window, with removed, cancelled and moved occurrences', async () => {
    const { prepareEvent, eventOccurrences } = await import('../worker/domain/events');
    const { seriesOf, occurrencesBetween: expand } = await import('../worker/domain/recurrence');
    const { formatOffsetDateTime } = await import('../worker/domain/time');
    const timing = {
      timeZone: 'Europe/Helsinki',
      start: '2026-03-10T09:00',
      end: '2026-03-10T10:30',
      recurrence: {
        rrule: 'FREQ=WEEKLY;COUNT=10',
        exceptions: [
          { occurrence: '2026-03-17T09:00', kind: 'removed' as const },
          { occurrence: '2026-03-24T09:00', kind: 'cancelled' as const },
          { occurrence: '2026-03-31T09:00', kind: 'moved' as const, start: '2026-04-20T13:00', end: '2026-04-20T14:00', place: 'Etänä' },
        ],
      },
    };
    const draft = prepareEvent({ title: { fi: 'Sarja' }, type: 'muu', ...timing }, 'pohde', 'published');
    const event = { ...draft, id: 'sarja', sequence: 0, createdAt: draft.startsAt, updatedAt: draft.startsAt };
    const windows = [['2026-03-01T00:00Z', '2026-06-01T00:00Z'], ['2026-03-24T07:00Z', '2026-04-21T00:00Z'], ['2026-04-20T10:30Z', '2026-04-20T10:31Z'], ['2027-01-01T00:00Z', '2027-02-01T00:00Z']] as const;
    for (const [from, to] of [...windows, ...windows]) {
      const expected = expand(seriesOf({ ...timing, allDay: false })!, instant(from), instant(to)).map((o) => [o.recurrenceId, formatOffsetDateTime(o.start), formatOffsetDateTime(o.end), o.cancelled ? 'cancelled' : 'published', o.moved, o.place]);
      const actual = eventOccurrences(event, instant(from), instant(to)).map(({ occurrence: o }) => [o.recurrenceId, o.start, o.end, o.status, o.moved, o.place]);
      expect(actual, `${from} – ${to}`).toEqual(expected);
    }
  });
});
