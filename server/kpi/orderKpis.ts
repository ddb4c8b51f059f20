// Live order KPIs derived from ingested orders: orders today, revenue today, average basket,
// orders in the last minute and hour, overall and per marketplace.
import { orderKeyOf, type Delivery, type Marketplace, type MetricKey } from '../../protocol';
import { istanbulDay } from '../ingest/rules';

type Values = Partial<Record<MetricKey, number>>;

interface Totals {
  orders: number;
  revenue: number;
  /** Ingest times of recent orders, oldest first, for the per-minute and per-hour rates. */
  recent: number[];
}

const HOUR = 3600_000;
const MINUTE = 60_000;

const emptyTotals = (): Totals => ({ orders: 0, revenue: 0, recent: [] });

/** An order of today as the SQL projection holds it. */
export interface SeedOrder {
  orderKey: string;
  marketplace?: Marketplace;
  totalMinor: number;
  orderedAt: number;
}

export interface KpiSnapshot {
  overall: Values;
  byMarketplace: Map<Marketplace, Values>;
}

/** Where order KPIs are counted: in this process (embedded) or in Redis (shared by a cluster). */
export interface KpiSource {
  observe(delivery: Delivery, now: number): void | Promise<void>;
  snapshot(now: number): KpiSnapshot | Promise<KpiSnapshot>;
}

export class OrderKpis implements KpiSource {
  private day: number;
  private overall = emptyTotals();
  private readonly byMarketplace = new Map<Marketplace, Totals>();
  /** Orders counted today, so a repeated ORDER_CREATED (a new id for the same order) counts once. */
  private counted = new Set<string>();

  constructor(now: number) {
    this.day = istanbulDay(now);
  }

  observe(delivery: Delivery, now: number): void {
    const e = delivery.event;
    if (e.type !== 'ORDER_NOTIFICATION' || e.payload.kind !== 'ORDER_CREATED') return;
    this.rollOver(now);
    if (istanbulDay(Date.parse(e.payload.orderedAt)) !== this.day) return;
    this.count(orderKeyOf(e.marketplace, e.payload.orderNumber), e.marketplace, e.payload.total.minor, now);
  }

  /**
   * Counts today's orders already in SQL (a restart of an embedded gateway starts from them, not
   * from zero). Their order time stands in for the ingest time in the per-minute and per-hour rates.
   */
  seed(orders: SeedOrder[], now: number): void {
    this.rollOver(now);
    const today = orders.filter((o) => istanbulDay(o.orderedAt) === this.day).sort((a, b) => a.orderedAt - b.orderedAt);
    for (const o of today) this.count(o.orderKey, o.marketplace, o.totalMinor, Math.min(o.orderedAt, now));
  }

  private count(key: string, marketplace: Marketplace | undefined, totalMinor: number, at: number): void {
    if (this.counted.has(key)) return;
    this.counted.add(key);
    const targets = [this.overall];
    if (marketplace) {
      let t = this.byMarketplace.get(marketplace);
      if (!t) {
        t = emptyTotals();
        this.byMarketplace.set(marketplace, t);
      }
      targets.push(t);
    }
    for (const t of targets) {
      t.orders += 1;
      t.revenue += totalMinor;
      t.recent.push(at);
    }
  }

  snapshot(now: number): KpiSnapshot {
    this.rollOver(now);
    const byMarketplace = new Map<Marketplace, Values>();
    for (const [m, t] of this.byMarketplace) byMarketplace.set(m, valuesOf(t, now));
    return { overall: valuesOf(this.overall, now), byMarketplace };
  }

  private rollOver(now: number): void {
    const day = istanbulDay(now);
    if (day === this.day) return;
    this.day = day;
    this.counted = new Set();
    // Rates look back across midnight; the day's totals start again.
    for (const t of [this.overall, ...this.byMarketplace.values()]) {
      t.orders = 0;
      t.revenue = 0;
    }
  }
}

function valuesOf(t: Totals, now: number): Values {
  while (t.recent.length > 0 && (t.recent[0] as number) <= now - HOUR) t.recent.shift();
  let lastMinute = 0;
  for (let i = t.recent.length - 1; i >= 0 && (t.recent[i] as number) > now - MINUTE; i--) lastMinute++;
  return {
    ordersToday: t.orders,
    revenueToday: t.revenue,
    aov: t.orders === 0 ? 0 : Math.round(t.revenue / t.orders),
    ordersPerMinute: lastMinute,
    ordersPerHour: t.recent.length,
  };
}
