import { describe, expect, it } from 'vitest';
import apple from './fixtures/import/apple.ics?raw';
import google from './fixtures/import/google.ics?raw';
import outlook from './fixtures/import/outlook.ics?raw';
import { parseCalendar, zoneOfTzid } from '../worker/domain/ics-import';

const byTitle = (parsed: ReturnType<typeof parseCalendar>, title: string) => {
  const found = parsed.events.find((e) => e.title === title);
  if (!found) throw new Error(`no event '${title}' in ${parsed.events.map((e) => e.title).join(', ')}`);
  return found;
};

describe('time zone names', () => {
  it('reads IANA names, Windows names, paths and labels', () => {
    expect(zoneOfTzid('Europe/Helsinki')).toBe('Europe/Helsinki');
    expect(zoneOfTzid('FLE Standard Time')).toBe('Europe/Helsinki');
    expect(zoneOfTzid('w. europe standard time')).toBe('Europe/Berlin');
    expect(zoneOfTzid('Eastern Standard Time')).toBe('America/New_York');
    expect(zoneOfTzid('/mozilla.org/20070129_1/Europe/Helsinki')).toBe('Europe/Helsinki');
    expect(zoneOfTzid('(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius')).toBe('Europe/Helsinki');
    expect(zoneOfTzid('Customized Time Zone')).toBeNull();
  });

  it('reads Windows names by the current CLDR mapping, in today\'s IANA names', () => {
    // UTC+6: Kazakhstan (Asia/Almaty) left it in 2024.
    expect(zoneOfTzid('Central Asia Standard Time')).toBe('Asia/Bishkek');
    expect(zoneOfTzid('India Standard Time')).toBe('Asia/Kolkata');
    expect(zoneOfTzid('Bougainville Standard Time')).toBe('Pacific/Bougainville');
    expect(zoneOfTzid('UTC')).toBe('UTC');
  });
});

