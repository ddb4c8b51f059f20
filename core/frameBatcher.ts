// Collects what happens between frames and hands it to the host as one message per frame period,
// so neither IPC nor Redux ever sees one message per event.
import type { ClientState, Delivery, LiveBatch } from '../protocol';
import type { Clock, TimerHandle } from './ports';

export class FrameBatcher {
  private events: Delivery[] = [];
  private stateChanged = false;
  private timer: TimerHandle | undefined;
  private lastFlush = -Infinity;
  private readonly listeners = new Set<(batch: LiveBatch) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly frameMs: number,
    private readonly state: () => ClientState,
  ) {}

  subscribe(cb: (batch: LiveBatch) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  pushEvents(events: Delivery[]): void {
    if (events.length === 0) return;
    for (const e of events) this.events.push(e);
    this.schedule();
  }

  markStateChanged(): void {
    this.stateChanged = true;
    this.schedule();
  }

  /** Delivers what is pending now (used on shutdown). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.events.length === 0 && !this.stateChanged) return;
    const batch: LiveBatch = { events: this.events };
    if (this.stateChanged) batch.state = this.state();
    this.events = [];
    this.stateChanged = false;
    this.lastFlush = this.clock.now();
    for (const cb of this.listeners) cb(batch);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.frameMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
