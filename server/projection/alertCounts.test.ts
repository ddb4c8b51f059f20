// What the gateway says of a user's alerts, one contract for SQLite and PostgreSQL: the counts every
// console's badge must agree with (open and unread per priority, over the channels the role reads),
// snapshots whose bound never drops an open critical or high, and new orders that open no alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProducerEvent, Role } from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { SqlDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { memoryPresence } from '../live/presence';
import { createMemoryLog } from '../log/memoryLog';
import { BACKENDS, type TestDatabase } from '../test/databases';
import { orderEvent, stockEvent, systemEvent } from '../test/events';
import { memoryLatestMetrics } from './latestMetrics';
import { createProjection, type Projection } from './projection';
import { createSnapshotReader } from './snapshotReader';

const who = (role: Role, userId = `u-${role}`): Identity => ({
  userId,
  name: userId,
  role,
  expiresAt: Date.now() + 3_600_000,
});
const zero = { critical: 0, high: 0, normal: 0, low: 0 };

describe.each(BACKENDS.map((make) => [make().name, make] as const))('alert counts on %s', (_name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let projection: Projection;
  let reader: ReturnType<typeof createSnapshotReader>;

  beforeEach(async () => {
    backend = make();
    sql = await backend.open();
    projection = createProjection(sql.db);
    reader = createSnapshotReader({
      db: sql.db,
      log: createMemoryLog({ epoch: 'e1', retention: 100 }),
      metrics: memoryLatestMetrics(),
      presence: memoryPresence(),
      maxAlerts: 5,
    });
  });
  afterEach(async () => backend.cleanup());

  const project = (...events: (readonly [ProducerEvent, string])[]) =>
    projection.apply(events.map(([event, channel]) => ({ event, channel })));
  const markRead = (alertKey: string, userId: string) =>
    sql.db.insertInto('alert_reads').values({ alert_key: alertKey, user_id: userId, read_at: Date.now() }).execute();

  it('counts open and unread per priority over the channels the role reads; reads and acks count down', async () => {
    await project(
      [stockEvent({ kind: 'OUT_OF_STOCK', sku: 'A', available: 0, priority: 'critical' }), 'inventory'],
      [stockEvent({ kind: 'LOW_STOCK', sku: 'B', priority: 'high' }), 'inventory'],
      [orderEvent({ kind: 'SHIP_DEADLINE_NEAR', orderNumber: 'TY-1' }), 'orders'],
      [systemEvent({ kind: 'AUTH_FAILED' }), 'system'],
    );
    expect(await reader.counts(who('admin'))).toEqual({
      open: { critical: 2, high: 2, normal: 0, low: 0 },
      unread: { critical: 2, high: 2, normal: 0, low: 0 },
    });
    // Warehouse staff do not read the system channel.
    expect((await reader.counts(who('warehouse'))).open).toEqual({ ...zero, critical: 1, high: 2 });

    await markRead('LOW_STOCK:B', 'u-admin');
    await sql.db
      .updateTable('alerts')
      .set({ state: 'acknowledged' })
      .where('alert_key', '=', 'OUT_OF_STOCK:A')
      .execute();
    expect(await reader.counts(who('admin'))).toEqual({
      open: { critical: 1, high: 2, normal: 0, low: 0 },
      unread: { critical: 1, high: 1, normal: 0, low: 0 },
    });
    // Another user's reads are theirs.
    expect((await reader.counts(who('admin', 'u-other'))).unread.high).toBe(2);
  });

  it('an alert seen again is unread again for everyone', async () => {
    await project([stockEvent({ kind: 'LOW_STOCK', sku: 'B', priority: 'high' }), 'inventory']);
    await markRead('LOW_STOCK:B', 'u-admin');
    expect((await reader.counts(who('admin'))).unread.high).toBe(0);
    await project([stockEvent({ kind: 'LOW_STOCK', sku: 'B', priority: 'high' }), 'inventory']);
    expect((await reader.counts(who('admin'))).unread.high).toBe(1);
  });

  it('new orders open no alert, whatever their ship-by', async () => {
    const dueToday = orderEvent({ kind: 'ORDER_CREATED', orderNumber: 'TY-NEW', priority: 'high' });
    const out = await project([dueToday, 'orders']);
    expect(out.routed[0]?.event.alertKey).toBeUndefined();
    expect(await reader.counts(who('admin'))).toEqual({ open: zero, unread: zero });
  });

  it('a snapshot over its bound keeps every open critical and high, and leaves out the rest first', async () => {
    const markets = ['trendyol', 'hepsiburada', 'n11', 'amazon_tr'] as const;
    await project(
      ...markets.slice(0, 3).map((m) => [systemEvent({ kind: 'AUTH_FAILED', marketplace: m }), 'system'] as const),
    );
    // One high, then eight newer normal alerts (short rate limits) on the same channel.
    const components = ['orders', 'stock', 'price', 'webhook'] as const;
    const normals = markets.flatMap((m) =>
      components
        .slice(0, 2)
        .map((component) => [systemEvent({ kind: 'RATE_LIMITED', marketplace: m, component }), 'system'] as const),
    );
    await project([systemEvent({ kind: 'API_ERROR', marketplace: 'pazarama' }), 'system'], ...normals);
    expect((await reader.counts(who('admin'))).open).toEqual({ critical: 3, high: 1, normal: 8, low: 0 });
    const snapshot = await reader.read(who('admin'), ['system']);
    const keys = snapshot.channels[0]?.alerts?.map((a) => a.alertKey) ?? [];
    expect(keys).toHaveLength(5);
    expect(keys).toEqual(
      expect.arrayContaining([
        'AUTH_FAILED:trendyol:orders',
        'AUTH_FAILED:hepsiburada:orders',
        'AUTH_FAILED:n11:orders',
        'API_ERROR:pazarama:orders',
      ]),
    );
  });

  it('the migration that stopped new orders opening alerts closed the ones they had opened', async () => {
    await sql.db
      .insertInto('alerts')
      .values({
        alert_key: 'ORDER_CREATED:trendyol:OLD',
        channel: 'orders',
        type: 'ORDER_NOTIFICATION',
        kind: 'ORDER_CREATED',
        subject: 'trendyol:OLD',
        marketplace: 'trendyol',
        priority: 'high',
        state: 'open',
        title: '',
        count: 1,
        first_seen_at: 1,
        last_seen_at: 1,
        last_event_id: 'x',
        acked_by_id: null,
        acked_by_name: null,
        acked_at: null,
        resolved_at: null,
        resolved_reason: null,
        resolved_by_id: null,
        resolved_by_name: null,
        last_event: null,
      })
      .execute();
    expect((await reader.counts(who('admin'))).open.high).toBe(1);
    await migrations['004_resolve_new_order_alerts']?.up(sql.db as never);
    expect((await reader.counts(who('admin'))).open.high).toBe(0);
    const row = await sql.db
      .selectFrom('alerts')
      .select(['state'])
      .where('alert_key', '=', 'ORDER_CREATED:trendyol:OLD')
      .executeTakeFirst();
    expect(row?.state).toBe('resolved');
  });
});
