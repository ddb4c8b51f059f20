// Order KPIs shared by every node of a cluster, counted in Redis: today's orders and revenue (an
// order counted once, whichever node ingested it), and per-second and per-minute buckets for the
// last minute and hour. One node at a time (a lease) publishes them. Redis that comes back empty
// (restarted without persistence, flushed) has today's totals counted again from SQL.
import type { Redis } from 'ioredis';
import { MARKETPLACES, orderKeyOf, type Delivery, type Marketplace, type MetricKey } from '../../protocol';
import { istanbulDay } from '../ingest/rules';
import type { KpiSnapshot, KpiSource, SeedOrder } from './orderKpis';

type Values = Partial<Record<MetricKey, number>>;

const COUNT = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], 172800)
for i = 2, #KEYS, 3 do
  redis.call('HINCRBY', KEYS[i], 'orders', 1)
  redis.call('HINCRBY', KEYS[i], 'revenue', ARGV[2])
  redis.call('EXPIRE', KEYS[i], 172800)
  redis.call('INCR', KEYS[i + 1])
  redis.call('EXPIRE', KEYS[i + 1], 120)
  redis.call('INCR', KEYS[i + 2])
  redis.call('EXPIRE', KEYS[i + 2], 3720)
end
return 1
`;

/** Counts one of today's orders into the day's totals only, once (the same guard as live counting). */
const SEED = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], 172800)
for i = 2, #KEYS do
  redis.call('HINCRBY', KEYS[i], 'orders', 1)
  redis.call('HINCRBY', KEYS[i], 'revenue', ARGV[2])
  redis.call('EXPIRE', KEYS[i], 172800)
end
return 1
`;

/**
 * `today`: today's orders as SQL holds them (undefined while SQL is not open yet). When the day's
 * totals in Redis were not seeded from it (a new day, or Redis came back empty), the next snapshot
 * counts them first; an order counted live already is not counted again.
 */
export function createRedisKpis(
  redis: Redis,
  prefix: string,
  today?: (now: number) => Promise<SeedOrder[]> | undefined,
): KpiSource {
  const scopes = ['*', ...MARKETPLACES] as const;
  const dayKey = (day: number, scope: string) => `${prefix}kpi:${day}:${scope}`;
  const countedKey = (day: number) => `${prefix}kpi:${day}:counted`;
  const seededKey = (day: number) => `${prefix}kpi:${day}:seeded`;

  async function seedFromSql(now: number): Promise<void> {
    const day = istanbulDay(now);
    if (!today || (await redis.exists(seededKey(day))) === 1) return;
    const orders = await today(now);
    if (!orders) return;
    const pipe = redis.pipeline();
    for (const o of orders) {
      if (istanbulDay(o.orderedAt) !== day) continue;
      const scoped = o.marketplace ? ['*', o.marketplace] : ['*'];
      const keys = [countedKey(day), ...scoped.map((scope) => dayKey(day, scope))];
      pipe.eval(SEED, keys.length, ...keys, o.orderKey, String(o.totalMinor));
    }
    pipe.set(seededKey(day), '1', 'EX', 172800);
    await pipe.exec();
  }
  const secKey = (sec: number, scope: string) => `${prefix}kpi:s:${sec}:${scope}`;
  const minKey = (min: number, scope: string) => `${prefix}kpi:m:${min}:${scope}`;

  return {
    async observe(d: Delivery, now: number) {
      const e = d.event;
      if (e.type !== 'ORDER_NOTIFICATION' || e.payload.kind !== 'ORDER_CREATED') return;
      const day = istanbulDay(Date.parse(e.payload.orderedAt));
      if (day !== istanbulDay(now)) return;
      const sec = Math.floor(now / 1000);
      const min = Math.floor(now / 60_000);
      const keys = [countedKey(day)];
      for (const scope of e.marketplace ? ['*', e.marketplace] : ['*']) {
        keys.push(dayKey(day, scope), secKey(sec, scope), minKey(min, scope));
      }
      await redis.eval(
        COUNT,
        keys.length,
        ...keys,
        orderKeyOf(e.marketplace, e.payload.orderNumber),
        String(e.payload.total.minor),
      );
    },

    async snapshot(now: number): Promise<KpiSnapshot> {
      await seedFromSql(now);
      const day = istanbulDay(now);
      const sec = Math.floor(now / 1000);
      const min = Math.floor(now / 60_000);
      const pipe = redis.pipeline();
      for (const scope of scopes) {
        pipe.hgetall(dayKey(day, scope));
        pipe.mget(Array.from({ length: 60 }, (_, i) => secKey(sec - i, scope)));
        pipe.mget(Array.from({ length: 60 }, (_, i) => minKey(min - i, scope)));
      }
      const replies = (await pipe.exec()) ?? [];
      const sum = (xs: unknown) => (xs as (string | null)[]).reduce((s, x) => s + Number(x ?? 0), 0);
      const valuesOf = (i: number): Values | undefined => {
        const totals = replies[i * 3]?.[1] as Record<string, string> | undefined;
        const orders = Number(totals?.orders ?? 0);
        const revenue = Number(totals?.revenue ?? 0);
        const perMinute = sum(replies[i * 3 + 1]?.[1]);
        const perHour = sum(replies[i * 3 + 2]?.[1]);
        if (i > 0 && orders === 0 && perHour === 0) return undefined;
        return {
          ordersToday: orders,
          revenueToday: revenue,
          aov: orders === 0 ? 0 : Math.round(revenue / orders),
          ordersPerMinute: perMinute,
          ordersPerHour: perHour,
        };
      };
      const byMarketplace = new Map<Marketplace, Values>();
      MARKETPLACES.forEach((m, i) => {
        const v = valuesOf(i + 1);
        if (v) byMarketplace.set(m, v);
      });
      return { overall: valuesOf(0) as Values, byMarketplace };
    },
  };
}

/** A lease: true while this node holds it (renewed on every call), so one node publishes. */
export function redisLease(redis: Redis, key: string, nodeId: string, ttlMs: number): () => Promise<boolean> {
  const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
`;
  return async () => {
    try {
      return Number(await redis.eval(RENEW, 1, key, nodeId, String(ttlMs))) === 1;
    } catch {
      return false;
    }
  };
}
