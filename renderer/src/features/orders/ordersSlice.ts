// The live order feed: the newest orders first, one row per order, bounded.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { Marketplace, Money, OrderPayload } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface OrderRow {
  key: string;
  orderNumber: string;
  marketplace?: Marketplace;
  kind: OrderPayload['kind'];
  status: OrderPayload['status'];
  total: Money;
  city?: string;
  lineCount: number;
  itemCount: number;
  orderedAt: string;
  shipBy?: string;
  priority: string;
  /** Log offset of the latest event about this order: orders the feed newest first. */
  seq: number;
}

export const MAX_ORDERS = 500;

export const ordersAdapter = createEntityAdapter<OrderRow, string>({
  selectId: (o) => o.key,
  sortComparer: (a, b) => b.seq - a.seq,
});

export const ordersSlice = createSlice({
  name: 'orders',
  initialState: ordersAdapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      const rows: OrderRow[] = [];
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type !== 'ORDER_NOTIFICATION') continue;
        const p = e.payload;
        rows.push({
          key: `${e.marketplace ?? 'unknown'}:${p.orderNumber}`,
          orderNumber: p.orderNumber,
          marketplace: e.marketplace,
          kind: p.kind,
          status: p.status,
          total: p.total,
          city: p.customerCity,
          lineCount: p.lines.length,
          itemCount: p.lines.reduce((n, l) => n + l.qty, 0),
          orderedAt: p.orderedAt,
          shipBy: p.shipBy,
          priority: e.priority,
          seq: d.offset,
        });
      }
      if (rows.length === 0) return;
      ordersAdapter.upsertMany(s, rows);
      if (s.ids.length > MAX_ORDERS) ordersAdapter.removeMany(s, s.ids.slice(MAX_ORDERS));
    });
  },
});

export const ordersSelectors = ordersAdapter.getSelectors();
