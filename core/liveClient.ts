// The client's realtime session: one socket to the gateway, its connection state and quality,
// subscriptions that resume from the last offset seen (kept across restarts), snapshots where the
// log cannot replay, gap detection and dedupe, and frame-batched delivery to the host.
import {
  LiveError,
  type ActionAck,
  type ActionRequest,
  type ChannelSnapshot,
  type ClientState,
  type ConnectionInfo,
  type ConnectionState,
  type Delivery,
  type ErrorAck,
  type LiveBatch,
  type Position,
  type PresenceEntry,
  type Quality,
  type SubscribeResponse,
} from '../protocol';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ChannelTracker } from './channelTracker';
import { FrameBatcher } from './frameBatcher';
import type { LiveSocket, Ports, TimerHandle } from './ports';
import { initialQuality, levelOf, withMissedPong, withSample } from './quality';
import { loadSnapshot } from './snapshotLoader';

export interface LiveClientOptions {
  /** Longest time events wait before they are handed to the host (one message per period). */
  frameMs?: number;
  /**
   * How long a delivery that skips ahead is held for the missing ones to arrive (in a cluster,
   * two nodes' broadcasts may cross) before the difference counts as a gap and is resynced.
   */
  reorderMs?: number;
  backoff?: BackoffPolicy;
  /** Uniform random in [0, 1) for backoff jitter. */
  random?: () => number;
  /** How long a request waits for its acknowledgement. */
  ackTimeoutMs?: number;
  /** How many event ids are remembered to drop repeats. */
  dedupeCapacity?: number;
  /** Round-trip probes while connected (0: none). Three unanswered in a row end the connection. */
  pingIntervalMs?: number;
  /** A batcher shared with the host, so everything reaches it in one message per frame. */
  batcher?: FrameBatcher;
}

export interface ConnectParams {
  server: string;
  token?: string;
  channels: string[];
  transports?: string[];
  /** Whose positions these are (saved with them; see `readPositions`). */
  userId?: string;
  /** Where to resume each channel from: positions saved by an earlier run (`readPositions`). */
  positions?: Record<string, Position>;
  /**
   * The gateway refused the token (`unauthorized`, `token_expired`) or ended the session
   * (`revoked`). Retries stop until the host calls `setToken` + `retryNow`, or `setUnauthorized`.
   */
  onAuthRejected?: (code: 'unauthorized' | 'token_expired' | 'revoked') => void;
}

export interface LiveClient {
  connect(params: ConnectParams): void;
  disconnect(): void;
  retryNow(): void;
  getState(): ClientState;
  onBatch(cb: (batch: LiveBatch) => void): () => void;
  /** Every delivery handed to the host, as it is handed (for the notification policy). */
  onDelivery(cb: (d: Delivery) => void): () => void;
  /** Every snapshot the client reloaded a channel from. */
  onSnapshot(cb: (s: ChannelSnapshot) => void): () => void;
  /** Connected or not, as it changes. */
  onConnectedChange(cb: (connected: boolean) => void): () => void;
  /** Sends an action on the live connection; rejects when there is none or no answer comes. */
  sendAction(req: ActionRequest, timeoutMs: number): Promise<ActionAck>;
  /** Uses a renewed access token: on the live connection at once, and for every reconnect. */
  setToken(token: string): void;
  /** Gives up until the user signs in again. */
  setUnauthorized(reason: string): void;
  /** Tells the gateway which view this device shows (presence). */
  setView(view: string): void;
  /**
   * Hands the host every channel's state again (snapshots, in the next batch): a console that
   * starts, or reloads, while the session is already live. Waits for the subscription when one is
   * on its way.
   */
  resync(): void;
  /** Disconnects and releases every listener on the host's ports. */
  close(): void;
}

const AUTH_CODES = new Set(['unauthorized', 'token_expired']);
const POSITIONS_KEY = 'positions';

/** Positions an earlier run saved for this user on this server (empty when none or unreadable). */
export async function readPositions(
  store: Ports['store'],
  server: string,
  userId: string | undefined,
): Promise<Record<string, Position>> {
  const raw = await store.get(POSITIONS_KEY).catch(() => undefined);
  if (!raw) return {};
  try {
    const stored = JSON.parse(raw) as { server?: unknown; userId?: unknown; channels?: Record<string, unknown> };
    if (stored.server !== server || stored.userId !== userId) return {};
    const out: Record<string, Position> = {};
    for (const [channel, pos] of Object.entries(stored.channels ?? {})) {
      const p = pos as { epoch?: unknown; offset?: unknown };
      if (typeof p?.epoch === 'string' && Number.isInteger(p.offset))
        out[channel] = { epoch: p.epoch, offset: p.offset as number };
    }
    return out;
  } catch {
    return {};
  }
}
const MAX_MISSED_PONGS = 3;

