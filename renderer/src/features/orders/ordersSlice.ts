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
  packageId?: string;
  kind: OrderPayload['kind'];
  status: OrderPayload['status'];
  /** The marketplace's own status word (Trendyol `Picking`, Amazon `Unshipped`…). */
  rawStatus: string;
  total: Money;
  city?: string;
  lines: OrderPayload['lines'];
  itemCount: number;
  orderedAt: string;
  shipBy?: string;
  autoCancelAt?: string;
  cargo?: OrderPayload['cargo'];
  cancel?: OrderPayload['cancel'];
  priority: string;
  alertKey?: string;
  claim?: { by: Actor; at: string };
  /** The last release seen live (not in snapshots): tells a stale conflict from a current one. */
  released?: { by: Actor; at: string };
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
    packageId: p.packageId,
    kind: p.kind,
    status: p.status,
    rawStatus: p.rawStatus,
    total: p.total,
    city: p.customerCity,
    lines: p.lines,
    itemCount: p.lines.reduce((n, l) => n + l.qty, 0),
    orderedAt: p.orderedAt,
    shipBy: p.shipBy,
    autoCancelAt: p.autoCancelAt,
    cargo: p.cargo,
    cancel: p.cancel,
    priority: e.priority,
    alertKey: e.alertKey,
    claim: keep?.claim,
    released: keep?.released,
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
      // Order events go to the front: the sorted adapter's setOne would copy every row per event
      // (O(n) each, seconds for a busy batch), so the ids are reordered once per batch instead.
      const touched: string[] = [];
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type === 'ORDER_NOTIFICATION') {
          const key = orderKeyOf(e.marketplace, e.payload.orderNumber);
          s.entities[key] = rowOf(e, ++s.seq, s.entities[key]);
          touched.push(key);
          changed = true;
        } else if (e.type === 'ORDER_CLAIMED' || e.type === 'ORDER_RELEASED' || e.type === 'ORDER_NOTE_ADDED') {
          const row = s.entities[e.payload.orderKey];
          if (!row) continue;
          if (e.type === 'ORDER_CLAIMED') row.claim = { by: e.payload.by, at: e.payload.at };
          if (e.type === 'ORDER_RELEASED') {
            delete row.claim;
            row.released = { by: e.payload.by, at: e.payload.at };
          }
          if (e.type === 'ORDER_NOTE_ADDED' && !row.notes.some((n) => n.id === e.payload.noteId)) {
            row.notes.push({ id: e.payload.noteId, text: e.payload.text, by: e.payload.by, at: e.payload.at });
          }
        }
      }
      if (touched.length > 0) {
        // Newest first (by seq): the last touched leads; each key once.
        const front = [...new Set(touched.reverse())];
        const moved = new Set(front);
        s.ids = front.concat(s.ids.filter((id) => !moved.has(id)));
      }
      if (changed && s.ids.length > MAX_ORDERS) {
        for (const id of s.ids.slice(MAX_ORDERS)) delete s.entities[id];
        s.ids = s.ids.slice(0, MAX_ORDERS);
      }
    });
  },
});

export const ordersSelectors = ordersAdapter.getSelectors();
