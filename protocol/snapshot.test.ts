// The snapshot's metric history: its shape, its bound, and that snapshots without it still parse.
import { describe, expect, it } from 'vitest';
import { MetricKey } from './events';
import {
  CHARTED_METRICS,
  ChannelSnapshot,
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_MAX_POINTS,
  METRIC_HISTORY_WINDOW_MS,
} from './snapshot';

const base = { channel: 'dashboard', epoch: 'e1', offset: 3 };
const at = Date.UTC(2026, 10, 26, 9);

describe('ChannelSnapshot.metricHistory', () => {
  it('charts orders per minute and revenue today, an hour of 30 s buckets', () => {
    expect(CHARTED_METRICS).toEqual(['ordersPerMinute', 'revenueToday']);
    for (const k of CHARTED_METRICS) expect(MetricKey.safeParse(k).success).toBe(true);
    expect(METRIC_HISTORY_MAX_POINTS).toBe(METRIC_HISTORY_WINDOW_MS / METRIC_HISTORY_BUCKET_MS);
    expect(METRIC_HISTORY_MAX_POINTS).toBe(120);
  });

  it('accepts series per marketplace (overall without one), and snapshots without any', () => {
    const snap = {
      ...base,
      metrics: [],
      metricHistory: [
        { key: 'ordersPerMinute', points: [[at, 2]] },
        { marketplace: 'trendyol', key: 'revenueToday', points: [] },
      ],
    };
    expect(ChannelSnapshot.parse(snap)).toEqual(snap);
    expect(ChannelSnapshot.safeParse(base).success).toBe(true);
  });

  it.each([
    ['an unknown key', { key: 'visitors', points: [] }],
    ['an unknown marketplace', { marketplace: 'atlantis', key: 'ordersPerMinute', points: [] }],
    ['a point that is not a pair', { key: 'ordersPerMinute', points: [[at]] }],
    ['a fractional instant', { key: 'ordersPerMinute', points: [[at + 0.5, 1]] }],
    ['a value that is not a number', { key: 'ordersPerMinute', points: [[at, '2']] }],
    [
      `more than ${METRIC_HISTORY_MAX_POINTS} points`,
      {
        key: 'ordersPerMinute',
        points: Array.from({ length: METRIC_HISTORY_MAX_POINTS + 1 }, (_, i) => [at + i * 30_000, i]),
      },
    ],
  ])('refuses %s', (_what, series) => {
    expect(ChannelSnapshot.safeParse({ ...base, metricHistory: [series] }).success).toBe(false);
  });
});
