/** The annual clock and the council-term clock: /api/clock, /api/clocks, /api/council-term. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { type ClockRow, type WritableClockItem, findClockItem, insertClockFromTemplate, insertClockItem, readClock, readClockItems, readLinkedEvents, replaceRings, ringsInUse, updateClockItem } from '../db/clock';
import { readKnownReferences } from '../db/taxonomy';
import { clockOrFail } from '../services/clock';
import { type Actor, assertMayWriteClock, assertWritesSomething, auditActor, defaultOrganisation, isAdministrator, writableOrganisations } from '../domain/access';
import { authorise, authorised } from '../middleware/auth';
import { annualItems, applyClockItemPatch, councilTermOf, prepareClockItem, termItems, yearOfTerm } from '../domain/clock';
import { ConflictError, type FieldIssue, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { newRevision } from '../domain/ids';
import { finnishWorkingDays } from '../domain/working-days';
import { DEFAULT_TIME_ZONE, Temporal, formatInstant, nowInstant, parseDate, startOfDay } from '../domain/time';
import type { AppEnv } from '../env';
import { assertIfMatch, editProblemSpecs, writeSecurity, parseOrThrow, problemSpec, quoteEtag, validationHook } from '../middleware/http';
import { queryList } from '../domain/listing';
import { AnnualClock, ClockItemInput, ClockItemPatch, ClockQuery, CouncilTermClock, CouncilTermQuery, NewClockInput, RingsInput, StoredClockItem } from '../shared/clock';
import { clockSlugOf } from '../shared/clock-slug';
import { Slug } from '../shared/text';

export const clock = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const today = () => nowInstant().toZonedDateTimeISO(DEFAULT_TIME_ZONE).toPlainDate();

/** A clock the actor may write: 404 when there is none, 403 when it is another's. */
async function writableClock(db: D1Database, actor: Actor, slug: string | undefined): Promise<ClockRow> {
  const found = await clockOrFail(db, slug, []);
  assertMayWriteClock(actor, found.organisation);
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
    responses: { 200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock' }, 400: problemSpec('A parameter is invalid'), 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = queryList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const year = query.year ?? today().year;
    // The events of the year shown, not those of the year before.
    const window = between(Temporal.PlainDate.from({ year, month: 1, day: 1 }), Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 }));
    const [items, events] = await Promise.all([readClockItems(c.env.DB, found.id, 'annual'), readLinkedEvents(c.env.DB, found.id, window.from, window.to)]);
    // Asked again on every use: an organiser who has just saved an item sees it at once, as with events.
    c.header('Cache-Control', 'public, no-cache');
    return c.json({ clock: clockInfo(found), year, items: annualItems(items, events, year, { rings, organisations: queryList(query.organisation) }, await finnishWorkingDays()) }, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'get',
    path: '/api/council-term',
    summary: 'The council-term clock',
    description: 'Items of the four-year council term (2025–2029 began on 1 June 2025) by year of term.',
    request: { query: CouncilTermQuery },
    responses: { 200: { content: { 'application/json': { schema: CouncilTermClock } }, description: 'The term and its items' }, 400: problemSpec('A parameter is invalid'), 404: problemSpec('No such clock') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const rings = queryList(query.ring);
    const found = await clockOrFail(c.env.DB, query.clock, rings);
    const now = today();
    const date = query.date ? parseDate(query.date) : now;
    if (!date) throw new ValidationError([{ field: 'date', rule: 'format', message: '`date` must be a real date YYYY-MM-DD between 2000 and 2100' }], 'request');
    const term = councilTermOf(date);
    const window = between(Temporal.PlainDate.from(term.start), Temporal.PlainDate.from(term.end).add({ days: 1 }));
    const [items, events] = await Promise.all([readClockItems(c.env.DB, found.id, 'term'), readLinkedEvents(c.env.DB, found.id, window.from, window.to)]);
    const current = term.start <= now.toString() && now.toString() <= term.end ? yearOfTerm(term, now) : null;
    c.header('Cache-Control', 'public, no-cache');
    return c.json({ clock: clockInfo(found), term, currentYear: current, items: termItems(items, events, term, { rings, organisations: queryList(query.organisation) }) }, 200);
  },
);

