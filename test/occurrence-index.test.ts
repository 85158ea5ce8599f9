/**
 * Stored occurrences: lists read them from the index instead of evaluating
 * rules, so they must be exactly what the rules give, stay right through
 * edits, cancels, restores and the passing of time, and a page must cost
 * its length whatever the series around it.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listOccurrenceBriefPage, listOccurrencePage, listOccurrenceSyndicationPage } from '../worker/db/occurrences';
import { indexHorizon, indexWindow, occurrencesToStore } from '../worker/domain/occurrence-index';
import { type Timing, checkSeries, occurrencesBetween } from '../worker/domain/recurrence';
import { Temporal, formatInstant, formatOffsetDateTime } from '../worker/domain/time';
import { keepIndexAhead } from '../worker/services/occurrence-index';
import type { EventList } from '../worker/shared/events';
import { bearerFor, createEvent, jsonRequest, recording, request, workshop } from './helpers';

const DAY_MS = 86_400_000;

async function list(query: string): Promise<EventList> {
  const response = await request(`/api/events?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as EventList;
}

/** What the rules give for a timing, started in [from, until), in the form the index stores. */
function expected(timing: Timing, from: number, until: number) {
  const { series } = checkSeries(timing);
  return occurrencesBetween(series!, Temporal.Instant.fromEpochMilliseconds(from - 400 * DAY_MS), Temporal.Instant.fromEpochMilliseconds(until + 400 * DAY_MS))
    .filter((o) => o.start.epochMilliseconds >= from && o.start.epochMilliseconds < until)
    .map((o) => ({
      recurrenceId: o.recurrenceId ?? '',
      startsAt: formatInstant(o.start),
      endsAt: formatInstant(o.end),
      start: timing.allDay ? o.start.toPlainDate().toString() : formatOffsetDateTime(o.start),
      end: timing.allDay ? o.end.toPlainDate().subtract({ days: 1 }).toString() : formatOffsetDateTime(o.end),
      cancelled: o.cancelled,
      moved: o.moved,
      place: o.place,
    }))
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.recurrenceId < b.recurrenceId ? -1 : 1));
}

describe('the occurrences a write stores', () => {
  it('are exactly what the rule gives, with the zone’s changes, all-day series and exceptions', () => {
    const zones = ['Europe/Helsinki', 'Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'UTC'];
    const rules = ['FREQ=DAILY;COUNT=40', 'FREQ=WEEKLY;INTERVAL=2;COUNT=30', 'FREQ=WEEKLY;BYDAY=SU', 'FREQ=MONTHLY;BYDAY=-1SU;COUNT=24', 'FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU', 'FREQ=DAILY;UNTIL=20271105T000000Z'];
    const window = indexWindow(Date.parse('2026-12-02T05:00:00Z'));
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...rules),
        fc.boolean(),
        // Starts around the clock changes: 00:00–04:00 are where zones skip or repeat.
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 30),
        fc.integer({ min: 30, max: 26 * 60 }),
        fc.integer({ min: 0, max: 6 }),
        (zone, rrule, allDay, hour, minute, length, skip) => {
          const start = Temporal.PlainDateTime.from({ year: 2026, month: 3, day: 1, hour, minute });
          const first = checkSeries({ timeZone: zone, allDay, start: allDay ? '2026-03-01' : start.toString({ smallestUnit: 'minute' }), end: allDay ? '2026-03-02' : start.add({ minutes: length }).toString({ smallestUnit: 'minute' }), recurrence: { rrule, exceptions: [] } });
          if (!first.series) return;
          // Exceptions on the rule's own occurrences: one removed, one cancelled, one moved a day later.
          const ids = occurrencesBetween(first.series, Temporal.Instant.from('2026-01-01T00:00:00Z'), Temporal.Instant.from('2027-01-01T00:00:00Z'))
            .map((o) => o.recurrenceId!)
            .slice(skip, skip + 3);
          const moved = ids[2] && (allDay ? Temporal.PlainDate.from(ids[2]).add({ days: 1 }) : Temporal.PlainDateTime.from(ids[2]).add({ days: 1 }));
          const exceptions = [
            ...(ids[0] ? [{ occurrence: ids[0], kind: 'removed' as const }] : []),
            ...(ids[1] ? [{ occurrence: ids[1], kind: 'cancelled' as const }] : []),
            ...(ids[2] && moved ? [{ occurrence: ids[2], kind: 'moved' as const, start: moved.toString({ smallestUnit: 'minute' } as never), end: (allDay ? (moved as Temporal.PlainDate) : (moved as Temporal.PlainDateTime).add({ minutes: length })).toString({ smallestUnit: 'minute' } as never), place: 'Toinen sali' }] : []),
          ];
          const timing: Timing = { ...first.series.timing, recurrence: { rrule, exceptions } };
          if (!checkSeries(timing).series) return;
          const stored = occurrencesToStore(timing, window).occurrences.map(({ long: _long, ...o }) => o);
          expect(stored).toEqual(expected(timing, window.from, window.until));
          if (stored.length > 0 && exceptions.length === 3) compared++;
        },
      ),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(50);
  });

  it('stop at the horizon for a series without end, and hold all of a series with an end', () => {
    const now = Date.parse('2026-12-02T05:00:00Z');
    const timing = (rrule: string): Timing => ({ timeZone: 'Europe/Helsinki', allDay: false, start: '2026-12-07T09:00', end: '2026-12-07T10:00', recurrence: { rrule, exceptions: [] } });
    const endless = occurrencesToStore(timing('FREQ=WEEKLY'), indexWindow(now));
    expect(endless.occurrences.length).toBeGreaterThan(50);
    expect(Date.parse(endless.occurrences.at(-1)!.startsAt)).toBeLessThan(indexWindow(now).until);
    expect(endless.indexedUntil).toBe(new Date(indexWindow(now).until).toISOString().replace('.000Z', 'Z'));
    const daily = occurrencesToStore(timing('FREQ=DAILY'), indexWindow(now));
    // At most one a day: the write's cost is bounded by the window, not by the rule.
    expect(daily.occurrences.length).toBeLessThanOrEqual((indexWindow(now).until - indexWindow(now).from) / DAY_MS);
  });
});

