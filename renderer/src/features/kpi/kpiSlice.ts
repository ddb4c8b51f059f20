// Live KPIs: the latest values overall and per marketplace (with the value before, for the trend),
// and the last hour of orders per minute and revenue, for the charts: pre-filled from a snapshot's
// history, continued by live events. Bounded.
import { createSlice } from '@reduxjs/toolkit';
import type { LiveEvent, MetricKey, MetricSeries } from '../../../../protocol';
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
/**
 * A line keeps at most two points per step of this length (steps on the clock's 10 s): the step's
 * first value and its latest (a live report replaces the newest point while both it and the one
 * before it are in the report's step). The hour is drawn ~600 px wide, 6 s a pixel: a point a
 * second would be 3,600 a line, each report copying the line and each redraw decimating it, more
 * work and memory with every minute of the hour.
 */
export const SERIES_STEP_MS = 10_000;
const stepOf = (x: number): number => Math.floor(x / SERIES_STEP_MS);
const MAX_POINTS = (2 * SERIES_WINDOW_MS) / SERIES_STEP_MS + 2;

const initialState: KpiState = { values: {}, previous: {}, series: {}, updatedAt: {} };

/** What a reported value is divided by on the chart: revenue is charted in lira, reported in kuruş. */
const SCALE: Record<keyof Series, number> = { ordersPerMinute: 1, revenueToday: 100 };
const isCharted = (key: string): key is keyof Series => Object.hasOwn(SCALE, key);

/** Drops what fell out of the window behind the newest point, and the oldest beyond the bound. */
function trim(points: Point[]): void {
  const newest = points.at(-1);
  if (!newest) return;
  const cutoff = newest.x - SERIES_WINDOW_MS;
  let drop = 0;
  while (drop < points.length && (points[drop] as Point).x < cutoff) drop++;
  if (points.length - drop > MAX_POINTS) drop = points.length - MAX_POINTS;
  if (drop > 0) points.splice(0, drop);
}

function push(points: Point[], p: Point): void {
  const last = points.at(-1);
  if (last && last.x >= p.x) {
    if (last.x === p.x) last.y = p.y;
    return;
  }
  const before = points.at(-2);
  if (last && before && stepOf(before.x) === stepOf(p.x) && stepOf(last.x) === stepOf(p.x)) {
    last.x = p.x;
    last.y = p.y;
    return;
  }
  points.push(p);
  trim(points);
}

const seriesOf = (s: KpiState, scope: string): Series =>
  (s.series[scope] ??= { ordersPerMinute: [], revenueToday: [] });

/**
 * A snapshot's history replaces what the series held up to its newest point (a reloaded channel
 * must not show a point twice); points after it, already live, continue it.
 */
function prefill(s: KpiState, history: MetricSeries): void {
  if (!isCharted(history.key)) return;
  const metric = history.key;
  const series = seriesOf(s, history.marketplace ?? '*');
  const points: Point[] = [];
  for (const [x, v] of [...history.points].sort((a, b) => a[0] - b[0])) {
    const last = points.at(-1);
    if (last?.x === x) last.y = v / SCALE[metric];
    else points.push({ x, y: v / SCALE[metric] });
  }
  const until = points.at(-1)?.x ?? -Infinity;
  for (const p of series[metric]) if (p.x > until) points.push({ x: p.x, y: p.y });
  trim(points);
  series[metric] = points;
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
  const series = seriesOf(s, scope);
  for (const metric of Object.keys(SCALE) as (keyof Series)[]) {
    const v = e.payload.values[metric];
    if (v !== undefined) push(series[metric], { x, y: v / SCALE[metric] });
  }
}

export const kpiSlice = createSlice({
  name: 'kpi',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      for (const snap of a.payload.snapshots ?? []) {
        // History first: the snapshot's latest values then continue it.
        for (const h of snap.metricHistory ?? []) prefill(s, h);
        for (const e of snap.metrics ?? []) apply(s, e);
      }
      for (const d of a.payload.events) apply(s, d.event);
    });
  },
});
