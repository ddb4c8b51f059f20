// Component-test harness for the operations screens: a store fed through a fake bridge, events as
// the gateway delivers them (priority, audience, alert key), result events and notification
// commands, and a render inside the store's Provider.
import { randomUUID } from 'node:crypto';
import { render } from '@testing-library/react';
import { createElement, type ReactElement } from 'react';
import { Provider } from 'react-redux';
import {
  ORDER_KINDS,
  PRICE_KINDS,
  SYSTEM_ALERT_KINDS,
  type Actor,
  type Delivery,
  type EventInput,
  type LiveBatch,
  type LiveEvent,
  type NotificationAbout,
  type NotificationCommand,
  type Priority,
  type ResultType,
} from '../../../../../protocol';
import { createStore } from '../../../app/store';
import { initI18n } from '../../../i18n';
import { fakeBridge } from '../../../test/fakeBridge';
import { batchReceived } from '../../live/liveActions';

let offset = 0;

export const ZEYNEP: Actor = { id: 'u-admin', name: 'Zeynep Demir' };

/** A producer's event as delivered: priority and alert key as the gateway would set them. */
export function live(event: EventInput, priority: Priority, alertKey?: string): LiveEvent {
  return {
    ...event,
    priority,
    audience: ['admin', 'sales', 'warehouse'],
    ...(alertKey ? { alertKey } : {}),
  } as LiveEvent;
}

/** A result event of the gateway (ALERT_ACKED, ALERT_SNOOZED, ALERTS_READ, ALERT_RESOLVED). */
export function result(type: ResultType, payload: Record<string, unknown>): LiveEvent {
  return {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    priority: 'low',
    audience: ['admin'],
    payload,
  } as LiveEvent;
}

export function delivery(event: LiveEvent, channel: string): Delivery {
  offset += 1;
  return { channel, epoch: 'e1', offset, event };
}

export function setup(language: 'tr' | 'en' = 'tr') {
  initI18n(language);
  const fake = fakeBridge();
  window.live = fake.bridge;
  const store = createStore();
  const push = (batch: Partial<LiveBatch>) => store.dispatch(batchReceived({ events: [], ...batch }));
  return {
    store,
    bridge: fake.bridge,
    push,
    deliver: (channel: string, ...events: LiveEvent[]) => push({ events: events.map((e) => delivery(e, channel)) }),
    notify: (...notifications: NotificationCommand[]) => push({ notifications }),
    render: (ui: ReactElement) => render(createElement(Provider, { store, children: ui })),
  };
}

/** What a toast is about, as the policy sends it: an alert of `kind` about `subject` (no event at hand). */
export function aboutAlert(kind: string, subject: string): NotificationAbout {
  const type = PRICE_KINDS.includes(kind as never)
    ? 'PRICE_UPDATE'
    : SYSTEM_ALERT_KINDS.includes(kind as never)
      ? 'SYSTEM_ALERT'
      : ORDER_KINDS.includes(kind as never)
        ? 'ORDER_NOTIFICATION'
        : 'INVENTORY_CHANGE';
  return { type, kind, alertKey: `${kind}:${subject}` };
}

/** A `show` command as the notification policy makes it (by default a lost buy box). */
export function showToast(
  over: Partial<Extract<NotificationCommand, { op: 'show' }>> & { id: string },
): NotificationCommand {
  return {
    op: 'show',
    priority: 'high',
    reach: 'toast',
    sound: false,
    sticky: false,
    about: aboutAlert('BUYBOX_LOST', 'hepsiburada:SPR-AYK-SYH-42'),
    target: { view: 'prices', item: 'hepsiburada:SPR-AYK-SYH-42' },
    channel: 'prices',
    eventId: randomUUID(),
    count: 1,
    ...over,
  };
}

const iso = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();
const tl = (minor: number) => ({ minor, currency: 'TRY' as const });

