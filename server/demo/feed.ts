// Believable, self-consistent marketplace traffic for the demo: orders whose totals are the sum of
// their lines, stock that falls with every order (never below zero) and is restocked, price and
// buy-box moves, deadlines, and now and then a marketplace API error followed by its recovery.
// Pure: the same seed and the same sequence of `now` values give the same events.
import type { EventInput, Marketplace, Money, OrderLine, OrderStatus, PayloadOf } from '../../protocol';
import {
  BUYBOX_MARKETPLACES,
  CARGO_PROVIDERS,
  CITIES,
  MARKETPLACE_WEIGHTS,
  PRICE_REJECTION_REASONS,
  PRODUCTS,
  RAW_STATUS,
  barcodeOf,
  type Product,
} from './catalog';
import { Random } from './random';

interface Listing {
  marketplace: Marketplace;
  price: number;
  listedQty: number;
  /** Buy-box state where the marketplace has one. */
  buybox?: { isOurs: boolean; winnerPrice: number; rank: number };
}

interface Sku extends Product {
  barcode: string;
  onHand: number;
  reserved: number;
  listings: Listing[];
}

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

const money = (minor: number): Money => ({ minor, currency: 'TRY' });
const iso = (ms: number) => new Date(ms).toISOString();

type Step = 'order' | 'advance' | 'cancel' | 'restock' | 'price' | 'buybox' | 'rejected' | 'system' | 'metric';
const STEPS: readonly (readonly [Step, number])[] = [
  ['order', 40],
  ['advance', 20],
  ['price', 14],
  ['restock', 8],
  ['buybox', 8],
  ['cancel', 3],
  ['metric', 4],
  ['system', 2],
  ['rejected', 1],
];

export class DemoFeed {
  private readonly rnd: Random;
  private readonly skus: Sku[];
  private readonly orders = new Map<string, OpenOrder>();
  private readonly apiErrors = new Map<Marketplace, { since: number; component: 'orders' | 'stock' }>();
  private steps = 0;

  constructor(seed: number) {
    this.rnd = new Random(seed);
    this.skus = PRODUCTS.map((p, i) => ({
      ...p,
      barcode: barcodeOf(i),
      onHand: p.stock,
      reserved: 0,
      listings: this.listingsFor(p),
    }));
  }

  /** The events of one step of the simulation at time `now` (at least one). */
  step(now: number): EventInput[] {
    this.steps++;
    const out: EventInput[] = [];
    if (this.steps % 25 === 0) this.checkDeadlines(now, out);
    const kind = this.rnd.weighted(STEPS);
    switch (kind) {
      case 'order':
        this.newOrder(now, out);
        break;
      case 'advance':
        if (!this.advanceOrder(now, out)) this.newOrder(now, out);
        break;
      case 'cancel':
        if (!this.cancelOrder(now, out)) this.newOrder(now, out);
        break;
      case 'restock':
        if (!this.restock(now, out)) this.priceChange(now, out);
        break;
      case 'price':
        this.priceChange(now, out);
        break;
      case 'buybox':
        this.buyboxMove(now, out);
        break;
      case 'rejected':
        this.priceRejected(now, out);
        break;
      case 'system':
        this.systemEvent(now, out);
        break;
      case 'metric':
        out.push(this.metrics(now));
        break;
    }
    return out;
  }

  /** Units available to sell per SKU, for tests and the snapshot. */
  stockLevels(): Map<string, number> {
    return new Map(this.skus.map((s) => [s.sku, s.onHand - s.reserved]));
  }

  private listingsFor(p: Product): Listing[] {
    const markets = MARKETPLACE_WEIGHTS.map(([m]) => m).filter(
      (m) => m === 'trendyol' || m === 'hepsiburada' || this.rnd.chance(0.6),
    );
    return markets.map((marketplace) => {
      const price = Math.round((p.price * this.rnd.int(97, 105)) / 100 / 10) * 10;
      const hasBuybox = BUYBOX_MARKETPLACES.includes(marketplace);
      return {
        marketplace,
        price,
        listedQty: p.stock,
        ...(hasBuybox ? { buybox: { isOurs: this.rnd.chance(0.7), winnerPrice: price, rank: 1 } } : {}),
      };
    });
  }

  private envelope<T extends EventInput['type']>(
    type: T,
    now: number,
    payload: PayloadOf<T>,
    marketplace?: Marketplace,
  ): EventInput {
    return {
      id: this.rnd.uuid(),
      type,
      occurredAt: iso(now),
      ...(marketplace ? { marketplace } : {}),
      payload,
    } as EventInput;
  }

