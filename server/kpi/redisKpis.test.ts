// Today's order KPIs of a cluster, counted in Redis, survive Redis coming back empty: the next
// snapshot counts today's orders again from SQL, and an order counted live is never counted twice.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, ProducerEvent } from '../../protocol';
import type { SqlDatabase } from '../db/database';
import { createProjection } from '../projection/projection';
import { postgresDatabase, type TestDatabase } from '../test/databases';
import { orderEvent } from '../test/events';
import { REDIS_URL, dropPrefix, testPrefix } from '../test/redis';
import { createRedisKpis } from './redisKpis';
import { todaysOrders } from './todaysOrders';

const prefix = testPrefix();
let redis: Redis;
let backend: TestDatabase;
let sql: SqlDatabase;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  backend = postgresDatabase();
  sql = await backend.open();
});
afterAll(async () => {
  redis?.disconnect();
  await dropPrefix(prefix);
  await backend?.cleanup();
});

const delivery = (event: ProducerEvent, offset: number): Delivery =>
  ({ channel: 'orders', epoch: 'e1', offset, event }) as unknown as Delivery;
const totalOf = (e: ProducerEvent) => (e.payload as { total: { minor: number } }).total.minor;

describe('order KPIs in Redis', () => {
  it('are counted again from SQL when Redis comes back empty, each order once', async () => {
    const orders = Array.from({ length: 6 }, (_, i) =>
      orderEvent({ orderNumber: `RK-${i}`, marketplace: i % 2 === 0 ? 'trendyol' : 'hepsiburada' }),
    );
    await createProjection(sql.db).apply(orders.map((event) => ({ event, channel: 'orders' })));
    const revenue = orders.reduce((s, e) => s + totalOf(e), 0);
    const kpis = createRedisKpis(redis, prefix, (t) => todaysOrders(sql.db, t));

    // Three were counted live before the first snapshot: the seed adds the other three only.
    for (const [i, e] of orders.slice(0, 3).entries()) await kpis.observe(delivery(e, i), Date.now());
    const first = await kpis.snapshot(Date.now());
    expect(first.overall.ordersToday).toBe(6);
    expect(first.overall.revenueToday).toBe(revenue);
    expect(first.byMarketplace.get('trendyol')?.ordersToday).toBe(3);

    // Live counting after the seed does not count them again.
    for (const [i, e] of orders.entries()) await kpis.observe(delivery(e, i), Date.now());
    expect((await kpis.snapshot(Date.now())).overall.ordersToday).toBe(6);

    // Redis comes back empty.
    await dropPrefix(prefix);
    const after = await kpis.snapshot(Date.now());
    expect(after.overall.ordersToday).toBe(6);
    expect(after.overall.revenueToday).toBe(revenue);
    expect(after.byMarketplace.get('hepsiburada')?.ordersToday).toBe(3);
  });

  it('counts nothing from SQL before SQL is open, and seeds once it is', async () => {
    const p = testPrefix();
    let open = false;
    const kpis = createRedisKpis(redis, p, (t) => (open ? todaysOrders(sql.db, t) : undefined));
    try {
      expect((await kpis.snapshot(Date.now())).overall.ordersToday).toBe(0);
      open = true;
      expect((await kpis.snapshot(Date.now())).overall.ordersToday).toBe(6);
    } finally {
      await dropPrefix(p);
    }
  });
});
