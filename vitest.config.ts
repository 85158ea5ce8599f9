import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with real D1 databases: DB is migrated before
// every test file; SCHEMA_DB is left empty for the schema comparison.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  const schema = await readD1Migrations({ projectPath: '.', migrationsDir: '.', migrationsPattern: 'schema.sql' });
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          d1Databases: { DB: 'hytekello-test', SCHEMA_DB: 'hytekello-schema-test' },
          bindings: { TEST_MIGRATIONS: migrations, SCHEMA_QUERIES: schema[0]?.queries ?? [] },
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts', 'worker/**/*.test.ts'],
      setupFiles: ['./test/apply-migrations.ts'],
    },
  };
});
