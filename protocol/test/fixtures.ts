// Valid events of every type, made fresh for each test (ids are new every call).
import { randomUUID } from 'node:crypto';
import type { EventInput } from '../events';

const now = () => new Date().toISOString();
const tl = (minor: number) => ({ minor, currency: 'TRY' as const });

export function orderCreated(
  over: { orderNumber?: string; total?: number; marketplace?: 'trendyol' | 'hepsiburada' } = {},
): EventInput {
  const total = over.total ?? 49_980;
  return {
    id: randomUUID(),
    type: 'ORDER_NOTIFICATION',
    occurredAt: now(),
    marketplace: over.marketplace ?? 'trendyol',
    payload: {
      kind: 'ORDER_CREATED',
      orderNumber: over.orderNumber ?? `TY${Math.floor(Math.random() * 1e9)}`,
      packageId: '3211234567',
      status: 'new',
      rawStatus: 'Created',
      orderedAt: now(),
      shipBy: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      total: tl(total),
      customerCity: 'İzmir',
      lines: [
        {
          sku: 'TSH-PMK-BYZ-M',
          barcode: '8690000000017',
          title: 'Pamuklu Basic Tişört Beyaz M',
          qty: 2,
          unitPrice: tl(total / 2),
        },
      ],
    },
  };
}

export function inventoryChange(): EventInput {
  return {
    id: randomUUID(),
    type: 'INVENTORY_CHANGE',
    occurredAt: now(),
    payload: {
      kind: 'LOW_STOCK',
      sku: 'KOT-SLM-LCV-32',
      onHand: 6,
      reserved: 1,
      available: 5,
      previous: 9,
      threshold: 8,
      reason: 'order',
      channels: [
        { marketplace: 'trendyol', pushStatus: 'ok', lastPushedAt: now(), listedQty: 5 },
        { marketplace: 'n11', pushStatus: 'pending', listedQty: null },
      ],
    },
  };
}

export function priceUpdate(): EventInput {
  return {
    id: randomUUID(),
    type: 'PRICE_UPDATE',
    occurredAt: now(),
    marketplace: 'hepsiburada',
    payload: {
      kind: 'BUYBOX_LOST',
      sku: 'SPR-AYK-SYH-42',
      marketplace: 'hepsiburada',
      salePrice: tl(129_900),
      listPrice: tl(149_900),
      buybox: { rank: 2, winnerPrice: tl(127_500), contested: true, isOurs: false },
    },
  };
}

export function metricUpdate(values: Record<string, number> = { buyboxSharePct: 71.5, syncLagSec: 12 }): EventInput {
  return {
    id: randomUUID(),
    type: 'METRIC_UPDATE',
    occurredAt: now(),
    payload: { window: 'today', asOf: now(), values },
  };
}

export function systemAlert(): EventInput {
  return {
    id: randomUUID(),
    type: 'SYSTEM_ALERT',
    occurredAt: now(),
    marketplace: 'trendyol',
    payload: {
      kind: 'API_ERROR',
      marketplace: 'trendyol',
      component: 'orders',
      httpStatus: 503,
      errorCode: 'SERVICE_UNAVAILABLE',
      traceId: 'a1b2c3',
      message: 'Trendyol sipariş servisi yanıt vermiyor.',
    },
  };
}

export const VALID_FIXTURES = { orderCreated, inventoryChange, priceUpdate, metricUpdate, systemAlert };
