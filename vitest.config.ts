import { readFileSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { type Plugin, defineConfig } from 'vitest/config';

// `feed` ends its module with a sourceMappingURL comment but ships no map, so
// every run printed a stack trace of the missing file; drop the comment.
const withoutMissingSourceMap: Plugin = {
  name: 'without-missing-source-map',
  load(id) {
    if (id.includes('/node_modules/feed/lib/')) return readFileSync(id, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  },
};

// Two kinds of tests:
// - workers: inside workerd with real D1 databases; DB is migrated before
//   every test file, SCHEMA_DB is left empty for the schema comparison.
// - browser: the UI in Chromium against `wrangler dev` with the demo data.
// - node: pure domain code checked by Node-only tools (iCalendar parsers).
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  const schema = await readD1Migrations({ projectPath: '.', migrationsDir: '.', migrationsPattern: 'schema.sql' });
  return {
    test: {
      projects: [
        {
          plugins: [
            withoutMissingSourceMap,
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                d1Databases: { DB: 'hytekello-test', SCHEMA_DB: 'hytekello-schema-test', UPGRADE_DB: 'hytekello-upgrade-test', RESTORE_DB: 'hytekello-restore-test' },
                bindings: { TEST_MIGRATIONS: migrations, SCHEMA_QUERIES: schema[0]?.queries ?? [] },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/*.test.ts'],
            // Property-based tests send hundreds of requests; a busy machine must not make them time out.
            testTimeout: 60_000,
            setupFiles: ['./test/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['./test/browser/server.ts'],
            testTimeout: 30_000,
            hookTimeout: 120_000,
          },
        },
        {
          test: {
            name: 'node',
            include: ['test/node/**/*.test.ts'],
            environment: 'node',
            // Exhaustive checks (every hour of 45 years of clock changes) take seconds on a busy machine.
            testTimeout: 60_000,
          },
        },
      ],
    },
  };
});
