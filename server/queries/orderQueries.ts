// GET /v1/orders and GET /v1/orders/{orderKey}: any order the projection holds, found by its
// number, package, SKU, city or notes, filtered and sorted by the database (not the console's
// newest thousand), paged by keyset.
import { type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import {
  LiveError,
  canRead,
  istanbulDayStart,
  type OrderDetail,
  type OrderPage,
  type OrderTimelineEntry,
  type OrdersQuery,
  type OrderView,
} from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database } from '../db/schema';
import { cappedCount, decodeCursor, pageOf, stated, totalOf } from './cursor';
import { textMatcher } from './textMatch';
import { iso, orderViews } from './views';

const DAY_MS = 86_400_000;
/** An order's timeline shows its newest entries, at most this many (events, claims and notes). */
export const TIMELINE_MAX = 500;
/** `shipBy=soon`: ship-by within this much from now. */
const SOON_MS = 4 * 3_600_000;
/** Statuses after which a ship-by no longer matters. */
const DONE_STATUSES = ['shipped', 'delivered', 'cancelled', 'returned'];

type OrdersEb = ExpressionBuilder<Database & { claims: Database['claims'] }, 'orders' | 'claims'>;
type OrderFilter = Omit<OrdersQuery, 'limit' | 'cursor' | 'format'>;

export function mustReadOrders(identity: Identity): void {
  if (!canRead(identity.role, identity.userId, 'orders')) {
    throw new LiveError('forbidden', `Role ${identity.role} may not read orders`, { channels: ['orders'] });
  }
}

function filters(
  eb: OrdersEb,
  f: OrderFilter,
  identity: Identity,
  now: number,
  words: Expression<SqlBool>[],
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [...words];
  if (f.marketplace) out.push(eb('orders.marketplace', '=', f.marketplace));
  if (f.status === 'open') out.push(eb('orders.status', 'not in', DONE_STATUSES));
  else if (f.status) out.push(eb('orders.status', '=', f.status));
  if (f.claimedBy === 'me') out.push(eb('claims.user_id', '=', identity.userId));
  if (f.shipBy === 'overdue') {
    out.push(eb('orders.ship_by_sort', '<', now), eb('orders.status', 'not in', DONE_STATUSES));
  } else if (f.shipBy === 'soon') {
    out.push(
      eb('orders.ship_by_sort', '>', now),
      eb('orders.ship_by_sort', '<=', now + SOON_MS),
      eb('orders.status', 'not in', DONE_STATUSES),
    );
  } else if (f.shipBy) {
    const from = istanbulDayStart(now) + (f.shipBy === 'tomorrow' ? DAY_MS : 0);
    out.push(eb('orders.ship_by_sort', '>=', from), eb('orders.ship_by_sort', '<', from + DAY_MS));
  }
  return out;
}

function after(eb: OrdersEb, sort: OrdersQuery['sort'], [value, key]: [number, string]): Expression<SqlBool> {
  if (sort === 'shipBy') {
    return eb.or([
      eb('orders.ship_by_sort', '>', value),
      eb.and([eb('orders.ship_by_sort', '=', value), eb('orders.order_key', '>', key)]),
    ]);
  }
  return eb.or([
    eb('orders.updated_at', '<', value),
    eb.and([eb('orders.updated_at', '=', value), eb('orders.order_key', '<', key)]),
  ]);
}

