/** SQL for clocks, their rings and items, and the events that realise items. */

type Localized = { fi: string; sv: string | null; en: string | null };

export interface ClockRow {
  id: number;
  slug: string;
  name: Localized;
  organisation: string | null;
  startMonth: number;
  rings: { slug: string; name: Localized }[];
}

export interface StoredClockItem {
  id: number;
  ring: string | null;
  kind: 'annual' | 'term';
  title: Localized;
  description: Localized;
  startMonth: number | null;
  startDay: number | null;
  endMonth: number | null;
  endDay: number | null;
  repeat: 'yearly' | 'odd-years' | 'even-years' | 'once';
  onceYear: number | null;
  termYearStart: number | null;
  termYearEnd: number | null;
  colour: string;
  responsibleOrganisation: string | null;
  source: string | null;
  links: { title: string; url: string }[];
}

/** A clock by slug (the regional one when no slug is given), with its rings in order. */
export async function readClock(db: D1Database, slug: string | null): Promise<ClockRow | null> {
  const row = await db
    .prepare(
      `SELECT c.id, c.slug, c.name_fi, c.name_sv, c.name_en, o.slug AS organisation, c.start_month,
         (SELECT json_group_array(json_object('slug', r.slug, 'name', json_object('fi', r.name_fi, 'sv', r.name_sv, 'en', r.name_en)))
            FROM (SELECT * FROM clock_rings WHERE clock_id = c.id ORDER BY position) r) AS rings
       FROM clocks c LEFT JOIN organisations o ON o.id = c.organisation_id
       WHERE (?1 IS NULL AND c.organisation_id IS NULL) OR c.slug = ?1
       ORDER BY c.id LIMIT 1`,
    )
    .bind(slug)
    .first<Record<string, unknown>>();
  if (!row) return null;
  return {
    id: row.id as number,
    slug: row.slug as string,
    name: { fi: row.name_fi as string, sv: row.name_sv as string | null, en: row.name_en as string | null },
    organisation: row.organisation as string | null,
    startMonth: row.start_month as number,
    rings: JSON.parse(row.rings as string),
  };
}

/** A clock's items of one kind, in ring order and then by start. */
export async function readClockItems(db: D1Database, clockId: number, kind: 'annual' | 'term'): Promise<StoredClockItem[]> {
  const { results } = await db
    .prepare(
      `SELECT i.*, r.slug AS ring, o.slug AS responsible FROM clock_items i
       LEFT JOIN clock_rings r ON r.id = i.ring_id
       LEFT JOIN organisations o ON o.id = i.responsible_organisation_id
       WHERE i.clock_id = ?1 AND i.kind = ?2
       ORDER BY r.position, coalesce(i.start_month, i.term_year_start), i.start_day, i.id`,
    )
    .bind(clockId, kind)
    .all<Record<string, unknown>>();
  return results.map((row) => ({
    id: row.id as number,
    ring: row.ring as string | null,
    kind: row.kind as 'annual' | 'term',
    title: { fi: row.title_fi as string, sv: row.title_sv as string | null, en: row.title_en as string | null },
    description: { fi: (row.description_fi as string | null) ?? '', sv: row.description_sv as string | null, en: row.description_en as string | null },
    startMonth: row.start_month as number | null,
    startDay: row.start_day as number | null,
    endMonth: row.end_month as number | null,
    endDay: row.end_day as number | null,
    repeat: row.repeat as StoredClockItem['repeat'],
    onceYear: row.once_year as number | null,
    termYearStart: row.term_year_start as number | null,
    termYearEnd: row.term_year_end as number | null,
    colour: row.colour as string,
    responsibleOrganisation: row.responsible as string | null,
    source: row.source as string | null,
    links: JSON.parse(row.links as string),
  }));
}

export interface LinkedEvent {
  id: string;
  clockItem: number;
  title: Localized;
  startsAt: string;
  allDay: boolean;
  start: string;
  status: 'published' | 'cancelled';
}

/** Public events that realise items of a clock and take place in [from, to). */
export async function readLinkedEvents(db: D1Database, clockId: number, from: string, to: string): Promise<LinkedEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.clock_item_id, e.title_fi, e.title_sv, e.title_en, e.starts_at, e.all_day, e.start_local, e.status
       FROM events e JOIN clock_items i ON i.id = e.clock_item_id
       WHERE i.clock_id = ?1 AND e.status IN ('published', 'cancelled') AND e.span_start < ?3 AND (e.span_end IS NULL OR e.span_end > ?2)
       ORDER BY e.starts_at, e.id`,
    )
    .bind(clockId, from, to)
    .all<Record<string, unknown>>();
  return results.map((row) => ({
    id: row.id as string,
    clockItem: row.clock_item_id as number,
    title: { fi: row.title_fi as string, sv: row.title_sv as string | null, en: row.title_en as string | null },
    startsAt: row.starts_at as string,
    allDay: row.all_day === 1,
    start: row.start_local as string,
    status: row.status as 'published' | 'cancelled',
  }));
}
