/**
 * Feeds: what a feed URL selects, how far back it reaches, its name, and
 * the validators (ETag, Last-Modified) that let thousands of polling
 * clients get a 304 without the feed being rebuilt.
 */
import type { Event } from '../shared/events';
import type { Taxonomy } from '../shared/taxonomy';
import { ValidationError, type FieldIssue } from './errors';
import type { Language } from '../shared/languages';
import type { Localized } from '../shared/text';
import { type CalendarOptions, type FeedVariant, type TermNames, calendarFrame, calendarName, eventComponents, eventVariant, localized, zonesOf } from './ical';

export type { FeedVariant } from './ical';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, startOfDay } from './time';

/** Feeds carry events that ended at most this many days ago, and all future ones. */
export const FEED_PAST_DAYS = 365;
/** The far end of a feed's window: "all future events". */
export const FEED_END = '2101-01-01T00:00:00Z';
/**
 * The version of what a feed writes. Raise it with any change to the output
 * (a property added or dropped, other escaping): it is part of every ETag
 * and of every stored VEVENT's context, so subscribers get the new text at
 * once instead of a 304 for the old one until the next write.
 */
export const FEED_FORMAT = 2;

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

/** One text per distinct feed body: the selection in a fixed order, the origin its links use, and the variant. */
export function feedKey(selection: FeedSelection, origin: string, variant: FeedVariant = DEFAULT_VARIANT): string {
  const { networks, types, municipalities, organisations, language } = selection;
  return JSON.stringify([origin, language, networks, types, municipalities, organisations]) + variantTag(variant);
}

// The window of the day last asked about, and the instants between which that day lasts in Finland.
let cachedWindow: { from: number; to: number; start: Temporal.Instant } | null = null;

/** Midnight in Finland FEED_PAST_DAYS days ago: the start of every feed's window. */
export function feedWindowStart(now: Temporal.Instant): Temporal.Instant {
  // Asked on every feed request, a 304 too; time-zone arithmetic costs tens of microseconds, so once a day.
  const at = now.epochMilliseconds;
  if (cachedWindow && at >= cachedWindow.from && at < cachedWindow.to) return cachedWindow.start;
  const today = now.toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate();
  const start = startOfDay(today.subtract({ days: FEED_PAST_DAYS }), DEFAULT_TIME_ZONE).toInstant();
  const day = (date: Temporal.PlainDate) => startOfDay(date, DEFAULT_TIME_ZONE).toInstant().epochMilliseconds;
  cachedWindow = { from: day(today), to: day(today.add({ days: 1 })), start };
  return start;
}

/**
 * The instants between which events ended that have left every feed in the
 * last 30 days: their stored texts are no longer needed.
 */
export function leftWindow(windowStart: Temporal.Instant): { endedFrom: string; endedTo: string } {
  return { endedFrom: formatInstant(windowStart.subtract({ hours: 30 * 24 })), endedTo: formatInstant(windowStart) };
}

/** The versions feeds' validators are made of; worker/db/feeds.ts reads them, triggers keep them. */
export type FeedVersionKind = 'all' | 'network' | 'type' | 'municipality' | 'organisation' | 'names' | 'clock';
/** The audit-log row of the newest write that bumped a version, and when the database made it. */
export interface FeedVersion {
  version: number;
  changedAt: string;
}
/** Per kind, the newest of the versions asked for; a kind nobody wrote to is missing. */
export type FeedVersions = Partial<Record<FeedVersionKind, FeedVersion>>;

const DIMENSIONS = [
  ['network', 'networks'],
  ['type', 'types'],
  ['municipality', 'municipalities'],
  ['organisation', 'organisations'],
] as const;

/** The [kind, slug] versions a feed's validators depend on. */
export function feedVersionKeys(selection: FeedSelection): [FeedVersionKind, string][] {
  return [['all', ''], ['names', ''], ...DIMENSIONS.flatMap(([kind, field]) => selection[field].map((slug): [FeedVersionKind, string] => [kind, slug]))];
}

