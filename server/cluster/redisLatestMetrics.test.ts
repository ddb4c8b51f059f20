// The clustered metric store against the local Redis: gateway nodes recording at once lose no key
// and keep the log's latest, its keys stay under the prefix and expire, old buckets are pruned as
// new ones open, and entries that do not parse are skipped rather than breaking a snapshot.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  LiveEvent,
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_WINDOW_MS,
  METRIC_KEYS,
  type Delivery,
  type Marketplace,
  type MetricKey,
} from '../../protocol';
import { REDIS_URL, dropPrefix, testPrefix } from '../test/redis';
import { redisLatestMetrics } from './redisStores';

const clients: Redis[] = [];
const prefixes: string[] = [];
const connect = () => {
  const r = new Redis(REDIS_URL);
  clients.push(r);
  return r;
};
const newPrefix = () => {
  const p = testPrefix();
  prefixes.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(prefixes.splice(0).map(dropPrefix));
});
afterAll(() => {
  for (const c of clients) c.disconnect();
});

const T0 = Math.floor(Date.UTC(2026, 10, 26, 9) / METRIC_HISTORY_BUCKET_MS) * METRIC_HISTORY_BUCKET_MS;
const MIN = 60_000;

function metric(values: Record<string, number>, at: number, offset: number, marketplace?: Marketplace): Delivery {
  const asOf = new Date(at).toISOString();
  const m = marketplace ? { marketplace } : {};
  const event = LiveEvent.parse({
    id: randomUUID(),
    type: 'METRIC_UPDATE',
    occurredAt: asOf,
    priority: 'low',
    audience: ['sales'],
    ...m,
    payload: { window: 'today', asOf, ...m, values },
  });
  return { channel: marketplace ? 'analytics' : 'dashboard', epoch: 'e1', offset, event };
}

function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

