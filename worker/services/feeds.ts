/**
 * Feeds as subscribers get them: the validators that decide a 304, and the
 * bodies, built once per version and kept compressed (in the worker and at
 * the edge), so that a feed is rebuilt only after a write that can change it.
 * No HTTP here: the route reads the request and writes the headers.
 */
import { findFeedKeyActor } from '../db/accounts';
import { readClockItems } from '../db/clock';
import { findEvent, listEventsByIds, listFeedEntries, type StoredEvent, withoutRevision } from '../db/events';
import { readFeedVersions, writeEventComponents } from '../db/feeds';
import { readTaxonomy } from '../db/taxonomy';
import { seesMembersOnly } from '../domain/access';
import { MAX_EVENT_PLANS, annualItems, occurrenceStartingIn, planOf, replacedOccurrences } from '../domain/clock';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import {
  DEFAULT_VARIANT,
  FEED_END,
  FEED_FORMAT,
  type FeedSelection,
  type FeedVariant,
  feedKey,
  feedName,
  feedParts,
  feedValidators,
  feedVersionKeys,
  feedWindowStart,
  leftWindow,
  staleEntries,
  termNames,
  variantTag,
} from '../domain/feeds';
import { calendarOf, clockCalendarOf, localized } from '../domain/ical';
import { SYNDICATION_FORMAT, SYNDICATION_ITEMS, type SyndicationFormat, syndicationFeed } from '../domain/syndication';
import { Temporal, formatInstant } from '../domain/time';
import { hashToken, sha256Hex } from '../domain/tokens';
import { finnishWorkingDays } from '../domain/working-days';
import { cachedFeed, edgeCopy, encodeParts, keepFeed, keepText, keptEvents, keptText } from '../platform/feed-cache';
import { gzip } from '../platform/gzip';
import type { Language } from '../shared/languages';
import type { ClockRow } from '../db/clock';
import { listOccurrenceSyndication } from './occurrence-index';
import { between, linkedEvents } from './clock';

/** Where links and UIDs in a feed point: the public origin and the right-hand side of UIDs. */
export interface FeedSite {
  origin: string;
  uidDomain: string;
}

/** A feed's validators: its ETag and the time of the last change that can have changed it. */
export interface FeedVersion {
  etag: string;
  modifiedAt: number;
}

/** A feed's body, gzip-compressed as kept; `plain` when it was built just now. `keep` finishes after the answer. */
export interface FeedBody {
  compressed: Uint8Array<ArrayBuffer> | ReadableStream;
  plain?: Uint8Array<ArrayBuffer>;
  keep?: Promise<unknown>;
}

/** Whether a personal feed key is live and its person a member; a dead key is refused, so the subscriber sees why. */
export async function personalFeedIncludesMembers(db: D1Database, key: string): Promise<boolean> {
  const actor = await findFeedKeyActor(db, await hashToken(key));
  if (!actor) throw new UnauthorizedError('this personal feed key is unknown or was revoked; make a new one in Hytekello');
  return seesMembersOnly(actor);
}

/** The validators of a filtered /calendar.ics: they change only with writes that can change it, and daily as the window moves. */
export async function calendarFeedVersion(db: D1Database, selection: FeedSelection, variant: FeedVariant, now: Temporal.Instant): Promise<FeedVersion> {
  const versions = await readFeedVersions(db, feedVersionKeys(selection));
  return feedValidators(versions, selection, variant, feedWindowStart(now));
}

/**
 * A filtered /calendar.ics: as kept for this version, or built. Only events
 * whose stored text does not fit (new, changed, never built) are read in full
 * and their text written back. A personal feed (members-only events) is kept
 * in the worker only, never at the edge.
 */
