// The demo seller's stock: each product's units on hand and reserved, and its listing on every
// marketplace it sells on. Stock falls with orders (never below zero), comes back with cancels and
// restocks, and every move is reported as INVENTORY_CHANGE.
import type { EventInput, Marketplace } from '../../protocol';
import { BUYBOX_MARKETPLACES, MARKETPLACE_WEIGHTS, PRODUCTS, barcodeOf, type Product } from './catalog';
import { envelope, iso } from './envelope';
import type { Random } from './random';

export interface Listing {
  marketplace: Marketplace;
  price: number;
  listedQty: number;
  /** Buy-box state where the marketplace has one. */
  buybox?: { isOurs: boolean; winnerPrice: number; rank: number };
}

export interface Sku extends Product {
  barcode: string;
  onHand: number;
  reserved: number;
  listings: Listing[];
}

export class Warehouse {
  readonly skus: Sku[];

  constructor(private readonly rnd: Random) {
    this.skus = PRODUCTS.map((p, i) => ({
      ...p,
      barcode: barcodeOf(i),
      onHand: p.stock,
      reserved: 0,
      listings: this.listingsFor(p),
    }));
  }

  available(s: Sku): number {
    return s.onHand - s.reserved;
  }

  /** Units available to sell per SKU. */
  levels(): Map<string, number> {
    return new Map(this.skus.map((s) => [s.sku, this.available(s)]));
  }

  /** Reports a move of `s` from `previous` available units, as STOCK_CHANGED, LOW_STOCK or OUT_OF_STOCK. */
  stockEvent(s: Sku, previous: number, reason: 'order' | 'cancel' | 'manual', now: number): EventInput {
    const available = this.available(s);
    const crossedLow = available > 0 && available <= s.threshold && previous > s.threshold;
    const out = available === 0 && previous > 0;
    // Now and then one marketplace has not taken the zero yet: an oversell risk.
    const lagging = out && this.rnd.chance(0.2) ? this.rnd.pick(s.listings).marketplace : undefined;
    for (const l of s.listings) l.listedQty = l.marketplace === lagging ? previous : available;
    return envelope(this.rnd, 'INVENTORY_CHANGE', now, {
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

  /** Refills one SKU at or below its threshold; false when none is. */
  restock(now: number, out: EventInput[]): boolean {
    const low = this.skus.filter((s) => this.available(s) <= s.threshold);
    if (low.length === 0) return false;
    const s = this.rnd.pick(low);
    const previous = this.available(s);
    s.onHand += this.rnd.int(Math.ceil(s.stock / 2), s.stock);
    out.push(this.stockEvent(s, previous, 'manual', now));
    return true;
  }

  /** The stock KPIs of METRIC_UPDATE. */
  stockFigures(): { lowStockSkus: number; outOfStockSkus: number } {
    return {
      lowStockSkus: this.skus.filter((s) => this.available(s) > 0 && this.available(s) <= s.threshold).length,
      outOfStockSkus: this.skus.filter((s) => this.available(s) === 0).length,
    };
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
}
