// queries: the search and history queries (GET /v1/orders, /v1/stock, /v1/alerts) over a full
// projection, in SQLite and in PostgreSQL: p50/p95 of each query and the CSV export's rows/s.
// The rows are loaded straight into SQL in the projection's own shape (folded search text, sort
// keys), then each query runs `reps` times with varying terms.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import {
  AlertsQuery,
  MARKETPLACES,
  ORDER_STATUSES,
  OrdersQuery,
  StockQuery,
  type OrderPayload,
  type Role,
} from '../../protocol';
import type { Identity } from '../../server/auth/tokens';
import { openDatabase, withMigrationLock, type SqlDatabase } from '../../server/db/database';
import type { Database } from '../../server/db/schema';
import { createAlertQueries } from '../../server/queries/alertQueries';
import { csvStream, ORDER_COLUMNS } from '../../server/queries/csv';
import { createOrderQueries } from '../../server/queries/orderQueries';
import { alertSearchText, orderSearchText, stockSearchText } from '../../server/queries/searchText';
import { createStockQueries } from '../../server/queries/stockQueries';
import { LatencyHistogram } from '../lib/histogram';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CITIES = ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Konya', 'Çanakkale', 'Şanlıurfa', 'Eskişehir'];
const T0 = Date.parse('2026-12-01T09:00:00Z');
const MINUTE = 60_000;
const BATCH = 500;

const who = (role: Role, userId: string): Identity => ({
  userId,
  name: userId,
  role,
  expiresAt: T0 + 86_400_000 * 365,
});
const ADMIN = who('admin', 'bench-admin');
const PICKER = who('warehouse', 'bench-picker-3');