const security = writeSecurity;
const itemResponse = (description: string) => ({
  content: { 'application/json': { schema: StoredClockItem } },
  headers: z.object({ ETag: z.string() }),
  description,
});
const ItemId = z.object({ id: z.coerce.number().int('must be a whole number').positive('must be positive').openapi({ param: { name: 'id', in: 'path' }, example: 3 }) });

/** References of an item that must exist: its ring in the clock, the responsible organisation. */
async function itemReferenceIssues(db: D1Database, clockRow: ClockRow, input: { ring: string; responsibleOrganisation?: string | null }): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (!clockRow.rings.some((ring) => ring.slug === input.ring)) issues.push({ field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${input.ring}'` });
  if (input.responsibleOrganisation && !(await readKnownReferences(db)).organisations.has(input.responsibleOrganisation)) {
    issues.push({ field: 'responsibleOrganisation', rule: 'exists', message: `\`responsibleOrganisation\`: there is no organisation '${input.responsibleOrganisation}'` });
  }
  return issues;
}

clock.openapi(
  createRoute({
    method: 'get',
    path: '/api/clock/items/{id}',
    summary: 'One clock item',
    request: { params: ItemId },
    responses: { 200: itemResponse('The item'), 404: problemSpec('No such item') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const found = await findClockItem(c.env.DB, id);
    if (!found) throw new NotFoundError('clock item', String(id));
    c.header('ETag', quoteEtag(found.revision));
    return c.json(found.item, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'post',
    path: '/api/clock/items',
    summary: 'Add an item to a clock',
    security,
    middleware: [authorise(async (actor, c) => ({ actor, clockRow: await writableClock(c.env.DB, actor, c.req.query('clock')) }))],
    request: {
      query: z.object({ clock: Slug.optional().openapi({ description: "Clock slug; default the network's regional clock" }) }).strict(),
      body: { content: { 'application/json': { schema: ClockItemInput } }, required: true },
    },
    responses: { 201: itemResponse('Created'), 401: problemSpec('Not signed in, or no valid token'), 403: problemSpec('The token may not edit this clock'), 404: problemSpec('No such clock'), 422: problemSpec('The item breaks a rule') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { actor, clockRow } = authorised<{ actor: Actor; clockRow: ClockRow }>(c);
    const issues = await itemReferenceIssues(c.env.DB, clockRow, input);
    if (issues.length > 0) throw new ValidationError(issues);
    const revision = newRevision();
    const id = await insertClockItem(c.env.DB, clockRow.id, prepareClockItem(input), { revision, now: new Date().toISOString(), actor: auditActor(actor) });
    const created = (await findClockItem(c.env.DB, id))!;
    c.header('ETag', quoteEtag(created.revision));
    c.header('Location', `/api/clock/items/${id}`);
    return c.json(created.item, 201);
  },
);

clock.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clock/items/{id}',
    summary: 'Edit a clock item',
    description: 'Given fields replace the stored ones. Requires If-Match with the ETag of the version edited.',
    security,
    middleware: [
      authorise(async (actor, c) => {
        const current = await findClockItem(c.env.DB, Number(c.req.param('id')));
        if (!current) throw new NotFoundError('clock item', c.req.param('id') ?? '');
        assertMayWriteClock(actor, current.clockOrganisation);
        return { actor, current };
      }),
    ],
    request: { params: ItemId, body: { content: { 'application/json': { schema: ClockItemPatch } }, required: true } },
    responses: { 200: itemResponse('Saved'), ...editProblemSpecs('clock item', 'The token may not edit this clock') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { actor, current } = authorised<{ actor: Actor; current: WritableClockItem }>(c);
    assertIfMatch(c.req.header('If-Match'), current.revision, 'clock item', String(id));
    const input = parseOrThrow(ClockItemInput, applyClockItemPatch(current.item, patch));
    const clockRow = (await readClock(c.env.DB, current.item.clock))!;
    const issues = await itemReferenceIssues(c.env.DB, clockRow, input);
    if (issues.length > 0) throw new ValidationError(issues);
    const saved = await updateClockItem(c.env.DB, current, current.revision, prepareClockItem(input), { revision: newRevision(), now: new Date().toISOString(), actor: auditActor(actor) });
    if (!saved) throw new PreconditionFailedError('clock item', String(id));
    const after = (await findClockItem(c.env.DB, id))!;
    c.header('ETag', quoteEtag(after.revision));
    return c.json(after.item, 200);
  },
);

clock.openapi(
  createRoute({
    method: 'post',
    path: '/api/clocks',
    summary: "Create an organisation's own clock from the statutory template",
    description: 'In one step: the clock, the rings of the regional clock, and every item of the statutory wellbeing cycle with its source.',
    security,
    middleware: [authorise(assertWritesSomething)],
    request: { body: { content: { 'application/json': { schema: NewClockInput } }, required: true } },
    responses: {
      201: { content: { 'application/json': { schema: AnnualClock } }, description: 'The new clock for this year' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token belongs to another organisation'),
      409: problemSpec('The organisation has a clock already'),
    },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const actor = authorised<Actor>(c);
    const organisation = input.organisation ?? defaultOrganisation(actor);
    if (!isAdministrator(actor) && !writableOrganisations(actor).includes(organisation)) throw new ForbiddenError(`you may create a clock only for your own organisation, not for '${organisation}'`);
    const slug = clockSlugOf(organisation);
    const created = await insertClockFromTemplate(c.env.DB, organisation, slug, input.startMonth ?? 1, { now: new Date().toISOString(), actor: auditActor(actor) });
    if (!created) throw new ConflictError('exists', `'${organisation}' has a clock already`);
    const found = (await readClock(c.env.DB, slug))!;
    const year = today().year;
    c.header('Location', `/api/clock?clock=${slug}`);
    return c.json({ clock: clockInfo(found), year, items: annualItems(await readClockItems(c.env.DB, found.id, 'annual'), [], year, { rings: [], organisations: [] }, await finnishWorkingDays()) }, 201);
  },
);

clock.openapi(
  createRoute({
    method: 'put',
    path: '/api/clocks/{slug}/rings',
    summary: "Set a clock's rings: their names and order",
    description: 'Rings not named are removed; a ring that has items cannot be removed.',
    security,
    middleware: [authorise(async (actor, c) => ({ actor, found: await writableClock(c.env.DB, actor, c.req.param('slug')) }))],
    request: {
      params: z.object({ slug: Slug.openapi({ param: { name: 'slug', in: 'path' } }) }),
      body: { content: { 'application/json': { schema: RingsInput } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: AnnualClock } }, description: 'The clock with its new rings, this year' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('The token may not edit this clock'),
      404: problemSpec('No such clock'),
      422: problemSpec('A ring with items would be removed'),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    const { rings } = c.req.valid('json');
    const { actor, found } = authorised<{ actor: Actor; found: ClockRow }>(c);
    const kept = new Set(rings.map((ring) => ring.slug));
    const removed = (await ringsInUse(c.env.DB, found.id)).filter((ring) => !kept.has(ring));
    if (removed.length > 0) {
      throw new ValidationError(removed.map((ring) => ({ field: 'rings', rule: 'in-use', message: `\`rings\`: ring '${ring}' has items; move them before removing it` })));
    }
    await replaceRings(c.env.DB, found.id, rings, { now: new Date().toISOString(), actor: auditActor(actor), clockSlug: found.slug });
    const updated = (await readClock(c.env.DB, slug))!;
    const year = today().year;
    return c.json({ clock: clockInfo(updated), year, items: annualItems(await readClockItems(c.env.DB, updated.id, 'annual'), [], year, { rings: [], organisations: [] }, await finnishWorkingDays()) }, 200);
  },
);
