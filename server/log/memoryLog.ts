// Embedded channel log: a bounded ring per channel, kept in this process only. A restart makes a
// new epoch, so a client that remembers an older one knows it must reload the snapshot.
import type { Delivery, LiveEvent, Position } from '../../protocol';
import { DedupeIndex } from '../ingest/dedupeIndex';
import type { AppendResult, ChannelLog, ReadResult } from './channelLog';

class Ring {
  private readonly items: (Delivery | undefined)[];
  /** Offset of the newest entry; 0 while empty. */
  last = 0;

  constructor(private readonly capacity: number) {
    this.items = new Array<Delivery | undefined>(capacity);
  }

  push(d: Delivery): void {
    this.last = d.offset;
    this.items[d.offset % this.capacity] = d;
  }

  /** The oldest offset still held. */
  get first(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  at(offset: number): Delivery | undefined {
    return offset >= this.first && offset <= this.last ? this.items[offset % this.capacity] : undefined;
  }

  slice(fromOffset: number): Delivery[] {
    const out: Delivery[] = [];
    for (let o = fromOffset; o <= this.last; o++) out.push(this.items[o % this.capacity] as Delivery);
    return out;
  }
}

export function createMemoryLog(options: { epoch: string; retention: number; dedupeWindow?: number }): ChannelLog {
  const rings = new Map<string, Ring>();
  const placed = new DedupeIndex(options.dedupeWindow ?? 200_000);
  const ring = (channel: string): Ring => {
    let r = rings.get(channel);
    if (!r) {
      r = new Ring(options.retention);
      rings.set(channel, r);
    }
    return r;
  };
  const head = (channel: string): Position => ({ epoch: options.epoch, offset: ring(channel).last });

  return {
    async append(channel: string, event: LiveEvent): Promise<AppendResult> {
      const known = placed.get(event.id);
      if (known) {
        const first = ring(known.channel).at(known.offset);
        const delivery = first ?? { channel: known.channel, epoch: options.epoch, offset: known.offset, event };
        return { delivery, duplicate: true };
      }
      const r = ring(channel);
      const delivery: Delivery = { channel, epoch: options.epoch, offset: r.last + 1, event };
      r.push(delivery);
      placed.set(event.id, { channel, offset: delivery.offset });
      return { delivery, duplicate: false };
    },
    placementOf: async (eventId) => placed.get(eventId),
    head: async (channel: string) => head(channel),
    async readSince(channel: string, since: Position): Promise<ReadResult> {
      const r = ring(channel);
      const now = head(channel);
      // Recoverable when the next offset the reader needs is still held (or nothing is missing).
      const held = since.offset <= r.last && since.offset >= r.first - 1;
      if (since.epoch !== options.epoch || !held) {
        return { recovered: false, events: [], head: now };
      }
      return { recovered: true, events: r.slice(since.offset + 1), head: now };
    },
    async close() {
      rings.clear();
    },
  };
}