/**
 * The validators of a feed, known before the body is built, so a
 * conditional request costs one small read. The ETag changes when a write
 * can have changed this feed, and not otherwise:
 *
 * - An event write bumps every term the event had before or has after
 *   (feed_versions). It can change a feed only if the event matched every
 *   filter of the feed, before or after, so it bumps every filtered kind to
 *   the write's version: the smallest of those kinds' versions then grows.
 *   A write elsewhere leaves at least one of them, and so the ETag, as it was.
 * - Names of networks and organisations ('names'), shown in every feed.
 * - The day: events leave the 365-day window as days pass.
 * - The variant (cancelled, alarm).
 *
 * `modifiedAt` is when the newest of these changed, in epoch milliseconds
 * (for Last-Modified; plain numbers, as a 304 should cost microseconds).
 */
export function feedValidators(versions: FeedVersions, selection: FeedSelection, variant: FeedVariant, windowStart: Temporal.Instant): { etag: string; modifiedAt: number } {
  const filtered = DIMENSIONS.filter(([, field]) => selection[field].length > 0).map(([kind]) => kind);
  const kinds: FeedVersionKind[] = filtered.length > 0 ? filtered : ['all'];
  const version = Math.min(...kinds.map((kind) => versions[kind]?.version ?? 0));
  let modifiedAt = windowStart.epochMilliseconds;
  for (const kind of [...kinds, 'names' as const]) {
    const changed = versions[kind] ? Date.parse(versions[kind].changedAt) : Number.NaN;
    if (changed > modifiedAt) modifiedAt = changed;
  }
  return { etag: `feed${FEED_FORMAT}-${version}.${versions.names?.version ?? 0}-${windowDay(windowStart)}${variantTag(variant)}`, modifiedAt };
}

// The window's day in Finland, for ETags; the same instant all day, so the last one is kept.
let lastWindow: { start: number; day: string } = { start: Number.NaN, day: '' };
function windowDay(windowStart: Temporal.Instant): string {
  if (lastWindow.start !== windowStart.epochMilliseconds) {
    lastWindow = { start: windowStart.epochMilliseconds, day: windowStart.toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate().toString() };
  }
  return lastWindow.day;
}

export const DEFAULT_VARIANT: FeedVariant = { cancelled: 'status', alarm: null };