export function createLiveClient(ports: Ports, options: LiveClientOptions = {}): LiveClient {
  const { clock, logger } = ports;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const pingIntervalMs = options.pingIntervalMs ?? 5000;

  let params: ConnectParams | undefined;
  let socket: LiveSocket | undefined;
  let connection: ConnectionInfo = { state: 'idle', since: clock.now(), attempt: 0 };
  let outageStart = 0;
  let everConnected = false;
  /** The last `session` notice: the reason of the server-side disconnect that follows it. */
  let notice: string | undefined;
  let retryTimer: TimerHandle | undefined;
  let pingTimer: TimerHandle | undefined;
  let saveTimer: TimerHandle | undefined;
  let lastRtt: number | undefined;
  let quality: Quality = initialQuality();
  let presence: PresenceEntry[] = [];
  let view: string | undefined;
  /** A subscribe is on its way (its answer will settle the channels). */
  let subscribing = false;
  /** The host asked for the state of every channel: loaded after the next (or current) subscribe. */
  let stateWanted = false;
  const deliveryListeners = new Set<(d: Delivery) => void>();
  const snapshotListeners = new Set<(s: ChannelSnapshot) => void>();
  const connectedListeners = new Set<(connected: boolean) => void>();

  const tracker = new ChannelTracker(clock, options.reorderMs ?? 250, options.dedupeCapacity ?? 10_000, (channel) => {
    void subscribe([channel]);
  });

  const getState = (): ClientState => ({
    connection: { ...connection },
    channels: Object.fromEntries(tracker.positions),
    quality: { ...quality, lastEventAt: { ...quality.lastEventAt } },
    ...(presence.length > 0 ? { presence } : {}),
  });
  const batcher = options.batcher ?? new FrameBatcher(clock, options.frameMs ?? 16, getState);

  function setConnection(
    state: ConnectionState,
    extra: { attempt?: number; nextRetryAt?: number; reason?: string } = {},
  ): void {
    const wasConnected = connection.state === 'connected';
    connection = {
      state,
      since: state !== connection.state ? clock.now() : connection.since,
      attempt: extra.attempt ?? connection.attempt,
      nextRetryAt: extra.nextRetryAt,
      reason: 'reason' in extra ? extra.reason : connection.reason,
      server: params?.server,
    };
    quality = { ...quality, level: levelOf(quality, state === 'connected') };
    batcher.markStateChanged();
    if (wasConnected !== (state === 'connected')) for (const cb of connectedListeners) cb(state === 'connected');
  }

  function hand(out: Delivery[]): void {
    if (out.length === 0) return;
    const t = clock.now();
    for (const d of out) quality.lastEventAt[d.channel] = t;
    batcher.pushEvents(out);
    for (const d of out) for (const cb of deliveryListeners) cb(d);
    schedulePositionsSave();
  }

  // ---- positions kept across restarts ----

  function schedulePositionsSave(): void {
    if (saveTimer !== undefined || !params) return;
    saveTimer = clock.setTimeout(() => {
      saveTimer = undefined;
      void savePositions();
    }, 1000);
  }

  async function savePositions(): Promise<void> {
    if (!params) return;
    const value = JSON.stringify({
      server: params.server,
      userId: params.userId,
      channels: Object.fromEntries(tracker.positions),
    });
    await ports.store
      .set(POSITIONS_KEY, value)
      .catch((err: unknown) => logger.warn({ err: String(err) }, 'positions not saved'));
  }

  // ---- subscriptions ----

  async function subscribe(channels: string[]): Promise<void> {
    const s = socket;
    if (!s || !s.connected) return;
    for (const c of channels) tracker.hold(c);
    const request = channels.map((channel) => {
      const since = tracker.positions.get(channel);
      return since ? { channel, since } : { channel };
    });
    let response: SubscribeResponse | ErrorAck;
    subscribing = true;
    try {
      response = await s.timeout(ackTimeoutMs).emitWithAck('subscribe', { channels: request });
    } catch {
      // No answer: the connection is broken; reconnecting resubscribes everything.
      if (s === socket) s.disconnect();
      return;
    } finally {
      subscribing = false;
    }
    if (s !== socket) return;
    if ('ok' in response) {
      // Refused as a whole (rate limit, the gateway's log briefly out of reach): the channels stay
      // held, with what arrived meanwhile, and the same subscribe goes again shortly.
      const code = response.error.code;
      const retryAfterMs = Number(response.error.details?.retryAfterMs ?? 0) || 1000;
      logger.warn({ code, retryAfterMs }, 'subscribe refused; retrying');
      clock.setTimeout(
        () => {
          if (s === socket) void subscribe(channels);
        },
        Math.min(10_000, retryAfterMs),
      );
      return;
    }
    const out: Delivery[] = [];
    const reload: string[] = [];
    for (const r of response.results) {
      if (!r.ok) {
        logger.warn({ channel: r.channel, code: r.error?.code }, 'channel subscription refused');
        tracker.settleReplay(r.channel, [], out);
      } else if (r.recovered) {
        tracker.settleReplay(r.channel, r.events ?? [], out);
        // Replayed from where an earlier run stopped: the host has the missed events, not the
        // state; a console asking for it gets the snapshot too.
        if (stateWanted) {
          tracker.hold(r.channel);
          reload.push(r.channel);
        }
      } else {
        reload.push(r.channel);
      }
    }
    stateWanted = false;
    hand(out);
    batcher.markStateChanged();
    if (reload.length > 0) void reloadFromSnapshot(s, reload, 0);
  }

  function resync(): void {
    stateWanted = true;
    const s = socket;
    // Not connected, or a subscribe on its way: its answer loads the state.
    if (!params || !s?.connected || subscribing) return;
    stateWanted = false;
    const channels = params.channels.filter((c) => tracker.positions.has(c));
    for (const c of channels) tracker.hold(c);
    if (channels.length > 0) void reloadFromSnapshot(s, channels, 0);
  }

  /** The log could not replay: the snapshot gives the state and where to continue from. */
  async function reloadFromSnapshot(s: LiveSocket, channels: string[], attempt: number): Promise<void> {
    if (!params || s !== socket) return;
    try {
      const snapshot = await loadSnapshot(ports.http, params.server, params.token, channels);
      if (s !== socket) return;
      const out: Delivery[] = [];
      for (const c of snapshot.channels) {
        batcher.pushSnapshot(c);
        for (const cb of snapshotListeners) cb(c);
        tracker.settleSnapshot(c, out);
      }
      presence = snapshot.presence;
      hand(out);
      schedulePositionsSave();
    } catch (err) {
      const code = err instanceof LiveError ? err.code : 'internal';
      logger.warn({ code, attempt }, 'snapshot not loaded; retrying');
      if (code === 'unauthorized' || code === 'token_expired') params.onAuthRejected?.(code);
      clock.setTimeout(() => void reloadFromSnapshot(s, channels, attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
    }
  }

  // ---- reconnecting ----

  function scheduleRetry(): void {
    if (!params || retryTimer !== undefined) return;
    if (!ports.network.online()) {
      setConnection('offline');
      return;
    }
    const attempt = connection.attempt + 1;
    const delay = backoffDelay(attempt, clock.now() - outageStart, random(), backoff);
    setConnection('reconnecting', { attempt, nextRetryAt: clock.now() + delay });
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      socket?.connect();
    }, delay);
  }

  function cancelRetry(): void {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  // ---- round trips ----

  function schedulePing(): void {
    if (pingIntervalMs <= 0 || pingTimer !== undefined) return;
    pingTimer = clock.setTimeout(() => {
      pingTimer = undefined;
      void ping();
    }, pingIntervalMs);
  }

  async function ping(): Promise<void> {
    const s = socket;
    if (!s?.connected) return;
    const sent = clock.now();
    try {
      const res = await s.timeout(pingIntervalMs).emitWithAck('live:ping', { t: sent });
      if (s !== socket) return;
      if ('ok' in res) throw new Error(res.error.code);
      const rtt = clock.now() - sent;
      quality = withSample(quality, rtt, lastRtt, true);
      lastRtt = rtt;
    } catch {
      if (s !== socket) return;
      quality = withMissedPong(quality, s.connected);
      if (quality.missedPongs >= MAX_MISSED_PONGS) {
        logger.warn({ missed: quality.missedPongs }, 'no answer to pings: reconnecting');
        s.disconnect();
        s.connect();
      }
    }
    batcher.markStateChanged();
    schedulePing();
  }

  function stopPing(): void {
    if (pingTimer !== undefined) clock.clearTimeout(pingTimer);
    pingTimer = undefined;
  }

  // ---- the socket ----

  function wire(s: LiveSocket): void {
    s.on('connect', () => {
      cancelRetry();
      notice = undefined;
      // A new connection starts with a clean slate of pongs.
      quality = { ...quality, missedPongs: 0, ...(everConnected ? { reconnects: quality.reconnects + 1 } : {}) };
      everConnected = true;
      setConnection('connected', { attempt: 0 });
      void subscribe(params?.channels ?? []);
      if (view) s.emit('presence:set', { view });
      schedulePing();
    });
    s.on('disconnect', (transportReason: string) => {
      tracker.reset();
      stopPing();
      lastRtt = undefined;
      void savePositions();
      if (!params) return;
      const reason = notice ?? transportReason;
      notice = undefined;
      outageStart = clock.now();
      // Socket.IO does not reconnect by itself here: we own the schedule. A draining gateway
      // means "come back at once" (to another node, or to this one restarted).
      if (reason === 'draining') {
        cancelRetry();
        setConnection('connecting', { attempt: 0, reason });
        s.connect();
        return;
      }
      if (reason === 'token_expired' || reason === 'revoked') {
        cancelRetry();
        setConnection('reconnecting', { reason });
        params.onAuthRejected?.(reason);
        return;
      }
      setConnection(connection.state, { reason });
      scheduleRetry();
    });
    s.on('connect_error', (err) => {
      logger.debug({ message: err.message }, 'connect failed');
      if (connection.state === 'connecting' && connection.attempt === 0) outageStart = clock.now();
      const code = (err.data as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && AUTH_CODES.has(code) && params?.onAuthRejected) {
        setConnection('reconnecting', { reason: code });
        params.onAuthRejected(code as 'unauthorized' | 'token_expired');
        return;
      }
      scheduleRetry();
    });
    s.on('session', (n) => {
      logger.info({ type: n.type }, 'server session notice');
      // Only notices that announce a disconnect explain the next one; `expiring` is a heads-up.
      if (n.type !== 'expiring') notice = n.type;
      setConnection(n.type === 'draining' ? 'draining' : connection.state, { reason: n.type });
    });
    s.on('presence', (entries) => {
      presence = entries;
      batcher.markStateChanged();
    });
    s.on('event', (d) => {
      const out: Delivery[] = [];
      tracker.receive(d, out);
      hand(out);
    });
    s.on('events', (ds) => {
      const out: Delivery[] = [];
      for (const d of ds) tracker.receive(d, out);
      hand(out);
    });
  }

  const stopNetwork = ports.network.onChange((online) => {
    if (!params) return;
    if (!online) {
      if (connection.state !== 'connected') {
        cancelRetry();
        setConnection('offline');
      }
      return;
    }
    if (connection.state !== 'connected') retryNow();
  });
  // Waking from sleep: the old connection is likely dead; do not wait for the backoff.
  const stopResume = ports.network.onResume?.(() => {
    if (params && connection.state !== 'connected') retryNow();
  });

  function retryNow(): void {
    if (!params || !socket || socket.connected) return;
    cancelRetry();
    setConnection('reconnecting', { attempt: connection.attempt + 1 });
    socket.connect();
  }

  function disconnect(): void {
    const s = socket;
    void savePositions();
    params = undefined;
    socket = undefined;
    cancelRetry();
    stopPing();
    tracker.reset();
    presence = [];
    s?.removeAllListeners();
    s?.disconnect();
    setConnection('idle', { attempt: 0 });
    batcher.flush();
  }

  return {
    connect(p: ConnectParams) {
      if (socket) disconnect();
      params = p;
      tracker.positions.clear();
      tracker.reset();
      quality = initialQuality();
      everConnected = false;
      outageStart = clock.now();
      const s = ports.socketFactory(p.server, {
        transports: p.transports ?? ['websocket'],
        auth: p.token ? { token: p.token } : {},
      });
      socket = s;
      wire(s);
      connection = { state: 'idle', since: clock.now(), attempt: 0 };
      setConnection('connecting', { attempt: 0 });
      // Positions from an earlier run of the same user on the same server: replay what was missed.
      for (const [channel, pos] of Object.entries(p.positions ?? {})) {
        if (p.channels.includes(channel)) tracker.positions.set(channel, pos);
      }
      s.connect();
    },
    disconnect,
    retryNow,
    resync,
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
    onConnectedChange(cb) {
      connectedListeners.add(cb);
      return () => connectedListeners.delete(cb);
    },
    async sendAction(req, timeoutMs) {
      const s = socket;
      if (!s?.connected) throw new LiveError('unavailable', 'Not connected');
      return s.timeout(timeoutMs).emitWithAck('action', req);
    },
    setToken(token: string) {
      if (!params || !socket) return;
      params = { ...params, token };
      socket.auth = { token };
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
    setUnauthorized(reason: string) {
      if (!params) return;
      cancelRetry();
      setConnection('unauthorized', { reason });
    },
    setView(v: string) {
      view = v;
      if (socket?.connected) socket.emit('presence:set', { view: v });
    },
    close() {
      disconnect();
      stopNetwork();
      stopResume?.();
    },
  };
}
