// @vitest-environment jsdom
// The dashboard's order feed: newest first, live, each row's texts, the link to the Orders screen,
// and only the rows in view of its scroll region drawn (jsdom lays nothing out: the region and the
// rows are given a geometry below, 30 px a row).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useRef } from 'react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderPayload } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { delivered } from '../../test/deliveries';
import { batchReceived } from '../live/liveActions';
import { OrderFeed } from './OrderFeed';

beforeAll(() => {
  initI18n('tr');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function order(orderNumber: string, over: Partial<OrderPayload> = {}) {
  const e = orderCreated({ orderNumber, total: 123_450 });
  if (e.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  Object.assign(e.payload, over);
  return delivered(e);
}

function Region() {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div ref={ref} data-testid="region">
      <OrderFeed scrollRef={ref} />
    </div>
  );
}

function setup() {
  const store = createStore();
  render(
    <Provider store={store}>
      <Region />
    </Provider>,
  );
  const push = (...events: ReturnType<typeof delivered>[]) => act(() => void store.dispatch(batchReceived({ events })));
  return { store, push };
}

const shown = () =>
  [...document.querySelectorAll('[data-testid="order-feed"] li')].map((r) => r.getAttribute('data-order-number'));

describe('OrderFeed', () => {
  it('shows the newest order first, with its texts; a new order comes in at the top', () => {
    const { push } = setup();
    expect(screen.getByText('Yeni siparişler burada görünecek.')).toBeTruthy();
    push(order('TY-1'), order('TY-2', { customerCity: 'Bursa' }));
    expect(shown()).toEqual(['TY-2', 'TY-1']);
    const row = document.querySelector('[data-order-number="TY-2"]') as HTMLElement;
    expect(row.className).toBe('order-row');
    expect(row.dataset.priority).toBe('normal');
    expect(within(row).getByRole('link', { name: 'TY-2' }).getAttribute('href')).toBe('#/orders');
    expect(row.textContent).toContain('Trendyol');
    expect(row.textContent).toContain('₺1.234,50');
    expect(row.textContent).toContain('2 adet');
    expect(row.textContent).toContain('Bursa');
    expect(row.querySelector('.order-status')?.textContent).toBe('Yeni');

    push(order('TY-3'));
    expect(shown()).toEqual(['TY-3', 'TY-2', 'TY-1']);
  });

  it('updates a row when its order changes, and moves it to the top', () => {
    const { push } = setup();
    push(order('TY-1'), order('TY-2'));
    const cells = (n: string) => document.querySelector(`[data-order-number="${n}"] .order-status`)?.textContent;
    expect(cells('TY-1')).toBe('Yeni');
    push(order('TY-1', { kind: 'ORDER_STATUS_CHANGED', status: 'picking', rawStatus: 'Picking' }));
    expect(shown()).toEqual(['TY-1', 'TY-2']);
    expect(cells('TY-1')).toBe('Hazırlanıyor');
    expect(cells('TY-2')).toBe('Yeni');
  });

  it('opens the order on the Orders screen from its number', () => {
    const { store, push } = setup();
    push(order('TY-7'));
    fireEvent.click(screen.getByRole('link', { name: 'TY-7' }));
    expect(store.getState().ui).toMatchObject({ view: 'orders', focus: 'trendyol:TY-7' });
  });

  it('draws the rows in view of its region, keeping the room of the others, as it scrolls', async () => {
    const ROW = 30;
    const VIEW = 300;
    let scrollTop = 0;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly cb: () => void) {}
        observe() {
          queueMicrotask(() => this.cb());
        }
        disconnect() {}
      },
    );
    const { push } = setup();
    const region = screen.getByTestId('region');
    Object.defineProperty(region, 'clientHeight', { configurable: true, get: () => VIEW });
    // The list starts 40 px into the region's content; each drawn row sits where its number says.
    const rect = (top: number, height: number) => ({ top, bottom: top + height }) as DOMRect;
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const listTop = 40 - scrollTop;
      if (this === region) return rect(0, VIEW);
      if (this.tagName === 'OL') return rect(listTop, 100 * ROW);
      const position = Number(this.getAttribute('aria-posinset') ?? 1);
      return rect(listTop + (position - 1) * ROW, ROW);
    });

    push(...Array.from({ length: 100 }, (_, i) => order(`TY-${i}`)));
    const list = screen.getByTestId('order-feed');
    // Before the region is measured: the first rows.
    expect(shown()).toHaveLength(20);
    expect(shown()[0]).toBe('TY-99');
    expect(list.querySelector('li')?.getAttribute('aria-setsize')).toBe('100');

    // Measured: what fits in 300 px, and a few more either side.
    await act(async () => undefined);
    // 260 px of list in view (9 rows), and 6 more.
    expect(shown()).toEqual(Array.from({ length: 15 }, (_, i) => `TY-${99 - i}`));
    expect(list.style.paddingTop).toBe('0px');
    expect(list.style.paddingBottom).toBe(`${85 * ROW}px`);

    // Scrolled to the 51st row: rows 45 to 66 drawn, the 44 above kept as room.
    scrollTop = 40 + 50 * ROW;
    fireEvent.scroll(region);
    expect(shown()).toEqual(Array.from({ length: 66 - 44 }, (_, i) => `TY-${99 - 44 - i}`));
    expect(list.style.paddingTop).toBe(`${44 * ROW}px`);
    expect(list.style.paddingBottom).toBe(`${34 * ROW}px`);
    expect(list.querySelector('li')?.getAttribute('aria-posinset')).toBe('45');
  });
  it('holds still while the pointer is over it: new orders are counted, then shown on leaving', () => {
    const { push } = setup();
    push(order('TY-1'), order('TY-2'));
    expect(shown()).toEqual(['TY-2', 'TY-1']);
    const feed = screen.getByTestId('order-feed');
    fireEvent.pointerEnter(feed);
    push(order('TY-3'), order('TY-4'));
    expect(shown()).toEqual(['TY-2', 'TY-1']);
    const notice = screen.getByTestId('order-feed-held');
    expect(notice.textContent).toBe('Duraklatıldı · 2 yeni sipariş');
    expect(screen.getByRole('status').textContent).toBe(
      'Akış duraklatıldı, yeni siparişler var; akıştan çıkınca güncellenir.',
    );
    fireEvent.pointerLeave(feed);
    expect(shown()).toEqual(['TY-4', 'TY-3', 'TY-2', 'TY-1']);
    expect(screen.queryByTestId('order-feed-held')).toBeNull();
  });
});
