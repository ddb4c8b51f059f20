// One contract for both metric stores (memory for embedded, Redis for clustered): the latest value
// of every key merged per channel and marketplace, and the charted keys' last hour in 30 s buckets.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  LiveEvent,
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_MAX_POINTS,
  METRIC_HISTORY_WINDOW_MS,
  MetricSeries,
  type Delivery,
  type Marketplace,
} from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { redisLatestMetrics } from '../cluster/redisStores';
import { REDIS_URL, dropPrefix, testPrefix } from '../test/redis';
import { memoryLatestMetrics, type LatestMetrics } from './latestMetrics';

const redis = new Redis(REDIS_URL);
const prefixes: string[] = [];
afterAll(async () => {
  await Promise.all(prefixes.map(dropPrefix));
  redis.disconnect();
});

const KINDS: [string, (now: () => number) => LatestMetrics][] = [
  ['memory', (now) => memoryLatestMetrics({ now })],
  [
    'redis',
    (now) => {
      const prefix = testPrefix();
      prefixes.push(prefix);
      return redisLatestMetrics(redis, prefix, { now });
    },
  ],
];

/** A bucket-aligned instant, so tests can place points in buckets on purpose. */
const T0 = Math.floor(Date.UTC(2026, 10, 26, 9) / METRIC_HISTORY_BUCKET_MS) * METRIC_HISTORY_BUCKET_MS;
const MIN = 60_000;

interface MetricOptions {
  at: number;
  marketplace?: Marketplace;
  channel?: string;
  offset: number;
  epoch?: string;
}

function metric(values: Record<string, number>, o: MetricOptions): Delivery {
  const asOf = new Date(o.at).toISOString();
  const m = o.marketplace ? { marketplace: o.marketplace } : {};
  const event = LiveEvent.parse({
    id: randomUUID(),
    type: 'METRIC_UPDATE',
    occurredAt: asOf,
    priority: 'low',
    audience: ['warehouse', 'sales', 'admin'],
    ...m,
    payload: { window: 'today', asOf, ...m, values },
  });
  return {
    channel: o.channel ?? (o.marketplace ? 'analytics' : 'dashboard'),
    epoch: o.epoch ?? 'e1',
    offset: o.offset,
    event,
  };
}

const valuesOf = (e: LiveEvent | undefined) => (e?.type === 'METRIC_UPDATE' ? e.payload : undefined);

