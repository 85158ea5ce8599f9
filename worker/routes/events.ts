/** /api/events: list, read, create, edit, cancel. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type StoredEvent, withoutRevision as publicEvent } from '../db/events';
import { type Actor, assertWritesSomething, mayWriteEvent } from '../domain/access';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { sha256Hex } from '../domain/tokens';
import type { AppEnv } from '../env';
import { authorise, authorised } from '../middleware/auth';
import { editProblemSpecs, etagMatches, preconditionOf, problemSpec, quoteEtag, validationHook, writeSecurity } from '../middleware/http';
import { parseOrThrow } from '../domain/validation';
import {
  answerCoOrganiserInvitation,
  cancelEvent,
  coOrganisersOf,
  createEvent,
  deleteDraftEvent,
  editEvent,
  editableEvent,
  listEvents,
  occurrencesOfEvent,
  visibleEvent,
} from '../services/events';
import { EventInput } from '../domain/event-input';
import { CancelInput, CoOrganisers, Event, EventBriefList, EventId, EventList, EventPatch, EventQuery, OccurrenceList, OccurrenceQuery } from '../shared/events';
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
    description:
      'Cancelled events and occurrences are included and marked `cancelled`; drafts never are. Members-only events are included for signed-in members. With `fields=brief`, each occurrence carries only its event\'s id, status, title, type, allDay and timeZone (EventBriefList): a month grid\'s 500 occurrences without every description.',
    request: { query: EventQuery },
    responses: {
      200: { content: { 'application/json': { schema: z.union([EventList, EventBriefList]) } }, description: 'One page of occurrences in start order: an EventList, or with `fields=brief` an EventBriefList' },
      400: problemSpec('A parameter is invalid'),
    },
  }),
  async (c) => c.json(await listEvents(c.env.DB, c.req.valid('query'), c.get('actor')), 200),
);

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
    return c.json(await occurrencesOfEvent(c.env.DB, c.req.valid('param').id, c.get('actor'), c.req.valid('query')), 200);
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
    const key = idempotencyKey(c.req.header('Idempotency-Key'));
    const idempotency = key ? { key, requestHash: await sha256Hex(JSON.stringify(input)) } : null;
    const { event, replayed } = await createEvent(c.env.DB, authorised<Actor>(c), input, idempotency);
    return createdResponse(c, event, replayed);
  },
);

/** The Idempotency-Key header, checked; null when there is none. */
function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'format', message: '`Idempotency-Key` must be 1–200 visible ASCII characters' }], 'request');
  }
  return header;
}

function createdResponse(c: Context<AppEnv>, event: StoredEvent, replayed: boolean) {
  c.header('ETag', quoteEtag(event.revision));
  c.header('Location', `/api/events/${event.id}`);
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(publicEvent(event), 201);
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
    const { actor, before } = authorised<Editable>(c);
    const precondition = preconditionOf(c.req.header('If-Match'), before.revision);
    const saved = await editEvent(c.env.DB, actor, before, c.req.valid('json'), precondition, (input) => parseOrThrow(EventInput, input));
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
    const { actor, before } = authorised<Editable>(c);
    const saved = await cancelEvent(c.env.DB, actor, before, preconditionOf(c.req.header('If-Match'), before.revision), c.req.valid('json')?.reason);
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
    const { actor, before } = authorised<Editable>(c);
    await deleteDraftEvent(c.env.DB, actor, before, preconditionOf(c.req.header('If-Match'), before.revision));
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
    return c.json(await coOrganisersOf(c.env.DB, before), 200);
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
      const saved = await answerCoOrganiserInvitation(c.env.DB, authorised<Actor>(c), id, organisation, answer);
      if (!saved) return c.body(null, 204);
      c.header('ETag', quoteEtag(saved.revision));
      return c.json(publicEvent(saved), 200);
    },
  );
}