/** INVENTORY_CHANGE of a kind; `listed` units still on Trendyol (oversell when out of stock). */
export function stockEvent(
  sku: string,
  over: {
    kind?: 'LOW_STOCK' | 'OUT_OF_STOCK' | 'STOCK_CHANGED' | 'STOCK_MISMATCH' | 'STOCK_PUSH_FAILED';
    available?: number;
    threshold?: number;
    listed?: number | null;
    push?: 'ok' | 'pending' | 'failed';
    msAgo?: number;
  } = {},
): EventInput {
  const available = over.available ?? 0;
  return {
    id: randomUUID(),
    type: 'INVENTORY_CHANGE',
    occurredAt: iso(over.msAgo),
    payload: {
      kind: over.kind ?? (available <= 0 ? 'OUT_OF_STOCK' : 'LOW_STOCK'),
      sku,
      onHand: available + 1,
      reserved: 1,
      available,
      threshold: over.threshold ?? 8,
      channels: [
        { marketplace: 'trendyol', pushStatus: over.push ?? 'pending', listedQty: over.listed ?? 0 },
        { marketplace: 'hepsiburada', pushStatus: 'ok', listedQty: available },
      ],
    },
  };
}

export function priceEvent(
  sku: string,
  over: {
    kind?: 'BUYBOX_LOST' | 'COMPETITOR_UNDERCUT' | 'PRICE_REJECTED' | 'PRICE_CHANGED' | 'BUYBOX_WON';
    ours?: number;
    winner?: number;
    isOurs?: boolean;
    reasons?: string[];
    msAgo?: number;
  } = {},
): EventInput {
  const kind = over.kind ?? 'BUYBOX_LOST';
  return {
    id: randomUUID(),
    type: 'PRICE_UPDATE',
    occurredAt: iso(over.msAgo),
    marketplace: 'hepsiburada',
    payload: {
      kind,
      sku,
      marketplace: 'hepsiburada',
      salePrice: tl(over.ours ?? 129_900),
      ...(kind === 'PRICE_REJECTED'
        ? {
            rejection: {
              batchId: 'b-123456789',
              reasons: over.reasons ?? ['Satış fiyatı liste fiyatından büyük olamaz.'],
            },
          }
        : {
            buybox: {
              rank: over.isOurs ? 1 : 2,
              winnerPrice: tl(over.winner ?? 127_500),
              contested: true,
              isOurs: over.isOurs ?? false,
            },
          }),
    },
  };
}

export function systemEvent(
  marketplace: 'trendyol' | 'hepsiburada' | 'n11' | undefined,
  over: {
    kind?: 'API_ERROR' | 'RATE_LIMITED' | 'RECOVERED' | 'SYNC_LAG' | 'AUTH_FAILED';
    component?: 'orders' | 'stock' | 'price' | 'webhook' | 'queue';
    httpStatus?: number;
    lagSec?: number;
    message?: string;
    msAgo?: number;
  } = {},
): EventInput {
  return {
    id: randomUUID(),
    type: 'SYSTEM_ALERT',
    occurredAt: iso(over.msAgo),
    ...(marketplace ? { marketplace } : {}),
    payload: {
      kind: over.kind ?? 'API_ERROR',
      ...(marketplace ? { marketplace } : {}),
      component: over.component ?? 'orders',
      ...(over.httpStatus !== undefined ? { httpStatus: over.httpStatus } : {}),
      ...(over.lagSec !== undefined ? { lagSec: over.lagSec } : {}),
      message: over.message ?? 'Sipariş servisi yanıt vermiyor.',
    },
  };
}

export function syncLagMetric(seconds: number, marketplace?: 'trendyol' | 'hepsiburada' | 'n11'): EventInput {
  return {
    id: randomUUID(),
    type: 'METRIC_UPDATE',
    occurredAt: iso(),
    ...(marketplace ? { marketplace } : {}),
    payload: { window: 'today', asOf: iso(), ...(marketplace ? { marketplace } : {}), values: { syncLagSec: seconds } },
  };
}
