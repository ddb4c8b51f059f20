// When to try again after the connection drops: on the backoff schedule through an outage, at once
// when the network comes back or the machine wakes, and not while the OS says it is offline. The
// OS saying it is offline ends a live connection at once: shown now, not when a ping times out.
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { ConnectionStatus } from './connectionStatus';
import type { LiveSocket, Ports, TimerHandle } from './ports';

/** The reason a connection ended because the OS went offline carries. */
export const OFFLINE_REASON = 'offline';
/** The reason shown while the gateway refused to connect for a while (too many connections). */
export const TOO_MANY_CONNECTIONS = 'rate_limited';

export class Reconnector {
  private timer: TimerHandle | undefined;
  /** When the outage began: the backoff grows more patient after its first minute. */
  private outageStart = 0;
  private readonly stopNetwork: () => void;
  private readonly stopResume: (() => void) | undefined;

  constructor(
    private readonly ports: Pick<Ports, 'clock' | 'network'>,
    private readonly backoff: BackoffPolicy,
    /** Uniform random in [0, 1) for backoff jitter. */
    private readonly random: () => number,
    private readonly status: ConnectionStatus,
    /** The host asked for a connection (and has not asked to disconnect since). */
    private readonly active: () => boolean,
    /** The session's socket, if any. */
    private readonly socket: () => LiveSocket | undefined,
    /** Ends the live connection (its drop then comes back here through `schedule`). */
    private readonly drop: (s: LiveSocket) => void,
  ) {
    this.stopNetwork = ports.network.onChange((online) => {
      if (!this.active()) return;
      if (!online) {
        const s = this.socket();
        if (s?.connected) {
          this.drop(s);
          return;
        }
        this.cancel();
        this.status.set('offline');
        return;
      }
      if (this.status.info.state !== 'connected') this.retryNow();
    });
    // Waking from sleep: the old connection is likely dead; do not wait for the backoff.
    this.stopResume = ports.network.onResume?.(() => {
      if (this.active() && this.status.info.state !== 'connected') this.retryNow();
    });
  }

  /** An outage starts now (or a first connection is being tried). */
  outageStarted(): void {
    this.outageStart = this.ports.clock.now();
  }

  /**
   * Schedules the next attempt, unless one is scheduled already or the network is down. A refusal
   * that says when to come back (`rate_limited`) gives `minDelayMs` and its reason.
   */
  schedule(minDelayMs = 0, reason?: typeof TOO_MANY_CONNECTIONS): void {
    const { clock, network } = this.ports;
    if (!this.active() || this.timer !== undefined) return;
    if (!network.online()) {
      this.status.set('offline');
      return;
    }
    const attempt = this.status.info.attempt + 1;
    const delay = Math.max(
      minDelayMs,
      backoffDelay(attempt, clock.now() - this.outageStart, this.random(), this.backoff),
    );
    // Armed before the status is told, so that a listener ending the session cancels it.
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.socket()?.connect();
    }, delay);
    const said = this.status.info.reason === TOO_MANY_CONNECTIONS || reason ? { reason } : {};
    this.status.set('reconnecting', { attempt, nextRetryAt: clock.now() + delay, ...said });
  }

  cancel(): void {
    if (this.timer !== undefined) this.ports.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Tries at once, without waiting for the backoff. */
  retryNow(): void {
    const s = this.socket();
    if (!this.active() || !s || s.connected) return;
    this.cancel();
    this.status.set('reconnecting', { attempt: this.status.info.attempt + 1 });
    s.connect();
  }

  /** Stops listening to the network. */
  close(): void {
    this.stopNetwork();
    this.stopResume?.();
  }
}
