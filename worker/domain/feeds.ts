/**
 * Feeds: what a feed URL selects, how far back it reaches, its name, and
 * the validators (ETag, Last-Modified) that let thousands of polling
 * clients get a 304 without the feed being rebuilt.
 */
import type { Event, Taxonomy } from '../shared/schemas';
import { ValidationError, type FieldIssue } from './errors';
import { type CalendarOptions, type Language, type TermNames, calendarFrame, calendarName, eventComponents, localized, zonesOf } from './ical';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, startOfDay } from './time';

/** Feeds carry events that ended at most this many days ago, and all future ones. */
export const FEED_PAST_DAYS = 365;
/** The far end of a feed's window: "all future events". */
export const FEED_END = '2101-01-01T00:00:00Z';

export interface FeedSelection {
  networks: string[];
  types: string[];
  municipalities: string[];
  organisations: string[];
  language: Language;
}

const normalise = (values: string | string[] | undefined) => [...new Set(values === undefined ? [] : Array.isArray(values) ? values : [values])].sort();

export function feedSelection(query: {
  network?: string | string[];
  type?: string | string[];
  municipality?: string | string[];
  organisation?: string | string[];
  lang?: Language;
}): FeedSelection {
  return {
    networks: normalise(query.network),
    types: normalise(query.type),
    municipalities: normalise(query.municipality),
    organisations: normalise(query.organisation),
    language: query.lang ?? 'fi',
  };
}

/** One text per distinct feed body: the selection in a fixed order, and the origin its links use. */
export function feedKey(selection: FeedSelection, origin: string): string {
  const { networks, types, municipalities, organisations, language } = selection;
  return JSON.stringify([origin, language, networks, types, municipalities, organisations]);
}

/** Midnight in Finland FEED_PAST_DAYS days ago: the start of every feed's window. */
export function feedWindowStart(now: Temporal.Instant): Temporal.Instant {
  const today = now.toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate();
  return startOfDay(today.subtract({ days: FEED_PAST_DAYS }), DEFAULT_TIME_ZONE).toInstant();
}

/**
 * The instants between which events ended that have left every feed in the
 * last 30 days: their stored texts are no longer needed.
 */
export function leftWindow(windowStart: Temporal.Instant): { endedFrom: string; endedTo: string } {
  return { endedFrom: formatInstant(windowStart.subtract({ hours: 30 * 24 })), endedTo: formatInstant(windowStart) };
}

/**
 * The validators of a feed. They change with every write (the data
 * version) and every day (events leave the window), and are known before
 * the body is built, so a conditional request costs one small read.
 */
export function feedValidators(version: number, changedAt: string | null, windowStart: Temporal.Instant): { etag: string; lastModified: Date } {
  const day = windowStart.toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate().toString();
  const changed = changedAt ? Temporal.Instant.from(changedAt) : windowStart;
  const latest = Temporal.Instant.compare(changed, windowStart) > 0 ? changed : windowStart;
  // HTTP dates have whole seconds; round up so that If-Modified-Since compares right.
  return { etag: `feed-${version}-${day}`, lastModified: new Date(Math.ceil(latest.epochMilliseconds / 1000) * 1000) };
}

/** Whether an If-Modified-Since date is at or after the last modification. */
export function notModifiedSince(header: string | undefined, lastModified: Date): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && since >= lastModified.getTime();
}

/** Names by slug, for the terms events refer to. */
export function termNames(taxonomy: Taxonomy): TermNames {
  const byslug = (terms: { slug: string; name: { fi: string; sv: string | null; en: string | null } }[]) => new Map(terms.map((t) => [t.slug, t.name]));
  return {
    eventTypes: byslug(taxonomy.eventTypes),
    networks: byslug(taxonomy.networks),
    organisations: byslug(taxonomy.organisations),
    municipalities: byslug(taxonomy.municipalities),
  };
}

/**
 * Checks that the selection names terms that exist and gives the feed's
 * name, e.g. "Hytekello — Kulttuurihyvinvointiverkosto".
 */
export function feedName(selection: FeedSelection, names: TermNames): string {
  const issues: FieldIssue[] = [];
  const selected: string[] = [];
  const pick = (field: string, slugs: string[], terms: TermNames[keyof TermNames]) => {
    for (const slug of slugs) {
      const name = terms.get(slug);
      if (name) selected.push(localized(name, selection.language));
      else issues.push({ field, rule: 'exists', message: `\`${field}\`: there is no ${field} '${slug}'` });
    }
  };
  pick('network', selection.networks, names.networks);
  pick('type', selection.types, names.eventTypes);
  pick('municipality', selection.municipalities, names.municipalities);
  pick('organisation', selection.organisations, names.organisations);
  if (issues.length > 0) throw new ValidationError(issues, 400);
  return calendarName(selected, selection.language);
}

/** A file name for the feed, e.g. "hytekello-kulttuurihyvinvointi.ics". */
export function feedFileName(selection: FeedSelection): string {
  const slugs = [...selection.networks, ...selection.types, ...selection.municipalities, ...selection.organisations];
  const name = ['hytekello', ...slugs].join('-').slice(0, 100);
  return `${name}.ics`;
}

/** An event's VEVENT text as stored, and what it was written for besides the event's id (its version, origin, names). */
export interface StoredComponent {
  eventId: string;
  context: string;
  text: string;
}

/** An event of a feed as the feed query gives it: its order, version and zone, and its stored text if any. */
export interface FeedEntry {
  id: string;
  updatedAt: string;
  timeZone: string;
  allDay: boolean;
  stored: { context: string; text: string } | null;
}

/** FNV-1a: a short, stable fingerprint of a text. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * The context of a VEVENT text of an event version: everything else the
 * text depends on (origin, UID domain, the names of terms), so a renamed
 * network makes every text be written anew.
 */
export function componentContext(options: Pick<CalendarOptions, 'origin' | 'uidDomain' | 'names'>): (updatedAt: string) => string {
  const names = JSON.stringify(options.names, (_key, value) => (value instanceof Map ? [...value] : value));
  const common = `${options.origin}|${options.uidDomain}|${fingerprint(names)}`;
  return (updatedAt) => `${updatedAt}|${common}`;
}

/** The entries whose stored text is missing or was written for another version or context: they are written anew. */
export function staleEntries(entries: readonly FeedEntry[], options: Pick<CalendarOptions, 'origin' | 'uidDomain' | 'names'>): string[] {
  const contextOf = componentContext(options);
  return entries.filter((entry) => entry.stored?.context !== contextOf(entry.updatedAt)).map((entry) => entry.id);
}

/**
 * A feed's text in parts, in the entries' order: the frame around the
 * events, the stored texts that fit, and texts written now for `written`
 * (the stale entries' events, read in full). `built` are the new texts, to
 * store for the next build. An entry with neither (deleted meanwhile) is left out.
 */
export function feedParts(entries: readonly FeedEntry[], written: readonly Event[], options: CalendarOptions): { parts: string[]; built: StoredComponent[] } {
  const contextOf = componentContext(options);
  const built = written.map((event) => ({ eventId: event.id, context: contextOf(event.updatedAt), text: eventComponents(event, options) }));
  const fresh = new Map(built.map((component) => [component.eventId, component.text]));
  const { head, tail } = calendarFrame(options.name, zonesOf(entries));
  const parts = [head];
  for (const entry of entries) {
    const text = fresh.get(entry.id) ?? (entry.stored?.context === contextOf(entry.updatedAt) ? entry.stored.text : undefined);
    if (text !== undefined) parts.push(text);
  }
  parts.push(tail);
  return { parts, built };
}
