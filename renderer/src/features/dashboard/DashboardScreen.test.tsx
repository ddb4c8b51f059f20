// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import type { LiveLineChartProps } from '../kpi/LiveLineChart';
import { metricAt, mockReducedMotion, pushMetrics } from '../kpi/test/metrics';
import { DashboardScreen } from './DashboardScreen';

// jsdom has no canvas: the one module that draws is replaced by a recorder of what it is given.
const charts: LiveLineChartProps[] = [];
vi.mock('../kpi/LiveLineChart', () => ({
  LiveLineChart: (props: LiveLineChartProps) => {
    charts.push(props);
    return null;
  },
}));
// The order feed is another screen's component; this screen only places it.
vi.mock('../orders/OrderFeed', () => ({ OrderFeed: () => null }));

const T0 = Date.UTC(2026, 10, 26, 9);

beforeAll(() => {
  initI18n('tr');
});
beforeEach(() => mockReducedMotion(true));
afterEach(() => {
  cleanup();
  charts.length = 0;
});

/** The last lines given to the orders-per-minute chart (the one with whole-number ticks). */
const opmLines = () => charts.filter((c) => c.integerTicks).at(-1)?.lines;

function renderDashboard() {
  const store = createStore();
  pushMetrics(
    store,
    metricAt(T0, { ordersToday: 300, ordersPerMinute: 4, revenueToday: 500_000, lateShipments: 2 }),
    metricAt(T0, { ordersToday: 120, ordersPerMinute: 1, revenueToday: 123_456 }, 'trendyol'),
    metricAt(T0, { ordersToday: 90, ordersPerMinute: 2, revenueToday: 80_000 }, 'hepsiburada'),
    metricAt(T0 + 1000, { ordersPerMinute: 5 }),
  );
  render(
    <Provider store={store}>
      <DashboardScreen />
    </Provider>,
  );
  return store;
}

describe('the dashboard', () => {
  it('shows all marketplaces first: the overall figures, the total and one line per marketplace', () => {
    renderDashboard();
    expect(screen.getByRole('radio', { name: 'Tümü' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('kpi-ordersToday').dataset.value).toBe('300');
    expect(opmLines()?.map((l) => l.label)).toEqual(['Toplam', 'Trendyol', 'Hepsiburada']);
    const box = screen.getByTestId('orders-per-minute-chart');
    expect(box.dataset.series).toBe('3');
    expect(box.dataset.points).toBe('4');
    expect(box.dataset.last).toBe('5');
  });

  it('switches tiles and charts to the marketplace chosen in the filter', () => {
    const store = renderDashboard();
    const filter = screen.getByRole('radiogroup', { name: 'Pazaryeri' });
    fireEvent.click(within(filter).getByRole('radio', { name: 'Trendyol' }));

    expect(store.getState().ui.marketplace).toBe('trendyol');
    expect(screen.getByRole('radio', { name: 'Trendyol' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('kpi-ordersToday').dataset.value).toBe('120');
    expect(screen.getByTestId('kpi-revenueToday').querySelector('.kpi-figure')?.textContent).toBe('₺1.234,56');
    expect(opmLines()?.map((l) => l.label)).toEqual(['Trendyol']);
    const box = screen.getByTestId('orders-per-minute-chart');
    expect(box.dataset.series).toBe('1');
    // data-last stays the overall latest value, whatever the filter.
    expect(box.dataset.last).toBe('5');
    // Not reported per marketplace: an em dash and a note, never a 0.
    expect(screen.getByTestId('kpi-lateShipments').querySelector('.kpi-figure')?.textContent).toBe('—');
    expect(screen.getByText('— bu pazaryeri için bildirilmeyen göstergeler')).toBeTruthy();

    fireEvent.click(within(filter).getByRole('radio', { name: 'Tümü' }));
    expect(screen.getByTestId('kpi-ordersToday').dataset.value).toBe('300');
  });

  it('gives each chart a text summary of the latest values', () => {
    renderDashboard();
    const [opm, revenue] = screen.getAllByRole('list', { name: 'Son değerler' });
    expect(opm?.textContent).toBe('Toplam5Trendyol1Hepsiburada2');
    expect(within(revenue as HTMLElement).getByText('₺1.234,56')).toBeTruthy();
  });

  it('says when the chosen marketplace has no data yet', () => {
    renderDashboard();
    fireEvent.click(screen.getByRole('radio', { name: 'N11' }));
    expect(screen.getAllByText('Bu pazaryeri için henüz veri yok.')).toHaveLength(2);
    expect(screen.getByTestId('kpi-ordersToday').querySelector('.kpi-figure')?.textContent).toBe('—');
  });

  it('does not hand the chart new lines when another marketplace reports', () => {
    const store = renderDashboard();
    fireEvent.click(screen.getByRole('radio', { name: 'Trendyol' }));
    const before = opmLines();
    act(() => pushMetrics(store, metricAt(T0 + 2000, { ordersPerMinute: 7 }, 'hepsiburada')));
    expect(opmLines()).toBe(before);
    act(() => pushMetrics(store, metricAt(T0 + 3000, { ordersPerMinute: 3 }, 'trendyol')));
    expect(opmLines()).not.toBe(before);
    expect(opmLines()?.[0]?.points.at(-1)?.y).toBe(3);
  });
});
