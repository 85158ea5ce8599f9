/**
 * Feeds: what a feed URL selects, how far back it reaches, its name, and
 * the validators (ETag, Last-Modified) that let thousands of polling
 * clients get a 304 without the feed being rebuilt.
 */
import type { Taxonomy } from '../shared/schemas';
import { ValidationError, type FieldIssue } from './errors';
import { type Language, type TermNames, calendarName, localized } from './ical';
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
