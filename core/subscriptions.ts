// Bringing the session's channels up to date: subscribe from the last position held so the log
// replays what was missed (in chunks, see catchUp.ts), reload from a snapshot where it cannot, and
// retry what the gateway refused.
import {
  LiveError,
  type ChannelSnapshot,
  type Delivery,
  type ErrorAck,
  type ErrorPayload,
  type PresenceEntry,
  type SubscribeResponse,
} from '../protocol';
import { chunkedRequest, takeReplay } from './catchUp';
import type { ChannelTracker } from './channelTracker';
import type { FrameBatcher } from './frameBatcher';
import type { ConnectParams } from './liveClient';
import type { LiveSocket, Ports } from './ports';
import type { PositionsWriter } from './positions';
import { loadSnapshot } from './snapshotLoader';

export interface SubscriptionsDeps {
  ports: Pick<Ports, 'clock' | 'logger' | 'http'>;
  /** How long a subscribe waits for its answer. */
  ackTimeoutMs: number;
  tracker: ChannelTracker;
  batcher: FrameBatcher;
  positions: PositionsWriter;
  /** What the host connected to, and the socket doing it (both unset after a disconnect). */
  session: () => { params: ConnectParams | undefined; socket: LiveSocket | undefined };
  /** Hands deliveries to the host. */
  /** Deliveries for the host; `replayed` holds the ids of those the log replayed (missed while away). */
  hand: (out: Delivery[], replayed?: ReadonlySet<string>) => void;
  /** A channel's state was reloaded from this snapshot. */
  onSnapshot: (snapshot: ChannelSnapshot) => void;
  /** Who is online, as the snapshot had it. */
  onPresence: (entries: PresenceEntry[]) => void;
  /**
   * Tells the host that the gateway refused the token of `socket`'s session; false when no host
   * callback took it on (none given, or it threw), so nothing will renew the token.
   */
  authRejected: (socket: LiveSocket, code: 'unauthorized' | 'token_expired') => boolean;
  /** Gives up until the user signs in again, or the host renews the token and retries. */
  setUnauthorized: (reason: string) => void;
  /** The session is `unauthorized`: a refused token would be refused again. */
  unauthorized: () => boolean;
}

/**
 * The refusal is about `replayLimit` itself (a gateway that predates chunks refuses the unknown
 * key), not about another field of the request: only then do replays come whole.
 */
