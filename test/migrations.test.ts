/**
 * Upgrades keep data: a database filled at the first schema version is
 * taken through every migration, one at a time, with more data added at the
 * versions that bring new tables; afterwards every row is there with every
 * value it had, and the service reads it.
 */
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

type Row = Record<string, unknown>;

const db = env.UPGRADE_DB;

// Data of the first version: published, cancelled and recurring events with every related row, tokens, audit rows.
const FIRST_VERSION_DATA = [
  `INSERT INTO clock_items (id, title_fi, title_sv) VALUES (100, 'Oma vuosikellon kohta', 'Egen punkt')`,
  `INSERT INTO events (id, status, title_fi, title_sv, description_fi, event_type_id, time_zone, all_day, start_local, end_local, rrule, starts_at, ends_at, span_start, span_end,
     location_place, location_address, location_municipality_id, online_url, contact_name, contact_email, languages, registration_url, clock_item_id, sequence, revision, created_at, updated_at)
   VALUES ('vanha-sarja', 'published', 'Viikkotapaaminen', 'Veckomöte', 'Kuvaus; rivit\nja ääkköset 🎉', 1, 'Europe/Helsinki', 0, '2025-03-04T09:00', '2025-03-04T10:00', 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
     '2025-03-04T07:00:00Z', '2025-03-04T08:00:00Z', '2025-03-04T07:00:00Z', '2025-05-06T07:00:00Z', 'Kaupungintalo', 'Torikatu 10', 1, 'https://teams.example/x', 'Maire', 'maire@pohde.fi', 'fi,sv', 'https://pohde.fi/ilmo', 100, 2, 'rev-1', '2025-01-01T10:00:00Z', '2025-02-01T10:00:00Z')`,
  `INSERT INTO events (id, status, title_fi, event_type_id, time_zone, all_day, start_local, end_local, starts_at, ends_at, span_start, span_end, languages, cancel_reason, sequence, revision, created_at, updated_at)
   VALUES ('vanha-peruttu', 'cancelled', 'Peruttu foorumi', 2, 'Europe/Helsinki', 1, '2025-11-20', '2025-11-20', '2025-11-19T22:00:00Z', '2025-11-20T22:00:00Z', '2025-11-19T22:00:00Z', '2025-11-20T22:00:00Z', 'fi', 'Sairastuminen', 1, 'rev-2', '2025-01-02T10:00:00Z', '2025-03-02T10:00:00Z')`,
  `INSERT INTO event_exceptions (event_id, occurrence, kind, start_local, end_local, location_place) VALUES
     ('vanha-sarja', '2025-03-11T09:00', 'removed', NULL, NULL, NULL), ('vanha-sarja', '2025-03-18T09:00', 'moved', '2025-03-19T13:00', '2025-03-19T14:00', 'Teams'), ('vanha-sarja', '2025-03-25T09:00', 'cancelled', NULL, NULL, NULL)`,
  `INSERT INTO event_organisations (event_id, organisation_id) VALUES ('vanha-sarja', 1), ('vanha-sarja', 2), ('vanha-peruttu', 1)`,
  `INSERT INTO event_networks (event_id, network_id) VALUES ('vanha-sarja', 1), ('vanha-peruttu', 2)`,
  `INSERT INTO event_municipalities (event_id, municipality_id) VALUES ('vanha-sarja', 1), ('vanha-sarja', 5)`,
  `INSERT INTO event_audiences (event_id, audience_id) VALUES ('vanha-sarja', 1)`,
  `INSERT INTO event_materials (event_id, position, kind, title, url) VALUES ('vanha-sarja', 0, 'slides', 'Diat', 'https://pohde.fi/diat.pdf'), ('vanha-sarja', 1, 'recording', 'Tallenne', 'https://pohde.fi/tallenne')`,
  `INSERT INTO api_tokens (id, name, organisation_id, token_hash, created_at, last_used_at) VALUES (7, 'Vanha integraatio', 1, '${'a'.repeat(64)}', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')`,
  `INSERT INTO audit_log (id, at, token_id, action, entity, entity_id, before_json, after_json) VALUES
     (1, '2025-01-01T10:00:00Z', 7, 'create', 'event', 'vanha-sarja', NULL, '{"title":"Viikkotapaaminen"}'), (2, '2025-03-02T10:00:00Z', NULL, 'cancel', 'event', 'vanha-peruttu', '{}', '{"status":"cancelled"}')`,
];

