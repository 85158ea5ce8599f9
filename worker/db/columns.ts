/**
 * The numbered parameters of a write, made from one ordered list: the
 * column names, their placeholders (`?1`, `?2`, …) and the values bound
 * all come from it, so that adding a column cannot put them out of step.
 */

/** A column written, with how its value comes from the record being written. */
export interface ColumnEntry<R> {
  column: string;
  value: (record: R) => unknown;
  /** The SQL of the value around its placeholder (a slug turned into an id, say); `at` gives another entry's placeholder. */
  sql?: (placeholder: string, at: (name: string) => string) => string;
}

/** A value the statement needs that is no column, e.g. the id and revision of a WHERE clause. */
export interface ParameterEntry<R> {
  parameter: string;
  value: (record: R) => unknown;
}

export type Entry<R> = ColumnEntry<R> | ParameterEntry<R>;

export interface NumberedColumns<R> {
  /** The columns' names, for an INSERT: `status, title_fi, …`. */
  readonly names: string;
  /** Their values' SQL in the same order, for VALUES or SELECT: `?1, ?2, (SELECT id FROM event_types WHERE slug = ?3), …`. */
  readonly values: string;
  /** For an UPDATE: `status = ?1, title_fi = ?2, …`. */
  readonly assignments: string;
  /** How many placeholders there are; another statement part numbers its own from `count + 1`. */
  readonly count: number;
  /** The placeholder of a column or parameter; an unknown name throws, when the module that builds its SQL is loaded. */
  at(name: string): string;
  /** The values to bind, in the placeholders' order. */
  bind(record: R): unknown[];
}

const nameOf = <R>(entry: Entry<R>) => ('column' in entry ? entry.column : entry.parameter);

/**
 * Placeholders for a list of columns and parameters, in its order.
 *
 * @example
 * const WRITE = numberedColumns<Person>([{ column: 'name', value: (p) => p.name }, { parameter: 'id', value: (p) => p.id }]);
 * db.prepare(`UPDATE people SET ${WRITE.assignments} WHERE id = ${WRITE.at('id')}`).bind(...WRITE.bind(person));
 */
export function numberedColumns<R>(entries: readonly Entry<R>[]): NumberedColumns<R> {
  const placeholders = new Map<string, string>();
  entries.forEach((entry, i) => {
    if (placeholders.has(nameOf(entry))) throw new Error(`${nameOf(entry)} is named twice`);
    placeholders.set(nameOf(entry), `?${i + 1}`);
  });
  const at = (name: string): string => {
    const placeholder = placeholders.get(name);
    if (placeholder === undefined) throw new Error(`no parameter ${name}`);
    return placeholder;
  };
  const columns = entries.filter((entry): entry is ColumnEntry<R> => 'column' in entry);
  const valueSql = columns.map((entry) => (entry.sql ? entry.sql(at(entry.column), at) : at(entry.column)));
  return {
    names: columns.map((entry) => entry.column).join(', '),
    values: valueSql.join(', '),
    assignments: columns.map((entry, i) => `${entry.column} = ${valueSql[i]}`).join(', '),
    count: entries.length,
    at,
    bind: (record) => entries.map((entry) => entry.value(record)),
  };
}

/** The SQL of a value given as a slug: the id of the row of `table` with that slug. */
export const idOfSlug = (table: string) => (placeholder: string) => `(SELECT id FROM ${table} WHERE slug = ${placeholder})`;