describe('redis latest metrics', () => {
  it('two nodes recording at once lose no key, and each key keeps the value latest in the log', async () => {
    const prefix = newPrefix();
    const now = () => T0 + 10 * MIN;
    const nodes = [redisLatestMetrics(connect(), prefix, { now }), redisLatestMetrics(connect(), prefix, { now })];
    // Delivery i carries one key (rotating through all of them) and ordersPerMinute, reported at
    // T0 + i s; they reach the nodes shuffled, the two nodes recording concurrently.
    const deliveries = Array.from({ length: 240 }, (_, n) => {
      const i = n + 1;
      const key = METRIC_KEYS[i % METRIC_KEYS.length] as MetricKey;
      return metric({ [key]: i, ordersPerMinute: i }, T0 + i * 1000, i);
    });
    const shuffled = shuffle(deliveries);
    await Promise.all(shuffled.map((d, n) => (nodes[n % 2] as (typeof nodes)[number]).record(d)));

    const expected: Partial<Record<MetricKey, number>> = {};
    for (let i = 1; i <= 240; i++) expected[METRIC_KEYS[i % METRIC_KEYS.length] as MetricKey] = i;
    expected.ordersPerMinute = 240;
    for (const node of nodes) {
      const [e, ...rest] = await node.latest('dashboard');
      expect(rest).toEqual([]);
      expect(e).toMatchObject({ id: deliveries[239]?.event.id });
      expect(e?.type === 'METRIC_UPDATE' && e.payload.values).toEqual(expected);
    }
    // History: one point per 30 s bucket, the latest of each.
    const [series] = await nodes[0]!.history('dashboard');
    const bucketsLast = new Map<number, number>();
    for (let i = 1; i <= 240; i++) bucketsLast.set(Math.floor((T0 + i * 1000) / METRIC_HISTORY_BUCKET_MS), i);
    expect(series?.points).toEqual([...bucketsLast.values()].map((i) => [T0 + i * 1000, i]));
  });

  it('keeps its keys under the prefix; history expires unless written, and prunes old buckets as new ones open', async () => {
    const prefix = newPrefix();
    const redis = connect();
    let now = T0;
    const store = redisLatestMetrics(redis, prefix, { now: () => now });
    for (let i = 0; i < 10; i++) {
      await store.record(
        metric({ ordersPerMinute: i, revenueToday: i * 100 }, T0 - i * METRIC_HISTORY_BUCKET_MS, 1 + i, 'trendyol'),
      );
    }
    const keys = await keysUnder(redis, prefix);
    expect(keys.length).toBeGreaterThan(0);
    const history = keys.filter((k) => k.includes('history'));
    expect(history).toHaveLength(2);
    for (const k of history) {
      expect(await redis.hlen(k)).toBe(10);
      const ttl = await redis.pttl(k);
      expect(ttl).toBeGreaterThan(METRIC_HISTORY_WINDOW_MS);
      expect(ttl).toBeLessThanOrEqual(2 * METRIC_HISTORY_WINDOW_MS);
    }
    // An hour and a bit later one new point: the old buckets go from Redis, not just from the answer.
    now = T0 + METRIC_HISTORY_WINDOW_MS + 5 * MIN;
    await store.record(metric({ ordersPerMinute: 42 }, now, 20, 'trendyol'));
    const orders = history.find((k) => k.endsWith('ordersPerMinute')) as string;
    expect(await redis.hlen(orders)).toBe(1);
  });

  it('skips entries that do not parse, answering with the rest', async () => {
    const prefix = newPrefix();
    const redis = connect();
    const now = T0 + MIN;
    const store = redisLatestMetrics(redis, prefix, { now: () => now });
    await store.record(metric({ ordersToday: 4, buyboxSharePct: 70 }, T0, 1, 'trendyol'));
    await store.record(metric({ ordersToday: 8 }, T0, 2, 'n11'));
    await store.record(metric({ ordersPerMinute: 2 }, T0, 3, 'trendyol'));
    const keys = await keysUnder(redis, prefix);
    const latest = keys.find((k) => k.endsWith(':latest')) as string;
    const fields = await redis.hkeys(latest);
    expect(fields.length).toBeGreaterThan(0);
    // Damage: not JSON, the wrong shape, an unknown key or marketplace, n11's envelope broken.
    await redis.hset(latest, 'v:trendyol:buyboxSharePct', '{not json');
    await redis.hset(latest, 'v:trendyol:ordersToday', JSON.stringify({ e: 'e1', o: 1, a: T0, v: 'four' }));
    await redis.hset(latest, 'v:trendyol:notAMetric', JSON.stringify({ e: 'e1', o: 1, a: T0, v: 1 }));
    await redis.hset(latest, 'v:atlantis:ordersToday', JSON.stringify({ e: 'e1', o: 1, a: T0, v: 1 }));
    await redis.hset(latest, 'h:n11', JSON.stringify({ e: 'e1', o: 2, event: { type: 'METRIC_UPDATE' } }));
    await redis.hset(latest, 'garbage', 'x');
    const orders = keys.find((k) => k.endsWith(':history:trendyol:ordersPerMinute')) as string;
    await redis.hset(orders, String(Math.floor(T0 / METRIC_HISTORY_BUCKET_MS) - 1), 'null');
    await redis.hset(orders, 'x', '[1,2]');

    const events = await store.latest('analytics');
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'METRIC_UPDATE' && events[0].payload).toMatchObject({
      marketplace: 'trendyol',
      values: { ordersPerMinute: 2 },
    });
    expect(events[0]?.type === 'METRIC_UPDATE' && Object.keys(events[0].payload.values)).toEqual(['ordersPerMinute']);
    expect(await store.history('analytics')).toEqual([
      { marketplace: 'trendyol', key: 'ordersPerMinute', points: [[T0, 2]] },
    ]);
    // A broken field is written over by the next delivery of its key.
    await store.record(metric({ buyboxSharePct: 75 }, T0 + 1000, 4, 'trendyol'));
    const after = await store.latest('analytics');
    expect(after[0]?.type === 'METRIC_UPDATE' && after[0].payload.values).toEqual({
      ordersPerMinute: 2,
      buyboxSharePct: 75,
    });
  });
});
