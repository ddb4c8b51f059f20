// What snapshots say about METRIC_UPDATE, per channel and marketplace: the latest value of every
// key, whichever producer reported it (the gateway's order KPIs and the producers' operational ones
// are different subsets), and the last hour of the charted keys. Latest-value data: kept in memory
// (embedded) or Redis (clustered, redisStores.ts), never in SQL.
import {
  CHARTED_METRICS,
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_MAX_POINTS,
  METRIC_HISTORY_WINDOW_MS,
  type Delivery,
  type LiveEvent,
  type Marketplace,
  type MetricKey,
  type MetricPoint,
  type MetricSeries,
} from '../../protocol';

export interface LatestMetrics {
  record(delivery: Delivery): Promise<void>;
  /** One METRIC_UPDATE per marketplace (overall: none), the latest value of each key merged in. */
  latest(channel: string): Promise<LiveEvent[]>;
  /** The charted keys' last hour per marketplace: one point per 30 s bucket, oldest first. */
  history(channel: string): Promise<MetricSeries[]>;
}

export type MetricEvent = Extract<LiveEvent, { type: 'METRIC_UPDATE' }>;

/**
 * Where a delivery sits in its channel's log. "Latest" follows the log, the order every client
 * applies events in, so a snapshot agrees with what a client that saw everything live shows.
 */
export interface LogStamp {
  epoch: string;
  offset: number;
}

/** True when `next` comes at or after `prev`. Another epoch is the current one: the log was reset. */
export function atOrAfter(next: LogStamp, prev: LogStamp): boolean {
  return next.epoch !== prev.epoch || next.offset >= prev.offset;
}

/** A point of history, with the log position that decides between two points of one instant. */
export interface StampedPoint extends LogStamp {
  atMs: number;
  value: number;
}

/** True when `next` replaces `prev` in a bucket: reported later, or at the same instant but later in the log. */
export function replacesInBucket(next: StampedPoint, prev: StampedPoint): boolean {
  return next.atMs > prev.atMs || (next.atMs === prev.atMs && atOrAfter(next, prev));
}

/** Points reported this far ahead of the gateway's clock are refused: they would freeze a chart. */
export const FUTURE_SKEW_MS = 5 * 60_000;

export type Scope = Marketplace | '*';
export const scopeOf = (e: MetricEvent): Scope => e.payload.marketplace ?? '*';
export const bucketOf = (atMs: number): number => Math.floor(atMs / METRIC_HISTORY_BUCKET_MS);
export const historyCutoff = (now: number): number => now - METRIC_HISTORY_WINDOW_MS;

/** The charted values of an event worth a history point now (within the window, not from the future). */
export function chartedPoints(e: MetricEvent, now: number): { key: MetricKey; atMs: number; value: number }[] {
  const atMs = Date.parse(e.payload.asOf);
  if (!Number.isFinite(atMs) || atMs < historyCutoff(now) || atMs > now + FUTURE_SKEW_MS) return [];
  return CHARTED_METRICS.flatMap((key) => {
    const value = e.payload.values[key];
    return value === undefined ? [] : [{ key, atMs, value }];
  });
}

/** A series as snapshots carry it: inside the window, oldest first, one point per instant, bounded. */
export function seriesPoints(points: Iterable<{ atMs: number; value: number }>, now: number): MetricPoint[] {
  const cutoff = historyCutoff(now);
  const byAt = new Map<number, number>();
  for (const p of points) {
    if (Number.isInteger(p.atMs) && p.atMs >= cutoff && Number.isFinite(p.value)) byAt.set(p.atMs, p.value);
  }
  const sorted = [...byAt].sort((a, b) => a[0] - b[0]);
  return sorted.slice(-METRIC_HISTORY_MAX_POINTS);
}

/**
 * The event a snapshot presents for one scope: the envelope of its latest event, with every key's
 * latest value and `asOf` the latest of them.
 */
