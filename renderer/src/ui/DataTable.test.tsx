// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, MAX_TABLE_ROWS, type Column } from './DataTable';

afterEach(cleanup);

interface Item {
  sku: string;
  qty: number;
}

const COLUMNS: Column<Item>[] = [
  { id: 'sku', header: 'Ürün', cell: (r) => r.sku },
  { id: 'qty', header: 'Adet', numeric: true, className: 'ops-strong', cell: (r) => String(r.qty) },
];

const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, qty: i }));

describe('data table', () => {
  it('draws a column header per column and right-aligns the numeric ones', () => {
    render(<DataTable className="x-table" columns={COLUMNS} rows={items(2)} rowKey={(r) => r.sku} />);
    const table = screen.getByRole('table');
    expect(table.className).toBe('ops-table x-table');
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Ürün', 'Adet']);
    expect(headers[0]?.className).toBe('');
    // The header is aligned like its cells but takes none of the cells' own classes.
    expect(headers[1]?.className).toBe('num');
    const cells = within(screen.getAllByRole('row')[1] as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.className)).toEqual(['', 'num ops-strong']);
    expect(cells.map((c) => c.textContent)).toEqual(['SKU-0', '0']);
  });

  it('puts each row’s class and data attributes on its row', () => {
    render(
      <DataTable
        columns={COLUMNS}
        rows={items(2)}
        rowKey={(r) => r.sku}
        rowAttributes={(r) => ({ 'data-sku': r.sku, 'data-odd': r.qty % 2 ? 'true' : undefined, className: 'row' })}
      />,
    );
    const [, first, second] = screen.getAllByRole('row') as HTMLElement[];
    expect(first?.dataset.sku).toBe('SKU-0');
    expect(first?.hasAttribute('data-odd')).toBe(false);
    expect(second?.dataset.odd).toBe('true');
    expect(second?.className).toBe('row');
  });

  it(`draws at most ${MAX_TABLE_ROWS} rows, the first ones`, () => {
    render(<DataTable columns={COLUMNS} rows={items(MAX_TABLE_ROWS + 5)} rowKey={(r) => r.sku} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(MAX_TABLE_ROWS);
    expect(rows.at(-1)?.textContent).toContain(`SKU-${MAX_TABLE_ROWS - 1}`);
  });
});
