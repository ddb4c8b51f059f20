// A producer's traffic for the e2e tests, as MesChain-Sync would post it: new orders, deadlines,
// stock and price problems and system alerts, built from the protocol's fixtures with what a test
// varies; posted in batches the gateway accepts (500 at most).
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import type { EventInput, Priority } from '../../protocol';
import { inventoryChange, orderCreated, priceUpdate, systemAlert } from '../../protocol/test/fixtures';
import { postEvents } from '../../server/test/gatewayProcess';

export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** Posts the events in batches of up to 500; each batch must be accepted (202). */
export async function produce(url: string, events: EventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const batch = events.slice(i, i + 500);
    const res = await postEvents(url, batch.length === 1 ? batch[0] : { events: batch });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
  }
}

/**
 * Waits until the signed-in console (on its dashboard) holds its first state: an order posted now
 * shows in the live feed. What is posted after it arrives live; before, it could arrive inside the
 * first snapshot, which is summarised rather than toasted.
 */
export async function untilLive(page: Page, url: string): Promise<void> {
  const orderNumber = uniqueId('E2E-WARM');
  await produce(url, [newOrder(orderNumber)]);
  await expect(page.getByText(orderNumber).first()).toBeVisible({ timeout: 30_000 });
}

/** A new order on Trendyol to ship by `shipInMs` from now (due today when that is soon). */
export function newOrder(orderNumber: string, shipInMs = 30 * 60_000): EventInput {
  const e = orderCreated({ orderNumber });
  if (e.type === 'ORDER_NOTIFICATION') e.payload.shipBy = at(shipInMs);
  return e;
}

/** The order's ship-by is near (high; critical when Trendyol's auto-cancel is near too). */
export function shipDeadlineNear(orderNumber: string): EventInput {
  const e = newOrder(orderNumber, 2 * 3600_000);
  if (e.type === 'ORDER_NOTIFICATION') e.payload = { ...e.payload, kind: 'SHIP_DEADLINE_NEAR' };
  return e;
}

export function orderCancelled(orderNumber: string): EventInput {
  const e = newOrder(orderNumber);
  if (e.type === 'ORDER_NOTIFICATION') {
    e.payload = { ...e.payload, kind: 'ORDER_CANCELLED', status: 'cancelled', cancel: { by: 'customer' } };
  }
  return e;
}

/** OUT_OF_STOCK while Trendyol still lists units: critical (oversell). */
export function oversell(sku: string, listed = 3): EventInput {
  const e = inventoryChange();
  if (e.type !== 'INVENTORY_CHANGE') throw new Error('fixture');
  return {
    ...e,
    payload: {
      ...e.payload,
      kind: 'OUT_OF_STOCK',
      sku,
      onHand: 0,
      reserved: 0,
      available: 0,
      channels: [{ marketplace: 'trendyol', pushStatus: 'pending', listedQty: listed }],
    },
  };
}

/** LOW_STOCK as a producer that raised it (a top seller): an alert of `priority`. */
export function lowStock(sku: string, priority: Priority = 'high'): EventInput {
  const e = inventoryChange();
  if (e.type !== 'INVENTORY_CHANGE') throw new Error('fixture');
  return { ...e, priority, payload: { ...e.payload, sku } };
}

/** A competitor undercut: normal, routine for the prices screen (opens no alert). */
export function undercut(sku: string): EventInput {
  const e = priceUpdate();
  if (e.type !== 'PRICE_UPDATE') throw new Error('fixture');
  return { ...e, payload: { ...e.payload, kind: 'COMPETITOR_UNDERCUT', sku } };
}

export function buyboxLost(sku: string): EventInput {
  const e = priceUpdate();
  if (e.type !== 'PRICE_UPDATE') throw new Error('fixture');
  return { ...e, payload: { ...e.payload, kind: 'BUYBOX_LOST', sku } };
}

export function priceRejected(sku: string): EventInput {
  const e = priceUpdate();
  if (e.type !== 'PRICE_UPDATE') throw new Error('fixture');
  return {
    ...e,
    payload: { ...e.payload, kind: 'PRICE_REJECTED', sku, rejection: { batchId: 'b-1', reasons: ['x'] } },
  };
}

type SystemKind = 'API_ERROR' | 'AUTH_FAILED' | 'RATE_LIMITED' | 'SYNC_LAG' | 'WEBHOOK_DISABLED';

/** A SYSTEM_ALERT of a kind on a marketplace's component (every one opens an alert). */
export function system(
  kind: SystemKind,
  marketplace: 'trendyol' | 'hepsiburada' | 'n11' | 'pazarama' = 'trendyol',
  component: 'orders' | 'stock' | 'price' | 'webhook' | 'queue' = 'orders',
  extra: { lagSec?: number; retryAfterSec?: number } = {},
): EventInput {
  const e = systemAlert();
  if (e.type !== 'SYSTEM_ALERT') throw new Error('fixture');
  return { ...e, marketplace, payload: { ...e.payload, kind, marketplace, component, ...extra } };
}
