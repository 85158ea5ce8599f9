/** Subscription files at the site's root: /calendar.ics (filtered), /events/{id}.ics (one event), /feed.rss|atom|json, /clock.ics. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { feedFileName, feedKey, feedSelection, feedVariant, lastModified, notModifiedSince } from '../domain/feeds';
import { queryList } from '../domain/listing';
import { SYNDICATION_ITEMS, SYNDICATION_TYPES, type SyndicationFormat } from '../domain/syndication';
import { DEFAULT_TIME_ZONE, type Temporal, nowInstant } from '../domain/time';
import type { AppEnv } from '../env';
import { gzippedAnswer } from '../middleware/compression';
import { databaseUnavailable, etagMatches, problemSpec, publicOrigin, quoteEtag, uidDomain, validationHook } from '../middleware/http';
import { parseOrThrow } from '../domain/validation';
import { lastBuiltFeed } from '../platform/feed-cache';
import { clockOrFail } from '../services/clock';
import {
  type FeedSite,
  type FeedVersion,
  calendarFeedBody,
  calendarFeedVersion,
  clockCalendar,
  clockFeedVersion,
  eventCalendar,
  personalFeedIncludesMembers,
  publishedEvent,
  syndicationBody,
  syndicationVersion,
} from '../services/feeds';
import { ClockQuery } from '../shared/clock';
import { FeedQuery } from '../shared/feeds';
import { LANGUAGES } from '../shared/languages';

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
    const asFile = () => {
      c.header('Content-Type', CALENDAR_TYPE);
      c.header('Content-Disposition', `inline; filename="${feedFileName(selection)}"`);
    };
    try {
      const now = nowInstant();
      const version = await calendarFeedVersion(c.env.DB, selection, variant, now);
      c.header('Cache-Control', membersOnly ? 'private, max-age=300' : FEED_CACHE_CONTROL);
      if (notModified(c, version, now)) return c.body(null, 304);
      asFile();
      const feed = await calendarFeedBody(c.env.DB, { selection, variant, key, membersOnly, site: siteOf(c) }, version, now);
      if (feed.keep) c.executionCtx.waitUntil(feed.keep);
      return gzippedAnswer(c, feed.compressed, feed.plain);
    } catch (error) {
      // Stale if error: the last good body rather than an error.
      const last = databaseUnavailable(error) ? lastBuiltFeed(key) : null;
      if (!last) throw error;
      asFile();
      c.header('ETag', quoteEtag(last.etag));
      c.header('Cache-Control', membersOnly ? 'private, max-age=60' : 'public, max-age=60');
      return gzippedAnswer(c, last.body);
    }
  },
);

const siteOf = (c: Context<AppEnv>): FeedSite => ({ origin: publicOrigin(c), uidDomain: uidDomain(c) });

/** Sets the validators; whether the client's copy is current (If-None-Match, else If-Modified-Since). */
function notModified(c: Context<AppEnv>, { etag, modifiedAt }: FeedVersion, now: Temporal.Instant): boolean {
  c.header('ETag', quoteEtag(etag));
  c.header('Last-Modified', lastModified(modifiedAt, now.epochMilliseconds).date.toUTCString());
  const ifNoneMatch = c.req.header('If-None-Match');
  return ifNoneMatch ? etagMatches(ifNoneMatch, etag) : notModifiedSince(c.req.header('If-Modified-Since'), modifiedAt, now.epochMilliseconds);
}

const EventFileQuery = z.object({ lang: z.enum(LANGUAGES).optional() });

// The path has the id and '.ics' in one segment, which OpenAPI routes cannot
// express; it is a plain route, described in the document by hand below.
feeds.get('/events/:file{[a-z0-9][a-z0-9-]*\\.ics}', async (c) => {
  const id = c.req.param('file').slice(0, -'.ics'.length);
  // Refused as /calendar.ics refuses it: an unknown language is a mistake to see, not Finnish.
  const { lang: language = 'fi' } = parseOrThrow(EventFileQuery, { lang: c.req.query('lang') }, 'request');
  const event = await publishedEvent(c.env.DB, id);
  const etag = `${event.revision}-${language}`;
  c.header('ETag', quoteEtag(etag));
  c.header('Last-Modified', new Date(event.updatedAt).toUTCString());
  c.header('Cache-Control', FEED_CACHE_CONTROL);
  if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  const body = await eventCalendar(c.env.DB, event, language, siteOf(c));
  c.header('Content-Type', CALENDAR_TYPE);
  c.header('Content-Disposition', `attachment; filename="${id}.ics"`);
  return c.body(body, 200);
});

feeds.openAPIRegistry.registerPath({
  method: 'get',
  path: '/events/{id}.ics',
  summary: 'One event as iCalendar ("add to my calendar")',
  request: { params: z.object({ id: z.string() }), query: EventFileQuery },
  responses: {
    200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The event, with its recurrence and exceptions' },
    304: { description: 'Not modified' },
    400: problemSpec('`lang` is not one of fi, sv, en'),
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
    const version = await syndicationVersion(c.env.DB, selection, format, siteOf(c), now);
    c.header('ETag', quoteEtag(version.etag));
    c.header('Cache-Control', FEED_CACHE_CONTROL);
    if (etagMatches(c.req.header('If-None-Match'), version.etag)) return c.body(null, 304);
    c.header('Content-Type', SYNDICATION_TYPES[format]);
    const feed = await syndicationBody(c.env.DB, { selection, format, self: c.req.url, site: siteOf(c) }, version, now);
    return gzippedAnswer(c, feed.compressed, feed.plain);
  });
}

feeds.openapi(
  createRoute({
    method: 'get',
    path: '/clock.ics',
    summary: 'The annual clock as iCalendar',
    description:
      'Occurrences of the annual items that start this year and next (or `year` and the next) as all-day events. ' +
      'ETag / If-None-Match and Last-Modified / If-Modified-Since give 304; they change with writes of clocks and their items only.',
    request: { query: ClockQuery },
    responses: { 200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The calendar' }, 304: { description: 'Not modified' }, 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = queryList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const year = query.year ?? nowInstant().toZonedDateTimeISO(DEFAULT_TIME_ZONE).year;
    const language = query.lang ?? 'fi';
    const now = nowInstant();
    c.header('Cache-Control', 'public, max-age=300');
    if (notModified(c, await clockFeedVersion(c.env.DB, found, year, language), now)) return c.body(null, 304);
    const body = await clockCalendar(c.env.DB, found, { year, language, rings, organisations: queryList(query.organisation), site: siteOf(c) });
    c.header('Content-Type', CALENDAR_TYPE);
    c.header('Content-Disposition', `inline; filename="hytekello-${found.slug}-vuosikello.ics"`);
    return c.body(body, 200);
  },
);
