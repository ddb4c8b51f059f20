// A notification's words come from the event's data in the reader's language: no producer prose,
// no status codes, no channel or kind names, and no English word in the Turkish text.
import { describe, expect, it } from 'vitest';
import {
  INVENTORY_KINDS,
  ORDER_KINDS,
  PRICE_KINDS,
  SYSTEM_ALERT_KINDS,
  countAlerts,
  notificationText,
  targetOfAlert,
  unreadTotal,
  VOCABULARY,
  type NotificationAbout,
  type ProducerEvent,
} from './index';
import { inventoryChange, orderCreated, priceUpdate, systemAlert } from './test/fixtures';

const NOW = Date.UTC(2026, 11, 7, 9); // 12:00 in Istanbul
const delivered = (e: ReturnType<typeof orderCreated>, kind: string, extra: Record<string, unknown> = {}) =>
  ({ ...e, priority: 'high', audience: [], payload: { ...e.payload, kind, ...extra } }) as ProducerEvent;
const about = (e: ProducerEvent, alertKey: string): NotificationAbout => ({
  type: e.type,
  kind: String((e.payload as { kind: string }).kind),
  alertKey,
  event: e,
});

/** Words that would mean a code or an English word leaked into the Turkish text. */
const LEAKS =
  /\b(new|picking|shipped|cancelled|orders|stock|price|webhook|queue|left|winner|lag|retry|customer)\b|[A-Z]{3,}_[A-Z]/;

describe('notification text', () => {
  it('order: marketplace, number and status in words; a deadline says when, a cancel by whom', () => {
    const o = orderCreated({ orderNumber: '369226335' });
    expect(notificationText(about(delivered(o, 'ORDER_STATUS_CHANGED'), 'X:trendyol:369226335'), 'tr', NOW)).toEqual({
      title: 'Sipariş durumu değişti',
      body: expect.stringMatching(/^Trendyol · 369226335 · Yeni · ₺/),
    });
    const near = delivered(o, 'SHIP_DEADLINE_NEAR', { shipBy: new Date(NOW + 2 * 3600_000).toISOString() });
    expect(notificationText(about(near, 'SHIP_DEADLINE_NEAR:trendyol:369226335'), 'tr', NOW).body).toBe(
      'Trendyol · 369226335 · son teslim 14:00',
    );
    const cancel = delivered(o, 'ORDER_CANCELLED', { status: 'cancelled', cancel: { by: 'customer' } });
    expect(notificationText(about(cancel, 'ORDER_CANCELLED:trendyol:369226335'), 'en', NOW)).toEqual({
      title: 'Order cancelled',
      body: 'Trendyol · 369226335 · cancelled by the customer',
    });
  });

  it('stock: SKU and units, the marketplaces that still sell it or failed the push', () => {
    const s = inventoryChange();
    const oos = delivered(s, 'OUT_OF_STOCK', { available: 0 });
    expect(notificationText(about(oos, 'OUT_OF_STOCK:KOT-SLM-LCV-32'), 'tr', NOW)).toEqual({
      title: 'Stokta yok',
      body: 'KOT-SLM-LCV-32 · 0 adet · hâlâ satışta: Trendyol (5)',
    });
  });

  it('system: where and what in words, never the producer’s message', () => {
    const sys = delivered(systemAlert(), 'SYNC_LAG', { component: 'stock', lagSec: 420, httpStatus: undefined });
    const text = notificationText({ ...about(sys, 'SYNC_LAG:pazarama:stock'), marketplace: 'pazarama' }, 'tr', NOW);
    expect(text).toEqual({ title: 'Senkronizasyon gecikmesi', body: 'Trendyol · Stok · gecikme 7 dk' });
    expect(notificationText(about(delivered(systemAlert(), 'API_ERROR'), 'K'), 'tr', NOW).body).not.toMatch(/HTTP|503/);
    expect(text.body).not.toContain('Trendyol sipariş servisi');
  });

  it('without an event at hand: the kind and the subject from the alert key', () => {
    expect(
      notificationText({ type: 'SYSTEM_ALERT', kind: 'API_ERROR', alertKey: 'API_ERROR:pazarama:stock' }, 'tr'),
    ).toEqual({ title: 'API hatası', body: 'Pazarama · Stok' });
    expect(notificationText({ type: 'SYSTEM_ALERT', kind: 'SYNC_LAG', alertKey: 'SYNC_LAG:all:queue' }, 'en')).toEqual({
      title: 'Sync lag',
      body: 'All marketplaces · Queue',
    });
    expect(
      notificationText(
        { type: 'ORDER_NOTIFICATION', kind: 'SHIP_DEADLINE_MISSED', alertKey: 'SHIP_DEADLINE_MISSED:n11:77' },
        'tr',
      ),
    ).toEqual({ title: 'Kargoya son teslim geçti', body: 'N11 · 77' });
  });

  it('no English word or code in any Turkish text of any kind', () => {
    const cases: ProducerEvent[] = [
      ...ORDER_KINDS.map((k) => delivered(orderCreated(), k, { shipBy: new Date(NOW).toISOString() })),
      ...INVENTORY_KINDS.map((k) => delivered(inventoryChange(), k)),
      ...PRICE_KINDS.map((k) => delivered(priceUpdate(), k)),
      ...SYSTEM_ALERT_KINDS.map((k) => delivered(systemAlert(), k, { lagSec: 60, retryAfterSec: 120 })),
    ];
    for (const e of cases) {
      const { title, body } = notificationText(about(e, `K:${e.id}`), 'tr', NOW);
      expect(`${title} ${body}`).not.toMatch(LEAKS);
      expect(title).toBe(VOCABULARY.tr.kind[(e.payload as { kind: keyof typeof VOCABULARY.tr.kind }).kind]);
    }
  });

  it('Turkish and English vocabularies name the same things', () => {
    for (const table of Object.keys(VOCABULARY.tr) as (keyof typeof VOCABULARY.tr)[]) {
      expect(Object.keys(VOCABULARY.en[table]).sort()).toEqual(Object.keys(VOCABULARY.tr[table]).sort());
    }
  });
});

