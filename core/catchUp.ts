// Catch-up in chunks: the client asks the gateway for at most `REPLAY_CHUNK_EVENTS` replayed events
// per `subscribe` answer (`replayLimit`), takes each chunk, and asks for the next one from where it
// ended. Live deliveries that arrive meanwhile stay held (the channel tracker's pending list) and
// join on by offset once the replay reaches them: no gap, no duplicate. A slow link is paced by its
// own reading: the next chunk is asked for only after the previous one was taken.
import type { Delivery, SubscribeResult } from '../protocol';
import type { ChannelTracker } from './channelTracker';

/** Most events one answer replays (the gateway may send fewer: it caps events and bytes too). */
export const REPLAY_CHUNK_EVENTS = 500;

/**
 * The subscribe request for `channels`, each from its position, replayed in chunks unless
 * `chunked` is false (a gateway older than chunks refuses `replayLimit` as an unknown field).
 */
export function chunkedRequest(tracker: ChannelTracker, channels: string[], chunked: boolean) {
  const request = {
    channels: channels.map((channel) => {
      const since = tracker.positions.get(channel);
      return since ? { channel, since } : { channel };
    }),
  };
  return chunked ? { ...request, replayLimit: REPLAY_CHUNK_EVENTS } : request;
}

/**
 * Takes a recovered result's replay into `out`. True when the catch-up goes on: the caller asks
 * for the next chunk (the channel stays held); false when it is done and what waited was released.
 */
export function takeReplay(tracker: ChannelTracker, r: SubscribeResult, out: Delivery[]): boolean {
  if (r.more) return !tracker.takeChunk(r.channel, r.events ?? [], out);
  tracker.settleReplay(r.channel, r.events ?? [], out);
  return false;
}
