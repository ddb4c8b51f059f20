// Where each channel stands, and what to do with a delivery: show it (the next offset, an id not
// seen), drop it (already have it), hold it (it skipped ahead: the missing ones may be crossing),
// or buffer it (the channel is being resubscribed or reloaded). Gaps never pass silently: they
// end in a resync from the last offset held.
import type { ChannelSnapshot, Delivery, Position } from '../protocol';
import type { Clock, TimerHandle } from './ports';
import { RecentIds } from './recentIds';

export class ChannelTracker {
  readonly positions = new Map<string, Position>();
  /** Channels being resubscribed or reloaded, with the live deliveries that came meanwhile. */
  private readonly pending = new Map<string, Delivery[]>();
  /** Deliveries that arrived ahead of a missing offset, and the timer that gives up on it. */
  private readonly ahead = new Map<string, { held: Map<number, Delivery>; timer: TimerHandle }>();
  private readonly recent: RecentIds;

  constructor(
    private readonly clock: Clock,
    private readonly reorderMs: number,
    dedupeCapacity: number,
    /** A gap: the channel must be resubscribed from its position. */
    private readonly onGap: (channel: string) => void,
  ) {
    this.recent = new RecentIds(dedupeCapacity);
  }

  isPending(channel: string): boolean {
    return this.pending.has(channel);
  }

  /** From now on, live deliveries of `channel` wait until `settle`. */
  hold(channel: string, with_: Delivery[] = []): void {
    const buffered = this.pending.get(channel) ?? [];
    this.pending.set(channel, [...buffered, ...this.releaseAhead(channel), ...with_]);
  }

  /** A live delivery. */
  receive(d: Delivery, out: Delivery[]): void {
    const buffered = this.pending.get(d.channel);
    if (buffered) {
      buffered.push(d);
      return;
    }
    this.accept(d, out);
  }

  /** The replay of a subscribe came back (`recovered: true`): replay, then what waited. */
  settleReplay(channel: string, replay: Delivery[], out: Delivery[]): void {
    const waited = this.pending.get(channel) ?? [];
    this.pending.delete(channel);
    for (const d of replay) this.accept(d, out);
    for (const d of waited) this.receive(d, out);
  }

  /**
   * A chunk of a catch-up came (more follows): take it, live deliveries stay held. True when the
   * held ones now join on (the first of them is the next offset, or older): the catch-up is done.
   */
  takeChunk(channel: string, chunk: Delivery[], out: Delivery[]): boolean {
    for (const d of chunk) this.accept(d, out);
    const pos = this.positions.get(channel);
    const waited = this.pending.get(channel) ?? [];
    const joins = pos !== undefined && waited.some((d) => d.epoch === pos.epoch && d.offset <= pos.offset + 1);
    if (joins) this.settleReplay(channel, [], out);
    return joins;
  }

  /** The channel's state was reloaded from a snapshot: continue from its position. */
  settleSnapshot(snapshot: ChannelSnapshot, out: Delivery[]): void {
    const waited = this.pending.get(snapshot.channel) ?? [];
    this.pending.delete(snapshot.channel);
    this.positions.set(snapshot.channel, { epoch: snapshot.epoch, offset: snapshot.offset });
    // Deliveries of the old epoch, or up to the snapshot's offset, are in the snapshot already.
    for (const d of waited) if (d.epoch === snapshot.epoch && d.offset > snapshot.offset) this.receive(d, out);
  }

  /** Forgets in-flight work (a disconnect): positions and the dedupe memory stay. */
  reset(): void {
    this.pending.clear();
    for (const channel of [...this.ahead.keys()]) this.releaseAhead(channel);
  }

  private releaseAhead(channel: string): Delivery[] {
    const a = this.ahead.get(channel);
    if (!a) return [];
    this.clock.clearTimeout(a.timer);
    this.ahead.delete(channel);
    return [...a.held.values()].sort((x, y) => x.offset - y.offset);
  }

  private gap(channel: string, also: Delivery[]): void {
    this.hold(channel, also);
    this.onGap(channel);
  }

  private accept(d: Delivery, out: Delivery[]): void {
    const pos = this.positions.get(d.channel);
    if (pos && pos.epoch === d.epoch && d.offset <= pos.offset) return; // already have it
    if (pos && pos.epoch !== d.epoch) return this.gap(d.channel, [d]);
    if (pos && d.offset > pos.offset + 1) {
      // Skipped ahead: hold it a moment, the missing ones are probably on their way.
      let a = this.ahead.get(d.channel);
      if (!a) {
        const channel = d.channel;
        a = { held: new Map(), timer: this.clock.setTimeout(() => this.gap(channel, []), this.reorderMs) };
        this.ahead.set(d.channel, a);
      }
      a.held.set(d.offset, d);
      return;
    }
    this.positions.set(d.channel, { epoch: d.epoch, offset: d.offset });
    if (this.recent.add(d.event.id)) out.push(d);
    // The missing one came: what was held behind it follows, in order.
    const a = this.ahead.get(d.channel);
    const next = a?.held.get(d.offset + 1);
    if (a && next) {
      a.held.delete(next.offset);
      if (a.held.size === 0) this.releaseAhead(d.channel);
      this.accept(next, out);
    }
  }
}
