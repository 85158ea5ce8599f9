/**
 * Benchmark data: any number of realistic events, and the SQL that loads
 * them into a local D1 in a few multi-row statements.
 *
 * The mix follows the network's real calendar: mostly single meetings,
 * workshops and webinars on weekdays, some all-day and multi-day events,
 * and recurring series (weekly, every other week, monthly) with removed,
 * cancelled and moved occurrences; a few drafts and cancelled events.
 * Terms (types, networks, municipalities, organisations, audiences) come
 * from the reference data in migrations/0002.
 *
 * Density is constant (DENSITY events a day, a network of several
 * counties); a bigger database holds more history, not a busier month.
 * Event i lies i / DENSITY days before the horizon (two months ahead), so
 * the newest 1,000 events are the same at every size, and a window near
 * today has the same answer whether 1,000 or 50,000 events are stored:
 * bounded series end within about two months, and series without an end
 * start only in the newest 1,000. Generation is deterministic (seeded).
 */
import { readFileSync } from 'node:fs';
import { prepareEvent, type EventDraft } from '../worker/domain/events';
import { indexOfEvent } from '../worker/domain/occurrence-index';
import { Temporal } from '../worker/domain/time';
import type { EventInput } from '../worker/shared/events';

export const DENSITY = 8;
const HORIZON_DAYS = 60;

export interface GeneratedEvent {
  id: string;
  draft: EventDraft;
}

