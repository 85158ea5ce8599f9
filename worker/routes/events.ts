/** /api/events: list, read, create, edit, cancel. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteDraft, findEvent, findIdempotentCreate, insertEvent, listChangedEvents, searchExpression, updateEvent, withoutRevision as publicEvent, type StoredEvent } from '../db/events';
import { type Actor, assertMayWriteEvent, assertWritesSomething, auditActor, defaultOrganisation, idempotencyOwner, mayWriteEvent, maySeeDraft, seesMembersOnly } from '../domain/access';
import { authorise, authorised } from '../middleware/auth';
import { readKnownReferences } from '../db/taxonomy';
import { lastChangeOf } from '../db/audit';
import { answerInvitation, invitedOrganisations, invitationStatements } from '../db/co-organisers';
import { planOrganisers } from '../domain/co-organisers';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError, DomainError } from '../domain/errors';
import { applyPatch, eventOccurrences, nextSequence, prepareEvent, referenceIssues, type EventDraft } from '../domain/events';
import { DEFAULT_PAGE_SIZE, changedSince, decodeChangeCursor, decodeOccurrenceCursor, encodeChangeCursor, resolveWindow } from '../domain/listing';
import { indexHorizon } from '../domain/occurrence-index';
import { listOccurrences } from '../services/occurrence-index';
import { newEventId, newRevision } from '../domain/ids';
import { Temporal, formatInstant, nowInstant } from '../domain/time';
import { sha256Hex } from '../domain/tokens';
import type { AppEnv } from '../env';
import { assertIfMatch, editProblemSpecs, writeSecurity, etagMatches, parseOrThrow, problemSpec, queryList, quoteEtag, validationHook } from '../middleware/http';
import { EventInput } from '../domain/event-input';
import { CancelInput, CoOrganisers, Event, EventId, EventList, EventPatch, EventQuery, OccurrenceList, OccurrenceQuery } from '../shared/events';
import { Slug } from '../shared/text';


const eventResponse = (description: string) => ({
  content: { 'application/json': { schema: Event } },
  headers: z.object({ ETag: z.string().openapi({ description: 'Send back as If-Match when editing' }) }),
  description,
});
const security = writeSecurity;

export const events = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

events.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Published events in a window, recurring ones expanded into occurrences',
    description: 'Cancelled events and occurrences are included and marked `cancelled`; drafts never are. Members-only events are included for signed-in members.',
    request: { query: EventQuery },
    responses: { 200: { content: { 'application/json': { schema: EventList } }, description: 'One page of occurrences in start order' }, 400: problemSpec('A parameter is invalid') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    if (query.updated_since !== undefined) return c.json(await changedEvents(c.env.DB, query, seesMembersOnly(c.get('actor'))), 200);
    const window = resolveWindow(query.from, query.to, nowInstant());
    const filter = {
      from: formatInstant(window.from),
      to: formatInstant(window.to),
      networks: queryList(query.network),
      types: queryList(query.type),
      municipalities: queryList(query.municipality),
      organisations: queryList(query.organisation),
      match: searchExpression(query.q),
      includeMembersOnly: seesMembersOnly(c.get('actor')),
    };
    const descending = query.order === 'desc';
    const after = query.cursor ? decodeOccurrenceCursor(query.cursor) : null;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = await listOccurrences(c.env.DB, filter, window, { after, limit, descending });
    return c.json({ ...page, from: filter.from, to: filter.to, horizon: formatInstant(Temporal.Instant.fromEpochMilliseconds(indexHorizon(Date.now()))) }, 200);
  },
);

/** One page of events changed since a time, each with its first occurrence: for partners' incremental sync. */
async function changedEvents(db: D1Database, query: EventQuery, includeMembersOnly: boolean) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const found = await listChangedEvents(db, {
    since: changedSince(query.updated_since!),
    after: query.cursor ? decodeChangeCursor(query.cursor) : null,
    limit,
    networks: queryList(query.network),
    types: queryList(query.type),
    municipalities: queryList(query.municipality),
    organisations: queryList(query.organisation),
    includeMembersOnly,
  });
  const page = found.slice(0, limit);
  const items = page.flatMap((event) => {
    const first = eventOccurrences(publicEvent(event), Temporal.Instant.from(event.startsAt), Temporal.Instant.from(event.endsAt).add({ seconds: 1 }))[0];
    return first ? [first] : [];
  });
  const last = page.at(-1);
  return { items, nextCursor: found.length > limit && last ? encodeChangeCursor([last.updatedAt, last.id]) : null, from: null, to: null };
}

/** An event that the request may see: drafts only by their organisers, members-only events by members. */
async function visibleEvent(db: D1Database, id: string, actor: Actor | undefined): Promise<StoredEvent> {
  const event = await findEvent(db, id);
  const hidden = !event || (event.status === 'draft' && !maySeeDraft(actor, event.organisations)) || (event.visibility === 'members' && !seesMembersOnly(actor) && !maySeeDraft(actor, event.organisations));
  if (hidden) throw new NotFoundError('event', id);
  return event;
}

