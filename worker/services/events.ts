/**
 * Events as the API offers them: lists, reading, creating, editing,
 * cancelling, deleting drafts and answering co-organiser invitations.
 * No HTTP here: routes read the request, call these, and write the answer.
 */
import { lastChangeOf } from '../db/audit';
import { answerInvitation, invitationStatements, invitedOrganisations } from '../db/co-organisers';
import { countEventsOf } from '../db/event-counts';
import { deleteDraft, findEvent, findIdempotentCreate, insertEvent, listChangedEvents, listEventsOf, searchExpression, type StoredEvent, updateEvent, withoutRevision } from '../db/events';
import { readKnownReferences } from '../db/taxonomy';
import { type Actor, assertMayWriteEvent, auditActor, defaultOrganisation, idempotencyOwner, isAdministrator, maySeeDraft, seesMembersOnly, writableOrganisations } from '../domain/access';
import { planOrganisers } from '../domain/co-organisers';
import { ConflictError, NotFoundError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from '../domain/errors';
import { type EventDraft, applyPatch, cancelReasonsOf, eventOccurrences, nextSequence, prepareEvent, referenceIssues } from '../domain/events';
import { newEventId, newRevision } from '../domain/ids';
import { DEFAULT_PAGE_SIZE, briefOf, changedSince, decodeChangeCursor, decodeOccurrenceCursor, decodeOwnEventCursor, encodeChangeCursor, encodeOwnEventCursor, queryList, resolveWindow } from '../domain/listing';
import { indexHorizon } from '../domain/occurrence-index';
import type { Precondition } from '../domain/patch';
import { Temporal, formatInstant, nowInstant } from '../domain/time';
import { MY_EVENTS_MAX_PAGE, type MyEventList, type MyEventsQuery } from '../shared/accounts';
import type { CancelInput, EventBriefList, EventInput, EventList, EventPatch, EventQuery, OccurrenceList, OccurrenceQuery } from '../shared/events';
import { listOccurrenceBriefs, listOccurrences } from './occurrence-index';

type WriteContext = { revision: string; now: string; actor: ReturnType<typeof auditActor> };
const writeContext = (actor: Actor): WriteContext => ({ revision: newRevision(), now: new Date().toISOString(), actor: auditActor(actor) });

/**
 * A list of the API: a page of occurrences in a window, or with
 * `updated_since` a page of changed events; with `fields: 'brief'` each
 * item holds only its event's EventBrief fields, the same items in the same pages.
 */
export async function listEvents(db: D1Database, query: EventQuery, actor: Actor | undefined): Promise<EventList | EventBriefList> {
  const includeMembersOnly = seesMembersOnly(actor);
  const brief = query.fields === 'brief';
  const selection = { networks: query.network, types: query.type, municipalities: query.municipality, organisations: query.organisation };
  if (query.updated_since !== undefined) {
    const changed = await changedEvents(db, query, { ...listsOf(selection), includeMembersOnly });
    return brief ? { ...changed, items: changed.items.map(briefOf) } : changed;
  }
  const window = resolveWindow(query.from, query.to, nowInstant());
  const filter = { from: formatInstant(window.from), to: formatInstant(window.to), ...listsOf(selection), match: searchExpression(query.q), includeMembersOnly };
  const page = {
    after: query.cursor ? decodeOccurrenceCursor(query.cursor) : null,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    descending: query.order === 'desc',
  };
  const listed = brief ? await listOccurrenceBriefs(db, filter, window, page) : await listOccurrences(db, filter, window, page);
  return { ...listed, from: filter.from, to: filter.to, horizon: formatInstant(Temporal.Instant.fromEpochMilliseconds(indexHorizon(Date.now()))) };
}

type Selection = { networks: string[]; types: string[]; municipalities: string[]; organisations: string[] };

const listsOf = (selection: Record<keyof Selection, string | string[] | undefined>): Selection => ({
  networks: queryList(selection.networks),
  types: queryList(selection.types),
  municipalities: queryList(selection.municipalities),
  organisations: queryList(selection.organisations),
});

/** One page of events changed since a time, each with its first occurrence: for partners' incremental sync. */
async function changedEvents(db: D1Database, query: EventQuery, filter: Selection & { includeMembersOnly: boolean }): Promise<EventList> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const found = await listChangedEvents(db, { since: changedSince(query.updated_since!), after: query.cursor ? decodeChangeCursor(query.cursor) : null, limit, ...filter });
  const page = found.slice(0, limit);
  const items = page.flatMap((event) => {
    const first = eventOccurrences(withoutRevision(event), Temporal.Instant.from(event.startsAt), Temporal.Instant.from(event.endsAt).add({ seconds: 1 }))[0];
    return first ? [first] : [];
  });
  const last = page.at(-1);
  return { items, nextCursor: found.length > limit && last ? encodeChangeCursor([last.updatedAt, last.id]) : null, from: null, to: null };
}

