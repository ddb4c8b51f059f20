// A table of rows as the operations screens draw them: a header cell per column, numbers
// right-aligned, at most MAX_TABLE_ROWS rows (TablePanel says when there are more).
import type { ReactNode } from 'react';
import { TimeAgo } from './TimeAgo';
import './ui.css';

/** Rows a table draws at most; the search narrows the rest down. */
export const MAX_TABLE_ROWS = 200;

export interface Column<R> {
  id: string;
  header: ReactNode;
  /** Right-aligned and kept on one line, header and cells. */
  numeric?: boolean;
  /** More classes for the cells (not the header). */
  className?: string;
  cell: (row: R) => ReactNode;
}

/** The column that says how long ago a row was last updated (its `at`). */
export function updatedColumn<R extends { at: string }>(header: string, now: number): Column<R> {
  return { id: 'updated', header, cell: (r) => <TimeAgo at={r.at} now={now} /> };
}

/** What a row carries besides its cells: a class and data attributes tests and styles find it by. */
export type RowAttributes = { className?: string } & { [data: `data-${string}`]: string | undefined };

function cellClass(column: { numeric?: boolean; className?: string }): string | undefined {
  const classes = [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean).join(' ');
  return classes || undefined;
}

export function DataTable<R>({
  className,
  columns,
  rows,
  rowKey,
  rowAttributes,
}: {
  className?: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowAttributes?: (row: R) => RowAttributes;
}) {
  return (
    <table className={className ? `ops-table ${className}` : 'ops-table'}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, MAX_TABLE_ROWS).map((row) => (
          <tr key={rowKey(row)} {...rowAttributes?.(row)}>
            {columns.map((c) => (
              <td key={c.id} className={cellClass(c)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
