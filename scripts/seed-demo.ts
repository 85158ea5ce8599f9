/** Adds the demo people and events that are missing from a database. */
import { findPersonActor, insertPerson, setPasswordHash, unknownOrganisations } from '../worker/db/accounts';
import { findEvent, insertEvent, updateEvent } from '../worker/db/events';
import { readKnownReferences } from '../worker/db/taxonomy';
import { ValidationError } from '../worker/domain/errors';
import { nextSequence, prepareEvent, referenceIssues } from '../worker/domain/events';
import { newRevision as revision } from '../worker/domain/ids';
import { SYSTEM_ACTOR } from '../worker/domain/access';
import { hashPassword } from '../worker/domain/passwords';
import { DEMO_PASSWORD, demoCancellations, demoEvents, demoPeople } from './demo-data';

/** Adds the demo people that are missing (matched by email), with the demo password; returns how many were added. */
export async function seedDemoPeople(db: D1Database): Promise<number> {
  let added = 0;
  for (const person of demoPeople) {
    if (await findPersonActor(db, person.email, 'session')) continue;
    const unknown = await unknownOrganisations(db, person.memberships.map((m) => m.organisation));
    if (unknown.length > 0) throw new Error(`demo person ${person.email}: no organisation ${unknown.join(', ')}`);
    const id = await insertPerson(db, person, new Date().toISOString(), SYSTEM_ACTOR);
    await setPasswordHash(db, id, await hashPassword(DEMO_PASSWORD));
    added++;
  }
  return added;
}

/** Adds the demo events that are missing from a database; returns how many were added. */
export async function seedDemoData(db: D1Database): Promise<{ added: number; existing: number }> {
  const known = await readKnownReferences(db);
  let added = 0;
  for (const { id, organisation, input } of demoEvents) {
    if (await findEvent(db, id)) continue;
    const issues = referenceIssues(input, known);
    if (issues.length > 0) throw new ValidationError(issues);
    const draft = prepareEvent(input, organisation, input.status ?? 'draft');
    const now = new Date().toISOString();
    await insertEvent(db, id, draft, { revision: revision(), now, actor: SYSTEM_ACTOR });
    const reason = demoCancellations[id];
    if (reason) {
      const before = (await findEvent(db, id))!;
      const cancelled = prepareEvent(input, organisation, 'cancelled', reason);
      await updateEvent(db, before, before.revision, cancelled, nextSequence(before, cancelled), 'cancel', { revision: revision(), now, actor: SYSTEM_ACTOR });
    }
    added++;
  }
  return { added, existing: demoEvents.length - added };
}
