// The Socket.IO contract of namespace `/live`: requests, acknowledgements and deliveries.
import { z } from 'zod';
import type { ActionRequest } from './actions';
import { ChannelName } from './channels';
import { Role } from './common';
import type { ErrorPayload } from './errors';
import { LiveEvent } from './events';

export const NAMESPACE = '/live';

/** A position in a channel's log. Offsets start at 1; offset 0 means "before the first event". */
export const Position = z.strictObject({
  epoch: z.string().min(1).max(64),
  offset: z.number().int().min(0).safe(),
});
export type Position = z.infer<typeof Position>;

/** One event as delivered: always with its place in the channel's log. */
export const Delivery = z.object({
  channel: ChannelName,
  epoch: z.string(),
  offset: z.number().int().min(1),
  event: LiveEvent,
});
export type Delivery = z.infer<typeof Delivery>;

export const SubscribeRequest = z.strictObject({
  channels: z
    .array(z.strictObject({ channel: ChannelName, since: Position.optional() }))
    .min(1)
    .max(32),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export interface SubscribeResult {
  channel: string;
  ok: boolean;
  /** True when every event after `since` was replayed in `events`; false means reload the snapshot. */
  recovered: boolean;
  epoch: string;
  /** The offset the subscription is consistent with (the last replayed one, or the head). */
  offset: number;
  events?: Delivery[];
  error?: ErrorPayload;
}
export interface SubscribeResponse {
  results: SubscribeResult[];
}

export const UnsubscribeRequest = z.strictObject({ channels: z.array(ChannelName).min(1).max(32) });
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

export type ActionAck = { ok: true; result: Record<string, unknown> } | { ok: false; error: ErrorPayload };

export const SESSION_TYPES = [
  'expiring',
  'token_expired',
  'revoked',
  'draining',
  'slow_consumer',
  'rate_limited',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** Sent before any server-side disconnect, so the client knows why. */
export interface SessionNotice {
  type: SessionType;
  message?: string;
  retryAfterMs?: number;
}

/** Who is online: one entry per user, with how many devices and what they are looking at. */
export const PresenceEntry = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  devices: z.number().int().min(1),
  views: z.array(z.string()),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const PresenceSet = z.strictObject({ view: z.string().trim().min(1).max(64) });

/** Failure answer of any acknowledged request that cannot be processed at all. */
export interface ErrorAck {
  ok: false;
  error: ErrorPayload;
}

export interface ServerToClientEvents {
  event: (delivery: Delivery) => void;
  events: (deliveries: Delivery[]) => void;
  session: (notice: SessionNotice) => void;
  presence: (entries: PresenceEntry[]) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (res: SubscribeResponse | ErrorAck) => void) => void;
  unsubscribe: (req: UnsubscribeRequest, ack?: (res: { ok: boolean } | ErrorAck) => void) => void;
  action: (req: ActionRequest, ack: (res: ActionAck) => void) => void;
  'auth:refresh': (req: { token: string }, ack: (res: { ok: true; expiresAt: number } | ErrorAck) => void) => void;
  'presence:set': (req: { view: string }) => void;
  /** The client's round-trip probe; answered with the server's clock. */
  'live:ping': (req: { t: number }, ack: (res: { t: number; serverTime: number } | ErrorAck) => void) => void;
}
