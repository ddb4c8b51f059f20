// Print-ready pages for the warehouse: a pick list (every line of the chosen orders grouped by SKU,
// with quantities and barcodes) and a packing slip per order. Hidden on screen; the print
// stylesheet (orders-print.css) shows only these, on A4.
import { formatDateTime } from '../../format';
import type { OrderRow } from './ordersSlice';
import { useOrdersText } from './text';
import './orders-print.css';

export interface PickLine {
  sku: string;
  title?: string;
  barcode?: string;
  qty: number;
  orders: number;
}

/** Lines of the orders grouped by SKU (in SKU order), quantities summed. */
export function pickList(orders: readonly OrderRow[]): PickLine[] {
  const bySku = new Map<string, PickLine>();
  for (const o of orders) {
    for (const l of o.lines) {
      const line = bySku.get(l.sku) ?? { sku: l.sku, title: l.title, barcode: l.barcode, qty: 0, orders: 0 };
      line.qty += l.qty;
      line.orders += 1;
      line.title ??= l.title;
      line.barcode ??= l.barcode;
      bySku.set(l.sku, line);
    }
  }
  return [...bySku.values()].sort((a, b) => a.sku.localeCompare(b.sku, 'tr'));
}

export function PrintSheets({ orders, printedAt }: { orders: readonly OrderRow[]; printedAt: number }) {
  const { t, v, lang } = useOrdersText();
  const lines = pickList(orders);
  return (
    <div className="print-sheets" data-testid="print-sheets" lang={lang}>
      <section className="print-page">
        <h1>{v('print.pickList')}</h1>
        <p>{v('print.summary', { orders: orders.length, at: formatDateTime(printedAt, lang) })}</p>
        <table className="print-table" data-testid="pick-list">
          <thead>
            <tr>
              <th>{v('print.sku')}</th>
              <th>{v('print.product')}</th>
              <th>{v('print.barcode')}</th>
              <th className="print-num">{v('print.qty')}</th>
              <th className="print-num">{v('print.orders')}</th>
              <th className="print-check">✓</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.sku} data-sku={l.sku}>
                <td>{l.sku}</td>
                <td>{l.title}</td>
                <td className="print-barcode">{l.barcode}</td>
                <td className="print-num">{l.qty}</td>
                <td className="print-num">{l.orders}</td>
                <td className="print-check">☐</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {orders.map((o) => (
        <section key={o.key} className="print-page print-slip" data-testid="packing-slip">
          <h1>{v('print.packingSlip')}</h1>
          <dl className="print-facts">
            <dt>{v('columns.orderNo')}</dt>
            <dd>{o.orderNumber}</dd>
            <dt>{v('columns.marketplace')}</dt>
            <dd>{o.marketplace ? t(`marketplace.${o.marketplace}`) : ''}</dd>
            {o.packageId && (
              <>
                <dt>{v('print.package')}</dt>
                <dd>{o.packageId}</dd>
              </>
            )}
            <dt>{v('columns.orderedAt')}</dt>
            <dd>{formatDateTime(o.orderedAt, lang)}</dd>
            {o.city && (
              <>
                <dt>{v('columns.city')}</dt>
                <dd>{o.city}</dd>
              </>
            )}
          </dl>
          <table className="print-table">
            <thead>
              <tr>
                <th>{v('print.sku')}</th>
                <th>{v('print.product')}</th>
                <th>{v('print.barcode')}</th>
                <th className="print-num">{v('print.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l, i) => (
                <tr key={`${l.sku}-${i}`}>
                  <td>{l.sku}</td>
                  <td>{l.title}</td>
                  <td className="print-barcode">{l.barcode}</td>
                  <td className="print-num">{l.qty}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
