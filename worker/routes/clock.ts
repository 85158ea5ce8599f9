/** The annual clock and the council-term clock: /api/clock, /api/council-term, /clock.ics. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ClockRow, readClock, readClockItems, readLinkedEvents } from '../db/clock';
import { readDataVersion } from '../db/feeds';
import { annualItems, councilTermOf, occurrenceStartingIn, termItems, yearOfTerm } from '../domain/clock';
import { NotFoundError, ValidationError } from '../domain/errors';
import { type Language, clockCalendarOf, localized } from '../domain/ical';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, nowInstant, startOfDay } from '../domain/time';
import type { AppEnv } from '../env';
import { etagMatches, quoteEtag, validationHook } from '../http';
import { AnnualClock, ClockQuery, CouncilTermClock, CouncilTermQuery, Problem } from '../shared/schemas';

export const clock = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const problem = (description: string) => ({ content: { 'application/problem+json': { schema: Problem } }, description });
const today = () => nowInstant().toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate();

async function clockOrFail(db: D1Database, slug: string | undefined, rings: string[]): Promise<ClockRow> {
  const found = await readClock(db, slug ?? null);
  if (!found) throw new NotFoundError('clock', slug ?? '(regional)');
  const unknown = rings.filter((ring) => !found.rings.some((r) => r.slug === ring));
  if (unknown.length > 0) throw new ValidationError([{ field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${unknown[0]}'` }], 400);
  return found;
}

const clockInfo = ({ slug, name, organisation, startMonth, rings }: ClockRow) => ({ slug, name, organisation, startMonth, rings });

/** Instants of midnight in Finland at the start of two dates, for event queries. */
function between(from: Temporal.PlainDate, to: Temporal.PlainDate) {
  return { from: formatInstant(startOfDay(from, DEFAULT_TIME_ZONE)), to: formatInstant(startOfDay(to, DEFAULT_TIME_ZONE)) };
}

clock.openapi(
  createRoute({
    method: 'get',
    path: '/api/clock',
    summary: 'The annual clock of a year',
    description: 'Items that touch the year, in ring order, with their date spans and the events that realise them.',
    request: { query: ClockQuery },
    responses: { 200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock' }, 400: problem('A parameter is invalid'), 404: problem('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = asList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const year = query.year ?? today().year;
    const window = between(Temporal.PlainDate.from({ year: year - 1, month: 1, day: 1 }), Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 }));
    const [items, events] = await Promise.all([readClockItems(c.env.DB, found.id, 'annual'), readLinkedEvents(c.env.DB, found.id, window.from, window.to)]);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ clock: clockInfo(found), year, items: annualItems(items, events, year, { rings, organisations: asList(query.organisation) }) }, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'get',
    path: '/api/council-term',
    summary: 'The council-term clock',
    description: 'Items of the four-year council term (2025–2029 began on 1 June 2025) by year of term.',
    request: { query: CouncilTermQuery },
    responses: { 200: { content: { 'application/json': { schema: CouncilTermClock } }, description: 'The term and its items' }, 400: problem('A parameter is invalid'), 404: problem('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = asList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const now = today();
    let date: Temporal.PlainDate;
    try {
      date = query.date ? Temporal.PlainDate.from(query.date, { overflow: 'reject' }) : now;
    } catch {
      throw new ValidationError([{ field: 'date', rule: 'format', message: '`date` must be a real date YYYY-MM-DD' }], 400);
    }
    const term = councilTermOf(date);
    const window = between(Temporal.PlainDate.from(term.start), Temporal.PlainDate.from(term.end).add({ days: 1 }));
    const [items, events] = await Promise.all([readClockItems(c.env.DB, found.id, 'term'), readLinkedEvents(c.env.DB, found.id, window.from, window.to)]);
    const current = term.start <= now.toString() && now.toString() <= term.end ? yearOfTerm(term, now) : null;
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ clock: clockInfo(found), term, currentYear: current, items: termItems(items, events, term, { rings, organisations: asList(query.organisation) }) }, 200);
  },
);

function publicOrigin(c: Context<AppEnv>): string {
  return c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin;
}

clock.openapi(
  createRoute({
    method: 'get',
    path: '/clock.ics',
    summary: 'The annual clock as iCalendar',
    description: 'Occurrences of the annual items that start this year and next (or `year` and the next) as all-day events.',
    request: { query: ClockQuery },
    responses: { 200: { content: { 'text/calendar': { schema: z.string() } }, description: 'The calendar' }, 304: { description: 'Not modified' }, 404: problem('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = asList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const year = query.year ?? today().year;
    const language: Language = query.lang ?? 'fi';
    const { version, changedAt } = await readDataVersion(c.env.DB);
    const etag = `clock-${version}-${year}-${language}`;
    c.header('ETag', quoteEtag(etag));
    c.header('Cache-Control', 'public, max-age=300');
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    const items = annualItems(await readClockItems(c.env.DB, found.id, 'annual'), [], year, { rings, organisations: asList(query.organisation) });
    const occurrences = items.flatMap((item) =>
      [year, year + 1]
        .map((y) => occurrenceStartingIn({ ...item.span, repeat: item.repeat, onceYear: item.onceYear }, y))
        .filter((o) => o !== null)
        .map((o) => ({ itemId: item.id, title: item.title, description: item.description, ring: item.ring, source: item.source, links: item.links, ...o })),
    );
    const body = clockCalendarOf(occurrences, {
      name: `Hytekello — ${localized(found.name, language)}`,
      language,
      origin: publicOrigin(c),
      uidDomain: c.env.UID_DOMAIN || 'hytekello',
      names: { eventTypes: new Map(), networks: new Map(), organisations: new Map(), municipalities: new Map() },
      ringNames: new Map(found.rings.map((r) => [r.slug, r.name])),
      changedAt: changedAt ?? '2026-01-01T00:00:00Z',
    });
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', `inline; filename="hytekello-${found.slug}-vuosikello.ics"`);
    return c.body(body, 200);
  },
);
