// Stock as the producers last reported it, per SKU: for low, out-of-stock and mismatch lists.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import type { InventoryPayload } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface StockRow extends InventoryPayload {
  at: string;
  priority: string;
  alertKey?: string;
}

export const stockAdapter = createEntityAdapter<StockRow, string>({
  selectId: (r) => r.sku,
  sortComparer: (a, b) => a.available - b.available || a.sku.localeCompare(b.sku, 'tr'),
});

export const stockSlice = createSlice({
  name: 'stock',
  initialState: stockAdapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      const rows: StockRow[] = [];
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type !== 'INVENTORY_CHANGE') continue;
        rows.push({ ...e.payload, at: e.occurredAt, priority: e.priority, alertKey: e.alertKey });
      }
      if (rows.length > 0) stockAdapter.setMany(s, rows);
    });
  },
});

export const stockSelectors = stockAdapter.getSelectors();
