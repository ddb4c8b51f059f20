// Priority and audience per event kind (docs/domain.md §3), with a fixed `now`.
import { describe, expect, it } from 'vitest';
import { LiveEvent, type EventInput, type PayloadOf } from '../../protocol';
import { inventoryChange, orderCreated, priceUpdate, systemAlert } from '../../protocol/test/fixtures';
import { DEFAULT_THRESHOLDS, enrich, istanbulDay, ruleOf } from './rules';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

function order(payload: Partial<PayloadOf<'ORDER_NOTIFICATION'>>): EventInput {
  const e = orderCreated() as Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>;
  return { ...e, payload: { ...e.payload, ...payload } };
}
function stock(payload: Partial<PayloadOf<'INVENTORY_CHANGE'>>): EventInput {
  const e = inventoryChange() as Extract<EventInput, { type: 'INVENTORY_CHANGE' }>;
  return { ...e, payload: { ...e.payload, ...payload } };
}
function price(kind: PayloadOf<'PRICE_UPDATE'>['kind']): EventInput {
  const e = priceUpdate() as Extract<EventInput, { type: 'PRICE_UPDATE' }>;
  return { ...e, payload: { ...e.payload, kind } };
}
function system(payload: Partial<PayloadOf<'SYSTEM_ALERT'>>): EventInput {
  const e = systemAlert() as Extract<EventInput, { type: 'SYSTEM_ALERT' }>;
  const { httpStatus: _h, ...rest } = e.payload;
  return { ...e, payload: { ...rest, ...payload } };
}
const channel = (listedQty: number | null) => ({
  marketplace: 'trendyol' as const,
  pushStatus: 'ok' as const,
  listedQty,
});

describe('ORDER_CREATED: routine flow, normal whatever its ship-by', () => {
  it.each([
    // now (UTC)               shipBy (UTC)              Istanbul days
    ['2025-11-26T20:59:00Z', '2025-11-26T20:59:59Z', 'both 26th 23:59'],
    ['2025-11-26T22:00:00Z', '2025-11-27T10:00:00Z', 'both 27th (UTC 26th/27th)'],
    ['2025-11-26T09:00:00Z', '2025-11-25T12:00:00Z', 'already overdue'],
    ['2025-11-26T21:00:00Z', '2025-11-27T21:00:00Z', '27th 00:00 → 28th 00:00'],
  ])('now %s, shipBy %s (%s) → normal', (now, shipBy) => {
    expect(ruleOf(order({ shipBy }), at(now))).toEqual({ priority: 'normal', audience: ['warehouse', 'sales'] });
  });

  it('normal without a ship-by date', () => {
    const e = order({});
    delete (e.payload as { shipBy?: string }).shipBy;
    expect(ruleOf(e, at('2025-11-26T09:00:00Z')).priority).toBe('normal');
  });

  it('istanbulDay changes at 21:00 UTC', () => {
    expect(istanbulDay(at('2025-11-26T20:59:59.999Z'))).toBe(istanbulDay(at('2025-11-26T00:00:00Z')));
    expect(istanbulDay(at('2025-11-26T21:00:00Z'))).toBe(istanbulDay(at('2025-11-26T20:59:59Z')) + 1);
  });
});