describe('an Outlook export', () => {
  const parsed = parseCalendar(outlook);

  it('keeps a weekly 09:00 Helsinki meeting at 09:00 across the change to summer time, with its removed and moved instances', () => {
    const meeting = byTitle(parsed, 'Hyvinvointikoordinaattorien viikkopalaveri');
    expect(meeting).toMatchObject({ timeZone: 'Europe/Helsinki', allDay: false, start: '2026-03-10T09:00', end: '2026-03-10T10:00', onlineUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_hytekello_esimerkki%40thread.v2/0' });
    expect(meeting.recurrence!.rrule).toContain('FREQ=WEEKLY');
    expect(meeting.recurrence!.exceptions).toEqual([
      { occurrence: '2026-04-07T09:00', kind: 'removed' },
      { occurrence: '2026-04-14T09:00', kind: 'moved', start: '2026-04-14T13:00', end: '2026-04-14T14:00', place: null },
    ]);
    expect(meeting.description).toContain('Microsoft Teams -kokous');
  });

  it('maps Windows zone names, with or without a VTIMEZONE, to IANA zones', () => {
    expect(byTitle(parsed, 'Verkostotapaaminen')).toMatchObject({ timeZone: 'Europe/Berlin', start: '2026-05-20T14:00', end: '2026-05-20T15:30' });
    expect(byTitle(parsed, 'Kansainvälinen webinaari')).toMatchObject({ timeZone: 'America/New_York', start: '2026-03-05T10:00', end: '2026-03-05T11:30' });
  });

  it('turns an exclusive all-day DTEND into the last day', () => {
    expect(byTitle(parsed, 'Juhannusviikon suljettu toimisto')).toMatchObject({ allDay: true, start: '2026-06-22', end: '2026-06-26' });
  });

  it('reads every event and unfolds long UIDs', () => {
    expect(parsed.unparseable).toEqual([]);
    expect(parsed.events).toHaveLength(4);
    expect(parsed.events[0]!.uid).toBe('040000008200E00074C5B7101A82E00800000000B0C1F2E3D4A5DB01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90');
  });
});

describe('a Google Calendar export', () => {
  const parsed = parseCalendar(google);

  it('shows UTC times in the calendar zone (X-WR-TIMEZONE)', () => {
    expect(byTitle(parsed, 'Syysseminaari')).toMatchObject({ timeZone: 'Europe/Helsinki', start: '2026-09-15T16:00', end: '2026-09-15T18:00', place: 'Kulttuuritalo Valve, Hallituskatu 7, 90100 Oulu, Suomi' });
  });

  it('makes RECURRENCE-ID instances moved or cancelled occurrences and EXDATEs removed ones', () => {
    const series = byTitle(parsed, 'Vertaisryhmä');
    expect(series).toMatchObject({ start: '2026-01-07T10:00', end: '2026-01-07T11:30', onlineUrl: 'https://meet.google.com/abc-defg-hij' });
    expect(series.recurrence).toEqual({
      rrule: 'FREQ=MONTHLY;COUNT=6;BYDAY=1WE',
      exceptions: [
        { occurrence: '2026-03-04T10:00', kind: 'moved', start: '2026-03-05T12:00', end: '2026-03-05T13:30', place: null },
        { occurrence: '2026-05-06T10:00', kind: 'cancelled' },
        { occurrence: '2026-06-03T10:00', kind: 'removed' },
      ],
    });
  });

  it('marks a cancelled event cancelled and a one-day all-day event as that day', () => {
    expect(byTitle(parsed, 'Peruttu: Syyskokous')).toMatchObject({ cancelled: true, start: '2026-11-04T17:00' });
    expect(byTitle(parsed, 'Mielenterveysviikko alkaa')).toMatchObject({ allDay: true, start: '2026-10-12', end: '2026-10-12', cancelled: false });
  });

  it('reports a rule Hytekello cannot keep as unparseable, with the reason', () => {
    expect(parsed.unparseable).toEqual([{ uid: '9z8y7x6w5v4u3t2s1r0q9p8o7n@google.com', title: 'Tunnin välein muistutus', reason: expect.stringContaining('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY') }]);
  });
});

describe('an Apple Calendar export', () => {
  const parsed = parseCalendar(apple);

  it('maps a custom VTIMEZONE with Finnish rules to Europe/Helsinki, so 18:00 stays 18:00 after the change to winter time', () => {
    const cafe = byTitle(parsed, 'Perheiden iltakahvila');
    expect(cafe).toMatchObject({ timeZone: 'Europe/Helsinki', start: '2026-10-20T18:00', end: '2026-10-20T19:30', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exceptions: [] } });
    expect(cafe.place).toBe('Perhekeskus Kastelli, Kastellintie 5, 90540 Oulu');
    expect(cafe.description).toContain('perheitä – lapset mukaan! Paikalla perheohjaaja ja järjestöjen');
  });

  it('converts times of a VTIMEZONE that matches no known zone through its own rules', () => {
    // 10:00 at +01:00 is 09:00 UTC, 11:00 in Helsinki in November.
    expect(byTitle(parsed, 'Etäkoulutus')).toMatchObject({ timeZone: 'Europe/Helsinki', start: '2026-11-18T11:00', end: '2026-11-18T13:00' });
  });

  it('reads all-day ranges and treats floating times as Helsinki time', () => {
    expect(byTitle(parsed, 'Kesäleiri')).toMatchObject({ allDay: true, start: '2026-07-06', end: '2026-07-08' });
    expect(byTitle(parsed, 'Kelluva aamupala')).toMatchObject({ timeZone: 'Europe/Helsinki', start: '2026-12-01T09:00', end: '2026-12-01T11:00' });
  });
});

describe('texts that are not calendars, or events Hytekello cannot keep', () => {
  const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
  const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];

  it('refuses a text that is no calendar', () => {
    expect(() => parseCalendar('hello')).toThrow(/BEGIN:VCALENDAR/);
    expect(() => parseCalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n')).toThrow(/cannot be read/);
  });

  it('gives a reason for each event it cannot represent and never throws for them', () => {
    const parsed = parseCalendar(
      calendar(
        ...vevent('SUMMARY:Ei UID:tä', 'DTSTART:20260101T100000Z', 'DTEND:20260101T110000Z'),
        ...vevent('UID:a', 'SUMMARY:Ei loppua', 'DTSTART:20260101T100000Z'),
        ...vevent('UID:b', 'SUMMARY:Tuntematon vyöhyke', 'DTSTART;TZID=Mars/Olympus:20260101T100000', 'DTEND;TZID=Mars/Olympus:20260101T110000'),
        ...vevent('UID:c', 'SUMMARY:RDATE', 'DTSTART:20260101T100000Z', 'DTEND:20260101T110000Z', 'RRULE:FREQ=DAILY;COUNT=2', 'RDATE:20260110T100000Z'),
        ...vevent('UID:d', 'SUMMARY:Loppu ennen alkua', 'DTSTART:20260101T100000Z', 'DTEND:20260101T090000Z'),
        ...vevent('UID:e', 'SUMMARY:Tästä eteenpäin', 'DTSTART:20260101T100000Z', 'DTEND:20260101T110000Z', 'RRULE:FREQ=DAILY;COUNT=5'),
        ...vevent('UID:e', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20260103T100000Z', 'DTSTART:20260103T120000Z', 'DTEND:20260103T130000Z'),
        ...vevent('UID:f', 'SUMMARY:Kesto', 'DTSTART;TZID=Europe/Helsinki:20260101T100000', 'DURATION:PT1H30M'),
      ),
    );
    const reasons = Object.fromEntries(parsed.unparseable.map((u) => [u.uid ?? u.title, u.reason]));
    expect(reasons['Ei UID:tä']).toMatch(/no UID/);
    expect(reasons.a).toMatch(/no end/);
    expect(reasons.b).toMatch(/Mars\/Olympus/);
    expect(reasons.c).toMatch(/RDATE/);
    expect(reasons.d).toMatch(/before its start/);
    expect(reasons.e).toMatch(/THISANDFUTURE/);
    expect(parsed.events).toEqual([expect.objectContaining({ uid: 'f', start: '2026-01-01T10:00', end: '2026-01-01T11:30' })]);
  });
});
