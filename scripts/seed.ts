/**
 * Fills the local D1 database with the demo events (run after migrations by
 * `npm run db:setup`, which `npm start` runs). Idempotent: events that exist
 * are left alone, so a second run adds nothing.
 */
import { getPlatformProxy } from 'wrangler';
import { ValidationError } from '../worker/domain/errors';
import { seedDemoData } from './seed-demo';

const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: true });
try {
  const { added, existing } = await seedDemoData(proxy.env.DB);
  console.log(`Demo data: ${added} events added, ${existing} already there.`);
} catch (error) {
  console.error(error instanceof ValidationError ? JSON.stringify(error.issues, null, 2) : error);
  process.exitCode = 1;
} finally {
  await proxy.dispose();
}
