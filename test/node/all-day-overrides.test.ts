/**
 * An all-day series' moved or cancelled day is an override of the series
 * (RECURRENCE-ID;VALUE=DATE with the same UID), so that a calendar that
 * imported the event ("add to my calendar", or the feed as a file) and
 * imports it again after the day changed replaces it instead of keeping a
 * second copy. Checked with ical.js, as a client that keeps events by UID,
 * and with khal (Debian's `khal`), which files each UID in a vdir.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareEvent } from '../../worker/domain/events';
import { type TermNames, calendarOf } from '../../worker/domain/ical';
import type { Event, EventInput, RecurrenceException } from '../../worker/shared/events';

const names: TermNames = {
  eventTypes: new Map([['tyopaja', { fi: 'Työpaja', sv: null, en: null }]]),
  networks: new Map(),
  organisations: new Map([['pohde', { fi: 'Pohde', sv: null, en: null }]]),
  municipalities: new Map(),
};
const options = { origin: 'https://hytekello.test', uidDomain: 'hytekello.test', names, language: 'fi' as const };

/** The yearly all-day celebration, with these exceptions, as version `version` of the event. */
function celebration(exceptions: RecurrenceException[], version: number): Event {
  const input: EventInput = {
    title: { fi: 'Vuosijuhla' },
    type: 'tyopaja',
    organisations: ['pohde'],
    allDay: true,
    start: '2027-05-12',
    end: '2027-05-12',
    recurrence: { rrule: 'FREQ=YEARLY;COUNT=3', exceptions },
  };
  const { spanStart: _s, spanEnd: _e, ...draft } = prepareEvent(input, 'pohde', 'published', null);
  return { ...draft, id: 'vuosijuhla', sequence: version, createdAt: '2026-01-05T08:00:00.000Z', updatedAt: `2026-02-1${version}T12:00:00.000Z` };
}

const MOVED: RecurrenceException = { occurrence: '2028-05-12', kind: 'moved', start: '2028-05-15', end: '2028-05-15' };
const MOVED_AGAIN: RecurrenceException = { occurrence: '2028-05-12', kind: 'moved', start: '2028-05-17', end: '2028-05-17' };
const CANCELLED: RecurrenceException = { occurrence: '2028-05-12', kind: 'cancelled' };

/** What a subscriber gets: the feed, and the single event's .ics ("add to my calendar"). */
const downloads = {
  feed: (event: Event) => calendarOf([event], { ...options, name: 'Hytekello — kaikki tapahtumat' }),
  'single event': (event: Event) => calendarOf([event], { ...options, name: event.title.fi }),
};

/** A calendar that keeps what it imports by UID: an import replaces every component of each UID it carries. */
class ImportingCalendar {
  private readonly byUid = new Map<string, ICAL.Component[]>();

  import(text: string): void {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const incoming = new Map<string, ICAL.Component[]>();
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      const uid = String(vevent.getFirstPropertyValue('uid'));
      incoming.set(uid, [...(incoming.get(uid) ?? []), vevent]);
    }
    for (const [uid, components] of incoming) this.byUid.set(uid, components);
  }

  /** 'YYYY-MM-DD STATUS' of every day shown, in order. */
  days(): string[] {
    const days: string[] = [];
    for (const components of this.byUid.values()) {
      const events = components.map((component) => new ICAL.Event(component));
      const master = events.find((event) => !event.isRecurrenceException()) ?? events[0]!;
      for (const exception of events.filter((event) => event !== master && event.isRecurrenceException())) master.relateException(exception);
      if (!master.isRecurring()) {
        days.push(`${master.startDate.toString()} ${master.component.getFirstPropertyValue('status')}`);
        continue;
      }
      const iterator = master.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = master.getOccurrenceDetails(next);
        days.push(`${details.startDate.toString()} ${details.item.component.getFirstPropertyValue('status')}`);
      }
    }
    return days.sort();
  }
}

