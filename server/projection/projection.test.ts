// The SQL projection, one contract for SQLite and PostgreSQL: orders upserted, alerts opened,
// counted, kept acknowledged, resolved and reopened by events, all or nothing per batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultEvent, type ProducerEvent } from '../../protocol';
import type { SqlDatabase } from '../db/database';
import { BACKENDS } from '../test/databases';
import type { TestDatabase } from '../test/databases';
import { metricEvent, newOrderNumber, orderEvent, stockEvent, systemEvent } from '../test/events';
import { createProjection, MAX_ALERT_EVENT_CHARS, type Projection, type Routed } from './projection';

const CHANNEL: Record<ProducerEvent['type'], string> = {
  ORDER_NOTIFICATION: 'orders',
  INVENTORY_CHANGE: 'inventory',
  PRICE_UPDATE: 'prices',
  METRIC_UPDATE: 'dashboard',
  SYSTEM_ALERT: 'system',
};
const routed = (event: ProducerEvent, channel = CHANNEL[event.type]): Routed => ({ event, channel });

describe.each(BACKENDS.map((make) => [make().name, make] as const))('projection on %s', (_name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let projection: Projection;
  let t = 1_700_000_000_000;
  const now = () => t;

  beforeEach(async () => {
    backend = make();
    sql = await backend.open();
    projection = createProjection(sql.db, now);
  });
  afterEach(async () => backend.cleanup());

  const alerts = () => sql.db.selectFrom('alerts').selectAll().orderBy('alert_key').execute();
  const alert = (key: string) =>
    sql.db.selectFrom('alerts').selectAll().where('alert_key', '=', key).executeTakeFirst();
  const orders = () => sql.db.selectFrom('orders').selectAll().execute();
  const lowStock = (sku: string) => stockEvent({ kind: 'LOW_STOCK', sku, priority: 'high' });
  const stockBack = (sku: string) => stockEvent({ kind: 'STOCK_CHANGED', sku, available: 20, threshold: 8 });

  it('an event projected again (a retry, or two nodes at once) counts once, and neither fails', async () => {
    const e = lowStock('SKU-RETRY');
    // Another gateway node with its own connections (PostgreSQL); embedded SQLite has one writer.
    const twin = backend.name === 'postgres' ? createProjection((await backend.open()).db, now) : projection;
    const outcomes = await Promise.allSettled([projection.apply([routed(e)]), twin.apply([routed(e)])]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual([
      'fulfilled',
      'fulfilled',
    ]);
    await projection.apply([routed(e)]);
    const rows = await alerts();
    expect(rows.map((a) => [a.alert_key, a.count])).toEqual([['LOW_STOCK:SKU-RETRY', 1]]);
  });

  it('an ORDER_NOTIFICATION upserts the order row; the latest event wins', async () => {
    const orderNumber = newOrderNumber();
    const created = orderEvent({ orderNumber });
    const picking = orderEvent({ orderNumber, kind: 'ORDER_STATUS_CHANGED', status: 'picking' });
    const first = await projection.apply([routed(created)]);
    expect(first).toEqual({ routed: [routed(created)], results: [] });
    t += 1000;
    await projection.apply([routed(picking)]);
    const rows = await orders();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      order_key: `trendyol:${orderNumber}`,
      marketplace: 'trendyol',
      order_number: orderNumber,
      status: 'picking',
      last_event_id: picking.id,
      updated_at: t,
    });
    expect(JSON.parse(rows[0]!.event)).toEqual(picking);
  });

  it('an alert-worthy event opens an alert and the routed event carries its key', async () => {
    const orderNumber = newOrderNumber();
    const near = orderEvent({ orderNumber, kind: 'SHIP_DEADLINE_NEAR', priority: 'high' });
    const key = `SHIP_DEADLINE_NEAR:trendyol:${orderNumber}`;
    const out = await projection.apply([routed(near)]);
    expect(out.routed).toEqual([{ channel: 'orders', event: { ...near, alertKey: key } }]);
    expect(out.results).toEqual([]);
    expect(await alerts()).toEqual([
      expect.objectContaining({
        alert_key: key,
        channel: 'orders',
        type: 'ORDER_NOTIFICATION',
        kind: 'SHIP_DEADLINE_NEAR',
        subject: `trendyol:${orderNumber}`,
        priority: 'high',
        state: 'open',
        count: 1,
        first_seen_at: t,
        last_seen_at: t,
        last_event_id: near.id,
        acked_by_id: null,
      }),
    ]);
    expect(await orders()).toHaveLength(1);
  });

  it('a repeat counts on the same row', async () => {
    const first = systemEvent();
    await projection.apply([routed(first)]);
    t += 5000;
    const again = systemEvent({ priority: 'critical', message: 'Hâlâ yanıt yok' });
    const out = await projection.apply([routed(again)]);
    expect(out.routed[0]!.event).toMatchObject({ id: again.id, alertKey: 'API_ERROR:trendyol:orders' });
    const rows = await alerts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      count: 2,
      state: 'open',
      first_seen_at: t - 5000,
      last_seen_at: t,
      last_event_id: again.id,
      priority: 'critical',
      title: 'Hâlâ yanıt yok',
    });
  });

  it('an acknowledged alert stays acknowledged on a repeat', async () => {
    await projection.apply([routed(systemEvent())]);
    await sql.db
      .updateTable('alerts')
      .set({ state: 'acknowledged', acked_by_id: 'u1', acked_by_name: 'Ayşe', acked_at: t })
      .execute();
    t += 1000;
    await projection.apply([routed(systemEvent())]);
    expect(await alert('API_ERROR:trendyol:orders')).toMatchObject({
      state: 'acknowledged',
      count: 2,
      acked_by_id: 'u1',
      acked_by_name: 'Ayşe',
      acked_at: t - 1000,
    });
  });

  it("a resolving event resolves the alert and answers ALERT_RESOLVED on the alert's channel", async () => {
    // Opened on `global`, not the type's default: the result follows the alert's row.
    await projection.apply([routed(lowStock('SKU-1'), 'global'), routed(lowStock('SKU-2'))]);
    t += 1000;
    const back = stockBack('SKU-1');
    const out = await projection.apply([routed(back)]);
    expect(out.routed).toEqual([routed(back)]);
    expect(out.results).toHaveLength(1);
    const [r] = out.results;
    expect(r!.channel).toBe('global');
    expect(ResultEvent.parse(r!.event)).toEqual(r!.event);
    expect(r!.event).toMatchObject({
      type: 'ALERT_RESOLVED',
      payload: { alertKey: 'LOW_STOCK:SKU-1', reason: 'event', eventId: back.id, at: new Date(t).toISOString() },
    });
    expect(await alert('LOW_STOCK:SKU-1')).toMatchObject({
      state: 'resolved',
      resolved_at: t,
      resolved_reason: 'event',
    });
    expect(await alert('LOW_STOCK:SKU-2')).toMatchObject({ state: 'open' });
    // Already resolved: nothing more to announce.
    expect((await projection.apply([routed(stockBack('SKU-1'))])).results).toEqual([]);
  });

  it('one RECOVERED resolves each open problem of its component, one result each', async () => {
    await projection.apply([
      routed(systemEvent({ kind: 'API_ERROR' })),
      routed(systemEvent({ kind: 'AUTH_FAILED' })),
      routed(systemEvent({ kind: 'API_ERROR', component: 'stock' })),
    ]);
    const out = await projection.apply([routed(systemEvent({ kind: 'RECOVERED' }))]);
    expect(out.results.map((r) => (r.event.payload as { alertKey: string }).alertKey).sort()).toEqual([
      'API_ERROR:trendyol:orders',
      'AUTH_FAILED:trendyol:orders',
    ]);
    expect(out.results.every((r) => r.channel === 'system')).toBe(true);
    expect(out.routed[0]!.event).not.toHaveProperty('alertKey');
    expect((await alerts()).map((a) => [a.alert_key, a.state])).toEqual([
      ['API_ERROR:trendyol:orders', 'resolved'],
      ['API_ERROR:trendyol:stock', 'open'],
      ['AUTH_FAILED:trendyol:orders', 'resolved'],
    ]);
  });

  it('a repeat after the resolution reopens the alert with its acknowledgement cleared', async () => {
    await projection.apply([routed(lowStock('SKU-1'))]);
    await sql.db
      .updateTable('alerts')
      .set({ state: 'acknowledged', acked_by_id: 'u1', acked_by_name: 'Ayşe', acked_at: t })
      .execute();
    await projection.apply([routed(stockBack('SKU-1'))]);
    t += 1000;
    const again = lowStock('SKU-1');
    const out = await projection.apply([routed(again)]);
    expect(out.routed[0]!.event).toMatchObject({ alertKey: 'LOW_STOCK:SKU-1' });
    expect(await alert('LOW_STOCK:SKU-1')).toMatchObject({
      state: 'open',
      count: 2,
      last_event_id: again.id,
      acked_by_id: null,
      acked_by_name: null,
      acked_at: null,
      resolved_at: null,
      resolved_reason: null,
    });
  });

  it('an alert keeps its latest event as delivered: the first, each repeat, and the one that reopens it', async () => {
    const kept = async (key: string) => {
      const json = (await alert(key))?.last_event;
      return typeof json === 'string' ? JSON.parse(json) : json;
    };
    const first = lowStock('SKU-1');
    const [opened] = (await projection.apply([routed(first)])).routed;
    expect(opened!.event).toMatchObject({ id: first.id, alertKey: 'LOW_STOCK:SKU-1' });
    expect(await kept('LOW_STOCK:SKU-1')).toEqual(opened!.event);

    t += 1000;
    const repeat = stockEvent({ kind: 'LOW_STOCK', sku: 'SKU-1', priority: 'critical', available: 1 });
    const [counted] = (await projection.apply([routed(repeat)])).routed;
    expect(await kept('LOW_STOCK:SKU-1')).toEqual(counted!.event);
    expect(await kept('LOW_STOCK:SKU-1')).toMatchObject({ id: repeat.id, payload: { available: 1 } });

    // Resolved: the row keeps the event that opened it last; a new one reopens and replaces it.
    await projection.apply([routed(stockBack('SKU-1'))]);
    expect(await kept('LOW_STOCK:SKU-1')).toMatchObject({ id: repeat.id });
    t += 1000;
    const again = lowStock('SKU-1');
    const [reopened] = (await projection.apply([routed(again)])).routed;
    expect(await alert('LOW_STOCK:SKU-1')).toMatchObject({ state: 'open', last_event_id: again.id });
    expect(await kept('LOW_STOCK:SKU-1')).toEqual(reopened!.event);

    // Whatever the type: a system alert keeps its HTTP status and message.
    const down = systemEvent({ kind: 'API_ERROR', message: 'Trendyol 503 döndü' });
    await projection.apply([routed(down)]);
    expect(await kept('API_ERROR:trendyol:orders')).toEqual({ ...down, alertKey: 'API_ERROR:trendyol:orders' });
  });

  it('an event too large to keep leaves the alert without one, not with an older one', async () => {
    const orderNumber = newOrderNumber();
    const key = `SHIP_DEADLINE_NEAR:trendyol:${orderNumber}`;
    const near = orderEvent({ orderNumber, kind: 'SHIP_DEADLINE_NEAR', priority: 'high' });
    await projection.apply([routed(near)]);
    expect(JSON.parse((await alert(key))!.last_event!)).toMatchObject({ id: near.id, alertKey: key });

    const big = orderEvent({ orderNumber, kind: 'SHIP_DEADLINE_NEAR', priority: 'high' });
    if (big.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
    const line = big.payload.lines[0]!;
    big.payload.lines = Array.from({ length: 200 }, (_, i) => ({ ...line, sku: `SKU-${i}`, title: 'Ş'.repeat(300) }));
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_ALERT_EVENT_CHARS);
    t += 1000;
    await projection.apply([routed(big)]);
    expect(await alert(key)).toMatchObject({ count: 2, last_event_id: big.id, last_event: null });
  });

  it('a batch that fails midway leaves no partial rows', async () => {
    const orderNumber = newOrderNumber();
    const before = orderEvent({ orderNumber });
    await projection.apply([routed(before)]);
    const update = orderEvent({ orderNumber, kind: 'ORDER_STATUS_CHANGED', status: 'picking' });
    // No priority: the orders insert violates NOT NULL and the statement fails in SQL.
    const broken = { ...orderEvent(), priority: undefined } as unknown as ProducerEvent;
    await expect(
      projection.apply([routed(systemEvent()), routed(update), routed(lowStock('SKU-9')), routed(broken)]),
    ).rejects.toThrow();
    expect(await alerts()).toEqual([]);
    const rows = await orders();
    expect(rows.map((r) => [r.order_number, r.last_event_id])).toEqual([[orderNumber, before.id]]);
    // The same batch without the broken event goes through.
    await projection.apply([routed(systemEvent()), routed(update), routed(lowStock('SKU-9'))]);
    expect(await alerts()).toHaveLength(2);
  });

  it('METRIC_UPDATE-only batches do not touch SQL', async () => {
    const other = await backend.open();
    const detached = createProjection(other.db, now);
    await other.db.destroy();
    const metrics = [routed(metricEvent()), routed(metricEvent(), 'analytics')];
    expect(await detached.apply(metrics)).toEqual({ routed: metrics, results: [] });
    // The control: anything else needs the database it no longer has.
    await expect(detached.apply([...metrics, routed(orderEvent())])).rejects.toThrow();
  });

  it('a mixed batch passes METRIC_UPDATE through in order, unchanged', async () => {
    const m = metricEvent();
    const s = systemEvent();
    const out = await projection.apply([routed(m), routed(s)]);
    expect(out.routed.map((r) => r.event.id)).toEqual([m.id, s.id]);
    expect(out.routed[0]).toEqual(routed(m));
    expect(await alerts()).toHaveLength(1);
  });
});
