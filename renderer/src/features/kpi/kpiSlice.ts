// Live KPIs: the latest values overall and per marketplace (with the value before, for the trend),
// and the last hour of orders per minute and revenue, for the charts. Bounded.
import { createSlice } from '@reduxjs/toolkit';
import type { LiveEvent, MetricKey } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface Point {
  x: number;
  y: number;
}

type Values = Partial<Record<MetricKey, number>>;

export interface Series {
  ordersPerMinute: Point[];
  revenueToday: Point[];
}

export interface KpiState {
  /** Latest values per scope: '*' is overall, otherwise a marketplace. */
  values: Record<string, Values>;
  /** The value each key had before its latest change, per scope (trend arrows). */
  previous: Record<string, Values>;
  series: Record<string, Series>;
  /** When each scope's values were last reported (`asOf`, ms), to say how fresh the figures are. */
  updatedAt: Record<string, number>;
}

export const SERIES_WINDOW_MS = 60 * 60_000;
const MAX_POINTS = 3600;

const initialState: KpiState = { values: {}, previous: {}, series: {}, updatedAt: {} };

function push(points: Point[], p: Point): void {
  const last = points.at(-1);
  if (last && last.x >= p.x) {
    if (last.x === p.x) last.y = p.y;
    return;
  }
  points.push(p);
  const cutoff = p.x - SERIES_WINDOW_MS;
  let drop = 0;
  while (drop < points.length && (points[drop] as Point).x < cutoff) drop++;
  if (points.length - drop > MAX_POINTS) drop = points.length - MAX_POINTS;
  if (drop > 0) points.splice(0, drop);
}

function apply(s: KpiState, e: LiveEvent): void {
  if (e.type !== 'METRIC_UPDATE') return;
  const scope = e.payload.marketplace ?? '*';
  const values = (s.values[scope] ??= {});
  const previous = (s.previous[scope] ??= {});
  for (const [k, v] of Object.entries(e.payload.values) as [MetricKey, number][]) {
    if (values[k] !== undefined && values[k] !== v) previous[k] = values[k];
    values[k] = v;
  }
  const x = Date.parse(e.payload.asOf);
  if (Number.isFinite(x) && x > (s.updatedAt[scope] ?? 0)) s.updatedAt[scope] = x;
  const series = (s.series[scope] ??= { ordersPerMinute: [], revenueToday: [] });
  if (e.payload.values.ordersPerMinute !== undefined)
    push(series.ordersPerMinute, { x, y: e.payload.values.ordersPerMinute });
  if (e.payload.values.revenueToday !== undefined)
    push(series.revenueToday, { x, y: e.payload.values.revenueToday / 100 });
}

export const kpiSlice = createSlice({
  name: 'kpi',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      for (const snap of a.payload.snapshots ?? []) for (const e of snap.metrics ?? []) apply(s, e);
      for (const d of a.payload.events) apply(s, d.event);
    });
  },
});
