// Queries over the gateway's SQL projection (GET /v1/orders, /v1/orders/{orderKey}, /v1/stock,
// /v1/alerts): their query strings and answers. Pages are `{items, total, nextCursor}`; the cursor
// is opaque (give it back unchanged), and `format=csv` streams the whole filtered list instead.
import { z } from 'zod';
import { OrderKey } from './actions';
import { ChannelName } from './channels';
import { Ident, Instant, Marketplace, Priority } from './common';
import { Actor, LiveEvent, OrderStatus } from './events';
import { AlertView, OrderView } from './snapshot';

export const QUERY_PAGE_DEFAULT = 50;
export const QUERY_PAGE_MAX = 500;

const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(QUERY_PAGE_MAX)
  .default(QUERY_PAGE_DEFAULT)
  .describe(`Items per page (1 to ${QUERY_PAGE_MAX}, default ${QUERY_PAGE_DEFAULT})`);
const Cursor = z
  .string()
  .max(512)
  .optional()
  .describe('`nextCursor` of the previous page, unchanged: the next page in the same order');
const Search = z
  .string()
  .trim()
  .max(128)
  .optional()
  .describe('Words that must all appear (any case, with or without Turkish letters)');
const Format = z
  .enum(['json', 'csv'])
  .default('json')
  .describe('`csv`: every match (no pages) as UTF-8 with BOM, `;` separated, Turkish numbers and dates');
/** A download ticket (`POST /v1/exports`): 32 random bytes, base64url. */
export const EXPORT_TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const Ticket = z
  .string()
  .regex(EXPORT_TICKET_PATTERN)
  .optional()
  .describe(
    'With `format=csv` only: a download ticket from `POST /v1/exports` in place of the access token (once, within 60 s, for exactly the query it was made for)',
  );

export const ORDER_SORTS = ['-updatedAt', 'shipBy'] as const;
export const SHIP_BY_FILTERS = ['overdue', 'soon', 'today', 'tomorrow'] as const;

export const OrdersQuery = z.strictObject({
  q: Search.describe('Order number, package id, SKU, barcode, product title, city or note text'),
  marketplace: Marketplace.optional(),
  status: z
    .union([OrderStatus, z.literal('open')])
    .optional()
    .describe('A status, or `open`: not yet shipped, delivered, cancelled or returned'),
  shipBy: z
    .enum(SHIP_BY_FILTERS)
    .optional()
    .describe(
      'Ship-by already past or within the next 4 hours (open orders), or within today or tomorrow (Istanbul days)',
    ),
  claimedBy: z.literal('me').optional().describe('`me`: only the orders the caller has claimed'),
  sort: z
    .enum(ORDER_SORTS)
    .default('-updatedAt')
    .describe('`-updatedAt`: latest change first; `shipBy`: earliest ship-by first, none last'),
  limit: Limit,
  cursor: Cursor,
  format: Format,
  ticket: Ticket,
});
export type OrdersQuery = z.infer<typeof OrdersQuery>;

export const OrderParams = z.object({ orderKey: OrderKey });

export const STOCK_STATES = ['low', 'out', 'mismatch'] as const;

export const StockQuery = z.strictObject({
  q: Search.describe('SKU, barcode or product title'),
  state: z
    .enum(STOCK_STATES)
    .optional()
    .describe(
      '`low`: at or under its threshold; `out`: none available; `mismatch`: a marketplace lists another quantity',
    ),
  limit: Limit,
  cursor: Cursor,
  format: Format,
  ticket: Ticket,
});
export type StockQuery = z.infer<typeof StockQuery>;

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;

