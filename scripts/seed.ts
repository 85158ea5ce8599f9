/**
 * Fills the local D1 database with the demo people and events (run after migrations by
 * `npm run db:setup`, which `npm start` runs). Idempotent: events that exist
 * are left alone, so a second run adds nothing.
 */
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { ValidationError } from '../worker/domain/errors';
import { keepIndexAhead } from '../worker/services/occurrence-index';
import { seedDemoData, seedDemoPeople } from './seed-demo';

// PERSIST_TO names another local state directory, as `wrangler --persist-to` does (tests use one of their own).
const persistTo = process.env.PERSIST_TO;
const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: persistTo ? { path: join(persistTo, 'v3') } : true });
try {
  const people = await seedDemoPeople(proxy.env.DB);
  const { added, existing } = await seedDemoData(proxy.env.DB);
  // Events written before stored occurrences existed are indexed now rather than by the first Cron Trigger.
  const indexed = await keepIndexAhead(proxy.env.DB, Date.now(), Number.POSITIVE_INFINITY);
  console.log(`Demo data: ${people} people and ${added} events added, ${existing} events already there${indexed > 0 ? `; occurrences stored for ${indexed}` : ''}.`);
} catch (error) {
  console.error(error instanceof ValidationError ? JSON.stringify(error.issues, null, 2) : error);
  process.exitCode = 1;
} finally {
  await proxy.dispose();
}