describe('where an alert leads, and how alerts are counted', () => {
  it('an order its detail, a SKU its stock row, a price its row, a marketplace problem its system row', () => {
    expect(targetOfAlert('ORDER_NOTIFICATION', 'SHIP_DEADLINE_NEAR:trendyol:TY-1')).toEqual({
      view: 'orders',
      item: 'trendyol:TY-1',
    });
    expect(targetOfAlert('INVENTORY_CHANGE', 'LOW_STOCK:SKU:1')).toEqual({ view: 'stock', item: 'SKU:1' });
    expect(targetOfAlert('PRICE_UPDATE', 'BUYBOX_LOST:n11:S')).toEqual({ view: 'prices', item: 'n11:S' });
    expect(targetOfAlert('SYSTEM_ALERT', 'AUTH_FAILED:all:orders')).toEqual({ view: 'system', item: 'all:orders' });
    expect(targetOfAlert('ALERT_ACKED', 'X:1')).toEqual({ view: 'alerts', item: 'X:1' });
    // A role without that screen: the alert itself in the alert centre.
    expect(targetOfAlert('SYSTEM_ALERT', 'API_ERROR:all:orders', 'warehouse')).toEqual({
      view: 'alerts',
      item: 'API_ERROR:all:orders',
    });
    expect(targetOfAlert('PRICE_UPDATE', 'BUYBOX_LOST:n11:S', 'warehouse').view).toBe('alerts');
    expect(targetOfAlert('PRICE_UPDATE', 'BUYBOX_LOST:n11:S', 'sales').view).toBe('prices');
    expect(targetOfAlert('SYSTEM_ALERT', 'AUTH_FAILED:all:orders', 'admin').view).toBe('system');
  });

  it('counts open (not acknowledged) and unread per priority; the badge is every unread open alert', () => {
    const c = countAlerts([
      { priority: 'critical', state: 'open', read: false },
      { priority: 'high', state: 'open', read: true },
      { priority: 'high', state: 'acknowledged', read: false },
      { priority: 'normal', state: 'resolved', read: false },
      { priority: 'normal', state: 'open', read: false },
    ]);
    expect(c).toEqual({
      open: { critical: 1, high: 1, normal: 1, low: 0 },
      unread: { critical: 1, high: 0, normal: 1, low: 0 },
    });
    expect(unreadTotal(c)).toBe(2);
  });
});
