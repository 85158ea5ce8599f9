declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../worker/index');
  }
  interface Env {
    DB: D1Database;
    SCHEMA_DB: D1Database;
    UPGRADE_DB: D1Database;
    RESTORE_DB: D1Database;
    ASSETS: Fetcher;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    SCHEMA_QUERIES: string[];
  }
}
