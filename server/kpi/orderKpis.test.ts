// Live order KPIs: today's orders, revenue and basket, per marketplace, rates, and the Istanbul day.
import { describe, expect, it } from 'vitest';
import type { Delivery, EventInput, LiveEvent, Marketplace } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { OrderKpis } from './orderKpis';

const at = (iso: string) => Date.parse(iso);
const SEC = 1000;
const MIN = 60 * SEC;
const T0 = at('2025-11-26T09:00:00Z'); // 12:00 in Istanbul
let offset = 0;

function created(o: {
  orderNumber?: string;
  total: number;
  marketplace?: Marketplace;
  orderedAt?: number;
  kind?: string;
}): Delivery {
  const e = orderCreated({ orderNumber: o.orderNumber, total: o.total }) as Extract<
    EventInput,
    { type: 'ORDER_NOTIFICATION' }
  >;
  const event = {
    ...e,
    marketplace: o.marketplace ?? 'trendyol',
    priority: 'normal',
    audience: ['warehouse', 'sales'],
    payload: { ...e.payload, kind: o.kind ?? 'ORDER_CREATED', orderedAt: new Date(o.orderedAt ?? T0).toISOString() },
  } as LiveEvent;
  return { channel: 'orders', epoch: 'e', offset: ++offset, event };
}

