// Which events open an alert, under which key, and which events resolve which alerts. The key is
// the alert's identity (kind + subject): a repeat updates the same row instead of opening another,
// and the notification policy collapses on it.
import { orderKeyOf, type ProducerEvent } from '../../protocol';

export interface AlertSpec {
  key: string;
  kind: string;
  subject: string;
  /** One line for lists and notifications, in the producer's words where it gave some. */
  title: string;
}

/** Kinds of SYSTEM_ALERT a RECOVERED of the same marketplace and component resolves. */
const SYSTEM_PROBLEMS = ['API_ERROR', 'AUTH_FAILED', 'RATE_LIMITED', 'SYNC_LAG', 'WEBHOOK_DISABLED'];

function subjectOf(e: ProducerEvent): { kind: string; subject: string; title: string } {
  switch (e.type) {
    case 'ORDER_NOTIFICATION':
      return {
        kind: e.payload.kind,
        subject: orderKeyOf(e.marketplace, e.payload.orderNumber),
        title: `${e.payload.orderNumber} · ${e.payload.status}`,
      };
    case 'INVENTORY_CHANGE':
      return { kind: e.payload.kind, subject: e.payload.sku, title: `${e.payload.sku} · ${e.payload.available}` };
    case 'PRICE_UPDATE':
      return {
        kind: e.payload.kind,
        subject: `${e.payload.marketplace}:${e.payload.sku}`,
        title: `${e.payload.sku} · ${e.payload.marketplace}`,
      };
    case 'SYSTEM_ALERT':
      return {
        kind: e.payload.kind,
        subject: `${e.payload.marketplace ?? 'all'}:${e.payload.component}`,
        title: e.payload.message,
      };
    case 'METRIC_UPDATE':
      return { kind: 'METRIC_UPDATE', subject: e.payload.marketplace ?? 'all', title: '' };
  }
}

/**
 * The alert an event opens or updates: every event of priority high or critical and every
 * SYSTEM_ALERT — except the ones that only say a problem is over (RECOVERED) and new orders, which
 * are routine flow (the orders screen's queue) however a producer raised them.
 */
export function alertOf(e: ProducerEvent): AlertSpec | undefined {
  if (e.type === 'METRIC_UPDATE') return undefined;
  if (e.type === 'ORDER_NOTIFICATION' && e.payload.kind === 'ORDER_CREATED') return undefined;
  if (e.type === 'SYSTEM_ALERT' && e.payload.kind === 'RECOVERED') return undefined;
  const alertWorthy = e.type === 'SYSTEM_ALERT' || e.priority === 'high' || e.priority === 'critical';
  if (!alertWorthy) return undefined;
  const { kind, subject, title } = subjectOf(e);
  return { key: `${kind}:${subject}`, kind, subject, title };
}

/**
 * Keys of the alerts this event says are over. `defaultThreshold`: the stock above which shortage
 * ends when the event names no threshold of its own (LIVE_RULES lowStock.defaultThreshold).
 */
export function resolvedBy(e: ProducerEvent, defaultThreshold = 0): string[] {
  switch (e.type) {
    case 'INVENTORY_CHANGE': {
      const p = e.payload;
      // Stock back above its threshold ends the shortage alerts of that SKU.
      const threshold = p.threshold ?? defaultThreshold;
      if (p.kind === 'STOCK_CHANGED' && p.available > threshold) {
        return [`LOW_STOCK:${p.sku}`, `OUT_OF_STOCK:${p.sku}`];
      }
      if (p.kind === 'LOW_STOCK') return [`OUT_OF_STOCK:${p.sku}`];
      return [];
    }
    case 'PRICE_UPDATE':
      if (e.payload.kind === 'BUYBOX_WON') return [`BUYBOX_LOST:${e.payload.marketplace}:${e.payload.sku}`];
      if (e.payload.kind === 'PRICE_CHANGED') return [`PRICE_REJECTED:${e.payload.marketplace}:${e.payload.sku}`];
      return [];
    case 'SYSTEM_ALERT': {
      if (e.payload.kind !== 'RECOVERED') return [];
      const subject = `${e.payload.marketplace ?? 'all'}:${e.payload.component}`;
      return SYSTEM_PROBLEMS.map((k) => `${k}:${subject}`);
    }
    case 'ORDER_NOTIFICATION': {
      const p = e.payload;
      // Shipped or cancelled: deadlines of that order no longer matter.
      if (['shipped', 'delivered', 'cancelled', 'returned'].includes(p.status)) {
        const order = orderKeyOf(e.marketplace, p.orderNumber);
        return [`SHIP_DEADLINE_NEAR:${order}`, `SHIP_DEADLINE_MISSED:${order}`];
      }
      return [];
    }
    case 'METRIC_UPDATE':
      return [];
  }
}