events.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/occurrences',
    summary: "An event's occurrences in a window",
    description: 'For a recurring event: its occurrences, cancelled ones marked and moved ones at their new time; for a single event, the one.',
    security,
    request: { params: z.object({ id: EventId }), query: OccurrenceQuery },
    responses: { 200: { content: { 'application/json': { schema: OccurrenceList } }, description: 'Occurrences in start order' }, 404: problemSpec('No such event') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const event = await visibleEvent(c.env.DB, id, c.get('actor'));
    const window = resolveWindow(query.from, query.to, nowInstant());
    const items = eventOccurrences(publicEvent(event), window.from, window.to)
      .slice(0, query.limit ?? 100)
      .map((o) => o.occurrence);
    return c.json({ items, from: formatInstant(window.from), to: formatInstant(window.to) }, 200);
  },
);

events.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'One event',
    description: 'Drafts are visible only to their organisers; members-only events to signed-in members.',
    security,
    request: { params: z.object({ id: EventId }) },
    responses: { 200: eventResponse('The event'), 304: { description: 'Not modified since the ETag in If-None-Match' }, 404: problemSpec('No such event') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const event = await visibleEvent(c.env.DB, id, c.get('actor'));
    c.header('ETag', quoteEtag(event.revision));
    // Revalidated on every use (a 304 by the ETag when unchanged), so that the event page shows an edit or a cancel
    // at once, as the list and the feeds do.
    c.header('Cache-Control', event.status === 'draft' || event.visibility === 'members' ? 'private, no-store' : 'public, no-cache');
    if (etagMatches(c.req.header('If-None-Match'), event.revision)) return c.body(null, 304);
    return c.json(publicEvent(event), 200);
  },
);

events.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Create an event',
    description: 'With an `Idempotency-Key` header, a retry of the same request answers with the event the first one made, never a second event.',
    security,
    middleware: [authorise(assertWritesSomething)],
    request: {
      headers: z.object({ 'idempotency-key': z.string().optional().openapi({ description: 'A key of your own for this create (1–200 visible ASCII characters)' }) }),
      body: { content: { 'application/json': { schema: EventInput } }, required: true },
    },
    responses: {
      201: eventResponse('Created'),
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('None of your organisations is among the organisers'),
      422: problemSpec('The event breaks a rule; nothing was written'),
    },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const actor = authorised<Actor>(c);
    const owner = idempotencyOwner(actor);
    const key = idempotencyKey(c.req.header('Idempotency-Key'));
    const requestHash = await sha256Hex(JSON.stringify(input));
    if (key) {
      const replay = await replayedCreate(c.env.DB, owner, key, requestHash);
      if (replay) return createdResponse(c, replay, true);
    }
    const issues = referenceIssues(input, await readKnownReferences(c.env.DB));
    if (issues.length > 0) throw new ValidationError(issues);
    const prepared = prepareEvent(input, input.organisations?.[0] ?? defaultOrganisation(actor), input.status ?? 'draft');
    // Organisations the actor does not write for are invited, not made organisers.
    const plan = planOrganisers(actor, prepared.organisations, null);
    const draft = { ...prepared, organisations: plan.organisers };
    assertMayWriteEvent(actor, draft.organisations);
    const id = newEventId();
    const ctx = { revision: newRevision(), now: new Date().toISOString(), actor: auditActor(actor) };
    try {
      await insertEvent(c.env.DB, id, draft, ctx, key ? { owner, key, requestHash } : undefined, invitationStatements(c.env.DB, id, plan, ctx));
    } catch (error) {
      // A retry that raced this one made the event first: answer with that one.
      const replay = key ? await replayedCreate(c.env.DB, owner, key, requestHash) : null;
      if (!replay) throw error;
      return createdResponse(c, replay, true);
    }
    return createdResponse(c, (await findEvent(c.env.DB, id))!, false);
  },
);

/** The Idempotency-Key header, checked; null when there is none. */
function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'format', message: '`Idempotency-Key` must be 1–200 visible ASCII characters' }], 400);
  }
  return header;
}

/** The event an earlier create with this key made, or null; the same key with another body is refused. */
async function replayedCreate(db: D1Database, owner: string, key: string, requestHash: string): Promise<StoredEvent | null> {
  const earlier = await findIdempotentCreate(db, owner, key);
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'reused', message: '`Idempotency-Key` was used for another request body; use a new key for a new event' }]);
  }
  return findEvent(db, earlier.eventId);
}

function createdResponse(c: Context<AppEnv>, event: StoredEvent, replayed: boolean) {
  c.header('ETag', quoteEtag(event.revision));
  c.header('Location', `/api/events/${event.id}`);
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(publicEvent(event), 201);
}