function refusesReplayLimit(error: ErrorPayload): boolean {
  const issues = (error.details as { issues?: { path?: string; message?: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return error.message.includes('replayLimit');
  return issues.some((i) => i.path === 'replayLimit' || String(i.message ?? '').includes('replayLimit'));
}

export class Subscriptions {
  /**
   * Subscribes on their way, per socket (their answers will settle the channels). A count, not a
   * flag, and per socket: an ended session's subscribe, failing late as its socket closes, says
   * nothing of the current session's.
   */
  private readonly inFlight = new WeakMap<LiveSocket, number>();
  /** The host asked for the state of every channel: loaded when the subscribes on their way have answered. */
  private stateWanted = false;
  /**
   * Snapshots not retried while the session is unauthorized (the token would be refused again):
   * `retryNow`, once the host has a token, loads them.
   */
  private parked: { socket: LiveSocket; channels: Set<string> } | undefined;
  /** The gateway refused `replayLimit` (it predates chunks): whole replays on this connection. */
  private whole = false;

  /** A new connection (perhaps to an upgraded gateway): chunks are asked for again. */
  connected(): void {
    this.whole = false;
  }

  constructor(private readonly deps: SubscriptionsDeps) {}

  async subscribe(channels: string[]): Promise<void> {
    const { ports, tracker, batcher } = this.deps;
    const { clock, logger } = ports;
    const s = this.deps.session().socket;
    if (!s || !s.connected) return;
    for (const c of channels) tracker.hold(c);
    const request = chunkedRequest(tracker, channels, !this.whole);
    let response: SubscribeResponse | ErrorAck;
    this.inFlight.set(s, this.inFlightOn(s) + 1);
    try {
      response = await s.timeout(this.deps.ackTimeoutMs).emitWithAck('subscribe', request);
    } catch {
      // No answer: the connection is broken; reconnecting resubscribes everything.
      if (this.isCurrent(s)) s.disconnect();
      return;
    } finally {
      this.inFlight.set(s, this.inFlightOn(s) - 1);
    }
    if (!this.isCurrent(s)) return;
    if ('ok' in response) {
      // Refused as a whole (rate limit, the gateway's log briefly out of reach): the channels stay
      // held, with what arrived meanwhile, and the same subscribe goes again shortly.
      const code = response.error.code;
      if (code === 'validation_failed' && 'replayLimit' in request && refusesReplayLimit(response.error)) {
        logger.warn({}, 'the gateway does not take replayLimit: replays come whole');
        this.whole = true;
        return void this.subscribe(channels);
      }
      const retryAfterMs = Number(response.error.details?.retryAfterMs ?? 0) || 1000;
      logger.warn({ code, retryAfterMs }, 'subscribe refused; retrying');
      clock.setTimeout(
        () => {
          if (this.isCurrent(s)) void this.subscribe(channels);
        },
        Math.min(10_000, retryAfterMs),
      );
      return;
    }
    // The host asked for every channel's state: the last answer on its way loads it, for the
    // channels this subscribe covered and the others alike (a gap's resubscribe covers one).
    // A catch-up still going on: its last chunk's answer does it.
    const stateNow = this.stateWanted && this.inFlightOn(s) === 0 && !response.results.some((r) => r.more);
    const out: Delivery[] = [];
    const replayed = new Set<string>();
    const reload: string[] = [];
    const refused = new Set<string>();
    /** Channels whose catch-up goes on: the next chunk is asked for once this one is handed on. */
    const more: string[] = [];
    for (const r of response.results) {
      if (!r.ok) {
        logger.warn({ channel: r.channel, code: r.error?.code }, 'channel subscription refused');
        refused.add(r.channel);
        tracker.settleReplay(r.channel, [], out);
      } else if (r.recovered) {
        for (const d of r.events ?? []) replayed.add(d.event.id);
        if (takeReplay(tracker, r, out)) {
          more.push(r.channel);
          continue;
        }
        // Replayed from where an earlier run stopped: the host has the missed events, not the
        // state; a console asking for it gets the snapshot too.
        if (stateNow) {
          tracker.hold(r.channel);
          reload.push(r.channel);
        }
      } else {
        reload.push(r.channel);
      }
    }
    if (stateNow) {
      this.stateWanted = false;
      const params = this.paramsOf(s);
      for (const c of params ? this.withState(params) : []) {
        if (reload.includes(c) || refused.has(c)) continue;
        tracker.hold(c);
        reload.push(c);
      }
    }
    this.deps.hand(out, replayed);
    batcher.markStateChanged();
    if (reload.length > 0) void this.reloadFromSnapshot(s, reload, 0);
    if (more.length > 0) void this.subscribe(more);
    // Deferred for a catch-up that ended on its own (live deliveries joined on): loaded now.
    else if (this.stateWanted && !stateNow) this.resync();
  }

  /** Hands the host every channel's state again; waits for the subscription when one is on its way. */
  resync(): void {
    this.stateWanted = true;
    const { params, socket: s } = this.deps.session();
    // Not connected, or a subscribe on its way: its answer loads the state.
    if (!params || !s?.connected || this.inFlightOn(s) > 0) return;
    this.stateWanted = false;
    const channels = this.withState(params);
    for (const c of channels) this.deps.tracker.hold(c);
    if (channels.length > 0) void this.reloadFromSnapshot(s, channels, 0);
  }

  /**
   * Loads the snapshots parked while the session was unauthorized; true when there were some for
   * the live connection (the host renewed the token and retries).
   */
  retryNow(): boolean {
    const parked = this.parked;
    this.parked = undefined;
    const s = parked?.socket;
    if (!parked || !s?.connected || !this.isCurrent(s)) return false;
    void this.reloadFromSnapshot(s, [...parked.channels], 0);
    return true;
  }

  private inFlightOn(s: LiveSocket): number {
    return this.inFlight.get(s) ?? 0;
  }

  /** The session's channels that have a state to load (a position the gateway gave them). */
  private withState(params: ConnectParams): string[] {
    return params.channels.filter((c) => this.deps.tracker.positions.has(c));
  }

  /** `s` is still the session's socket: an answer to it still counts. */
  private isCurrent(s: LiveSocket): boolean {
    return s === this.deps.session().socket;
  }

  /** What the host connected to, while `s` is still the session's socket (undefined once it ended). */
  private paramsOf(s: LiveSocket): ConnectParams | undefined {
    const { params, socket } = this.deps.session();
    return s === socket ? params : undefined;
  }

  /** The log could not replay: the snapshot gives the state and where to continue from. */
  private async reloadFromSnapshot(s: LiveSocket, channels: string[], attempt: number): Promise<void> {
    const { ports, tracker } = this.deps;
    const params = this.paramsOf(s);
    if (!params) return;
    try {
      const snapshot = await loadSnapshot(ports.http, params.server, params.token, channels, (dropped) =>
        ports.logger.warn(
          { count: dropped.length, first: dropped.slice(0, 5) },
          'snapshot items the console cannot read were left out',
        ),
      );
      if (!this.isCurrent(s)) return;
      const out: Delivery[] = [];
      for (const c of snapshot.channels) {
        this.deps.onSnapshot(c);
        // A snapshot listener may have ended the session: nothing more of it reaches the host.
        if (!this.isCurrent(s)) return;
        tracker.settleSnapshot(c, out);
      }
      this.deps.onPresence(snapshot.presence);
      this.deps.hand(out);
      this.deps.positions.schedule();
    } catch (err) {
      // The session ended while the request was out: its answer concerns no one now.
      if (!this.paramsOf(s)) return;
      const code = err instanceof LiveError ? err.code : 'internal';
      ports.logger.warn({ code, attempt }, 'snapshot not loaded');
      if (code === 'unauthorized' || code === 'token_expired') {
        const taken = this.deps.authRejected(s, code);
        // The host's callback may have ended the session, or started another.
        if (!this.isCurrent(s)) return;
        // Nobody will renew the token: the session says so rather than stay "connected" with its
        // channels held, refused every 10 s.
        if (!taken) this.deps.setUnauthorized(code);
      }
      this.retryLater(s, channels, attempt);
    }
  }

  /** Tries the snapshot again on the backoff schedule; parks it while the session is unauthorized. */
  private retryLater(s: LiveSocket, channels: string[], attempt: number): void {
    const { clock } = this.deps.ports;
    const park = () => {
      if (this.parked?.socket !== s) this.parked = { socket: s, channels: new Set() };
      for (const c of channels) this.parked.channels.add(c);
    };
    if (this.deps.unauthorized()) return park();
    clock.setTimeout(
      () => {
        if (!this.paramsOf(s)) return;
        if (this.deps.unauthorized()) return park();
        void this.reloadFromSnapshot(s, channels, attempt + 1);
      },
      Math.min(10_000, 500 * 2 ** attempt),
    );
  }
}
