// Orders as the console shows them: one row per order (its latest event), who holds it, its
// notes. Loaded from the `orders` snapshot, kept live by events; newest activity first, bounded.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import {
  orderKeyOf,
  type Actor,
  type LiveEvent,
  type Marketplace,
  type Money,
  type OrderPayload,
} from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface OrderNote {
  id: string;
  text: string;
  by: Actor;
  at: string;
}

export interface OrderRow {
  key: string;
  orderNumber: string;
  marketplace?: Marketplace;
  kind: OrderPayload['kind'];
  status: OrderPayload['status'];
  total: Money;
  city?: string;
  lines: OrderPayload['lines'];
  itemCount: number;
  orderedAt: string;
  shipBy?: string;
  autoCancelAt?: string;
  cargo?: OrderPayload['cargo'];
  priority: string;
  alertKey?: string;
  claim?: { by: Actor; at: string };
  notes: OrderNote[];
  /** Receipt order of the latest change: the feed is newest first. */
  seq: number;
}

export const MAX_ORDERS = 1000;

export const ordersAdapter = createEntityAdapter<OrderRow, string>({
  selectId: (o) => o.key,
  sortComparer: (a, b) => b.seq - a.seq,
});

type OrderEvent = Extract<LiveEvent, { type: 'ORDER_NOTIFICATION' }>;

function rowOf(e: OrderEvent, seq: number, keep?: OrderRow): OrderRow {
  const p = e.payload;
  return {
    key: orderKeyOf(e.marketplace, p.orderNumber),
    orderNumber: p.orderNumber,
    marketplace: e.marketplace,
    kind: p.kind,
    status: p.status,
    total: p.total,
    city: p.customerCity,
    lines: p.lines,
    itemCount: p.lines.reduce((n, l) => n + l.qty, 0),
    orderedAt: p.orderedAt,
    shipBy: p.shipBy,
    autoCancelAt: p.autoCancelAt,
    cargo: p.cargo,
    priority: e.priority,
    alertKey: e.alertKey,
    claim: keep?.claim,
    notes: keep?.notes ?? [],
    seq,
  };
}

export interface OrdersState extends ReturnType<typeof ordersAdapter.getInitialState> {
  seq: number;
}

export const ordersSlice = createSlice({
  name: 'orders',
  initialState: { ...ordersAdapter.getInitialState(), seq: 0 } as OrdersState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      let changed = false;
      for (const snap of a.payload.snapshots ?? []) {
        if (snap.channel !== 'orders' || !snap.orders) continue;
        // The snapshot is the state as of its offset: it replaces what we had.
        const rows = [...snap.orders].reverse().flatMap((o) => {
          if (o.event.type !== 'ORDER_NOTIFICATION') return [];
          const row = rowOf(o.event, ++s.seq);
          return [{ ...row, claim: o.claim, notes: o.notes }];
        });
        ordersAdapter.setAll(s, rows);
        changed = true;
      }
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type === 'ORDER_NOTIFICATION') {
          const key = orderKeyOf(e.marketplace, e.payload.orderNumber);
          ordersAdapter.setOne(s, rowOf(e, ++s.seq, s.entities[key]));
          changed = true;
        } else if (e.type === 'ORDER_CLAIMED' || e.type === 'ORDER_RELEASED' || e.type === 'ORDER_NOTE_ADDED') {
          const row = s.entities[e.payload.orderKey];
          if (!row) continue;
          if (e.type === 'ORDER_CLAIMED') row.claim = { by: e.payload.by, at: e.payload.at };
          if (e.type === 'ORDER_RELEASED') delete row.claim;
          if (e.type === 'ORDER_NOTE_ADDED' && !row.notes.some((n) => n.id === e.payload.noteId)) {
            row.notes.push({ id: e.payload.noteId, text: e.payload.text, by: e.payload.by, at: e.payload.at });
          }
        }
      }
      if (changed && s.ids.length > MAX_ORDERS) ordersAdapter.removeMany(s, s.ids.slice(MAX_ORDERS));
    });
  },
});

export const ordersSelectors = ordersAdapter.getSelectors();