export const AlertsQuery = z.strictObject({
  state: z.enum(ALERT_STATES).optional(),
  priority: Priority.optional(),
  q: Search.describe('Alert key (kind and subject: SKU, order, marketplace) or title'),
  since: Instant.optional().describe('Only alerts last seen at or after this instant'),
  limit: Limit,
  cursor: Cursor,
  format: Format,
  ticket: Ticket,
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Every match of the filter (not only this page), counted up to 1,000. */
    total: z.number().int().min(0),
    /** Counting stopped at `total` (1,000): more match than that ("1.000+"). */
    totalCapped: z.literal(true).optional(),
    /** Absent on the last page. */
    nextCursor: z.string().optional(),
  });

export const OrderPage = page(OrderView);
export type OrderPage = z.infer<typeof OrderPage>;

export const OrderTimelineEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), at: Instant, event: LiveEvent }),
  z.object({ kind: z.enum(['claimed', 'released']), at: Instant, by: Actor }),
  z.object({ kind: z.literal('note'), at: Instant, by: Actor, id: z.string(), text: z.string() }),
]);
export type OrderTimelineEntry = z.infer<typeof OrderTimelineEntry>;

export const OrderDetail = OrderView.extend({
  /** Everything that happened to the order, oldest first: its newest 500 entries. */
  timeline: z.array(OrderTimelineEntry),
  /** Older entries exist than the timeline holds. */
  timelineTruncated: z.literal(true).optional(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const StockListing = z.object({
  marketplace: Marketplace,
  pushStatus: z.enum(['ok', 'pending', 'failed']),
  lastPushedAt: Instant.optional(),
  listedQty: z.number().int().min(0).nullable(),
});

export const StockItem = z.object({
  sku: Ident,
  barcode: z.string().optional(),
  title: z.string().optional(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  threshold: z.number().int().optional(),
  level: z.enum(['ok', 'low', 'out']),
  mismatch: z.boolean(),
  channels: z.array(StockListing),
  updatedAt: Instant,
});
export type StockItem = z.infer<typeof StockItem>;

export const StockPage = page(StockItem);
export type StockPage = z.infer<typeof StockPage>;

export const AlertHistoryItem = AlertView.omit({ read: true, snoozedUntil: true, lastEvent: true }).extend({
  channel: ChannelName,
  resolvedAt: Instant.optional(),
  resolvedReason: z.string().optional(),
  /** Who resolved it by hand (absent when an event ended it). */
  resolvedBy: Actor.optional(),
});
export type AlertHistoryItem = z.infer<typeof AlertHistoryItem>;

export const AlertPage = page(AlertHistoryItem);
export type AlertPage = z.infer<typeof AlertPage>;

/**
 * A query a console asks its host to run with the signed-in user's token (`LiveBridge.query`):
 * the resource and its query string, checked by the gateway.
 */
export const QueryRequest = z.discriminatedUnion('resource', [
  z.strictObject({
    resource: z.enum(['orders', 'stock', 'alerts']),
    params: z.record(z.string().max(32), z.string().max(512)),
  }),
  z.strictObject({ resource: z.literal('order'), orderKey: OrderKey }),
]);
export type QueryRequest = z.infer<typeof QueryRequest>;

/** What each resource answers. */
export const QUERY_ANSWERS = {
  orders: OrderPage,
  order: OrderDetail,
  stock: StockPage,
  alerts: AlertPage,
} as const;
export type QueryAnswer = OrderPage | OrderDetail | StockPage | AlertPage;

/** The path and query string of a request, relative to the gateway. */
export function queryPath(req: QueryRequest): string {
  if (req.resource === 'order') return `/v1/orders/${encodeURIComponent(req.orderKey)}`;
  const qs = Object.entries(req.params)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `/v1/${req.resource}${qs ? `?${qs}` : ''}`;
}

/** An export of a list's current filter (`LiveBridge.exportCsv`, `POST /v1/exports`): the whole list, as CSV. */
export const ExportRequest = z.strictObject({
  resource: z.enum(['orders', 'stock', 'alerts']),
  params: z.record(z.string().max(32), z.string().max(512)),
});
export type ExportRequest = z.infer<typeof ExportRequest>;