export function mergedEvent(head: MetricEvent, values: Map<MetricKey, { value: number; asOfMs: number }>): MetricEvent {
  const headAsOf = Date.parse(head.payload.asOf);
  let asOfMs = headAsOf;
  const merged: Partial<Record<MetricKey, number>> = {};
  for (const [key, v] of values) {
    merged[key] = v.value;
    if (v.asOfMs > asOfMs) asOfMs = v.asOfMs;
  }
  const asOf = asOfMs === headAsOf ? head.payload.asOf : new Date(asOfMs).toISOString();
  return { ...head, payload: { ...head.payload, asOf, values: merged } };
}

interface ScopeState {
  head: MetricEvent;
  headStamp: LogStamp;
  values: Map<MetricKey, LogStamp & { value: number; asOfMs: number }>;
}

/** Keeps a series' buckets inside the window and bounded; run when a new bucket opens. */
function pruneBuckets(buckets: Map<number, StampedPoint>, now: number): void {
  const oldest = bucketOf(historyCutoff(now));
  for (const b of buckets.keys()) if (b < oldest) buckets.delete(b);
  if (buckets.size > METRIC_HISTORY_MAX_POINTS) {
    const sorted = [...buckets.keys()].sort((a, b) => a - b);
    for (const b of sorted.slice(0, sorted.length - METRIC_HISTORY_MAX_POINTS)) buckets.delete(b);
  }
}

export function memoryLatestMetrics(options: { now?: () => number } = {}): LatestMetrics {
  const now = options.now ?? Date.now;
  const scopes = new Map<string, Map<Scope, ScopeState>>();
  /** channel → `${scope}|${key}` → bucket → point. */
  const histories = new Map<string, Map<string, Map<number, StampedPoint>>>();

  function recordLatest(channel: string, e: MetricEvent, stamp: LogStamp): void {
    let byScope = scopes.get(channel);
    if (!byScope) scopes.set(channel, (byScope = new Map()));
    const scope = scopeOf(e);
    let state = byScope.get(scope);
    if (!state) byScope.set(scope, (state = { head: e, headStamp: stamp, values: new Map() }));
    else if (atOrAfter(stamp, state.headStamp)) Object.assign(state, { head: e, headStamp: stamp });
    const asOfMs = Date.parse(e.payload.asOf);
    for (const [key, value] of Object.entries(e.payload.values) as [MetricKey, number][]) {
      const before = state.values.get(key);
      if (!before || atOrAfter(stamp, before)) state.values.set(key, { ...stamp, value, asOfMs });
    }
  }

  function recordHistory(channel: string, e: MetricEvent, stamp: LogStamp): void {
    const t = now();
    for (const p of chartedPoints(e, t)) {
      let series = histories.get(channel);
      if (!series) histories.set(channel, (series = new Map()));
      const id = `${scopeOf(e)}|${p.key}`;
      let buckets = series.get(id);
      if (!buckets) series.set(id, (buckets = new Map()));
      const bucket = bucketOf(p.atMs);
      const point = { ...stamp, atMs: p.atMs, value: p.value };
      const before = buckets.get(bucket);
      if (before && !replacesInBucket(point, before)) continue;
      buckets.set(bucket, point);
      if (!before) pruneBuckets(buckets, t);
    }
  }

  return {
    async record(d) {
      if (d.event.type !== 'METRIC_UPDATE') return;
      const stamp = { epoch: d.epoch, offset: d.offset };
      recordLatest(d.channel, d.event, stamp);
      recordHistory(d.channel, d.event, stamp);
    },
    async latest(channel) {
      return [...(scopes.get(channel)?.values() ?? [])].map((s) => mergedEvent(s.head, s.values));
    },
    async history(channel) {
      const t = now();
      const out: MetricSeries[] = [];
      for (const [id, buckets] of histories.get(channel) ?? []) {
        const [scope, key] = id.split('|') as [Scope, MetricKey];
        const points = seriesPoints(buckets.values(), t);
        if (points.length > 0) out.push({ ...(scope === '*' ? {} : { marketplace: scope }), key, points });
      }
      return out;
    },
  };
}
