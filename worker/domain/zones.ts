/**
 * Time-zone names: which ones Hytekello accepts, the one name it keeps for
 * each, and the VTIMEZONE a feed carries for it. No hand-written table:
 *
 * - The names and their links come from the tz data that
 *   timezones-ical-library ships (the IANA database with its `backward`
 *   links), the same data the feeds' VTIMEZONEs are written from, so every
 *   accepted name has a VTIMEZONE.
 * - A link is followed when it renames a zone (Europe/Kiev → Europe/Kyiv,
 *   Asia/Calcutta → Asia/Kolkata, US/Eastern → America/New_York). Since
 *   2022 IANA also links zones of different countries whose clocks have
 *   agreed since 1970 (Europe/Stockholm → Europe/Berlin); CLDR, and so
 *   every Intl implementation, keeps those apart, and so does Hytekello:
 *   a link whose both ends are zones of their own in
 *   `Intl.supportedValuesOf('timeZone')` is a merge, not a rename.
 * - Every name of UTC (UTC, Etc/UTC, GMT, Etc/GMT, Zulu, …) is 'UTC': the
 *   name ECMAScript gives them all, the Windows name, and one that every
 *   calendar client and timezones-ical-library knows.
 * - Case does not matter ('europe/helsinki' is Europe/Helsinki); UTC
 *   offsets ('+02:00') are no zone: they know nothing of summer time.
 */
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { Temporal } from 'temporal-polyfill';

/** The one name of UTC. */
export const UTC = 'UTC';

let namesByLowerCase: Map<string, string> | null = null;
let cldrZones: Set<string> | null = null;
const canonical = new Map<string, string | null>();

function knownNames(): Map<string, string> {
  if (!namesByLowerCase) {
    const names = tzlib_get_timezones();
    namesByLowerCase = new Map((Array.isArray(names) ? names : []).map((name) => [name.toLowerCase(), name]));
  }
  return namesByLowerCase;
}

function zonesOfIntl(): Set<string> {
  if (!cldrZones) {
    try {
      cldrZones = new Set(Intl.supportedValuesOf('timeZone'));
    } catch {
      cldrZones = new Set();
    }
  }
  return cldrZones;
}

/** The block of a name as timezones-ical-library has it: its VTIMEZONE and the zone it is written for. */
function libraryBlock(name: string): { text: string; zone: string } | null {
  const block = tzlib_get_ical_block(name);
  if (!Array.isArray(block) || typeof block[0] !== 'string' || typeof block[1] !== 'string') return null;
  return { text: block[0], zone: block[1].replace(/^TZID=/, '') };
}

function accepts(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

function resolve(given: string): string | null {
  const name = knownNames().get(given.trim().toLowerCase());
  if (!name) return null;
  const block = libraryBlock(name);
  if (!block) return null;
  if (block.zone === 'Etc/UTC' || block.zone === 'Etc/GMT') return UTC;
  const intl = zonesOfIntl();
  const zone = block.zone === name || (intl.has(name) && intl.has(block.zone)) ? name : block.zone;
  return accepts(zone) ? zone : null;
}

/**
 * The name Hytekello keeps for a time-zone name, or null when the name is
 * no IANA zone (an offset, a typo, a Windows name).
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64) return null;
  let zone = canonical.get(name);
  if (zone === undefined) {
    zone = resolve(name);
    canonical.set(name, zone);
  }
  return zone;
}

/** Every name canonicalTimeZone() can give, sorted. */
export function acceptedTimeZones(): string[] {
  const zones = new Set<string>();
  for (const name of knownNames().values()) {
    const zone = canonicalTimeZone(name);
    if (zone) zones.add(zone);
  }
  return [...zones].sort();
}

const blocks = new Map<string, string | null>();

/** How far the library's rules are checked: from last year (feeds reach a year back) for ten years. */
const CHECKED_YEARS = 11;

/** Every change of a zone's offset in the years checked, by Temporal (the rules the API's instants come from). */
function offsetChanges(zone: string, firstYear: number): Temporal.ZonedDateTime[] {
  const changes: Temporal.ZonedDateTime[] = [];
  let at: Temporal.ZonedDateTime | null = Temporal.PlainDate.from({ year: firstYear, month: 1, day: 1 }).toZonedDateTime({ timeZone: zone });
  while ((at = at.getTimeZoneTransition('next')) && at.year < firstYear + CHECKED_YEARS) changes.push(at);
  return changes;
}

const seconds = (offset: string) => {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(offset);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : NaN;
};
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The changes a library VTIMEZONE gives in the years checked, as instants
 * (epoch seconds) with the offset after, or null for rules other than the
 * yearly "n-th weekday of a month" that the library writes.
 */
function libraryChanges(text: string, firstYear: number): { at: number; to: number }[] | null {
  const changes: { at: number; to: number }[] = [];
  for (const [, body] of text.matchAll(/BEGIN:(?:STANDARD|DAYLIGHT)\r\n([\s\S]*?)END:(?:STANDARD|DAYLIGHT)/g)) {
    const value = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(body!)?.[1]?.trim();
    const from = seconds(value('TZOFFSETFROM') ?? '');
    const to = seconds(value('TZOFFSETTO') ?? '');
    const start = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value('DTSTART') ?? '');
    const rule = value('RRULE');
    if (Number.isNaN(from) || Number.isNaN(to) || !start) return null;
    if (!rule) {
      if (Number(start[1]) >= firstYear) return null;
      continue;
    }
    const parts = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(rule);
    if (!parts) return null;
    for (let year = firstYear; year < firstYear + CHECKED_YEARS; year++) {
      const month = Temporal.PlainDate.from({ year, month: Number(parts[1]), day: 1 });
      const weekday = WEEKDAYS.indexOf(parts[3]!) + 1;
      const nth = Number(parts[2]);
      const day =
        nth > 0
          ? month.add({ days: ((weekday - month.dayOfWeek + 7) % 7) + (nth - 1) * 7 })
          : month.add({ months: 1 }).subtract({ days: 1 }).subtract({ days: ((month.add({ months: 1 }).subtract({ days: 1 }).dayOfWeek - weekday + 7) % 7) + (-nth - 1) * 7 });
      const local = day.toPlainDateTime({ hour: Number(start[4]), minute: Number(start[5]), second: Number(start[6]) });
      changes.push({ at: local.toZonedDateTime('UTC').epochMilliseconds / 1000 - from, to });
    }
  }
  return changes.sort((a, b) => a.at - b.at);
}