/**
 * One page of the events of the actor's organisations (every event for an
 * administrator), drafts included, latest start first, with how many
 * there are in each status.
 */
export async function listOwnEvents(db: D1Database, actor: Actor, query: MyEventsQuery): Promise<MyEventList> {
  const organisations = isAdministrator(actor) ? null : writableOrganisations(actor);
  const limit = query.limit ?? MY_EVENTS_MAX_PAGE;
  const after = query.cursor ? decodeOwnEventCursor(query.cursor) : null;
  const [found, counts] = await Promise.all([listEventsOf(db, { organisations, status: query.status ?? null, after, limit }), countEventsOf(db, organisations)]);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(withoutRevision), counts, nextCursor: found.length > limit && last ? encodeOwnEventCursor([last.startsAt, last.id]) : null };
}

/** An event that the caller may see: drafts only by their organisers, members-only events by members. */
export async function visibleEvent(db: D1Database, id: string, actor: Actor | undefined): Promise<StoredEvent> {
  const event = await findEvent(db, id);
  const hidden = !event || (event.status === 'draft' && !maySeeDraft(actor, event.organisations)) || (event.visibility === 'members' && !seesMembersOnly(actor) && !maySeeDraft(actor, event.organisations));
  if (hidden) throw new NotFoundError('event', id);
  return event;
}

/** A visible event's occurrences in a window. */
export async function occurrencesOfEvent(db: D1Database, id: string, actor: Actor | undefined, query: OccurrenceQuery): Promise<OccurrenceList> {
  const event = await visibleEvent(db, id, actor);
  const window = resolveWindow(query.from, query.to, nowInstant());
  const items = eventOccurrences(withoutRevision(event), window.from, window.to)
    .slice(0, query.limit ?? 100)
    .map((o) => o.occurrence);
  return { items, from: formatInstant(window.from), to: formatInstant(window.to) };
}

/** A create's Idempotency-Key and the hash of its body, when the client sent a key. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

/** Creates an event, or with a key used before for the same body, answers with the event made then (`replayed`). */
export async function createEvent(db: D1Database, actor: Actor, input: EventInput, idempotency: Idempotency | null): Promise<{ event: StoredEvent; replayed: boolean }> {
  const owner = idempotencyOwner(actor);
  const replay = idempotency ? await replayedCreate(db, owner, idempotency) : null;
  if (replay) return { event: replay, replayed: true };
  const issues = referenceIssues(input, await readKnownReferences(db));
  if (issues.length > 0) throw new ValidationError(issues);
  const prepared = prepareEvent(input, input.organisations?.[0] ?? defaultOrganisation(actor), input.status ?? 'draft');
  // Organisations the actor does not write for are invited, not made organisers.
  const plan = planOrganisers(actor, prepared.organisations, null);
  const draft = { ...prepared, organisations: plan.organisers };
  assertMayWriteEvent(actor, draft.organisations);
  const id = newEventId();
  const ctx = writeContext(actor);
  try {
    await insertEvent(db, id, draft, ctx, idempotency ? { owner, ...idempotency } : undefined, invitationStatements(db, id, plan, ctx));
  } catch (error) {
    // A retry that raced this one made the event first: answer with that one.
    const raced = idempotency ? await replayedCreate(db, owner, idempotency) : null;
    if (!raced) throw error;
    return { event: raced, replayed: true };
  }
  return { event: (await findEvent(db, id))!, replayed: false };
}

/** The event an earlier create with this key made, or null; the same key with another body is refused. */
async function replayedCreate(db: D1Database, owner: string, { key, requestHash }: Idempotency): Promise<StoredEvent | null> {
  const earlier = await findIdempotentCreate(db, owner, key);
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'reused', message: '`Idempotency-Key` was used for another request body; use a new key for a new event' }]);
  }
  return findEvent(db, earlier.eventId);
}

