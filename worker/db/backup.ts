/**
 * SQL for export and restore: every table's rows as they are, in an order
 * in which foreign keys are satisfied, and back into a migrated database.
 */

/**
 * Tables in dependency order. Left out: login_failures (a 15-minute memory
 * of failed sign-ins), the import jobs (work under way, kept a day), feed_versions (made again by its triggers as the
 * audit log is restored) and occurrences (made again from the events: a
 * restore marks every event not indexed, see replaceAllTables).
 */
export const BACKUP_TABLES = [
  'areas', 'municipalities', 'event_types', 'networks', 'audiences', 'organisations',
  'people', 'clocks', 'clock_rings', 'clock_template_items', 'clock_items',
  'events', 'event_exceptions', 'event_organisations', 'co_organiser_invitations', 'event_networks', 'event_municipalities', 'event_audiences', 'event_materials',
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
  // How far an event's occurrences are stored describes this database's index, not the data: left out, like the index.
  const withoutIndex = (rows: Rows) => rows.map(({ indexed_until: _indexedUntil, ...row }) => row);
  return Object.fromEntries(BACKUP_TABLES.map((table, i) => [table, table === 'events' ? withoutIndex(results[i]!.results as Rows) : (results[i]!.results as Rows)])) as Record<BackupTable, Rows>;
}

/** A backup that does not fit this database; nothing was changed. */
export class BackupError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20);
    super(`the backup does not fit this database, nothing was changed:\n- ${shown.join('\n- ')}${problems.length > shown.length ? `\n- … and ${problems.length - shown.length} more` : ''}`);
  }
}

