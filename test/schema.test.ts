import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';

type Row = Record<string, unknown>;

/** Tables, columns, indexes, foreign keys, CHECK constraints and triggers of a database, comparably. */
async function describeSchema(db: D1Database) {
  const { results: objects } = await db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
       WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'
         AND name NOT LIKE 'events_fts_%' ORDER BY type, name`,
    )
    .all<{ type: string; name: string; tbl_name: string; sql: string | null }>();
  const normalise = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
  const described: Row = {};
  for (const object of objects) {
    if (object.type === 'table' && !/VIRTUAL TABLE/i.test(object.sql ?? '')) {
      const pragma = async (name: string) => (await db.prepare(`PRAGMA ${name}("${object.name}")`).all<Row>()).results;
      const indexes = await pragma('index_list');
      described[`table ${object.name}`] = {
        columns: await pragma('table_info'),
        foreignKeys: await pragma('foreign_key_list'),
        indexes: await Promise.all(
          indexes.map(async (index) => ({ ...index, columns: (await db.prepare(`PRAGMA index_info("${index.name}")`).all<Row>()).results })),
        ),
        checks: checkClauses(object.sql ?? '').map(normalise).sort(),
      };
    } else {
      // Indexes are compared through their tables; triggers and virtual tables by their text.
      if (object.type !== 'index') described[`${object.type} ${object.name}`] = normalise(object.sql);
    }
  }
  return described;
}

/** The CHECK (…) clauses of a CREATE TABLE statement, parentheses balanced. */
function checkClauses(sql: string): string[] {
  const clauses: string[] = [];
  const pattern = /CHECK\s*\(/gi;
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
    let depth = 1;
    let i = match.index + match[0].length;
    while (depth > 0 && i < sql.length) depth += sql[i] === '(' ? 1 : sql[i] === ')' ? -1 : 0, i++;
    clauses.push(sql.slice(match.index, i));
  }
  return clauses;
}

describe('schema.sql', () => {
  beforeAll(async () => {
    await env.SCHEMA_DB.batch(env.SCHEMA_QUERIES.map((query) => env.SCHEMA_DB.prepare(query)));
  });

  it('builds the same tables, columns, indexes, constraints and triggers as applying every migration', async () => {
    const fromSchema = await describeSchema(env.SCHEMA_DB);
    const fromMigrations = await describeSchema(env.DB);
    expect(Object.keys(fromSchema).length).toBeGreaterThan(15);
    expect(fromMigrations).toEqual(fromSchema);
  });

  it('enforces foreign keys and CHECK constraints', async () => {
    await expect(
      env.DB.prepare("INSERT INTO municipalities (id, slug, code, name_fi, area_id) VALUES (900, 'x', '999', 'X', 99)").run(),
    ).rejects.toThrow(/FOREIGN KEY/i);
    await expect(env.DB.prepare("INSERT INTO areas (id, slug, name_fi) VALUES (900, 'Not A Slug', 'X')").run()).rejects.toThrow(/CHECK/i);
  });
});
