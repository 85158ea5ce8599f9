/** Export and restore: everything read back into an empty database is identical, and the service serves it. */
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BACKUP_TABLES, newestMigration, readAllTables, replaceAllTables } from '../worker/db/backup';
import app from '../worker/index';
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

  it('refuse a backup that names columns this database does not have, changing nothing', async () => {
    const target = env.RESTORE_DB;
    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    const before = await readAllTables(target);
    const forged = { ...before, events: [{ id: 'x', 'status) VALUES (1); DROP TABLE events; --': 1 }] };
    await expect(replaceAllTables(target, forged)).rejects.toThrow(/column/);
    expect(await readAllTables(target)).toEqual(before);
  });
});