describe('other order kinds', () => {
  const now = at('2025-11-26T09:00:00Z');
  const cancel = (by: 'customer' | 'seller' | 'marketplace', rawStatus: string) =>
    order({ kind: 'ORDER_CANCELLED', status: 'cancelled', rawStatus, cancel: { by } });

  it.each(['Created', 'Picking', 'Invoiced', 'Awaiting'])(
    'customer cancel before shipping (%s) → high, warehouse',
    (raw) => {
      expect(ruleOf(cancel('customer', raw), now)).toEqual({ priority: 'high', audience: ['warehouse'] });
    },
  );

  it.each(['Shipped', 'Delivered', 'UnDelivered', 'Returned'])(
    'customer cancel after shipping (%s) → normal',
    (raw) => {
      expect(ruleOf(cancel('customer', raw), now).priority).toBe('normal');
    },
  );

  it('seller or marketplace cancel before shipping → normal', () => {
    expect(ruleOf(cancel('seller', 'Created'), now).priority).toBe('normal');
    expect(ruleOf(cancel('marketplace', 'Picking'), now).priority).toBe('normal');
  });

  it('customer cancel of a Hepsiburada parcel in transit → normal', () => {
    expect(ruleOf({ ...cancel('customer', 'InTransit'), marketplace: 'hepsiburada' }, now).priority).toBe('normal');
  });

  it('SHIP_DEADLINE_NEAR → high for the warehouse; critical with admin when auto-cancel is ≤ 4 h away', () => {
    expect(ruleOf(order({ kind: 'SHIP_DEADLINE_NEAR' }), now)).toEqual({ priority: 'high', audience: ['warehouse'] });
    const soon = new Date(now + 4 * 60 * MIN).toISOString();
    const later = new Date(now + 5 * 60 * MIN).toISOString();
    expect(ruleOf(order({ kind: 'SHIP_DEADLINE_NEAR', autoCancelAt: soon }), now)).toEqual({
      priority: 'critical',
      audience: ['warehouse', 'admin'],
    });
    expect(ruleOf(order({ kind: 'SHIP_DEADLINE_NEAR', autoCancelAt: later }), now).priority).toBe('high');
  });

  it('SHIP_DEADLINE_MISSED → critical for warehouse and admin', () => {
    expect(ruleOf(order({ kind: 'SHIP_DEADLINE_MISSED' }), now)).toEqual({
      priority: 'critical',
      audience: ['warehouse', 'admin'],
    });
  });

  it.each(['undelivered', 'returned', 'unsupplied'] as const)(
    'status changed to %s → normal for sales and warehouse',
    (status) => {
      expect(ruleOf(order({ kind: 'ORDER_STATUS_CHANGED', status }), now)).toEqual({
        priority: 'normal',
        audience: ['sales', 'warehouse'],
      });
    },
  );

  it('routine status change (picking) → low', () => {
    expect(ruleOf(order({ kind: 'ORDER_STATUS_CHANGED', status: 'picking' }), now).priority).toBe('low');
  });
});

describe('inventory and price kinds', () => {
  const now = at('2025-11-26T09:00:00Z');

  it('LOW_STOCK → normal; high for a top seller', () => {
    expect(ruleOf(stock({ kind: 'LOW_STOCK' }), now)).toEqual({ priority: 'normal', audience: ['sales', 'warehouse'] });
    const top = { ...DEFAULT_THRESHOLDS, topSellerSkus: new Set(['KOT-SLM-LCV-32']) };
    expect(ruleOf(stock({ kind: 'LOW_STOCK' }), now, top).priority).toBe('high');
  });

  it('OUT_OF_STOCK while a channel still lists qty > 0 → critical (oversell), warehouse and sales', () => {
    const e = stock({
      kind: 'OUT_OF_STOCK',
      onHand: 0,
      available: 0,
      channels: [channel(0), channel(2), channel(null)],
    });
    expect(ruleOf(e, now)).toEqual({ priority: 'critical', audience: ['warehouse', 'sales'] });
  });

  it('OUT_OF_STOCK with every channel zeroed (or not listing) → high, sales', () => {
    const e = stock({ kind: 'OUT_OF_STOCK', onHand: 0, available: 0, channels: [channel(0), channel(null)] });
    expect(ruleOf(e, now)).toEqual({ priority: 'high', audience: ['sales'] });
    expect(ruleOf(stock({ kind: 'OUT_OF_STOCK', channels: [] }), now).priority).toBe('high');
  });

  it.each(['STOCK_MISMATCH', 'STOCK_PUSH_FAILED'] as const)('%s → high for admin and sales', (kind) => {
    expect(ruleOf(stock({ kind }), now)).toEqual({ priority: 'high', audience: ['admin', 'sales'] });
  });

  it.each([
    ['PRICE_REJECTED', 'high', ['admin', 'sales']],
    ['BUYBOX_LOST', 'high', ['sales']],
    ['COMPETITOR_UNDERCUT', 'normal', ['sales']],
    ['PRICE_CHANGED', 'low', ['sales']],
    ['BUYBOX_WON', 'low', ['sales']],
  ] as const)('%s → %s', (kind, priority, audience) => {
    expect(ruleOf(price(kind), now)).toEqual({ priority, audience });
  });
});

