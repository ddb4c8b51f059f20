import { describe, expect, it } from 'vitest';
import { orderCreated, priceUpdate } from '../../../../protocol/test/fixtures';
import { delivered } from '../../test/deliveries';
import { batchReceived } from '../live/liveActions';
import { MAX_ORDERS, ordersSelectors, ordersSlice } from './ordersSlice';

const reduce = (events: ReturnType<typeof delivered>[], state = ordersSlice.getInitialState()) =>
  ordersSlice.reducer(state, batchReceived({ events }));

describe('ordersSlice', () => {
  it('adds orders from a batch, newest first, and ignores other event types', () => {
    const s = reduce([
      delivered(orderCreated({ orderNumber: 'A-1' })),
      delivered(priceUpdate(), 'prices'),
      delivered(orderCreated({ orderNumber: 'A-2' })),
    ]);
    expect(ordersSelectors.selectAll(s).map((o) => o.orderNumber)).toEqual(['A-2', 'A-1']);
  });

  it('keeps one row per order: a later event about the same order replaces it and moves it up', () => {
    const first = orderCreated({ orderNumber: 'B-1' });
    let s = reduce([delivered(first), delivered(orderCreated({ orderNumber: 'B-2' }))]);
    const update = structuredClone(first);
    if (update.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
    update.payload.kind = 'ORDER_STATUS_CHANGED';
    update.payload.status = 'picking';
    s = reduce([delivered(update)], s);
    const rows = ordersSelectors.selectAll(s);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ orderNumber: 'B-1', status: 'picking' });
  });

  it(`stays bounded at ${MAX_ORDERS} rows, dropping the oldest`, () => {
    const events = Array.from({ length: MAX_ORDERS + 20 }, (_, i) =>
      delivered(orderCreated({ orderNumber: `C-${i}` })),
    );
    const s = reduce(events);
    const rows = ordersSelectors.selectAll(s);
    expect(rows).toHaveLength(MAX_ORDERS);
    expect(rows[0]?.orderNumber).toBe(`C-${MAX_ORDERS + 19}`);
    expect(rows.some((r) => r.orderNumber === 'C-0')).toBe(false);
  });

  it('returns the same state object when a batch holds no order', () => {
    const s = ordersSlice.getInitialState();
    expect(reduce([delivered(priceUpdate(), 'prices')], s)).toBe(s);
  });
});

describe('ordersSlice: claims, releases and notes', () => {
  const AYSE = { id: 'u1', name: 'Ayşe Yılmaz' };
  const result = (type: string, payload: Record<string, unknown>) =>
    delivered({
      type,
      payload: { orderKey: 'trendyol:D-1', by: AYSE, at: '2026-11-26T10:00:00.000Z', ...payload },
    } as never);

  it('follows the claim, remembers the last release, keeps notes once, across later order events', () => {
    let s = reduce([delivered(orderCreated({ orderNumber: 'D-1' }))]);
    s = reduce([result('ORDER_CLAIMED', {})], s);
    expect(ordersSelectors.selectById(s, 'trendyol:D-1')).toMatchObject({ claim: { by: AYSE }, rawStatus: 'Created' });
    s = reduce([result('ORDER_NOTE_ADDED', { noteId: 'n1', text: 'Kırılacak eşya' })], s);
    s = reduce([result('ORDER_NOTE_ADDED', { noteId: 'n1', text: 'Kırılacak eşya' })], s);
    s = reduce([delivered(orderCreated({ orderNumber: 'D-1' }))], s);
    let row = ordersSelectors.selectById(s, 'trendyol:D-1');
    expect(row?.claim?.by).toEqual(AYSE);
    expect(row?.notes.map((n) => n.text)).toEqual(['Kırılacak eşya']);
    expect(row?.released).toBeUndefined();

    s = reduce([result('ORDER_RELEASED', { at: '2026-11-26T10:05:00.000Z' })], s);
    row = ordersSelectors.selectById(s, 'trendyol:D-1');
    expect(row?.claim).toBeUndefined();
    expect(row?.released).toEqual({ by: AYSE, at: '2026-11-26T10:05:00.000Z' });
  });
});
