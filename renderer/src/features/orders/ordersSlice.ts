// Orders as the console shows them: one row per order (its latest event), who holds it, its
// notes. Loaded from the `orders` snapshot, kept live by events; newest activity first, bounded.
import { createEntityAdapter, createSlice, freeze, isDraft, original, type PayloadAction } from '@reduxjs/toolkit';
import {
  orderKeyOf,
  SNAPSHOT_NOTES_PER_ORDER,
  type Actor,
  type ChannelSnapshot,
  type LiveEvent,
  type Marketplace,
  type Money,
  type OrderPayload,
  type OrderView,
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
  /** The latest notes, oldest first (at most SNAPSHOT_NOTES_PER_ORDER). */
  notes: OrderNote[];
  /** How many notes the order has in all. */
  notesTotal: number;
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
    notesTotal: keep?.notesTotal ?? 0,
    seq,
  };
}

export interface OrdersState extends ReturnType<typeof ordersAdapter.getInitialState> {
  seq: number;
  /** The order open in the detail: kept however many newer ones arrive. */
  pinned?: string;
  /** Orders the server's search found: kept while that search shows them. */
  found?: string[];
}

type Entities = Record<string, OrderRow>;

/** The rows of an `orders` snapshot, newest first as it lists them, each key once. */
function snapshotRows(orders: NonNullable<ChannelSnapshot['orders']>, seq: number) {
  const entities: Entities = {};
  const ids: string[] = [];
  orders.forEach((o, i) => {
    if (o.event.type !== 'ORDER_NOTIFICATION') return;
    // Receipt numbers count up from the oldest, as if the snapshot's rows had arrived in order.
    const row: OrderRow = {
      ...rowOf(o.event, seq + orders.length - i),
      claim: o.claim,
      notes: o.notes,
      notesTotal: Math.max(o.notesTotal ?? 0, o.notes.length),
    };
    if (row.key in entities) return;
    ids.push(row.key);
    entities[row.key] = freeze(row, true);
  });
  return { ids, entities, seq: seq + orders.length };
}

/** A row after a claim, release or note: a new object, the others keep theirs. */
function withResult(row: OrderRow, e: Extract<LiveEvent, { type: OrderResultType }>): OrderRow {
  const at = { by: e.payload.by, at: e.payload.at };
  switch (e.type) {
    case 'ORDER_CLAIMED':
      return { ...row, claim: at };
    case 'ORDER_RELEASED': {
      const next: OrderRow = { ...row, released: at };
      delete next.claim;
      return next;
    }
    case 'ORDER_NOTE_ADDED':
      if (row.notes.some((n) => n.id === e.payload.noteId)) return row;
      return {
        ...row,
        notes: [...row.notes, { id: e.payload.noteId, text: e.payload.text, ...at }].slice(-SNAPSHOT_NOTES_PER_ORDER),
        notesTotal: row.notesTotal + 1,
      };
  }
}

type OrderResultType = 'ORDER_CLAIMED' | 'ORDER_RELEASED' | 'ORDER_NOTE_ADDED';
const isOrderResult = (e: LiveEvent): e is Extract<LiveEvent, { type: OrderResultType }> =>
  e.type === 'ORDER_CLAIMED' || e.type === 'ORDER_RELEASED' || e.type === 'ORDER_NOTE_ADDED';

