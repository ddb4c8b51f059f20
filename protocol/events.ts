// The event envelope and the five producer event types (docs/domain.md §2).
import { z } from 'zod';
import { Ident, Instant, Marketplace, Money, Priority, Role } from './common';

const Qty = z.number().int().min(0).max(1_000_000);

export const ORDER_KINDS = [
  'ORDER_CREATED',
  'ORDER_STATUS_CHANGED',
  'ORDER_CANCELLED',
  'SHIP_DEADLINE_NEAR',
  'SHIP_DEADLINE_MISSED',
] as const;

export const ORDER_STATUSES = [
  'awaiting_payment',
  'new',
  'picking',
  'invoiced',
  'shipped',
  'delivered',
  'undelivered',
  'cancelled',
  'returned',
  'unsupplied',
  'split',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderLine = z.strictObject({
  sku: Ident,
  barcode: z.string().max(64).optional(),
  title: z.string().max(300).optional(),
  qty: Qty.min(1),
  unitPrice: Money,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderPayload = z.strictObject({
  kind: z.enum(ORDER_KINDS),
  orderNumber: Ident,
  packageId: Ident.optional(),
  status: OrderStatus,
  rawStatus: z.string().max(64),
  orderedAt: Instant,
  shipBy: Instant.optional(),
  autoCancelAt: Instant.optional(),
  total: Money,
  customerCity: z.string().max(64).optional(),
  lines: z.array(OrderLine).min(1).max(200),
  cargo: z
    .strictObject({
      provider: z.string().max(64).optional(),
      trackingNumber: z.string().max(64).optional(),
      trackingUrl: z.url({ protocol: /^https$/ }).optional(),
    })
    .optional(),
  cancel: z
    .strictObject({
      by: z.enum(['customer', 'seller', 'marketplace']),
      reason: z.string().max(300).optional(),
    })
    .optional(),
});
export type OrderPayload = z.infer<typeof OrderPayload>;

export const INVENTORY_KINDS = [
  'STOCK_CHANGED',
  'LOW_STOCK',
  'OUT_OF_STOCK',
  'STOCK_MISMATCH',
  'STOCK_PUSH_FAILED',
] as const;

export const InventoryPayload = z.strictObject({
  kind: z.enum(INVENTORY_KINDS),
  sku: Ident,
  barcode: z.string().max(64).optional(),
  onHand: Qty,
  reserved: Qty,
  available: z.number().int().min(-1_000_000).max(1_000_000),
  previous: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  threshold: Qty.optional(),
  reason: z.enum(['order', 'cancel', 'return', 'manual', 'sync']).optional(),
  channels: z
    .array(
      z.strictObject({
        marketplace: Marketplace,
        pushStatus: z.enum(['ok', 'pending', 'failed']),
        lastPushedAt: Instant.optional(),
        listedQty: Qty.nullable(),
      }),
    )
    .max(16),
});
export type InventoryPayload = z.infer<typeof InventoryPayload>;

export const PRICE_KINDS = [
  'PRICE_CHANGED',
  'PRICE_REJECTED',
  'COMPETITOR_UNDERCUT',
  'BUYBOX_LOST',
  'BUYBOX_WON',
] as const;

export const PricePayload = z.strictObject({
  kind: z.enum(PRICE_KINDS),
  sku: Ident,
  barcode: z.string().max(64).optional(),
  marketplace: Marketplace,
  previousSalePrice: Money.optional(),
  salePrice: Money,
  listPrice: Money.optional(),
  buybox: z
    .strictObject({
      rank: z.number().int().min(1).max(1000),
      winnerPrice: Money,
      contested: z.boolean(),
      isOurs: z.boolean(),
    })
    .optional(),
  competitivePriceThreshold: Money.optional(),
  rejection: z
    .strictObject({
      batchId: z.string().min(1).max(128),
      reasons: z.array(z.string().max(500)).max(50),
    })
    .optional(),
});
export type PricePayload = z.infer<typeof PricePayload>;

export const METRIC_KEYS = [
  'ordersToday',
  'ordersPerHour',
  'ordersPerMinute',
  'revenueToday',
  'aov',
  'awaitingShipment',
  'dueToday',
  'lateShipments',
  'lateShipPct',
  'cancelPctCustomer',
  'cancelPctSeller',
  'returnPct',
  'lowStockSkus',
  'outOfStockSkus',
  'buyboxSharePct',
  'syncLagSec',
] as const;
export const MetricKey = z.enum(METRIC_KEYS);
export type MetricKey = z.infer<typeof MetricKey>;

export const MetricPayload = z.strictObject({
  window: z.enum(['today', 'last_hour']),
  asOf: Instant,
  marketplace: Marketplace.optional(),
  values: z.partialRecord(MetricKey, z.number().finite()),
});
export type MetricPayload = z.infer<typeof MetricPayload>;

export const SYSTEM_ALERT_KINDS = [
  'API_ERROR',
  'AUTH_FAILED',
  'RATE_LIMITED',
  'SYNC_LAG',
  'WEBHOOK_DISABLED',
  'RECOVERED',
] as const;

export const SystemAlertPayload = z.strictObject({
  kind: z.enum(SYSTEM_ALERT_KINDS),
  marketplace: Marketplace.optional(),
  component: z.enum(['orders', 'stock', 'price', 'webhook', 'queue']),
  httpStatus: z.number().int().min(100).max(599).optional(),
  errorCode: z.string().max(128).optional(),
  traceId: z.string().max(128).optional(),
  retryAfterSec: z.number().int().min(0).max(86_400).optional(),
  queueDepth: z.number().int().min(0).optional(),
  lagSec: z.number().min(0).optional(),
  lastSuccessAt: Instant.optional(),
  message: z.string().min(1).max(1000),
});
export type SystemAlertPayload = z.infer<typeof SystemAlertPayload>;

export const Audience = z.array(Role).max(3);

/** Fields every envelope has, whatever its type. */
const envelopeBase = {
  id: z.uuid(),
  occurredAt: Instant,
  marketplace: Marketplace.optional(),
  /** Overrides the type's default channel; only channels allowed for the type (routing.ts). */
  channel: z.string().max(64).optional(),
};

/**
 * What a producer sends. Priority and audience are optional: the gateway computes them from the
 * kind (a producer may raise the priority, never lower it).
 */
const producerFields = { priority: Priority.optional(), audience: Audience.optional() };

function envelopes<E extends Record<string, z.ZodType>>(extra: E) {
  const make = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
    z.strictObject({ ...envelopeBase, ...extra, type: z.literal(type), payload });
  return z.discriminatedUnion('type', [
    make('ORDER_NOTIFICATION', OrderPayload),
    make('INVENTORY_CHANGE', InventoryPayload),
    make('PRICE_UPDATE', PricePayload),
    make('METRIC_UPDATE', MetricPayload),
    make('SYSTEM_ALERT', SystemAlertPayload),
  ]);
}

export const EventInput = envelopes(producerFields);
export type EventInput = z.infer<typeof EventInput>;

/**
 * A producer's event as the gateway delivers it: priority and audience always set, and the key of
 * the alert it opened or updated when it is alert-worthy (high or critical, or a SYSTEM_ALERT).
 */
export const ProducerEvent = envelopes({ priority: Priority, audience: Audience, alertKey: Ident.optional() });
export type ProducerEvent = z.infer<typeof ProducerEvent>;
export type ProducerEventType = ProducerEvent['type'];
export const PRODUCER_EVENT_TYPES = ProducerEvent.options.map((o) => o.shape.type.value) as ProducerEventType[];

/** Who did something, as other consoles show it. */
export const Actor = z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(128) });
export type Actor = z.infer<typeof Actor>;

/** Payloads of the events the gateway publishes as the outcome of an action or a resolution. */
export const ResultPayloads = {
  ALERT_ACKED: z.strictObject({ alertKey: Ident, by: Actor, at: Instant }),
  ALERT_SNOOZED: z.strictObject({ alertKey: Ident, until: Instant, by: Actor }),
  /** On the reader's own user channel: their other devices mark the same alerts read. */
  ALERTS_READ: z.strictObject({ alertKeys: z.array(Ident).min(1).max(200), by: Actor, at: Instant }),
  ALERT_RESOLVED: z.strictObject({
    alertKey: Ident,
    at: Instant,
    /** `event`: a later event said so (stock back, RECOVERED, BUYBOX_WON); `manual`: by hand. */
    reason: z.enum(['event', 'manual']),
    by: Actor.optional(),
    eventId: z.uuid().optional(),
  }),
  ORDER_CLAIMED: z.strictObject({ orderKey: Ident, by: Actor, at: Instant }),
  ORDER_RELEASED: z.strictObject({ orderKey: Ident, by: Actor, at: Instant }),
  ORDER_NOTE_ADDED: z.strictObject({
    orderKey: Ident,
    noteId: z.string().min(1).max(64),
    text: z.string().min(1).max(2000),
    by: Actor,
    at: Instant,
  }),
} as const;
export type ResultType = keyof typeof ResultPayloads;
export const RESULT_TYPES = Object.keys(ResultPayloads) as ResultType[];

const resultEnvelope = <T extends ResultType>(type: T) =>
  z.strictObject({
    id: z.uuid(),
    type: z.literal(type),
    occurredAt: Instant,
    priority: Priority,
    audience: Audience,
    payload: ResultPayloads[type],
  });

export const ResultEvent = z.discriminatedUnion('type', [
  resultEnvelope('ALERT_ACKED'),
  resultEnvelope('ALERT_SNOOZED'),
  resultEnvelope('ALERTS_READ'),
  resultEnvelope('ALERT_RESOLVED'),
  resultEnvelope('ORDER_CLAIMED'),
  resultEnvelope('ORDER_RELEASED'),
  resultEnvelope('ORDER_NOTE_ADDED'),
]);
export type ResultEvent = z.infer<typeof ResultEvent>;

/** Everything a channel delivers: producers' events and the gateway's own results. */
export const LiveEvent = z.union([ProducerEvent, ResultEvent]);
export type LiveEvent = ProducerEvent | ResultEvent;

export type EventType = LiveEvent['type'];
export const EVENT_TYPES: EventType[] = [...PRODUCER_EVENT_TYPES, ...RESULT_TYPES];

/** The payload type of one event type. */
export type PayloadOf<T extends EventType> = Extract<LiveEvent, { type: T }>['payload'];
