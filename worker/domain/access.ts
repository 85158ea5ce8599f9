/**
 * Who is asking and what they may do. The worker enforces every right
 * here; the UI only hides what would be refused anyway.
 */
import type { Role } from '../shared/accounts';
import { ForbiddenError, UnauthorizedError } from './errors';

export interface ActorMembership {
  organisation: string;
  /** The organisation's kind, e.g. 'wellbeing-county'. */
  kind: string;
  role: Role;
}

/** A signed-in person, or an organisation writing through an API token. */
export interface Actor {
  via: 'session' | 'access' | 'token';
  person: { id: number; name: string; email: string } | null;
  tokenId: number | null;
  sessionId: number | null;
  memberships: ActorMembership[];
}

/** What the audit trail records of a writer; 'system' is a script such as the seed. */
export interface AuditActor {
  via: Actor['via'] | 'system';
  tokenId: number | null;
  personId: number | null;
  sessionId: number | null;
}

/** Scripts (the seed, benchmarks) that write without anybody signed in. */
export const SYSTEM_ACTOR: AuditActor = { via: 'system', tokenId: null, personId: null, sessionId: null };

export const auditActor = (actor: Actor): AuditActor => ({ via: actor.via, tokenId: actor.tokenId, personId: actor.person?.id ?? null, sessionId: actor.sessionId });

/** The actor of an API token: an organiser of its organisation. */
export function tokenActor(tokenId: number, organisation: string, kind: string): Actor {
  return { via: 'token', person: null, tokenId, sessionId: null, memberships: [{ organisation, kind, role: 'organiser' }] };
}

export const isAdministrator = (actor: Actor | undefined): boolean => actor?.memberships.some((m) => m.role === 'administrator') ?? false;

/** Organisations whose events and clock items the actor may write. */
export function writableOrganisations(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role !== 'viewer').map((m) => m.organisation);
}

/** Members (any role) see members-only events. */
export const seesMembersOnly = (actor: Actor | undefined): boolean => (actor?.memberships.length ?? 0) > 0;

/** The key that idempotent creates are remembered under. */
export const idempotencyOwner = (actor: Actor): string => (actor.tokenId !== null ? `token:${actor.tokenId}` : `person:${actor.person!.id}`);

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw new UnauthorizedError('sign in or send a bearer token to do this');
  return actor;
}

export function requireAdministrator(actor: Actor | undefined): Actor {
  const known = requireActor(actor);
  if (!isAdministrator(known)) throw new ForbiddenError('only an administrator may do this');
  return known;
}

/** Whether the actor may write an event organised by these organisations (any one of them suffices). */
export function mayWriteEvent(actor: Actor, organisations: readonly string[]): boolean {
  if (isAdministrator(actor)) return true;
  const own = writableOrganisations(actor);
  return organisations.some((organisation) => own.includes(organisation));
}

export function assertMayWriteEvent(actor: Actor, organisations: readonly string[]): void {
  if (mayWriteEvent(actor, organisations)) return;
  const own = writableOrganisations(actor);
  throw new ForbiddenError(
    own.length === 0
      ? 'you may not write events: you are not an organiser of any organisation'
      : `none of your organisations (${own.join(', ')}) is among the organisers of this event`,
  );
}

/** Whether the actor may write events or clock items of some organisation; the organisation itself is checked once the input is read. */
export function assertWritesSomething(actor: Actor): Actor {
  defaultOrganisation(actor);
  return actor;
}

/** Import sources of an organisation are managed by its organisers (and tokens) and by administrators. */
export function assertMayManageImports(actor: Actor, organisation: string): void {
  if (!mayWriteEvent(actor, [organisation])) throw new ForbiddenError(`you are not an organiser of '${organisation}'`);
}

/** A draft is seen only by those who may write it. */
export const maySeeDraft = (actor: Actor | undefined, organisations: readonly string[]): boolean => actor !== undefined && mayWriteEvent(actor, organisations);

/** The organiser of a new event when the input names none: the actor's first organisation. */
export function defaultOrganisation(actor: Actor): string {
  const own = writableOrganisations(actor);
  if (own.length === 0) throw new ForbiddenError('you may not write events: you are not an organiser of any organisation');
  return own[0]!;
}

/**
 * Who may write a clock: its own organisation; the regional clock, the
 * wellbeing county and the regional council; administrators every clock.
 */
export function mayWriteClock(actor: Actor, clockOrganisation: string | null): boolean {
  if (isAdministrator(actor)) return true;
  return actor.memberships.some(
    (m) => m.role !== 'viewer' && (clockOrganisation === null ? m.kind === 'wellbeing-county' || m.kind === 'regional-council' : clockOrganisation === m.organisation),
  );
}

export function assertMayWriteClock(actor: Actor, clockOrganisation: string | null): void {
  if (!mayWriteClock(actor, clockOrganisation)) {
    throw new ForbiddenError(clockOrganisation === null ? 'only the wellbeing county and the regional council may edit the regional clock' : `only ${clockOrganisation} may edit its clock`);
  }
}

/** Whether the actor may manage the tokens of some organisation; which one is checked once the input is read. */
export function assertManagesSomeTokens(actor: Actor): Actor {
  if (actor.via === 'token') throw new ForbiddenError('an API token cannot manage tokens; sign in');
  if (!isAdministrator(actor) && writableOrganisations(actor).length === 0) throw new ForbiddenError('you are not an organiser of any organisation');
  return actor;
}

/** API tokens of an organisation are managed by its organisers and by administrators. */
export function assertMayManageTokens(actor: Actor, organisation: string): void {
  if (actor.via === 'token') throw new ForbiddenError('an API token cannot manage tokens; sign in');
  if (!isAdministrator(actor) && !writableOrganisations(actor).includes(organisation)) {
    throw new ForbiddenError(`you are not an organiser of '${organisation}'`);
  }
}
