// GET /v1/stock: every SKU the projection knows (healthy ones too), by SKU, barcode or title.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { LiveError, StockListing, canRead, type StockItem, type StockPage, type StockQuery } from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database, StockTable } from '../db/schema';
import { cappedCount, decodeCursor, pageOf, stated, totalOf } from './cursor';
import { like } from './textMatch';
import { likePatterns } from './searchText';
import { iso } from './views';

type StockFilter = Omit<StockQuery, 'limit' | 'cursor' | 'format'>;

function filters(eb: ExpressionBuilder<Database, 'stock'>, f: StockFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = likePatterns(f.q ?? '').map((p) => like('stock.search_text', p));
  if (f.state === 'mismatch') out.push(eb('stock.mismatch', '=', 1));
  else if (f.state) out.push(eb('stock.level', '=', f.state));
  return out;
}

function listings(json: string): StockItem['channels'] {
  const parsed = StockListing.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function stockItem(r: StockTable): StockItem {
  return {
    sku: r.sku,
    ...(r.barcode ? { barcode: r.barcode } : {}),
    ...(r.title ? { title: r.title } : {}),
    onHand: r.on_hand,
    reserved: r.reserved,
    available: r.available,
    ...(r.threshold !== null ? { threshold: r.threshold } : {}),
    level: r.level,
    mismatch: r.mismatch === 1,
    channels: listings(r.channels),
    updatedAt: iso(r.updated_at),
  };
}

function mustReadStock(identity: Identity): void {
  if (!canRead(identity.role, identity.userId, 'inventory')) {
    throw new LiveError('forbidden', `Role ${identity.role} may not read stock`, { channels: ['inventory'] });
  }
}

export function createStockQueries(db: Kysely<Database>) {
  const matching = (f: StockFilter) => db.selectFrom('stock').where((eb) => eb.and(filters(eb, f)));
  const rows = (f: StockFilter, after: string | undefined, limit: number) =>
    (after === undefined ? matching(f) : matching(f).where('stock.sku', '>', after))
      .selectAll()
      .orderBy('stock.sku')
      .limit(limit)
      .execute();

  return {
    async page(query: StockQuery, identity: Identity): Promise<StockPage> {
      mustReadStock(identity);
      const resume = decodeCursor(query.cursor, 'string');
      const [read, total] = await Promise.all([
        rows(query, resume?.position[0], query.limit + 1),
        totalOf(resume, () => cappedCount(db as Kysely<unknown>, matching(query))),
      ]);
      const { rows: page, nextCursor } = pageOf(read, query.limit, total, (r) => [r.sku, r.sku]);
      return { items: page.map(stockItem), ...stated(total), ...(nextCursor ? { nextCursor } : {}) };
    },

    /** Every match, in batches read one after the other (exports); access is checked at once. */
    all(query: StockQuery, identity: Identity, batch = 1000): AsyncGenerator<StockItem[]> {
      mustReadStock(identity);
      let after = decodeCursor(query.cursor, 'string')?.position[0];
      return (async function* () {
        for (;;) {
          const page = await rows(query, after, batch);
          if (page.length > 0) yield page.map(stockItem);
          if (page.length < batch) return;
          after = page.at(-1)?.sku;
        }
      })();
    },
  };
}

export type StockQueries = ReturnType<typeof createStockQueries>;
