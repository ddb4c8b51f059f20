// The demo feed: repeatable for a seed, valid, self-consistent, and varied enough to show everything.
import { describe, expect, it } from 'vitest';
import { EventInput, issuesOf, type PayloadOf } from '../../protocol';
import { PRODUCTS } from './catalog';
import { DemoFeed } from './feed';

const T0 = Date.parse('2025-11-26T06:00:00Z');
const STEPS = 20_000;

/** Runs `steps` steps, one simulated second apart, and returns every event with its step. */
function run(seed: number, steps: number): EventInput[] {
  const feed = new DemoFeed(seed);
  const out: EventInput[] = [];
  for (let i = 0; i < steps; i++) out.push(...feed.step(T0 + i * 1000));
  return out;
}

// One long run shared by the checks below (the feed is deterministic, so this is not a sample).
const LONG = run(20251126, STEPS);
const of = <T extends EventInput['type']>(type: T) =>
  LONG.filter((e): e is Extract<EventInput, { type: T }> => e.type === type);
const kinds = new Set(LONG.map((e) => `${e.type}:${(e.payload as { kind?: string }).kind ?? '-'}`));

describe('DemoFeed', () => {
  it('is deterministic for a seed and a sequence of now values', () => {
    const nows = Array.from({ length: 3000 }, (_, i) => T0 + i * 750 + (i % 7) * 13);
    const a = new DemoFeed(7);
    const b = new DemoFeed(7);
    const ea = nows.map((n) => a.step(n));
    const eb = nows.map((n) => b.step(n));
    expect(ea).toEqual(eb);
    expect(a.stockLevels()).toEqual(b.stockLevels());
  });

  it('differs between seeds', () => {
    const a = run(1, 200);
    const b = run(2, 200);
    expect(a.map((e) => e.id)).not.toEqual(b.map((e) => e.id));
    expect(a.map((e) => e.type)).not.toEqual(b.map((e) => e.type));
  });

  it('produces at least one event per step, with unique ids', () => {
    const feed = new DemoFeed(3);
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const events = feed.step(T0 + i * 1000);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) ids.add(e.id);
    }
    expect(new Set(LONG.map((e) => e.id)).size).toBe(LONG.length);
  });

  it('every order, price, metric and system event passes EventInput validation', () => {
    const invalid = LONG.filter((e) => e.type !== 'INVENTORY_CHANGE')
      .map((e) => [e, EventInput.safeParse(e)] as const)
      .filter(([, r]) => !r.success)
      .map(([e, r]) => ({ type: e.type, issues: issuesOf(r.error!) }));
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('every event it produces passes EventInput validation (all 20,000 steps)', () => {
    const invalid = LONG.filter((e) => !EventInput.safeParse(e).success);
    expect(invalid).toEqual([]);
  });

  it('stock (onHand, available) is never negative across 20,000 steps', () => {
    const negative = of('INVENTORY_CHANGE').filter((e) => e.payload.onHand < 0 || e.payload.available < 0);
    expect(negative).toEqual([]);
  });

  it('stock is never negative in the feed before its first restock of an odd-stocked product', () => {
    // Guards the order-taking logic itself: a line never takes more than is available.
    const feed = new DemoFeed(20251126);
    for (let i = 0; i < STEPS; i++) {
      const levels = feed.stockLevels();
      if ([...levels.values()].some((v) => !Number.isInteger(v))) break;
      for (const [sku, available] of levels) expect(available, sku).toBeGreaterThanOrEqual(0);
      feed.step(T0 + i * 1000);
    }
  });

  it('order totals equal the sum of qty × unitPrice of their lines', () => {
    const orders = of('ORDER_NOTIFICATION');
    expect(orders.length).toBeGreaterThan(1000);
    for (const o of orders) {
      const sum = o.payload.lines.reduce((s, l) => s + l.qty * l.unitPrice.minor, 0);
      expect(o.payload.total.minor, o.payload.orderNumber).toBe(sum);
      expect(o.payload.total.currency).toBe('TRY');
    }
  });

  it('each stock event follows from the one before for its SKU (previous = last available)', () => {
    const last = new Map(PRODUCTS.map((p) => [p.sku, p.stock]));
    for (const e of of('INVENTORY_CHANGE')) {
      const p: PayloadOf<'INVENTORY_CHANGE'> = e.payload;
      expect(p.previous, p.sku).toBe(last.get(p.sku));
      expect(p.available).toBe(p.onHand - p.reserved);
      last.set(p.sku, p.available);
    }
  });

  it('a new order lowers the stock of each of its lines by the line qty', () => {
    const feed = new DemoFeed(99);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const events = feed.step(T0 + i * 1000);
      const created = events.find(
        (e): e is Extract<EventInput, { type: 'ORDER_NOTIFICATION' }> =>
          e.type === 'ORDER_NOTIFICATION' && e.payload.kind === 'ORDER_CREATED',
      );
      if (!created) continue;
      for (const line of created.payload.lines) {
        const stock = events.find((e) => e.type === 'INVENTORY_CHANGE' && e.payload.sku === line.sku);
        const p = stock!.payload as PayloadOf<'INVENTORY_CHANGE'>;
        expect(p.previous! - p.available).toBe(line.qty);
        expect(p.reason).toBe('order');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('reports LOW_STOCK when crossing the threshold and OUT_OF_STOCK at zero', () => {
    for (const e of of('INVENTORY_CHANGE')) {
      const p = e.payload;
      if (p.kind === 'OUT_OF_STOCK') expect(p.available).toBe(0);
      if (p.kind === 'LOW_STOCK') {
        expect(p.available).toBeGreaterThan(0);
        expect(p.available).toBeLessThanOrEqual(p.threshold!);
        expect(p.previous!).toBeGreaterThan(p.threshold!);
      }
    }
  });

  it('mixes orders, stock, price and buy-box changes, deadlines, metrics and system alerts', () => {
    for (const k of [
      'ORDER_NOTIFICATION:ORDER_CREATED',
      'ORDER_NOTIFICATION:ORDER_STATUS_CHANGED',
      'ORDER_NOTIFICATION:ORDER_CANCELLED',
      'ORDER_NOTIFICATION:SHIP_DEADLINE_NEAR',
      'INVENTORY_CHANGE:STOCK_CHANGED',
      'INVENTORY_CHANGE:LOW_STOCK',
      'INVENTORY_CHANGE:OUT_OF_STOCK',
      'PRICE_UPDATE:PRICE_CHANGED',
      'PRICE_UPDATE:PRICE_REJECTED',
      'PRICE_UPDATE:BUYBOX_LOST',
      'PRICE_UPDATE:BUYBOX_WON',
      'METRIC_UPDATE:-',
      'SYSTEM_ALERT:API_ERROR',
      'SYSTEM_ALERT:RECOVERED',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
    const orders = of('ORDER_NOTIFICATION').filter((e) => e.payload.kind === 'ORDER_CREATED');
    expect(new Set(orders.map((o) => o.marketplace)).size).toBeGreaterThanOrEqual(5);
  });

  it('customers cancel about 2% of orders before shipping (each one an alert to stop picking)', () => {
    const created = of('ORDER_NOTIFICATION').filter((e) => e.payload.kind === 'ORDER_CREATED').length;
    const cancelled = of('ORDER_NOTIFICATION').filter(
      (e) => e.payload.kind === 'ORDER_CANCELLED' && e.payload.cancel?.by === 'customer',
    ).length;
    expect(cancelled / created).toBeGreaterThan(0.01);
    expect(cancelled / created).toBeLessThan(0.03);
  });

  it('an API_ERROR is followed later by RECOVERED for the same marketplace', () => {
    const alerts = of('SYSTEM_ALERT');
    const firstError = alerts.findIndex((e) => e.payload.kind === 'API_ERROR');
    expect(firstError).toBeGreaterThanOrEqual(0);
    const m = alerts[firstError]!.payload.marketplace;
    const recovered = alerts
      .slice(firstError + 1)
      .find((e) => e.payload.kind === 'RECOVERED' && e.payload.marketplace === m);
    expect(recovered, `RECOVERED for ${m}`).toBeDefined();
    // Every RECOVERED closes an API_ERROR seen before it for its marketplace.
    const open = new Set<string>();
    for (const a of alerts) {
      if (a.payload.kind === 'API_ERROR') open.add(a.payload.marketplace!);
      if (a.payload.kind === 'RECOVERED') {
        expect(open.has(a.payload.marketplace!), `RECOVERED without API_ERROR for ${a.payload.marketplace}`).toBe(true);
        open.delete(a.payload.marketplace!);
      }
    }
  });
});