/** Slugs of a table's rows in the reference-data migration. */
function referenceSlugs(table: string): string[] {
  const sql = readFileSync('migrations/0002_reference_data.sql', 'utf8');
  const block = sql.split(/;\s*\n/).find((statement) => statement.includes(`INSERT INTO ${table} (`));
  return [...(block ?? '').matchAll(/^\s*\(\d+, '([a-z0-9-]+)'/gm)].map((m) => m[1]!);
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES: Record<string, string[]> = {
  tilannekuvaseminaari: ['Hyvinvoinnin tilannekuvaseminaari', 'Alueellinen tilannekuvaseminaari'],
  hyvinvointifoorumi: ['Hyvinvointifoorumi', 'Seudullinen hyvinvointifoorumi'],
  tyopaja: ['Yhteiskehittämisen työpaja', 'Osallisuuden työpaja', 'Hyvinvointisuunnitelman työpaja', 'Järjestöyhteistyön työpaja'],
  koulutus: ['Kehittäjäasiakasvalmennus', 'Elintapaohjauksen koulutus', 'Rahapuheeksi-koulutus', 'Hyvinvointikertomuksen laatiminen'],
  verkostotapaaminen: ['Hyvinvointiyhdyshenkilöiden tapaaminen', 'Järjestöyhdyshenkilöiden verkostotapaaminen', 'Sivistysjohtajien kokous', 'Sote-johtajien verkosto'],
  webinaari: ['Kulttuurihyvinvoinnin webinaari', 'Mielen hyvinvoinnin aamukahvit', 'TEA-viisarin tulokset', 'Kouluterveyskyselyn tulokset'],
  muu: ['Hyvinvointikävely', 'Avoimet ovet', 'Järjestöjen infotilaisuus'],
};
const PLACES = ['kaupungintalo', 'kunnantalo', 'kirjasto', 'nuorisotalo', 'kulttuuritalo', 'terveysasema'];

/** `count` events, the newest first; the same seed gives the same events. */
export function generateEvents(count: number, today: Temporal.PlainDate, seed = 7): GeneratedEvent[] {
  const types = referenceSlugs('event_types');
  const networks = referenceSlugs('networks');
  const municipalities = referenceSlugs('municipalities');
  const audiences = referenceSlugs('audiences');
  const organisations = referenceSlugs('organisations');
  const horizon = today.add({ days: HORIZON_DAYS });
  const events: GeneratedEvent[] = [];
  for (let i = 0; i < count; i++) {
    // Each event draws from its own stream, so event i is the same at every size.
    const r = random(seed * 1_000_003 + i);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
    const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(list)))];
    let day = horizon.subtract({ days: Math.floor(i / DENSITY) });
    // Weekends are quiet.
    if (day.dayOfWeek > 5) day = day.subtract({ days: day.dayOfWeek - 5 });
    const type = pick(types);
    const municipality = pick(municipalities);
    const municipalityName = municipality.charAt(0).toUpperCase() + municipality.slice(1).replace(/-/g, ' ');
    const kind = r();
    const hour = 8 + Math.floor(r() * 8);
    const minutes = pick(['00', '15', '30']);
    const at = (date: Temporal.PlainDate, h: number) => `${date.toString()}T${String(h).padStart(2, '0')}:${minutes}`;
    const length = 1 + Math.floor(r() * 3);
    let timing: Pick<EventInput, 'allDay' | 'start' | 'end' | 'recurrence'>;
    if (kind < 0.62) {
      timing = { start: at(day, hour), end: at(day, Math.min(hour + length, 20)) };
    } else if (kind < 0.72) {
      timing = { allDay: true, start: day.toString(), end: day.toString() };
    } else if (kind < 0.8) {
      const last = day.add({ days: 1 + Math.floor(r() * 2) });
      timing = r() < 0.5 ? { allDay: true, start: day.toString(), end: last.toString() } : { start: at(day, 9), end: at(last, 15) };
    } else {
      // A series: bounded ones end within about two months; a few recent ones never end.
      const [rule, step, count] = pick([
        ['FREQ=WEEKLY', { weeks: 1 }, 4 + Math.floor(r() * 5)],
        ['FREQ=WEEKLY;INTERVAL=2', { weeks: 2 }, 3 + Math.floor(r() * 2)],
        ['FREQ=MONTHLY', { months: 1 }, 2 + Math.floor(r() * 2)],
      ] as const);
      const endless = i < 1000 && r() < 0.1;
      // A monthly rule skips months without the day; the 29th to 31st are avoided.
      if (rule === 'FREQ=MONTHLY' && day.day > 28) day = day.with({ day: 28 });
      const occurrence = (n: number) => at(day.add(Object.fromEntries(Object.entries(step).map(([unit, value]) => [unit, value * n]))), hour);
      const exceptions: NonNullable<EventInput['recurrence']>['exceptions'] = [];
      if (r() < 0.4) exceptions.push({ occurrence: occurrence(1), kind: pick(['removed', 'cancelled'] as const) });
      if ((endless || count >= 3) && r() < 0.3) {
        const moved = day.add(Object.fromEntries(Object.entries(step).map(([unit, value]) => [unit, value * 2]))).add({ days: 1 });
        exceptions.push({ occurrence: occurrence(2), kind: 'moved', start: at(moved, hour), end: at(moved, hour + length), place: 'Etäyhteys' });
      }
      timing = { start: at(day, hour), end: at(day, hour + length), recurrence: { rrule: endless ? rule : `${rule};COUNT=${count}`, exceptions } };
    }
    const online = type === 'webinaari' || r() < 0.3;
    const title = `${pick(TITLES[type] ?? TITLES.muu!)}${type === 'webinaari' ? '' : `, ${municipalityName}`}`;
    const organisation = pick(organisations);
    const input: EventInput = {
      title: { fi: title, sv: r() < 0.2 ? `${title} (på svenska)` : null, en: r() < 0.1 ? `${title} (in English)` : null },
      description: {
        fi: `${title}. Tilaisuudessa käsitellään hyvinvoinnin ja terveyden edistämisen ajankohtaisia asioita ${municipalityName.toLowerCase()}ssa ja koko alueella. Mukana kuntien, hyvinvointialueen ja järjestöjen edustajia.`,
      },
      type,
      ...timing,
      location: type === 'webinaari' ? null : { place: `${municipalityName}n ${pick(PLACES)}`, address: `Keskuskatu ${1 + Math.floor(r() * 40)}, ${municipalityName}`, municipality },
      onlineUrl: online ? `https://teams.microsoft.com/l/meetup-join/bench-${i}` : null,
      organisations: r() < 0.3 ? [organisation, pick(organisations)].filter((slug, n, all) => all.indexOf(slug) === n) : [organisation],
      contact: r() < 0.7 ? { name: 'Hyte-koordinaattori', email: `hyte${i % 97}@example.fi`, phone: r() < 0.3 ? '+358 40 123 4567' : null } : null,
      networks: some(networks, 3),
      municipalities: r() < 0.6 ? some(municipalities, 3) : [],
      audiences: some(audiences, 3),
      languages: r() < 0.2 ? ['fi', 'sv'] : ['fi'],
      registration: r() < 0.4 ? { url: `https://example.fi/ilmoittaudu/${i}`, deadline: null } : null,
      materials: r() < 0.15 ? [{ kind: 'slides', title: 'Esitysaineisto', url: `https://example.fi/materiaalit/${i}.pdf` }] : [],
    };
    const state = r();
    const status = state < 0.03 ? 'draft' : state < 0.06 ? 'cancelled' : 'published';
    events.push({ id: `bench-${i}`, draft: prepareEvent(input, organisation, status, status === 'cancelled' ? { fi: 'Peruttu vähäisen osallistujamäärän vuoksi', sv: null, en: null } : null) });
  }
  return events;
}

const quote = (value: unknown): string =>
  value === null || value === undefined ? 'NULL' : typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;

/** Multi-row INSERTs of `rows` (already quoted), `size` rows a statement. */
function inserts(head: string, tail: string, rows: string[], size: number): string[] {
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += size) statements.push(`${head} ${rows.slice(i, i + size).join(',\n')}${tail};`);
  return statements;
}

/**
 * SQL that inserts the events with all their rows (slugs turned into ids
 * by joins) and one audit-log row each, so that the data version exists.
 */
