// Round trips while connected: a ping every interval feeds RTT and jitter into the connection's
// quality, and three unanswered in a row end the connection, whatever the socket believes.
import type { ConnectionStatus } from './connectionStatus';
import type { LiveSocket, Ports, TimerHandle } from './ports';
import { withMissedPong, withSample } from './quality';

const MAX_MISSED_PONGS = 3;

export class Pinger {
  private timer: TimerHandle | undefined;
  private lastRtt: number | undefined;

  constructor(
    private readonly ports: Pick<Ports, 'clock' | 'logger'>,
    /** 0: no pings. */
    private readonly intervalMs: number,
    private readonly status: ConnectionStatus,
    /** The session's socket, if any. */
    private readonly socket: () => LiveSocket | undefined,
    /** Something the host shows changed. */
    private readonly changed: () => void,
  ) {}

  /** Pings after the interval, and again after every answer or timeout. */
  start(): void {
    if (this.intervalMs <= 0 || this.timer !== undefined) return;
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = undefined;
      void this.ping();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.ports.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The connection dropped: no pings, and the next connection's jitter starts afresh. */
  connectionLost(): void {
    this.stop();
    this.lastRtt = undefined;
  }

  private async ping(): Promise<void> {
    const { clock, logger } = this.ports;
    const s = this.socket();
    if (!s?.connected) return;
    const sent = clock.now();
    try {
      const res = await s.timeout(this.intervalMs).emitWithAck('live:ping', { t: sent });
      if (s !== this.socket()) return;
      if ('ok' in res) throw new Error(res.error.code);
      const rtt = clock.now() - sent;
      this.status.quality = withSample(this.status.quality, rtt, this.lastRtt, true);
      this.lastRtt = rtt;
    } catch {
      if (s !== this.socket()) return;
      this.status.quality = withMissedPong(this.status.quality, s.connected);
      if (this.status.quality.missedPongs >= MAX_MISSED_PONGS) {
        logger.warn({ missed: this.status.quality.missedPongs }, 'no answer to pings: reconnecting');
        s.disconnect();
        // Told of the drop, a listener may have ended the session: then nothing is reopened.
        if (s !== this.socket()) return;
        s.connect();
      }
    }
    this.changed();
    this.start();
  }
}
