// Stock as the producers last reported it, per SKU: for low, out-of-stock and mismatch lists.
// Product titles are learnt from order lines (inventory events carry none). A snapshot rebuilds the
// rows its open alerts stand for from their latest events, applied like live ones.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { InventoryPayload, LiveEvent, OrderPayload } from '../../../../protocol';
import { olderThanRow, outdatedBy, snapshotAlertsOf } from '../alerts/snapshotAlerts';
import { batchReceived } from '../live/liveActions';

export interface StockRow extends InventoryPayload {
  at: string;
  priority: string;
  alertKey?: string;
  /** The channel the row's latest event came on (a snapshot of it may take the row back). */
  channel: string;
}

export const stockAdapter = createEntityAdapter<StockRow, string>({
  selectId: (r) => r.sku,
  sortComparer: (a, b) => a.available - b.available || a.sku.localeCompare(b.sku, 'tr'),
});

export const MAX_TITLES = 5000;

export interface StockState extends ReturnType<typeof stockAdapter.getInitialState> {
  /** Product title per SKU, from order lines. */
  titles: Record<string, string>;
}

function learnTitles(s: StockState, lines: OrderPayload['lines']): void {
  for (const l of lines) {
    if (!l.title || s.titles[l.sku] === l.title) continue;
    if (!(l.sku in s.titles) && Object.keys(s.titles).length >= MAX_TITLES) continue;
    s.titles[l.sku] = l.title;
  }
}

export const stockSlice = createSlice({
  name: 'stock',
  initialState: { ...stockAdapter.getInitialState(), titles: {} } as StockState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      // Rows this batch sets, stored together at the end (the adapter sorts once).
      const rows = new Map<string, StockRow>();
      const current = (sku: string) => rows.get(sku) ?? s.entities[sku];
      const apply = (e: LiveEvent, channel: string) => {
        if (e.type === 'ORDER_NOTIFICATION') learnTitles(s, e.payload.lines);
        if (e.type !== 'INVENTORY_CHANGE') return;
        rows.set(e.payload.sku, {
          ...e.payload,
          at: e.occurredAt,
          priority: e.priority,
          alertKey: e.alertKey,
          channel,
        });
      };
      for (const snap of a.payload.snapshots ?? []) {
        for (const o of snap.orders ?? []) {
          if (o.event.type === 'ORDER_NOTIFICATION') learnTitles(s, o.event.payload.lines);
        }
      }
      for (const snap of snapshotAlertsOf(a.payload.snapshots)) {
        stockAdapter.removeMany(
          s,
          s.ids.filter((id) => outdatedBy(snap, s.entities[id] as StockRow)),
        );
        for (const e of snap.events) {
          if (e.type === 'INVENTORY_CHANGE' && olderThanRow(e, current(e.payload.sku))) continue;
          apply(e, snap.channel);
        }
      }
      for (const d of a.payload.events) apply(d.event, d.channel);
      if (rows.size > 0) stockAdapter.setMany(s, [...rows.values()]);
    });
  },
});

export const stockSelectors = stockAdapter.getSelectors();

/** Out of stock while a channel still lists units: orders can come in that cannot be shipped. */
export const isOversellRisk = (r: Pick<StockRow, 'available' | 'channels'>): boolean =>
  r.available <= 0 && r.channels.some((c) => (c.listedQty ?? 0) > 0);

export const isOutOfStock = (r: Pick<StockRow, 'available'>): boolean => r.available <= 0;

/** Above zero and at or below the threshold (or reported LOW_STOCK when no threshold came). */
export const isLowStock = (r: Pick<StockRow, 'available' | 'threshold' | 'kind'>): boolean =>
  r.available > 0 && (r.threshold !== undefined ? r.available <= r.threshold : r.kind === 'LOW_STOCK');

/** Reported as a mismatch or a failed push, or a channel whose last push failed. */
export const hasSyncIssue = (r: Pick<StockRow, 'kind' | 'channels'>): boolean =>
  r.kind === 'STOCK_MISMATCH' || r.kind === 'STOCK_PUSH_FAILED' || r.channels.some((c) => c.pushStatus === 'failed');