/** An event the actor may write; others' drafts are not found, others' published events forbidden. */
export async function editableEvent(db: D1Database, id: string, actor: Actor): Promise<StoredEvent> {
  const event = await findEvent(db, id);
  if (!event || (event.status === 'draft' && !maySeeDraft(actor, event.organisations))) throw new NotFoundError('event', id);
  assertMayWriteEvent(actor, event.organisations);
  return event;
}

/** Edits an event (given fields replace stored ones); the edit must name the stored version. */
export async function editEvent(db: D1Database, actor: Actor, before: StoredEvent, patch: EventPatch, precondition: Precondition, check: (input: EventInput) => void): Promise<StoredEvent> {
  if (precondition === 'missing') throw new PreconditionRequiredError();
  if (precondition === 'stale') throw await staleEvent(db, before.id, actor);
  const { input, status } = applyPatch(withoutRevision(before), patch);
  check(input);
  const issues = referenceIssues(input, await readKnownReferences(db));
  if (issues.length > 0) throw new ValidationError(issues);
  const prepared = prepareEvent(input, before.organisations[0]!, status, status === 'cancelled' ? before.cancelReasons : null);
  // Only an edit that names the organisations changes them, or the invitations.
  const plan = patch.organisations === undefined ? null : planOrganisers(actor, prepared.organisations, { organisers: before.organisations, invited: await invitedOrganisations(db, before.id) });
  const draft = plan ? { ...prepared, organisations: plan.organisers } : prepared;
  // An organiser may not hand an event away from every organisation of theirs.
  assertMayWriteEvent(actor, draft.organisations);
  return saveEdit(db, before, draft, 'update', actor, (ctx) => (plan ? invitationStatements(db, before.id, plan, ctx) : []));
}

/** Cancels a published event, which stays in feeds and lists marked cancelled; an If-Match is optional. */
export async function cancelEvent(db: D1Database, actor: Actor, before: StoredEvent, precondition: Precondition, reason: CancelInput['reason']): Promise<StoredEvent> {
  if (precondition === 'stale') throw await staleEvent(db, before.id, actor);
  if (before.status === 'draft') throw new ConflictError('draft', 'a draft is not public and cannot be cancelled');
  const { input } = applyPatch(withoutRevision(before), {});
  const draft = prepareEvent(input, before.organisations[0]!, 'cancelled', cancelReasonsOf(reason, before.cancelReasons));
  return saveEdit(db, before, draft, 'cancel', actor);
}

/** Deletes a draft; a published event stays (subscribers saw it) and is cancelled instead. */
export async function deleteDraftEvent(db: D1Database, actor: Actor, before: StoredEvent, precondition: Precondition): Promise<void> {
  if (precondition === 'stale') throw new PreconditionFailedError('event', before.id);
  if (before.status !== 'draft') throw new ConflictError('published', 'a published event stays; cancel it instead, so that subscribers see it cancelled');
  const deleted = await deleteDraft(db, before, { revision: before.revision, now: new Date().toISOString(), actor: auditActor(actor) });
  if (!deleted) throw new PreconditionFailedError('event', before.id);
}

/** An event's organisers and the organisations invited to join them. */
export async function coOrganisersOf(db: D1Database, event: StoredEvent): Promise<{ organisations: string[]; invited: string[] }> {
  return { organisations: event.organisations, invited: await invitedOrganisations(db, event.id) };
}

/** An organisation's answer to an invitation: accepted, the event with its new organisers; declined, null. */
export async function answerCoOrganiserInvitation(db: D1Database, actor: Actor, id: string, organisation: string, answer: 'accept' | 'decline'): Promise<StoredEvent | null> {
  const event = await findEvent(db, id);
  if (!event || !(await invitedOrganisations(db, id)).includes(organisation)) throw new NotFoundError('invitation', `${id}/${organisation}`);
  const done = await answerInvitation(db, { eventId: id, organisation, expectedRevision: event.revision, organisersBefore: event.organisations }, answer, writeContext(actor));
  if (!done) throw new PreconditionFailedError('event', id);
  return answer === 'accept' ? (await findEvent(db, id))! : null;
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
async function saveEdit(db: D1Database, before: StoredEvent, draft: EventDraft, action: 'update' | 'cancel', actor: Actor, also: (ctx: WriteContext) => D1PreparedStatement[] = () => []): Promise<StoredEvent> {
  const ctx = writeContext(actor);
  const saved = await updateEvent(db, before, before.revision, draft, nextSequence(before, draft), action, ctx, also(ctx));
  if (!saved) throw await staleEvent(db, before.id, actor);
  return (await findEvent(db, before.id))!;
}