export function eventsSql(events: readonly GeneratedEvent[], now: string): string {
  const eventRows: string[] = [];
  const links = { organisations: [] as string[], networks: [] as string[], municipalities: [] as string[], audiences: [] as string[] };
  const materials: string[] = [];
  const exceptions: string[] = [];
  const audit: string[] = [];
  const occurrences: string[] = [];
  const nowMs = Date.parse(now);
  for (const { id, draft: d } of events) {
    // The occurrences each event's write would store, as insertEvent stores them.
    const index = indexOfEvent(d, nowMs);
    for (const o of index.occurrences) {
      occurrences.push(`(${[id, o.recurrenceId, o.startsAt, o.endsAt, o.start, o.end, o.cancelled ? 1 : 0, o.moved ? 1 : 0, o.place, o.long ? 1 : 0].map(quote).join(', ')})`);
    }
    eventRows.push(
      `(${[
        id, id, 0, now, now, d.status, d.title.fi, d.title.sv, d.title.en, d.description.fi, d.description.sv, d.description.en,
        d.type, d.timeZone, d.allDay ? 1 : 0, d.start, d.end, d.recurrence?.rrule ?? null, d.startsAt, d.endsAt, d.spanStart, d.spanEnd,
        d.location?.place ?? null, d.location?.address ?? null, d.location?.municipality ?? null, d.onlineUrl,
        d.contact?.name ?? null, d.contact?.email ?? null, d.contact?.phone ?? null, d.languages.join(','),
        d.registration?.url ?? null, d.registration?.deadline ?? null, d.clockItem, d.cancelReason, d.visibility, index.indexedUntil,
      ].map(quote).join(', ')})`,
    );
    for (const kind of ['organisations', 'networks', 'municipalities', 'audiences'] as const) {
      for (const slug of d[kind]) links[kind].push(`(${quote(id)}, ${quote(slug)})`);
    }
    d.materials.forEach((m, position) => materials.push(`(${[id, position, m.kind, m.title, m.url].map(quote).join(', ')})`));
    for (const e of d.recurrence?.exceptions ?? []) exceptions.push(`(${[id, e.occurrence, e.kind, e.start ?? null, e.end ?? null, e.place ?? null].map(quote).join(', ')})`);
    audit.push(`(${[now, 'system', 'create', 'event', id].map(quote).join(', ')})`);
  }
  const columns = `id, revision, sequence, created_at, updated_at, status, title_fi, title_sv, title_en, description_fi, description_sv, description_en,
  event_type_id, time_zone, all_day, start_local, end_local, rrule, starts_at, ends_at, span_start, span_end,
  location_place, location_address, location_municipality_id, online_url, contact_name, contact_email, contact_phone,
  languages, registration_url, registration_deadline, clock_item_id, cancel_reason, visibility, indexed_until`;
  const values = Array.from({ length: 36 }, (_, n) => `v.column${n + 1}`);
  values[12] = '(SELECT id FROM event_types WHERE slug = v.column13)';
  values[24] = '(SELECT id FROM municipalities WHERE slug = v.column25)';
  const statements = [
    ...inserts(`INSERT INTO events (${columns}) SELECT ${values.join(', ')} FROM (VALUES`, ') v', eventRows, 100),
    ...Object.entries(links).flatMap(([table, rows]) =>
      inserts(
        `INSERT INTO event_${table} (event_id, ${table === 'municipalities' ? 'municipality' : table.slice(0, -1)}_id) SELECT v.column1, t.id FROM (VALUES`,
        `) v JOIN ${table} t ON t.slug = v.column2`,
        rows,
        500,
      ),
    ),
    ...inserts('INSERT INTO event_materials (event_id, position, kind, title, url) VALUES', '', materials, 500),
    ...inserts('INSERT INTO event_exceptions (event_id, occurrence, kind, start_local, end_local, location_place) VALUES', '', exceptions, 500),
    ...inserts('INSERT INTO occurrences (event_id, recurrence_id, starts_at, ends_at, start_text, end_text, cancelled, moved, place, long) VALUES', '', occurrences, 500),
    ...inserts('INSERT INTO audit_log (at, via, action, entity, entity_id) VALUES', '', audit, 500),
  ];
  return statements.join('\n');
}

/**
 * The "hostile" additions of the bounded-cost budgets: 100 daily series
 * without end and 100 yearly ones with COUNT=1000, all published, starting
 * today, in one network, as a busy or hostile organiser may write them.
 */
export function hostileSeries(today: Temporal.PlainDate): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  for (let i = 0; i < 200; i++) {
    const daily = i < 100;
    const day = today.add({ days: i % 7 });
    const hour = String(8 + (i % 9)).padStart(2, '0');
    const input: EventInput = {
      status: 'published',
      title: { fi: daily ? `Päivittäinen tuokio ${i}` : `Vuosittainen tapahtuma ${i}` },
      type: 'tyopaja',
      start: `${day}T${hour}:00`,
      end: `${day}T${hour}:45`,
      recurrence: { rrule: daily ? 'FREQ=DAILY' : 'FREQ=YEARLY;COUNT=1000' },
      networks: ['osallisuus'],
      organisations: ['pohde'],
    };
    events.push({ id: `hostile-${i}`, draft: prepareEvent(input, 'pohde', 'published') });
  }
  return events;
}