describe('system alerts and metrics', () => {
  const now = at('2025-11-26T09:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each(['AUTH_FAILED', 'WEBHOOK_DISABLED'] as const)('%s → critical for admin', (kind) => {
    expect(ruleOf(system({ kind }), now)).toEqual({ priority: 'critical', audience: ['admin'] });
  });

  it.each([
    [undefined, 'normal'],
    [60, 'normal'],
    [600, 'normal'],
    [601, 'high'],
    [3600, 'high'],
  ] as const)('RATE_LIMITED retryAfterSec=%s → %s', (retryAfterSec, expected) => {
    const e = system({
      kind: 'RATE_LIMITED',
      httpStatus: 429,
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    });
    expect(ruleOf(e, now)).toEqual({ priority: expected, audience: ['admin'] });
  });

  it.each([
    ['orders', 16 * MIN, 'critical'],
    ['orders', 15 * MIN + 1000, 'critical'],
    ['orders', 14 * MIN, 'high'],
    ['stock', 3 * 60 * MIN, 'high'],
  ] as const)('API_ERROR on %s, last success %d ms ago → %s', (component, downMs, expected) => {
    expect(ruleOf(system({ kind: 'API_ERROR', component, lastSuccessAt: ago(downMs) }), now)).toEqual({
      priority: expected,
      audience: ['admin'],
    });
  });

  it('API_ERROR without lastSuccessAt → high', () => {
    expect(ruleOf(system({ kind: 'API_ERROR', component: 'orders' }), now).priority).toBe('high');
  });

  it.each([
    [undefined, 'normal'],
    [120, 'normal'],
    [300, 'normal'],
    [301, 'high'],
    [900, 'high'],
    [901, 'critical'],
  ] as const)('SYNC_LAG lagSec=%s → %s', (lagSec, expected) => {
    const e = system({ kind: 'SYNC_LAG', component: 'queue', ...(lagSec === undefined ? {} : { lagSec }) });
    expect(ruleOf(e, now).priority).toBe(expected);
  });

  it('RECOVERED → normal for admin; METRIC_UPDATE → low for everyone', () => {
    expect(ruleOf(system({ kind: 'RECOVERED' }), now)).toEqual({ priority: 'normal', audience: ['admin'] });
    const metric: EventInput = {
      id: orderCreated().id,
      type: 'METRIC_UPDATE',
      occurredAt: ago(0),
      payload: { window: 'today', asOf: ago(0), values: {} },
    };
    expect(ruleOf(metric, now)).toEqual({ priority: 'low', audience: ['warehouse', 'sales', 'admin'] });
  });
});

describe('enrich: the producer may raise the priority, never lower it', () => {
  const now = at('2025-11-26T09:00:00Z');

  it('fills priority and audience from the rule, giving a valid LiveEvent', () => {
    const live = enrich(price('BUYBOX_LOST'), now);
    expect(live.priority).toBe('high');
    expect(live.audience).toEqual(['sales']);
    expect(LiveEvent.safeParse(live).success).toBe(true);
  });

  it('raises: LOW_STOCK (normal) sent as critical stays critical', () => {
    expect(enrich({ ...stock({ kind: 'LOW_STOCK' }), priority: 'critical' }, now).priority).toBe('critical');
    expect(enrich({ ...price('BUYBOX_WON'), priority: 'high' }, now).priority).toBe('high');
  });

  it('never lowers: an oversell sent as low is still critical', () => {
    const e = stock({ kind: 'OUT_OF_STOCK', available: 0, onHand: 0, channels: [channel(3)] });
    expect(enrich({ ...e, priority: 'low' }, now).priority).toBe('critical');
    expect(enrich({ ...system({ kind: 'AUTH_FAILED' }), priority: 'normal' }, now).priority).toBe('critical');
  });

  it("keeps the producer's audience when given", () => {
    expect(enrich({ ...price('BUYBOX_LOST'), audience: ['sales', 'admin'] }, now).audience).toEqual(['sales', 'admin']);
  });

  it('does not alter the rest of the envelope', () => {
    const e = order({ kind: 'SHIP_DEADLINE_MISSED' });
    const { priority, audience, ...rest } = enrich(e, now);
    expect(rest).toEqual(e);
    expect([priority, audience]).toEqual(['critical', ['warehouse', 'admin']]);
  });
});