describe('OrderKpis', () => {
  it('counts orders, revenue and average basket for today', () => {
    const k = new OrderKpis(T0);
    k.observe(created({ total: 10_000 }), T0);
    k.observe(created({ total: 20_000 }), T0 + SEC);
    k.observe(created({ total: 30_001 }), T0 + 2 * SEC);
    expect(k.snapshot(T0 + 3 * SEC).overall).toMatchObject({ ordersToday: 3, revenueToday: 60_001, aov: 20_000 });
  });

  it('starts at zero, with an average basket of 0 rather than NaN', () => {
    const snap = new OrderKpis(T0).snapshot(T0);
    expect(snap.overall).toEqual({ ordersToday: 0, revenueToday: 0, aov: 0, ordersPerMinute: 0, ordersPerHour: 0 });
    expect(snap.byMarketplace.size).toBe(0);
  });

  it('breaks the totals down by marketplace', () => {
    const k = new OrderKpis(T0);
    k.observe(created({ total: 10_000, marketplace: 'trendyol' }), T0);
    k.observe(created({ total: 30_000, marketplace: 'trendyol' }), T0);
    k.observe(created({ total: 5_000, marketplace: 'hepsiburada' }), T0);
    const snap = k.snapshot(T0);
    expect(snap.overall).toMatchObject({ ordersToday: 3, revenueToday: 45_000, aov: 15_000 });
    expect(snap.byMarketplace.get('trendyol')).toMatchObject({ ordersToday: 2, revenueToday: 40_000, aov: 20_000 });
    expect(snap.byMarketplace.get('hepsiburada')).toMatchObject({ ordersToday: 1, revenueToday: 5_000, aov: 5_000 });
    expect([...snap.byMarketplace.keys()].sort()).toEqual(['hepsiburada', 'trendyol']);
  });

  it('ignores everything but ORDER_CREATED', () => {
    const k = new OrderKpis(T0);
    k.observe(created({ total: 10_000, kind: 'ORDER_STATUS_CHANGED' }), T0);
    k.observe(created({ total: 10_000, kind: 'SHIP_DEADLINE_NEAR' }), T0);
    expect(k.snapshot(T0).overall.ordersToday).toBe(0);
  });

  it('counts a repeated ORDER_CREATED for the same order once (same number on another marketplace is another order)', () => {
    const k = new OrderKpis(T0);
    k.observe(created({ orderNumber: 'TY1001', total: 10_000 }), T0);
    k.observe(created({ orderNumber: 'TY1001', total: 10_000 }), T0 + SEC);
    k.observe(created({ orderNumber: 'TY1001', total: 7_000, marketplace: 'n11' }), T0 + 2 * SEC);
    const snap = k.snapshot(T0 + 3 * SEC);
    expect(snap.overall).toMatchObject({ ordersToday: 2, revenueToday: 17_000, ordersPerMinute: 2 });
    expect(snap.byMarketplace.get('trendyol')).toMatchObject({ ordersToday: 1, revenueToday: 10_000 });
  });

  it('ordersPerMinute and ordersPerHour slide with time', () => {
    const k = new OrderKpis(T0);
    k.observe(created({ total: 1 }), T0);
    k.observe(created({ total: 1 }), T0 + 30 * SEC);
    k.observe(created({ total: 1 }), T0 + 50 * SEC);
    expect(k.snapshot(T0 + 59 * SEC).overall).toMatchObject({ ordersPerMinute: 3, ordersPerHour: 3 });
    expect(k.snapshot(T0 + 61 * SEC).overall).toMatchObject({ ordersPerMinute: 2, ordersPerHour: 3 });
    expect(k.snapshot(T0 + 89 * SEC).overall.ordersPerMinute).toBe(2);
    expect(k.snapshot(T0 + 91 * SEC).overall.ordersPerMinute).toBe(1);
    expect(k.snapshot(T0 + 111 * SEC).overall).toMatchObject({ ordersPerMinute: 0, ordersPerHour: 3 });
    expect(k.snapshot(T0 + 60 * MIN + 40 * SEC).overall.ordersPerHour).toBe(1);
    expect(k.snapshot(T0 + 61 * MIN).overall).toMatchObject({ ordersPerHour: 0, ordersToday: 3 });
    // A new order after the window emptied counts again.
    k.observe(created({ total: 1 }), T0 + 62 * MIN);
    expect(k.snapshot(T0 + 62 * MIN).overall).toMatchObject({ ordersPerMinute: 1, ordersPerHour: 1, ordersToday: 4 });
  });

  it("rolls over at Istanbul midnight (21:00 UTC): the day's totals start again", () => {
    const evening = at('2025-11-26T20:50:00Z'); // 23:50 in Istanbul
    const k = new OrderKpis(evening);
    k.observe(created({ orderNumber: 'TY1', total: 10_000, orderedAt: evening, marketplace: 'trendyol' }), evening);
    k.observe(created({ orderNumber: 'HB1', total: 20_000, orderedAt: evening, marketplace: 'hepsiburada' }), evening);
    expect(k.snapshot(at('2025-11-26T20:59:59Z')).overall).toMatchObject({ ordersToday: 2, revenueToday: 30_000 });

    const midnight = at('2025-11-26T21:00:00Z');
    const after = k.snapshot(midnight);
    expect(after.overall).toMatchObject({ ordersToday: 0, revenueToday: 0, aov: 0 });
    expect(after.byMarketplace.get('trendyol')).toMatchObject({ ordersToday: 0, revenueToday: 0 });
    expect(after.byMarketplace.get('hepsiburada')).toMatchObject({ ordersToday: 0, revenueToday: 0 });

    const early = at('2025-11-26T21:05:00Z');
    k.observe(created({ orderNumber: 'TY2', total: 4_000, orderedAt: early }), early);
    expect(k.snapshot(early).overall).toMatchObject({ ordersToday: 1, revenueToday: 4_000, aov: 4_000 });
  });

  it('rolls over when the first event of the new day arrives, without a snapshot in between', () => {
    const evening = at('2025-11-26T20:50:00Z');
    const k = new OrderKpis(evening);
    k.observe(created({ total: 10_000, orderedAt: evening }), evening);
    const early = at('2025-11-26T21:10:00Z');
    k.observe(created({ total: 3_000, orderedAt: early }), early);
    expect(k.snapshot(early).overall).toMatchObject({ ordersToday: 1, revenueToday: 3_000 });
  });

  it("does not count yesterday's order (Istanbul time) into today's totals", () => {
    const now = at('2025-11-26T21:30:00Z'); // 00:30 on the 27th in Istanbul
    const k = new OrderKpis(now);
    k.observe(created({ total: 9_000, orderedAt: at('2025-11-26T20:59:00Z') }), now);
    k.observe(created({ total: 1_000, orderedAt: at('2025-11-26T21:00:00Z') }), now);
    expect(k.snapshot(now).overall).toMatchObject({ ordersToday: 1, revenueToday: 1_000 });
  });

  it('the same order repeated after midnight is a new day: counted once there too', () => {
    const evening = at('2025-11-26T20:00:00Z');
    const k = new OrderKpis(evening);
    const next = at('2025-11-27T08:00:00Z');
    k.observe(created({ orderNumber: 'TY9', total: 5_000, orderedAt: evening }), evening);
    k.observe(created({ orderNumber: 'TY9', total: 5_000, orderedAt: next }), next);
    k.observe(created({ orderNumber: 'TY9', total: 5_000, orderedAt: next }), next);
    expect(k.snapshot(next).overall).toMatchObject({ ordersToday: 1, revenueToday: 5_000 });
  });
});
