// The client's realtime session: one socket to the gateway, its connection state, subscriptions
// that resume from the last offset seen, gap detection and dedupe, and frame-batched delivery.
import type {
  ClientState,
  ConnectionInfo,
  ConnectionState,
  Delivery,
  LiveBatch,
  Position,
  SubscribeResponse,
  ErrorAck,
} from '../protocol';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { FrameBatcher } from './frameBatcher';
import type { LiveSocket, Ports, TimerHandle } from './ports';
import { RecentIds } from './recentIds';

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
}

export interface ConnectParams {
  server: string;
  token?: string;
  channels: string[];
  transports?: string[];
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
  /** Uses a renewed access token: on the live connection at once, and for every reconnect. */
  setToken(token: string): void;
  /** Gives up until the user signs in again. */
  setUnauthorized(reason: string): void;
  /** Disconnects and releases every listener on the host's ports. */
  close(): void;
}

const AUTH_CODES = new Set(['unauthorized', 'token_expired']);

export function createLiveClient(ports: Ports, options: LiveClientOptions = {}): LiveClient {
  const { clock, logger } = ports;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;

  let params: ConnectParams | undefined;
  let socket: LiveSocket | undefined;
  let connection: ConnectionInfo = { state: 'idle', since: clock.now(), attempt: 0 };
  let outageStart = 0;
  /** The last `session` notice: the reason of the server-side disconnect that follows it. */
  let notice: string | undefined;
  let retryTimer: TimerHandle | undefined;
  const positions = new Map<string, Position>();
  /** Channels with a subscribe in flight, and the live deliveries that arrived meanwhile. */
  const pending = new Map<string, Delivery[]>();
  const recent = new RecentIds(options.dedupeCapacity ?? 10_000);

  const getState = (): ClientState => ({
    connection: { ...connection },
    channels: Object.fromEntries(positions),
  });
  const batcher = new FrameBatcher(clock, options.frameMs ?? 16, getState);

  function setConnection(
    state: ConnectionState,
    extra: { attempt?: number; nextRetryAt?: number; reason?: string } = {},
  ): void {
    connection = {
      state,
      since: state !== connection.state ? clock.now() : connection.since,
      attempt: extra.attempt ?? connection.attempt,
      nextRetryAt: extra.nextRetryAt,
      reason: 'reason' in extra ? extra.reason : connection.reason,
      server: params?.server,
    };
    batcher.markStateChanged();
  }

  /** Accepts a delivery that continues its channel's log; anything else triggers a resync. */
  /** Deliveries that arrived ahead of a missing offset, per channel, and the timer that gives up. */
  const ahead = new Map<string, { held: Map<number, Delivery>; timer: TimerHandle }>();

  function releaseAhead(channel: string): Delivery[] {
    const a = ahead.get(channel);
    if (!a) return [];
    clock.clearTimeout(a.timer);
    ahead.delete(channel);
    return [...a.held.values()].sort((x, y) => x.offset - y.offset);
  }

  /** A real gap: replay from the last offset we have, keeping what came meanwhile for the seam. */
  function resync(channel: string, also: Delivery[]): void {
    const have = positions.get(channel)?.offset;
    logger.warn({ channel, have }, 'offset gap: resubscribing');
    pending.set(channel, [...releaseAhead(channel), ...also]);
    void subscribe([channel]);
  }

  function accept(d: Delivery, out: Delivery[]): void {
    const pos = positions.get(d.channel);
    if (pos && pos.epoch === d.epoch && d.offset <= pos.offset) return; // already have it
    if (pos && pos.epoch !== d.epoch) return resync(d.channel, [d]);
    if (pos && d.offset > pos.offset + 1) {
      // Skipped ahead: hold it a moment, the missing ones are probably on their way.
      let a = ahead.get(d.channel);
      if (!a) {
        const channel = d.channel;
        a = { held: new Map(), timer: clock.setTimeout(() => resync(channel, []), options.reorderMs ?? 250) };
        ahead.set(d.channel, a);
      }
      a.held.set(d.offset, d);
      return;
    }
    positions.set(d.channel, { epoch: d.epoch, offset: d.offset });
    if (recent.add(d.event.id)) out.push(d);
    // The missing one came: what was held behind it follows, in order.
    const a = ahead.get(d.channel);
    const next = a?.held.get(d.offset + 1);
    if (a && next) {
      a.held.delete(next.offset);
      if (a.held.size === 0) releaseAhead(d.channel);
      accept(next, out);
    }
  }

  function onDelivery(d: Delivery): void {
    const buffered = pending.get(d.channel);
    if (buffered) {
      buffered.push(d);
      return;
    }
    const out: Delivery[] = [];
    accept(d, out);
    batcher.pushEvents(out);
  }

  async function subscribe(channels: string[]): Promise<void> {
    const s = socket;
    if (!s) return;
    for (const c of channels) if (!pending.has(c)) pending.set(c, []);
    const request = channels.map((channel) => {
      const since = positions.get(channel);
      return since ? { channel, since } : { channel };
    });
    let response: SubscribeResponse | ErrorAck;
    try {
      response = await s.timeout(ackTimeoutMs).emitWithAck('subscribe', { channels: request });
    } catch {
      // No answer: the connection is broken; reconnecting resubscribes everything.
      if (s === socket) s.disconnect();
      return;
    }
    if (s !== socket) return;
    if ('ok' in response) {
      logger.error({ code: response.error.code }, 'subscribe refused');
      for (const c of channels) pending.delete(c);
      return;
    }
    const out: Delivery[] = [];
    for (const r of response.results) {
      const buffered = pending.get(r.channel) ?? [];
      pending.delete(r.channel);
      if (!r.ok) {
        logger.warn({ channel: r.channel, code: r.error?.code }, 'channel subscription refused');
        continue;
      }
      if (r.recovered) {
        for (const d of r.events ?? []) accept(d, out);
      } else {
        // The log cannot replay what was missed: continue from the head.
        positions.set(r.channel, { epoch: r.epoch, offset: r.offset });
      }
      for (const d of buffered) if (!pending.has(r.channel)) accept(d, out);
    }
    batcher.pushEvents(out);
    batcher.markStateChanged();
  }

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

  function wire(s: LiveSocket): void {
    s.on('connect', () => {
      cancelRetry();
      notice = undefined;
      setConnection('connected', { attempt: 0 });
      void subscribe(params?.channels ?? []);
    });
    s.on('disconnect', (transportReason: string) => {
      pending.clear();
      for (const channel of [...ahead.keys()]) releaseAhead(channel);
      for (const channel of [...ahead.keys()]) releaseAhead(channel);
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
    s.on('event', onDelivery);
    s.on('events', (ds) => {
      for (const d of ds) onDelivery(d);
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

  function retryNow(): void {
    if (!params || !socket || socket.connected) return;
    cancelRetry();
    setConnection('reconnecting', { attempt: connection.attempt + 1 });
    socket.connect();
  }

  function disconnect(): void {
    const s = socket;
    params = undefined;
    socket = undefined;
    cancelRetry();
    pending.clear();
    for (const channel of [...ahead.keys()]) releaseAhead(channel);
    s?.removeAllListeners();
    s?.disconnect();
    setConnection('idle', { attempt: 0 });
    batcher.flush();
  }

  return {
    connect(p: ConnectParams) {
      if (socket) disconnect();
      params = p;
      positions.clear();
      pending.clear();
      for (const channel of [...ahead.keys()]) releaseAhead(channel);
      for (const channel of [...ahead.keys()]) releaseAhead(channel);
      outageStart = clock.now();
      socket = ports.socketFactory(p.server, {
        transports: p.transports ?? ['websocket'],
        auth: p.token ? { token: p.token } : {},
      });
      wire(socket);
      connection = { state: 'idle', since: clock.now(), attempt: 0 };
      setConnection('connecting', { attempt: 0 });
      socket.connect();
    },
    disconnect,
    retryNow,
    getState,
    onBatch: (cb) => batcher.subscribe(cb),
    setToken(token: string) {
      if (!params || !socket) return;
      params = { ...params, token };
      socket.auth = { token };
      if (!socket.connected) return;
      const s = socket;
      s.timeout(ackTimeoutMs)
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
    close() {
      disconnect();
      stopNetwork();
    },
  };
}