describe("an all-day series' moved or cancelled day, imported as a client imports it (ical.js)", () => {
  for (const [name, download] of Object.entries(downloads)) {
    it(`is an override of the series' UID in the ${name}, so importing again after a change leaves no duplicate`, () => {
      const text = download(celebration([MOVED], 1));
      expect(text).toContain('RECURRENCE-ID;VALUE=DATE:20280512');
      expect(text.match(/^UID:.*$/gm)).toEqual(['UID:vuosijuhla@hytekello.test', 'UID:vuosijuhla@hytekello.test']);
      expect(text).not.toContain('EXDATE');

      const client = new ImportingCalendar();
      client.import(text);
      expect(client.days()).toEqual(['2027-05-12 CONFIRMED', '2028-05-15 CONFIRMED', '2029-05-12 CONFIRMED']);
      client.import(download(celebration([MOVED_AGAIN], 2)));
      expect(client.days()).toEqual(['2027-05-12 CONFIRMED', '2028-05-17 CONFIRMED', '2029-05-12 CONFIRMED']);
      client.import(download(celebration([], 3)));
      expect(client.days()).toEqual(['2027-05-12 CONFIRMED', '2028-05-12 CONFIRMED', '2029-05-12 CONFIRMED']);
      client.import(download(celebration([CANCELLED], 4)));
      expect(client.days()).toEqual(['2027-05-12 CONFIRMED', '2028-05-12 CANCELLED', '2029-05-12 CONFIRMED']);
    });
  }
});

describe("an all-day series' moved day, imported into khal", () => {
  let directory: string | null = null;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = null;
  });

  /** A khal with one calendar in a fresh vdir; import() and list() run the real khal. */
  function khal() {
    directory = mkdtempSync(join(tmpdir(), 'khal-'));
    const config = join(directory, 'config');
    writeFileSync(
      config,
      [
        '[calendars]',
        '[[imported]]',
        `path = ${join(directory, 'calendar')}`,
        'type = calendar',
        '[locale]',
        'timeformat = %H:%M',
        'dateformat = %Y-%m-%d',
        'longdateformat = %Y-%m-%d',
        'datetimeformat = %Y-%m-%d %H:%M',
        'longdatetimeformat = %Y-%m-%d %H:%M',
        'local_timezone = Europe/Helsinki',
        'default_timezone = Europe/Helsinki',
        '[sqlite]',
        `path = ${join(directory, 'khal.db')}`,
        '',
      ].join('\n'),
    );
    execFileSync('mkdir', ['-p', join(directory, 'calendar')]);
    let imports = 0;
    const run = (...args: string[]) => execFileSync('khal', ['-c', config, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    return {
      import(text: string) {
        const file = join(directory!, `download-${++imports}.ics`);
        writeFileSync(file, text);
        run('import', '--batch', '-a', 'imported', file);
      },
      list: () =>
        run('list', '--format', '{start} {title}', '--day-format', '', '2027-01-01', '2030-01-01')
          .split('\n')
          .filter(Boolean),
    };
  }

  for (const [name, download] of Object.entries(downloads)) {
    it(`shows each day once after the ${name} is imported again with the day moved, moved back and cancelled`, () => {
      const client = khal();
      client.import(download(celebration([MOVED], 1)));
      expect(client.list()).toEqual(['2027-05-12 Vuosijuhla', '2028-05-15 Vuosijuhla', '2029-05-12 Vuosijuhla']);
      client.import(download(celebration([MOVED_AGAIN], 2)));
      expect(client.list()).toEqual(['2027-05-12 Vuosijuhla', '2028-05-17 Vuosijuhla', '2029-05-12 Vuosijuhla']);
      client.import(download(celebration([], 3)));
      expect(client.list()).toEqual(['2027-05-12 Vuosijuhla', '2028-05-12 Vuosijuhla', '2029-05-12 Vuosijuhla']);
      client.import(download(celebration([CANCELLED], 4)));
      expect(client.list()).toEqual(['2027-05-12 Vuosijuhla', '2028-05-12 Peruttu: Vuosijuhla', '2029-05-12 Vuosijuhla']);
      // Eight runs of khal, each a Python start: seconds on a busy machine.
    }, 60_000);
  }
});
