// Round trips while connected: a small ping every interval feeds RTT and jitter into the
// connection's quality. A connection the gateway has been silent on for `silenceMs` (no pong, no
// delivery, no notice) is held dead, whatever the socket believes: a network that drops packets
// without closing anything sends no FIN, and the transport's own heartbeat takes far longer.
import type { ConnectionStatus } from './connectionStatus';
import type { LiveSocket, Ports, TimerHandle } from './ports';
import { withMissedPong, withSample } from './quality';

/** The reason a connection ended by the silence watchdog carries (Socket.IO's own wording). */
export const SILENCE_REASON = 'ping timeout';

/** Silence after which a connection is held dead, for a ping interval (two pings and a margin). */
export const silenceFor = (intervalMs: number): number => Math.round(2.25 * intervalMs);

export class Pinger {
  private timer: TimerHandle | undefined;
  private watchdog: TimerHandle | undefined;
  private lastRtt: number | undefined;
  /** When the gateway was last heard from on the current connection. */
  private lastHeard = 0;

  constructor(
    private readonly ports: Pick<Ports, 'clock' | 'logger'>,
    /** 0: no pings and no watchdog. */
    private readonly intervalMs: number,
    private readonly silenceMs: number,
    private readonly status: ConnectionStatus,
    /** The session's socket, if any. */
    private readonly socket: () => LiveSocket | undefined,
    /** Something the host shows changed. */
    private readonly changed: () => void,
    /** The connection is held dead: the caller ends it and starts reconnecting. */
    private readonly dead: (s: LiveSocket) => void,
  ) {}

  /** A connection is up: pings after the interval, and again after every answer or timeout. */
  start(): void {
    if (this.intervalMs <= 0) return;
    this.heard();
    this.armWatchdog();
    this.schedulePing();
  }

  /** Something came from the gateway: the connection is alive. Cheap; called per delivery. */
  heard(): void {
    this.lastHeard = this.ports.clock.now();
  }

  stop(): void {
    const { clock } = this.ports;
    if (this.timer !== undefined) clock.clearTimeout(this.timer);
    if (this.watchdog !== undefined) clock.clearTimeout(this.watchdog);
    this.timer = undefined;
    this.watchdog = undefined;
  }

  /** The connection dropped: no pings, and the next connection's jitter starts afresh. */
  connectionLost(): void {
    this.stop();
    this.lastRtt = undefined;
  }

  private schedulePing(): void {
    if (this.timer !== undefined) return;
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = undefined;
      void this.ping();
    }, this.intervalMs);
  }

  /** Fires `silenceMs` after the last thing heard; re-arms itself while the gateway speaks. */
  private armWatchdog(): void {
    const { clock } = this.ports;
    if (this.watchdog !== undefined) return;
    const due = this.lastHeard + this.silenceMs - clock.now();
    this.watchdog = clock.setTimeout(
      () => {
        this.watchdog = undefined;
        const s = this.socket();
        if (!s?.connected) return;
        if (clock.now() - this.lastHeard < this.silenceMs) {
          this.armWatchdog();
          return;
        }
        this.ports.logger.warn({ silentMs: clock.now() - this.lastHeard }, 'gateway silent: reconnecting');
        this.stop();
        this.dead(s);
      },
      Math.max(0, due),
    );
  }

  private async ping(): Promise<void> {
    const { clock } = this.ports;
    const s = this.socket();
    if (!s?.connected) return;
    const sent = clock.now();
    try {
      const res = await s.timeout(this.intervalMs).emitWithAck('live:ping', { t: sent });
      if (s !== this.socket()) return;
      if ('ok' in res) throw new Error(res.error.code);
      this.heard();
      const rtt = clock.now() - sent;
      this.status.quality = withSample(this.status.quality, rtt, this.lastRtt, true);
      this.lastRtt = rtt;
    } catch {
      if (s !== this.socket() || !s.connected) return;
      this.status.quality = withMissedPong(this.status.quality, s.connected);
    }
    this.changed();
    if (this.watchdog !== undefined || this.timer !== undefined) this.schedulePing();
  }
}
