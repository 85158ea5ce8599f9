/** SQL for reference data: areas, municipalities, event types, networks, audiences, organisations. */
import type { AuditActor } from '../domain/access';
import type { KnownReferences } from '../domain/events';
import type { Taxonomy } from '../shared/taxonomy';
import { IF_CHANGED, auditStatement } from './audit';

interface TermRow {
  slug: string;
  name_fi: string;
  name_sv: string | null;
  name_en: string | null;
}

const term = (row: TermRow) => ({ slug: row.slug, name: { fi: row.name_fi, sv: row.name_sv, en: row.name_en } });

export async function readTaxonomy(db: D1Database): Promise<Taxonomy> {
  const [areas, municipalities, eventTypes, networks, audiences, organisations] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT slug, name_fi, name_sv, name_en FROM areas ORDER BY id'),
    db.prepare('SELECT m.slug, m.code, m.name_fi, m.name_sv, m.name_en, a.slug AS area FROM municipalities m JOIN areas a ON a.id = m.area_id ORDER BY m.name_fi'),
    db.prepare('SELECT slug, name_fi, name_sv, name_en FROM event_types ORDER BY id'),
    db.prepare('SELECT slug, name_fi, name_sv, name_en FROM networks ORDER BY name_fi'),
    db.prepare('SELECT slug, name_fi, name_sv, name_en FROM audiences ORDER BY id'),
    db.prepare(
      'SELECT o.slug, o.name_fi, o.name_sv, o.name_en, o.kind, m.slug AS municipality, o.website FROM organisations o LEFT JOIN municipalities m ON m.id = o.municipality_id ORDER BY o.kind <> \'wellbeing-county\', o.name_fi',
    ),
  ]);
  const rows = <T>(result: D1Result<Record<string, unknown>> | undefined) => (result?.results ?? []) as T[];
  return {
    areas: rows<TermRow>(areas).map(term),
    municipalities: rows<TermRow & { code: string; area: string }>(municipalities).map((row) => ({ ...term(row), code: row.code, area: row.area })),
    eventTypes: rows<TermRow>(eventTypes).map(term),
    networks: rows<TermRow>(networks).map(term),
    audiences: rows<TermRow>(audiences).map(term),
    organisations: rows<TermRow & { kind: string; municipality: string | null; website: string | null }>(organisations).map((row) => ({
      ...term(row),
      kind: row.kind,
      municipality: row.municipality,
      website: row.website,
    })),
  };
}

/** Every slug and id an event may refer to, in one round trip. */
export async function readKnownReferences(db: D1Database): Promise<KnownReferences> {
  const row = await db
    .prepare(
      `SELECT
        (SELECT json_group_array(slug) FROM event_types) AS event_types,
        (SELECT json_group_array(slug) FROM networks) AS networks,
        (SELECT json_group_array(slug) FROM municipalities) AS municipalities,
        (SELECT json_group_array(slug) FROM audiences) AS audiences,
        (SELECT json_group_array(slug) FROM organisations) AS organisations,
        (SELECT json_group_array(id) FROM clock_items) AS clock_items`,
    )
    .first<Record<string, string>>();
  const set = <T>(column: string) => new Set<T>(JSON.parse(row?.[column] ?? '[]'));
  return {
    eventTypes: set('event_types'),
    networks: set('networks'),
    municipalities: set('municipalities'),
    audiences: set('audiences'),
    organisations: set('organisations'),
    clockItems: set('clock_items'),
  };
}

export interface OrganisationRecord {
  slug: string;
  name: { fi: string; sv?: string | null; en?: string | null };
  kind: string;
  website?: string | null;
}

/** Adds an organisation; false when the slug is taken. */
export async function insertOrganisation(db: D1Database, organisation: OrganisationRecord, now: string, actor: AuditActor): Promise<boolean> {
  const [inserted] = await db.batch([
    db
      .prepare('INSERT INTO organisations (slug, name_fi, name_sv, name_en, kind, website) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (slug) DO NOTHING')
      .bind(organisation.slug, organisation.name.fi, organisation.name.sv ?? null, organisation.name.en ?? null, organisation.kind, organisation.website ?? null),
    auditStatement(db, { at: now, actor, action: 'create', entity: 'organisation', entityId: organisation.slug, before: null, after: organisation }, IF_CHANGED),
  ]);
  return (inserted?.meta.changes ?? 0) > 0;
}

/** Replaces an organisation's names, kind and website (the slug stays); false when there is none. */
export async function updateOrganisation(db: D1Database, organisation: OrganisationRecord, now: string, actor: AuditActor): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare('UPDATE organisations SET name_fi = ?2, name_sv = ?3, name_en = ?4, kind = ?5, website = ?6 WHERE slug = ?1')
      .bind(organisation.slug, organisation.name.fi, organisation.name.sv ?? null, organisation.name.en ?? null, organisation.kind, organisation.website ?? null),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'organisation', entityId: organisation.slug, before: null, after: organisation }, IF_CHANGED),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

export interface NetworkRecord {
  slug: string;
  name: { fi: string; sv?: string | null; en?: string | null };
  description?: string | null;
}

/** Adds a network; false when the slug is taken. */
export async function insertNetwork(db: D1Database, network: NetworkRecord, now: string, actor: AuditActor): Promise<boolean> {
  const [inserted] = await db.batch([
    db
      .prepare('INSERT INTO networks (slug, name_fi, name_sv, name_en, description_fi) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (slug) DO NOTHING')
      .bind(network.slug, network.name.fi, network.name.sv ?? null, network.name.en ?? null, network.description ?? null),
    auditStatement(db, { at: now, actor, action: 'create', entity: 'network', entityId: network.slug, before: null, after: network }, IF_CHANGED),
  ]);
  return (inserted?.meta.changes ?? 0) > 0;
}

/** Replaces a network's names and description (the slug stays); false when there is none. */
export async function updateNetwork(db: D1Database, network: NetworkRecord, now: string, actor: AuditActor): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare('UPDATE networks SET name_fi = ?2, name_sv = ?3, name_en = ?4, description_fi = ?5 WHERE slug = ?1')
      .bind(network.slug, network.name.fi, network.name.sv ?? null, network.name.en ?? null, network.description ?? null),
    auditStatement(db, { at: now, actor, action: 'update', entity: 'network', entityId: network.slug, before: null, after: network }, IF_CHANGED),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}
