// @vitest-environment jsdom
// Printing from the orders screen: a pick list grouped by SKU (quantities summed, barcodes) and a
// packing slip per order, then the print dialog through the bridge.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientState, OrderPayload } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { delivered } from '../../test/deliveries';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { OrdersScreen } from './OrdersScreen';

vi.mock('./useElementSize', () => ({ useElementSize: () => ({ width: 1200, height: 600 }) }));

beforeAll(() => {
  initI18n('tr');
});
afterEach(cleanup);

const state: ClientState = {
  connection: { state: 'connected', since: 0, attempt: 0 },
  channels: {},
  user: { id: 'u1', name: 'Ayşe Yılmaz', role: 'warehouse' },
  presence: [],
  outbox: { pending: [], failed: [] },
};

const money = { minor: 1000, currency: 'TRY' as const };
function order(orderNumber: string, lines: OrderPayload['lines']) {
  const e = orderCreated({ orderNumber });
  if (e.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  e.payload.lines = lines;
  return delivered(e);
}

describe('printing orders', () => {
  it('prints a pick list grouped by SKU and a packing slip per listed order', async () => {
    const fake = fakeBridge();
    let sheetsWhenPrinted: HTMLElement | null = null;
    fake.bridge.print = vi.fn(async () => {
      sheetsWhenPrinted = screen.getByTestId('print-sheets').cloneNode(true) as HTMLElement;
      return { printed: true };
    });
    window.live = fake.bridge;
    const store = createStore();
    store.dispatch(
      batchReceived({
        state,
        events: [
          order('P-1', [
            { sku: 'KUPA-01', barcode: '8690000000011', title: 'Kupa', qty: 2, unitPrice: money },
            { sku: 'ATKI-02', barcode: '8690000000028', title: 'Atkı', qty: 1, unitPrice: money },
          ]),
          order('P-2', [{ sku: 'KUPA-01', barcode: '8690000000011', title: 'Kupa', qty: 3, unitPrice: money }]),
        ],
      }),
    );
    render(
      <Provider store={store}>
        <OrdersScreen />
      </Provider>,
    );
    expect(screen.queryByTestId('print-sheets')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Yazdır' }));
    });
    expect(fake.bridge.print).toHaveBeenCalledTimes(1);
    const sheets = sheetsWhenPrinted as unknown as HTMLElement;
    const pick = within(sheets).getByTestId('pick-list');
    const rows = [...pick.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].slice(0, 5).map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['ATKI-02', 'Atkı', '8690000000028', '1', '1'],
      ['KUPA-01', 'Kupa', '8690000000011', '5', '2'],
    ]);
    const slips = within(sheets).getAllByTestId('packing-slip');
    expect(slips.map((s) => within(s).getByText(/^P-\d$/).textContent).sort()).toEqual(['P-1', 'P-2']);
  });
});
