// The demo's open orders: new orders whose totals are the sum of their lines (taking their stock
// from the warehouse), orders moving through their statuses or cancelled, and ship-by deadlines
// that come near or are missed. Reported as ORDER_NOTIFICATION; the book stays bounded.
import type { EventInput, Marketplace, Money, OrderLine, OrderStatus, PayloadOf } from '../../protocol';
import { CARGO_PROVIDERS, CITIES, MARKETPLACE_WEIGHTS, RAW_STATUS } from './catalog';
import { envelope, iso, money } from './envelope';
import type { Random } from './random';
import type { Listing, Sku, Warehouse } from './warehouse';

interface OpenOrder {
  orderNumber: string;
  packageId: string;
  marketplace: Marketplace;
  status: OrderStatus;
  orderedAt: string;
  shipBy: number;
  total: Money;
  city: string;
  lines: OrderLine[];
  warned: boolean;
  missed: boolean;
}

const OPEN_STATUSES: readonly OrderStatus[] = ['new', 'picking', 'invoiced'];
const NEXT_STATUS: Partial<Record<OrderStatus, OrderStatus>> = {
  new: 'picking',
  picking: 'invoiced',
  invoiced: 'shipped',
  shipped: 'delivered',
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_ORDERS = 400;

export class OrderBook {
  private readonly orders = new Map<string, OpenOrder>();

  constructor(
    private readonly rnd: Random,
    private readonly warehouse: Warehouse,
  ) {}

  newOrder(now: number, out: EventInput[]): void {
    const marketplace = this.rnd.weighted(MARKETPLACE_WEIGHTS);
    const inStock = this.warehouse.skus.filter(
      (s) => this.warehouse.available(s) > 0 && s.listings.some((l) => l.marketplace === marketplace),
    );
    if (inStock.length === 0) {
      this.warehouse.restock(now, out);
      return;
    }
    const lineCount = Math.min(
      inStock.length,
      this.rnd.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ] as const),
    );
    const chosen = new Set<Sku>();
    while (chosen.size < lineCount) chosen.add(this.rnd.pick(inStock));
    const lines: OrderLine[] = [];
    const moved: [Sku, number][] = [];
    for (const s of chosen) {
      const qty = this.rnd.int(1, Math.min(3, this.warehouse.available(s)));
      const listing = s.listings.find((l) => l.marketplace === marketplace) as Listing;
      lines.push({ sku: s.sku, barcode: s.barcode, title: s.title, qty, unitPrice: money(listing.price) });
      moved.push([s, this.warehouse.available(s)]);
      s.onHand -= qty;
    }
    const total = money(lines.reduce((sum, l) => sum + l.qty * l.unitPrice.minor, 0));
    const order: OpenOrder = {
      orderNumber: this.orderNumber(marketplace),
      packageId: this.rnd.digits(10),
      marketplace,
      status: 'new',
      orderedAt: iso(now),
      // Most orders ship by tomorrow; a few are due within the hour, so deadlines come and go live.
      shipBy: this.rnd.chance(0.05) ? now + this.rnd.int(10, 90) * MINUTE : now + this.rnd.int(2, 30) * HOUR,
      total,
      city: this.rnd.weighted(CITIES),
      lines,
      warned: false,
      missed: false,
    };
    this.remember(order, now);
    out.push(this.orderEvent(order, 'ORDER_CREATED', now));
    for (const [s, previous] of moved) out.push(this.warehouse.stockEvent(s, previous, 'order', now));
  }

  /** Moves one order to its next status; false when none can move. */
  advanceOrder(now: number, out: EventInput[]): boolean {
    const candidates = [...this.orders.values()].filter((o) => NEXT_STATUS[o.status] !== undefined);
    if (candidates.length === 0) return false;
    const o = this.rnd.pick(candidates);
    o.status = NEXT_STATUS[o.status] as OrderStatus;
    const extra: Partial<PayloadOf<'ORDER_NOTIFICATION'>> = {};
    if (o.status === 'shipped') {
      const provider = this.rnd.pick(CARGO_PROVIDERS);
      const trackingNumber = this.rnd.digits(12);
      extra.cargo = { provider, trackingNumber, trackingUrl: `https://kargotakip.example.com/${trackingNumber}` };
    }
    out.push(this.orderEvent(o, 'ORDER_STATUS_CHANGED', now, extra));
    return true;
  }

  /** The customer cancels one order not yet invoiced, and its stock comes back; false when none can be. */
  cancelOrder(now: number, out: EventInput[]): boolean {
    const candidates = [...this.orders.values()].filter((o) => o.status === 'new' || o.status === 'picking');
    if (candidates.length === 0) return false;
    const o = this.rnd.pick(candidates);
    const rawBefore = RAW_STATUS[o.marketplace][o.status] ?? o.status;
    o.status = 'cancelled';
    out.push(
      this.orderEvent(o, 'ORDER_CANCELLED', now, {
        rawStatus: rawBefore,
        cancel: {
          by: 'customer',
          reason: this.rnd.pick(['Vazgeçtim', 'Yanlış ürün seçtim', 'Daha uygun fiyat buldum']),
        },
      }),
    );
    for (const line of o.lines) {
      const s = this.warehouse.skus.find((x) => x.sku === line.sku);
      if (!s) continue;
      const previous = this.warehouse.available(s);
      s.onHand += line.qty;
      out.push(this.warehouse.stockEvent(s, previous, 'cancel', now));
    }
    return true;
  }

  /** Warns once when an open order's ship-by is four hours away, and once when it has passed. */
  checkDeadlines(now: number, out: EventInput[]): void {
    for (const o of this.orders.values()) {
      if (!OPEN_STATUSES.includes(o.status)) continue;
      if (!o.missed && o.shipBy < now) {
        o.missed = true;
        out.push(this.orderEvent(o, 'SHIP_DEADLINE_MISSED', now));
      } else if (!o.warned && o.shipBy - now <= 4 * HOUR) {
        o.warned = true;
        out.push(this.orderEvent(o, 'SHIP_DEADLINE_NEAR', now));
      }
    }
  }

  /** The shipping KPIs of METRIC_UPDATE. */
  shippingFigures(now: number): {
    awaitingShipment: number;
    dueToday: number;
    lateShipments: number;
    lateShipPct: number;
  } {
    const open = [...this.orders.values()].filter((o) => OPEN_STATUSES.includes(o.status));
    // The end of today in Türkiye (UTC+3).
    const dayEnd = Math.ceil((now + 3 * HOUR) / (24 * HOUR)) * 24 * HOUR - 3 * HOUR;
    const late = open.filter((o) => o.shipBy < now).length;
    return {
      awaitingShipment: open.length,
      dueToday: open.filter((o) => o.shipBy <= dayEnd).length,
      lateShipments: late,
      lateShipPct: open.length === 0 ? 0 : Math.round((late / open.length) * 1000) / 10,
    };
  }

  /** Keeps the order book bounded: closed orders go first, then open ones with nothing due soon. */
  private remember(order: OpenOrder, now: number): void {
    this.orders.set(order.orderNumber, order);
    if (this.orders.size <= MAX_ORDERS) return;
    const dueSoon = (o: OpenOrder) => o.shipBy - now < 6 * HOUR && now - o.shipBy < HOUR;
    for (const pass of [(o: OpenOrder) => !OPEN_STATUSES.includes(o.status), (o: OpenOrder) => !dueSoon(o)]) {
      for (const [key, o] of this.orders) {
        if (this.orders.size <= MAX_ORDERS) return;
        if (pass(o)) this.orders.delete(key);
      }
    }
  }

  /** An order number in the marketplace's own form. */
  private orderNumber(m: Marketplace): string {
    const r = this.rnd;
    switch (m) {
      case 'trendyol':
        return `${r.int(1, 9)}${r.digits(9)}`;
      case 'hepsiburada':
        return `${r.int(1, 9)}${r.digits(8)}`;
      case 'n11':
        return `2${r.digits(11)}`;
      case 'amazon_tr':
        return `40${r.int(2, 8)}-${r.digits(7)}-${r.digits(7)}`;
      case 'ciceksepeti':
        return `CS${r.digits(8)}`;
      case 'pazarama':
        return `PZR${r.digits(9)}`;
      case 'webshop':
        return `WEB-${r.digits(6)}`;
    }
  }

  private orderEvent(
    o: OpenOrder,
    kind: PayloadOf<'ORDER_NOTIFICATION'>['kind'],
    now: number,
    extra: Partial<PayloadOf<'ORDER_NOTIFICATION'>> = {},
  ): EventInput {
    return envelope(
      this.rnd,
      'ORDER_NOTIFICATION',
      now,
      {
        kind,
        orderNumber: o.orderNumber,
        packageId: o.packageId,
        status: o.status,
        rawStatus: RAW_STATUS[o.marketplace][o.status] ?? o.status,
        orderedAt: o.orderedAt,
        shipBy: iso(o.shipBy),
        total: o.total,
        customerCity: o.city,
        lines: o.lines,
        ...extra,
      },
      o.marketplace,
    );
  }
}
