// Socket.IO namespace `/live`: every socket authenticated at the handshake, channel access by
// role on every subscribe, per-socket and per-user message rates, recovery from the channel log,
// and token renewal on the live connection.
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import {
  LiveError,
  NAMESPACE,
  PresenceSet,
  SubscribeRequest,
  UnsubscribeRequest,
  parseOrThrow,
  type Delivery,
  type ErrorAck,
} from '../../protocol';
import type { ActionService } from '../actions/actionService';
import type { TokenService } from '../auth/tokens';
import type { Limiter } from '../limits/limiter';
import type { ChannelLog } from '../log/channelLog';
import type { Logger } from '../logger';
import type { Metrics } from '../ops/metrics';
import { createFrameBatcher } from './frameBatcher';
import { subscribeChannels, type ReplayCaps } from './catchUp';
import { createHeartbeatWatch } from './heartbeat';
import { presenceJoiningRoom, type PresenceStore } from './presence';

const wantsPresenceDelta = (auth: unknown): boolean =>
  auth !== null && typeof auth === 'object' && 'presence' in auth && auth.presence === 'delta';
import {
  armExpiry,
  authenticate,
  closeWith,
  disarm,
  handshakeError,
  sessionRoom,
  roleRoom,
  userRoom,
  type SessionGuardDeps,
} from './sessionGuard';
import type { LiveNamespace, LiveSocket } from './types';

export interface LiveNamespaceDeps extends SessionGuardDeps {
  log: ChannelLog;
  logger: Logger;
  metrics: Metrics;
  tokens: TokenService;
  /**
   * Connections per signed-in user (`known`) and per address for those without a valid token
   * (`unknown`); a refusal is a handshake error `rate_limited` with `retryAfterMs`.
   */
  connectLimits?: {
    known: Limiter;
    unknown: Limiter;
    address: (req: IncomingMessage) => string;
    onRefused: () => void;
  };
  socketRate: Limiter;
  userRate: Limiter;
  /** Refusals within `strikeWindowMs` after which the socket is cut off. */
  maxStrikes: number;
  strikeWindowMs: number;
  actions: ActionService;
  presence: PresenceStore;
  /** Called when this node's presence changed. */
  onPresenceChanged: () => void;
  /** Most deliveries in one `events` frame (1: one `event` frame per delivery). */
  maxFrameEvents: number;
  /** Adaptive batching while the loop lags (frameBatcher.ts); absent: one batch per frame only. */
  frameBatching?: { windowMs: number; lagThresholdMs: number; lag: () => number };
  /** What one chunk of a catch-up replays at most (for clients that ask for chunks). */
  replayChunk: ReplayCaps;
}

function errorAck(err: unknown, logger: Logger, metrics: Metrics): ErrorAck {
  if (err instanceof LiveError) return { ok: false, error: err.toPayload() };
  metrics.errors.inc({ where: 'socket' });
  logger.error({ err }, 'socket handler failed');
  return { ok: false, error: { code: 'internal', message: 'Internal error' } };
}

