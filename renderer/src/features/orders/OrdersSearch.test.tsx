// @vitest-environment jsdom
// The Orders screen asking the server: a search for an order the console does not hold, debounced
// while typing, the newest request winning, the count the server's; "assigned to me" and the
// ship-by sort asked of the server too.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientState, OrderPage, QueryRequest } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { delivered } from '../../test/deliveries';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { OrdersScreen } from './OrdersScreen';
import { SEARCH_DEBOUNCE_MS } from './useServerOrders';

vi.mock('./useElementSize', () => ({ useElementSize: () => ({ width: 1200, height: 600 }) }));

beforeAll(() => {
  initI18n('tr');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const ME = { id: 'u-mehmet', name: 'Mehmet Kaya', role: 'sales' as const };
const state: ClientState = {
  connection: { state: 'connected', since: 0, attempt: 0 },
  channels: {},
  user: ME,
  presence: [],
  outbox: { pending: [], failed: [] },
};

function view(orderNumber: string) {
  const e = orderCreated({ orderNumber });
  return { orderKey: `trendyol:${orderNumber}`, event: delivered(e).event, notes: [] };
}

const shown = () =>
  [...document.querySelectorAll('[role="row"][data-order-number]')].map((r) => r.getAttribute('data-order-number'));

function setup(answer: (req: QueryRequest) => Promise<OrderPage>) {
  vi.useFakeTimers();
  const fake = fakeBridge({ query: vi.fn(answer) });
  window.live = fake.bridge;
  const store = createStore();
  store.dispatch(
    batchReceived({
      events: Array.from({ length: 3 }, (_, i) => delivered(orderCreated({ orderNumber: `NEW-${i}` }))),
      state,
    }),
  );
  render(
    <Provider store={store}>
      <OrdersScreen />
    </Provider>,
  );
  return { query: fake.bridge.query as ReturnType<typeof vi.fn>, store };
}

const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10)));

describe('OrdersScreen searching the server', () => {
  it('finds an order the console does not hold; one request after typing; the count is the server’s', async () => {
    const { query } = setup(async () => ({ items: [view('OLD-42')], total: 1 }));
    const box = screen.getByLabelText('Sipariş ara');
    for (const text of ['O', 'OL', 'OLD', 'OLD-42']) fireEvent.change(box, { target: { value: text } });
    await settle();
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]?.[0]).toEqual({
      resource: 'orders',
      params: { q: 'OLD-42', sort: '-updatedAt', limit: '200' },
    });
    expect(shown()).toEqual(['OLD-42']);
    expect(screen.getByTestId('orders-summary').textContent).toBe('1 sipariş bulundu');
  });

  it('drops the answer of a superseded search', async () => {
    let release: (p: OrderPage) => void = () => undefined;
    const { query } = setup((req) =>
      req.resource === 'orders' && req.params.q === 'FIRST'
        ? new Promise<OrderPage>((r) => (release = r))
        : Promise.resolve({ items: [view('SECOND-1')], total: 1 }),
    );
    const box = screen.getByLabelText('Sipariş ara');
    fireEvent.change(box, { target: { value: 'FIRST' } });
    await settle();
    fireEvent.change(box, { target: { value: 'SECOND' } });
    await settle();
    await act(async () => release({ items: [view('FIRST-1')], total: 1 }));
    expect(query).toHaveBeenCalledTimes(2);
    expect(shown()).toEqual(['SECOND-1']);
  });

  it('asks the server for "assigned to me" and the ship-by sort', async () => {
    const { query } = setup(async () => ({ items: [], total: 0 }));
    // (the screen remembers its filters: start without the search of the test before)
    fireEvent.change(screen.getByLabelText('Sipariş ara'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Bana atananlar'));
    fireEvent.change(screen.getByLabelText('Sıralama'), { target: { value: 'shipBy' } });
    await settle();
    expect(query).toHaveBeenLastCalledWith({
      resource: 'orders',
      params: { sort: 'shipBy', limit: '200', claimedBy: 'me' },
    });
    expect(screen.getByTestId('orders-summary').textContent).toBe('0 sipariş bulundu');
  });

  it('"Dışa aktar" has the host export the current filter, and says what it saved', async () => {
    setup(async () => ({ items: [], total: 0 }));
    URL.createObjectURL = vi.fn(() => 'blob:csv');
    fireEvent.change(screen.getByLabelText('Sipariş ara'), { target: { value: 'izmir' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dışa aktar' }));
    await act(async () => void (await vi.advanceTimersByTimeAsync(1)));
    expect(window.live!.exportCsv).toHaveBeenCalledWith(
      {
        resource: 'orders',
        params: expect.objectContaining({ q: 'izmir', sort: 'shipBy', claimedBy: 'me' }),
      },
      expect.any(String),
    );
    expect(screen.getByTestId('export-orders-status').textContent).toBe('0 satır kaydedildi: siparisler.csv');
    // The file never passes through the page.
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });
});
