import { describe, expect, it } from 'vitest';
import type { ChannelSnapshot, EventInput, LiveEvent, MetricSeries } from '../../../../protocol';
import { metricUpdate } from '../../../../protocol/test/fixtures';
import { delivered } from '../../test/deliveries';
import { batchReceived } from '../live/liveActions';
import { kpiSlice, SERIES_STEP_MS, SERIES_WINDOW_MS } from './kpiSlice';

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

  it("keeps a step's first and latest point: a report in the step of the two newest replaces the newest", () => {
    const t = Date.UTC(2026, 10, 26, 9);
    const s = reduce([
      metricAt(t, { ordersPerMinute: 1 }),
      metricAt(t + 1000, { ordersPerMinute: 2 }),
      metricAt(t + 2000, { ordersPerMinute: 3 }),
      metricAt(t + SERIES_STEP_MS, { ordersPerMinute: 4 }),
    ]);
    expect(s.series['*']?.ordersPerMinute).toEqual([
      { x: t, y: 1 },
      { x: t + 2000, y: 3 },
      { x: t + SERIES_STEP_MS, y: 4 },
    ]);
  });

  it('an hour of reports every second keeps at most two points per step a line, the newest value last', () => {
    const t = Date.UTC(2026, 10, 26, 9);
    let s = kpiSlice.getInitialState();
    for (let minute = 0; minute < 60; minute++) {
      const reports = Array.from({ length: 60 }, (_, i) =>
        metricAt(t + (minute * 60 + i) * 1000, { ordersPerMinute: minute * 60 + i, revenueToday: 100 * i }),
      );
      s = reduce(reports, s);
    }
    const line = s.series['*']?.ordersPerMinute ?? [];
    expect(line.length).toBeLessThanOrEqual((2 * SERIES_WINDOW_MS) / SERIES_STEP_MS + 2);
    expect(line.length).toBeGreaterThan(SERIES_WINDOW_MS / SERIES_STEP_MS - 2);
    expect(line.at(-1)).toEqual({ x: t + 3599_000, y: 3599 });
    expect(s.series['*']?.revenueToday.at(-1)).toEqual({ x: t + 3599_000, y: 59 });
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

  describe('history from snapshots', () => {
    const t = Date.UTC(2026, 10, 26, 9);
    const S = 30_000;

    function snapshot(history: MetricSeries[], metrics: EventInput[] = [], channel = 'dashboard'): ChannelSnapshot {
      return {
        channel,
        epoch: 'e1',
        offset: 10,
        metrics: metrics.map((e) => delivered(e, channel).event as LiveEvent),
        metricHistory: history,
      };
    }
    const load = (snap: ChannelSnapshot, state = kpiSlice.getInitialState()) =>
      kpiSlice.reducer(state, batchReceived({ events: [], snapshots: [snap] }));

    it('pre-fills the charts per marketplace: orders per minute as is, revenue in lira, oldest first', () => {
      const s = load(
        snapshot(
          [
            {
              key: 'ordersPerMinute',
              points: [
                [t + S, 3],
                [t, 2],
              ],
            },
            {
              key: 'revenueToday',
              points: [
                [t, 150_000],
                [t + S, 155_050],
              ],
            },
            { marketplace: 'trendyol', key: 'ordersPerMinute', points: [[t, 1]] },
            // Not charted: no series for it.
            { key: 'buyboxSharePct', points: [[t, 70]] },
          ],
          [],
        ),
      );
      expect(s.series['*']).toEqual({
        ordersPerMinute: [
          { x: t, y: 2 },
          { x: t + S, y: 3 },
        ],
        revenueToday: [
          { x: t, y: 1500 },
          { x: t + S, y: 1550.5 },
        ],
      });
      expect(s.series.trendyol?.ordersPerMinute).toEqual([{ x: t, y: 1 }]);
      expect(s.values['*']).toBeUndefined();
    });

    it('continues with the snapshot latest values and then live points, never a point twice', () => {
      let s = load(
        snapshot(
          [
            {
              key: 'ordersPerMinute',
              points: [
                [t, 2],
                [t + S, 3],
              ],
            },
          ],
          [metricAt(t + S, { ordersPerMinute: 3, ordersToday: 40 })],
        ),
      );
      expect(s.series['*']?.ordersPerMinute).toEqual([
        { x: t, y: 2 },
        { x: t + S, y: 3 },
      ]);
      expect(s.values['*']).toMatchObject({ ordersPerMinute: 3, ordersToday: 40 });
      // Live: one reported before the history's end is not drawn back in time; later ones follow
      // (within a step of the one before, the latest replaces the newest point).
      s = reduce([metricAt(t + S - 1, { ordersPerMinute: 9 }), metricAt(t + S + 1000, { ordersPerMinute: 4 })], s);
      expect(s.series['*']?.ordersPerMinute.at(-1)).toEqual({ x: t + S + 1000, y: 4 });
      s = reduce([metricAt(t + S + 2000, { ordersPerMinute: 5 })], s);
      expect(s.series['*']?.ordersPerMinute).toEqual([
        { x: t, y: 2 },
        { x: t + S, y: 3 },
        { x: t + S + 2000, y: 5 },
      ]);
    });

    it("a reloaded channel replaces its scopes' history instead of adding it again", () => {
      let s = reduce([metricAt(t + 5000, { ordersPerMinute: 7 }), metricAt(t + 6000, { ordersPerMinute: 8 })]);
      const history: MetricSeries[] = [
        {
          key: 'ordersPerMinute',
          points: [
            [t, 2],
            [t + S, 3],
            [t + 2 * S, 4],
          ],
        },
      ];
      s = load(snapshot(history), s);
      s = load(snapshot(history), s);
      expect(s.series['*']?.ordersPerMinute).toEqual([
        { x: t, y: 2 },
        { x: t + S, y: 3 },
        { x: t + 2 * S, y: 4 },
      ]);
      // Live points newer than the history, gathered before a reload, stay after it.
      s = reduce([metricAt(t + 3 * S, { ordersPerMinute: 6 })], s);
      s = load(snapshot(history), s);
      expect(s.series['*']?.ordersPerMinute.map((p) => p.y)).toEqual([2, 3, 4, 6]);
    });

    it("keeps the chart's window behind the newest point", () => {
      const s = load(
        snapshot([
          {
            key: 'ordersPerMinute',
            points: [
              [t - SERIES_WINDOW_MS - 1, 1],
              [t - 1000, 2],
              [t, 3],
            ],
          },
        ]),
      );
      expect(s.series['*']?.ordersPerMinute).toEqual([
        { x: t - 1000, y: 2 },
        { x: t, y: 3 },
      ]);
    });
  });
});
