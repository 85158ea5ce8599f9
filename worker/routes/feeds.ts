/** iCalendar feeds: /calendar.ics (filtered) and /events/{id}.ics (one event). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findFeedKeyActor } from '../db/accounts';
import { findEvent, listEventsByIds, listFeedEntries, withoutRevision } from '../db/events';
import { listOccurrences } from '../services/occurrence-index';
import { readFeedVersions, writeEventComponents } from '../db/feeds';
import { readTaxonomy } from '../db/taxonomy';
import { seesMembersOnly } from '../domain/access';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import { SYNDICATION_ITEMS, SYNDICATION_TYPES, type SyndicationFormat, syndicationFeed } from '../domain/syndication';
import { hashToken, sha256Hex } from '../domain/tokens';
import {
  DEFAULT_VARIANT,
  FEED_END,
  type FeedVariant,
  feedFileName,
  feedKey,
  feedName,
  feedParts,
  feedSelection,
  feedValidators,
  feedVariant,
  feedVersionKeys,
  feedWindowStart,
  lastModified,
  leftWindow,
  notModifiedSince,
  staleEntries,
  termNames,
} from '../domain/feeds';
import { calendarOf, localized } from '../domain/ical';
import { Temporal, formatInstant, nowInstant } from '../domain/time';
import type { AppEnv } from '../env';
import { cachedFeed, edgeCopy, encodeParts, keepFeed, lastBuiltFeed } from '../platform/feed-cache';
import { gzip, gzippedAnswer } from '../middleware/compression';
import { databaseUnavailable, etagMatches, problemSpec, publicOrigin, quoteEtag, uidDomain, validationHook } from '../middleware/http';
import { FeedQuery } from '../shared/feeds';
import { LANGUAGES, type Language } from '../shared/languages';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const FEED_CACHE_CONTROL = 'public, max-age=300';


export const feeds = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

feeds.openapi(
  createRoute({
    method: 'get',
    path: '/calendar.ics',
    summary: 'iCalendar feed of published events',
    description:
      'Events of the last 365 days and all future ones; cancelled events stay, marked cancelled (see `cancelled`). Same filters as /api/events. ' +
      'Subscribe with webcal://<host>/calendar.ics?… . ETag / If-None-Match and Last-Modified / If-Modified-Since give 304; ' +
      'the ETag changes only when a write can have changed this feed (and once a day, as events leave the window), ' +
      'and Last-Modified answers 304 only once the change is a second old. ' +
      'With a personal `key`, members-only events are included.',
    request: { query: FeedQuery },
    responses: {
      200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The feed' },
      304: { description: 'Not modified' },
      400: problemSpec('A filter is invalid or names nothing'),
      401: problemSpec('The personal feed key is unknown or revoked'),
      422: problemSpec('`alarm` is not a duration of more than zero and at most four weeks'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const selection = feedSelection(query);
    const membersOnly = query.key !== undefined && (await personalFeedIncludesMembers(c.env.DB, query.key));
    const variant = feedVariant(query);
    // A personal feed is cached apart from the public one, and only privately downstream.
    const key = feedKey(selection, publicOrigin(c), variant) + (membersOnly ? '|members' : '');
    try {
      return await feedResponse(c, selection, variant, key, membersOnly);
    } catch (error) {
      // Stale if error: the last good body rather than an error.
      const last = databaseUnavailable(error) ? lastBuiltFeed(key) : null;
      if (!last) throw error;
      c.header('Content-Type', CALENDAR_TYPE);
      c.header('Content-Disposition', `inline; filename="${feedFileName(selection)}"`);
      c.header('ETag', quoteEtag(last.etag));
      c.header('Cache-Control', membersOnly ? 'private, max-age=60' : 'public, max-age=60');
      return gzippedAnswer(c, last.body);
    }
  },
);

/** Whether a personal feed key is live and its person a member; a dead key is a 401, so the subscriber sees why. */
async function personalFeedIncludesMembers(db: D1Database, key: string): Promise<boolean> {
  const actor = await findFeedKeyActor(db, await hashToken(key));
  if (!actor) throw new UnauthorizedError('this personal feed key is unknown or was revoked; make a new one in Hytekello');
  return seesMembersOnly(actor);
}

async function feedResponse(c: Context<AppEnv>, selection: ReturnType<typeof feedSelection>, variant: FeedVariant, key: string, membersOnly: boolean): Promise<Response> {
  const now = nowInstant();
  const windowStart = feedWindowStart(now);
  const versions = await readFeedVersions(c.env.DB, feedVersionKeys(selection));
  const { etag, modifiedAt } = feedValidators(versions, selection, variant, windowStart);
  c.header('ETag', quoteEtag(etag));
  c.header('Last-Modified', lastModified(modifiedAt, now.epochMilliseconds).date.toUTCString());
  c.header('Cache-Control', membersOnly ? 'private, max-age=300' : FEED_CACHE_CONTROL);
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch ? etagMatches(ifNoneMatch, etag) : notModifiedSince(c.req.header('If-Modified-Since'), modifiedAt, now.epochMilliseconds)) {
    return c.body(null, 304);
  }
  c.header('Content-Type', CALENDAR_TYPE);
  c.header('Content-Disposition', `inline; filename="${feedFileName(selection)}"`);
  // Public feeds are also kept at the edge; a personal one never leaves the worker.
  const edge = membersOnly ? null : edgeCopy(publicOrigin(c), key, etag);
  const cached = await cachedFeed(key, etag, edge);
  if (cached !== null) return gzippedAnswer(c, cached);

  // Two reads at once: one round trip of waiting instead of two.
  const [taxonomy, entries] = await Promise.all([
    readTaxonomy(c.env.DB),
    listFeedEntries(
      c.env.DB,
      { from: formatInstant(windowStart), to: FEED_END, ...filtersOf(selection), includeMembersOnly: membersOnly },
      selection.language,
    ),
  ]);
  const names = termNames(taxonomy);
  const options = { name: feedName(selection, names), language: selection.language, origin: publicOrigin(c), uidDomain: uidDomain(c), names, variant };
  // Only events whose stored text does not fit (new, changed, never built) are read in full and written.
  const stale = staleEntries(entries, options);
  const written = stale.length > 0 ? (await listEventsByIds(c.env.DB, stale)).map(withoutRevision) : [];
  const { parts, built } = feedParts(entries, written, options);
  const body = encodeParts(parts);
  // Compressed once here; every later answer for this ETag sends these bytes.
  const compressed = await gzip(body);
  c.executionCtx.waitUntil(Promise.all([keepFeed(key, etag, compressed, edge), writeEventComponents(c.env.DB, selection.language, built, leftWindow(windowStart))]));
  return gzippedAnswer(c, compressed, body);
}

