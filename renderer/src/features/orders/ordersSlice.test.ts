import { describe, expect, it } from 'vitest';
import { SNAPSHOT_NOTES_PER_ORDER } from '../../../../protocol';
import { orderCreated, priceUpdate } from '../../../../protocol/test/fixtures';
import { delivered } from '../../test/deliveries';
import { batchReceived } from '../live/liveActions';
import { MAX_ORDERS, orderPinned, ordersSelectors, ordersSlice } from './ordersSlice';

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

  it('keeps the order open in the detail however many newer ones arrive, and across a snapshot', () => {
    let s = reduce([delivered(orderCreated({ orderNumber: 'P-OPEN' }))]);
    s = ordersSlice.reducer(s, orderPinned('trendyol:P-OPEN'));
    s = reduce(
      Array.from({ length: MAX_ORDERS + 5 }, (_, i) => delivered(orderCreated({ orderNumber: `P-${i}` }))),
      s,
    );
    expect(ordersSelectors.selectIds(s)).toHaveLength(MAX_ORDERS + 1);
    expect(ordersSelectors.selectById(s, 'trendyol:P-OPEN')).toBeDefined();
    s = ordersSlice.reducer(
      s,
      batchReceived({ events: [], snapshots: [{ channel: 'orders', epoch: 'e', offset: 1, orders: [] }] }),
    );
    expect(ordersSelectors.selectIds(s)).toEqual(['trendyol:P-OPEN']);
    // Closed: it may go like any other.
    s = ordersSlice.reducer(s, orderPinned(undefined));
    s = reduce(
      Array.from({ length: MAX_ORDERS }, (_, i) => delivered(orderCreated({ orderNumber: `Q-${i}` }))),
      s,
    );
    expect(ordersSelectors.selectById(s, 'trendyol:P-OPEN')).toBeUndefined();
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

  it('keeps the latest notes of an order and counts them all', () => {
    let s = reduce([delivered(orderCreated({ orderNumber: 'D-1' }))]);
    const total = SNAPSHOT_NOTES_PER_ORDER + 5;
    s = reduce(
      Array.from({ length: total }, (_, i) => result('ORDER_NOTE_ADDED', { noteId: `n${i}`, text: `not ${i}` })),
      s,
    );
    const row = ordersSelectors.selectById(s, 'trendyol:D-1');
    expect(row?.notesTotal).toBe(total);
    expect(row?.notes).toHaveLength(SNAPSHOT_NOTES_PER_ORDER);
    expect(row?.notes.at(-1)?.text).toBe(`not ${total - 1}`);
  });
});

describe('ordersSlice: snapshots and what a batch leaves alone', () => {
  const AYSE = { id: 'u1', name: 'Ayşe Yılmaz' };
  const orderEvent = (orderNumber: string) => delivered(orderCreated({ orderNumber })).event;

  it('a snapshot replaces the rows (newest first, with claims and notes); events after it continue', () => {
    let s = reduce([delivered(orderCreated({ orderNumber: 'OLD-1' }))]);
    const note = { id: 'n1', text: 'Hediye paketi', by: AYSE, at: '2026-11-26T09:00:00.000Z' };
    s = ordersSlice.reducer(
      s,
      batchReceived({
        events: [delivered(orderCreated({ orderNumber: 'S-3' }))],
        snapshots: [
          {
            channel: 'orders',
            epoch: 'e1',
            offset: 10,
            orders: [
              { orderKey: 'trendyol:S-2', event: orderEvent('S-2'), notes: [note] },
              {
                orderKey: 'trendyol:S-1',
                event: orderEvent('S-1'),
                claim: { by: AYSE, at: '2026-11-26T09:30:00.000Z' },
                notes: [],
              },
            ],
          },
        ],
      }),
    );
    const rows = ordersSelectors.selectAll(s);
    expect(rows.map((r) => r.orderNumber)).toEqual(['S-3', 'S-2', 'S-1']);
    expect(rows[1]?.notes).toEqual([note]);
    expect(rows[2]?.claim?.by).toEqual(AYSE);
    expect(ordersSelectors.selectById(s, 'trendyol:OLD-1')).toBeUndefined();
  });

  it('a batch makes new objects only for the orders it names; the rest keep theirs', () => {
    let s = reduce([
      delivered(orderCreated({ orderNumber: 'K-1' })),
      delivered(orderCreated({ orderNumber: 'K-2' })),
      delivered(orderCreated({ orderNumber: 'K-3' })),
    ]);
    const before = s.entities;
    s = reduce(
      [
        delivered({
          type: 'ORDER_CLAIMED',
          payload: { orderKey: 'trendyol:K-1', by: AYSE, at: '2026-11-26T10:00:00.000Z' },
        } as never),
      ],
      s,
    );
    expect(s.entities['trendyol:K-1']).not.toBe(before['trendyol:K-1']);
    expect(s.entities['trendyol:K-1']?.claim?.by).toEqual(AYSE);
    expect(s.entities['trendyol:K-2']).toBe(before['trendyol:K-2']);
    expect(s.entities['trendyol:K-3']).toBe(before['trendyol:K-3']);
    // A claim does not move the order in the feed; a new event about it does.
    expect(ordersSelectors.selectAll(s).map((o) => o.orderNumber)).toEqual(['K-3', 'K-2', 'K-1']);
    // Still immutable: the rows and the map are frozen, as Immer would leave them.
    expect(Object.isFrozen(s.entities)).toBe(true);
    expect(Object.isFrozen(s.entities['trendyol:K-1'])).toBe(true);
    expect(Object.isFrozen(s.ids)).toBe(true);
  });

  it('keeps the map and the list in step while trimming batch after batch', () => {
    let s = ordersSlice.getInitialState();
    for (let b = 0; b < 30; b++) {
      s = reduce(
        Array.from({ length: 40 }, (_, i) => delivered(orderCreated({ orderNumber: `T-${b * 40 + i}` }))),
        s,
      );
    }
    expect(s.ids).toHaveLength(MAX_ORDERS);
    expect(Object.keys(s.entities).sort()).toEqual([...s.ids].sort());
    expect(s.ids[0]).toBe('trendyol:T-1199');
    expect(s.ids.at(-1)).toBe('trendyol:T-200');
  });
});
