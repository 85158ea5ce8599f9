/**
 * People and their rights, as administrators manage them: adding and
 * editing people, memberships, invitation links, signing out everywhere and
 * erasure. The rule that the service always keeps an administrator lives here.
 */
import {
  emailTaken,
  erasePerson,
  findPerson,
  insertInvitation,
  insertPerson,
  otherAdministrators,
  replaceMemberships,
  revokeSessionsOf,
  unknownOrganisations,
  updatePerson,
} from '../db/accounts';
import { type Actor, auditActor } from '../domain/access';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { generateToken, hashToken } from '../domain/tokens';
import type { Membership, Person, PersonInput, PersonPatch } from '../shared/accounts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export async function personOrFail(db: D1Database, id: number): Promise<Person> {
  const person = await findPerson(db, id);
  if (!person) throw new NotFoundError('person', String(id));
  return person;
}

async function assertOrganisationsExist(db: D1Database, memberships: Membership[], field: string): Promise<void> {
  const unknown = await unknownOrganisations(db, memberships.map((m) => m.organisation));
  if (unknown.length > 0) {
    throw new ValidationError(unknown.map((slug) => ({ field, rule: 'exists', message: `\`${field}\`: there is no organisation '${slug}'` })));
  }
}

async function assertEmailFree(db: D1Database, email: string, exceptId: number | null): Promise<void> {
  if (await emailTaken(db, email, exceptId)) throw new ConflictError('email-taken', `somebody already has the email ${email}`);
}

const lastAdministrator = () => new ConflictError('last-administrator', 'this is the last administrator; make somebody else an administrator first');

/**
 * The service always keeps an administrator: a change that would leave it without one is refused.
 * Checked first for a clear answer, and again by the write itself, which sees a change made meanwhile.
 */
async function assertAnotherAdministratorStays(db: D1Database, personId: number): Promise<void> {
  if ((await otherAdministrators(db, personId)) === 0) throw lastAdministrator();
}

const isAdministratorPerson = (memberships: readonly Membership[]) => memberships.some((m) => m.role === 'administrator');

export async function addPerson(db: D1Database, actor: Actor, input: PersonInput): Promise<Person> {
  const memberships = input.memberships ?? [];
  await assertOrganisationsExist(db, memberships, 'memberships');
  await assertEmailFree(db, input.email, null);
  const id = await insertPerson(db, { name: input.name, email: input.email, memberships }, new Date().toISOString(), auditActor(actor));
  return personOrFail(db, id);
}

export async function editPerson(db: D1Database, actor: Actor, id: number, patch: PersonPatch): Promise<Person> {
  const before = await personOrFail(db, id);
  const after = { name: patch.name ?? before.name, email: patch.email ?? before.email };
  await assertEmailFree(db, after.email, id);
  await updatePerson(db, before, after, new Date().toISOString(), auditActor(actor));
  return personOrFail(db, id);
}

/** Replaces a person's memberships; the last administrator cannot be demoted. */
export async function setMemberships(db: D1Database, actor: Actor, id: number, memberships: Membership[]): Promise<Person> {
  const before = await personOrFail(db, id);
  await assertOrganisationsExist(db, memberships, 'memberships');
  if (!isAdministratorPerson(memberships)) await assertAnotherAdministratorStays(db, id);
  if (!(await replaceMemberships(db, before, memberships, new Date().toISOString(), auditActor(actor)))) throw lastAdministrator();
  return personOrFail(db, id);
}

/** A new invitation link's secret and end; it replaces an unused older one. */
export async function invitePerson(db: D1Database, actor: Actor, id: number): Promise<{ token: string; expiresAt: string }> {
  await personOrFail(db, id);
  const token = generateToken('hyi_');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000).toISOString();
  await insertInvitation(db, { tokenHash: await hashToken(token), personId: id, now: now.toISOString(), expiresAt }, auditActor(actor));
  return { token, expiresAt };
}

/** Ends every session of a person; how many there were. */
export async function signPersonOut(db: D1Database, actor: Actor, id: number): Promise<number> {
  await personOrFail(db, id);
  return revokeSessionsOf(db, id, new Date().toISOString(), auditActor(actor));
}

/** Erases a person and their personal data; nobody erases themselves, and the last administrator stays. */
export async function erase(db: D1Database, actor: Actor, id: number): Promise<void> {
  const person = await personOrFail(db, id);
  if (actor.person?.id === id) throw new ConflictError('self', 'you cannot erase yourself; ask another administrator');
  if (isAdministratorPerson(person.memberships)) await assertAnotherAdministratorStays(db, id);
  if (!(await erasePerson(db, person, new Date().toISOString(), auditActor(actor)))) throw lastAdministrator();
}
