import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../protocol';
import { metricUpdate } from '../../../../protocol/test/fixtures';
import { delivered } from '../../test/deliveries';
import { batchReceived } from '../live/liveActions';
import { kpiSlice, SERIES_WINDOW_MS } from './kpiSlice';

function metricAt(ms: number, values: Record<string, number>, marketplace?: 'trendyol'): EventInput {
  const e = metricUpdate(values);
  if (e.type !== 'METRIC_UPDATE') throw new Error('fixture');
  e.payload.asOf = new Date(ms).toISOString();
  if (marketplace) e.payload.marketplace = marketplace;
  return e;
}

const reduce = (events: EventInput[], state = kpiSlice.getInitialState()) =>
  kpiSlice.reducer(state, batchReceived({ events: events.map((e) => delivered(e, 'dashboard')) }));

describe('kpiSlice', () => {
  it('keeps the latest overall values and appends orders-per-minute points', () => {
    const t = Date.UTC(2026, 10, 26, 9);
    const s = reduce([
      metricAt(t, { ordersPerMinute: 2, ordersToday: 10 }),
      metricAt(t + 1000, { ordersPerMinute: 3 }),
    ]);
    expect(s.values['*']).toMatchObject({ ordersPerMinute: 3, ordersToday: 10 });
    expect(s.previous['*']).toMatchObject({ ordersPerMinute: 2 });
    expect(s.series['*']?.ordersPerMinute).toEqual([
      { x: t, y: 2 },
      { x: t + 1000, y: 3 },
    ]);
  });

  it('keeps per-marketplace breakdowns apart from the overall values', () => {
    const s = reduce([metricAt(Date.now(), { ordersToday: 99 }, 'trendyol')]);
    expect(s.values['*']?.ordersToday).toBeUndefined();
    expect(s.values.trendyol?.ordersToday).toBe(99);
  });

  it('drops points older than the chart window', () => {
    const t = Date.UTC(2026, 10, 26, 9);
    let s = reduce([metricAt(t, { ordersPerMinute: 1 })]);
    s = reduce([metricAt(t + SERIES_WINDOW_MS + 1, { ordersPerMinute: 5 })], s);
    expect(s.series['*']?.ordersPerMinute).toEqual([{ x: t + SERIES_WINDOW_MS + 1, y: 5 }]);
  });

  it('keeps when each scope was last reported, never going back in time', () => {
    const t = Date.UTC(2026, 10, 26, 9);
    let s = reduce([metricAt(t, { ordersToday: 1 }), metricAt(t + 5000, { ordersToday: 4 }, 'trendyol')]);
    s = reduce([metricAt(t - 1000, { syncLagSec: 3 })], s);
    expect(s.updatedAt).toEqual({ '*': t, trendyol: t + 5000 });
  });
});
