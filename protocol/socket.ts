// The Socket.IO contract of namespace `/live`: requests, acknowledgements and deliveries.
import { z } from 'zod';
import type { ActionRequest } from './actions';
import { ChannelName } from './channels';
import { Role } from './common';
import { ErrorPayload } from './errors';
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
  /**
   * Most events this answer replays, all channels together (the gateway may send fewer: it has
   * its own cap in events and bytes). A result with `more: true` stopped short: subscribe again
   * from its `offset` for the next chunk. Without it the whole replay comes in one answer.
   */
  replayLimit: z.number().int().min(1).max(100_000).optional(),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const SubscribeResult = z.object({
  channel: z.string(),
  ok: z.boolean(),
  /** True when every event after `since` was replayed in `events`; false means reload the snapshot. */
  recovered: z.boolean(),
  epoch: z.string(),
  /** The offset the subscription is consistent with (the last replayed one, or the head). */
  offset: z.number().int().min(0),
  events: z.array(Delivery).optional(),
  /**
   * Only with `replayLimit`: the log holds more after `offset`. The channel is joined (live events
   * arrive); subscribe again with `since: {epoch, offset}` for the next chunk.
   */
  more: z.boolean().optional(),
  error: ErrorPayload.optional(),
});
export type SubscribeResult = z.infer<typeof SubscribeResult>;

export const SubscribeResponse = z.object({ results: z.array(SubscribeResult) });
export type SubscribeResponse = z.infer<typeof SubscribeResponse>;

export const UnsubscribeRequest = z.strictObject({ channels: z.array(ChannelName).min(1).max(32) });
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

/** Failure answer of any acknowledged request that cannot be processed at all. */
export const ErrorAck = z.object({ ok: z.literal(false), error: ErrorPayload });
export type ErrorAck = z.infer<typeof ErrorAck>;

/** What an action answers: its stored result, or its final refusal (the same on every retry). */
export const ActionAck = z.union([
  z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
  ErrorAck,
]);
export type ActionAck = z.infer<typeof ActionAck>;

export const UnsubscribeAck = z.union([z.object({ ok: z.boolean() }), ErrorAck]);

/** `auth:refresh`: a newer access token of the same user for the open connection. */
export const AuthRefreshRequest = z.object({ token: z.string() });
export const AuthRefreshAck = z.union([
  z.object({ ok: z.literal(true), expiresAt: z.number().int().describe('epoch ms when the new token expires') }),
  ErrorAck,
]);

/** `live:ping`: the client's round-trip probe, answered with the server's clock. */
export const PingRequest = z.object({ t: z.number() });
export const PingAck = z.union([z.object({ t: z.number(), serverTime: z.number().int() }), ErrorAck]);

export const SESSION_TYPES = [
  'expiring',
  'token_expired',
  'revoked',
  'draining',
  'slow_consumer',
  'rate_limited',
  /**
   * Sent right after a reconnect that named its previous connection (`auth.previous`, the old
   * socket id): that one was closed because it did not answer the heartbeat (a frozen client).
   */
  'heartbeat_timeout',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** Sent before any server-side disconnect, so the client knows why (`heartbeat_timeout`: after). */
export const SessionNotice = z.object({
  type: z.enum(SESSION_TYPES),
  message: z.string().optional(),
  retryAfterMs: z.number().int().min(0).optional(),
});
export type SessionNotice = z.infer<typeof SessionNotice>;

/** Who is online: one entry per user, with how many devices and what they are looking at. */
export const PresenceEntry = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  devices: z.number().int().min(1),
  views: z.array(z.string()),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/**
 * What changed in the presence list since the one sent before: users who came or changed (whole
 * entries) and users who left. Sent to consoles that asked for it at the handshake
 * (`auth.presence: 'delta'`), after one full list; others keep getting the full list.
 */
export const PresenceDelta = z.object({ upsert: z.array(PresenceEntry), remove: z.array(z.string()) });
export type PresenceDelta = z.infer<typeof PresenceDelta>;

export const PresenceSet = z.strictObject({ view: z.string().trim().min(1).max(64) });

/** `connect_error` data when the handshake is refused (no handler of the namespace ran). */
export const HandshakeRefusal = ErrorPayload;

export interface ServerToClientEvents {
  event: (delivery: Delivery) => void;
  events: (deliveries: Delivery[]) => void;
  session: (notice: SessionNotice) => void;
  presence: (entries: PresenceEntry[]) => void;
  'presence:delta': (delta: PresenceDelta) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (res: SubscribeResponse | ErrorAck) => void) => void;
  unsubscribe: (req: UnsubscribeRequest, ack?: (res: z.infer<typeof UnsubscribeAck>) => void) => void;
  action: (req: ActionRequest, ack: (res: ActionAck) => void) => void;
  'auth:refresh': (req: z.infer<typeof AuthRefreshRequest>, ack: (res: z.infer<typeof AuthRefreshAck>) => void) => void;
  'presence:set': (req: z.infer<typeof PresenceSet>) => void;
  /** The client's round-trip probe; answered with the server's clock. */
  'live:ping': (req: z.infer<typeof PingRequest>, ack: (res: z.infer<typeof PingAck>) => void) => void;
}
