// Producer events as the gateway delivers them (priority and audience set), built from the protocol
// fixtures with the fields alert and projection tests vary: kind, subject, status, priority.
import { randomUUID } from 'node:crypto';
import {
  ProducerEvent,
  type EventInput,
  type Marketplace,
  type OrderStatus,
  type Priority,
  type Role,
} from '../../protocol';
import { inventoryChange, metricUpdate, orderCreated, priceUpdate, systemAlert } from '../../protocol/test/fixtures';
import { enrich } from '../ingest/rules';

type PayloadOf<T extends EventInput['type']> = Extract<EventInput, { type: T }>['payload'];

interface Common {
  /** The delivered priority; by default what the gateway's rules compute for the kind. */
  priority?: Priority;
  audience?: Role[];
}

/** An input event with priority and audience, checked against the delivered-event schema. */
export function produced(e: EventInput, over: Common = {}): ProducerEvent {
  const enriched = enrich(e, Date.now()) as ProducerEvent;
  return ProducerEvent.parse({
    ...enriched,
    ...(over.priority ? { priority: over.priority } : {}),
    ...(over.audience ? { audience: over.audience } : {}),
  });
}

export function orderEvent(
  over: Common & {
    orderNumber?: string;
    marketplace?: Marketplace | null;
    kind?: PayloadOf<'ORDER_NOTIFICATION'>['kind'];
    status?: OrderStatus;
  } = {},
): ProducerEvent {
  const base = orderCreated({ orderNumber: over.orderNumber }) as Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>;
  const { marketplace: _m, ...rest } = base;
  const e: EventInput = {
    ...rest,
    ...(over.marketplace === null ? {} : { marketplace: over.marketplace ?? 'trendyol' }),
    payload: { ...base.payload, kind: over.kind ?? 'ORDER_CREATED', status: over.status ?? 'new' },
  };
  return produced(e, over);
}

export function stockEvent(
  over: Common & {
    sku?: string;
    kind?: PayloadOf<'INVENTORY_CHANGE'>['kind'];
    available?: number;
    threshold?: number | null;
  } = {},
): ProducerEvent {
  const base = inventoryChange() as Extract<EventInput, { type: 'INVENTORY_CHANGE' }>;
  const { threshold: _t, ...payload } = base.payload;
  return produced(
    {
      ...base,
      payload: {
        ...payload,
        ...(over.threshold === null ? {} : { threshold: over.threshold ?? 8 }),
        kind: over.kind ?? 'LOW_STOCK',
        sku: over.sku ?? payload.sku,
        available: over.available ?? payload.available,
      },
    },
    over,
  );
}

export function priceEvent(
  over: Common & { sku?: string; marketplace?: Marketplace; kind?: PayloadOf<'PRICE_UPDATE'>['kind'] } = {},
): ProducerEvent {
  const base = priceUpdate() as Extract<EventInput, { type: 'PRICE_UPDATE' }>;
  const marketplace = over.marketplace ?? base.payload.marketplace;
  return produced(
    {
      ...base,
      marketplace,
      payload: {
        ...base.payload,
        kind: over.kind ?? 'BUYBOX_LOST',
        sku: over.sku ?? base.payload.sku,
        marketplace,
      },
    },
    over,
  );
}

export function systemEvent(
  over: Common & {
    kind?: PayloadOf<'SYSTEM_ALERT'>['kind'];
    marketplace?: Marketplace | null;
    component?: PayloadOf<'SYSTEM_ALERT'>['component'];
    message?: string;
  } = {},
): ProducerEvent {
  const base = systemAlert() as Extract<EventInput, { type: 'SYSTEM_ALERT' }>;
  const { marketplace: _m, ...rest } = base;
  const { marketplace: _pm, ...payload } = base.payload;
  const marketplace = over.marketplace === null ? undefined : (over.marketplace ?? 'trendyol');
  return produced(
    {
      ...rest,
      ...(marketplace ? { marketplace } : {}),
      payload: {
        ...payload,
        ...(marketplace ? { marketplace } : {}),
        kind: over.kind ?? 'API_ERROR',
        component: over.component ?? 'orders',
        message: over.message ?? payload.message,
      },
    },
    over,
  );
}

export function metricEvent(over: Common = {}): ProducerEvent {
  return produced(metricUpdate(), over);
}

/** A unique order number for tests that need a fresh order. */
export function newOrderNumber(): string {
  return `TY${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
