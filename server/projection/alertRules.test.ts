// Which events open an alert, under which key, and which later events say it is over.
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, SYSTEM_ALERT_KINDS, type Priority } from '../../protocol';
import { metricEvent, orderEvent, priceEvent, stockEvent, systemEvent } from '../test/events';
import { alertOf, resolvedBy } from './alertRules';

const SKU = 'KOT-SLM-LCV-32';
const PROBLEMS = SYSTEM_ALERT_KINDS.filter((k) => k !== 'RECOVERED');

describe('alertOf', () => {
  it.each<[string, () => ReturnType<typeof orderEvent>, string]>([
    [
      'SHIP_DEADLINE_NEAR (high)',
      () => orderEvent({ kind: 'SHIP_DEADLINE_NEAR', orderNumber: 'TY1001', priority: 'high' }),
      'SHIP_DEADLINE_NEAR:trendyol:TY1001',
    ],
    [
      'SHIP_DEADLINE_MISSED (critical)',
      () => orderEvent({ kind: 'SHIP_DEADLINE_MISSED', orderNumber: 'TY1001', priority: 'critical' }),
      'SHIP_DEADLINE_MISSED:trendyol:TY1001',
    ],
    [
      'an order without marketplace',
      () => orderEvent({ kind: 'ORDER_CANCELLED', orderNumber: 'X-9', marketplace: null, priority: 'high' }),
      'ORDER_CANCELLED:other:X-9',
    ],
    ['LOW_STOCK (high)', () => stockEvent({ kind: 'LOW_STOCK', sku: SKU, priority: 'high' }), `LOW_STOCK:${SKU}`],
    [
      'OUT_OF_STOCK (critical)',
      () => stockEvent({ kind: 'OUT_OF_STOCK', sku: SKU, available: 0, priority: 'critical' }),
      `OUT_OF_STOCK:${SKU}`,
    ],
    [
      'BUYBOX_LOST (high)',
      () => priceEvent({ kind: 'BUYBOX_LOST', marketplace: 'hepsiburada', sku: 'SPR-42', priority: 'high' }),
      'BUYBOX_LOST:hepsiburada:SPR-42',
    ],
    [
      'PRICE_REJECTED (critical)',
      () => priceEvent({ kind: 'PRICE_REJECTED', marketplace: 'n11', sku: 'SPR-42', priority: 'critical' }),
      'PRICE_REJECTED:n11:SPR-42',
    ],
    ['API_ERROR', () => systemEvent({ kind: 'API_ERROR', component: 'orders' }), 'API_ERROR:trendyol:orders'],
  ])('%s opens %s', (_name, make, key) => {
    const e = make();
    const spec = alertOf(e);
    expect(spec).toMatchObject({ key });
    expect(spec?.key).toBe(`${spec?.kind}:${spec?.subject}`);
  });

  it('titles an order by number and status and a system alert by its message', () => {
    const o = orderEvent({ kind: 'SHIP_DEADLINE_NEAR', orderNumber: 'TY7', status: 'picking', priority: 'high' });
    expect(alertOf(o)?.title).toBe('TY7 · picking');
    expect(alertOf(systemEvent({ message: 'Trendyol yanıt vermiyor' }))?.title).toBe('Trendyol yanıt vermiyor');
  });

  it.each(
    PROBLEMS.flatMap((kind) => (['critical', 'high', 'normal', 'low'] as Priority[]).map((p) => [kind, p] as const)),
  )('every SYSTEM_ALERT %s opens an alert, even at priority %s', (kind, priority) => {
    const spec = alertOf(systemEvent({ kind, marketplace: 'hepsiburada', component: 'stock', priority }));
    expect(spec).toMatchObject({ key: `${kind}:hepsiburada:stock`, kind, subject: 'hepsiburada:stock' });
  });

  it('a SYSTEM_ALERT without marketplace is keyed under "all"', () => {
    expect(alertOf(systemEvent({ kind: 'SYNC_LAG', marketplace: null, component: 'queue' }))?.key).toBe(
      'SYNC_LAG:all:queue',
    );
  });

  it.each(['critical', 'high', 'normal', 'low'] as Priority[])('RECOVERED opens none (priority %s)', (priority) => {
    expect(alertOf(systemEvent({ kind: 'RECOVERED', priority }))).toBeUndefined();
  });

  it.each(['normal', 'low'] as Priority[])('non-system events of priority %s open none', (priority) => {
    expect(alertOf(orderEvent({ kind: 'SHIP_DEADLINE_NEAR', priority }))).toBeUndefined();
    expect(alertOf(orderEvent({ kind: 'ORDER_CREATED', priority }))).toBeUndefined();
    expect(alertOf(stockEvent({ kind: 'LOW_STOCK', priority }))).toBeUndefined();
    expect(alertOf(priceEvent({ kind: 'BUYBOX_LOST', priority }))).toBeUndefined();
  });

  it.each(['critical', 'high'] as Priority[])('ORDER_CREATED opens none even when raised to %s', (priority) => {
    expect(alertOf(orderEvent({ kind: 'ORDER_CREATED', priority }))).toBeUndefined();
  });

  it('METRIC_UPDATE opens none, whatever its priority', () => {
    expect(alertOf(metricEvent({ priority: 'critical' }))).toBeUndefined();
    expect(alertOf(metricEvent())).toBeUndefined();
  });
});