  private available(s: Sku): number {
    return s.onHand - s.reserved;
  }

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
    return this.envelope(
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

  /** Moves stock by `delta` available units and reports it, as STOCK_CHANGED, LOW_STOCK or OUT_OF_STOCK. */
  private stockEvent(s: Sku, previous: number, reason: 'order' | 'cancel' | 'manual', now: number): EventInput {
    const available = this.available(s);
    const crossedLow = available > 0 && available <= s.threshold && previous > s.threshold;
    const out = available === 0 && previous > 0;
    // Now and then one marketplace has not taken the zero yet: an oversell risk.
    const lagging = out && this.rnd.chance(0.2) ? this.rnd.pick(s.listings).marketplace : undefined;
    for (const l of s.listings) l.listedQty = l.marketplace === lagging ? previous : available;
    return this.envelope('INVENTORY_CHANGE', now, {
      kind: out ? 'OUT_OF_STOCK' : crossedLow ? 'LOW_STOCK' : 'STOCK_CHANGED',
      sku: s.sku,
      barcode: s.barcode,
      onHand: s.onHand,
      reserved: s.reserved,
      available,
      previous,
      threshold: s.threshold,
      reason,
      channels: s.listings.map((l) => ({
        marketplace: l.marketplace,
        pushStatus: l.marketplace === lagging ? 'pending' : 'ok',
        lastPushedAt: iso(now),
        listedQty: l.listedQty,
      })),
    });
  }

  private newOrder(now: number, out: EventInput[]): void {
    const marketplace = this.rnd.weighted(MARKETPLACE_WEIGHTS);
    const inStock = this.skus.filter(
      (s) => this.available(s) > 0 && s.listings.some((l) => l.marketplace === marketplace),
    );
    if (inStock.length === 0) {
      this.restock(now, out);
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
      const qty = this.rnd.int(1, Math.min(3, this.available(s)));
      const listing = s.listings.find((l) => l.marketplace === marketplace) as Listing;
      lines.push({ sku: s.sku, barcode: s.barcode, title: s.title, qty, unitPrice: money(listing.price) });
      moved.push([s, this.available(s)]);
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
    for (const [s, previous] of moved) out.push(this.stockEvent(s, previous, 'order', now));
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

  private advanceOrder(now: number, out: EventInput[]): boolean {
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

  private cancelOrder(now: number, out: EventInput[]): boolean {
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
      const s = this.skus.find((x) => x.sku === line.sku);
      if (!s) continue;
      const previous = this.available(s);
      s.onHand += line.qty;
      out.push(this.stockEvent(s, previous, 'cancel', now));
    }
    return true;
  }

  private restock(now: number, out: EventInput[]): boolean {
    const low = this.skus.filter((s) => this.available(s) <= s.threshold);
    if (low.length === 0) return false;
    const s = this.rnd.pick(low);
    const previous = this.available(s);
    s.onHand += this.rnd.int(Math.ceil(s.stock / 2), s.stock);
    out.push(this.stockEvent(s, previous, 'manual', now));
    return true;
  }

  private priceChange(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.skus);
    const l = this.rnd.pick(s.listings);
    const previous = l.price;
    l.price = Math.max(990, Math.round((previous * this.rnd.int(92, 108)) / 100 / 10) * 10);
    out.push(
      this.envelope(
        'PRICE_UPDATE',
        now,
        {
          kind: 'PRICE_CHANGED',
          sku: s.sku,
          barcode: s.barcode,
          marketplace: l.marketplace,
          previousSalePrice: money(previous),
          salePrice: money(l.price),
          listPrice: money(Math.max(l.price, s.price)),
        },
        l.marketplace,
      ),
    );
  }

  private buyboxMove(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.skus);
    const l =
      s.listings.find((x) => x.buybox !== undefined && this.rnd.chance(0.6)) ?? s.listings.find((x) => x.buybox);
    if (!l || !l.buybox) return this.priceChange(now, out);
    const bb = l.buybox;
    let kind: PayloadOf<'PRICE_UPDATE'>['kind'];
    if (bb.isOurs) {
      bb.winnerPrice = l.price - this.rnd.int(1, 40) * 100;
      const lost = this.rnd.chance(0.6);
      kind = lost ? 'BUYBOX_LOST' : 'COMPETITOR_UNDERCUT';
      if (lost) {
        bb.isOurs = false;
        bb.rank = this.rnd.int(2, 4);
      }
    } else {
      l.price = Math.max(990, bb.winnerPrice - 100);
      bb.winnerPrice = l.price;
      bb.isOurs = true;
      bb.rank = 1;
      kind = 'BUYBOX_WON';
    }
    out.push(
      this.envelope(
        'PRICE_UPDATE',
        now,
        {
          kind,
          sku: s.sku,
          barcode: s.barcode,
          marketplace: l.marketplace,
          salePrice: money(l.price),
          buybox: { rank: bb.rank, winnerPrice: money(bb.winnerPrice), contested: true, isOurs: bb.isOurs },
        },
        l.marketplace,
      ),
    );
  }

  private priceRejected(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.skus);
    const l = this.rnd.pick(s.listings);
    out.push(
      this.envelope(
        'PRICE_UPDATE',
        now,
        {
          kind: 'PRICE_REJECTED',
          sku: s.sku,
          barcode: s.barcode,
          marketplace: l.marketplace,
          salePrice: money(l.price + this.rnd.int(1, 20) * 500),
          rejection: { batchId: this.rnd.uuid(), reasons: [this.rnd.pick(PRICE_REJECTION_REASONS)] },
        },
        l.marketplace,
      ),
    );
  }

