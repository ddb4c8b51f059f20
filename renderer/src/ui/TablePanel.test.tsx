// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { MAX_TABLE_ROWS, type Column } from './DataTable';
import { Panel } from './Panel';
import { listTexts, TablePanel } from './TablePanel';

beforeAll(() => {
  initI18n('tr');
});
afterEach(cleanup);

const COLUMNS: Column<string>[] = [{ id: 'sku', header: 'Ürün', cell: (r) => r }];
const skus = (n: number) => Array.from({ length: n }, (_, i) => `SKU-${i}`);

function panel(rows: string[]) {
  return render(
    <TablePanel
      id="stock-out"
      title="Stokta yok"
      description="Satılabilir stoğu kalmayan ürünler."
      empty="Stoğu biten ürün yok."
      tone="bad"
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r}
    />,
  );
}

describe('table panel', () => {
  it('is a region named by its heading, with the row count beside the title', () => {
    panel(skus(3));
    // The panel, and inside it the area the table scrolls sideways in (focusable, so the keyboard
    // can scroll it), both named after the heading.
    const [section, scroll] = screen.getAllByRole('region', { name: 'Stokta yok 3' }) as HTMLElement[];
    expect(section).toBe(screen.getByTestId('panel-stock-out'));
    expect(section?.dataset.tone).toBe('bad');
    expect(within(section as HTMLElement).getByRole('heading', { level: 2 }).textContent).toBe('Stokta yok 3');
    expect(within(section as HTMLElement).getByText('Satılabilir stoğu kalmayan ürünler.')).toBeTruthy();
    expect(scroll?.tabIndex).toBe(0);
    expect(section?.contains(scroll as HTMLElement)).toBe(true);
    expect(within(scroll as HTMLElement).getAllByRole('row')).toHaveLength(4);
    expect(section?.querySelector('.ops-more')).toBeNull();
  });

  it('says so instead of drawing an empty table', () => {
    panel([]);
    const section = screen.getByTestId('panel-stock-out');
    expect(within(section).queryByRole('table')).toBeNull();
    expect(within(section).getByText('Stoğu biten ürün yok.')).toBeTruthy();
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Stokta yok 0');
  });

  it(`says when it shows only the first ${MAX_TABLE_ROWS} rows`, () => {
    panel(skus(MAX_TABLE_ROWS + 1));
    const section = screen.getByTestId('panel-stock-out');
    expect(within(section).getAllByRole('row')).toHaveLength(MAX_TABLE_ROWS + 1);
    expect(
      within(section).getByText(`201 satırın ilk ${MAX_TABLE_ROWS} tanesi gösteriliyor; daraltmak için arayın.`),
    ).toBeTruthy();
  });

  it('finds a list’s id and texts by the screens’ naming', () => {
    const t = initI18n('tr').t;
    expect(listTexts(t, 'stock', 'out')).toEqual({
      id: 'stock-out',
      title: t('stockView.out.title'),
      description: t('stockView.out.description'),
      empty: t('stockView.out.empty'),
    });
    expect(listTexts(t, 'prices', 'lost').title).toBe('Buybox kaybedildi');
  });
});

describe('panel', () => {
  it('without a count, its heading is the title alone; no tone, no mark', () => {
    render(
      <Panel id="lag" className="system-lag" title="Senkron gecikmesi">
        <p>içerik</p>
      </Panel>,
    );
    const section = screen.getByTestId('panel-lag');
    expect(section.className).toBe('ops-panel system-lag');
    expect(section.hasAttribute('data-tone')).toBe(false);
    expect(within(section).getByRole('heading', { level: 2 }).innerHTML).toBe('Senkron gecikmesi');
    expect(section.querySelector('.ops-panel-desc')).toBeNull();
  });
});