describe('resolvedBy', () => {
  const low = alertOf(stockEvent({ kind: 'LOW_STOCK', sku: SKU, priority: 'high' }))!.key;
  const out = alertOf(stockEvent({ kind: 'OUT_OF_STOCK', sku: SKU, available: 0, priority: 'high' }))!.key;

  it('STOCK_CHANGED above the threshold resolves LOW_STOCK and OUT_OF_STOCK of that SKU', () => {
    const keys = resolvedBy(stockEvent({ kind: 'STOCK_CHANGED', sku: SKU, available: 9, threshold: 8 }));
    expect(keys.sort()).toEqual([low, out].sort());
    expect(resolvedBy(stockEvent({ kind: 'STOCK_CHANGED', sku: 'OTHER', available: 9, threshold: 8 }))).not.toContain(
      low,
    );
  });

  it('STOCK_CHANGED at or below the threshold resolves nothing; no threshold means 0', () => {
    expect(resolvedBy(stockEvent({ kind: 'STOCK_CHANGED', sku: SKU, available: 8, threshold: 8 }))).toEqual([]);
    expect(resolvedBy(stockEvent({ kind: 'STOCK_CHANGED', sku: SKU, available: 0, threshold: null }))).toEqual([]);
    expect(resolvedBy(stockEvent({ kind: 'STOCK_CHANGED', sku: SKU, available: 1, threshold: null }))).toContain(low);
  });

  it('LOW_STOCK ends OUT_OF_STOCK of that SKU only; other stock kinds resolve nothing', () => {
    expect(resolvedBy(stockEvent({ kind: 'LOW_STOCK', sku: SKU }))).toEqual([out]);
    expect(resolvedBy(stockEvent({ kind: 'OUT_OF_STOCK', sku: SKU, available: 0 }))).toEqual([]);
    expect(resolvedBy(stockEvent({ kind: 'STOCK_MISMATCH', sku: SKU, available: 50 }))).toEqual([]);
  });

  it('BUYBOX_WON resolves BUYBOX_LOST of the same marketplace and SKU only', () => {
    const lost = alertOf(priceEvent({ kind: 'BUYBOX_LOST', marketplace: 'hepsiburada', sku: 'SPR-42' }))!.key;
    expect(resolvedBy(priceEvent({ kind: 'BUYBOX_WON', marketplace: 'hepsiburada', sku: 'SPR-42' }))).toEqual([lost]);
    expect(resolvedBy(priceEvent({ kind: 'BUYBOX_WON', marketplace: 'trendyol', sku: 'SPR-42' }))).not.toContain(lost);
    expect(resolvedBy(priceEvent({ kind: 'BUYBOX_WON', marketplace: 'hepsiburada', sku: 'SPR-43' }))).not.toContain(
      lost,
    );
    expect(resolvedBy(priceEvent({ kind: 'BUYBOX_LOST', marketplace: 'hepsiburada', sku: 'SPR-42' }))).toEqual([]);
  });

  it('RECOVERED resolves every problem kind of the same marketplace and component, and nothing else', () => {
    const keys = resolvedBy(systemEvent({ kind: 'RECOVERED', marketplace: 'trendyol', component: 'orders' }));
    const opened = PROBLEMS.map((kind) =>
      alertOf(systemEvent({ kind, marketplace: 'trendyol', component: 'orders' }))!,
    );
    expect(keys.sort()).toEqual(opened.map((a) => a.key).sort());
    expect(keys).toContain('API_ERROR:trendyol:orders');
    expect(keys).not.toContain('API_ERROR:trendyol:stock');
    expect(keys).not.toContain('API_ERROR:hepsiburada:orders');
    expect(keys).not.toContain('API_ERROR:all:orders');
    expect(resolvedBy(systemEvent({ kind: 'RECOVERED', marketplace: null, component: 'queue' }))).toContain(
      'SYNC_LAG:all:queue',
    );
  });

  it.each(PROBLEMS)('a %s resolves nothing', (kind) => {
    expect(resolvedBy(systemEvent({ kind }))).toEqual([]);
  });

  it.each(['shipped', 'delivered', 'cancelled', 'returned'] as const)(
    'an order that is %s resolves its deadline alerts',
    (status) => {
      const near = alertOf(orderEvent({ kind: 'SHIP_DEADLINE_NEAR', orderNumber: 'TY55', priority: 'high' }))!.key;
      const missed = alertOf(orderEvent({ kind: 'SHIP_DEADLINE_MISSED', orderNumber: 'TY55', priority: 'high' }))!.key;
      const keys = resolvedBy(orderEvent({ kind: 'ORDER_STATUS_CHANGED', orderNumber: 'TY55', status }));
      expect(keys.sort()).toEqual([missed, near].sort());
      expect(resolvedBy(orderEvent({ kind: 'ORDER_STATUS_CHANGED', orderNumber: 'TY56', status }))).not.toContain(near);
    },
  );

  it.each(ORDER_STATUSES.filter((s) => !['shipped', 'delivered', 'cancelled', 'returned'].includes(s)))(
    'an order that is %s resolves nothing',
    (status) => {
      expect(resolvedBy(orderEvent({ kind: 'ORDER_STATUS_CHANGED', orderNumber: 'TY55', status }))).toEqual([]);
    },
  );

  it('METRIC_UPDATE resolves nothing', () => {
    expect(resolvedBy(metricEvent())).toEqual([]);
  });
});
