/**
 * Fills the local D1 database with the demo events (after migrations).
 * Idempotent: events that exist are left alone, so a second run adds nothing.
 *
 *   npm run db:setup
 */
import { getPlatformProxy } from 'wrangler';
import { findEvent, insertEvent, updateEvent } from '../worker/db/events';
import { readKnownReferences } from '../worker/db/taxonomy';
import { ValidationError } from '../worker/domain/errors';
import { nextSequence, prepareEvent, referenceIssues } from '../worker/domain/events';
import { demoCancellations, demoEvents } from './demo-data';

const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: true });
try {
  const db = proxy.env.DB;
  const known = await readKnownReferences(db);
  let created = 0;
  for (const { id, organisation, input } of demoEvents) {
    if (await findEvent(db, id)) continue;
    const issues = referenceIssues(input, known);
    if (issues.length > 0) throw new ValidationError(issues);
    const draft = prepareEvent(input, organisation, input.status ?? 'draft');
    const now = new Date().toISOString();
    await insertEvent(db, id, draft, { revision: crypto.randomUUID().slice(0, 16), now, tokenId: null });
    const reason = demoCancellations[id];
    if (reason) {
      const before = (await findEvent(db, id))!;
      const cancelled = prepareEvent(input, organisation, 'cancelled', reason);
      await updateEvent(db, before, before.revision, cancelled, nextSequence(before, cancelled), 'cancel', { revision: crypto.randomUUID().slice(0, 16), now, tokenId: null });
    }
    created++;
  }
  console.log(`Demo data: ${created} events added, ${demoEvents.length - created} already there.`);
} catch (error) {
  console.error(error instanceof ValidationError ? JSON.stringify(error.issues, null, 2) : error);
  process.exitCode = 1;
} finally {
  await proxy.dispose();
}
