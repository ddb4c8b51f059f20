// The snapshot's alerts, one contract for SQLite and PostgreSQL: each carries its latest event as it
// was delivered, and an alert whose event was not kept (older rows) or no longer reads still shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Snapshot, type ProducerEvent } from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { SqlDatabase } from '../db/database';
import { memoryPresence } from '../live/presence';
import { createMemoryLog } from '../log/memoryLog';
import { BACKENDS, type TestDatabase } from '../test/databases';
import { priceEvent, stockEvent, systemEvent } from '../test/events';
import { memoryLatestMetrics } from './latestMetrics';
import { createProjection, type Projection } from './projection';
import { createSnapshotReader } from './snapshotReader';

const admin: Identity = {
  userId: 'u-admin',
  name: 'Zeynep Demir',
  role: 'admin',
  expiresAt: Date.now() + 3_600_000,
};

describe.each(BACKENDS.map((make) => [make().name, make] as const))('snapshot alerts on %s', (_name, make) => {
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
    });
  });
  afterEach(async () => backend.cleanup());

  /** Projects the events and answers what each was delivered as, by id. */
  async function project(...events: [ProducerEvent, string][]) {
    const out = await projection.apply(events.map(([event, channel]) => ({ event, channel })));
    return new Map(out.routed.map((r) => [r.event.id, r.event]));
  }

  async function alertsOf(channel: string) {
    const snapshot = await reader.read(admin, [channel]);
    // What the client checks it against: lastEvent survives validation, nothing else is refused.
    expect(Snapshot.parse(snapshot)).toEqual(snapshot);
    return snapshot.channels[0]!.alerts!;
  }

  it('each alert carries its latest event as delivered, on every channel', async () => {
    const oversell = stockEvent({ kind: 'OUT_OF_STOCK', sku: 'SKU-OOS', available: 0, priority: 'critical' });
    const lost = priceEvent({ kind: 'BUYBOX_LOST', sku: 'SKU-BB' });
    const down = systemEvent({ kind: 'API_ERROR', message: 'Sipariş servisi 503 döndü' });
    const onGlobal = systemEvent({ kind: 'WEBHOOK_DISABLED', component: 'webhook' });
    const first = await project([oversell, 'inventory'], [lost, 'prices'], [down, 'system'], [onGlobal, 'global']);
    const repeat = systemEvent({ kind: 'API_ERROR', message: 'Hâlâ 503' });
    const second = await project([repeat, 'system']);

    expect(await alertsOf('inventory')).toEqual([
      expect.objectContaining({ alertKey: 'OUT_OF_STOCK:SKU-OOS', lastEvent: first.get(oversell.id) }),
    ]);
    expect(first.get(oversell.id)).toMatchObject({ alertKey: 'OUT_OF_STOCK:SKU-OOS', priority: 'critical' });
    expect(await alertsOf('prices')).toEqual([
      expect.objectContaining({ alertKey: 'BUYBOX_LOST:hepsiburada:SKU-BB', lastEvent: first.get(lost.id) }),
    ]);
    expect(await alertsOf('system')).toEqual([
      expect.objectContaining({ alertKey: 'API_ERROR:trendyol:orders', count: 2, lastEvent: second.get(repeat.id) }),
    ]);
    expect(await alertsOf('global')).toEqual([
      expect.objectContaining({ alertKey: 'WEBHOOK_DISABLED:trendyol:webhook', lastEvent: first.get(onGlobal.id) }),
    ]);
  });

  it('an alert without a kept event, or with one that no longer reads, shows without it', async () => {
    await project(
      [systemEvent({ kind: 'API_ERROR', component: 'orders' }), 'system'],
      [systemEvent({ kind: 'API_ERROR', component: 'stock' }), 'system'],
      [systemEvent({ kind: 'API_ERROR', component: 'price' }), 'system'],
    );
    // As the migration leaves the alerts opened before it, and a row damaged or of an older shape.
    await sql.db.updateTable('alerts').set({ last_event: null }).where('subject', '=', 'trendyol:orders').execute();
    await sql.db.updateTable('alerts').set({ last_event: '{"id":' }).where('subject', '=', 'trendyol:stock').execute();
    const byKey = new Map((await alertsOf('system')).map((a) => [a.alertKey, a]));
    expect([...byKey.keys()].sort()).toEqual([
      'API_ERROR:trendyol:orders',
      'API_ERROR:trendyol:price',
      'API_ERROR:trendyol:stock',
    ]);
    expect(byKey.get('API_ERROR:trendyol:orders')).not.toHaveProperty('lastEvent');
    expect(byKey.get('API_ERROR:trendyol:stock')).not.toHaveProperty('lastEvent');
    expect(byKey.get('API_ERROR:trendyol:price')?.lastEvent).toMatchObject({ type: 'SYSTEM_ALERT' });

    const wrongShape = JSON.stringify({ ...systemEvent(), payload: { kind: 'NOT_A_KIND' } });
    await sql.db
      .updateTable('alerts')
      .set({ last_event: wrongShape })
      .where('subject', '=', 'trendyol:price')
      .execute();
    expect((await alertsOf('system')).every((a) => a.lastEvent === undefined)).toBe(true);
  });

  it('a resolved alert is not in the snapshot', async () => {
    await project([stockEvent({ kind: 'LOW_STOCK', sku: 'SKU-1', priority: 'high' }), 'inventory']);
    await project([stockEvent({ kind: 'STOCK_CHANGED', sku: 'SKU-1', available: 20, threshold: 8 }), 'inventory']);
    expect(await alertsOf('inventory')).toEqual([]);
  });
});
