// Prices and buy-box per SKU and marketplace, as last reported: lost buy-boxes, undercuts, rejections.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { PricePayload } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface PriceRow extends PricePayload {
  key: string;
  at: string;
  priority: string;
  alertKey?: string;
}

export const pricesAdapter = createEntityAdapter<PriceRow, string>({
  selectId: (r) => r.key,
  sortComparer: (a, b) => Date.parse(b.at) - Date.parse(a.at),
});

export const pricesSlice = createSlice({
  name: 'prices',
  initialState: pricesAdapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      const rows: PriceRow[] = [];
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type !== 'PRICE_UPDATE') continue;
        const key = `${e.payload.marketplace}:${e.payload.sku}`;
        const before = s.entities[key];
        // A plain price change keeps what we knew of the buy-box.
        rows.push({
          ...before,
          ...e.payload,
          buybox: e.payload.buybox ?? before?.buybox,
          key,
          at: e.occurredAt,
          priority: e.priority,
          alertKey: e.alertKey,
        });
      }
      if (rows.length > 0) pricesAdapter.setMany(s, rows);
    });
  },
});

export const pricesSelectors = pricesAdapter.getSelectors();
