// GET /v1/snapshot: each channel's current state and the log position it is consistent with, so a
// client that could not replay (`recovered: false`) reloads this and continues live from there.
import { z } from 'zod';
import { OrderKey } from './actions';
import { ChannelName } from './channels';
import { Ident, Instant, Priority } from './common';
import { Actor, LiveEvent } from './events';
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
});
export type AlertView = z.infer<typeof AlertView>;

export const OrderView = z.object({
  orderKey: OrderKey,
  /** The latest event about the order, as it was delivered. */
  event: LiveEvent,
  claim: z.object({ by: Actor, at: Instant }).optional(),
  notes: z.array(z.object({ id: z.string(), text: z.string(), by: Actor, at: Instant })),
});
export type OrderView = z.infer<typeof OrderView>;

export const ChannelSnapshot = z.object({
  channel: ChannelName,
  epoch: z.string(),
  /** The state below includes every event of the channel up to this offset (and maybe later ones). */
  offset: z.number().int().min(0),
  alerts: z.array(AlertView).optional(),
  orders: z.array(OrderView).optional(),
  /** The latest METRIC_UPDATE per marketplace (overall: no marketplace). */
  metrics: z.array(LiveEvent).optional(),
});
export type ChannelSnapshot = z.infer<typeof ChannelSnapshot>;

export const Snapshot = z.object({
  channels: z.array(ChannelSnapshot),
  presence: z.array(PresenceEntry),
});
export type Snapshot = z.infer<typeof Snapshot>;