// The path has the id and '.ics' in one segment, which OpenAPI routes cannot
// express; it is a plain route, described in the document by hand below.
feeds.get('/events/:file{[a-z0-9][a-z0-9-]*\\.ics}', async (c) => {
  const id = c.req.param('file').slice(0, -'.ics'.length);
  const lang = c.req.query('lang');
  const language: Language = (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : 'fi';
  const event = await findEvent(c.env.DB, id);
  if (!event || event.status === 'draft' || event.visibility === 'members') throw new NotFoundError('event', id);
  const etag = `${event.revision}-${language}`;
  c.header('ETag', quoteEtag(etag));
  c.header('Last-Modified', new Date(event.updatedAt).toUTCString());
  c.header('Cache-Control', FEED_CACHE_CONTROL);
  if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  const names = termNames(await readTaxonomy(c.env.DB));
  const body = calendarOf([withoutRevision(event)], { name: localized(event.title, language), language, origin: publicOrigin(c), uidDomain: uidDomain(c), names });
  c.header('Content-Type', CALENDAR_TYPE);
  c.header('Content-Disposition', `attachment; filename="${id}.ics"`);
  return c.body(body, 200);
});

feeds.openAPIRegistry.registerPath({
  method: 'get',
  path: '/events/{id}.ics',
  summary: 'One event as iCalendar ("add to my calendar")',
  request: { params: z.object({ id: z.string() }), query: z.object({ lang: z.enum(LANGUAGES).optional() }) },
  responses: {
    200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The event, with its recurrence and exceptions' },
    304: { description: 'Not modified' },
    404: problemSpec('No such published event'),
  },
});

const SyndicationQuery = FeedQuery.omit({ key: true, cancelled: true, alarm: true });

// RSS, Atom and JSON Feed of upcoming events, one route per format.
const syndication = (format: SyndicationFormat) =>
  createRoute({
    method: 'get',
    path: `/feed.${format}`,
    summary: `Upcoming events as ${format === 'rss' ? 'RSS 2.0' : format === 'atom' ? 'Atom 1.0' : 'JSON Feed 1'}`,
    description: `The next ${SYNDICATION_ITEMS} occurrences of the coming year, with the same filters as /calendar.ics; each links to its event page.`,
    request: { query: SyndicationQuery },
    responses: {
      200: { content: { [SYNDICATION_TYPES[format].split(';')[0]!]: { schema: z.string() } }, description: 'The feed' },
      304: { description: 'Not modified' },
      400: problemSpec('A filter is invalid or names nothing'),
    },
  });

for (const format of ['rss', 'atom', 'json'] as const) {
  feeds.openapi(syndication(format), async (c) => {
    const selection = feedSelection(c.req.valid('query'));
    const now = nowInstant();
    const versions = await readFeedVersions(c.env.DB, feedVersionKeys(selection));
    const { etag: version, modifiedAt } = feedValidators(versions, selection, DEFAULT_VARIANT, feedWindowStart(now));
    // Upcoming events change as time passes, not only when data does: the hour is part of the tag.
    const hour = now.toString().slice(0, 13);
    const etag = `${version}-${hour}-${format}-${await sha256Hex(feedKey(selection, publicOrigin(c)))}`.slice(0, 120);
    c.header('ETag', quoteEtag(etag));
    c.header('Cache-Control', FEED_CACHE_CONTROL);
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    c.header('Content-Type', SYNDICATION_TYPES[format]);
    // Built once per ETag (the data version and the hour) and kept compressed, as the iCalendar feeds are.
    const key = `${format}|${c.req.url}`;
    const cached = await cachedFeed(key, etag, null);
    if (cached !== null) return gzippedAnswer(c, cached);
    const names = termNames(await readTaxonomy(c.env.DB));
    const from = formatInstant(now);
    const to = formatInstant(now.add({ hours: 24 * 365 }));
    const { items: upcoming } = await listOccurrences(
      c.env.DB,
      { from, to, ...filtersOf(selection), match: null, includeMembersOnly: false },
      { from: now, to: Temporal.Instant.from(to) },
      { after: null, limit: SYNDICATION_ITEMS, descending: false },
    );
    const body = syndicationFeed(upcoming, {
      format,
      language: selection.language,
      title: feedName(selection, names),
      origin: publicOrigin(c),
      self: c.req.url,
      names,
      updated: new Date(modifiedAt),
    });
    const encoded = encodeParts([body]);
    const compressed = await gzip(encoded);
    await keepFeed(key, etag, compressed, null);
    return gzippedAnswer(c, compressed, encoded);
  });
}

function filtersOf(selection: ReturnType<typeof feedSelection>) {
  return { networks: selection.networks, types: selection.types, municipalities: selection.municipalities, organisations: selection.organisations };
}
