// Collects what happens between frames and hands it to the host as one message per frame period,
// so neither IPC nor Redux ever sees one message per event.
import type {
  ActionOutcome,
  ChannelSnapshot,
  ClientState,
  Delivery,
  LiveBatch,
  NotificationCommand,
} from '../protocol';
import type { Clock, TimerHandle } from './ports';

export class FrameBatcher {
  private events: Delivery[] = [];
  private snapshots: ChannelSnapshot[] = [];
  private outcomes: ActionOutcome[] = [];
  private notifications: NotificationCommand[] = [];
  private stateChanged = false;
  private timer: TimerHandle | undefined;
  private lastFlush = -Infinity;
  private readonly listeners = new Set<(batch: LiveBatch) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly frameMs: number,
    private state: () => ClientState,
  ) {}

  /** The host composes the state it sends (user, outbox, unread) around the client's. */
  setStateSource(state: () => ClientState): void {
    this.state = state;
  }

  subscribe(cb: (batch: LiveBatch) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  pushEvents(events: Delivery[]): void {
    if (events.length === 0) return;
    for (const e of events) this.events.push(e);
    this.schedule();
  }

  pushSnapshot(snapshot: ChannelSnapshot): void {
    // Events of that channel gathered before it are older than it: the snapshot replaces them.
    this.events = this.events.filter((d) => d.channel !== snapshot.channel);
    this.snapshots = this.snapshots.filter((s) => s.channel !== snapshot.channel);
    this.snapshots.push(snapshot);
    this.stateChanged = true;
    this.schedule();
  }

  pushOutcome(outcome: ActionOutcome): void {
    this.outcomes.push(outcome);
    this.schedule();
  }

  pushNotifications(commands: NotificationCommand[]): void {
    if (commands.length === 0) return;
    for (const c of commands) this.notifications.push(c);
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
    const empty = this.events.length + this.snapshots.length + this.outcomes.length + this.notifications.length === 0;
    if (empty && !this.stateChanged) return;
    const batch: LiveBatch = { events: this.events };
    if (this.snapshots.length > 0) batch.snapshots = this.snapshots;
    if (this.outcomes.length > 0) batch.outcomes = this.outcomes;
    if (this.notifications.length > 0) batch.notifications = this.notifications;
    if (this.stateChanged) batch.state = this.state();
    this.events = [];
    this.snapshots = [];
    this.outcomes = [];
    this.notifications = [];
    this.stateChanged = false;
    this.lastFlush = this.clock.now();
    for (const cb of this.listeners) cb(batch);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.arm(this.lastFlush + this.frameMs - this.clock.now());
  }

  /**
   * A timer may fire before its time by the clock (Node's loop time is read once per turn, so one
   * set late in a long turn comes due early): then it waits out the rest of the frame, so two
   * messages never share one.
   */
  private arm(wait: number): void {
    this.timer = this.clock.setTimeout(
      () => {
        const left = this.lastFlush + this.frameMs - this.clock.now();
        // At most a frame: a wall clock stepped back must not hold the frames for the step.
        if (left > 0) return this.arm(Math.min(left, this.frameMs));
        this.timer = undefined;
        this.flush();
      },
      Math.max(0, wait),
    );
  }
}