export function createOrderQueries(db: Kysely<Database>, now: () => number = Date.now) {
  const text = textMatcher(db as Kysely<unknown>, 'orders');
  const matching = (f: OrderFilter, identity: Identity, at: number, words: Expression<SqlBool>[]) =>
    db
      .selectFrom('orders')
      .leftJoin('claims', 'claims.order_key', 'orders.order_key')
      .where((eb) => eb.and(filters(eb, f, identity, at, words)));

  async function rows(
    query: OrdersQuery,
    identity: Identity,
    at: number,
    words: Expression<SqlBool>[],
    position: [number, string] | undefined,
    limit: number,
  ) {
    let q = matching(query, identity, at, words).select([
      'orders.order_key',
      'orders.event',
      'orders.updated_at',
      'orders.ship_by_sort',
      'claims.user_id',
      'claims.user_name',
      'claims.claimed_at',
    ]);
    if (position) q = q.where((eb) => after(eb, query.sort, position));
    q =
      query.sort === 'shipBy'
        ? q.orderBy('orders.ship_by_sort', 'asc').orderBy('orders.order_key', 'asc')
        : q.orderBy('orders.updated_at', 'desc').orderBy('orders.order_key', 'desc');
    return q.limit(limit).execute();
  }

  type Row = Awaited<ReturnType<typeof rows>>[number];
  const positionOf =
    (sort: OrdersQuery['sort']) =>
    (r: Row): [number, string] => [sort === 'shipBy' ? r.ship_by_sort : r.updated_at, r.order_key];

  return {
    async page(query: OrdersQuery, identity: Identity): Promise<OrderPage> {
      mustReadOrders(identity);
      const at = now();
      const resume = decodeCursor(query.cursor, 'number');
      const words = await text(query.q);
      const [read, total] = await Promise.all([
        rows(query, identity, at, words, resume?.position, query.limit + 1),
        totalOf(resume, () => cappedCount(db as Kysely<unknown>, matching(query, identity, at, words))),
      ]);
      const { rows: page, nextCursor } = pageOf(read, query.limit, total, positionOf(query.sort));
      return { items: await orderViews(db, page), ...stated(total), ...(nextCursor ? { nextCursor } : {}) };
    },

    /** Every match, in batches read one after the other (exports); access is checked at once. */
    all(query: OrdersQuery, identity: Identity, batch = 1000): AsyncGenerator<OrderView[]> {
      mustReadOrders(identity);
      const at = now();
      let position = decodeCursor(query.cursor, 'number')?.position;
      return (async function* () {
        const words = await text(query.q);
        for (;;) {
          const page = await rows(query, identity, at, words, position, batch);
          if (page.length > 0) yield await orderViews(db, page);
          const last = page.at(-1);
          if (page.length < batch || !last) return;
          position = positionOf(query.sort)(last);
        }
      })();
    },

    async detail(orderKey: string, identity: Identity): Promise<OrderDetail> {
      mustReadOrders(identity);
      const row = await db
        .selectFrom('orders')
        .leftJoin('claims', 'claims.order_key', 'orders.order_key')
        .select(['orders.order_key', 'orders.event', 'claims.user_id', 'claims.user_name', 'claims.claimed_at'])
        .where('orders.order_key', '=', orderKey)
        .executeTakeFirst();
      if (!row) throw new LiveError('not_found', `No order ${orderKey}`);
      const [view] = await orderViews(db, [row]);
      // The newest entries of each source, one more than shown to tell whether older ones exist.
      const [history, notes] = await Promise.all([
        db
          .selectFrom('order_history')
          .selectAll()
          .where('order_key', '=', orderKey)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(TIMELINE_MAX + 1)
          .execute(),
        db
          .selectFrom('order_notes')
          .selectAll()
          .where('order_key', '=', orderKey)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(TIMELINE_MAX + 1)
          .execute(),
      ]);
      const newestFirst: OrderTimelineEntry[] = [
        ...history.map((h): OrderTimelineEntry =>
          h.kind === 'event'
            ? { kind: 'event', at: iso(h.at), event: JSON.parse(h.event ?? 'null') }
            : { kind: h.kind, at: iso(h.at), by: { id: h.actor_id ?? '', name: h.actor_name ?? '' } },
        ),
        ...notes.map((n): OrderTimelineEntry => ({
          kind: 'note',
          id: n.id,
          text: n.text,
          by: { id: n.user_id, name: n.user_name },
          at: iso(n.created_at),
        })),
      ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      const timeline = newestFirst.slice(0, TIMELINE_MAX).reverse();
      return {
        ...(view as OrderView),
        timeline,
        ...(newestFirst.length > TIMELINE_MAX ? { timelineTruncated: true as const } : {}),
      };
    },
  };
}

export type OrderQueries = ReturnType<typeof createOrderQueries>;
