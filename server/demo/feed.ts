// Believable, self-consistent marketplace traffic for the demo: orders whose totals are the sum of
// their lines, stock that falls with every order (never below zero) and is restocked, price and
// buy-box moves, deadlines, and now and then a marketplace API error followed by its recovery.
// Pure: the same seed and the same sequence of `now` values give the same events.
import type { EventInput } from '../../protocol';
import { envelope, iso } from './envelope';
import { MarketplaceHealth } from './marketplaceHealth';
import { OrderBook } from './orderBook';
import { Pricing } from './pricing';
import { Random } from './random';
import { Warehouse } from './warehouse';

type Step = 'order' | 'advance' | 'cancel' | 'restock' | 'price' | 'buybox' | 'rejected' | 'system' | 'metric';
// Customer cancels before shipping ask the warehouse to stop picking (an alert each): ~2.4% of
// orders, as marketplaces see, not the 7.5% an earlier weight gave (at 200 events/s that opened ~215
// alerts a minute that nothing in a shift resolves).
const STEPS: readonly (readonly [Step, number])[] = [
  ['order', 42],
  ['advance', 20],
  ['price', 14],
  ['restock', 8],
  ['buybox', 8],
  ['cancel', 1],
  ['metric', 4],
  ['system', 2],
  ['rejected', 1],
];

export class DemoFeed {
  // One generator for every part, drawn in step order: that is what makes a seed repeatable.
  private readonly rnd: Random;
  private readonly warehouse: Warehouse;
  private readonly orders: OrderBook;
  private readonly pricing: Pricing;
  private readonly health: MarketplaceHealth;
  private steps = 0;

  constructor(seed: number) {
    this.rnd = new Random(seed);
    this.warehouse = new Warehouse(this.rnd);
    this.orders = new OrderBook(this.rnd, this.warehouse);
    this.pricing = new Pricing(this.rnd, this.warehouse);
    this.health = new MarketplaceHealth(this.rnd);
  }

  /** The events of one step of the simulation at time `now` (at least one). */
  step(now: number): EventInput[] {
    this.steps++;
    const out: EventInput[] = [];
    if (this.steps % 25 === 0) this.orders.checkDeadlines(now, out);
    const kind = this.rnd.weighted(STEPS);
    switch (kind) {
      case 'order':
        this.orders.newOrder(now, out);
        break;
      case 'advance':
        if (!this.orders.advanceOrder(now, out)) this.orders.newOrder(now, out);
        break;
      case 'cancel':
        if (!this.orders.cancelOrder(now, out)) this.orders.newOrder(now, out);
        break;
      case 'restock':
        if (!this.warehouse.restock(now, out)) this.pricing.priceChange(now, out);
        break;
      case 'price':
        this.pricing.priceChange(now, out);
        break;
      case 'buybox':
        this.pricing.buyboxMove(now, out);
        break;
      case 'rejected':
        this.pricing.priceRejected(now, out);
        break;
      case 'system':
        this.health.systemEvent(now, out);
        break;
      case 'metric':
        out.push(this.metrics(now));
        break;
    }
    return out;
  }

  /** Units available to sell per SKU, for tests and the snapshot. */
  stockLevels(): Map<string, number> {
    return this.warehouse.levels();
  }

  /** KPIs the demo producer owns (stock, buy-box, sync lag, shipping), computed from its own state. */
  private metrics(now: number): EventInput {
    return envelope(this.rnd, 'METRIC_UPDATE', now, {
      window: 'today',
      asOf: iso(now),
      values: {
        ...this.orders.shippingFigures(now),
        ...this.warehouse.stockFigures(),
        buyboxSharePct: this.pricing.buyboxSharePct(),
        syncLagSec: this.health.syncLagSec(),
      },
    });
  }
}
