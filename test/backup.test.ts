/** Export and restore: everything read back into an empty database is identical, and the service serves it. */
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BACKUP_TABLES, type Backup, type BackupTable, type Rows, backupProblems, newestMigration, readAllTables, replaceAllTables } from '../worker/db/backup';
import { app } from '../worker/index';
import { exportEverything, exportSummary, restoreSummary } from '../worker/services/backup';
import type { MyEventList } from '../worker/shared/accounts';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, sessionFor, workshop } from './helpers';

describe('export and restore', () => {
  it('give an empty database exactly the exported content, which the service then serves', async () => {
    // Something of everything: events of every kind, clock items, people, memberships, tokens, invitations, audit rows.
    const authorization = await bearerFor('pohde', 'Varmuuskopio');
    await createEvent(authorization, workshop({ title: { fi: 'Varmuuskopioitu 🎉 työpaja' }, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: [{ occurrence: '2026-10-13T09:00', kind: 'cancelled' }] }, materials: [{ kind: 'slides', title: 'Diat', url: 'https://pohde.fi/d.pdf' }] }));
    await createEvent(authorization, workshop({ status: 'draft', title: { fi: 'Luonnos' } }));
    await createEvent(authorization, workshop({ visibility: 'members', title: { fi: 'Jäsenille' } }));
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const person = await jsonRequest('POST', '/api/admin/people', { name: 'Palautettava', email: `palautus-${Date.now()}@test.example`, memberships: [{ organisation: 'posken', role: 'organiser' }] }, asBrowser(admin.cookie));
    await request(`/api/admin/people/${((await person.json()) as { id: number }).id}/invitations`, { method: 'POST', headers: asBrowser(admin.cookie) });
    await jsonRequest('POST', '/api/clock/items', { ring: 'maakunta', kind: 'annual', title: { fi: 'Palautettava kohta' }, span: { startMonth: 5, endMonth: 5 } }, { Authorization: authorization });

    const exported = await readAllTables(env.DB);
    expect(exported.events.length).toBeGreaterThanOrEqual(3);
    // Through JSON, as the file is written and read.
    const file = JSON.parse(JSON.stringify({ migration: await newestMigration(env.DB), tables: exported }));

    const target = env.RESTORE_DB;
    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    expect(await newestMigration(target)).toBe(file.migration);
    await replaceAllTables(target, file.tables);
    const restored = await readAllTables(target);
    for (const table of BACKUP_TABLES) expect(restored[table], table).toEqual(exported[table]);
    // The search index was rebuilt from the restored events.
    expect(await target.prepare("SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'varmuuskopioitu'").first('n')).toBeGreaterThan(0);
    expect((await target.prepare('PRAGMA foreign_key_check').all()).results).toEqual([]);

    // The same answers from the restored database as from the original one (lists are not cached).
    const list = async (db: D1Database) => {
      const response = await app.request('https://hytekello.test/api/events?organisation=pohde&from=2026-01-01&to=2028-01-01&limit=500', {}, { ...env, DB: db });
      expect(response.status).toBe(200);
      return response.json();
    };
    const original = await list(env.DB);
    expect(JSON.stringify(original)).toContain('Varmuuskopioitu');
    expect(await list(target)).toEqual(original);
  });

  it('keep drafts: the JSON holds them and says how many, the .ics leaves them out, and a restore gives them back to their organisers', async () => {
    const authorization = await bearerFor('pohde', 'Luonnosvienti');
    const title = `Vietävä luonnos ${Date.now()}`;
    const { event: draft } = await createEvent(authorization, workshop({ status: 'draft', title: { fi: title }, materials: [{ kind: 'slides', title: 'Luonnoksen diat', url: 'https://pohde.fi/l.pdf' }] }));
    const { event: published } = await createEvent(authorization, workshop({ title: { fi: `Julkaistu rinnalla ${Date.now()}` } }));
    const organiser = await sessionFor([{ organisation: 'pohde', role: 'organiser' }]);

    const exported = await exportEverything(env.DB, { origin: 'https://hytekello.test', uidDomain: 'hytekello.test' }, new Date('2026-12-01T10:00:00Z'));
    const draftRows = exported.backup.tables.events.filter((row) => row.status === 'draft');
    expect(draftRows.map((row) => row.id)).toContain(draft.id);
    expect(exported.drafts).toBe(draftRows.length);
    expect(exported.backup.tables.event_materials.some((row) => row.event_id === draft.id)).toBe(true);
    expect(exported.calendar).toContain(`UID:${published.id}@hytekello.test`);
    expect(exported.calendar).not.toContain(draft.id);
    expect(exported.calendar).not.toContain(title);
    const summary = exportSummary('backup/hytekello.json', 'backup/hytekello.ics', exported);
    expect(summary).toContain(`${exported.calendarEvents} published and cancelled events; ${exported.drafts} drafts are only in the JSON`);
    expect(summary).toContain(`events ${exported.backup.tables.events.length}`);

    const file = JSON.parse(JSON.stringify(exported.backup)) as Backup;
    const target = env.RESTORE_DB;
    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    await replaceAllTables(target, file.tables);
    expect(restoreSummary('hytekello.json', file)).toBe(`Restored hytekello.json (exported 2026-12-01T10:00:00.000Z; ${file.tables.events.length} events, ${exported.drafts} of them drafts).`);
    const restored = { ...env, DB: target };
    const read = await app.request(`https://hytekello.test/api/events/${draft.id}`, { headers: { Authorization: authorization } }, restored);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(draft);
    expect((await app.request(`https://hytekello.test/api/events/${draft.id}`, {}, restored)).status).toBe(404);
    const mine = await app.request('https://hytekello.test/api/me/events?status=draft', { headers: { Cookie: organiser.cookie } }, restored);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as MyEventList).items.map((event) => event.id)).toContain(draft.id);
  });

  /** A target database holding data of its own (a valid restore of this one), and a backup of it to corrupt. */
  async function filledTarget(): Promise<{ target: D1Database; backup: Record<BackupTable, Rows> }> {
    const authorization = await bearerFor('pohde', 'Kohde');
    for (let i = 0; i < 3; i++) await createEvent(authorization, workshop({ title: { fi: `Säilyvä tapahtuma ${i}` } }));
    await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const target = env.RESTORE_DB;
    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    await replaceAllTables(target, await readAllTables(env.DB));
    const backup = JSON.parse(JSON.stringify(await readAllTables(target))) as Record<BackupTable, Rows>;
    expect(backup.events.length).toBeGreaterThanOrEqual(3);
    expect(backup.memberships.length).toBeGreaterThan(0);
    return { target, backup };
  }

  it('a failed restore leaves the target intact: a duplicate key is found before anything is deleted', async () => {
    const { target, backup } = await filledTarget();
    const before = await readAllTables(target);
    const corrupted = { ...backup, events: [...backup.events, { ...backup.events[0]!, title_fi: 'Kaksoiskappale' }] };
    const problems = await backupProblems(target, corrupted);
    expect(problems.join('\n')).toMatch(new RegExp(`events\\[${backup.events.length}\\] repeats the id of events\\[0\\]`));
    await expect(replaceAllTables(target, corrupted)).rejects.toThrow(/nothing was changed/);
    expect(await readAllTables(target)).toEqual(before);
  });

  it('a failed restore leaves the target intact: a reference to a row not in the backup is found first', async () => {
    const { target, backup } = await filledTarget();
    const before = await readAllTables(target);
    const dangling = { ...backup, memberships: [...backup.memberships, { person_id: 999_999, organisation_id: 1, role: 'viewer' }], event_organisations: backup.event_organisations.map((row, i) => (i === 0 ? { ...row, event_id: 'ei-ole-olemassa' } : row)) };
    const problems = await backupProblems(target, dangling);
    expect(problems.some((p) => /^memberships\[\d+\]\.person_id = \[999999\] refers to no row of people$/.test(p)), problems.join('\n')).toBe(true);
    expect(problems.some((p) => /^event_organisations\[0\]\.event_id = \["ei-ole-olemassa"\] refers to no row of events$/.test(p)), problems.join('\n')).toBe(true);
    await expect(replaceAllTables(target, dangling)).rejects.toThrow(/refers to no row/);
    expect(await readAllTables(target)).toEqual(before);
  });

  it('a failed restore leaves the target intact even when only the database finds the fault: one batch, all or nothing', async () => {
    const { target, backup } = await filledTarget();
    const before = await readAllTables(target);
    // Passes the checks of keys and references, but not the table's CHECK (emails are lower case); it is the last person.
    const people = backup.people.map((row, i) => (i === backup.people.length - 1 ? { ...row, email: 'ISOT.KIRJAIMET@TEST.EXAMPLE' } : row));
    expect(await backupProblems(target, { ...backup, people })).toEqual([]);
    await expect(replaceAllTables(target, { ...backup, people })).rejects.toThrow(/CHECK/);
    expect(await readAllTables(target)).toEqual(before);
  });

  it('refuse a backup with unknown or missing tables, rows that are not rows, or missing required values', async () => {
    const { target, backup } = await filledTarget();
    const { events: _events, ...withoutEvents } = backup;
    expect(await backupProblems(target, { ...withoutEvents, extras: [] })).toEqual(expect.arrayContaining(["the backup has a table 'extras' that this database does not", 'the backup has no list of events']));
    expect(await backupProblems(target, { ...backup, networks: [...backup.networks, 'x', { id: 999, slug: 'uusi' }] })).toEqual(
      expect.arrayContaining([`networks[${backup.networks.length}] is not a row`, `networks[${backup.networks.length + 1}] has no name_fi`]),
    );
  });

  it('refuse a backup that names columns this database does not have, changing nothing', async () => {
    const target = env.RESTORE_DB;
    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    const before = await readAllTables(target);
    const forged = { ...before, events: [{ id: 'x', 'status) VALUES (1); DROP TABLE events; --': 1 }] };
    await expect(replaceAllTables(target, forged)).rejects.toThrow(/column/);
    expect(await readAllTables(target)).toEqual(before);
  });
});
