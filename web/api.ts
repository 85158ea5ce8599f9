/** The only place that knows the API's URLs; typed from the worker's schemas. */
import type { Administrators, ApiToken, AuditPage, CreatedApiToken, CreatedInvitation, FeedKey, InvitationInfo, Me, Membership, MyEventList, NetworkInput, OrganisationInput, Person, PersonInput, PersonPatch } from '../worker/shared/accounts';
import type { ImportJob, ImportPreview, ImportRequest, ImportResult, ImportSourceView, ImportSyncResult } from '../worker/shared/imports';
import type { AnnualClock, ClockComparison, ClockItemInput, ClockItemPatch, CouncilTermClock, PublishDraftsResult, RollOverInput, RollOverResult, StoredClockItem } from '../worker/shared/clock';
import type { CoOrganiserInvitation, CoOrganisers, Event, EventBriefList, EventInput, EventList, EventPatch, EventStatus, OccurrenceList } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import type { Taxonomy } from '../worker/shared/taxonomy';

export type { AnnualClock, ClockComparison, CouncilTermClock } from '../worker/shared/clock';
export type { Event, EventBrief, EventBriefList, EventList, EventOccurrence, EventStatus, OccurrenceInfo, OccurrenceList } from '../worker/shared/events';
export { clockSlugOf } from '../worker/shared/clock-slug';
export type { Taxonomy } from '../worker/shared/taxonomy';
export { REMINDERS, feedLinks, type FeedFilters, type FeedLinks } from '../worker/shared/feed-links';

/** Public reference data and events, which the browser may cache; `fresh`: past that cache (after a write of one's own, which the cached copy would not show). */
function getPublic<T>(path: string, signal?: AbortSignal, fresh = false): Promise<T> {
  return json<T>('GET', path, { signal, cache: fresh ? 'no-cache' : 'default' });
}

export interface EventFilters {
  network: string[];
  type: string[];
  municipality: string[];
  organisation: string[];
  q: string;
}

type ListOptions = { cursor?: string | null; limit?: number; order?: 'asc' | 'desc'; signal?: AbortSignal };

function listQuery(filters: EventFilters, window: { from: string; to: string }, options: ListOptions): URLSearchParams {
  const query = new URLSearchParams({ from: window.from, to: window.to, limit: String(options.limit ?? 50) });
  if (options.order === 'desc') query.set('order', 'desc');
  for (const key of ['network', 'type', 'municipality', 'organisation'] as const) for (const value of filters[key]) query.append(key, value);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (options.cursor) query.set('cursor', options.cursor);
  return query;
}

/** Occurrences in [from, to) matching the filters, earliest first (or latest, `order: 'desc'`); pass `cursor` for the next page. */
export function listEvents(filters: EventFilters, window: { from: string; to: string }, options: ListOptions = {}): Promise<EventList> {
  return getPublic<EventList>(`/api/events?${listQuery(filters, window, options)}`, options.signal);
}

/** The same occurrences as listEvents, each with only its event's id, status, title, type, allDay and timeZone: for the month grid. */
export function listEventBriefs(filters: EventFilters, window: { from: string; to: string }, options: ListOptions = {}): Promise<EventBriefList> {
  const query = listQuery(filters, window, options);
  query.set('fields', 'brief');
  return getPublic<EventBriefList>(`/api/events?${query}`, options.signal);
}

/**
 * Brief occurrences a page: a page of 200 costs the worker about half the CPU of one of 500 (measured at
 * 50,000 events, BENCHMARKS.md), within a Worker's 10 ms; a month or a year is read as several.
 */
export const BRIEF_PAGE_SIZE = 200;