interface TableShape {
  columns: Map<string, { required: boolean }>;
  /** Column lists that must be unique: the primary key and every unique index. */
  keys: string[][];
  references: { columns: string[]; table: string; to: string[] }[];
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** The columns, keys and references of every table, from the database itself. */
async function tableShapes(db: D1Database): Promise<Map<string, TableShape>> {
  const results = await db.batch(
    BACKUP_TABLES.flatMap((table) => [
      db.prepare(`SELECT name, "notnull" AS required, dflt_value AS fallback, pk FROM pragma_table_info('${table}')`),
      db.prepare(`SELECT l.name AS index_name, i.name AS column FROM pragma_index_list('${table}') l JOIN pragma_index_info(l.name) i WHERE l."unique" = 1 ORDER BY l.name, i.seqno`),
      db.prepare(`SELECT id, "table" AS parent, "from" AS column, "to" AS target FROM pragma_foreign_key_list('${table}') ORDER BY id, seq`),
    ]),
  );
  const shapes = new Map<string, TableShape>();
  BACKUP_TABLES.forEach((table, t) => {
    const columns = results[3 * t]!.results as { name: string; required: number; fallback: string | null; pk: number }[];
    const indexes = results[3 * t + 1]!.results as { index_name: string; column: string }[];
    const foreign = results[3 * t + 2]!.results as { id: number; parent: string; column: string; target: string | null }[];
    const primary = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const keys = [primary, ...[...groupBy(indexes, (i) => i.index_name).values()].map((list) => list.map((i) => i.column))].filter((key) => key.length > 0);
    const references = [...groupBy(foreign, (f) => f.id).values()].map((list) => ({ columns: list.map((f) => f.column), table: list[0]!.parent, to: list.map((f) => f.target ?? '') }));
    shapes.set(table, {
      columns: new Map(columns.map((c) => [c.name, { required: c.required === 1 && c.fallback === null && !(c.pk === 1 && primary.length === 1) }])),
      keys,
      references,
    });
  });
  // A reference that names no column points at the parent's primary key.
  for (const shape of shapes.values()) {
    for (const reference of shape.references) {
      if (reference.to.some((column) => column === '')) reference.to = shapes.get(reference.table)?.keys[0] ?? reference.to;
    }
  }
  return shapes;
}

const keyOf = (row: Record<string, unknown>, columns: string[]): string | null => {
  const values = columns.map((column) => row[column] ?? null);
  return values.some((value) => value === null) ? null : JSON.stringify(values);
};

/**
 * Everything in a backup that a restore into this database would trip on:
 * unknown tables and columns, missing required values, duplicate keys,
 * and references to rows that are not in the backup. Empty when it fits.
 */
export async function backupProblems(db: D1Database, tables: Record<string, unknown>): Promise<string[]> {
  const problems: string[] = [];
  if (typeof tables !== 'object' || tables === null) return ['the backup has no tables'];
  for (const name of Object.keys(tables)) if (!(BACKUP_TABLES as readonly string[]).includes(name)) problems.push(`the backup has a table '${name}' that this database does not`);
  const shapes = await tableShapes(db);
  const rowsOf = (table: string) => (tables as Record<string, Rows>)[table] ?? [];
  for (const table of BACKUP_TABLES) {
    const shape = shapes.get(table)!;
    const rows = (tables as Record<string, unknown>)[table];
    if (!Array.isArray(rows)) {
      problems.push(`the backup has no list of ${table}`);
      continue;
    }
    rows.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return problems.push(`${table}[${i}] is not a row`);
      for (const column of Object.keys(row)) if (!shape.columns.has(column)) problems.push(`${table}[${i}] has a column '${column}' that this database does not`);
      for (const [column, { required }] of shape.columns) if (required && (row as Rows[number])[column] == null) problems.push(`${table}[${i}] has no ${column}`);
    });
    for (const key of shape.keys) {
      const seen = new Map<string, number>();
      rowsOf(table).forEach((row, i) => {
        const value = keyOf(row, key);
        if (value === null) return;
        const first = seen.get(value);
        if (first !== undefined) problems.push(`${table}[${i}] repeats the ${key.join(', ')} of ${table}[${first}] (${value})`);
        else seen.set(value, i);
      });
    }
  }
  for (const table of BACKUP_TABLES) {
    for (const reference of shapes.get(table)!.references) {
      const parents = new Set(rowsOf(reference.table).map((row) => keyOf(row, reference.to)));
      rowsOf(table).forEach((row, i) => {
        const value = keyOf(row, reference.columns);
        if (value !== null && !parents.has(value)) problems.push(`${table}[${i}].${reference.columns.join(', ')} = ${value} refers to no row of ${reference.table}`);
      });
    }
  }
  return problems;
}

/**
 * Replaces everything in a migrated database with a backup's rows, all or
 * nothing: the whole backup is checked first (see backupProblems), and the
 * deletes and inserts then go in one D1 batch, which is one transaction,
 * so a row the database still refuses undoes the whole restore. The
 * reference data the migrations put there is replaced too, so that the
 * result is exactly what was exported.
 */
export async function replaceAllTables(db: D1Database, tables: Record<BackupTable, Rows>): Promise<void> {
  const problems = await backupProblems(db, tables);
  if (problems.length > 0) throw new BackupError(problems);
  const statements: D1PreparedStatement[] = [db.prepare('DELETE FROM login_failures'), db.prepare('DELETE FROM feed_versions'), db.prepare('DELETE FROM occurrences'), db.prepare('DELETE FROM import_jobs')];
  for (const table of [...BACKUP_TABLES].reverse()) statements.push(db.prepare(`DELETE FROM ${table}`));
  for (const table of BACKUP_TABLES) {
    for (const row of tables[table]) {
      // Column names were checked against the schema above; values are bound.
      const columns = Object.keys(row);
      statements.push(
        db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `?${i + 1}`).join(', ')})`).bind(...columns.map((c) => row[c] ?? null)),
      );
    }
  }
  // Stored occurrences are not in a backup: lists expand these events until they are indexed again.
  statements.push(db.prepare('UPDATE events SET indexed_until = NULL'));
  await db.batch(statements);
}
