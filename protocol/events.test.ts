// Event envelope and payload schemas: what a producer may send, and how a refusal reads.
import { describe, expect, it } from 'vitest';
import { LiveError, issuesOf, parseOrThrow } from './errors';
import { EventInput, LiveEvent } from './events';
import { VALID_FIXTURES, inventoryChange, metricUpdate, orderCreated, priceUpdate, systemAlert } from './test/fixtures';

type Json = Record<string, any>;

/** A fresh valid event of a fixture, mutated into an invalid one. */
function broken(make: () => unknown, mutate: (e: Json) => void): unknown {
  const e = structuredClone(make()) as Json;
  mutate(e);
  return e;
}

function pathsOf(input: unknown): string[] {
  const result = EventInput.safeParse(input);
  if (result.success) return [];
  return issuesOf(result.error).map((i) => i.path);
}

describe('EventInput accepts the valid fixtures', () => {
  it.each(Object.entries(VALID_FIXTURES))('%s parses and keeps its payload', (_name, make) => {
    const event = make();
    const parsed = EventInput.parse(event);
    expect(parsed).toEqual(event);
  });

  it('covers all five event types', () => {
    const types = new Set(Object.values(VALID_FIXTURES).map((make) => make().type));
    expect([...types].sort()).toEqual([
      'INVENTORY_CHANGE',
      'METRIC_UPDATE',
      'ORDER_NOTIFICATION',
      'PRICE_UPDATE',
      'SYSTEM_ALERT',
    ]);
  });

  it('accepts a producer-given priority and audience, and an explicit UTC offset', () => {
    const e = broken(systemAlert, (x) => {
      x.priority = 'critical';
      x.audience = ['admin'];
      x.occurredAt = '2025-11-26T14:05:00+03:00';
    });
    expect(EventInput.safeParse(e).success).toBe(true);
  });
});