/** Every brief occurrence in [from, to) matching the filters, all pages of them: for the month grid and the annual clock's wheel. */
export async function listAllEventBriefs(filters: EventFilters, window: { from: string; to: string }, signal?: AbortSignal): Promise<EventBriefList> {
  const items: EventBriefList['items'] = [];
  let cursor: string | null = null;
  let page: EventBriefList;
  do {
    page = await listEventBriefs(filters, window, { limit: BRIEF_PAGE_SIZE, cursor, signal });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { ...page, items };
}

export function getEvent(id: string, signal?: AbortSignal): Promise<Event> {
  return getPublic<Event>(`/api/events/${encodeURIComponent(id)}`, signal);
}

/** The occurrences of one event in [from, to). */
export function getOccurrences(id: string, window: { from: string; to: string }, limit: number, signal?: AbortSignal): Promise<OccurrenceList> {
  const query = new URLSearchParams({ from: window.from, to: window.to, limit: String(limit) });
  return getPublic<OccurrenceList>(`/api/events/${encodeURIComponent(id)}/occurrences?${query}`, signal);
}

/** The annual clock's items that touch `year`. */
export function getClock(year: number, clock: string | null, signal?: AbortSignal, fresh = false): Promise<AnnualClock> {
  const query = new URLSearchParams({ year: String(year) });
  if (clock) query.set('clock', clock);
  return getPublic<AnnualClock>(`/api/clock?${query}`, signal, fresh);
}

/** The council term that contains today, and its items. */
export function getCouncilTerm(clock: string | null, signal?: AbortSignal, fresh = false): Promise<CouncilTermClock> {
  return getPublic<CouncilTermClock>(`/api/council-term${clock ? `?clock=${encodeURIComponent(clock)}` : ''}`, signal, fresh);
}

/** What changed between two years (kind 'annual') or council terms ('term', by their first years); drafts only for the clock's editors. */
export function getComparison(query: { clock: string | null; kind: 'annual' | 'term'; from: number; to: number; drafts: boolean }, signal?: AbortSignal): Promise<ClockComparison> {
  const params = new URLSearchParams({ from: String(query.from), to: String(query.to) });
  if (query.clock) params.set('clock', query.clock);
  if (query.kind === 'term') params.set('kind', 'term');
  if (query.drafts) params.set('drafts', 'include');
  return json<ClockComparison>('GET', `/api/clock/compare?${params}`, { signal, cache: 'no-cache' });
}

/** The annual clock as a feed to subscribe to. */
export function clockFeedUrl(clock: string | null, language: string): string {
  const query = new URLSearchParams();
  if (clock) query.set('clock', clock);
  if (language !== 'fi') query.set('lang', language);
  return `/clock.ics${query.size ? `?${query}` : ''}`;
}

let taxonomyRequest: Promise<Taxonomy> | null = null;

/** Reference data, fetched once per page load. */
export function getTaxonomy(fresh = false): Promise<Taxonomy> {
  taxonomyRequest ??= getPublic<Taxonomy>('/api/taxonomy', undefined, fresh).catch((error) => {
    taxonomyRequest = null;
    throw error;
  });
  return taxonomyRequest;
}

/** "Add to my calendar" download of one event. */
export function eventIcsUrl(id: string, language: string): string {
  return `/events/${encodeURIComponent(id)}.ics${language === 'fi' ? '' : `?lang=${language}`}`;
}

// ——— Signed-in use: sign-in, the organiser's events, clock items, tokens, calendar imports, administration ———


export type { ApiToken, AuditEntry, AuditPage, CreatedApiToken, CreatedInvitation, FeedKey, InvitationInfo, Me, Membership, NetworkInput, OrganisationInput, Person, PersonInput, PersonPatch } from '../worker/shared/accounts';
export type { ClockItemInput, ClockItemPatch, StoredClockItem } from '../worker/shared/clock';
export type { EventInput, EventPatch } from '../worker/shared/events';
export type { Problem } from '../worker/shared/problems';
export type { ImportJob, ImportPreview, ImportRequest, ImportResult, ImportSourceView, ImportSyncResult } from '../worker/shared/imports';

/**
 * Every failed request, one way: the answer in application/problem+json
 * (`status`, `code`, `detail`, `problem.errors` per field with their
 * `values`), one made like it when the answer was not (a proxy's page),
 * or status 0 when there was no answer at all (the network failed).
 */
export class ApiProblem extends Error {
  /** The last part of the problem's type (`validation`, `conflict`, …); `network` when nothing answered. */
  readonly code: string;
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail || problem.title);
    this.code = status === 0 ? 'network' : (problem.type.split('/').pop() ?? '');
  }
}

/** Whether `error` is an ApiProblem of one of these statuses: `isProblem(error, 404)`. */
export function isProblem(error: unknown, ...statuses: number[]): error is ApiProblem {
  return error instanceof ApiProblem && statuses.includes(error.status);
}

/** Any failure as an ApiProblem: a problem as it is; anything else as a request that got no answer (status 0). */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiProblem(0, { type: 'about:blank', title: 'No answer', status: 0, detail });
}

