// Embedded channel log: a bounded ring per channel, kept in this process only. A restart makes a
// new epoch, so a client that remembers an older one knows it must reload the snapshot.
import type { Delivery, LiveEvent, Position } from '../../protocol';
import { DedupeIndex } from '../ingest/dedupeIndex';
import type { AppendResult, ChannelLog, ReadResult } from './channelLog';

class Ring {
  private readonly items: (Delivery | undefined)[];
  private readonly sizes: number[];
  /** Offset of the newest entry; 0 while empty. */
  last = 0;
  /** Oldest offset kept by the byte bound (the count bound is applied in `first`). */
  private floor = 1;
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number,
  ) {
    this.items = new Array<Delivery | undefined>(capacity);
    this.sizes = new Array<number>(capacity).fill(0);
  }

  push(d: Delivery, size: number): void {
    const slot = d.offset % this.capacity;
    if (this.at(d.offset - this.capacity) !== undefined) this.bytes -= this.sizes[slot] as number;
    this.last = d.offset;
    this.items[slot] = d;
    this.sizes[slot] = size;
    this.bytes += size;
    // The newest entry always stays, however large.
    while (this.bytes > this.maxBytes && this.first < this.last) {
      this.bytes -= this.sizes[this.first % this.capacity] as number;
      this.floor = this.first + 1;
    }
  }

  /** The oldest offset still held. */
  get first(): number {
    return Math.max(1, this.last - this.capacity + 1, this.floor);
  }

  at(offset: number): Delivery | undefined {
    return offset >= this.first && offset <= this.last ? this.items[offset % this.capacity] : undefined;
  }

  slice(fromOffset: number, limit = Number.POSITIVE_INFINITY): Delivery[] {
    const out: Delivery[] = [];
    const to = Math.min(this.last, fromOffset + limit - 1);
    for (let o = fromOffset; o <= to; o++) out.push(this.items[o % this.capacity] as Delivery);
    return out;
  }
}

/** The size an event takes in the log (its JSON), for the byte bound. */
export const eventBytes = (event: LiveEvent): number => Buffer.byteLength(JSON.stringify(event));

export interface MemoryLogOptions {
  epoch: string;
  /** Events kept per channel. */
  retention: number;
  /** Bytes of events kept per channel (the newest event is kept whatever its size). */
  retentionBytes?: number;
  dedupeWindow?: number;
  /** Deliveries to start with (a persisted log's content), in offset order per channel. */
  initial?: Delivery[];
}

/** An in-process log with the positions it holds, for a persisted log layered on it. */
export interface MemoryLog extends ChannelLog {
  /** The oldest offset held for the channel (its newest + 1 when empty). */
  first(channel: string): number;
}

export function createMemoryLog(options: MemoryLogOptions): MemoryLog {
  const rings = new Map<string, Ring>();
  const placed = new DedupeIndex(options.dedupeWindow ?? 200_000);
  const ring = (channel: string): Ring => {
    let r = rings.get(channel);
    if (!r) {
      r = new Ring(options.retention, options.retentionBytes ?? Number.POSITIVE_INFINITY);
      rings.set(channel, r);
    }
    return r;
  };
  const head = (channel: string): Position => ({ epoch: options.epoch, offset: ring(channel).last });
  for (const d of options.initial ?? []) {
    ring(d.channel).push(d, eventBytes(d.event));
    placed.set(d.event.id, { channel: d.channel, offset: d.offset });
  }

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
      r.push(delivery, eventBytes(event));
      placed.set(event.id, { channel, offset: delivery.offset });
      return { delivery, duplicate: false };
    },
    placementOf: async (eventId) => placed.get(eventId),
    first: (channel) => ring(channel).first,
    head: async (channel: string) => head(channel),
    async readSince(channel: string, since: Position, limit?: number): Promise<ReadResult> {
      const r = ring(channel);
      const now = head(channel);
      // Recoverable when the next offset the reader needs is still held (or nothing is missing).
      const held = since.offset <= r.last && since.offset >= r.first - 1;
      if (since.epoch !== options.epoch || !held) {
        return { recovered: false, events: [], head: now };
      }
      return { recovered: true, events: r.slice(since.offset + 1, limit), head: now };
    },
    async close() {
      rings.clear();
    },
  };
}
