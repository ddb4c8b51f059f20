// GET /v1/snapshot: each channel's current state and the log position it is consistent with, so a
// client that could not replay (`recovered: false`) reloads this and continues live from there.
import { z } from 'zod';
import { OrderKey } from './actions';
import { ChannelName } from './channels';
import { Ident, Instant, Marketplace, Priority } from './common';
import { Actor, LiveEvent, MetricKey } from './events';
import { PresenceEntry } from './socket';

export const AlertView = z.object({
  alertKey: Ident,
  channel: ChannelName,
  type: z.string(),
  kind: z.string(),
  subject: z.string(),
  marketplace: z.string().optional(),
  priority: Priority,
  state: z.enum(['open', 'acknowledged', 'resolved']),
  title: z.string(),
  count: z.number().int().min(1),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  ackedBy: Actor.optional(),
  ackedAt: Instant.optional(),
  /** For the asking user: snoozed until then. */
  snoozedUntil: Instant.optional(),
  /** For the asking user: read (seen in the notification history). */
  read: z.boolean(),
  /**
   * The alert's latest event, as it was delivered: what a console shows of the alert and rebuilds
   * its stock, price and system rows from. Absent for alerts from before gateways kept it.
   */
  lastEvent: LiveEvent.optional(),
});
export type AlertView = z.infer<typeof AlertView>;

/** Notes per order a snapshot carries (the latest ones); `notesTotal` counts them all. */
export const SNAPSHOT_NOTES_PER_ORDER = 20;

export const OrderView = z.object({
  orderKey: OrderKey,
  /** The latest event about the order, as it was delivered. */
  event: LiveEvent,
  claim: z.object({ by: Actor, at: Instant }).optional(),
  /** The latest notes, oldest first, at most SNAPSHOT_NOTES_PER_ORDER. */
  notes: z.array(z.object({ id: z.string(), text: z.string(), by: Actor, at: Instant })).max(SNAPSHOT_NOTES_PER_ORDER),
  /** How many notes the order has in all (absent from gateways that sent every note). */
  notesTotal: z.number().int().min(0).optional(),
});
export type OrderView = z.infer<typeof OrderView>;

/** The metric keys the dashboard charts over time; snapshots carry their recent history. */
export const CHARTED_METRICS = ['ordersPerMinute', 'revenueToday'] as const satisfies readonly MetricKey[];
export type ChartedMetric = (typeof CHARTED_METRICS)[number];

/** How far back a snapshot's metric history reaches. */
export const METRIC_HISTORY_WINDOW_MS = 60 * 60_000;
/** One point per bucket of this length at most: the latest value reported in it. */
export const METRIC_HISTORY_BUCKET_MS = 30_000;
/** The most points one series of history holds (an hour of 30 s buckets). */
export const METRIC_HISTORY_MAX_POINTS = METRIC_HISTORY_WINDOW_MS / METRIC_HISTORY_BUCKET_MS;

/** `[atMs, value]`: when the value was reported (the METRIC_UPDATE's `asOf`, epoch ms) and the value. */
export const MetricPoint = z.tuple([z.number().int().min(0), z.number().finite()]);
export type MetricPoint = z.infer<typeof MetricPoint>;

/** The recent values of one metric key for one marketplace (overall: no marketplace), oldest first. */
export const MetricSeries = z.object({
  marketplace: Marketplace.optional(),
  key: MetricKey,
  points: z.array(MetricPoint).max(METRIC_HISTORY_MAX_POINTS),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const ChannelSnapshot = z.object({
  channel: ChannelName,
  epoch: z.string(),
  /** The state below includes every event of the channel up to this offset (and maybe later ones). */
  offset: z.number().int().min(0),
  alerts: z.array(AlertView).optional(),
  orders: z.array(OrderView).optional(),
  /**
   * One METRIC_UPDATE per marketplace (overall: no marketplace) holding the latest value of every
   * key any producer reported for it, `asOf` the latest of them. Apply it like a live event.
   */
  metrics: z.array(LiveEvent).optional(),
  /** The last hour of the charted keys (CHARTED_METRICS), per marketplace and key. */
  metricHistory: z.array(MetricSeries).optional(),
});
export type ChannelSnapshot = z.infer<typeof ChannelSnapshot>;

export const Snapshot = z.object({
  channels: z.array(ChannelSnapshot),
  presence: z.array(PresenceEntry),
});
export type Snapshot = z.infer<typeof Snapshot>;