  private systemEvent(now: number, out: EventInput[]): void {
    const open = [...this.apiErrors.entries()];
    if (open.length > 0 && this.rnd.chance(0.7)) {
      const [marketplace, err] = this.rnd.pick(open);
      this.apiErrors.delete(marketplace);
      out.push(
        this.envelope(
          'SYSTEM_ALERT',
          now,
          {
            kind: 'RECOVERED',
            marketplace,
            component: err.component,
            lastSuccessAt: iso(now),
            message: 'Pazaryeri bağlantısı yeniden sağlandı.',
          },
          marketplace,
        ),
      );
      return;
    }
    const marketplace = this.rnd.weighted(MARKETPLACE_WEIGHTS);
    if (this.rnd.chance(0.3)) {
      out.push(
        this.envelope(
          'SYSTEM_ALERT',
          now,
          {
            kind: 'RATE_LIMITED',
            marketplace,
            component: 'stock',
            httpStatus: 429,
            retryAfterSec: this.rnd.int(30, 120),
            message: 'İstek limiti aşıldı; stok güncellemeleri bekletiliyor.',
          },
          marketplace,
        ),
      );
      return;
    }
    const component = this.rnd.pick(['orders', 'stock'] as const);
    if (!this.apiErrors.has(marketplace)) this.apiErrors.set(marketplace, { since: now, component });
    const since = (this.apiErrors.get(marketplace) as { since: number }).since;
    out.push(
      this.envelope(
        'SYSTEM_ALERT',
        now,
        {
          kind: 'API_ERROR',
          marketplace,
          component,
          httpStatus: this.rnd.pick([500, 502, 503]),
          errorCode: 'SERVICE_UNAVAILABLE',
          traceId: this.rnd.uuid(),
          lastSuccessAt: iso(since),
          message: 'Pazaryeri API hatası: servis geçici olarak kullanılamıyor.',
        },
        marketplace,
      ),
    );
  }

  /** KPIs the demo producer owns (stock, buy-box, sync lag, shipping), computed from its own state. */
  private metrics(now: number): EventInput {
    const buyboxes = this.skus.flatMap((s) => s.listings.flatMap((l) => (l.buybox ? [l.buybox] : [])));
    const ours = buyboxes.filter((b) => b.isOurs).length;
    const open = [...this.orders.values()].filter((o) => OPEN_STATUSES.includes(o.status));
    const dayEnd = Math.ceil((now + 3 * HOUR) / (24 * HOUR)) * 24 * HOUR - 3 * HOUR;
    const late = open.filter((o) => o.shipBy < now).length;
    return this.envelope('METRIC_UPDATE', now, {
      window: 'today',
      asOf: iso(now),
      values: {
        awaitingShipment: open.length,
        dueToday: open.filter((o) => o.shipBy <= dayEnd).length,
        lateShipments: late,
        lateShipPct: open.length === 0 ? 0 : Math.round((late / open.length) * 1000) / 10,
        lowStockSkus: this.skus.filter((s) => this.available(s) > 0 && this.available(s) <= s.threshold).length,
        outOfStockSkus: this.skus.filter((s) => this.available(s) === 0).length,
        buyboxSharePct: buyboxes.length === 0 ? 0 : Math.round((ours / buyboxes.length) * 1000) / 10,
        syncLagSec: this.apiErrors.size > 0 ? this.rnd.int(120, 600) : this.rnd.int(2, 20),
      },
    });
  }

  private checkDeadlines(now: number, out: EventInput[]): void {
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
}
