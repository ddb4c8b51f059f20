// CSV as Excel set to Turkish opens it: UTF-8 with a BOM, `;` between fields, CRLF rows, tr-TR
// numbers (1.234,50) and dates (26.11.2026 14:05, Istanbul time). Streamed a batch at a time.
import { Readable } from 'node:stream';
import {
  formatDateTime,
  formatDecimal,
  wordOf,
  type AlertHistoryItem,
  type Marketplace,
  type OrderView,
  type StockItem,
} from '../../protocol';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
const LANG = 'tr';

/** A cell that would start a formula in a spreadsheet is kept as text (a leading apostrophe). */
const FORMULA_START = /^[=+@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? formatDecimal(value, LANG, Number.isInteger(value) ? 0 : 2) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}

export interface CsvColumns<T> {
  header: readonly string[];
  row(item: T): (string | number | null | undefined)[];
}

const date = (iso: string | undefined) => (iso ? formatDateTime(iso, LANG) : '');
const money = (minor: number) => formatDecimal(minor / 100, LANG, 2);
const marketplaceName = (m: string | undefined) => (m ? wordOf(LANG, 'marketplace', m as Marketplace, m) : '');

export const ORDER_COLUMNS: CsvColumns<OrderView> = {
  header: [
    'Sipariş no',
    'Pazaryeri',
    'Paket no',
    'Durum',
    'Sipariş tarihi',
    'Kargoya son',
    'Tutar (TL)',
    'Şehir',
    'Ürünler',
    'Adet',
    'Üstlenen',
    'Notlar',
  ],
  row(o) {
    if (o.event.type !== 'ORDER_NOTIFICATION') return [o.orderKey];
    const p = o.event.payload;
    return [
      p.orderNumber,
      marketplaceName(o.event.marketplace),
      p.packageId,
      wordOf(LANG, 'orderStatus', p.status, p.status),
      date(p.orderedAt),
      date(p.shipBy),
      money(p.total.minor),
      p.customerCity,
      p.lines.map((l) => `${l.sku} × ${l.qty}`).join(', '),
      p.lines.reduce((n, l) => n + l.qty, 0),
      o.claim?.by.name,
      o.notes.map((n) => `${n.by.name}: ${n.text}`).join('\n'),
    ];
  },
};

export const STOCK_COLUMNS: CsvColumns<StockItem> = {
  header: [
    'SKU',
    'Barkod',
    'Ürün',
    'Eldeki',
    'Rezerve',
    'Satılabilir',
    'Eşik',
    'Durum',
    'Uyuşmazlık',
    'Pazaryerleri',
    'Güncellendi',
  ],
  row(s) {
    return [
      s.sku,
      s.barcode,
      s.title,
      s.onHand,
      s.reserved,
      s.available,
      s.threshold,
      { ok: 'Yeterli', low: 'Kritik', out: 'Tükendi' }[s.level],
      s.mismatch ? 'Evet' : 'Hayır',
      s.channels.map((c) => `${marketplaceName(c.marketplace)}: ${c.listedQty ?? '-'} (${c.pushStatus})`).join(', '),
      date(s.updatedAt),
    ];
  },
};

export const ALERT_COLUMNS: CsvColumns<AlertHistoryItem> = {
  header: [
    'Uyarı',
    'Başlık',
    'Öncelik',
    'Durum',
    'Pazaryeri',
    'Sayı',
    'İlk görülme',
    'Son görülme',
    'Onaylayan',
    'Onay zamanı',
    'Çözen',
    'Çözülme zamanı',
  ],
  row(a) {
    return [
      a.alertKey,
      a.title,
      wordOf(LANG, 'priority', a.priority, a.priority),
      { open: 'Açık', acknowledged: 'Onaylandı', resolved: 'Çözüldü' }[a.state],
      marketplaceName(a.marketplace),
      a.count,
      date(a.firstSeenAt),
      date(a.lastSeenAt),
      a.ackedBy?.name,
      date(a.ackedAt),
      a.resolvedBy?.name ?? (a.resolvedReason === 'event' ? 'Otomatik' : undefined),
      date(a.resolvedAt),
    ];
  },
};

/** The CSV of every batch, one chunk per batch: no whole table held in memory. */
export function csvStream<T>(columns: CsvColumns<T>, batches: AsyncIterable<T[]>): Readable {
  return Readable.from(
    (async function* () {
      yield CSV_BOM + csvRow(columns.header);
      for await (const batch of batches) yield batch.map((item) => csvRow(columns.row(item))).join('');
    })(),
  );
}