describe.each(KINDS)('latest metrics (%s)', (_kind, make) => {
  let now = T0;
  let store: LatestMetrics;
  beforeEach(() => {
    now = T0;
    store = make(() => now);
  });

  describe('latest values', () => {
    it("merges two producers' partial updates per key: one event per marketplace, asOf the latest", async () => {
      const kpi = metric({ ordersToday: 5, ordersPerMinute: 2, revenueToday: 150_000 }, { at: T0, offset: 1 });
      const feed = metric({ buyboxSharePct: 71.5, syncLagSec: 12 }, { at: T0 + 1000, offset: 2 });
      const kpi2 = metric({ ordersToday: 6 }, { at: T0 + 2000, offset: 3 });
      for (const d of [kpi, feed, kpi2]) await store.record(d);

      const [only, ...rest] = await store.latest('dashboard');
      expect(rest).toEqual([]);
      // What the client receives must be a valid event, applied like a live one.
      expect(LiveEvent.safeParse(only).success).toBe(true);
      expect(only).toMatchObject({ id: kpi2.event.id, type: 'METRIC_UPDATE' });
      expect(valuesOf(only)).toEqual({
        window: 'today',
        asOf: new Date(T0 + 2000).toISOString(),
        values: { ordersToday: 6, ordersPerMinute: 2, revenueToday: 150_000, buyboxSharePct: 71.5, syncLagSec: 12 },
      });
    });

    it('keeps marketplaces and channels apart', async () => {
      await store.record(metric({ ordersToday: 3 }, { at: T0, offset: 1, marketplace: 'trendyol' }));
      await store.record(metric({ buyboxSharePct: 60 }, { at: T0 + 1, offset: 2, marketplace: 'trendyol' }));
      await store.record(metric({ ordersToday: 9 }, { at: T0 + 2, offset: 3, marketplace: 'n11' }));
      await store.record(metric({ ordersToday: 12 }, { at: T0, offset: 1, channel: 'dashboard' }));

      const analytics = await store.latest('analytics');
      const by = (m: string) => analytics.map(valuesOf).find((p) => p?.marketplace === m);
      expect(analytics).toHaveLength(2);
      expect(by('trendyol')?.values).toEqual({ ordersToday: 3, buyboxSharePct: 60 });
      expect(by('n11')?.values).toEqual({ ordersToday: 9 });
      expect((await store.latest('dashboard')).map((e) => valuesOf(e)?.values)).toEqual([{ ordersToday: 12 }]);
      expect(await store.latest('orders')).toEqual([]);
    });

    it('the log decides what is latest, whatever order the deliveries are recorded in', async () => {
      const early = metric({ ordersToday: 1, syncLagSec: 40 }, { at: T0, offset: 4 });
      const late = metric({ ordersToday: 2 }, { at: T0 + 1000, offset: 5 });
      await store.record(late);
      await store.record(early);
      const [e] = await store.latest('dashboard');
      expect(e).toMatchObject({ id: late.event.id });
      expect(valuesOf(e)).toMatchObject({ asOf: late.event.type === 'METRIC_UPDATE' && late.event.payload.asOf });
      expect(valuesOf(e)?.values).toEqual({ ordersToday: 2, syncLagSec: 40 });
      // A new epoch (the log was reset) is the current one, even at a lower offset.
      await store.record(metric({ ordersToday: 7 }, { at: T0 + 2000, offset: 1, epoch: 'e2' }));
      expect(valuesOf((await store.latest('dashboard'))[0])?.values).toEqual({ ordersToday: 7, syncLagSec: 40 });
    });

    it('ignores events other than METRIC_UPDATE', async () => {
      const order = { ...orderCreated(), priority: 'normal', audience: ['warehouse'] } as LiveEvent;
      await store.record({ channel: 'dashboard', epoch: 'e1', offset: 1, event: order });
      expect(await store.latest('dashboard')).toEqual([]);
      expect(await store.history('dashboard')).toEqual([]);
    });
  });

  describe('history', () => {
    it('keeps one point per 30 s bucket, the latest reported in it, for the charted keys only', async () => {
      let offset = 0;
      const rec = (values: Record<string, number>, at: number, marketplace?: Marketplace) =>
        store.record(metric(values, { at, offset: ++offset, marketplace }));
      now = T0 + 10 * MIN;
      await rec({ ordersPerMinute: 1, revenueToday: 10_000, buyboxSharePct: 50 }, T0 + 1000);
      await rec({ ordersPerMinute: 3 }, T0 + 20_000);
      // Reported earlier than the bucket's point, though recorded after it: not the latest.
      await rec({ ordersPerMinute: 99 }, T0 + 5000);
      await rec({ ordersPerMinute: 4, revenueToday: 20_000 }, T0 + 31_000);
      await rec({ ordersPerMinute: 5 }, T0 + 3 * MIN, 'trendyol');

      const history = await store.history('dashboard');
      for (const s of history) expect(MetricSeries.safeParse(s).success).toBe(true);
      expect(sortSeries(history)).toEqual([
        {
          key: 'ordersPerMinute',
          points: [
            [T0 + 20_000, 3],
            [T0 + 31_000, 4],
          ],
        },
        {
          key: 'revenueToday',
          points: [
            [T0 + 1000, 10_000],
            [T0 + 31_000, 20_000],
          ],
        },
      ]);
      // The marketplace breakdown went to `analytics`, under its marketplace.
      await store.record(metric({ revenueToday: 5 }, { at: T0, offset: 1, marketplace: 'n11' }));
      expect(sortSeries(await store.history('analytics'))).toEqual([
        { marketplace: 'n11', key: 'revenueToday', points: [[T0, 5]] },
        { marketplace: 'trendyol', key: 'ordersPerMinute', points: [[T0 + 3 * MIN, 5]] },
      ]);
    });

    it('reaches back one hour: older points are dropped, stale reports and far-future ones refused', async () => {
      let offset = 0;
      const rec = (v: number, at: number) => store.record(metric({ ordersPerMinute: v }, { at, offset: ++offset }));
      now = T0 + 30 * MIN;
      await rec(1, T0);
      await rec(2, T0 + 30 * MIN);
      now = T0 + 70 * MIN;
      await rec(3, T0 + 69 * MIN);
      // Reported more than an hour ago, or far ahead of the clock: no point.
      await rec(4, now - METRIC_HISTORY_WINDOW_MS - 1);
      await rec(5, now + 60 * MIN);
      expect(await store.history('dashboard')).toEqual([
        {
          key: 'ordersPerMinute',
          points: [
            [T0 + 30 * MIN, 2],
            [T0 + 69 * MIN, 3],
          ],
        },
      ]);
      // Without any write, reading later still leaves out what fell out of the hour.
      now = T0 + 95 * MIN;
      expect(await store.history('dashboard')).toEqual([{ key: 'ordersPerMinute', points: [[T0 + 69 * MIN, 3]] }]);
      now = T0 + 200 * MIN;
      expect(await store.history('dashboard')).toEqual([]);
    });

    it(`holds at most ${METRIC_HISTORY_MAX_POINTS} points per series, the newest`, async () => {
      now = T0 + 2 * 60 * MIN;
      const from = now - METRIC_HISTORY_WINDOW_MS;
      // Every bucket of the hour, and a few reported slightly ahead of the clock.
      const ats: number[] = [];
      for (let at = from; at <= now + 3 * MIN; at += METRIC_HISTORY_BUCKET_MS) ats.push(at);
      expect(ats.length).toBeGreaterThan(METRIC_HISTORY_MAX_POINTS);
      for (const [i, at] of ats.entries()) {
        await store.record(metric({ ordersPerMinute: i }, { at, offset: i + 1 }));
      }
      const [series] = await store.history('dashboard');
      expect(series?.points).toHaveLength(METRIC_HISTORY_MAX_POINTS);
      expect(series?.points.at(-1)).toEqual([ats.at(-1), ats.length - 1]);
      expect(series?.points.map((p) => p[0])).toEqual(ats.slice(-METRIC_HISTORY_MAX_POINTS));
    });
  });
});

function sortSeries(series: MetricSeries[]): MetricSeries[] {
  return [...series].sort((a, b) => `${a.marketplace}:${a.key}`.localeCompare(`${b.marketplace}:${b.key}`));
}
