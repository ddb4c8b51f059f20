// Deliveries as the gateway sends them, for the notification policy: producer events from the
// protocol's fixtures with priority, audience and alert key set, and the gateway's result events
// (ALERT_ACKED, ALERT_SNOOZED, ...). Every one is checked against the protocol's Delivery schema.
import { randomUUID } from 'node:crypto';
import { Delivery, type Priority, type ProducerEvent, type ResultEvent } from '../../protocol';
import { VALID_FIXTURES } from '../../protocol/test/fixtures';

export type FixtureName = keyof typeof VALID_FIXTURES;

/** Default channel of each fixture's event type. */
export const CHANNEL_OF: Record<FixtureName, string> = {
  orderCreated: 'orders',
  inventoryChange: 'inventory',
  priceUpdate: 'prices',
  metricUpdate: 'dashboard',
  systemAlert: 'system',
};

/** The payload kind of each fixture (what `mutedKinds` names). */
export const KIND_OF: Record<FixtureName, string> = {
  orderCreated: 'ORDER_CREATED',
  inventoryChange: 'LOW_STOCK',
  priceUpdate: 'BUYBOX_LOST',
  metricUpdate: 'METRIC_UPDATE',
  systemAlert: 'API_ERROR',
};

let offset = 0;

/**
 * A delivered producer event. It carries an alert key (a distinct one unless given) as the gateway
 * sets one on events that open an alert; `alertKey: null` makes routine flow, which opens none.
 */
export function alertDelivery(
  opts: { priority?: Priority; alertKey?: string | null; channel?: string; fixture?: FixtureName } = {},
): Delivery {
  const fixture = opts.fixture ?? 'inventoryChange';
  const input = VALID_FIXTURES[fixture]();
  const alertKey =
    opts.alertKey === null || fixture === 'metricUpdate'
      ? undefined
      : (opts.alertKey ?? `${KIND_OF[fixture]}:${randomUUID().slice(0, 8)}`);
  const event = {
    ...input,
    priority: opts.priority ?? 'high',
    audience: [],
    ...(alertKey ? { alertKey } : {}),
  } as ProducerEvent;
  return Delivery.parse({ channel: opts.channel ?? CHANNEL_OF[fixture], epoch: 'e1', offset: ++offset, event });
}

export const ME = { id: 'u-depo', name: 'Ayşe Yılmaz' };
export const OTHER = { id: 'u-yon', name: 'Zeynep Demir' };

type ResultPayload<T extends ResultEvent['type']> = Extract<ResultEvent, { type: T }>['payload'];

export function resultDelivery<T extends ResultEvent['type']>(
  type: T,
  payload: ResultPayload<T>,
  channel = 'inventory',
): Delivery {
  const event = {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    priority: 'normal',
    audience: [],
    payload,
  } as ResultEvent;
  return Delivery.parse({ channel, epoch: 'e1', offset: ++offset, event });
}

const iso = (ms = Date.now()) => new Date(ms).toISOString();

export const acked = (alertKey: string, by = OTHER, channel?: string) =>
  resultDelivery('ALERT_ACKED', { alertKey, by, at: iso() }, channel);
export const resolved = (alertKey: string) =>
  resultDelivery('ALERT_RESOLVED', { alertKey, at: iso(), reason: 'event' });
export const read = (alertKeys: string[], by = ME) =>
  resultDelivery('ALERTS_READ', { alertKeys, by, at: iso() }, `user-${by.id}`);
export const snoozed = (alertKey: string, untilMs: number, by = ME) =>
  resultDelivery('ALERT_SNOOZED', { alertKey, until: iso(untilMs), by });

/** What a policy state counts as notified and not yet read, acknowledged or resolved, per priority. */
export function shownCounts(state: { shown: Record<string, Priority> }): Record<Priority, number> {
  const counts: Record<Priority, number> = { critical: 0, high: 0, normal: 0, low: 0 };
  for (const p of Object.values(state.shown)) counts[p] += 1;
  return counts;
}
