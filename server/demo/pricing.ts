// The demo's prices: sale-price changes, buy-box wins and losses against competitors, and price
// updates a marketplace rejects, on the warehouse's listings. Reported as PRICE_UPDATE.
import type { EventInput, PayloadOf } from '../../protocol';
import { PRICE_REJECTION_REASONS } from './catalog';
import { envelope, money } from './envelope';
import type { Random } from './random';
import type { Warehouse } from './warehouse';

export class Pricing {
  constructor(
    private readonly rnd: Random,
    private readonly warehouse: Warehouse,
  ) {}

  priceChange(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.warehouse.skus);
    const l = this.rnd.pick(s.listings);
    const previous = l.price;
    l.price = Math.max(990, Math.round((previous * this.rnd.int(92, 108)) / 100 / 10) * 10);
    out.push(
      envelope(
        this.rnd,
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

  /** A competitor takes a buy-box of ours (or undercuts us), or we win one back by pricing below them. */
  buyboxMove(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.warehouse.skus);
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
      envelope(
        this.rnd,
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

  priceRejected(now: number, out: EventInput[]): void {
    const s = this.rnd.pick(this.warehouse.skus);
    const l = this.rnd.pick(s.listings);
    out.push(
      envelope(
        this.rnd,
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

  /** The buy-box KPI of METRIC_UPDATE: the share of contested listings we hold. */
  buyboxSharePct(): number {
    const buyboxes = this.warehouse.skus.flatMap((s) => s.listings.flatMap((l) => (l.buybox ? [l.buybox] : [])));
    const ours = buyboxes.filter((b) => b.isOurs).length;
    return buyboxes.length === 0 ? 0 : Math.round((ours / buyboxes.length) * 1000) / 10;
  }
}
