/**
 * A table of records: a caption that names it (hidden unless asked for), a
 * heading per column (`<th scope="col">`), one row per record, the column
 * that names a row as `<th scope="row">`, all inside a TableScroll so that a
 * wide table scrolls sideways instead of the page.
 *
 * ```tsx
 * <DataTable caption={m.tokens} rows={tokens} rowKey={(token) => token.id} empty={m.noTokens}
 *   columns={[{ header: m.tokenName, rowHeader: true, cell: (token) => token.name }, …]} />
 * ```
 */
import type { ComponentChildren, HTMLAttributes } from 'preact';
import { Empty } from '../status';
import { TableScroll } from '../table-scroll';

/** An element's attributes, its data-* hooks for tests and styles included. */
type Attributes<E extends HTMLElement> = Omit<HTMLAttributes<E>, 'children'> & { [data: `data-${string}`]: string | number | undefined };
type CellAttributes = Attributes<HTMLTableCellElement>;

export interface Column<Row> {
  header: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  /** The column that names each row: its cells are `<th scope="row">`, for screen readers to say with every cell. */
  rowHeader?: boolean;
  /** Numbers line up at the end of the cell. */
  numeric?: boolean;
  /** Classes of the column's cells, the same for every row or chosen per row. */
  class?: string | ((row: Row) => string | undefined);
  /** Attributes of the heading cell (say, `aria-current`). */
  headerAttributes?: CellAttributes;
  /** Attributes of a row's cell (say, the `lang` of its text). */
  cellAttributes?: (row: Row) => CellAttributes;
}

export interface DataTableProps<Row> {
  /** Names the table for everybody: its caption, and the name of the scrolling group. */
  caption: string;
  /** Shows the caption; otherwise it is there for screen readers only (a heading nearby already says it). */
  captionShown?: boolean;
  /** The scrolling group's name, when it is not the caption. */
  scrollLabel?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Attributes of a row: its data-* hooks, `aria-busy`, a class. */
  rowAttributes?: (row: Row) => Attributes<HTMLTableRowElement>;
  /** What to say instead of a table with no rows; without it an empty table is shown. */
  empty?: string;
  class?: string;
}

function classes(...names: (string | false | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}

export function DataTable<Row>({ caption, captionShown = false, scrollLabel, columns, rows, rowKey, rowAttributes, empty, class: className }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <Empty>{empty}</Empty>;
  return (
    <TableScroll label={scrollLabel ?? caption}>
      <table class={classes('data-table', className)}>
        <caption class={captionShown ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" {...column.headerAttributes} class={classes(column.numeric && 'numeric', column.headerAttributes?.class as string | undefined)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              {columns.map((column, i) => {
                const Cell = column.rowHeader ? 'th' : 'td';
                const attributes = column.cellAttributes?.(row);
                const own = typeof column.class === 'function' ? column.class(row) : column.class;
                return (
                  <Cell key={i} scope={column.rowHeader ? 'row' : undefined} {...attributes} class={classes(column.numeric && 'numeric', own, attributes?.class as string | undefined)}>
                    {column.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