export function attachLiveNamespace(io: Server, deps: LiveNamespaceDeps) {
  const nsp: LiveNamespace = io.of(NAMESPACE);
  const { logger, metrics } = deps;
  const heartbeat = createHeartbeatWatch({ logger, metrics, now: deps.now });

  /** Undefined when the connection may go on, else the refusal to answer the handshake with. */
  async function connectRefusal(limiter: Limiter | undefined, key: string): Promise<LiveError | undefined> {
    const r = await limiter?.consume(key).catch(() => ({ ok: true as const }));
    if (!r || r.ok) return undefined;
    deps.connectLimits?.onRefused();
    return new LiveError('rate_limited', 'Too many connections', { retryAfterMs: r.retryAfterMs });
  }

  nsp.use((socket, next) => {
    const limits = deps.connectLimits;
    authenticate(socket.handshake.auth?.token, deps).then(
      async (identity) => {
        const refused = await connectRefusal(limits?.known, identity.userId);
        if (refused) return next(handshakeError(refused));
        socket.data.identity = identity;
        socket.data.strikes = 0;
        socket.data.strikeWindowStart = deps.now();
        next();
      },
      async (err: unknown) => {
        const code = err instanceof LiveError ? err.code : 'unauthorized';
        deps.onAuthFailure(code);
        const refused = limits && (await connectRefusal(limits.unknown, limits.address(socket.request)));
        next(handshakeError(refused ?? err));
      },
    );
  });

  /** Counts a refused request; past the limit the socket is told `rate_limited` and closed. */
  function strike(socket: LiveSocket, retryAfterMs: number): void {
    const d = socket.data;
    const now = deps.now();
    if (now - d.strikeWindowStart > deps.strikeWindowMs) {
      d.strikes = 0;
      d.strikeWindowStart = now;
    }
    d.strikes += 1;
    if (d.strikes > deps.maxStrikes) {
      logger.warn({ userId: d.identity.userId }, 'socket cut off for sustained flooding');
      closeWith(socket, { type: 'rate_limited', message: 'Too many requests', retryAfterMs });
    }
  }

  /** Wraps a handler: rate limits, a missing ack, bad input and thrown errors never escape. */
  function handle<A>(socket: LiveSocket, run: (arg: unknown) => Promise<A>) {
    return (arg: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: A | ErrorAck) => void) : () => undefined;
      const { userId } = socket.data.identity;
      Promise.all([deps.socketRate.consume(socket.id), deps.userRate.consume(userId)])
        .then(([perSocket, perUser]) => {
          const refused = !perSocket.ok ? perSocket : !perUser.ok ? perUser : undefined;
          if (!refused) return run(arg).then(reply);
          metrics.rateLimited.inc({ limit: !perSocket.ok ? 'socket' : 'user' });
          // Answer first, so the client learns why before a cut-off.
          reply({
            ok: false,
            error: {
              code: 'rate_limited',
              message: 'Too many requests',
              details: { retryAfterMs: refused.retryAfterMs },
            },
          });
          strike(socket, refused.retryAfterMs);
        })
        .catch((err: unknown) => reply(errorAck(err, logger, metrics)));
    };
  }

  nsp.on('connection', (socket) => {
    const { identity } = socket.data;
    metrics.connections.inc({ role: identity.role });
    void socket.join(userRoom(identity.userId));
    // Presence is told per role: not every role sees colleagues' screens.
    void socket.join(roleRoom(identity.role));
    // Asked for changes: it gets one whole list first, then only what changed.
    if (wantsPresenceDelta(socket.handshake.auth)) void socket.join(presenceJoiningRoom(identity.role));
    if (identity.sessionId) void socket.join(sessionRoom(identity.sessionId));
    armExpiry(socket, deps);
    heartbeat.greet(socket);
    socket.on('disconnect', (reason) => heartbeat.closed(socket, reason));
    const seen = { userId: identity.userId, name: identity.name, role: identity.role };
    deps.presence
      .set(socket.id, seen)
      .then(deps.onPresenceChanged, (err: unknown) => logger.warn({ err }, 'presence not stored'));

    socket.on(
      'action',
      handle(socket, (raw) => deps.actions.apply(socket.data.identity, raw)),
    );
    socket.on(
      'live:ping',
      handle(socket, async (raw) => {
        const t = raw !== null && typeof raw === 'object' && 't' in raw && typeof raw.t === 'number' ? raw.t : 0;
        return { t, serverTime: deps.now() };
      }),
    );
    // Rate limited like every request: each one writes to the presence store.
    socket.on(
      'presence:set',
      handle(socket, async (raw) => {
        const parsed = PresenceSet.safeParse(raw);
        if (!parsed.success) return;
        await deps.presence.set(socket.id, { ...seen, view: parsed.data.view });
        deps.onPresenceChanged();
      }),
    );
    socket.on(
      'subscribe',
      handle(socket, async (raw) => {
        const req = parseOrThrow(SubscribeRequest, raw, 'subscribe request');
        // A channel joined again (the next chunk of a catch-up, a resync) is not a new subscription.
        const joined = new Set(req.channels.map((c) => c.channel).filter((c) => socket.rooms.has(c)));
        const results = await subscribeChannels(socket, deps.log, req, deps.replayChunk);
        for (const r of results)
          if (r.ok && !joined.has(r.channel))
            metrics.subscriptions.inc({ channel: r.channel.startsWith('user-') ? 'user' : r.channel });
        return { results };
      }),
    );
    socket.on(
      'unsubscribe',
      handle(socket, async (raw) => {
        const req = parseOrThrow(UnsubscribeRequest, raw, 'unsubscribe request');
        for (const c of req.channels) {
          if (!socket.rooms.has(c)) continue;
          await socket.leave(c);
          metrics.subscriptions.dec({ channel: c.startsWith('user-') ? 'user' : c });
        }
        return { ok: true };
      }),
    );
    socket.on(
      'auth:refresh',
      handle(socket, async (raw) => {
        const token = raw !== null && typeof raw === 'object' && 'token' in raw ? raw.token : undefined;
        const next = await authenticate(token, deps).catch((err: unknown) => {
          deps.onAuthFailure(err instanceof LiveError ? err.code : 'unauthorized');
          throw err;
        });
        if (next.userId !== socket.data.identity.userId) {
          throw new LiveError('forbidden', 'A token of another user cannot renew this connection');
        }
        if (next.sessionId !== socket.data.identity.sessionId) {
          if (socket.data.identity.sessionId) await socket.leave(sessionRoom(socket.data.identity.sessionId));
          if (next.sessionId) await socket.join(sessionRoom(next.sessionId));
        }
        socket.data.identity = next;
        armExpiry(socket, deps);
        return { ok: true as const, expiresAt: next.expiresAt };
      }),
    );

    socket.on('disconnecting', () => {
      disarm(socket);
      deps.presence.remove(socket.id).then(deps.onPresenceChanged, () => undefined);
      metrics.connections.dec({ role: identity.role });
      // Rooms are still joined here (not any more on 'disconnect').
      for (const room of socket.rooms) {
        if (!room.startsWith('#') && room !== socket.id)
          metrics.subscriptions.dec({ channel: room.startsWith('user-') ? 'user' : room });
      }
    });
  });

  const frames = createFrameBatcher({
    maxFrameEvents: deps.maxFrameEvents,
    windowMs: deps.frameBatching?.windowMs ?? 0,
    lagThresholdMs: deps.frameBatching?.lagThresholdMs ?? 0,
    lag: deps.frameBatching?.lag ?? (() => 0),
    send(channel, frame) {
      // Socket.IO encodes each frame once for the whole room.
      if (frame.length === 1) nsp.to(channel).emit('event', frame[0] as Delivery);
      else nsp.to(channel).emit('events', frame);
      const receivers = nsp.adapter.rooms.get(channel)?.size ?? 0;
      if (receivers > 0) for (const d of frame) metrics.eventsOut.inc({ type: d.event.type }, receivers);
    },
  });

  return {
    nsp,
    /** Sends deliveries in log order, each channel's to its room, in shared frames (frameBatcher.ts). */
    broadcast: (deliveries: Delivery[]): void => frames.push(deliveries),
    /** Sends what waits for its batching window now: before a drain closes the sockets. */
    flush: (): void => frames.flush(),
  };
}
