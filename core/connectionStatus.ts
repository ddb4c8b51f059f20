// The connection as the host sees it: its state, with the reason and the retry attempt, and its
// quality; and who is told when it goes up or down.
import type { ConnectionInfo, ConnectionState, Quality } from '../protocol';
import type { Clock } from './ports';
import { initialQuality, levelOf } from './quality';

export class ConnectionStatus {
  info: ConnectionInfo;
  quality: Quality = initialQuality();
  private readonly connectedListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly clock: Clock,
    /** The server of the session, recorded with every change. */
    private readonly server: () => string | undefined,
    /** Something the host shows changed. */
    private readonly changed: () => void,
  ) {
    this.info = { state: 'idle', since: clock.now(), attempt: 0 };
  }

  /** Back to idle, attempt 0: a new session starts. */
  restart(): void {
    this.info = { state: 'idle', since: this.clock.now(), attempt: 0 };
  }

  set(state: ConnectionState, extra: { attempt?: number; nextRetryAt?: number; reason?: string } = {}): void {
    const wasConnected = this.info.state === 'connected';
    this.info = {
      state,
      since: state !== this.info.state ? this.clock.now() : this.info.since,
      attempt: extra.attempt ?? this.info.attempt,
      nextRetryAt: extra.nextRetryAt,
      reason: 'reason' in extra ? extra.reason : this.info.reason,
      server: this.server(),
    };
    this.quality = { ...this.quality, level: levelOf(this.quality, state === 'connected') };
    this.changed();
    if (wasConnected !== (state === 'connected')) for (const cb of this.connectedListeners) cb(state === 'connected');
  }

  onConnectedChange(cb: (connected: boolean) => void): () => void {
    this.connectedListeners.add(cb);
    return () => this.connectedListeners.delete(cb);
  }
}
