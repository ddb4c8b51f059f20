// The socket event catalogue of namespace `/live`: every event of protocol/socket.ts both ways,
// with the zod schemas of its payload and of its acknowledgement. The AsyncAPI document is made
// from it; the mapped types make a missing or extra event a compile error, and a test compares
// the keys with the interfaces of protocol/socket.ts.
import { z } from 'zod';
import {
  ActionAck,
  ActionRequest,
  AuthRefreshAck,
  AuthRefreshRequest,
  Delivery,
  ErrorAck,
  HandshakeRefusal,
  PingAck,
  PingRequest,
  PresenceDelta,
  PresenceEntry,
  PresenceSet,
  SessionNotice,
  SubscribeRequest,
  SubscribeResponse,
  UnsubscribeAck,
  UnsubscribeRequest,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../protocol';

export interface SocketEventDoc {
  summary: string;
  description?: string;
  payload: z.ZodType;
  /** The acknowledgement the sender's callback gets. */
  ack?: z.ZodType;
  /** The ack callback may be left out. */
  ackOptional?: true;
}

/** What a console sends; the gateway answers each through its acknowledgement. */
export const CLIENT_EVENTS: { [K in keyof ClientToServerEvents]: SocketEventDoc } = {
  subscribe: {
    summary: 'Join channels, replaying from a position when one is given',
    description:
      'With `since` in the same epoch and still in the log: `recovered: true` and `events` holds what was missed, in order. Otherwise `recovered: false` and `offset` is the head: load `GET /v1/snapshot`. A channel the role may not read is answered `ok: false` with `forbidden` and not joined. The gateway joins before reading the log, so an event is in `events` or delivered live afterwards (possibly both): merge by offset. With `replayLimit` the replay comes in chunks (at most that many events, and a cap of the gateway in events and bytes, all channels of the request together): a result with `more: true` stopped at `offset`; hold the live deliveries and subscribe again from there for the next chunk. Without it the whole replay is in one answer (a long one on a slow link can exceed the slow-consumer cap).',
    payload: SubscribeRequest,
    ack: z.union([SubscribeResponse, ErrorAck]),
  },
  unsubscribe: {
    summary: 'Leave channels',
    payload: UnsubscribeRequest,
    ack: UnsubscribeAck,
    ackOptional: true,
  },
  action: {
    summary: 'Apply an action once per key (acknowledge, snooze, read, claim, release, note)',
    description:
      'The key is made when the action is created and sent again on every retry: the gateway applies a key once (kept 35 days), answers every retry with the stored answer, and refuses the same key with another payload (`idempotency_conflict`).',
    payload: ActionRequest,
    ack: ActionAck,
  },
  'auth:refresh': {
    summary: "Renew the connection's access token without reconnecting (same user only)",
    payload: AuthRefreshRequest,
    ack: AuthRefreshAck,
  },
  'presence:set': {
    summary: 'Say what this device is looking at (shown to others); no acknowledgement',
    payload: PresenceSet,
  },
  'live:ping': {
    summary: "Round-trip probe, answered with the server's clock",
    payload: PingRequest,
    ack: PingAck,
  },
};

/** What the gateway sends on its own. */
export const SERVER_EVENTS: { [K in keyof ServerToClientEvents]: SocketEventDoc } = {
  event: {
    summary: "One delivery: an event with its place in its channel's log",
    description:
      'Offsets are contiguous per channel and epoch: a client that sees n+2 after n missed something and resubscribes with `since`.',
    payload: Delivery,
  },
  events: {
    summary: 'Several deliveries of one channel, in log order (at most maxFrameEvents, 100)',
    payload: z.array(Delivery).min(1),
  },
  session: {
    summary: 'Why the gateway is about to disconnect (or that the token expires soon)',
    description:
      '`expiring` a minute before the token expires; `token_expired`, `revoked`, `draining`, `slow_consumer` and `rate_limited` are followed by a disconnect. `heartbeat_timeout` comes right after a connect whose handshake named its previous connection (`auth.previous`, that socket id): that one was closed because it did not answer the heartbeat (a frozen client).',
    payload: SessionNotice,
  },
  presence: {
    summary: 'Who is online (one entry per user, on any node), sent when it changes',
    payload: z.array(PresenceEntry),
  },
  'presence:delta': {
    summary: 'What changed in who is online since the last list or change (for consoles that ask for it)',
    description:
      "Sent instead of `presence` to a socket whose handshake carries `auth.presence: 'delta'`, after one full `presence` list: users who came or changed (whole entries) and user ids that left.",
    payload: PresenceDelta,
  },
};

/** Socket.IO's own event when the namespace refuses the handshake: `err.data` holds the code. */
export const HANDSHAKE_ERROR: SocketEventDoc = {
  summary: 'The handshake was refused (missing, invalid or expired token; origin; rate)',
  description:
    "Socket.IO's `connect_error`: its `data` is `{code: 'unauthorized' | 'token_expired', message}`. No handler of the namespace ran.",
  payload: HandshakeRefusal,
};
