import { applyD1Migrations, env } from 'cloudflare:test';

// Applies only migrations not yet applied, so running it per file is safe.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
