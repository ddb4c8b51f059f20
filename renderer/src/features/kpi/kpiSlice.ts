// Live KPIs: the latest overall values and the orders-per-minute series for the chart.
import { createSlice } from '@reduxjs/toolkit';
import type { MetricKey } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface Point {
  x: number;
  y: number;
}

export interface KpiState {
  values: Partial<Record<MetricKey, number>>;
  /** Orders per minute over the last hour, one point per update (bounded). */
  ordersPerMinute: Point[];
}

export const SERIES_WINDOW_MS = 60 * 60_000;
const MAX_POINTS = 3600;

const initialState: KpiState = { values: {}, ordersPerMinute: [] };

export const kpiSlice = createSlice({
  name: 'kpi',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      for (const d of a.payload.events) {
        const e = d.event;
        if (e.type !== 'METRIC_UPDATE' || e.payload.marketplace !== undefined) continue;
        Object.assign(s.values, e.payload.values);
        const perMinute = e.payload.values.ordersPerMinute;
        if (perMinute === undefined) continue;
        const x = Date.parse(e.payload.asOf);
        s.ordersPerMinute.push({ x, y: perMinute });
        const cutoff = x - SERIES_WINDOW_MS;
        const drop = s.ordersPerMinute.findIndex((p) => p.x >= cutoff);
        if (drop > 0) s.ordersPerMinute.splice(0, drop);
        if (s.ordersPerMinute.length > MAX_POINTS) s.ordersPerMinute.splice(0, s.ordersPerMinute.length - MAX_POINTS);
      }
    });
  },
});