/**
 * Whether a library VTIMEZONE gives the changes Temporal gives, from last
 * year for ten years. The library writes a zone's latest rules as if they
 * had always held, and its tz data need not be the one of the runtime:
 * a zone whose rules differ (America/Edmonton) would get another hour in
 * every client that reads the VTIMEZONE (Thunderbird, Outlook) than in the
 * API and in clients that know the zone by name.
 */
function agreesWithTemporal(text: string, zone: string, firstYear: number, changes: Temporal.ZonedDateTime[]): boolean {
  const library = libraryChanges(text, firstYear);
  if (!library) return false;
  const ours = changes.filter((change) => change.subtract({ nanoseconds: 1 }).offsetNanoseconds !== change.offsetNanoseconds);
  if (library.length !== ours.length) return false;
  if (ours.length === 0) {
    const offset = /TZOFFSETTO:([+-]\d{4})/.exec(text)?.[1];
    return offset !== undefined && seconds(offset) === Temporal.PlainDate.from({ year: firstYear, month: 1, day: 15 }).toZonedDateTime({ timeZone: zone }).offsetNanoseconds / 1e9;
  }
  return ours.every((change, i) => library[i]!.at === change.epochMilliseconds / 1000 && library[i]!.to === change.offsetNanoseconds / 1e9);
}

const offsetText = (nanoseconds: number) => {
  const minutes = Math.round(nanoseconds / 6e10);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}${two(Math.abs(minutes) % 60)}`;
};
const localText = (local: Temporal.PlainDateTime) => local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

/**
 * A VTIMEZONE written from Temporal's changes of the zone in 2000–2100:
 * one observance per kind of change, its first change as DTSTART and the
 * others as RDATEs (each on a line of its own, short of 75 octets).
 */
function generatedVtimezone(zone: string, firstYear: number): string {
  // From 2000, the first year Hytekello takes, to the end of the years checked (later ones as the library's rules would: unknown).
  const changes: Temporal.ZonedDateTime[] = [];
  let at: Temporal.ZonedDateTime | null = Temporal.PlainDate.from({ year: 2000, month: 1, day: 1 }).toZonedDateTime({ timeZone: zone });
  while ((at = at.getTimeZoneTransition('next')) && at.year <= Math.max(2100, firstYear + CHECKED_YEARS)) changes.push(at);
  const start = Temporal.PlainDate.from({ year: 2000, month: 1, day: 1 }).toZonedDateTime({ timeZone: zone });
  const groups = new Map<string, { kind: 'STANDARD' | 'DAYLIGHT'; from: number; to: number; locals: Temporal.PlainDateTime[] }>();
  const first = changes[0];
  const initial = first ? first.subtract({ nanoseconds: 1 }).offsetNanoseconds : start.offsetNanoseconds;
  groups.set(`initial`, { kind: 'STANDARD', from: initial, to: initial, locals: [start.toPlainDateTime()] });
  for (const change of changes) {
    const from = change.subtract({ nanoseconds: 1 }).offsetNanoseconds;
    const to = change.offsetNanoseconds;
    const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
    const key = `${kind} ${from} ${to}`;
    // The wall-clock time of the change on the clock before it, as RFC 5545 3.6.5 writes DTSTART of an observance.
    const local = change.toInstant().toZonedDateTimeISO('UTC').toPlainDateTime().add({ nanoseconds: from });
    const group = groups.get(key) ?? { kind, from, to, locals: [] };
    group.locals.push(local);
    groups.set(key, group);
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];
  for (const group of groups.values()) {
    const [dtstart, ...others] = group.locals;
    lines.push(`BEGIN:${group.kind}`, `TZOFFSETFROM:${offsetText(group.from)}`, `TZOFFSETTO:${offsetText(group.to)}`, `DTSTART:${localText(dtstart!)}`);
    for (const other of others) lines.push(`RDATE:${localText(other)}`);
    lines.push(`END:${group.kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * The VTIMEZONE of a zone, with TZID the zone's own name (the library
 * writes the rules of Etc/UTC for 'UTC', of Europe/Berlin for
 * Europe/Stockholm: the same offsets, under the name the events use); when
 * the library's rules do not give the offsets the API uses, one written
 * from those. Without a trailing line break; null for a name without rules.
 * Worked out once per zone and isolate.
 */
export function vtimezoneOf(zone: string): string | null {
  let text = blocks.get(zone);
  if (text === undefined) {
    const block = libraryBlock(zone);
    if (!block || !accepts(zone)) text = null;
    else {
      const firstYear = Temporal.Now.plainDateISO().year - 1;
      text = agreesWithTemporal(block.text, zone, firstYear, offsetChanges(zone, firstYear))
        ? block.text
            .trim()
            .replace(/^TZID:.*$/m, `TZID:${zone}`)
            .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`)
        : generatedVtimezone(zone, firstYear);
    }
    blocks.set(zone, text);
  }
  return text;
}
