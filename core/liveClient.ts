// The client's realtime session: one socket to the gateway and what happens on it. It composes the
// parts: connection status and quality, reconnects, round trips, subscriptions that resume from the
// last offset seen (kept across restarts) or reload a snapshot, gap detection and dedupe, and
// frame-batched delivery to the host.
import { LiveError, type ChannelSnapshot, type ClientState, type Delivery, type PresenceEntry } from '../protocol';
import { DEFAULT_BACKOFF } from './backoff';
import { ChannelTracker } from './channelTracker';
import { ConnectionStatus } from './connectionStatus';
import { FrameBatcher } from './frameBatcher';
import { handshakeAuth } from './handshake';
import { Pinger, SILENCE_REASON, silenceFor } from './pinger';
import type { LiveSocket, Ports } from './ports';
import { PositionsWriter } from './positions';
import { initialQuality } from './quality';
import { applyPresenceDelta } from './presenceList';
import { OFFLINE_REASON, Reconnector, TOO_MANY_CONNECTIONS } from './reconnector';
import { Subscriptions } from './subscriptions';

import type { AuthRejection, ConnectParams, LiveClient, LiveClientOptions } from './liveClientTypes';

export type { AuthRejection, ConnectParams, LiveClient, LiveClientOptions };

const AUTH_CODES = new Set(['unauthorized', 'token_expired']);

/** One small ping per 2 s: a silently dead network is noticed within 4.5 s (`silenceFor`). */
export const DEFAULT_PING_INTERVAL_MS = 2000;

