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