describe('EventInput rejects invalid events with readable dotted paths', () => {
  const cases: [string, () => unknown, (e: Json) => void, string][] = [
    ['missing id', orderCreated, (e) => delete e.id, 'id'],
    ['missing orderNumber', orderCreated, (e) => delete e.payload.orderNumber, 'payload.orderNumber'],
    ['missing lines', orderCreated, (e) => delete e.payload.lines, 'payload.lines'],
    ['no lines at all', orderCreated, (e) => (e.payload.lines = []), 'payload.lines'],
    ['missing sku of inventory', inventoryChange, (e) => delete e.payload.sku, 'payload.sku'],
    ['missing salePrice', priceUpdate, (e) => delete e.payload.salePrice, 'payload.salePrice'],
    ['missing metric window', metricUpdate, (e) => delete e.payload.window, 'payload.window'],
    ['missing alert message', systemAlert, (e) => delete e.payload.message, 'payload.message'],
    ['empty alert message', systemAlert, (e) => (e.payload.message = ''), 'payload.message'],
    ['unknown order status', orderCreated, (e) => (e.payload.status = 'lost'), 'payload.status'],
    ['unknown order kind', orderCreated, (e) => (e.payload.kind = 'ORDER_DELETED'), 'payload.kind'],
    ['unknown marketplace', orderCreated, (e) => (e.marketplace = 'etsy'), 'marketplace'],
    ['unknown priority', orderCreated, (e) => (e.priority = 'urgent'), 'priority'],
    ['unknown audience role', orderCreated, (e) => (e.audience = ['courier']), 'audience.0'],
    [
      'unknown push status',
      inventoryChange,
      (e) => (e.payload.channels[1].pushStatus = 'stuck'),
      'payload.channels.1.pushStatus',
    ],
    ['unknown alert component', systemAlert, (e) => (e.payload.component = 'billing'), 'payload.component'],
    ['unknown event type', orderCreated, (e) => (e.type = 'ORDER_DELETED'), 'type'],
    ['money as float (total)', orderCreated, (e) => (e.payload.total.minor = 499.8), 'payload.total.minor'],
    [
      'money as float (line)',
      orderCreated,
      (e) => (e.payload.lines[0].unitPrice.minor = 249.9),
      'payload.lines.0.unitPrice.minor',
    ],
    ['money as float (price)', priceUpdate, (e) => (e.payload.salePrice.minor = 1299.5), 'payload.salePrice.minor'],
    [
      'money in a foreign currency',
      priceUpdate,
      (e) => (e.payload.salePrice.currency = 'EUR'),
      'payload.salePrice.currency',
    ],
    ['negative line qty', orderCreated, (e) => (e.payload.lines[0].qty = -1), 'payload.lines.0.qty'],
    ['zero line qty', orderCreated, (e) => (e.payload.lines[0].qty = 0), 'payload.lines.0.qty'],
    ['fractional line qty', orderCreated, (e) => (e.payload.lines[0].qty = 1.5), 'payload.lines.0.qty'],
    ['negative onHand', inventoryChange, (e) => (e.payload.onHand = -3), 'payload.onHand'],
    [
      'negative listed qty',
      inventoryChange,
      (e) => (e.payload.channels[0].listedQty = -1),
      'payload.channels.0.listedQty',
    ],
    ['bad uuid', orderCreated, (e) => (e.id = 'not-a-uuid'), 'id'],
    ['uuid with a missing group', systemAlert, (e) => (e.id = '6f1c2d3e-4b5a-4c6d-8e7f'), 'id'],
    ['Turkish date instead of ISO', orderCreated, (e) => (e.occurredAt = '26.11.2025 14:05'), 'occurredAt'],
    ['date without time', orderCreated, (e) => (e.payload.orderedAt = '2025-11-26'), 'payload.orderedAt'],
    ['local time without offset', orderCreated, (e) => (e.payload.shipBy = '2025-11-26T14:05:00'), 'payload.shipBy'],
    ['bad asOf', metricUpdate, (e) => (e.payload.asOf = 'yesterday'), 'payload.asOf'],
    ['unknown top-level field', orderCreated, (e) => (e.customerName = 'Ayşe'), ''],
    ['unknown payload field', priceUpdate, (e) => (e.payload.discount = 10), 'payload'],
    ['unknown line field', orderCreated, (e) => (e.payload.lines[0].tckn = '12345678901'), 'payload.lines.0'],
    ['unknown money field', orderCreated, (e) => (e.payload.total.major = 499), 'payload.total'],
    ['unknown metric key', metricUpdate, (e) => (e.payload.values = { bogusMetric: 1 }), 'payload.values'],
    [
      'http tracking link',
      orderCreated,
      (e) => (e.payload.cargo = { trackingUrl: 'http://x.example/1' }),
      'payload.cargo.trackingUrl',
    ],
  ];

  it.each(cases)('%s → issue at "%s"', (_name, make, mutate, path) => {
    const input = broken(make, mutate);
    // The unmutated fixture is valid, so the refusal comes from the mutation alone.
    expect(EventInput.safeParse(make()).success).toBe(true);
    expect(pathsOf(input)).toContain(path);
  });

  it('a negative qty reports its message beside the path', () => {
    const result = EventInput.safeParse(broken(orderCreated, (e) => (e.payload.lines[0].qty = -2)));
    expect(result.success).toBe(false);
    const issues = issuesOf(result.error!);
    // Every issue is at the line's qty (the schema may report both its bounds, >= 0 and >= 1).
    expect(new Set(issues.map((i) => i.path))).toEqual(new Set(['payload.lines.0.qty']));
    expect(issues.map((i) => i.message).join(' ')).toMatch(/>=\s*1/);
  });

  it('names the unknown field in the message', () => {
    const result = EventInput.safeParse(broken(orderCreated, (e) => (e.customerName = 'Ayşe')));
    expect(issuesOf(result.error!)).toEqual([{ path: '', message: expect.stringContaining('customerName') }]);
  });

  it('an ingested event without priority and audience is not yet a LiveEvent', () => {
    const e = orderCreated();
    expect(LiveEvent.safeParse(e).success).toBe(false);
    expect(LiveEvent.safeParse({ ...e, priority: 'normal', audience: ['warehouse'] }).success).toBe(true);
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value when valid', () => {
    const e = inventoryChange();
    expect(parseOrThrow(EventInput, e, 'event')).toEqual(e);
  });

  it('throws LiveError validation_failed (HTTP 400) with every issue in details.issues', () => {
    const input = broken(orderCreated, (e) => {
      e.payload.lines[0].qty = -1;
      e.id = 'nope';
    });
    let caught: unknown;
    try {
      parseOrThrow(EventInput, input, 'event');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LiveError);
    const err = caught as LiveError;
    expect(err.code).toBe('validation_failed');
    expect(err.status).toBe(400);
    const issues = err.details?.issues as { path: string; message: string }[];
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(['id', 'payload.lines.0.qty']);
    expect(err.message).toMatch(/^Invalid event at (id|payload\.lines\.0\.qty): /);
    expect(err.toPayload()).toEqual({ code: 'validation_failed', message: err.message, details: { issues } });
  });

  it('a body that is not an object at all fails at the root', () => {
    expect(() => parseOrThrow(EventInput, 'hello', 'event')).toThrow(LiveError);
    try {
      parseOrThrow(EventInput, null, 'event');
    } catch (err) {
      expect((err as LiveError).details?.issues).toEqual([{ path: '', message: expect.any(String) }]);
    }
    expect.assertions(2);
  });
});
