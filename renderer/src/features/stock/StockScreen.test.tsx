// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { live, setup, stockEvent } from '../alerts/test/harness';
import { StockScreen } from './StockScreen';

afterEach(cleanup);

const panel = (id: string) => within(screen.getByTestId(`panel-${id}`));
const rowOf = (id: string, sku: string) =>
  screen.getByTestId(`panel-${id}`).querySelector(`tr[data-sku="${sku}"]`) as HTMLElement | null;

describe('stock screen', () => {
  it('highlights oversell risk: out of stock while a marketplace still lists units', () => {
    const h = setup();
    h.render(<StockScreen />);
    act(() => {
      h.deliver(
        'inventory',
        live(stockEvent('KOT-SLM-LCV-32', { listed: 3 }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32'),
        live(stockEvent('TSH-PMK-BYZ-M', { listed: 0 }), 'high', 'OUT_OF_STOCK:TSH-PMK-BYZ-M'),
      );
    });
    const risky = rowOf('stock-out', 'KOT-SLM-LCV-32') as HTMLElement;
    const zeroed = rowOf('stock-out', 'TSH-PMK-BYZ-M') as HTMLElement;
    // Riskiest first.
    expect(risky.compareDocumentPosition(zeroed) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(risky.dataset.oversell).toBe('true');
    expect(risky.classList.contains('is-oversell')).toBe(true);
    expect(within(risky).getByText('Satış riski')).toBeTruthy();
    const trendyol = risky.querySelector('[data-marketplace="trendyol"]') as HTMLElement;
    expect(trendyol.dataset.selling).toBe('true');
    expect(within(trendyol).getByText('3 adet')).toBeTruthy();
    expect(within(trendyol).getByText('Hâlâ satışta')).toBeTruthy();
    expect(within(trendyol).getByText('Bekliyor')).toBeTruthy();
    expect(zeroed.dataset.oversell).toBeUndefined();
    expect(within(zeroed).queryByText('Satış riski')).toBeNull();
    expect(screen.getByTestId('tile-oversell').textContent).toContain('1');
    expect(screen.getByTestId('tile-out').textContent).toContain('2');

    // Stock back: the row leaves the out-of-stock list and the risk with it.
    act(() => {
      h.deliver('inventory', live(stockEvent('KOT-SLM-LCV-32', { available: 5, listed: 5, push: 'ok' }), 'normal'));
    });
    expect(rowOf('stock-out', 'KOT-SLM-LCV-32')).toBeNull();
    expect(rowOf('stock-low', 'KOT-SLM-LCV-32')).not.toBeNull();
    expect(screen.getByTestId('tile-oversell').textContent).toContain('0');
  });

  it('lists low stock with available, on hand, reserved and threshold, and the title learnt from orders', () => {
    const h = setup();
    h.render(<StockScreen />);
    act(() => {
      h.deliver('orders', live(orderCreated(), 'normal'));
      h.deliver('inventory', live(stockEvent('TSH-PMK-BYZ-M', { available: 4, threshold: 15, listed: 4 }), 'normal'));
    });
    const row = rowOf('stock-low', 'TSH-PMK-BYZ-M') as HTMLElement;
    const cells = within(row);
    expect(cells.getByText('Pamuklu Basic Tişört Beyaz M')).toBeTruthy();
    expect(cells.getByText('4')).toBeTruthy();
    expect(cells.getByText('Eldeki 5 · Rezerve 1')).toBeTruthy();
    expect(cells.getByText('15')).toBeTruthy();
    expect(panel('stock-out').getByText('Stokta olmayan ürün yok.')).toBeTruthy();
  });

  it('lists mismatches and failed pushes, and filters by SKU', () => {
    const h = setup();
    h.render(<StockScreen />);
    act(() => {
      h.deliver(
        'inventory',
        live(
          stockEvent('SRJ-HZL-20W', { kind: 'STOCK_PUSH_FAILED', available: 40, listed: 52, push: 'failed' }),
          'high',
        ),
        live(stockEvent('KLF-SLK-A55', { kind: 'STOCK_MISMATCH', available: 60, listed: 64, push: 'ok' }), 'high'),
      );
    });
    const failed = rowOf('stock-issues', 'SRJ-HZL-20W') as HTMLElement;
    expect(within(failed).getByText('Stok gönderilemedi')).toBeTruthy();
    expect(within(failed).getByText('Başarısız')).toBeTruthy();
    expect(within(failed).getAllByText('Depoda: 40').length).toBeGreaterThan(0);
    expect(within(rowOf('stock-issues', 'KLF-SLK-A55') as HTMLElement).getByText('Stok uyuşmazlığı')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Ürün ara'), { target: { value: 'srj' } });
    expect(rowOf('stock-issues', 'KLF-SLK-A55')).toBeNull();
    expect(rowOf('stock-issues', 'SRJ-HZL-20W')).not.toBeNull();
  });
});