/** The longest reminder: four weeks before. */
const ALARM_MAX_SECONDS = 4 * 7 * 24 * 60 * 60;
// ISO 8601 durations of weeks, or of days and time (RFC 5545 dur-value); no years or months, which have no fixed length.
const ALARM_PATTERN = /^P(?:(\d{1,3})W|(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?)$/;

/** The variant a feed URL asks for; a bad alarm is a 422 naming `alarm`. */
export function feedVariant(query: { cancelled?: FeedVariant['cancelled']; alarm?: string }): FeedVariant {
  return { cancelled: query.cancelled ?? 'status', alarm: query.alarm === undefined ? null : alarmDuration(query.alarm) };
}

/** 'PT60M' → 'PT1H', 'P7D' → 'P1W': one form per length, so equal reminders share a cached feed. */
function alarmDuration(text: string): string {
  const match = ALARM_PATTERN.exec(text.trim().toUpperCase());
  const refuse = (rule: string, message: string) => new ValidationError([{ field: 'alarm', rule, message: `\`alarm\` ${message}` }]);
  if (!match || match.slice(1).every((part) => part === undefined) || text.trim().toUpperCase().endsWith('T')) {
    throw refuse('format', 'must be an ISO 8601 duration such as PT15M, PT1H, P1D or P1W');
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const total = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds;
  if (total <= 0 || total > ALARM_MAX_SECONDS) throw refuse('range', 'must be longer than zero and at most four weeks (P4W)');
  if (total % (7 * 86400) === 0) return `P${total / (7 * 86400)}W`;
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

/** What the variant adds to a feed's cache key and ETag; nothing for the default. */
export function variantTag(variant: FeedVariant): string {
  return `${variant.cancelled === 'status' ? '' : `-${variant.cancelled}`}${variant.alarm ? `-${variant.alarm}` : ''}`;
}

/**
 * Last-Modified of a version made at `modifiedAt`, answered at `now` (epoch ms). An
 * HTTP date has whole seconds, so it is a weak validator within its second
 * (RFC 9110 8.8.2.2): a second write in the same second would have the
 * same date. The date is therefore "settled" only when the version is at
 * least a second old; until then it is given as the second before, so a
 * client that sends it back gets the full body once more rather than
 * missing a write. The ETag is the strong validator.
 */
export function lastModified(modifiedAt: number, now: number): { date: Date; settled: boolean } {
  const settled = now >= modifiedAt + 1000;
  // Settled: the second after the change, which no later write can share; else the second before it.
  return { date: new Date(settled ? Math.floor(modifiedAt / 1000) * 1000 + 1000 : Math.floor(Math.min(modifiedAt, now) / 1000) * 1000), settled };
}

/** Whether an If-Modified-Since date shows that the client has the version made at `modifiedAt` (epoch ms, answered at `now`). */
export function notModifiedSince(header: string | undefined, modifiedAt: number, now: number): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  const { date, settled } = lastModified(modifiedAt, now);
  return settled && !Number.isNaN(since) && since >= date.getTime();
}

/** Names by slug, for the terms events refer to. */
export function termNames(taxonomy: Taxonomy): TermNames {
  const byslug = (terms: { slug: string; name: Localized }[]) => new Map(terms.map((t) => [t.slug, t.name]));
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
  if (issues.length > 0) throw new ValidationError(issues, 'request');
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
  const common = `${FEED_FORMAT}|${options.origin}|${options.uidDomain}|${fingerprint(names)}`;
  return (updatedAt) => `${updatedAt}|${common}`;
}

/** Bytes of an event's text (as the feed's variant shows it) that an earlier build kept for `context`, or null. */
export type KeptTexts = (eventId: string, context: string) => Uint8Array | null;

const NOTHING_KEPT: KeptTexts = () => null;

/**
 * The entries whose text is neither kept from an earlier build nor stored
 * for this version and context: they are read in full and written anew.
 */
export function staleEntries(entries: readonly FeedEntry[], options: Pick<CalendarOptions, 'origin' | 'uidDomain' | 'names'>, kept: KeptTexts = NOTHING_KEPT): string[] {
  const contextOf = componentContext(options);
  return entries
    .filter((entry) => {
      const context = contextOf(entry.updatedAt);
      return entry.stored?.context !== context && kept(entry.id, context) === null;
    })
    .map((entry) => entry.id);
}

/**
 * A feed's body in parts, in the entries' order: the frame around the
 * events, and each event's text as bytes an earlier build kept, as its
 * stored text, or as written now for `written` (the stale entries' events,
 * read in full), each as the feed's variant shows it. `made` are the parts
 * that are texts not kept yet, to keep; `built` the new texts, to store
 * for the next build. An entry with none of them (deleted meanwhile) is left out.
 */
export function feedParts(
  entries: readonly FeedEntry[],
  written: readonly Event[],
  options: CalendarOptions,
  kept: KeptTexts = NOTHING_KEPT,
): { parts: (string | Uint8Array)[]; made: { eventId: string; context: string; at: number }[]; built: StoredComponent[] } {
  const contextOf = componentContext(options);
  const built = written.map((event) => ({ eventId: event.id, context: contextOf(event.updatedAt), text: eventComponents(event, options) }));
  const fresh = new Map(built.map((component) => [component.eventId, component.text]));
  const { head, tail } = calendarFrame(options.name, zonesOf(entries));
  const variant = options.variant ?? DEFAULT_VARIANT;
  const parts: (string | Uint8Array)[] = [head];
  const made: { eventId: string; context: string; at: number }[] = [];
  for (const entry of entries) {
    const context = contextOf(entry.updatedAt);
    const bytes = fresh.has(entry.id) ? null : kept(entry.id, context);
    if (bytes !== null) {
      parts.push(bytes);
      continue;
    }
    const text = fresh.get(entry.id) ?? (entry.stored?.context === context ? entry.stored.text : undefined);
    if (text === undefined) continue;
    // Texts are kept as the default variant; another is derived from them.
    made.push({ eventId: entry.id, context, at: parts.length });
    parts.push(eventVariant(text, variant, options.language));
  }
  parts.push(tail);
  return { parts, made, built };
}