export async function calendarFeedBody(
  db: D1Database,
  request: { selection: FeedSelection; variant: FeedVariant; key: string; membersOnly: boolean; site: FeedSite },
  version: FeedVersion,
  now: Temporal.Instant,
): Promise<FeedBody> {
  const { selection, variant, key, membersOnly, site } = request;
  const edge = membersOnly ? null : edgeCopy(site.origin, key, version.etag);
  const cached = await cachedFeed(key, version.etag, edge);
  if (cached !== null) return { compressed: cached };
  const windowStart = feedWindowStart(now);
  // Texts this isolate has encoded before are not read again: a rebuild after a write reads and encodes the changed ones.
  const kind = `${selection.language}${variantTag(variant)}`;
  const kept = (eventId: string, context: string) => keptText(kind, eventId, context);
  // Two reads at once: one round trip of waiting instead of two.
  const [taxonomy, entries] = await Promise.all([
    readTaxonomy(db),
    listFeedEntries(db, { from: formatInstant(windowStart), to: FEED_END, ...filtersOf(selection), includeMembersOnly: membersOnly }, selection.language, keptEvents(kind)),
  ]);
  const names = termNames(taxonomy);
  const options = { name: feedName(selection, names), language: selection.language, origin: site.origin, uidDomain: site.uidDomain, names, variant };
  const stale = staleEntries(entries, options, kept);
  const written = stale.length > 0 ? (await listEventsByIds(db, stale)).map(withoutRevision) : [];
  const { parts, made, built } = feedParts(entries, written, options, kept);
  for (const { eventId, context, at } of made) parts[at] = keepText(kind, eventId, context, parts[at] as string);
  const plain = encodeParts(parts);
  // Compressed once here; every later answer for this ETag sends these bytes.
  const compressed = await gzip(plain);
  return { compressed, plain, keep: Promise.all([keepFeed(key, version.etag, compressed, edge), writeEventComponents(db, selection.language, built, leftWindow(windowStart))]) };
}

/** A published public event for its own .ics; drafts and members-only events are not found. */
export async function publishedEvent(db: D1Database, id: string): Promise<StoredEvent> {
  const event = await findEvent(db, id);
  if (!event || event.status === 'draft' || event.visibility === 'members') throw new NotFoundError('event', id);
  return event;
}

/** One event as iCalendar ("add to my calendar"), with its recurrence and exceptions. */
export async function eventCalendar(db: D1Database, event: StoredEvent, language: Language, site: FeedSite): Promise<string> {
  const names = termNames(await readTaxonomy(db));
  return calendarOf([withoutRevision(event)], { name: localized(event.title, language), language, origin: site.origin, uidDomain: site.uidDomain, names });
}

/** The ETag of an RSS, Atom or JSON feed: the data version, the hour (upcoming events change as time passes) and the query. */
export async function syndicationVersion(db: D1Database, selection: FeedSelection, format: SyndicationFormat, site: FeedSite, now: Temporal.Instant): Promise<FeedVersion> {
  const { etag: version, modifiedAt } = await calendarFeedVersion(db, selection, DEFAULT_VARIANT, now);
  const hour = now.toString().slice(0, 13);
  return { etag: `${version}-${hour}-${format}${SYNDICATION_FORMAT}-${await sha256Hex(feedKey(selection, site.origin))}`.slice(0, 120), modifiedAt };
}

/** The next occurrences of the coming year as RSS, Atom or JSON Feed; built once per ETag and kept compressed. */
export async function syndicationBody(db: D1Database, request: { selection: FeedSelection; format: SyndicationFormat; self: string; site: FeedSite }, version: FeedVersion, now: Temporal.Instant): Promise<FeedBody> {
  const { selection, format, self, site } = request;
  const key = `${format}|${self}`;
  const cached = await cachedFeed(key, version.etag, null);
  if (cached !== null) return { compressed: cached };
  const names = termNames(await readTaxonomy(db));
  const from = formatInstant(now);
  const to = formatInstant(now.add({ hours: 24 * 365 }));
  const { items: upcoming } = await listOccurrenceSyndication(
    db,
    { from, to, ...filtersOf(selection), match: null, includeMembersOnly: false },
    { from: now, to: Temporal.Instant.from(to) },
    { after: null, limit: SYNDICATION_ITEMS, descending: false },
  );
  const body = syndicationFeed(upcoming, { format, language: selection.language, title: feedName(selection, names), origin: site.origin, self, names, updated: new Date(version.modifiedAt) });
  const plain = encodeParts([body]);
  const compressed = await gzip(plain);
  await keepFeed(key, version.etag, compressed, null);
  return { compressed, plain };
}