// User data of the first version, compared row by row (by key) and column by column after the upgrade.
// (Reference rows, such as the template's clock items 1–4, are corrected by migrations on purpose.)
const KEPT: [table: string, key: string, where: string][] = [
  ['events', 'id', 'true'],
  ['event_exceptions', 'event_id, occurrence', 'true'],
  ['event_organisations', 'event_id, organisation_id', 'true'],
  ['event_networks', 'event_id, network_id', 'true'],
  ['event_municipalities', 'event_id, municipality_id', 'true'],
  ['event_audiences', 'event_id, audience_id', 'true'],
  ['event_materials', 'event_id, position', 'true'],
  ['api_tokens', 'id', 'true'],
  // Migrations that change the regional clock record it (so that its feed changes): rows are added, none changed.
  ['audit_log', 'id', 'id <= 2'],
  ['clock_items', 'id', 'id = 100'],
];

async function rows(table: string, order: string, where = 'true'): Promise<Row[]> {
  return (await db.prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY ${order}`).all<Row>()).results;
}

describe('migrations', () => {
  it('keep every row and value of a database filled at the first version, through every step', async () => {
    const migrations = env.TEST_MIGRATIONS;
    expect(migrations[0]!.name).toMatch(/^0001_/);
    await applyD1Migrations(db, migrations.slice(0, 2));
    await db.batch(FIRST_VERSION_DATA.map((sql) => db.prepare(sql)));
    const before = new Map<string, Row[]>();
    for (const [table, key, where] of KEPT) before.set(table, await rows(table, key, where));

    for (let step = 3; step <= migrations.length; step++) {
      await applyD1Migrations(db, migrations.slice(0, step));
      const name = migrations[step - 1]!.name;
      // Data of the versions that bring new tables: they must survive the later steps too.
      if (name.startsWith('0007_')) {
        await db.prepare(`INSERT INTO idempotency_keys (token_id, key, request_hash, event_id, created_at) VALUES (7, 'avain-1', '${'b'.repeat(64)}', 'vanha-sarja', '2025-04-01T00:00:00Z')`).run();
      }
      if (name.startsWith('0003_')) {
        await db.prepare("INSERT INTO feed_cache (key, etag, body, built_at) VALUES ('k', 'e', x'1f8b', '2025-04-01T00:00:00Z')").run();
      }
    }

    for (const [table, key, where] of KEPT) {
      const keyOf = (row: Row) => JSON.stringify(key.split(', ').map((column) => row[column]));
      const after = new Map((await rows(table, key, where)).map((row) => [keyOf(row), row]));
      const earlier = before.get(table)!;
      expect(after.size, table).toBe(earlier.length);
      for (const row of earlier) {
        const now = after.get(keyOf(row));
        expect(now, `${table} row ${keyOf(row)}`).toBeDefined();
        // New columns may be added; every old column keeps its value.
        for (const [column, value] of Object.entries(row)) expect(now![column], `${table}.${column} of ${keyOf(row)}`).toEqual(value);
      }
    }
    // What later migrations added to old rows: audit rows know how they were written, events are public.
    expect((await rows('audit_log', 'id', 'id <= 2')).map((r) => r.via)).toEqual(['token', 'system']);
    expect((await rows('events', 'id')).map((r) => r.visibility)).toEqual(['public', 'public']);
    expect(await db.prepare('SELECT actor, key, event_id FROM idempotency_keys').first()).toEqual({ actor: 'token:7', key: 'avain-1', event_id: 'vanha-sarja' });
    // Built feed bodies were a cache: the table is gone, nothing else with it.
    expect(await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'feed_cache'").first('n')).toBe(0);
    // The search index still finds the old events.
    expect(await db.prepare("SELECT event_id FROM events_fts WHERE events_fts MATCH 'viikkotapaaminen'").first('event_id')).toBe('vanha-sarja');
    // It was rebuilt as trigrams (0017): a part of a compound finds the old event.
    expect(await db.prepare(`SELECT event_id FROM events_fts WHERE events_fts MATCH '"tapaamin"'`).first('event_id')).toBe('vanha-sarja');
    expect(await db.prepare('PRAGMA foreign_key_check').all()).toMatchObject({ results: [] });
  });
});
