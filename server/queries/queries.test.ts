// The search and history queries over the SQL projection, one contract for SQLite and PostgreSQL:
// what each filter finds, both sorts, totals, keyset cursors that neither repeat nor skip while
// events arrive, an order's timeline, every SKU's stock, the alert history over 30 days and who
// may read what.
import { randomUUID } from 'node:crypto';
import { sql as sqlText } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AlertsQuery,
  OrderDetail,
  OrderPage,
  OrdersQuery,
  StockPage,
  StockQuery,
  type EventInput,
  type ProducerEvent,
  type Role,
  SNAPSHOT_NOTES_PER_ORDER,
} from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { createActionService } from '../actions/actionService';
import type { Identity } from '../auth/tokens';
import type { SqlDatabase } from '../db/database';
import { createProjection, type Projection, type Routed } from '../projection/projection';
import { BACKENDS, type TestDatabase } from '../test/databases';
import { produced, stockEvent, systemEvent } from '../test/events';
import { createAlertQueries } from './alertQueries';
import { TIMELINE_MAX, createOrderQueries } from './orderQueries';
import { createStockQueries } from './stockQueries';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-07T09:00:00Z'); // 12:00 in Istanbul

const user = (role: Role, userId = `u-${role}`): Identity => ({
  userId,
  name: `${role} user`,
  role,
  expiresAt: T0 + 365 * DAY,
});
const depo = user('warehouse', 'u-depo');
const ayse = user('warehouse', 'u-ayse');
const admin = user('admin');

interface OrderSpec {
  orderNumber: string;
  packageId?: string;
  city?: string;
  sku?: string;
  title?: string;
  status?: 'new' | 'picking' | 'shipped';
  marketplace?: 'trendyol' | 'hepsiburada';
  shipBy?: number | null;
}

function order(spec: OrderSpec): ProducerEvent {
  const base = orderCreated({ orderNumber: spec.orderNumber, marketplace: spec.marketplace }) as Extract<
    EventInput,
    { type: 'ORDER_NOTIFICATION' }
  >;
  const { shipBy: _s, ...payload } = base.payload;
  const line = base.payload.lines[0]!;
  return produced({
    ...base,
    payload: {
      ...payload,
      kind: spec.status && spec.status !== 'new' ? 'ORDER_STATUS_CHANGED' : 'ORDER_CREATED',
      status: spec.status ?? 'new',
      packageId: spec.packageId ?? `P-${spec.orderNumber}`,
      customerCity: spec.city ?? 'Ankara',
      ...(spec.shipBy === null ? {} : { shipBy: new Date(spec.shipBy ?? T0 + 3 * DAY).toISOString() }),
      lines: [{ ...line, sku: spec.sku ?? line.sku, ...(spec.title ? { title: spec.title } : {}) }],
    },
  });
}

const routed = (event: ProducerEvent): Routed => ({
  event,
  channel: { ORDER_NOTIFICATION: 'orders', INVENTORY_CHANGE: 'inventory', SYSTEM_ALERT: 'system' }[
    event.type as 'ORDER_NOTIFICATION'
  ],
});

