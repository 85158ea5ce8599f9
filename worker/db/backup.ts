/**
 * SQL for export and restore: every table's rows as they are, in an order
 * in which foreign keys are satisfied, and back into a migrated database.
 */

/**
 * Tables in dependency order. Left out: login_failures (a 15-minute memory
 * of failed sign-ins) and feed_versions (made again by its triggers as the
 * audit log is restored).
 */
export const BACKUP_TABLES = [
  'areas', 'municipalities', 'event_types', 'networks', 'audiences', 'organisations',
  'people', 'clocks', 'clock_rings', 'clock_template_items', 'clock_items',
  'events', 'event_exceptions', 'event_organisations', 'event_networks', 'event_municipalities', 'event_audiences', 'event_materials',
  'api_tokens', 'idempotency_keys', 'memberships', 'invitations', 'sessions', 'feed_keys', 'import_sources', 'imported_events', 'audit_log',
] as const;

export type BackupTable = (typeof BACKUP_TABLES)[number];
export type Rows = Record<string, unknown>[];

export interface Backup {
  /** The newest migration the data was exported at; restore needs the same. */
  migration: string;
  exportedAt: string;
  tables: Record<BackupTable, Rows>;
}

export async function newestMigration(db: D1Database): Promise<string> {
  return (await db.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>())?.name ?? '';
}

/** Every row of every table, by rowid so that a restore keeps the order too. */
export async function readAllTables(db: D1Database): Promise<Record<BackupTable, Rows>> {
  const results = await db.batch(BACKUP_TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`)));
  return Object.fromEntries(BACKUP_TABLES.map((table, i) => [table, results[i]!.results as Rows])) as Record<BackupTable, Rows>;
}

// D1 limits the statements of one batch; restores go in slices.
const STATEMENTS_PER_BATCH = 200;

/**
 * Replaces everything in a migrated database with a backup's rows. The
 * reference data the migrations put there is replaced too, so that the
 * result is exactly what was exported.
 */
export async function replaceAllTables(db: D1Database, tables: Record<BackupTable, Rows>): Promise<void> {
  await assertKnownColumns(db, tables);
  const statements: D1PreparedStatement[] = [db.prepare('DELETE FROM login_failures'), db.prepare('DELETE FROM feed_versions')];
  for (const table of [...BACKUP_TABLES].reverse()) statements.push(db.prepare(`DELETE FROM ${table}`));
  for (const table of BACKUP_TABLES) {
    for (const row of tables[table] ?? []) {
      const columns = Object.keys(row);
      statements.push(
        db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `?${i + 1}`).join(', ')})`).bind(...columns.map((c) => row[c] ?? null)),
      );
    }
  }
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) await db.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
}

/** Column names go into SQL text: a backup may name only columns that exist. */
async function assertKnownColumns(db: D1Database, tables: Record<BackupTable, Rows>): Promise<void> {
  const results = await db.batch(BACKUP_TABLES.map((table) => db.prepare(`SELECT name FROM pragma_table_info('${table}')`)));
  BACKUP_TABLES.forEach((table, i) => {
    const known = new Set((results[i]!.results as { name: string }[]).map((row) => row.name));
    for (const row of tables[table] ?? []) {
      const unknown = Object.keys(row).find((column) => !known.has(column));
      if (unknown !== undefined) throw new Error(`the backup's ${table} has a column '${unknown}' that this database does not`);
    }
  });
}