export function createLiveClient(ports: Ports, options: LiveClientOptions = {}): LiveClient {
  const { clock, logger } = ports;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;

  let params: ConnectParams | undefined;
  let socket: LiveSocket | undefined;
  let everConnected = false;
  /** The last `session` notice: the reason of the server-side disconnect that follows it. */
  let notice: string | undefined;
  /** The last connection's id: the next handshake names it, to be told why it ended (heartbeat). */
  let previousId: string | undefined;
  let presence: PresenceEntry[] = [];
  let view: string | undefined;
  const deliveryListeners = new Set<(d: Delivery, catchUp: boolean) => void>();
  const snapshotListeners = new Set<(s: ChannelSnapshot) => void>();

  const tracker = new ChannelTracker(clock, options.reorderMs ?? 250, options.dedupeCapacity ?? 10_000, (channel) => {
    void subscriptions.subscribe([channel]);
  });

  const getState = (): ClientState => ({
    connection: { ...status.info },
    channels: Object.fromEntries(tracker.positions),
    quality: { ...status.quality, lastEventAt: { ...status.quality.lastEventAt } },
    ...(presence.length > 0 ? { presence } : {}),
  });
  const batcher = options.batcher ?? new FrameBatcher(clock, options.frameMs ?? 16, getState);
  const changed = () => batcher.markStateChanged();
  const status = new ConnectionStatus(clock, () => params?.server, changed);
  const positions = new PositionsWriter(
    ports,
    () => params && { server: params.server, userId: params.userId, positions: tracker.positions },
  );
  const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
  const pinger = new Pinger(
    ports,
    pingIntervalMs,
    options.silenceMs ?? silenceFor(pingIntervalMs),
    status,
    () => socket,
    changed,
    (s) => dropConnection(s, SILENCE_REASON),
  );
  const reconnector = new Reconnector(
    ports,
    options.backoff ?? DEFAULT_BACKOFF,
    options.random ?? Math.random,
    status,
    () => params !== undefined,
    () => socket,
    (s) => dropConnection(s, OFFLINE_REASON),
  );

  /** Ends a connection we hold dead; the drop reads as why, and the reconnector takes it on. */
  function dropConnection(s: LiveSocket, reason: string): void {
    if (s !== socket || !s.connected) return;
    notice = reason;
    s.disconnect();
  }
  const subscriptions = new Subscriptions({
    ports,
    ackTimeoutMs,
    tracker,
    batcher,
    positions,
    session: () => ({ params, socket }),
    hand,
    onSnapshot: (c) => {
      batcher.pushSnapshot(c);
      for (const cb of snapshotListeners) cb(c);
    },
    onPresence: (entries) => {
      presence = entries;
    },
    authRejected: (s, code) => authRejected(s, code),
    setUnauthorized: (reason) => setUnauthorized(reason),
    unauthorized: () => status.info.state === 'unauthorized',
  });

  function hand(out: Delivery[], replayed?: ReadonlySet<string>): void {
    if (out.length === 0) return;
    const t = clock.now();
    for (const d of out) status.quality.lastEventAt[d.channel] = t;
    batcher.pushEvents(out);
    for (const d of out) {
      const catchUp = replayed?.has(d.event.id) ?? false;
      for (const cb of deliveryListeners) cb(d, catchUp);
    }
    positions.schedule();
  }

  /**
   * What the host connected to, while `s` is still the session's socket. Listeners that are told
   * of a change may end the session (or start another) before the handler telling them returns.
   */
  const sessionOf = (s: LiveSocket): ConnectParams | undefined => (s === socket ? params : undefined);

  /**
   * Tells the host the gateway refused the token of `s`'s session. The callback is the host's
   * code: if it throws, that is logged and the client goes on with its own handling. Returns
   * whether the host took it on (none to tell, or a throw: nothing will renew the token).
   */
  function authRejected(s: LiveSocket, code: AuthRejection): boolean {
    const p = sessionOf(s);
    if (!p?.onAuthRejected) return false;
    try {
      p.onAuthRejected(code);
      return true;
    } catch (err) {
      logger.error({ code, err: String(err) }, 'onAuthRejected threw; the session needs a new sign-in');
      return false;
    }
  }

  /** Retries stop until the user signs in again (or the host renews the token and retries). */
  function setUnauthorized(reason: string): void {
    if (!params) return;
    reconnector.cancel();
    status.set('unauthorized', { reason });
  }

  function wire(s: LiveSocket): void {
    s.on('connect', () => {
      reconnector.cancel();
      notice = undefined;
      // A new connection starts with a clean slate of pongs.
      const q = status.quality;
      status.quality = { ...q, missedPongs: 0, ...(everConnected ? { reconnects: q.reconnects + 1 } : {}) };
      everConnected = true;
      status.set('connected', { attempt: 0 });
      const p = sessionOf(s);
      if (!p) return;
      previousId = s.id;
      s.auth = auth(p.token);
      subscriptions.connected();
      void subscriptions.subscribe(p.channels);
      if (view) s.emit('presence:set', { view });
      pinger.start();
    });
    s.on('disconnect', (transportReason: string) => {
      tracker.reset();
      pinger.connectionLost();
      void positions.save();
      if (!sessionOf(s)) return;
      const reason = notice ?? transportReason;
      notice = undefined;
      reconnector.outageStarted();
      // Socket.IO does not reconnect by itself here: we own the schedule. A draining gateway
      // means "come back at once" (to another node, or to this one restarted).
      if (reason === 'draining') {
        reconnector.cancel();
        status.set('connecting', { attempt: 0, reason });
        s.connect();
        return;
      }
      if (reason === 'token_expired' || reason === 'revoked') {
        reconnector.cancel();
        status.set('reconnecting', { reason });
        // Nobody will renew it when the host could not take it on: say so rather than wait.
        const p = sessionOf(s);
        if (p && !authRejected(s, reason) && sessionOf(s) === p) setUnauthorized(reason);
        return;
      }
      status.set(status.info.state, { reason });
      reconnector.schedule();
    });
    s.on('connect_error', (err) => {
      logger.debug({ message: err.message }, 'connect failed');
      if (status.info.state === 'connecting' && status.info.attempt === 0) reconnector.outageStarted();
      const code = (err.data as { code?: unknown } | undefined)?.code;
      const p = sessionOf(s);
      if (typeof code === 'string' && AUTH_CODES.has(code) && p?.onAuthRejected) {
        status.set('reconnecting', { reason: code });
        if (!authRejected(s, code as AuthRejection) && sessionOf(s) === p) setUnauthorized(code);
        return;
      }
      if (code === TOO_MANY_CONNECTIONS) {
        // The gateway said when to come back: not before, and the console says why it waits.
        const ms = (err.data as { details?: { retryAfterMs?: unknown } }).details?.retryAfterMs;
        reconnector.schedule(typeof ms === 'number' && ms > 0 ? ms : 0, TOO_MANY_CONNECTIONS);
        return;
      }
      reconnector.schedule();
    });
    s.on('session', (n) => {
      pinger.heard();
      logger.info({ type: n.type }, 'server session notice');
      // Only notices that announce a disconnect explain the next one: `expiring` is a heads-up,
      // `heartbeat_timeout` explains the one before (the client was frozen).
      if (n.type !== 'expiring' && n.type !== 'heartbeat_timeout') notice = n.type;
      status.set(n.type === 'draining' ? 'draining' : status.info.state, { reason: n.type });
    });
    s.on('presence', (entries) => {
      pinger.heard();
      presence = entries;
      batcher.markStateChanged();
    });
    s.on('presence:delta', (delta) => {
      pinger.heard();
      presence = applyPresenceDelta(presence, delta);
      batcher.markStateChanged();
    });
    s.on('event', (d) => {
      pinger.heard();
      const out: Delivery[] = [];
      tracker.receive(d, out);
      hand(out);
    });
    s.on('events', (ds) => {
      pinger.heard();
      const out: Delivery[] = [];
      for (const d of ds) tracker.receive(d, out);
      hand(out);
    });
  }

  function disconnect(): void {
    const s = socket;
    void positions.save();
    params = undefined;
    socket = undefined;
    reconnector.cancel();
    // The next session's jitter starts afresh, as after a lost connection.
    pinger.connectionLost();
    tracker.reset();
    presence = [];
    s?.removeAllListeners();
    s?.disconnect();
    status.set('idle', { attempt: 0 });
    batcher.flush();
  }

  const auth = (token: string | undefined) => handshakeAuth(token, ports.client, previousId);

  return {
    connect(p: ConnectParams) {
      if (socket) disconnect();
      params = p;
      tracker.positions.clear();
      tracker.reset();
      status.quality = initialQuality();
      everConnected = false;
      reconnector.outageStarted();
      const s = ports.socketFactory(p.server, {
        transports: p.transports ?? ['websocket'],
        auth: auth(p.token),
      });
      socket = s;
      wire(s);
      status.restart();
      status.set('connecting', { attempt: 0 });
      // Positions from an earlier run of the same user on the same server: replay what was missed.
      for (const [channel, pos] of Object.entries(p.positions ?? {})) {
        if (p.channels.includes(channel)) tracker.positions.set(channel, pos);
      }
      s.connect();
    },
    disconnect,
    retryNow() {
      // Still connected, with snapshots refused for the token: the host has renewed it. A refusal
      // of the new one says `unauthorized` again.
      if (status.info.state === 'unauthorized' && subscriptions.retryNow()) {
        status.set('connected', { reason: undefined });
        return;
      }
      reconnector.retryNow();
    },
    resync: () => subscriptions.resync(),
    getState,
    onBatch: (cb) => batcher.subscribe(cb),
    onDelivery(cb) {
      deliveryListeners.add(cb);
      return () => deliveryListeners.delete(cb);
    },
    onSnapshot(cb) {
      snapshotListeners.add(cb);
      return () => snapshotListeners.delete(cb);
    },
    onConnectedChange: (cb) => status.onConnectedChange(cb),
    async sendAction(req, timeoutMs) {
      const s = socket;
      if (!s?.connected) throw new LiveError('unavailable', 'Not connected');
      return s.timeout(timeoutMs).emitWithAck('action', req);
    },
    setToken(token: string) {
      if (!params || !socket) return;
      params = { ...params, token };
      socket.auth = auth(token);
      if (!socket.connected) return;
      socket
        .timeout(ackTimeoutMs)
        .emitWithAck('auth:refresh', { token })
        .then(
          (res) => {
            if (!res.ok) logger.warn({ code: res.error.code }, 'token renewal refused on the live connection');
          },
          () => logger.warn({}, 'token renewal unanswered'),
        );
    },
    setUnauthorized,
    setView(v: string) {
      view = v;
      if (socket?.connected) socket.emit('presence:set', { view: v });
    },
    close() {
      disconnect();
      reconnector.close();
    },
  };
}
