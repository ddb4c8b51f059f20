// Priority and audience of each event kind (docs/domain.md §3). Thresholds come from the
// `LIVE_RULES` file (rulesFile.ts); the producer may raise the computed priority, never lower it.
import {
  maxPriority,
  type EventInput,
  type LiveEvent,
  type Marketplace,
  type Priority,
  type Role,
} from '../../protocol';
import { DEFAULT_RULES, thresholdsOf } from './rulesFile';

export interface PriorityThresholds {
  /** SHIP_DEADLINE: a Trendyol auto-cancel this close (ms) makes the order critical. */
  autoCancelNearMs: number;
  /** RATE_LIMITED longer than this (s) is high. */
  rateLimitHighSec: number;
  /** SYNC_LAG above these (s) is high / critical. */
  syncLagHighSec: number;
  syncLagCriticalSec: number;
  /** API_ERROR on orders with no success for this long (ms) is critical. */
  ordersDownCriticalMs: number;
  /** SKUs whose LOW_STOCK is high rather than normal. */
  topSellerSkus: ReadonlySet<string>;
  /** Stock above this ends a SKU's shortage alerts when its event names no threshold. */
  lowStockDefaultThreshold: number;
}

export const DEFAULT_THRESHOLDS: PriorityThresholds = thresholdsOf(DEFAULT_RULES);

interface Rule {
  priority: Priority;
  audience: Role[];
}

const ISTANBUL_OFFSET_MS = 3 * 3600_000;

/**
 * Raw statuses meaning the parcel is with the carrier or past it, per marketplace (docs/domain.md §1);
 * a cancel before these still stops picking. Unknown marketplaces use the common words.
 */
const SHIPPED_RAW: Record<Marketplace | 'other', readonly string[]> = {
  trendyol: ['shipped', 'delivered', 'undelivered', 'returned'],
  hepsiburada: ['intransit', 'delivered', 'undelivered', 'returned', 'shipped'],
  n11: ['shipped', 'delivered', 'undelivered', 'returned', 'completed'],
  amazon_tr: ['shipped', 'partiallyshipped', 'unfulfillable'],
  ciceksepeti: ['shipped', 'delivered', 'undelivered', 'returned'],
  pazarama: ['shipped', 'delivered', 'undelivered', 'returned'],
  webshop: ['shipped', 'completed', 'delivered', 'refunded', 'returned', 'failed'],
  other: ['shipped', 'intransit', 'delivered', 'undelivered', 'returned', 'completed'],
};

function isShippedRawStatus(marketplace: Marketplace | undefined, raw: string): boolean {
  return (SHIPPED_RAW[marketplace ?? 'other'] ?? SHIPPED_RAW.other).includes(raw.toLowerCase().replace(/[\s_-]/g, ''));
}

/** The calendar day in Europe/Istanbul (UTC+3, no DST) of an instant, as a day number. */
export function istanbulDay(ms: number): number {
  return Math.floor((ms + ISTANBUL_OFFSET_MS) / 86_400_000);
}

/** When the Europe/Istanbul day holding `ms` began (epoch ms). */
export function istanbulDayStart(ms: number): number {
  return istanbulDay(ms) * 86_400_000 - ISTANBUL_OFFSET_MS;
}

function orderRule(e: Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>, now: number, t: PriorityThresholds): Rule {
  const p = e.payload;
  const autoCancelNear = p.autoCancelAt !== undefined && Date.parse(p.autoCancelAt) - now <= t.autoCancelNearMs;
  switch (p.kind) {
    case 'ORDER_CREATED':
      // A new order is routine flow: it joins the orders screen's queue (sorted by ship-by), never
      // an alert, whatever its ship-by. A deadline that matters arrives as SHIP_DEADLINE_NEAR.
      return { priority: 'normal', audience: ['warehouse', 'sales'] };
    case 'ORDER_CANCELLED': {
      const preShip = !isShippedRawStatus(e.marketplace, p.rawStatus) && p.cargo?.trackingNumber === undefined;
      return p.cancel?.by === 'customer' && preShip
        ? { priority: 'high', audience: ['warehouse'] }
        : { priority: 'normal', audience: ['warehouse', 'sales'] };
    }
    case 'SHIP_DEADLINE_NEAR':
      return {
        priority: autoCancelNear ? 'critical' : 'high',
        audience: autoCancelNear ? ['warehouse', 'admin'] : ['warehouse'],
      };
    case 'SHIP_DEADLINE_MISSED':
      return { priority: 'critical', audience: ['warehouse', 'admin'] };
    case 'ORDER_STATUS_CHANGED':
      return ['undelivered', 'returned', 'unsupplied'].includes(p.status)
        ? { priority: 'normal', audience: ['sales', 'warehouse'] }
        : { priority: 'low', audience: ['warehouse', 'sales'] };
  }
}

