// The ordered log of each channel: every delivery gets its offset here and nowhere else.
import type { Delivery, LiveEvent, Position } from '../../protocol';

export interface ReadResult {
  /** False when the log no longer holds everything after `since` (or its epoch changed). */
  recovered: boolean;
  /** The events after `since`, in order (empty when not recovered). */
  events: Delivery[];
  /** The position the reader is consistent with after taking `events`. */
  head: Position;
}

/**
 * One interface for the embedded ring and the clustered Redis Streams. Appends to one channel must
 * be issued in order by the caller (the ingest pipeline serialises them).
 */
export interface ChannelLog {
  append(channel: string, event: LiveEvent): Promise<Delivery>;
  head(channel: string): Promise<Position>;
  readSince(channel: string, since: Position): Promise<ReadResult>;
}
