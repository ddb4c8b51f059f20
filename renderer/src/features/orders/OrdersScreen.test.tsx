// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientState, LiveBatch, Marketplace, OrderPayload, PresenceEntry } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { delivered } from '../../test/deliveries';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { focused } from '../ui/uiSlice';
import { OrdersScreen } from './OrdersScreen';
import { TIMELINE_REFRESH_MS } from './OrderTimeline';

// jsdom lays nothing out: give the virtualised list a size (600 px = 15 rows of 40 px).
vi.mock('./useElementSize', () => ({ useElementSize: () => ({ width: 1200, height: 600 }) }));

beforeAll(() => {
  initI18n('tr');
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const ME = { id: 'u-mehmet', name: 'Mehmet Kaya', role: 'sales' as const };
const AYSE = { id: 'u-ayse', name: 'Ayşe Yılmaz' };
const ACT_KEY = 'k'.repeat(16);

function order(orderNumber: string, over: Partial<OrderPayload> & { marketplace?: Marketplace } = {}) {
  const { marketplace, ...payload } = over;
  const e = orderCreated({ orderNumber });
  if (e.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  if (marketplace) e.marketplace = marketplace;
  Object.assign(e.payload, payload);
  return delivered(e);
}

function state(over: Partial<ClientState> = {}): ClientState {
  return {
    connection: { state: 'connected', since: 0, attempt: 0 },
    channels: {},
    user: ME,
    presence: [],
    outbox: { pending: [], failed: [] },
    ...over,
  };
}

function setup(batch: Partial<LiveBatch> = {}, client: Partial<ClientState> = {}, focus?: string) {
  const fake = fakeBridge();
  window.live = fake.bridge;
  const store = createStore();
  store.dispatch(batchReceived({ events: [], state: state(client), ...batch }));
  if (focus) store.dispatch(focused({ view: 'orders', item: focus }));
  render(
    <Provider store={store}>
      <OrdersScreen />
    </Provider>,
  );
  const push = (b: Partial<LiveBatch>) => act(() => void store.dispatch(batchReceived({ events: [], ...b })));
  return { store, bridge: fake.bridge, push };
}

const shown = () =>
  [...document.querySelectorAll('[role="row"][data-order-number]')].map((r) => r.getAttribute('data-order-number'));
const rowOf = (n: string) => document.querySelector(`[role="row"][data-order-number="${n}"]`) as HTMLElement;
const at = (ms: number) => new Date(ms).toISOString();

describe('OrdersScreen', () => {
  it('filters by marketplace, status, ship-by window and order number, and clears them', () => {
    const now = Date.now();
    setup({
      events: [
        order('TY-SOON', { marketplace: 'trendyol', status: 'new', shipBy: at(now + 2 * 3600_000) }),
        order('HB-LATE', { marketplace: 'hepsiburada', status: 'picking', shipBy: at(now - 30 * 60_000) }),
        order('TY-SHIPPED', { marketplace: 'trendyol', status: 'shipped', shipBy: at(now - 3600_000) }),
        order('N11-LATER', { marketplace: 'n11', status: 'invoiced', shipBy: at(now + 50 * 3600_000) }),
        order('TY-abc-77', { marketplace: 'trendyol', status: 'new', shipBy: at(now + 30 * 3600_000) }),
      ],
    });
    expect(shown()).toEqual(['TY-abc-77', 'N11-LATER', 'TY-SHIPPED', 'HB-LATE', 'TY-SOON']);

    fireEvent.change(screen.getByLabelText('Pazaryeri'), { target: { value: 'trendyol' } });
    expect(shown()).toEqual(['TY-abc-77', 'TY-SHIPPED', 'TY-SOON']);

    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'open' } });
    expect(shown()).toEqual(['TY-abc-77', 'TY-SOON']);

    fireEvent.click(screen.getByRole('radio', { name: '4 saat içinde' }));
    expect(shown()).toEqual(['TY-SOON']);

    fireEvent.change(screen.getByLabelText('Pazaryeri'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'all' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Gecikmiş' }));
    // A shipped order is not late, whatever its deadline was.
    expect(shown()).toEqual(['HB-LATE']);

    fireEvent.click(screen.getByRole('radio', { name: 'Tümü' }));
    fireEvent.change(screen.getByLabelText('Sipariş ara'), { target: { value: 'ABC' } });
    expect(shown()).toEqual(['TY-abc-77']);

    fireEvent.change(screen.getByLabelText('Sipariş ara'), { target: { value: 'yok-böyle' } });
    expect(shown()).toEqual([]);
    expect(screen.getByText('Filtrelere uyan sipariş yok.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Filtreleri temizle' }));
    expect(shown()).toHaveLength(5);
    expect(screen.getByTestId('orders-summary').textContent).toBe('5 siparişten 5 tanesi gösteriliyor');
  });

  it('counts down to the ship-by time every minute, and says when it is late', () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T11:00:00Z') });
    const now = Date.now();
    setup({
      events: [
        order('DUE-1', { shipBy: at(now + (2 * 60 + 15) * 60_000 + 30_000) }),
        order('LATE-1', { shipBy: at(now - 45 * 60_000 - 10_000) }),
        order('FAR-1', { shipBy: at(now + (26 * 60 + 5) * 60_000) }),
      ],
    });
    const due = () => rowOf('DUE-1').querySelector('.ord-due') as HTMLElement;
    expect(due().textContent).toBe('2 sa 15 dk kaldı');
    expect(due().dataset.urgency).toBe('soon');
    expect(rowOf('LATE-1').querySelector('.ord-due')?.textContent).toBe('45 dk gecikti');
    expect(rowOf('FAR-1').querySelector('.ord-due')?.textContent).toBe('1 gün 2 sa kaldı');
    // Ordered at, Istanbul time (UTC+3): today's by the time, the date in the tooltip.
    const orderedAt = rowOf('DUE-1').querySelector('.ord-c-orderedAt time') as HTMLElement;
    expect(orderedAt.textContent).toBe('14:00');
    expect(orderedAt.title).toBe('26.11.2026 14:00');

    act(() => void vi.advanceTimersByTime(60_000));
    expect(due().textContent).toBe('2 sa 14 dk kaldı');
    expect(rowOf('LATE-1').querySelector('.ord-due')?.textContent).toBe('46 dk gecikti');

    act(() => void vi.advanceTimersByTime((2 * 60 + 14) * 60_000 + 60_000));
    expect(due().textContent).toBe('1 dk gecikti');
    expect(due().dataset.urgency).toBe('late');
  });

  it("asks for the open order's history again when it changes live: an event, a claim, a note", async () => {
    vi.useFakeTimers();
    const { bridge, push } = setup({ events: [order('TY-9')] });
    fireEvent.click(rowOf('TY-9'));
    const asked = () =>
      (bridge.query as ReturnType<typeof vi.fn>).mock.calls.filter(([r]) => r.resource === 'order').length;
    const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS + 10)));
    await settle();
    expect(asked()).toBe(1);
    push({ events: [order('TY-9', { status: 'picking', kind: 'ORDER_STATUS_CHANGED' })] });
    await settle();
    expect(asked()).toBe(2);
    push({
      events: [
        delivered({
          type: 'ORDER_CLAIMED',
          payload: { orderKey: 'trendyol:TY-9', by: AYSE, at: at(Date.now()) },
        } as never),
      ],
    });
    await settle();
    expect(asked()).toBe(3);
    push({
      events: [
        delivered({
          type: 'ORDER_NOTE_ADDED',
          payload: { orderKey: 'trendyol:TY-9', noteId: 'n1', text: 'Kutu ezik', by: AYSE, at: at(Date.now()) },
        } as never),
      ],
    });
    await settle();
    expect(asked()).toBe(4);
  });

  it('claims the selected order with its key; offline, says the claim waits to be sent', async () => {
    const { bridge } = setup(
      { events: [order('HB-42', { marketplace: 'hepsiburada' }), order('TY-1')] },
      { connection: { state: 'offline', since: 0, attempt: 0 } },
    );
    fireEvent.click(rowOf('HB-42'));
    expect(rowOf('HB-42').getAttribute('aria-selected')).toBe('true');
    const claim = screen.getByTestId('order-claim');
    expect(within(claim).getByTestId('order-holder').textContent).toBe('Henüz kimse üstlenmedi');
    await act(async () => fireEvent.click(within(claim).getByRole('button', { name: 'Üstlen' })));
    expect(bridge.act).toHaveBeenCalledWith({ type: 'ORDER_CLAIM', orderKey: 'hepsiburada:HB-42' });
    expect(within(claim).getByRole('status').textContent).toBe('Üstlenme kuyrukta, bağlantı gelince gönderilecek');
    expect((within(claim).getByRole('button', { name: 'Üstlen' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a refused claim in place with the name of who holds the order, until they let go', async () => {
    const { push } = setup({ events: [order('TY-7')] });
    fireEvent.click(rowOf('TY-7'));
    const claim = screen.getByTestId('order-claim');
    await act(async () => fireEvent.click(within(claim).getByRole('button', { name: 'Üstlen' })));
    expect(within(claim).getByRole('status').textContent).toBe('Üstlenme gönderiliyor…');

    push({
      outcomes: [
        {
          key: ACT_KEY,
          ok: false,
          error: { code: 'already_claimed', message: 'claimed', details: { holder: AYSE } },
        },
      ],
      events: [
        delivered({
          type: 'ORDER_CLAIMED',
          payload: { orderKey: 'trendyol:TY-7', by: AYSE, at: at(Date.now()) },
        } as never),
      ],
    });
    expect(within(claim).getByRole('status').textContent).toBe('Ayşe Yılmaz bu siparişle ilgileniyor');
    expect(within(claim).getByTestId('order-holder').textContent).toBe('Sorumlu: Ayşe Yılmaz');
    expect(rowOf('TY-7').textContent).toContain('Ayşe Yılmaz');

    push({
      events: [
        delivered({
          type: 'ORDER_RELEASED',
          payload: { orderKey: 'trendyol:TY-7', by: AYSE, at: at(Date.now()) },
        } as never),
      ],
    });
    expect(within(claim).getByTestId('order-holder').textContent).toBe('Henüz kimse üstlenmedi');
    expect(within(claim).queryByText(/ilgileniyor/)).toBeNull();
  });

  it('adds a note to the order, and lists notes still waiting in the outbox', async () => {
    const { bridge, push } = setup({ events: [order('TY-9')] });
    fireEvent.click(rowOf('TY-9'));
    const notes = screen.getByTestId('order-notes');
    const field = within(notes).getByLabelText('Yeni not');
    expect((within(notes).getByRole('button', { name: 'Notu ekle' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field, { target: { value: '  Kutu hasarlı  ' } });
    await act(async () => fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true }));
    expect(bridge.act).toHaveBeenCalledWith({ type: 'ORDER_NOTE', orderKey: 'trendyol:TY-9', text: 'Kutu hasarlı' });
    expect((field as HTMLTextAreaElement).value).toBe('');

    push({
      state: state({
        outbox: {
          pending: [
            {
              key: ACT_KEY,
              action: { type: 'ORDER_NOTE', orderKey: 'trendyol:TY-9', text: 'Kutu hasarlı' },
              createdAt: 1,
              attempts: 0,
            },
          ],
          failed: [],
        },
      }),
    });
    const queued = notes.querySelector('[data-queued]') as HTMLElement;
    expect(queued.textContent).toContain('Kutu hasarlı');
    expect(queued.textContent).toContain('Kuyrukta');

    push({
      state: state(),
      outcomes: [{ key: ACT_KEY, ok: true, result: { orderKey: 'trendyol:TY-9', noteId: 'n1' } }],
      events: [
        delivered({
          type: 'ORDER_NOTE_ADDED',
          payload: { orderKey: 'trendyol:TY-9', noteId: 'n1', text: 'Kutu hasarlı', by: ME, at: at(Date.now()) },
        } as never),
      ],
    });
    expect(notes.querySelector('[data-queued]')).toBeNull();
    expect(within(notes).getByText('Kutu hasarlı')).toBeTruthy();
    expect(within(notes).getByRole('status').textContent).toBe('Not kaydedildi');
  });

  it('shows who else views the Orders screen, never the signed-in user', () => {
    const presence: PresenceEntry[] = [
      { userId: ME.id, name: ME.name, role: 'sales', devices: 2, views: ['orders'] },
      { userId: AYSE.id, name: AYSE.name, role: 'warehouse', devices: 1, views: ['dashboard', 'orders'] },
      { userId: 'u-zeynep', name: 'Zeynep Demir', role: 'admin', devices: 1, views: ['stock'] },
    ];
    setup({}, { presence });
    const list = screen.getByRole('list', { name: 'Bu ekrana bakan diğer kişiler' });
    const people = within(list).getAllByRole('listitem');
    expect(people).toHaveLength(1);
    expect(people[0]?.textContent).toBe('AYAyşe Yılmaz (Depo)');
    expect(list.textContent).not.toContain('Mehmet Kaya');
    expect(list.textContent).not.toContain('Zeynep');
  });

  it('moves with the arrow keys and opens the order with Enter, focusing the panel', () => {
    setup({ events: [order('K-1'), order('K-2'), order('K-3')] });
    // One tab stop in the grid: the first row.
    expect(rowOf('K-3').tabIndex).toBe(0);
    expect(rowOf('K-2').tabIndex).toBe(-1);
    rowOf('K-3').focus();
    fireEvent.keyDown(rowOf('K-3'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rowOf('K-2'));
    fireEvent.keyDown(rowOf('K-2'), { key: 'End' });
    expect(document.activeElement).toBe(rowOf('K-1'));
    fireEvent.keyDown(rowOf('K-1'), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rowOf('K-2'));
    expect(rowOf('K-2').tabIndex).toBe(0);
    fireEvent.keyDown(rowOf('K-2'), { key: 'Enter' });
    expect(rowOf('K-2').getAttribute('aria-selected')).toBe('true');
    const heading = screen.getByRole('heading', { level: 2, name: /K-2/ });
    expect(document.activeElement).toBe(heading);

    fireEvent.keyDown(heading, { key: 'Escape' });
    expect(screen.queryByRole('heading', { level: 2, name: /K-2/ })).toBeNull();
    expect(document.activeElement).toBe(rowOf('K-2'));
  });

  it('holds the rows in place while scrolled down, counting new orders above', () => {
    const { push } = setup({ events: Array.from({ length: 30 }, (_, i) => order(`S-${i}`)) });
    const scroller = document.querySelector('.ord-scroll') as HTMLElement;
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 600 });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 30 * 40 });
    scroller.scrollTop = 400;
    fireEvent.scroll(scroller);
    push({ events: [order('S-NEW')] });
    expect(shown()).not.toContain('S-NEW');
    const pill = screen.getByRole('button', { name: /1 yeni sipariş/ });
    expect(screen.getByText('Akış duraklatıldı')).toBeTruthy();

    fireEvent.click(pill);
    scroller.scrollTop = 0;
    fireEvent.scroll(scroller);
    expect(shown()[0]).toBe('S-NEW');
    expect(screen.queryByRole('button', { name: /yeni sipariş/ })).toBeNull();
  });

  it('holds the rows in place under the pointer, so a click opens the order aimed at', () => {
    const { push, store } = setup({ events: [order('P-1'), order('P-2', { status: 'new' })] });
    const table = document.querySelector('.ord-table') as HTMLElement;
    fireEvent.pointerEnter(table);
    push({ events: [order('P-3'), order('P-4')] });
    expect(shown()).toEqual(['P-2', 'P-1']);
    // Said in the header, not over the rows (where a pill would take the click aimed at a row).
    expect(screen.getByText('Akış duraklatıldı · 2 yeni')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /yeni sipariş/ })).toBeNull();
    fireEvent.click(rowOf('P-2'));
    expect(screen.getByRole('heading', { level: 2, name: /P-2/ })).toBeTruthy();

    // A held order that leaves the filter keeps its place until the pointer leaves.
    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'new' } });
    expect(shown()).toEqual(['P-4', 'P-3', 'P-2', 'P-1']);
    push({ events: [order('P-2', { status: 'picking' })] });
    expect(shown()).toEqual(['P-4', 'P-3', 'P-2', 'P-1']);
    fireEvent.pointerLeave(table);
    expect(shown()).not.toContain('P-2');
    expect(screen.getByText('Canlı')).toBeTruthy();

    // An order a notification points at shows even while the pointer holds the table.
    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'all' } });
    fireEvent.pointerEnter(table);
    push({ events: [order('P-5')] });
    expect(shown()).not.toContain('P-5');
    act(() => void store.dispatch(focused({ view: 'orders', item: 'trendyol:P-5' })));
    expect(shown()[0]).toBe('P-5');
  });

  it('opens the order a notification (or the dashboard feed) pointed at, once', () => {
    const { store } = setup({ events: [order('F-1'), order('F-2')] }, {}, 'trendyol:F-1');
    expect(rowOf('F-1').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: /F-1/ })).toBeTruthy();
    expect(store.getState().ui.focus).toBeUndefined();
  });
});