function inventoryRule(e: Extract<EventInput, { type: 'INVENTORY_CHANGE' }>, t: PriorityThresholds): Rule {
  const p = e.payload;
  switch (p.kind) {
    case 'LOW_STOCK':
      return { priority: t.topSellerSkus.has(p.sku) ? 'high' : 'normal', audience: ['sales', 'warehouse'] };
    case 'OUT_OF_STOCK':
      return p.channels.some((c) => (c.listedQty ?? 0) > 0)
        ? { priority: 'critical', audience: ['warehouse', 'sales'] }
        : { priority: 'high', audience: ['sales'] };
    case 'STOCK_MISMATCH':
    case 'STOCK_PUSH_FAILED':
      return { priority: 'high', audience: ['admin', 'sales'] };
    case 'STOCK_CHANGED':
      return { priority: 'low', audience: ['warehouse', 'sales'] };
  }
}

function priceRule(e: Extract<EventInput, { type: 'PRICE_UPDATE' }>): Rule {
  switch (e.payload.kind) {
    case 'PRICE_REJECTED':
      return { priority: 'high', audience: ['admin', 'sales'] };
    case 'BUYBOX_LOST':
      return { priority: 'high', audience: ['sales'] };
    case 'COMPETITOR_UNDERCUT':
      return { priority: 'normal', audience: ['sales'] };
    case 'PRICE_CHANGED':
    case 'BUYBOX_WON':
      return { priority: 'low', audience: ['sales'] };
  }
}

function systemRule(e: Extract<EventInput, { type: 'SYSTEM_ALERT' }>, now: number, t: PriorityThresholds): Rule {
  const p = e.payload;
  const admin: Role[] = ['admin'];
  switch (p.kind) {
    case 'AUTH_FAILED':
    case 'WEBHOOK_DISABLED':
      return { priority: 'critical', audience: admin };
    case 'RATE_LIMITED':
      return { priority: (p.retryAfterSec ?? 0) > t.rateLimitHighSec ? 'high' : 'normal', audience: admin };
    case 'API_ERROR': {
      const downFor = p.lastSuccessAt === undefined ? 0 : now - Date.parse(p.lastSuccessAt);
      const ordersDown = p.component === 'orders' && downFor > t.ordersDownCriticalMs;
      return { priority: ordersDown ? 'critical' : 'high', audience: admin };
    }
    case 'SYNC_LAG': {
      const lag = p.lagSec ?? 0;
      const priority = lag > t.syncLagCriticalSec ? 'critical' : lag > t.syncLagHighSec ? 'high' : 'normal';
      return { priority, audience: admin };
    }
    case 'RECOVERED':
      return { priority: 'normal', audience: admin };
  }
}

export function ruleOf(e: EventInput, now: number, t: PriorityThresholds = DEFAULT_THRESHOLDS): Rule {
  switch (e.type) {
    case 'ORDER_NOTIFICATION':
      return orderRule(e, now, t);
    case 'INVENTORY_CHANGE':
      return inventoryRule(e, t);
    case 'PRICE_UPDATE':
      return priceRule(e);
    case 'METRIC_UPDATE':
      return { priority: 'low', audience: ['warehouse', 'sales', 'admin'] };
    case 'SYSTEM_ALERT':
      return systemRule(e, now, t);
  }
}

/** The event as delivered: computed priority (raised by the producer's, never lowered) and audience. */
export function enrich(e: EventInput, now: number, t: PriorityThresholds = DEFAULT_THRESHOLDS): LiveEvent {
  const rule = ruleOf(e, now, t);
  const priority = e.priority === undefined ? rule.priority : maxPriority(rule.priority, e.priority);
  return { ...e, priority, audience: e.audience ?? rule.audience } as LiveEvent;
}
