import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { findEvent, insertEvent, updateEvent } from '../worker/db/events';
import { nextSequence, prepareEvent } from '../worker/domain/events';
import { seedDemoData } from '../scripts/seed-demo';
import { demoEvents } from '../scripts/demo-data';
import { workshop } from './helpers';
import { SYSTEM_ACTOR } from '../worker/domain/access';

const context = (revision: string) => ({ revision, now: '2026-11-23T10:00:00.000Z', actor: SYSTEM_ACTOR });
const count = async (sql: string, ...values: unknown[]) => (await env.DB.prepare(sql).bind(...values).first<{ n: number }>())!.n;

describe('event rows', () => {
  it('round-trip every field of an event', async () => {
    const draft = prepareEvent(
      workshop({
        title: { fi: 'Kaikki kentät', sv: 'Alla fält', en: 'All fields' },
        description: { fi: 'Kuvaus', sv: 'Beskrivning', en: null },
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: [{ occurrence: '2026-10-13T09:00', kind: 'moved', start: '2026-10-14T10:00', end: '2026-10-14T13:00', place: 'Teams' }] },
        onlineUrl: 'https://teams.example/meet',
        contact: { name: 'Maire', email: 'maire@pohde.fi', phone: '+358 40 123 4567' },
        audiences: ['asukkaat', 'jarjestot'],
        languages: ['fi', 'sv'],
        registration: { url: 'https://pohde.fi/ilmo', deadline: '2026-10-01T16:00' },
        materials: [{ kind: 'slides', title: 'Diat', url: 'https://pohde.fi/diat.pdf' }, { kind: 'recording', title: 'Tallenne', url: 'https://pohde.fi/video' }],
        clockItem: 3,
        decision: { title: { fi: 'Päätös', sv: 'Beslut' }, steps: [{ title: { fi: 'Lautakunta' }, workingDaysBefore: 20 }, { title: { fi: 'Hallitus' }, workingDaysBefore: 25 }] },
        organisations: ['pohde', 'hop-hanke'],
      }),
      'pohde',
      'published',
    );
    await insertEvent(env.DB, 'db-round-trip', draft, context('rev1'));
    const stored = await findEvent(env.DB, 'db-round-trip');
    const { spanStart, spanEnd, ...expected } = draft;
    expect(stored).toEqual({ ...expected, id: 'db-round-trip', sequence: 0, revision: 'rev1', createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z' });
    expect([spanStart, spanEnd]).toEqual(['2026-10-06T06:00:00Z', '2026-10-20T09:00:00Z']);
  });

  it('an update round-trips every field, each column of the row holding its own value, and leaves no column unwritten', async () => {
    const [first, second] = (await env.DB.prepare('SELECT id FROM clock_items ORDER BY id LIMIT 2').all<{ id: number }>()).results.map((row) => row.id);
    const original = prepareEvent(workshop({ clockItem: first! }), 'pohde', 'published');
    await insertEvent(env.DB, 'db-update-round-trip', original, context('rev1'));
    const before = (await findEvent(env.DB, 'db-update-round-trip'))!;
    // Every field differs from the original, so that a value bound to another column's placeholder shows.
    const edited = prepareEvent(
      workshop({
        title: { fi: 'Kaikki muuttui', sv: 'Allt ändrades', en: 'Everything changed' },
        description: { fi: 'Uusi kuvaus', sv: 'Ny beskrivning', en: 'New description' },
        type: 'koulutus',
        timeZone: 'Europe/Stockholm',
        allDay: true,
        start: '2027-03-02',
        end: '2027-03-03',
        recurrence: { rrule: 'FREQ=MONTHLY;COUNT=4', exceptions: [{ occurrence: '2027-04-02', kind: 'cancelled' }] },
        location: { place: 'Kirjasto', address: 'Kirkkokatu 5, Kempele', municipality: 'kempele' },
        onlineUrl: 'https://meet.example/uusi',
        contact: { name: 'Pekka', email: 'pekka@posken.fi', phone: '+358 50 765 4321' },
        organisations: ['posken', 'pohde'],
        networks: ['kulttuurihyvinvointi', 'osallisuus'],
        municipalities: ['kempele', 'liminka'],
        audiences: ['jarjestot'],
        languages: ['sv', 'en'],
        registration: { url: 'https://posken.fi/ilmo', deadline: '2027-02-20T12:00' },
        materials: [{ kind: 'recording', title: 'Tallenne', url: 'https://posken.fi/video' }],
        clockItem: second!,
        decision: { title: { fi: 'Uusi päätös' }, steps: [{ title: { fi: 'Valmistelu' }, workingDaysBefore: 3 }] },
        visibility: 'members',
      }),
      'pohde',
      'cancelled',
      { fi: 'Sairastuminen', sv: 'Insjuknande', en: 'Illness' },
    );
    const updated = { ...context('rev2'), now: '2026-11-24T08:30:00.000Z' };
    expect(await updateEvent(env.DB, before, 'rev1', edited, 7, 'cancel', updated)).toBe(true);
    const { spanStart, spanEnd, ...expected } = edited;
    expect(await findEvent(env.DB, 'db-update-round-trip')).toEqual({ ...expected, id: 'db-update-round-trip', sequence: 7, revision: 'rev2', createdAt: context('rev1').now, updatedAt: updated.now });
    const row = (await env.DB.prepare('SELECT * FROM events WHERE id = ?1').bind('db-update-round-trip').first<Record<string, unknown>>())!;
    expect([row.span_start, row.span_end]).toEqual([spanStart, spanEnd]);
    // With every field given, only the occurrence index's own column may be empty: a column that no write sets shows here.
    expect(Object.keys(row).filter((column) => row[column] === null && column !== 'indexed_until')).toEqual([]);
  });

  it('a write that fails half-way leaves nothing behind', async () => {
    const draft = prepareEvent(workshop({ materials: [{ kind: 'slides', title: 'Diat', url: 'https://pohde.fi/diat.pdf' }] }), 'pohde', 'published');
    // The materials row breaks a CHECK constraint after the event row was inserted in the same batch.
    const broken = { ...draft, materials: [{ kind: 'hologram' as 'slides', title: 'X', url: 'https://x.fi' }] };
    await expect(insertEvent(env.DB, 'db-half-way', broken, context('rev1'))).rejects.toThrow(/CHECK/);
    expect(await findEvent(env.DB, 'db-half-way')).toBeNull();
    expect(await count('SELECT count(*) AS n FROM event_networks WHERE event_id = ?1', 'db-half-way')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = ?1", 'db-half-way')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM events_fts WHERE event_id = ?1", 'db-half-way')).toBe(0);
  });

  it('an update with a stale revision changes nothing, not even related rows', async () => {
    const draft = prepareEvent(workshop(), 'pohde', 'published');
    await insertEvent(env.DB, 'db-stale', draft, context('rev1'));
    const before = (await findEvent(env.DB, 'db-stale'))!;
    const edited = prepareEvent(workshop({ networks: ['kulttuurihyvinvointi'], title: { fi: 'Muutettu' } }), 'pohde', 'published');
    expect(await updateEvent(env.DB, before, 'not-rev1', edited, nextSequence(before, edited), 'update', context('rev2'))).toBe(false);
    expect(await findEvent(env.DB, 'db-stale')).toEqual(before);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = 'db-stale'")).toBe(1);
    expect(await updateEvent(env.DB, before, 'rev1', edited, nextSequence(before, edited), 'update', context('rev2'))).toBe(true);
    expect((await findEvent(env.DB, 'db-stale'))!.networks).toEqual(['kulttuurihyvinvointi']);
  });

  it('keeps the search index in step with edits', async () => {
    const draft = prepareEvent(workshop({ title: { fi: 'Lumilyhtyjen ilta' } }), 'pohde', 'published');
    await insertEvent(env.DB, 'db-fts', draft, context('rev1'));
    const match = (word: string) => count('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?1 AND event_id = ?2', word, 'db-fts');
    expect(await match('lumilyhtyjen')).toBe(1);
    const before = (await findEvent(env.DB, 'db-fts'))!;
    const edited = prepareEvent(workshop({ title: { fi: 'Revontulten ilta' } }), 'pohde', 'published');
    await updateEvent(env.DB, before, 'rev1', edited, 0, 'update', context('rev2'));
    expect([await match('lumilyhtyjen'), await match('revontulten')]).toEqual([0, 1]);
  });

  it("an edit's search row is replaced by key, not found by reading the whole search index", async () => {
    await seedDemoData(env.DB);
    const draft = prepareEvent(workshop({ title: { fi: 'Avainhaku' } }), 'pohde', 'published');
    await insertEvent(env.DB, 'db-fts-key', draft, context('rev1'));
    const rows = await count('SELECT count(*) AS n FROM events_fts');
    expect(rows).toBeGreaterThan(50);
    const edit = await env.DB.prepare("UPDATE events SET title_fi = 'Avainhaku, muutettu' WHERE id = 'db-fts-key'").run();
    expect(edit.meta.rows_read, `rows read for an edit of one event's title, of ${rows} search rows`).toBeLessThan(20);
    const deleted = await env.DB.prepare("DELETE FROM events WHERE id = 'db-fts-key'").run();
    expect(deleted.meta.rows_read).toBeLessThan(rows / 2);
    expect(await count("SELECT count(*) AS n FROM events_fts WHERE event_id = 'db-fts-key'")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM events_fts')).toBe(rows - 1);
  });
});

describe('demo data', () => {
  it('is at least 80 valid events across 2025–2027 with what the brief asks for', async () => {
    expect(demoEvents.length).toBeGreaterThanOrEqual(80);
    const inputs = demoEvents.map((e) => e.input);
    const years = new Set(inputs.map((input) => input.start.slice(0, 4)));
    expect([...years].sort()).toEqual(['2025', '2026', '2027']);
    expect(inputs.filter((input) => input.status === 'draft').length).toBeGreaterThanOrEqual(3);
    expect(inputs.filter((input) => input.allDay && input.start !== input.end).length).toBeGreaterThanOrEqual(2);
    expect(inputs.filter((input) => input.title.sv || input.title.en).length).toBeGreaterThanOrEqual(5);
    expect(inputs.filter((input) => input.materials?.some((m) => m.kind === 'recording')).length).toBeGreaterThanOrEqual(5);
    const kinds = inputs.flatMap((input) => input.recurrence?.exceptions?.map((e) => e.kind) ?? []);
    expect(new Set(kinds)).toEqual(new Set(['removed', 'cancelled', 'moved']));
    const hop = inputs.filter((input) => input.organisations?.includes('hop-hanke') && input.type === 'tyopaja');
    expect(new Set(hop.flatMap((input) => input.municipalities))).toEqual(new Set(['vaala', 'nivala', 'ii', 'pudasjarvi']));
  });

  it('seeds once: a second run adds nothing', async () => {
    const first = await seedDemoData(env.DB);
    expect(first.added + first.existing).toBe(demoEvents.length);
    const events = await count("SELECT count(*) AS n FROM events WHERE id IN (SELECT value FROM json_each(?1))", JSON.stringify(demoEvents.map((e) => e.id)));
    expect(events).toBe(demoEvents.length);
    expect(await seedDemoData(env.DB)).toEqual({ added: 0, existing: demoEvents.length });
    expect(await count("SELECT count(*) AS n FROM events WHERE status = 'cancelled' AND cancel_reason IS NOT NULL")).toBeGreaterThanOrEqual(2);
  });
});
