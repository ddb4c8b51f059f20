// The ordered log of each channel: every delivery gets its offset here and nowhere else, and an
// event id is placed once (a repeat is answered with its first placement, never appended again).
import type { Delivery, LiveEvent, Position } from '../../protocol';

export interface ReadResult {
  /** False when the log no longer holds everything after `since` (or its epoch changed). */
  recovered: boolean;
  /** The events after `since`, in order, at most the `limit` asked for (empty when not recovered). */
  events: Delivery[];
  /** The position the reader is consistent with after taking `events`. */
  head: Position;
}

export interface Placement {
  channel: string;
  offset: number;
}

export interface AppendResult {
  delivery: Delivery;
  /** True when the event id was placed before: `delivery` is the first placement, not broadcast. */
  duplicate: boolean;
}

/**
 * One interface for the embedded ring and the clustered Redis Streams. Appends to one channel must
 * be issued in order by the caller (the ingest pipeline serialises them).
 */
export interface ChannelLog {
  append(channel: string, event: LiveEvent): Promise<AppendResult>;
  /** Where an event id was placed, while it is remembered. */
  placementOf(eventId: string): Promise<Placement | undefined>;
  head(channel: string): Promise<Position>;
  /**
   * The events after `since`; with `limit`, only the first `limit` of them (a chunk of a catch-up:
   * `head` is still the log's head, so the reader knows whether more follows).
   */
  readSince(channel: string, since: Position, limit?: number): Promise<ReadResult>;
  close(): Promise<void>;
}
