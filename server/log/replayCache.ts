// Replays read from Redis once, however many readers ask. After a gateway restart every desk
// resubscribes with the same `since` at about the same moment: without this, each one would read
// and validate the same stream entries again (an XRANGE, a JSON parse and a schema check per entry
// per reader). Entries are kept per channel and epoch, parsed, up to a bound; readers of the same
// missing range share one read. An entry never changes once written, so a kept one is never stale.
import type { Delivery, Position } from '../../protocol';

export interface ReplayCacheOptions {
  /** Reads offsets `from`..`to` (inclusive) of a channel; entries trimmed away are simply absent. */
  fetch: (channel: string, epoch: string, from: number, to: number) => Promise<Delivery[]>;
  /** Entries kept per channel: the newest ones (a replay longer than this is read directly). */
  perChannel?: number;
  /** Channels kept (per-user channels are many); the least recently read goes first. */
  channels?: number;
}

export interface ReplayCache {
  /** Offsets `from`..`head.offset` in order, or undefined when the log no longer holds them all. */
  read(channel: string, head: Position, from: number): Promise<Delivery[] | undefined>;
}

interface Kept {
  epoch: string;
  byOffset: Map<number, Delivery>;
  /** The highest offset read into `byOffset`. */
  highest: number;
  /** Reads in progress, by `from-to`: a second reader of the same range waits for the first. */
  reading: Map<string, Promise<Delivery[]>>;
}

export function createReplayCache(options: ReplayCacheOptions): ReplayCache {
  const perChannel = options.perChannel ?? 2000;
  const maxChannels = options.channels ?? 256;
  const kept = new Map<string, Kept>();

  function keptFor(channel: string, epoch: string): Kept {
    let k = kept.get(channel);
    if (k && k.epoch !== epoch) k = undefined; // the stream was lost and began again
    if (!k) k = { epoch, byOffset: new Map(), highest: 0, reading: new Map() };
    // Most recently read last, so the first is the one to drop.
    kept.delete(channel);
    kept.set(channel, k);
    if (kept.size > maxChannels) kept.delete(kept.keys().next().value as string);
    return k;
  }

  function fetchShared(k: Kept, channel: string, from: number, to: number): Promise<Delivery[]> {
    const key = `${from}-${to}`;
    let pending = k.reading.get(key);
    if (!pending) {
      pending = options.fetch(channel, k.epoch, from, to).finally(() => k.reading.delete(key));
      k.reading.set(key, pending);
    }
    return pending;
  }

  return {
    async read(channel, head, from) {
      const to = head.offset;
      if (to - from + 1 > perChannel) {
        // Longer than what is kept: read it directly, whole or not at all.
        const events = await options.fetch(channel, head.epoch, from, to);
        return events.length === to - from + 1 && events[0]?.offset === from ? events : undefined;
      }
      const k = keptFor(channel, head.epoch);
      let first: number | undefined;
      let last: number | undefined;
      for (let o = from; o <= to; o++) {
        if (k.byOffset.has(o)) continue;
        first ??= o;
        last = o;
      }
      if (first !== undefined && last !== undefined) {
        for (const d of await fetchShared(k, channel, first, last)) k.byOffset.set(d.offset, d);
      }
      const events: Delivery[] = [];
      for (let o = from; o <= to; o++) {
        const d = k.byOffset.get(o);
        if (!d) return undefined; // trimmed by retention before it could be read
        events.push(d);
      }
      // Keep the newest `perChannel`, measured from the highest offset held (a chunk of a
      // catch-up ends below the head that live readers cached up to).
      k.highest = Math.max(k.highest, to);
      if (k.byOffset.size > perChannel) {
        for (const o of k.byOffset.keys()) if (o <= k.highest - perChannel) k.byOffset.delete(o);
      }
      return events;
    },
  };
}