/** A resource with the ETag to send back as If-Match when editing it. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let problem: Problem = { type: 'about:blank', title: response.statusText, status: response.status, detail: '' };
  try {
    problem = { ...problem, ...((await response.json()) as Partial<Problem>), status: response.status };
  } catch {
    // Not JSON (a proxy's page, say): the status says enough.
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status === 401) signedInHint(false);
  return new ApiProblem(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Personal and administrative answers are never taken from the browser's cache (a stale ETag would only earn a 412); public ones may be. */
  cache?: RequestCache;
}

/**
 * The one way a request is made: an answer that is not 2xx, no answer, or
 * an answer that cannot be read is thrown as an ApiProblem. A request the
 * caller aborted is thrown as the abort it is, not as a failure.
 */
async function send<T>(method: string, path: string, { body, headers = {}, signal, cache = 'no-store' }: RequestOptions, read: (response: Response) => Promise<T>): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin', cache, signal };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  try {
    const response = await fetch(path, init);
    if (!response.ok) throw await problemOf(response);
    return await read(response);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw asProblem(error);
  }
}

function json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return send(method, path, options, async (response) => (response.status === 204 ? (undefined as T) : ((await response.json()) as T)));
}

function versioned<T>(method: string, path: string, options: RequestOptions = {}): Promise<Versioned<T>> {
  return send(method, path, options, async (response) => ({ value: (await response.json()) as T, etag: response.headers.get('ETag') ?? '' }));
}

// The session cookie is HttpOnly; this flag only spares anonymous visitors a
// request to /api/auth/me on every page. The server decides who is signed in.
const SIGNED_IN_KEY = 'hytekello-signed-in';

/** Whether this browser may have a session (set on sign-in, cleared on sign-out or a 401). */
export function signedInHint(value?: boolean): boolean {
  try {
    if (value === true) localStorage.setItem(SIGNED_IN_KEY, '1');
    if (value === false) localStorage.removeItem(SIGNED_IN_KEY);
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return value ?? false;
  }
}

