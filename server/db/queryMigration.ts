// Migration 007: what the search and history queries (GET /v1/orders, /v1/stock, /v1/alerts) need —
// folded search text beside orders and alerts, a sort key for ship-by, every SKU's stock, each
// order's timeline, and the indexes their filters and sorts walk.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { LiveEvent } from '../../protocol';
import { alertSearchText, orderSearchText, searchText } from '../queries/searchText';
import type { Database } from './schema';

/** ship_by_sort of an order with no ship-by: after every real one (the largest valid Date). */
export const SHIP_BY_NONE = 8_640_000_000_000_000;

export async function addQueryColumns(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('notes_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('ship_by_sort', 'bigint', (c) => c.notNull().defaultTo(SHIP_BY_NONE))
    .execute();
  await db.schema
    .alterTable('alerts')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function createQueryTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stock')
    .addColumn('sku', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('barcode', 'varchar(64)')
    .addColumn('title', 'varchar(300)')
    .addColumn('on_hand', 'integer', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull())
    .addColumn('available', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer')
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('mismatch', 'integer', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_event_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('order_history')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('order_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)')
    .addColumn('actor_name', 'varchar(128)')
    .addColumn('event', 'text')
    .execute();
}

/** Rows from before this migration get their search text (and ship-by sort key) once. */
export async function backfillSearchText(db: Kysely<Database>): Promise<void> {
  await sql`update orders set ship_by_sort = ship_by where ship_by is not null`.execute(db);
  const orders = await db.selectFrom('orders').select(['order_key', 'event']).execute();
  const notes = await db.selectFrom('order_notes').select(['order_key', 'text']).execute();
  for (const o of orders) {
    const parsed = LiveEvent.safeParse(JSON.parse(o.event));
    if (!parsed.success || parsed.data.type !== 'ORDER_NOTIFICATION') continue;
    const own = notes.filter((n) => n.order_key === o.order_key).map((n) => n.text);
    await db
      .updateTable('orders')
      .set({ search_text: orderSearchText(parsed.data.payload), notes_text: searchText(own) })
      .where('order_key', '=', o.order_key)
      .execute();
  }
  const alerts = await db.selectFrom('alerts').select(['alert_key', 'title']).execute();
  for (const a of alerts) {
    await db
      .updateTable('alerts')
      .set({ search_text: alertSearchText({ alertKey: a.alert_key, title: a.title }) })
      .where('alert_key', '=', a.alert_key)
      .execute();
  }
}

export async function createQueryIndexes(db: Kysely<unknown>): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('orders_recent', 'orders', ['updated_at', 'order_key']);
  await index('orders_ship_by', 'orders', ['ship_by_sort', 'order_key']);
  await index('orders_status_ship_by', 'orders', ['status', 'ship_by_sort']);
  await index('orders_marketplace_recent', 'orders', ['marketplace', 'updated_at']);
  await index('claims_user', 'claims', ['user_id']);
  await index('order_history_order', 'order_history', ['order_key', 'at']);
  await index('stock_level', 'stock', ['level', 'sku']);
  await index('alerts_recent', 'alerts', ['last_seen_at', 'alert_key']);
  await index('alerts_state_recent', 'alerts', ['state', 'last_seen_at']);
}

/** Whether PostgreSQL's pg_trgm extension is installed in `public`, where the trigram indexes name it. */
export async function hasTrigramExtension(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_extension
    where extname = 'pg_trgm' and extnamespace = 'public'::regnamespace`.execute(db);
  return rows.length > 0;
}

/**
 * PostgreSQL: trigram indexes, so `LIKE '%word%'` over the search text uses an index instead of a
 * scan. The extension goes to `public` once per database (every schema's indexes name it there).
 * A role that may not create extensions (or a server without the contrib package) leaves search
 * working without these indexes: the failure is caught in its own subtransaction (a PL/pgSQL
 * exception block), so the migration's transaction goes on; the gateway says so at start.
 */
export async function createSearchIndexes(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`do $$ begin
      create extension if not exists pg_trgm with schema public;
    exception when insufficient_privilege or undefined_file or feature_not_supported then null;
    end $$`.execute(db);
  if (!(await hasTrigramExtension(db))) return;
  for (const [table, column] of [
    ['orders', 'search_text'],
    ['orders', 'notes_text'],
    ['stock', 'search_text'],
    ['alerts', 'search_text'],
  ] as const) {
    await sql`create index ${sql.id(`${table}_${column}_trgm`)} on ${sql.table(table)} using gin (${sql.ref(column)} public.gin_trgm_ops)`.execute(
      db,
    );
  }
}
