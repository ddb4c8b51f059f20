// Every SKU's latest stock, from its INVENTORY_CHANGE events: what GET /v1/stock lists, healthy
// SKUs included. Titles come from order lines (inventory events carry none).
import type { Transaction } from 'kysely';
import type { InventoryPayload, OrderPayload } from '../../protocol';
import type { Database, StockTable } from '../db/schema';
import { searchText, stockSearchText } from '../queries/searchText';

/** out: nothing to sell; low: at or under its threshold (or the producer said so); ok otherwise. */
export function stockLevel(p: InventoryPayload, defaultThreshold: number): StockTable['level'] {
  if (p.available <= 0 || p.kind === 'OUT_OF_STOCK') return 'out';
  if (p.kind === 'LOW_STOCK' || p.available <= (p.threshold ?? defaultThreshold)) return 'low';
  return 'ok';
}

/** A marketplace lists another quantity than is available, or the producer reported a mismatch. */
export function stockMismatch(p: InventoryPayload): boolean {
  return p.kind === 'STOCK_MISMATCH' || p.channels.some((c) => c.listedQty !== null && c.listedQty !== p.available);
}

export async function projectStock(
  tx: Transaction<Database>,
  p: InventoryPayload,
  eventId: string,
  now: number,
  defaultThreshold: number,
): Promise<void> {
  const known = await tx.selectFrom('stock').select(['title', 'barcode']).where('sku', '=', p.sku).executeTakeFirst();
  const barcode = p.barcode ?? known?.barcode ?? null;
  const title = known?.title ?? null;
  const row = {
    sku: p.sku,
    barcode,
    title,
    on_hand: p.onHand,
    reserved: p.reserved,
    available: p.available,
    threshold: p.threshold ?? null,
    level: stockLevel(p, defaultThreshold),
    mismatch: stockMismatch(p) ? 1 : 0,
    channels: JSON.stringify(p.channels),
    updated_at: now,
    last_event_id: eventId,
    search_text: stockSearchText({ sku: p.sku, ...(barcode ? { barcode } : {}) }, title),
  };
  const { sku: _sku, ...update } = row;
  await tx
    .insertInto('stock')
    .values(row)
    .onConflict((oc) => oc.column('sku').doUpdateSet(update))
    .execute();
}

/** An order names its SKUs' titles and barcodes: known SKUs without them get them. */
export async function learnStockTitles(tx: Transaction<Database>, p: OrderPayload): Promise<void> {
  for (const line of p.lines) {
    if (!line.title) continue;
    await tx
      .updateTable('stock')
      .set((eb) => ({
        title: line.title ?? null,
        barcode: eb.fn.coalesce('barcode', eb.val(line.barcode ?? null)),
        search_text: searchText([line.sku, line.barcode, line.title]),
      }))
      .where('sku', '=', line.sku)
      .where('title', 'is', null)
      .execute();
  }
}