/** The validators of /clock.ics: writes of clocks and their items change it, and of events that have or had a decision (migration 0023), not those of other events. */
export async function clockFeedVersion(db: D1Database, clock: ClockRow, year: number, language: Language): Promise<FeedVersion> {
  const { clock: version } = await readFeedVersions(db, [['clock', '']]);
  return {
    etag: `clock${FEED_FORMAT}-${version?.version ?? 0}-${year}-${language}`,
    modifiedAt: Math.max(Date.parse(clock.createdAt), version ? Date.parse(version.changedAt) : 0),
  };
}

/** The annual items of a clock that start in `year` and the next, as all-day events. */
export async function clockCalendar(db: D1Database, clock: ClockRow, request: { year: number; language: Language; rings: string[]; organisations: string[]; site: FeedSite }): Promise<string> {
  const { year, language, site } = request;
  const stored = await readClockItems(db, clock.id, 'annual', year - 1);
  // DTSTAMP is the item's own last change (the clock's creation for an item as the template made it).
  const changedAt = new Map(stored.map((item) => [item.id, item.updatedAt ?? clock.createdAt]));
  const days = await finnishWorkingDays();
  // Never drafts: a feed is public.
  const filter = { rings: request.rings, organisations: request.organisations };
  const items = annualItems(stored, [], year, filter, days);
  // A version for next year takes its item's place there, though it does not touch this year; and an
  // item replaced this year by its version is still there next year.
  const replaced = replacedOccurrences(stored, 'public');
  const shown = new Set(items.map((item) => item.id));
  items.push(...annualItems(stored, [], year + 1, filter, days).filter((item) => !shown.has(item.id) && (item.replacesItem !== null || replaced(item.id, year))));
  const occurrences = items.flatMap((item) =>
    [year, year + 1]
      .map((y) => (replaced(item.id, y) ? null : occurrenceStartingIn({ ...item.span, repeat: item.repeat, onceYear: item.onceYear }, y)))
      .filter((o) => o !== null)
      .map((o) => ({ itemId: item.id, title: item.title, description: item.description, ring: item.ring, source: item.source, links: item.links, changedAt: changedAt.get(item.id)!, plan: item.decision ? planOf(item.decision, o, days) : null, ...o })),
  );
  // The decisions of the events that realise the items shown, in the same two years: as many days of each as the clock shows in two.
  const window = between(Temporal.PlainDate.from({ year, month: 1, day: 1 }), Temporal.PlainDate.from({ year: year + 2, month: 1, day: 1 }));
  const ringOf = new Map(items.map((item) => [item.id, item.ring]));
  const eventPlans = (await linkedEvents(db, clock.id, window, { days, perEvent: 2 * MAX_EVENT_PLANS }, 'with-decisions'))
    .filter((event) => ringOf.has(event.clockItem))
    .flatMap((event) => event.plans.map((plan) => ({ eventId: event.id, title: event.title, ring: ringOf.get(event.clockItem)!, changedAt: event.updatedAt, plan })));
  return clockCalendarOf(
    occurrences,
    {
      name: `Hytekello — ${localized(clock.name, language)}`,
      language,
      origin: site.origin,
      uidDomain: site.uidDomain,
      ringNames: new Map(clock.rings.map((r) => [r.slug, r.name])),
    },
    eventPlans,
  );
}

function filtersOf(selection: FeedSelection) {
  return { networks: selection.networks, types: selection.types, municipalities: selection.municipalities, organisations: selection.organisations };
}

