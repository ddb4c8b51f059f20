// One line of title and body for an event, in the user's language, for OS notifications and
// toasts. The console shows richer views; this is what fits a notification.
import type { LiveEvent, Money } from '../../protocol';

type Lang = 'tr' | 'en';

const tl = (m: Money, lang: Lang) =>
  new Intl.NumberFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', { style: 'currency', currency: m.currency }).format(
    m.minor / 100,
  );

const MARKET: Record<string, string> = {
  trendyol: 'Trendyol',
  hepsiburada: 'Hepsiburada',
  n11: 'N11',
  amazon_tr: 'Amazon TR',
  ciceksepeti: 'Çiçeksepeti',
  pazarama: 'Pazarama',
  webshop: 'Web',
};

const TITLES: Record<string, [tr: string, en: string]> = {
  ORDER_CREATED: ['Yeni sipariş', 'New order'],
  ORDER_STATUS_CHANGED: ['Sipariş durumu değişti', 'Order status changed'],
  ORDER_CANCELLED: ['Sipariş iptal edildi', 'Order cancelled'],
  SHIP_DEADLINE_NEAR: ['Kargoya son teslim yaklaşıyor', 'Ship-by deadline near'],
  SHIP_DEADLINE_MISSED: ['Kargoya son teslim geçti', 'Ship-by deadline missed'],
  STOCK_CHANGED: ['Stok değişti', 'Stock changed'],
  LOW_STOCK: ['Kritik stok', 'Low stock'],
  OUT_OF_STOCK: ['Stokta yok', 'Out of stock'],
  STOCK_MISMATCH: ['Stok uyuşmazlığı', 'Stock mismatch'],
  STOCK_PUSH_FAILED: ['Stok gönderilemedi', 'Stock push failed'],
  PRICE_CHANGED: ['Fiyat değişti', 'Price changed'],
  PRICE_REJECTED: ['Fiyat reddedildi', 'Price rejected'],
  COMPETITOR_UNDERCUT: ['Rakip daha ucuz', 'Competitor undercut'],
  BUYBOX_LOST: ['Buybox kaybedildi', 'Buy box lost'],
  BUYBOX_WON: ['Buybox kazanıldı', 'Buy box won'],
  API_ERROR: ['API hatası', 'API error'],
  AUTH_FAILED: ['Yetkilendirme hatası', 'Authorisation failed'],
  RATE_LIMITED: ['İstek limiti aşıldı', 'Rate limited'],
  SYNC_LAG: ['Senkronizasyon gecikmesi', 'Sync lag'],
  WEBHOOK_DISABLED: ['Webhook devre dışı', 'Webhook disabled'],
  RECOVERED: ['Bağlantı düzeldi', 'Recovered'],
};

/** The notification title of an alert kind, in the user's language. */
export function titleOf(kind: string, lang: Lang): string {
  const pair = TITLES[kind];
  return pair ? pair[lang === 'tr' ? 0 : 1] : kind;
}

export function describeEvent(e: LiveEvent, lang: Lang): { title: string; body: string } {
  const pick = (pair: [string, string] | undefined, fallback: string) =>
    pair ? pair[lang === 'tr' ? 0 : 1] : fallback;
  switch (e.type) {
    case 'ORDER_NOTIFICATION': {
      const p = e.payload;
      const market = e.marketplace ? `${MARKET[e.marketplace]} · ` : '';
      return { title: pick(TITLES[p.kind], p.kind), body: `${market}${p.orderNumber} · ${tl(p.total, lang)}` };
    }
    case 'INVENTORY_CHANGE': {
      const p = e.payload;
      const left = lang === 'tr' ? `${p.available} adet` : `${p.available} left`;
      return { title: pick(TITLES[p.kind], p.kind), body: `${p.sku} · ${left}` };
    }
    case 'PRICE_UPDATE': {
      const p = e.payload;
      return {
        title: pick(TITLES[p.kind], p.kind),
        body: `${MARKET[p.marketplace]} · ${p.sku} · ${tl(p.salePrice, lang)}`,
      };
    }
    case 'SYSTEM_ALERT': {
      const p = e.payload;
      const where = [p.marketplace ? MARKET[p.marketplace] : undefined, p.component].filter(Boolean).join(' · ');
      return { title: pick(TITLES[p.kind], p.kind), body: `${where}: ${p.message}` };
    }
    default:
      return { title: e.type, body: '' };
  }
}