/** Deterministic pseudo-random numbers, so both databases hold the same rows. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const sku = (i: number) => `SKU-${String(i).padStart(6, '0')}`;
const orderNumber = (i: number) => `BN${String(10_000_000 + i)}`;
const marketplaceOf = (i: number) => MARKETPLACES[i % MARKETPLACES.length] as (typeof MARKETPLACES)[number];

async function insertAll<T>(count: number, make: (i: number) => T, insert: (rows: T[]) => Promise<unknown>) {
  for (let i = 0; i < count; i += BATCH) {
    await insert(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => make(i + j)));
  }
}

async function load(db: Kysely<Database>, p: { orders: number; skus: number; alerts: number }): Promise<void> {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  await insertAll(
    p.orders,
    (i) => {
      const marketplace = marketplaceOf(i);
      const orderedAt = T0 + i * MINUTE;
      const shipBy = orderedAt + Math.floor(rnd() * 72) * 3_600_000;
      const s = Math.floor(rnd() * p.skus);
      const payload: OrderPayload = {
        kind: 'ORDER_CREATED',
        orderNumber: orderNumber(i),
        packageId: `PK${i}`,
        status: pick(ORDER_STATUSES),
        rawStatus: 'Created',
        orderedAt: new Date(orderedAt).toISOString(),
        shipBy: new Date(shipBy).toISOString(),
        total: { minor: 1000 + Math.floor(rnd() * 500_000), currency: 'TRY' },
        customerCity: pick(CITIES),
        lines: [
          {
            sku: sku(s),
            barcode: `869${String(s).padStart(10, '0')}`,
            title: `Ürün ${s}`,
            qty: 1,
            unitPrice: { minor: 1000, currency: 'TRY' },
          },
        ],
      };
      const event = {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        type: 'ORDER_NOTIFICATION',
        occurredAt: payload.orderedAt,
        marketplace,
        priority: 'normal',
        audience: ['warehouse', 'sales', 'admin'],
        payload,
      };
      return {
        order_key: `${marketplace}:${payload.orderNumber}`,
        marketplace,
        order_number: payload.orderNumber,
        status: payload.status,
        priority: 'normal',
        total_minor: payload.total.minor,
        ordered_at: orderedAt,
        ship_by: shipBy,
        ship_by_sort: shipBy,
        updated_at: orderedAt,
        last_event_id: event.id,
        event: JSON.stringify(event),
        search_text: orderSearchText(payload),
      };
    },
    (rows) => db.insertInto('orders').values(rows).execute(),
  );
  // Every 50th order is claimed, by one of ten pickers.
  await insertAll(
    Math.floor(p.orders / 50),
    (i) => ({ order_key: '', n: i * 50 }),
    async (rows) => {
      const keys = await db
        .selectFrom('orders')
        .select('order_key')
        .where(
          'order_number',
          'in',
          rows.map((r) => orderNumber(r.n)),
        )
        .execute();
      if (keys.length === 0) return;
      await db
        .insertInto('claims')
        .values(
          keys.map((k, j) => ({
            order_key: k.order_key,
            user_id: `bench-picker-${j % 10}`,
            user_name: 'Picker',
            claimed_at: T0,
          })),
        )
        .execute();
    },
  );
  await insertAll(
    p.skus,
    (i) => {
      const available = Math.floor(rnd() * 200) - 5;
      const barcode = `869${String(i).padStart(10, '0')}`;
      return {
        sku: sku(i),
        barcode,
        title: `Ürün ${i}`,
        on_hand: Math.max(0, available + 3),
        reserved: 3,
        available,
        threshold: 8,
        level: available <= 0 ? ('out' as const) : available <= 8 ? ('low' as const) : ('ok' as const),
        mismatch: i % 97 === 0 ? 1 : 0,
        channels: JSON.stringify([{ marketplace: 'trendyol', pushStatus: 'ok', listedQty: Math.max(0, available) }]),
        updated_at: T0 + i * 1000,
        last_event_id: `stock-${i}`,
        search_text: stockSearchText({ sku: sku(i), barcode }, `Ürün ${i}`),
      };
    },
    (rows) => db.insertInto('stock').values(rows).execute(),
  );
  const KINDS = ['LOW_STOCK', 'OUT_OF_STOCK', 'BUYBOX_LOST', 'API_ERROR', 'SHIP_DEADLINE_NEAR'];
  await insertAll(
    p.alerts,
    (i) => {
      const kind = KINDS[i % KINDS.length] as string;
      const subject = kind === 'API_ERROR' ? `${pick(MARKETPLACES)}:orders:${i}` : `${sku(i % p.skus)}:${i}`;
      const key = `${kind}:${subject}`;
      const title = `${subject} · ${kind}`;
      const state = rnd() < 0.8 ? 'resolved' : rnd() < 0.5 ? 'acknowledged' : 'open';
      const seen = T0 - 40 * 86_400_000 + i * 20_000;
      return {
        alert_key: key,
        channel:
          kind === 'API_ERROR'
            ? 'system'
            : kind === 'BUYBOX_LOST'
              ? 'prices'
              : kind === 'SHIP_DEADLINE_NEAR'
                ? 'orders'
                : 'inventory',
        type: 'INVENTORY_CHANGE',
        kind,
        subject,
        marketplace: null,
        priority: pick(['critical', 'high', 'high', 'normal']),
        state: state as 'open' | 'acknowledged' | 'resolved',
        title,
        count: 1,
        first_seen_at: seen,
        last_seen_at: seen,
        last_event_id: `alert-${i}`,
        last_event: null,
        acked_by_id: state === 'open' ? null : 'bench-admin',
        acked_by_name: state === 'open' ? null : 'Bench',
        acked_at: state === 'open' ? null : seen + 1000,
        resolved_at: state === 'resolved' ? seen + 2000 : null,
        resolved_reason: state === 'resolved' ? 'event' : null,
        resolved_by_id: null,
        resolved_by_name: null,
        search_text: alertSearchText({ alertKey: key, title }),
      };
    },
    (rows) => db.insertInto('alerts').values(rows).execute(),
  );
}

interface Case {
  name: string;
  run(i: number): Promise<unknown>;
}

function cases(db: Kysely<Database>, p: { orders: number; skus: number }): Case[] {
  const orders = createOrderQueries(db, () => T0 + p.orders * MINUTE);
  const stock = createStockQueries(db);
  const alerts = createAlertQueries(db);
  const o = (q: Record<string, string>) => orders.page(OrdersQuery.parse(q), ADMIN);
  const n = (i: number) => Math.floor((((i * 7919) % 1000) / 1000) * p.orders);
  return [
    { name: 'orders: newest page', run: () => o({}) },
    { name: 'orders: q order number', run: (i) => o({ q: orderNumber(n(i)) }) },
    { name: 'orders: q city', run: (i) => o({ q: ['izmir', 'ankara', 'canakkale'][i % 3] as string }) },
    { name: 'orders: q SKU', run: (i) => o({ q: sku(n(i) % p.skus) }) },
    { name: 'orders: sort shipBy + status', run: () => o({ sort: 'shipBy', status: 'new' }) },
    { name: 'orders: claimed by me', run: () => orders.page(OrdersQuery.parse({ claimedBy: 'me' }), PICKER) },
    {
      name: 'orders: second page by cursor',
      run: async () => {
        const first = await o({ sort: 'shipBy' });
        return o({ sort: 'shipBy', cursor: first.nextCursor ?? '' });
      },
    },
    {
      name: 'order with timeline',
      run: (i) => orders.detail(`${marketplaceOf(n(i))}:${orderNumber(n(i))}`, ADMIN),
    },
    { name: 'stock: first page', run: () => stock.page(StockQuery.parse({}), ADMIN) },
    { name: 'stock: q SKU', run: (i) => stock.page(StockQuery.parse({ q: sku(n(i) % p.skus) }), ADMIN) },
    { name: 'stock: low', run: () => stock.page(StockQuery.parse({ state: 'low' }), ADMIN) },
    { name: 'alerts: newest page', run: () => alerts.page(AlertsQuery.parse({}), ADMIN) },
    {
      name: 'alerts: resolved, last 30 days',
      run: () =>
        alerts.page(
          AlertsQuery.parse({ state: 'resolved', since: new Date(T0 - 30 * 86_400_000).toISOString() }),
          ADMIN,
        ),
    },
    { name: 'alerts: q SKU', run: (i) => alerts.page(AlertsQuery.parse({ q: sku(n(i) % p.skus) }), ADMIN) },
  ];
}

async function measure(
  label: string,
  database: SqlDatabase,
  p: { orders: number; skus: number; reps: number },
  log: (m: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of cases(database.db, p)) {
    await c.run(0); // warm the statement and the cache
    const h = new LatencyHistogram();
    for (let i = 1; i <= p.reps; i++) {
      const t = performance.now();
      await c.run(i);
      h.recordMs(performance.now() - t);
    }
    const s = h.summary();
    log(`${label} ${c.name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
    figures.push(
      { name: `${label} ${c.name} p50`, value: s.p50, unit: 'ms' },
      { name: `${label} ${c.name} p95`, value: s.p95, unit: 'ms', target: { op: '<=', value: 100 } },
    );
  }
  // Export: every order as CSV, streamed in batches as GET /v1/orders?format=csv does.
  const orders = createOrderQueries(database.db, () => T0);
  const t = performance.now();
  let bytes = 0;
  let rows = -1; // the header
  for await (const chunk of csvStream(ORDER_COLUMNS, orders.all(OrdersQuery.parse({ format: 'csv' }), ADMIN))) {
    const text = String(chunk);
    bytes += Buffer.byteLength(text);
    rows += text.split('\r\n').length - 1;
  }
  const seconds = (performance.now() - t) / 1000;
  log(`${label} export: ${rows} rows in ${seconds.toFixed(1)} s`);
  figures.push(
    { name: `${label} export rows`, value: rows, unit: 'count' },
    { name: `${label} export rows/s`, value: Math.round(rows / seconds), unit: 'per_s' },
    { name: `${label} export MB/s`, value: Math.round((bytes / 1e6 / seconds) * 10) / 10, unit: 'per_s' },
  );
  return figures;
}

export const queries = defineScenario({
  name: 'queries',
  summary: 'p50/p95 of the order, stock and alert queries and CSV export rows/s, SQLite and PostgreSQL',
  help: {
    orders: 'orders in each database',
    skus: 'SKUs in each database',
    alerts: 'alerts in each database',
    reps: 'runs of each query (after one to warm up)',
    databases: 'sqlite, postgres or both',
  },
  defaults: { orders: 100_000, skus: 20_000, alerts: 200_000, reps: 50, databases: 'both' },
  choices: { databases: ['both', 'sqlite', 'postgres'] },
  smoke: { orders: 2000, skus: 300, alerts: 2000, reps: 5 },
  budgetS: (p) => 120 + Math.ceil((p.orders + p.alerts + p.skus) / 1000) * 4,
  async run(p, ctx) {
    const figures: Figure[] = [];
    const notes: string[] = [];
    const backends = p.databases === 'both' ? ['sqlite', 'postgres'] : [p.databases];
    for (const backend of backends) {
      let database: SqlDatabase;
      if (backend === 'sqlite') {
        const dir = mkdtempSync(path.join(tmpdir(), 'bench-queries-'));
        ctx.onCleanup(() => rmSync(dir, { recursive: true, force: true }));
        database = await openDatabase({ dataDir: dir });
      } else {
        const schema = `bench_${randomBytes(6).toString('hex')}`;
        ctx.onCleanup(async () => {
          await withMigrationLock(POSTGRES_URL, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
        });
        database = await openDatabase({ dataDir: '', databaseUrl: POSTGRES_URL, schema });
      }
      ctx.onCleanup(() => database.close());
      const t = performance.now();
      await load(database.db, p);
      await sql`analyze`.execute(database.db); // fresh statistics, as autovacuum would have by then
      const loadS = (performance.now() - t) / 1000;
      ctx.log(`${backend}: loaded in ${loadS.toFixed(1)} s`);
      figures.push(
        {
          name: `${backend} orders loaded`,
          value: Number(
            (
              await database.db
                .selectFrom('orders')
                .select((eb) => eb.fn.countAll<string | number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
          unit: 'count',
        },
        { name: `${backend} load time`, value: Math.round(loadS * 1000), unit: 'ms' },
      );
      figures.push(...(await measure(backend, database, p, ctx.log)));
    }
    notes.push(
      `${p.orders} orders, ${p.skus} SKUs, ${p.alerts} alerts in each database; ${p.reps} runs per query after one warm-up`,
      'Search is a LIKE over folded text: PostgreSQL answers it from trigram (GIN) indexes; SQLite from an FTS5 trigram index for words matching at most 2,000 rows, and by walking the sort order for commoner ones. Totals are counted up to 1,000 ("1.000+" past that).',
    );
    return { figures, notes };
  },
});
