/**
 * The hot queries use indexes: every statement the database layer runs for
 * a list, a feed, a read or a token check is explained by SQLite, and no
 * table that grows with use (events and their rows, clock items, audit log,
 * tokens, stored VEVENT texts) is read whole.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { readClock, readClockItems, readLinkedEvents } from '../worker/db/clock';
import { findEvent, listEventsByIds, listFeedEntries, listPublicEvents, searchExpression } from '../worker/db/events';
import { readFeedVersions, writeEventComponents } from '../worker/db/feeds';
import { findActiveToken } from '../worker/db/tokens';
import { recording } from './helpers';

const GROWING = /^(SCAN) (events|occurrences|event_organisations|event_networks|event_municipalities|event_audiences|event_materials|event_exceptions|clock_items|audit_log|api_tokens|event_components|feed_versions)\b(?! USING (COVERING )?INDEX)/;

async function plan(sql: string, values: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...values).all<{ detail: string }>();
  return results.map((row) => row.detail);
}

describe('query plans', () => {
  it('no hot query reads a growing table whole', async () => {
    const { db, statements } = recording(env.DB);
    const filter = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', networks: ['osallisuus'], types: ['tyopaja'], municipalities: ['oulu'], organisations: ['pohde'], includeMembersOnly: false, match: searchExpression('työpaja') };
    await listPublicEvents(db, filter);
    await listPublicEvents(db, { ...filter, networks: [], types: [], municipalities: [], organisations: [], match: null, includeMembersOnly: false });
    await findEvent(db, 'any-event');
    await readFeedVersions(db, [['all', ''], ['names', ''], ['network', 'osallisuus'], ['type', 'tyopaja']]);
    await listFeedEntries(db, { ...filter, networks: [], types: [], municipalities: [], organisations: [] }, 'fi');
    await listFeedEntries(db, filter, 'sv');
    await listEventsByIds(db, ['a', 'b']);
    await writeEventComponents(db, 'fi', [{ eventId: 'a', context: 'c', text: 't' }], { endedFrom: '2025-01-01T00:00:00Z', endedTo: '2025-02-01T00:00:00Z' });
    await findActiveToken(db, '0'.repeat(64), new Date());
    const clock = (await readClock(db, null))!;
    await readClockItems(db, clock.id, 'annual');
    await readLinkedEvents(db, clock.id, filter.from, filter.to, 12);
    expect(statements.length).toBeGreaterThanOrEqual(13);
    const scans: string[] = [];
    for (const { sql, values } of statements) {
      for (const detail of await plan(sql, values)) {
        if (GROWING.test(detail)) scans.push(`${detail}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 100)}`);
      }
    }
    expect(scans).toEqual([]);
  });

  it('a window reads the events that end after its start, not every event that began before its end', async () => {
    const { db, statements } = recording(env.DB);
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    await listPublicEvents(db, { ...window, networks: [], types: [], municipalities: [], organisations: [], match: null, includeMembersOnly: false });
    await listFeedEntries(db, { ...window, networks: [], types: [], municipalities: [], organisations: [], includeMembersOnly: false }, 'fi');
    const clock = (await readClock(db, null))!;
    await readLinkedEvents(db, clock.id, window.from, window.to, 12);
    for (const { sql, values } of statements.filter((s) => s.sql.includes('span_end'))) {
      const details = await plan(sql, values);
      // Events that end after `from` (a range on span_end), and series without end (span_end IS NULL).
      expect(details).toContainEqual(expect.stringMatching(/USING (COVERING )?INDEX events_by_span_end \(status=\? AND span_end>\?/));
      expect(details).toContainEqual(expect.stringMatching(/USING (COVERING )?INDEX events_by_span_end \(status=\? AND span_end=\? AND span_start<\?\)/));
      expect(details.filter((detail) => /\(status=\? AND span_start<\?\)/.test(detail))).toEqual([]);
    }
    expect(statements.filter((s) => s.sql.includes('span_end'))).toHaveLength(3);
  });

  it('a filtered window checks each of its events against the filters, and never lists every event of a network, municipality or organisation', async () => {
    const { db, statements } = recording(env.DB);
    const filter = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', networks: ['osallisuus'], types: [], municipalities: ['oulu'], organisations: ['pohde'], includeMembersOnly: false };
    await listPublicEvents(db, { ...filter, match: null });
    await listFeedEntries(db, filter, 'fi');
    for (const { sql, values } of statements) {
      const details = await plan(sql, values);
      // The link tables are read by the event's id (their primary key), not by the term (an index over all history).
      expect(details.filter((detail) => /_by_(network|municipality|organisation)\b/.test(detail))).toEqual([]);
      expect(details.filter((detail) => /CORRELATED SCALAR SUBQUERY/.test(detail)).length).toBeGreaterThanOrEqual(3);
    }
    expect(statements).toHaveLength(2);
  });
});