/**
 * The 412 of an event changed meanwhile, saying when and by whom: a
 * person's name to signed-in people (who may edit the event, as the check
 * before this one made sure), an integration's token name; no person's name
 * to a token.
 */
async function staleEvent(db: D1Database, id: string, actor: Actor): Promise<PreconditionFailedError> {
  const last = await lastChangeOf(db, 'event', id);
  const by = last ? (last.token ?? (actor.person ? last.person : null)) : null;
  return new PreconditionFailedError('event', id, last ? { at: last.at, by } : null);
}

/** Writes an edited event if nobody changed it meanwhile; answers with the new version. `also` joins the write's batch. */
async function saveEdit(
  db: D1Database,
  before: StoredEvent,
  expectedRevision: string,
  draft: EventDraft,
  action: 'update' | 'cancel',
  actor: Actor,
  also: (ctx: { revision: string; now: string; actor: ReturnType<typeof auditActor> }) => D1PreparedStatement[] = () => [],
): Promise<StoredEvent> {
  const ctx = { revision: newRevision(), now: new Date().toISOString(), actor: auditActor(actor) };
  const saved = await updateEvent(db, before, expectedRevision, draft, nextSequence(before, draft), action, ctx, also(ctx));
  if (!saved) throw await staleEvent(db, before.id, actor);
  return (await findEvent(db, before.id))!;
}

/** An event the actor may write; others' drafts are not found, others' published events forbidden. */
async function editableEvent(db: D1Database, id: string, actor: Actor): Promise<StoredEvent> {
  const event = await findEvent(db, id);
  if (!event || (event.status === 'draft' && !maySeeDraft(actor, event.organisations))) throw new NotFoundError('event', id);
  assertMayWriteEvent(actor, event.organisations);
  return event;
}

/** Before the validators: the event of the path, if the actor may write it (see `authorise`). */
const mayEditEvent = authorise(async (actor, c) => ({ actor, before: await editableEvent(c.env.DB, c.req.param('id') ?? '', actor) }));
type Editable = { actor: Actor; before: StoredEvent };

events.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Edit an event',
    description: 'Given fields replace the stored ones; `null` clears an optional field. Requires If-Match with the ETag of the version edited.',
    security,
    middleware: [mayEditEvent],
    request: {
      params: z.object({ id: EventId }),
      headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'ETag of the version edited' }) }),
      body: { content: { 'application/json': { schema: EventPatch } }, required: true },
    },
    responses: { 200: eventResponse('Saved'), ...editProblemSpecs('event', 'None of your organisations organises the event') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { actor, before } = authorised<Editable>(c);
    try {
      assertIfMatch(c.req.header('If-Match'), before.revision, 'event', id);
    } catch (error) {
      throw error instanceof PreconditionFailedError ? await staleEvent(c.env.DB, id, actor) : error;
    }
    const { input, status } = applyPatch(publicEvent(before), patch);
    parseOrThrow(EventInput, input);
    const issues = referenceIssues(input, await readKnownReferences(c.env.DB));
    if (issues.length > 0) throw new ValidationError(issues);
    const prepared = prepareEvent(input, before.organisations[0]!, status, status === 'cancelled' ? before.cancelReason : null);
    // Only an edit that names the organisations changes them, or the invitations.
    const plan = patch.organisations === undefined ? null : planOrganisers(actor, prepared.organisations, { organisers: before.organisations, invited: await invitedOrganisations(c.env.DB, id) });
    const draft = plan ? { ...prepared, organisations: plan.organisers } : prepared;
    // An organiser may not hand an event away from every organisation of theirs.
    assertMayWriteEvent(actor, draft.organisations);
    const saved = await saveEdit(c.env.DB, before, before.revision, draft, 'update', actor, (ctx) => (plan ? invitationStatements(c.env.DB, id, plan, ctx) : []));
    c.header('ETag', quoteEtag(saved.revision));
    return c.json(publicEvent(saved), 200);
  },
);

events.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/cancel',
    summary: 'Cancel an event',
    description: 'The event stays in feeds and lists, marked cancelled. If-Match is optional; a stale one gets 412.',
    security,
    middleware: [mayEditEvent],
    request: {
      params: z.object({ id: EventId }),
      body: { content: { 'application/json': { schema: CancelInput } }, required: false },
    },
    responses: {
      200: eventResponse('Cancelled'),
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('None of your organisations organises the event'),
      404: problemSpec('No such event'),
      409: problemSpec('A draft cannot be cancelled'),
      412: problemSpec('The event was changed meanwhile'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const { actor, before } = authorised<Editable>(c);
    const ifMatch = c.req.header('If-Match');
    if (ifMatch && !etagMatches(ifMatch, before.revision)) throw await staleEvent(c.env.DB, id, actor);
    if (before.status === 'draft') throw new DomainError(409, 'draft', 'a draft is not public and cannot be cancelled');
    const { input } = applyPatch(publicEvent(before), {});
    const draft = prepareEvent(input, before.organisations[0]!, 'cancelled', body.reason?.trim() || before.cancelReason || null);
    const saved = await saveEdit(c.env.DB, before, before.revision, draft, 'cancel', actor);
    c.header('ETag', quoteEtag(saved.revision));
    return c.json(publicEvent(saved), 200);
  },
);