/** Who is signed in; null when nobody is. */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await json<Me>('GET', '/api/auth/me', { signal });
    signedInHint(true);
    return me;
  } catch (error) {
    if (isProblem(error, 401)) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Me> {
  const me = await json<Me>('POST', '/api/auth/login', { body: { email, password } });
  signedInHint(true);
  return me;
}

export async function signOut(): Promise<void> {
  await json<void>('POST', '/api/auth/logout');
  signedInHint(false);
}

/** Whether this server offers the development sign-in: an empty request is refused as invalid (422) only there. */
export async function devSignInAvailable(): Promise<boolean> {
  try {
    await json<unknown>('POST', '/api/auth/dev-sign-in', { body: {} });
    return true;
  } catch (error) {
    return isProblem(error, 422);
  }
}

export async function devSignIn(email: string): Promise<Me> {
  const me = await json<Me>('POST', '/api/auth/dev-sign-in', { body: { email } });
  signedInHint(true);
  return me;
}

export function getInvitation(token: string, signal?: AbortSignal): Promise<InvitationInfo> {
  return json<InvitationInfo>('GET', `/api/auth/invitations/${encodeURIComponent(token)}`, { signal });
}

export async function acceptInvitation(token: string, password: string): Promise<Me> {
  const me = await json<Me>('POST', `/api/auth/invitations/${encodeURIComponent(token)}`, { body: { password } });
  signedInHint(true);
  return me;
}

/**
 * My organisations' events of one status (every event for an administrator),
 * latest start first, and how many there are in each status. Every page is
 * read: the page searches and sorts the whole list itself.
 */
export async function listMyEvents(status: EventStatus, signal?: AbortSignal): Promise<{ items: Event[]; counts: MyEventList['counts'] }> {
  const items: Event[] = [];
  for (let cursor: string | null = null; ; ) {
    const query = new URLSearchParams({ status });
    if (cursor) query.set('cursor', cursor);
    const page: MyEventList = await json<MyEventList>('GET', `/api/me/events?${query}`, { signal });
    items.push(...page.items);
    if (page.nextCursor === null) return { items, counts: page.counts };
    cursor = page.nextCursor;
  }
}

/** One event, fresh from the server (never a cached copy), with its ETag. */
export function getEventVersion(id: string, signal?: AbortSignal): Promise<Versioned<Event>> {
  return versioned<Event>('GET', `/api/events/${encodeURIComponent(id)}`, { signal });
}

export function createEvent(input: EventInput): Promise<Versioned<Event>> {
  return versioned<Event>('POST', '/api/events', { body: input, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

/** Saves an edit of the version `etag`; a 412 ApiProblem when somebody changed it meanwhile. */
export function updateEvent(id: string, patch: EventPatch, etag: string): Promise<Versioned<Event>> {
  return versioned<Event>('PATCH', `/api/events/${encodeURIComponent(id)}`, { body: patch, headers: { 'If-Match': etag } });
}

/** Cancels an event; the reason in Finnish, and in Swedish and English where given. */
export function cancelEvent(id: string, reason: { fi: string; sv: string; en: string }): Promise<Event> {
  const given = (text: string) => text.trim() || null;
  return json<Event>('POST', `/api/events/${encodeURIComponent(id)}/cancel`, { body: { reason: { fi: given(reason.fi), sv: given(reason.sv), en: given(reason.en) } } });
}

/** An event's organisers and the organisations invited to co-organise it (for those who may edit it). */
export function getCoOrganisers(id: string, signal?: AbortSignal): Promise<CoOrganisers> {
  return json<CoOrganisers>('GET', `/api/events/${encodeURIComponent(id)}/co-organisers`, { signal });
}

/** Invitations for my organisations to co-organise others' events. */
export async function listCoOrganiserInvitations(signal?: AbortSignal): Promise<CoOrganiserInvitation[]> {
  return (await json<{ items: CoOrganiserInvitation[] }>('GET', '/api/me/co-organiser-invitations', { signal })).items;
}

export function answerCoOrganiserInvitation(id: string, organisation: string, answer: 'accept' | 'decline'): Promise<unknown> {
  return json<unknown>('POST', `/api/events/${encodeURIComponent(id)}/co-organisers/${encodeURIComponent(organisation)}/${answer}`);
}

export function deleteDraft(id: string): Promise<void> {
  return json<void>('DELETE', `/api/events/${encodeURIComponent(id)}`);
}

/** Published occurrences in [from, to) of any of these networks, or of any of these municipalities. */
export async function overlapping(window: { from: string; to: string }, filter: { network?: string[]; municipality?: string[] }, signal?: AbortSignal): Promise<EventList['items']> {
  const query = new URLSearchParams({ from: window.from, to: window.to, limit: '50' });
  for (const value of filter.network ?? []) query.append('network', value);
  for (const value of filter.municipality ?? []) query.append('municipality', value);
  return (await getPublic<EventList>(`/api/events?${query}`, signal)).items;
}

export const getFeed = (signal?: AbortSignal) => json<FeedKey>('GET', '/api/me/feed', { signal });
export const makeFeed = () => json<FeedKey>('POST', '/api/me/feed');
export const revokeFeed = () => json<FeedKey>('DELETE', '/api/me/feed');

/** The service's administrators, whom a person without rights to publish asks. */
export async function listAdministrators(signal?: AbortSignal): Promise<Administrators['items']> {
  return (await json<Administrators>('GET', '/api/me/administrators', { signal })).items;
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await json<{ items: ApiToken[] }>('GET', '/api/tokens', { signal })).items;
}
export const createToken = (name: string, organisation: string) => json<CreatedApiToken>('POST', '/api/tokens', { body: { name, organisation } });
export const revokeToken = (id: number) => json<ApiToken>('DELETE', `/api/tokens/${id}`);

export function getClockItem(id: number, signal?: AbortSignal): Promise<Versioned<StoredClockItem>> {
  return versioned<StoredClockItem>('GET', `/api/clock/items/${id}`, { signal });
}
export function createClockItem(clock: string | null, input: ClockItemInput): Promise<Versioned<StoredClockItem>> {
  return versioned<StoredClockItem>('POST', `/api/clock/items${clock ? `?clock=${encodeURIComponent(clock)}` : ''}`, { body: input });
}
export function updateClockItem(id: number, patch: ClockItemPatch, etag: string): Promise<Versioned<StoredClockItem>> {
  return versioned<StoredClockItem>('PATCH', `/api/clock/items/${id}`, { body: patch, headers: { 'If-Match': etag } });
}
/** A year or a council term of a clock, its drafts too (for the clock's editors). */
export function getClockWithDrafts(year: number, clock: string, signal?: AbortSignal): Promise<AnnualClock> {
  return json<AnnualClock>('GET', `/api/clock?${new URLSearchParams({ year: String(year), clock, drafts: 'include' })}`, { signal, cache: 'no-cache' });
}
export function getCouncilTermWithDrafts(date: string, clock: string, signal?: AbortSignal): Promise<CouncilTermClock> {
  return json<CouncilTermClock>('GET', `/api/council-term?${new URLSearchParams({ date, clock, drafts: 'include' })}`, { signal, cache: 'no-cache' });
}
/** Drafts for the next year or council term of a clock. */
export const rollOverClock = (clock: string, input: RollOverInput) => json<RollOverResult>('POST', `/api/clocks/${encodeURIComponent(clock)}/roll-over`, { body: input });
export const publishClockItem = (id: number) => versioned<StoredClockItem>('POST', `/api/clock/items/${id}/publish`);
export const deleteClockItem = (id: number) => json<void>('DELETE', `/api/clock/items/${id}`);
export const publishClockDrafts = (clock: string, target: { year: number } | { term: number }) => json<PublishDraftsResult>('POST', `/api/clocks/${encodeURIComponent(clock)}/publish`, { body: target });

/** An organisation's own clock, filled from the statutory template. */
export const createClock = (organisation: string) => json<AnnualClock>('POST', '/api/clocks', { body: { organisation } });

/** The answer of a request that starts an import job: at once (200), or a job to follow (202). */
export type Started<T> = { done: T; job: null } | { done: null; job: ImportJob };

function started<T>(path: string, body?: unknown): Promise<Started<T>> {
  return send('POST', path, { body }, async (response) => {
    const value = await response.json();
    return response.status === 202 ? { done: null, job: value as ImportJob } : { done: value as T, job: null };
  });
}

/** What importing a calendar file or URL would do; nothing is written. */
export const previewImport = (request: ImportRequest) => started<ImportPreview>('/api/imports/preview', request);
/** Imports a calendar file or URL (and saves it as a source). */
export const runImport = (request: ImportRequest) => started<ImportResult>('/api/imports', request);
/** Does the next events of a running job. */
export const continueImportJob = (id: number) => json<ImportJob>('POST', `/api/imports/jobs/${id}/continue`);
export const getImportJob = (id: number, signal?: AbortSignal) => json<ImportJob>('GET', `/api/imports/jobs/${id}`, { signal });
export async function listImportJobs(signal?: AbortSignal): Promise<ImportJob[]> {
  return (await json<{ items: ImportJob[] }>('GET', '/api/imports/jobs', { signal })).items;
}
export async function listImportSources(signal?: AbortSignal): Promise<ImportSourceView[]> {
  return (await json<{ items: ImportSourceView[] }>('GET', '/api/imports/sources', { signal })).items;
}
export const syncImportSource = (id: number) => started<ImportSyncResult>(`/api/imports/sources/${id}/sync`);
export const setImportSync = (id: number, sync: boolean) => json<ImportSourceView>('PATCH', `/api/imports/sources/${id}`, { body: { sync } });
export const deleteImportSource = (id: number) => json<void>('DELETE', `/api/imports/sources/${id}`);

export async function listPeople(signal?: AbortSignal): Promise<Person[]> {
  return (await json<{ items: Person[] }>('GET', '/api/admin/people', { signal })).items;
}
export const addPerson = (input: PersonInput) => json<Person>('POST', '/api/admin/people', { body: input });
export const updatePerson = (id: number, patch: PersonPatch) => json<Person>('PATCH', `/api/admin/people/${id}`, { body: patch });
export const setMemberships = (id: number, memberships: Membership[]) => json<Person>('PUT', `/api/admin/people/${id}/memberships`, { body: memberships });
export const invitePerson = (id: number) => json<CreatedInvitation>('POST', `/api/admin/people/${id}/invitations`);
export const signOutPerson = (id: number) => json<{ revoked: number }>('POST', `/api/admin/people/${id}/sign-out`);
export const addOrganisation = (input: OrganisationInput) => json<unknown>('POST', '/api/admin/organisations', { body: input });
export const updateOrganisation = (slug: string, input: Omit<OrganisationInput, 'slug'>) => json<unknown>('PUT', `/api/admin/organisations/${encodeURIComponent(slug)}`, { body: input });
export const addNetwork = (input: NetworkInput) => json<unknown>('POST', '/api/admin/networks', { body: input });
export const updateNetwork = (slug: string, input: Omit<NetworkInput, 'slug'>) => json<unknown>('PUT', `/api/admin/networks/${encodeURIComponent(slug)}`, { body: input });

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  person?: number;
  before?: number;
}
export function getAudit(filter: AuditFilter, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams({ limit: '25' });
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  return json<AuditPage>('GET', `/api/admin/audit?${query}`, { signal });
}

/** Forgets the reference data fetched earlier, after an administrator changed it. */
export function refreshTaxonomy(): Promise<Taxonomy> {
  taxonomyRequest = null;
  return getTaxonomy(true);
}
