// Prices and buy-box per SKU and marketplace, as last reported: lost buy-boxes, undercuts, rejections.
// A snapshot rebuilds the rows its open alerts stand for from their latest events, applied like live ones.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { LiveEvent, PricePayload } from '../../../../protocol';
import { olderThanRow, outdatedBy, snapshotAlertsOf } from '../alerts/snapshotAlerts';
import { batchReceived } from '../live/liveActions';

export interface PriceRow extends PricePayload {
  key: string;
  at: string;
  priority: string;
  alertKey?: string;
  /** The channel the row's latest event came on (a snapshot of it may take the row back). */
  channel: string;
}

export const pricesAdapter = createEntityAdapter<PriceRow, string>({
  selectId: (r) => r.key,
  sortComparer: (a, b) => Date.parse(b.at) - Date.parse(a.at),
});

const keyOf = (p: PricePayload) => `${p.marketplace}:${p.sku}`;

export const pricesSlice = createSlice({
  name: 'prices',
  initialState: pricesAdapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      // Rows this batch sets, stored together at the end (the adapter sorts once).
      const rows = new Map<string, PriceRow>();
      const current = (key: string) => rows.get(key) ?? s.entities[key];
      const apply = (e: LiveEvent, channel: string) => {
        if (e.type !== 'PRICE_UPDATE') return;
        const key = keyOf(e.payload);
        const before = current(key);
        // A plain price change keeps what we knew of the buy-box.
        rows.set(key, {
          ...before,
          ...e.payload,
          buybox: e.payload.buybox ?? before?.buybox,
          key,
          at: e.occurredAt,
          priority: e.priority,
          alertKey: e.alertKey,
          channel,
        });
      };
      for (const snap of snapshotAlertsOf(a.payload.snapshots)) {
        pricesAdapter.removeMany(
          s,
          s.ids.filter((id) => outdatedBy(snap, s.entities[id] as PriceRow)),
        );
        for (const e of snap.events) {
          if (e.type === 'PRICE_UPDATE' && olderThanRow(e, current(keyOf(e.payload)))) continue;
          apply(e, snap.channel);
        }
      }
      for (const d of a.payload.events) apply(d.event, d.channel);
      if (rows.size > 0) pricesAdapter.setMany(s, [...rows.values()]);
    });
  },
});

export const pricesSelectors = pricesAdapter.getSelectors();