events.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a draft',
    description: 'Only drafts can be deleted: subscribers never saw them. Published events are cancelled instead. If-Match is optional; a stale one gets 412.',
    security,
    middleware: [mayEditEvent],
    request: { params: z.object({ id: EventId }) },
    responses: {
      204: { description: 'Deleted' },
      401: problemSpec('Not signed in, or no valid token'),
      403: problemSpec('None of your organisations organises the event'),
      404: problemSpec('No such event'),
      409: problemSpec('The event is published: cancel it instead'),
      412: problemSpec('The event was changed meanwhile'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { actor, before } = authorised<Editable>(c);
    const ifMatch = c.req.header('If-Match');
    if (ifMatch && !etagMatches(ifMatch, before.revision)) throw new PreconditionFailedError('event', id);
    if (before.status !== 'draft') throw new DomainError(409, 'published', 'a published event stays; cancel it instead, so that subscribers see it cancelled');
    const deleted = await deleteDraft(c.env.DB, before, { revision: before.revision, now: new Date().toISOString(), actor: auditActor(actor) });
    if (!deleted) throw new PreconditionFailedError('event', id);
    return c.body(null, 204);
  },
);

events.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/co-organisers',
    summary: "An event's organisers and the organisations invited to co-organise it",
    description: 'For those who may edit the event. An invited organisation is not shown with the event and has no rights to it until an organiser of it accepts.',
    security,
    middleware: [mayEditEvent],
    request: { params: z.object({ id: EventId }) },
    responses: { 200: { content: { 'application/json': { schema: CoOrganisers } }, description: 'Organisers, the creating one first, and invitations' }, 401: problemSpec('Not signed in'), 403: problemSpec('None of your organisations organises the event'), 404: problemSpec('No such event') },
  }),
  async (c) => {
    const { before } = authorised<Editable>(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ organisations: before.organisations, invited: await invitedOrganisations(c.env.DB, before.id) }, 200);
  },
);

/** Before anything else: the actor may answer for the organisation of the path (its organiser, or an administrator). */
const answersForOrganisation = authorise((actor, c) => {
  const organisation = c.req.param('organisation') ?? '';
  if (!mayWriteEvent(actor, [organisation])) throw new ForbiddenError(`only an organiser of '${organisation}' may answer its invitations`);
  return actor;
});

for (const answer of ['accept', 'decline'] as const) {
  events.openapi(
    createRoute({
      method: 'post',
      path: `/{id}/co-organisers/{organisation}/${answer}`,
      summary: answer === 'accept' ? 'Accept an invitation to co-organise an event' : 'Decline an invitation to co-organise an event',
      description:
        answer === 'accept'
          ? 'The organisation becomes a co-organiser: it is shown with the event and its organisers may edit it. It cannot remove the organisation that created the event.'
          : 'The invitation is gone; the event is as it was.',
      security,
      middleware: [answersForOrganisation],
      request: { params: z.object({ id: EventId, organisation: Slug.openapi({ param: { name: 'organisation', in: 'path' } }) }) },
      responses: {
        ...(answer === 'accept' ? { 200: eventResponse('Accepted: the event with its organisers') } : { 204: { description: 'Declined' } }),
        401: problemSpec('Not signed in'),
        403: problemSpec('You are not an organiser of that organisation'),
        404: problemSpec('No such invitation'),
        412: problemSpec('The event was changed meanwhile; try again'),
      },
    }),
    async (c) => {
      const { id, organisation } = c.req.valid('param');
      const actor = authorised<Actor>(c);
      const event = await findEvent(c.env.DB, id);
      if (!event || !(await invitedOrganisations(c.env.DB, id)).includes(organisation)) throw new NotFoundError('invitation', `${id}/${organisation}`);
      const done = await answerInvitation(c.env.DB, { eventId: id, organisation, expectedRevision: event.revision, organisersBefore: event.organisations }, answer, {
        revision: newRevision(),
        now: new Date().toISOString(),
        actor: auditActor(actor),
      });
      if (!done) throw new PreconditionFailedError('event', id);
      if (answer === 'decline') return c.body(null, 204);
      const saved = (await findEvent(c.env.DB, id))!;
      c.header('ETag', quoteEtag(saved.revision));
      return c.json(publicEvent(saved), 200);
    },
  );
}
