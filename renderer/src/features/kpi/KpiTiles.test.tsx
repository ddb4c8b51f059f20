// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type AppStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { KpiTiles } from './KpiTiles';
import { TWEEN_MS } from './useNumberTween';
import { metricAt, mockReducedMotion, pushMetrics } from './test/metrics';

const T0 = Date.UTC(2026, 10, 26, 9);

beforeAll(() => {
  initI18n('tr');
});
beforeEach(() => mockReducedMotion(false));
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await i18next.changeLanguage('tr');
});

function renderTiles(store: AppStore = createStore()) {
  render(
    <Provider store={store}>
      <KpiTiles />
    </Provider>,
  );
  return store;
}

const tile = (key: string) => screen.getByTestId(`kpi-${key}`);
/** What the eye sees: the figure (the screen-reader text beside it is separate). */
const figure = (key: string) => tile(key).querySelector('.kpi-figure')?.textContent;

const ALL_VALUES = {
  ordersToday: 1234,
  revenueToday: 123_456,
  aov: 2_656_00,
  buyboxSharePct: 12.3,
  awaitingShipment: 48,
  dueToday: 17,
  lateShipments: 2,
  lowStockSkus: 5,
  outOfStockSkus: 1,
  syncLagSec: 245,
};

describe('KPI tiles', () => {
  it('formats every figure the Turkish way', () => {
    const store = createStore();
    pushMetrics(store, metricAt(T0, ALL_VALUES));
    renderTiles(store);
    expect(figure('ordersToday')).toBe('1.234');
    expect(figure('revenueToday')).toBe('₺1.234,56');
    expect(figure('aov')).toBe('₺2.656,00');
    expect(figure('buyboxSharePct')).toBe('%12,3');
    expect(figure('syncLagSec')).toBe('4 dk 5 sn');
    // Named for assistive technology: the label is the term, the figure its definition.
    expect(within(tile('revenueToday')).getByRole('term').textContent).toBe('Bugünkü ciro');
    const [figureDefinition] = within(tile('revenueToday')).getAllByRole('definition');
    expect(figureDefinition?.textContent).toContain('₺1.234,56');
  });

  it('formats every figure the English (en-GB) way', async () => {
    await i18next.changeLanguage('en');
    const store = createStore();
    pushMetrics(store, metricAt(T0, ALL_VALUES));
    renderTiles(store);
    expect(figure('ordersToday')).toBe('1,234');
    expect(figure('revenueToday')).toBe('₺1,234.56');
    expect(figure('buyboxSharePct')).toBe('12.3%');
    expect(figure('syncLagSec')).toBe('4 min 5 s');
    expect(tile('revenueToday').textContent).toContain('Revenue today');
  });

  it('shows an em dash, not 0, for a figure that was never reported', () => {
    const store = createStore();
    pushMetrics(store, metricAt(T0, { ordersToday: 0 }));
    renderTiles(store);
    expect(figure('ordersToday')).toBe('0');
    expect(figure('lateShipments')).toBe('—');
    expect(tile('lateShipments').textContent).toContain('Veri yok');
    expect(tile('lateShipments').getAttribute('data-value')).toBe('');
  });

  it('points the trend arrow up or down against the value before, and says so in words', () => {
    const store = createStore();
    pushMetrics(store, metricAt(T0, { ordersToday: 10, lateShipments: 3 }));
    renderTiles(store);
    expect(tile('ordersToday').querySelector('.kpi-arrow')).toBeNull();

    act(() => pushMetrics(store, metricAt(T0 + 1000, { ordersToday: 12, lateShipments: 1 })));
    const up = tile('ordersToday');
    expect(up.querySelector('.kpi-arrow')?.getAttribute('data-direction')).toBe('up');
    expect(up.textContent).toContain('Arttı; önceki değer 10');
    expect(up.querySelector('.kpi-delta')?.textContent).toBe('+2');
    expect(up.querySelector('.kpi-card-trend')?.getAttribute('data-mood')).toBe('good');

    const down = tile('lateShipments');
    expect(down.querySelector('.kpi-arrow')?.getAttribute('data-direction')).toBe('down');
    expect(down.textContent).toContain('Azaldı; önceki değer 3');
    expect(down.querySelector('.kpi-delta')?.textContent).toBe('-2');
    // Fewer late shipments is good news.
    expect(down.querySelector('.kpi-card-trend')?.getAttribute('data-mood')).toBe('good');
  });

  it('names a threshold in words, not by colour alone', () => {
    const store = createStore();
    pushMetrics(store, metricAt(T0, { syncLagSec: 20 * 60, lateShipments: 0 }));
    renderTiles(store);
    expect(tile('syncLagSec').getAttribute('data-tone')).toBe('bad');
    expect(tile('syncLagSec').querySelector('.kpi-badge')?.textContent).toBe('Kritik');
    expect(tile('lateShipments').querySelector('.kpi-badge')).toBeNull();
  });

  it('morphs the figure to its new value and pulses the tile', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'Date'] });
    const store = createStore();
    pushMetrics(store, metricAt(T0, { ordersToday: 100 }));
    renderTiles(store);
    expect(tile('ordersToday').dataset.pulse).toBeUndefined();

    act(() => pushMetrics(store, metricAt(T0 + 1000, { ordersToday: 200 })));
    expect(figure('ordersToday')).toBe('100');
    // The final figure is what a screen reader gets, at once.
    expect(tile('ordersToday').textContent).toContain('200');
    expect(tile('ordersToday').dataset.pulse).toBe('a');

    act(() => vi.advanceTimersByTime(TWEEN_MS / 3));
    const mid = Number(figure('ordersToday'));
    expect(mid).toBeGreaterThan(100);
    expect(mid).toBeLessThan(200);

    act(() => vi.advanceTimersByTime(TWEEN_MS));
    expect(figure('ordersToday')).toBe('200');
  });

  it('skips the tween and the pulse when the user prefers reduced motion', () => {
    mockReducedMotion(true);
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'Date'] });
    const store = createStore();
    pushMetrics(store, metricAt(T0, { ordersToday: 100 }));
    renderTiles(store);
    act(() => pushMetrics(store, metricAt(T0 + 1000, { ordersToday: 200 })));
    expect(figure('ordersToday')).toBe('200');
    expect(tile('ordersToday').dataset.pulse).toBeUndefined();
  });
});