export const ordersSlice = createSlice({
  name: 'orders',
  initialState: { ...ordersAdapter.getInitialState(), seq: 0 } as OrdersState,
  reducers: {
    orderPinned(s, a: PayloadAction<string | undefined>) {
      s.pinned = a.payload;
    },
    /**
     * Orders a server search found: the ones the console did not hold join at the end (what it
     * holds is as new or newer, kept live); they stay while the search shows them.
     */
    ordersFound(s, a: PayloadAction<OrderView[]>) {
      const before = original(s) as OrdersState;
      const added: Entities = {};
      const ids: string[] = [];
      for (const o of a.payload) {
        if (o.event.type !== 'ORDER_NOTIFICATION' || o.orderKey in before.entities || o.orderKey in added) continue;
        added[o.orderKey] = freeze({ ...rowOf(o.event, 0), claim: o.claim, notes: o.notes }, true);
        ids.push(o.orderKey);
      }
      s.found = a.payload.map((o) => o.orderKey);
      if (ids.length === 0) return;
      s.ids = freeze([...before.ids, ...ids]);
      s.entities = freeze({ ...before.entities, ...added });
    },
  },
  extraReducers: (b) => {
    // Hot path (a batch per frame, 1,000 rows kept). Written on plain values, not through the
    // draft: Immer would copy the frozen map key by key, re-walk it to finalise and, with rows
    // deleted from it, drag ever more dead slots along. Here a batch makes its changed rows, one
    // new id list and one new map of the kept rows (a plain copy), and hands them over frozen.
    b.addCase(batchReceived, (draft, a) => {
      const before = (isDraft(draft) ? original(draft) : draft) as OrdersState;
      let ids: readonly string[] = before.ids;
      let entities: Readonly<Entities> = before.entities;
      let seq = before.seq;
      let replaced = false;
      for (const snap of a.payload.snapshots ?? []) {
        if (snap.channel !== 'orders' || !snap.orders) continue;
        // The snapshot is the state as of its offset: it replaces what we had.
        ({ ids, entities, seq } = snapshotRows(snap.orders, seq));
        replaced = true;
      }
      const pinned = before.pinned;
      const pinnedRow = pinned === undefined ? undefined : before.entities[pinned];
      if (replaced && pinned && pinnedRow && !(pinned in entities)) {
        // Open in the detail but older than the snapshot reaches: it stays.
        ids = [...ids, pinned];
        entities = { ...entities, [pinned]: pinnedRow };
      }
      if (replaced) {
        // Found by the search on screen but older than the snapshot reaches: they stay too.
        const missing = (before.found ?? []).filter((k) => !(k in entities) && before.entities[k]);
        if (missing.length > 0) {
          ids = [...ids, ...missing];
          entities = { ...entities, ...Object.fromEntries(missing.map((k) => [k, before.entities[k] as OrderRow])) };
        }
      }

      const changed = new Map<string, OrderRow>();
      const rowAt = (key: string) => changed.get(key) ?? entities[key];
      const touched: string[] = [];
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type === 'ORDER_NOTIFICATION') {
          const key = orderKeyOf(e.marketplace, e.payload.orderNumber);
          changed.set(key, rowOf(e, ++seq, rowAt(key)));
          touched.push(key);
        } else if (isOrderResult(e)) {
          const row = rowAt(e.payload.orderKey);
          const next = row && withResult(row, e);
          if (next && next !== row) changed.set(next.key, next);
        }
      }
      if (!replaced && changed.size === 0) return;

      if (touched.length > 0) {
        // Newest first (by seq): the last touched leads; each key once.
        const front = [...new Set(touched.reverse())];
        const moved = new Set(front);
        ids = front.concat(ids.filter((id) => !moved.has(id)));
      }
      if (ids.length > MAX_ORDERS) {
        const kept = ids.slice(0, MAX_ORDERS);
        // The order open in the detail does not fall off the end.
        const keep = new Set([...(pinned ? [pinned] : []), ...(before.found ?? [])]);
        const keptSet = new Set(kept);
        ids = kept.concat(ids.filter((id) => keep.has(id) && !keptSet.has(id)));
      }
      // Built afresh from the kept ids: what fell off the end is simply not copied.
      const next: Entities = {};
      for (const id of ids) {
        const row = changed.get(id);
        next[id] = row ? freeze(row, true) : (entities[id] as OrderRow);
      }
      draft.ids = freeze(ids as string[]);
      draft.entities = freeze(next);
      draft.seq = seq;
    });
  },
});

export const ordersSelectors = ordersAdapter.getSelectors();

export const { orderPinned, ordersFound } = ordersSlice.actions;