// Endless series are indexed up to a horizon that moves with today, so these tests use dates near today.
const today = new Date();
const dayFromToday = (days: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);

describe('lists from the index', () => {
  it('give the first page of many endless daily series without listing them all, and say up to when series are listed', async () => {
    const pohde = await bearerFor('pohde');
    const network = 'sivistysjohtajat';
    const day = dayFromToday(3);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const hour = String(8 + (i % 8)).padStart(2, '0');
      ids.push((await createEvent(pohde, workshop({ start: `${day}T${hour}:00`, end: `${day}T${hour}:30`, networks: [network], recurrence: { rrule: 'FREQ=DAILY' } }))).event.id);
    }
    const page = await list(`from=${dayFromToday(0)}&to=${dayFromToday(1000)}&network=${network}&limit=5`);
    expect(page.items).toHaveLength(5);
    expect(page.items.map((item) => item.occurrence.startsAt)).toEqual([...page.items.map((item) => item.occurrence.startsAt)].sort());
    expect(page.items[0]!.occurrence.start.slice(0, 10)).toBe(day);
    expect(page.nextCursor).not.toBeNull();
    expect(Date.parse(page.horizon!)).toBe(indexHorizon(Date.now()));
    // Beyond the horizon a series without end is not listed (the feed carries it whole).
    const beyond = await list(`from=${new Date(indexHorizon(Date.now()) + 2 * DAY_MS).toISOString().slice(0, 10)}&to=${dayFromToday(1000)}&network=${network}`);
    expect(beyond.items.filter((item) => ids.includes(item.id))).toEqual([]);
  });

  it('page latest first with order=desc, the same occurrences as earliest first in reverse', async () => {
    const pohde = await bearerFor('pohde');
    const network = 'sote-johtajat';
    const start = dayFromToday(-20);
    await createEvent(pohde, workshop({ start: `${start}T09:00`, end: `${start}T10:00`, networks: [network], recurrence: { rrule: 'FREQ=DAILY;COUNT=9' } }));
    await createEvent(pohde, workshop({ start: `${start}T09:00`, end: `${start}T11:00`, networks: [network] }));
    await createEvent(pohde, workshop({ allDay: true, start: dayFromToday(-18), end: dayFromToday(-16), networks: [network] }));
    const window = `from=${dayFromToday(-30)}&to=${dayFromToday(1)}&network=${network}`;
    const all = async (order: string) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page: EventList = await list(`${window}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        keys.push(...page.items.map((item) => `${item.occurrence.startsAt}/${item.id}/${item.occurrence.recurrenceId}`));
        cursor = page.nextCursor;
      } while (cursor);
      return keys;
    };
    const ascending = await all('asc');
    expect(ascending).toHaveLength(11);
    expect(new Set(ascending).size).toBe(11);
    expect(await all('desc')).toEqual([...ascending].reverse());
  });

  it('follow an edit, a cancel and a cancelled occurrence at once', async () => {
    const pohde = await bearerFor('pohde');
    const day = dayFromToday(10);
    const { event, etag } = await createEvent(pohde, workshop({ start: `${day}T09:00`, end: `${day}T10:00`, networks: ['hyvinvointiyhdyshenkilot'], recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }));
    const window = `from=${day}&to=${dayFromToday(40)}&network=hyvinvointiyhdyshenkilot`;
    const mine = async () => (await list(window)).items.filter((item) => item.id === event.id);
    expect((await mine()).map((item) => item.occurrence.start.slice(11, 16))).toEqual(['09:00', '09:00', '09:00']);
    const second = (await mine())[1]!.occurrence.recurrenceId!;
    const edited = await jsonRequest(
      'PATCH',
      `/api/events/${event.id}`,
      { start: `${day}T13:00`, end: `${day}T14:00`, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: [{ occurrence: second.replace('09:00', '13:00'), kind: 'cancelled' }] } },
      { Authorization: pohde, 'If-Match': etag },
    );
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect((await mine()).map((item) => [item.occurrence.start.slice(11, 16), item.occurrence.status])).toEqual([['13:00', 'published'], ['13:00', 'cancelled'], ['13:00', 'published']]);
    const cancelled = await jsonRequest('POST', `/api/events/${event.id}/cancel`, { reason: 'Peruttu' }, { Authorization: pohde, 'If-Match': edited.headers.get('ETag')! });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    expect((await mine()).map((item) => item.occurrence.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('list events not indexed yet (as after a restore) by expanding them, until the Cron Trigger indexes them', async () => {
    const pohde = await bearerFor('pohde');
    const day = dayFromToday(5);
    const { event } = await createEvent(pohde, workshop({ start: `${day}T09:00`, end: `${day}T10:00`, networks: ['mielen-hyvinvointi'], recurrence: { rrule: 'FREQ=WEEKLY' } }));
    const window = `from=${day}&to=${dayFromToday(60)}&network=mielen-hyvinvointi`;
    const before = (await list(window)).items.filter((item) => item.id === event.id);
    expect(before.length).toBeGreaterThanOrEqual(8);
    await env.DB.batch([env.DB.prepare('DELETE FROM occurrences WHERE event_id = ?1').bind(event.id), env.DB.prepare('UPDATE events SET indexed_until = NULL WHERE id = ?1').bind(event.id)]);
    expect((await list(window)).items.filter((item) => item.id === event.id)).toEqual(before);
    expect(await keepIndexAhead(env.DB, Date.now())).toBeGreaterThanOrEqual(1);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM occurrences WHERE event_id = ?1').bind(event.id).first<{ n: number }>();
    expect(stored!.n).toBeGreaterThanOrEqual(before.length);
    expect((await list(window)).items.filter((item) => item.id === event.id)).toEqual(before);
  });

  it('are extended by the Cron Trigger as days pass, a month at a time', async () => {
    const pohde = await bearerFor('pohde');
    const day = dayFromToday(1);
    const { event } = await createEvent(pohde, workshop({ start: `${day}T09:00`, end: `${day}T10:00`, networks: ['elintapaohjaus'], recurrence: { rrule: 'FREQ=DAILY' } }));
    const until = async () => (await env.DB.prepare('SELECT indexed_until AS until FROM events WHERE id = ?1').bind(event.id).first<{ until: string }>())!.until;
    const last = async () => (await env.DB.prepare('SELECT max(starts_at) AS last FROM occurrences WHERE event_id = ?1').bind(event.id).first<{ last: string }>())!.last;
    const written = await until();
    expect(await keepIndexAhead(env.DB, Date.now())).toBe(0);
    const later = Date.now() + 10 * DAY_MS;
    await keepIndexAhead(env.DB, later);
    expect(Date.parse(await until())).toBe(indexWindow(later).until + 30 * DAY_MS);
    expect(Date.parse(await last())).toBeGreaterThan(Date.parse(written));
    expect(Date.parse(await last())).toBeLessThan(Date.parse(await until()));
    // A second run the same day finds nothing to do.
    expect(await keepIndexAhead(env.DB, later)).toBe(0);
  });
});

describe('a page of the index', () => {
  it('reads the index in order and stops at the limit, full, brief or for feeds: no sort, no scan of the occurrences', async () => {
    const filter = {
      from: '2027-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', networks: [], types: [], municipalities: [], organisations: [], match: null, includeMembersOnly: false,
      shortFrom: '2026-12-31T00:00:00Z', longFrom: '2025-12-31T00:00:00Z',
    };
    const { db, statements } = recording(env.DB);
    for (const list of [listOccurrencePage, listOccurrenceBriefPage, listOccurrenceSyndicationPage]) {
      for (const descending of [false, true]) {
        await list(db, filter, { after: null, limit: 50, descending });
        await list(db, { ...filter, networks: ['osallisuus'] }, { after: ['2027-02-01T00:00:00Z', 'x', ''], limit: 50, descending });
      }
    }
    const pages = statements.filter((s) => /^SELECT [ot]\.event_id/.test(s.sql));
    expect(pages).toHaveLength(12);
    for (const { sql, values } of pages) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...values).all<{ detail: string }>();
      const details = results.map((row) => row.detail);
      // A filtered page reads its term's part of occurrence_terms, the others occurrences_in_time.
      const index = sql.startsWith('SELECT t.') ? /SEARCH t USING (COVERING )?(INDEX \S+|PRIMARY KEY) \(kind=\? AND term_id=\? AND long=\? AND starts_at>\?/ : /USING (COVERING )?INDEX occurrences_in_time \(long=\? AND starts_at>\?/;
      expect(details.filter((d) => index.test(d)), details.join('\n')).toHaveLength(2);
      expect(details.filter((d) => /TEMP B-TREE/.test(d) && !/DISTINCT|IN|MATCH/.test(d))).toEqual([]);
      expect(details.filter((d) => /^SCAN o\b/.test(d))).toEqual([]);
    }
  });

  it('keeps every page statement within D1\'s 100 KB with the most filter values a query may have, reading the kind with the fewest terms', async () => {
    const sqls: string[] = [];
    const capture = {
      prepare: (sql: string) => ({ bind: () => ({ sql }) }),
      batch: async (statements: { sql: string }[]) => (sqls.push(...statements.map((s) => s.sql)), statements.map(() => ({ results: [] }))),
    } as unknown as D1Database;
    const values = (kind: string) => Array.from({ length: 30 }, (_, i) => `${kind}-${i}`);
    const most = {
      from: '2027-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', networks: values('n'), types: values('t'), municipalities: values('m'), organisations: values('o'),
      match: '"kokous"', includeMembersOnly: false, shortFrom: '2026-12-31T00:00:00Z', longFrom: '2025-12-31T00:00:00Z',
    };
    const fewest = { ...most, networks: values('n').slice(0, 3), types: values('t').slice(0, 2) };
    for (const filter of [most, fewest, { ...most, organisations: ['pohde'] }]) {
      for (const list of [listOccurrencePage, listOccurrenceBriefPage, listOccurrenceSyndicationPage]) {
        await list(capture, filter, { after: ['2027-02-01T00:00:00Z', 'x', ''], limit: 50, descending: true });
      }
    }
    expect(Math.max(...sqls.map((sql) => new TextEncoder().encode(sql).length))).toBeLessThan(100_000);
    // 30 of every kind: no index of a term; two types beside three networks: the types'; one organisation: its own.
    expect(sqls.filter((sql) => sql.includes('occurrence_terms')).map((sql) => sql.match(/t\.kind = '(\w+)'/)?.[1])).toEqual(['type', 'type', 'type', 'type', 'organisation', 'organisation', 'organisation', 'organisation']);
  });
});
