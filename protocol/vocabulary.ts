// The product's words for what events are about, Turkish first: marketplaces, order statuses, event
// kinds, system components and priorities. One home for the console's screens (its i18n tables take
// these), its toasts and the desktop's OS notifications, so a thing is called the same everywhere.
import type { Marketplace, Priority } from './common';
import type { InventoryPayload, OrderPayload, OrderStatus, PricePayload, SystemAlertPayload } from './events';

export type Language = 'tr' | 'en';

type Words<K extends string> = Record<K, string>;

/** Every kind of producer event (the `kind` of its payload). */
export type EventKind =
  OrderPayload['kind'] | InventoryPayload['kind'] | PricePayload['kind'] | SystemAlertPayload['kind'];

export type Component = SystemAlertPayload['component'];

export interface Vocabulary {
  marketplace: Words<Marketplace>;
  orderStatus: Words<OrderStatus>;
  kind: Words<EventKind>;
  component: Words<Component>;
  priority: Words<Priority>;
  /** Single words and short phrases used in several places. */
  words: { allMarketplaces: string };
}

const tr: Vocabulary = {
  marketplace: {
    trendyol: 'Trendyol',
    hepsiburada: 'Hepsiburada',
    n11: 'N11',
    amazon_tr: 'Amazon TR',
    ciceksepeti: 'Çiçeksepeti',
    pazarama: 'Pazarama',
    webshop: 'Web sitesi',
  },
  orderStatus: {
    awaiting_payment: 'Ödeme bekleniyor',
    new: 'Yeni',
    picking: 'Hazırlanıyor',
    invoiced: 'Faturalandı',
    shipped: 'Kargoya verildi',
    delivered: 'Teslim edildi',
    undelivered: 'Teslim edilemedi',
    cancelled: 'İptal edildi',
    returned: 'İade',
    unsupplied: 'Tedarik edilemedi',
    split: 'Bölündü',
  },
  kind: {
    ORDER_CREATED: 'Yeni sipariş',
    ORDER_STATUS_CHANGED: 'Sipariş durumu değişti',
    ORDER_CANCELLED: 'Sipariş iptal edildi',
    SHIP_DEADLINE_NEAR: 'Kargoya son teslim yaklaşıyor',
    SHIP_DEADLINE_MISSED: 'Kargoya son teslim geçti',
    STOCK_CHANGED: 'Stok değişti',
    LOW_STOCK: 'Kritik stok',
    OUT_OF_STOCK: 'Stokta yok',
    STOCK_MISMATCH: 'Stok uyuşmazlığı',
    STOCK_PUSH_FAILED: 'Stok gönderilemedi',
    PRICE_CHANGED: 'Fiyat değişti',
    PRICE_REJECTED: 'Fiyat reddedildi',
    COMPETITOR_UNDERCUT: 'Rakip daha ucuz',
    BUYBOX_LOST: 'Buybox kaybedildi',
    BUYBOX_WON: 'Buybox kazanıldı',
    API_ERROR: 'API hatası',
    AUTH_FAILED: 'Yetkilendirme hatası',
    RATE_LIMITED: 'İstek limiti aşıldı',
    SYNC_LAG: 'Senkronizasyon gecikmesi',
    WEBHOOK_DISABLED: 'Webhook devre dışı',
    RECOVERED: 'Bağlantı düzeldi',
  },
  component: { orders: 'Siparişler', stock: 'Stok', price: 'Fiyat', webhook: 'Webhook', queue: 'Kuyruk' },
  priority: { critical: 'Kritik', high: 'Yüksek', normal: 'Normal', low: 'Düşük' },
  words: { allMarketplaces: 'Tüm pazaryerleri' },
};

const en: Vocabulary = {
  marketplace: {
    trendyol: 'Trendyol',
    hepsiburada: 'Hepsiburada',
    n11: 'N11',
    amazon_tr: 'Amazon TR',
    ciceksepeti: 'Çiçeksepeti',
    pazarama: 'Pazarama',
    webshop: 'Web shop',
  },
  orderStatus: {
    awaiting_payment: 'Awaiting payment',
    new: 'New',
    picking: 'Picking',
    invoiced: 'Invoiced',
    shipped: 'Shipped',
    delivered: 'Delivered',
    undelivered: 'Undelivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
    unsupplied: 'Unsupplied',
    split: 'Split',
  },
  kind: {
    ORDER_CREATED: 'New order',
    ORDER_STATUS_CHANGED: 'Order status changed',
    ORDER_CANCELLED: 'Order cancelled',
    SHIP_DEADLINE_NEAR: 'Ship-by deadline near',
    SHIP_DEADLINE_MISSED: 'Ship-by deadline missed',
    STOCK_CHANGED: 'Stock changed',
    LOW_STOCK: 'Low stock',
    OUT_OF_STOCK: 'Out of stock',
    STOCK_MISMATCH: 'Stock mismatch',
    STOCK_PUSH_FAILED: 'Stock push failed',
    PRICE_CHANGED: 'Price changed',
    PRICE_REJECTED: 'Price rejected',
    COMPETITOR_UNDERCUT: 'Competitor undercut',
    BUYBOX_LOST: 'Buy box lost',
    BUYBOX_WON: 'Buy box won',
    API_ERROR: 'API error',
    AUTH_FAILED: 'Authorisation failed',
    RATE_LIMITED: 'Rate limited',
    SYNC_LAG: 'Sync lag',
    WEBHOOK_DISABLED: 'Webhook disabled',
    RECOVERED: 'Recovered',
  },
  component: { orders: 'Orders', stock: 'Stock', price: 'Price', webhook: 'Webhook', queue: 'Queue' },
  priority: { critical: 'Critical', high: 'High', normal: 'Normal', low: 'Low' },
  words: { allMarketplaces: 'All marketplaces' },
};

export const VOCABULARY: Record<Language, Vocabulary> = { tr, en };

/** A word of a table by a key that arrived as data: an unknown key gets the table's fallback. */
export function wordOf<K extends keyof Vocabulary>(lang: Language, table: K, key: string, fallback: string): string {
  const words = VOCABULARY[lang][table] as Record<string, string>;
  return Object.hasOwn(words, key) ? (words[key] as string) : fallback;
}
