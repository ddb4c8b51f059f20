// @vitest-environment jsdom
// Looking up any SKU (a healthy one too) from the stock screen: the server's answer under the live
// lists, and "Dışa aktar" with the same search.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StockPage } from '../../../../protocol';
import { QUERY_DEBOUNCE_MS } from '../../ui/useServerQuery';
import { setup } from '../alerts/test/harness';
import { StockScreen } from './StockScreen';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const healthy: StockPage = {
  items: [
    {
      sku: 'ATK-YUN-LCV',
      title: 'Yün Atkı Lacivert',
      barcode: '8690000000123',
      onHand: 124,
      reserved: 4,
      available: 120,
      level: 'ok',
      mismatch: false,
      channels: [{ marketplace: 'trendyol', pushStatus: 'ok', listedQty: 120 }],
      updatedAt: '2026-12-07T09:00:00.000Z',
    },
  ],
  total: 1,
};

describe('stock lookup', () => {
  it('finds a healthy SKU the live lists do not show', async () => {
    vi.useFakeTimers();
    const h = setup();
    (h.bridge.query as ReturnType<typeof vi.fn>).mockResolvedValue(healthy);
    h.render(<StockScreen />);
    expect(screen.queryByTestId('stock-lookup')).toBeNull();
    fireEvent.change(screen.getByLabelText('Ürün ara'), { target: { value: 'atkı' } });
    await act(async () => void (await vi.advanceTimersByTimeAsync(QUERY_DEBOUNCE_MS + 10)));
    expect(h.bridge.query).toHaveBeenCalledTimes(1);
    expect(h.bridge.query).toHaveBeenCalledWith({ resource: 'stock', params: { q: 'atkı', limit: '100' } });
    const lookup = within(screen.getByTestId('stock-lookup'));
    const row = screen.getByTestId('stock-lookup').querySelector('tr[data-sku="ATK-YUN-LCV"]') as HTMLElement;
    expect(row).toBeTruthy();
    expect(within(row).getByText('Yün Atkı Lacivert')).toBeTruthy();
    expect(within(row).getByText('Yeterli')).toBeTruthy();
    expect(lookup.getByText('1 ürün bulundu (sağlıklı stoklar dahil)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Dışa aktar' }));
    expect(h.bridge.exportCsv).toHaveBeenCalledWith({ resource: 'stock', params: { q: 'atkı' } }, expect.any(String));
  });
});