describe.each(BACKENDS.map((make) => [make().name, make] as const))('queries on %s', (_name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let projection: Projection;
  let t = T0;
  const now = () => t;

  beforeEach(async () => {
    t = T0;
    backend = make();
    sql = await backend.open();
    projection = createProjection(sql.db, now, () => 5);
  });
  afterEach(async () => backend.cleanup());

  const post = async (...events: ProducerEvent[]) => {
    t += 1;
    await projection.apply(events.map(routed));
  };
  const orders = (query: Record<string, string>, who: Identity = depo) =>
    createOrderQueries(sql.db, now)
      .page(OrdersQuery.parse(query), who)
      .then((p) => OrderPage.parse(p));
  const numbers = (page: OrderPage) =>
    page.items.map((o) => (o.event.type === 'ORDER_NOTIFICATION' ? o.event.payload.orderNumber : '?'));
  const act = (who: Identity, action: Record<string, unknown>) =>
    createActionService({ db: sql.db, now, publish: async () => undefined }).apply(who, {
      key: `k-${randomUUID()}`,
      ...action,
    });

  it('finds an order by number, package, SKU, title, city (any case, Turkish letters or not) and note', async () => {
    await post(
      order({ orderNumber: 'TY1001', packageId: 'PKG-77', city: 'İzmir', sku: 'KUPA-01', title: 'Çiçekli Kupa' }),
      order({ orderNumber: 'TY1002', city: 'Ankara' }),
      order({ orderNumber: 'HB2001', marketplace: 'hepsiburada', city: 'Istanbul' }),
    );
    await act(depo, { type: 'ORDER_NOTE', orderKey: 'trendyol:TY1002', text: 'Müşteri hediye paketi; istedi' });

    expect(numbers(await orders({ q: 'ty1001' }))).toEqual(['TY1001']);
    expect(numbers(await orders({ q: 'PKG-77' }))).toEqual(['TY1001']);
    expect(numbers(await orders({ q: 'kupa-01' }))).toEqual(['TY1001']);
    expect(numbers(await orders({ q: 'cicekli' }))).toEqual(['TY1001']);
    expect(numbers(await orders({ q: 'IZMIR' }))).toEqual(['TY1001']);
    expect(numbers(await orders({ q: 'istanbul' }))).toEqual(['HB2001']);
    expect(numbers(await orders({ q: 'hediye paketi' }))).toEqual(['TY1002']);
    // LIKE's wildcards are plain characters in a search.
    expect((await orders({ q: '%' })).total).toBe(0);
    expect((await orders({ q: '_' })).total).toBe(0);
    // A status update renews the order's text; its notes stay findable.
    await post(order({ orderNumber: 'TY1002', status: 'picking' }));
    expect(numbers(await orders({ q: 'hediye' }))).toEqual(['TY1002']);
  });

  it('keeps the search index in step with every change of an order and reads it for words of three letters or more', async () => {
    await post(order({ orderNumber: 'TY3001', city: 'Eskişehir' }), order({ orderNumber: 'TY3002', city: 'Bursa' }));
    expect(numbers(await orders({ q: 'eskisehir' }))).toEqual(['TY3001']);
    await post(order({ orderNumber: 'TY3001', city: 'Bursa', status: 'picking' }));
    expect(numbers(await orders({ q: 'eskisehir' }))).toEqual([]);
    expect(numbers(await orders({ q: 'BURSA ty300' })).sort()).toEqual(['TY3001', 'TY3002']);
    // Short words (below a trigram) and full-text syntax are plain text too.
    expect(numbers(await orders({ q: 'bu 3002' }))).toEqual(['TY3002']);
    expect((await orders({ q: '"bursa" OR *' })).total).toBe(0);
    if (_name === 'sqlite') {
      const indexed = async (word: string) =>
        Number(
          (
            await sqlText<{
              n: number;
            }>`select count(*) as n from orders_fts where orders_fts match ${`"${word}"`}`.execute(sql.db)
          ).rows[0]?.n,
        );
      expect(await indexed('eskisehir')).toBe(0);
      expect(await indexed('bursa')).toBe(2);
    }
  });

  it('stops counting past 1,000 matches and says so, on the first page and the pages after it', async () => {
    await post(...Array.from({ length: 1005 }, (_, i) => order({ orderNumber: `TY${5000 + i}` })));
    const first = await orders({ limit: '50' });
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    const second = await orders({ limit: '50', cursor: first.nextCursor ?? '' });
    expect(second).toMatchObject({ total: 1000, totalCapped: true });
    const narrow = await orders({ q: 'ty5004' });
    expect(narrow.total).toBe(1);
    expect(narrow.totalCapped).toBeUndefined();
  });

  it('filters open orders and ship-by within 4 hours on the server, so the count is theirs', async () => {
    const HOUR = 3_600_000;
    await post(
      order({ orderNumber: 'S1', shipBy: T0 + 2 * HOUR }),
      order({ orderNumber: 'S2', shipBy: T0 + 6 * HOUR }),
      order({ orderNumber: 'S3', shipBy: T0 + HOUR, status: 'shipped' }),
      order({ orderNumber: 'S4', shipBy: T0 - HOUR, status: 'picking' }),
    );
    const soon = await orders({ shipBy: 'soon' });
    expect(numbers(soon)).toEqual(['S1']);
    expect(soon.total).toBe(1);
    const open = await orders({ status: 'open', sort: 'shipBy' });
    expect(numbers(open)).toEqual(['S4', 'S1', 'S2']);
    expect(open.total).toBe(3);
  });

  it('filters by marketplace, status, ship-by day and "claimed by me", and counts every match', async () => {
    const today = T0 + 2 * 3_600_000; // 14:00 Istanbul
    const tomorrow = T0 + DAY;
    await post(
      order({ orderNumber: 'A1', shipBy: T0 - 20 * 3_600_000 }), // overdue since yesterday
      order({ orderNumber: 'A2', shipBy: today }),
      order({ orderNumber: 'A3', shipBy: tomorrow, marketplace: 'hepsiburada' }),
      order({ orderNumber: 'A4', shipBy: T0 - DAY, status: 'shipped' }), // past but shipped
      order({ orderNumber: 'A5', shipBy: null, status: 'picking' }),
    );
    expect(numbers(await orders({ shipBy: 'overdue' }))).toEqual(['A1']);
    expect(numbers(await orders({ shipBy: 'today' }))).toEqual(['A2']);
    expect(numbers(await orders({ shipBy: 'tomorrow' }))).toEqual(['A3']);
    expect(numbers(await orders({ marketplace: 'hepsiburada' }))).toEqual(['A3']);
    expect(numbers(await orders({ status: 'picking' }))).toEqual(['A5']);

    await act(depo, { type: 'ORDER_CLAIM', orderKey: 'trendyol:A2' });
    await act(ayse, { type: 'ORDER_CLAIM', orderKey: 'trendyol:A1' });
    const mine = await orders({ claimedBy: 'me' });
    expect(numbers(mine)).toEqual(['A2']);
    expect(mine.items[0]?.claim?.by.id).toBe(depo.userId);
    expect(numbers(await orders({ claimedBy: 'me' }, ayse))).toEqual(['A1']);

    const bySort = await orders({ sort: 'shipBy', limit: '3' });
    expect(numbers(bySort)).toEqual(['A4', 'A1', 'A2']);
    expect(bySort.total).toBe(5);
    expect(bySort.nextCursor).toBeDefined();
    const rest = await orders({ sort: 'shipBy', limit: '3', cursor: bySort.nextCursor! });
    expect(numbers(rest)).toEqual(['A3', 'A5']); // no ship-by: last
    expect(rest.nextCursor).toBeUndefined();
  });

  it('pages with a cursor that neither repeats nor skips an unchanged order while events arrive', async () => {
    const all = Array.from({ length: 25 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    for (const n of all) await post(order({ orderNumber: n }));
    const seen: string[] = [];
    let page = await orders({ limit: '10' });
    expect(page.total).toBe(25);
    seen.push(...numbers(page));
    // Meanwhile: new orders, and one not yet paged changes (it moves to the top).
    await post(order({ orderNumber: 'NEW1' }), order({ orderNumber: 'NEW2' }));
    await post(order({ orderNumber: 'C03', status: 'picking' }));
    while (page.nextCursor) {
      page = await orders({ limit: '10', cursor: page.nextCursor });
      seen.push(...numbers(page));
    }
    expect(new Set(seen).size).toBe(seen.length); // no repeats
    const unchanged = all.filter((n) => n !== 'C03');
    expect(unchanged.every((n) => seen.includes(n))).toBe(true); // no skips
    expect(seen).not.toContain('NEW1'); // newer ones are above the first page: they come live

    await expect(orders({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'validation_failed' });
    const stockCursor = Buffer.from(JSON.stringify(['SKU-1', 'SKU-1'])).toString('base64url');
    await expect(orders({ cursor: stockCursor })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it("gives an order's timeline: every event, claim, release and note, oldest first", async () => {
    await post(order({ orderNumber: 'T1' }));
    await post(order({ orderNumber: 'T1', status: 'picking' }));
    t += 1;
    await act(depo, { type: 'ORDER_CLAIM', orderKey: 'trendyol:T1' });
    t += 1;
    await act(depo, { type: 'ORDER_NOTE', orderKey: 'trendyol:T1', text: 'Kutu ezik' });
    t += 1;
    await act(depo, { type: 'ORDER_RELEASE', orderKey: 'trendyol:T1' });
    const detail = OrderDetail.parse(await createOrderQueries(sql.db, now).detail('trendyol:T1', depo));
    expect(detail.timeline.map((e) => e.kind)).toEqual(['event', 'event', 'claimed', 'note', 'released']);
    expect(detail.timeline[1]).toMatchObject({ kind: 'event', event: { payload: { status: 'picking' } } });
    expect(detail.timeline[3]).toMatchObject({ text: 'Kutu ezik', by: { id: depo.userId } });
    await expect(createOrderQueries(sql.db, now).detail('trendyol:NOPE', depo)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it("holds every note in an order's timeline (not only the snapshot's latest), bounded to its newest entries", async () => {
    await post(order({ orderNumber: 'T2' }));
    const notes = SNAPSHOT_NOTES_PER_ORDER + 5;
    for (let i = 0; i < notes; i++) {
      t += 1;
      await act(depo, { type: 'ORDER_NOTE', orderKey: 'trendyol:T2', text: `not ${i}` });
    }
    const detail = OrderDetail.parse(await createOrderQueries(sql.db, now).detail('trendyol:T2', depo));
    expect(detail.notes).toHaveLength(SNAPSHOT_NOTES_PER_ORDER);
    expect(detail.timeline.filter((e) => e.kind === 'note').map((e) => (e.kind === 'note' ? e.text : ''))).toEqual(
      Array.from({ length: notes }, (_, i) => `not ${i}`),
    );
    expect(detail.timelineTruncated).toBeUndefined();

    // Past the bound: the newest entries, oldest first, and a word that older ones exist.
    const rows = Array.from({ length: TIMELINE_MAX }, (_, i) => ({
      id: `bulk-${String(i).padStart(4, '0')}`,
      order_key: 'trendyol:T2',
      user_id: depo.userId,
      user_name: depo.name,
      text: `toplu ${i}`,
      created_at: t + 1 + i,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await sql.db
        .insertInto('order_notes')
        .values(rows.slice(i, i + 100))
        .execute();
    const capped = OrderDetail.parse(await createOrderQueries(sql.db, now).detail('trendyol:T2', depo));
    expect(capped.timeline).toHaveLength(TIMELINE_MAX);
    expect(capped.timelineTruncated).toBe(true);
    expect(capped.timeline.at(-1)).toMatchObject({ kind: 'note', text: `toplu ${TIMELINE_MAX - 1}` });
    expect(capped.timeline[0]).toMatchObject({ kind: 'note', text: 'toplu 0' });
  });

  it('lists every known SKU, healthy ones too, by SKU, barcode or title, and by state', async () => {
    const stock = (query: Record<string, string>) =>
      createStockQueries(sql.db)
        .page(StockQuery.parse(query), depo)
        .then((p) => StockPage.parse(p));
    await post(
      stockEvent({ kind: 'STOCK_CHANGED', sku: 'HEALTHY-1', available: 120, threshold: null, priority: 'low' }),
      stockEvent({ kind: 'LOW_STOCK', sku: 'LOW-1', available: 3, priority: 'high' }),
      stockEvent({ kind: 'OUT_OF_STOCK', sku: 'OUT-1', available: 0, priority: 'high' }),
    );
    await post(order({ orderNumber: 'S1', sku: 'HEALTHY-1', title: 'Yün Atkı Lacivert' }));
    const healthy = await stock({ q: 'healthy-1' });
    expect(healthy.items).toHaveLength(1);
    expect(healthy.items[0]).toMatchObject({
      sku: 'HEALTHY-1',
      available: 120,
      level: 'ok',
      title: 'Yün Atkı Lacivert',
    });
    expect((await stock({ q: 'yun atki' })).items.map((s) => s.sku)).toEqual(['HEALTHY-1']);
    const barcode = healthy.items[0]!.barcode!;
    expect((await stock({ q: barcode })).items.map((s) => s.sku)).toContain('HEALTHY-1');
    expect((await stock({ state: 'low' })).items.map((s) => s.sku)).toEqual(['LOW-1']);
    expect((await stock({ state: 'out' })).items.map((s) => s.sku)).toEqual(['OUT-1']);
    const everything = await stock({ limit: '2' });
    expect(everything.total).toBe(3);
    const next = await stock({ limit: '2', cursor: everything.nextCursor! });
    expect([...everything.items, ...next.items].map((s) => s.sku)).toEqual(['HEALTHY-1', 'LOW-1', 'OUT-1']);
  });

  it('keeps the alert history (31 days back) with who acknowledged it, over the channels the role reads', async () => {
    const alerts = (query: Record<string, string>, who: Identity = admin) =>
      createAlertQueries(sql.db).page(AlertsQuery.parse(query), who);
    t = T0 - 31 * DAY;
    await post(stockEvent({ kind: 'LOW_STOCK', sku: 'OLD-1', available: 2, priority: 'high' }));
    t += 3_600_000;
    await post(stockEvent({ kind: 'STOCK_CHANGED', sku: 'OLD-1', available: 50, threshold: 8 })); // resolves
    t = T0;
    await post(systemEvent({ kind: 'API_ERROR', component: 'orders', message: 'Trendyol 500' }));
    await post(stockEvent({ kind: 'LOW_STOCK', sku: 'NOW-1', available: 2, priority: 'high' }));
    await act(depo, { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:NOW-1' });

    const resolved = await alerts({ state: 'resolved', since: new Date(T0 - 32 * DAY).toISOString() });
    expect(resolved.items).toHaveLength(1);
    expect(resolved.items[0]).toMatchObject({
      alertKey: 'LOW_STOCK:OLD-1',
      state: 'resolved',
      resolvedReason: 'event',
    });
    const resolvedAt = Date.parse(resolved.items[0]!.resolvedAt!);
    expect(resolvedAt - (T0 - 31 * DAY + 3_600_000)).toBeGreaterThanOrEqual(0);
    expect(resolvedAt - (T0 - 31 * DAY + 3_600_000)).toBeLessThan(10);
    expect((await alerts({ since: new Date(T0 - DAY).toISOString() })).items.map((a) => a.alertKey)).not.toContain(
      'LOW_STOCK:OLD-1',
    );
    const acked = await alerts({ state: 'acknowledged' });
    expect(acked.items[0]).toMatchObject({ alertKey: 'LOW_STOCK:NOW-1', ackedBy: { id: depo.userId } });
    expect((await alerts({ q: 'trendyol 500' })).items.map((a) => a.alertKey)).toEqual(['API_ERROR:trendyol:orders']);
    const high = await alerts({ priority: 'high' });
    expect(high.items.length).toBeGreaterThan(0);
    expect(high.items.every((a) => a.priority === 'high')).toBe(true);
    expect(high.total).toBe(high.items.length);

    // The system channel is the admin's: a warehouse user's history leaves it out.
    const warehouse = await alerts({}, depo);
    expect(warehouse.items.map((a) => a.alertKey).sort()).toEqual(['LOW_STOCK:NOW-1', 'LOW_STOCK:OLD-1']);
    expect(warehouse.total).toBe(2);
    expect((await alerts({})).total).toBe(3);
  });
});
