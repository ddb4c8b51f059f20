// Subscribing, and the catch-up that comes with it: what a console missed is replayed from the
// channel log in the `subscribe` answer. A client that asks for chunks (`replayLimit`) gets at most
// its share of the gateway's own cap (events and bytes, all channels of the request together) and
// `more: true`, and pulls the next chunk once it took this one: a slow link is paced by its own
// reading, and a socket never holds more than a chunk of replay. Without `replayLimit` the whole
// replay comes in one answer, as before chunks existed.
import { canRead, type Delivery, type SubscribeRequest, type SubscribeResult } from '../../protocol';
import type { ChannelLog } from '../log/channelLog';
import type { LiveSocket } from './types';

export interface ReplayCaps {
  /** Most events one chunked answer replays, all channels together. */
  events: number;
  /** Most bytes (JSON of the deliveries) one chunked answer replays; the first event always goes. */
  bytes: number;
}

/** What is left of one answer's replay allowance; undefined: not chunked (the whole replay). */
interface Budget {
  events: number;
  bytes: number;
  /** The socket's allowance over the live slow-consumer cap: one chunk (`replayChunkBytes`). */
  capBytes: number;
  /** Events taken so far in this answer: the first one goes whatever its size (progress). */
  taken: number;
}

/**
 * A delivery's JSON size, measured once: the logs hand every reader the same delivery objects
 * (their caches), so 1,500 consoles catching up on the same events after a restart cost one
 * measurement each, not 1,500.
 */
const sizes = new WeakMap<Delivery, number>();
function deliveryBytes(d: Delivery): number {
  let size = sizes.get(d);
  if (size === undefined) {
    size = Buffer.byteLength(JSON.stringify(d));
    sizes.set(d, size);
  }
  return size;
}

/** The first events of `events` that fit the budget, which they use up. */
function fit(events: Delivery[], budget: Budget): { events: Delivery[]; bytes: number } {
  let bytes = 0;
  let n = 0;
  for (const d of events) {
    if (n >= budget.events) break;
    const size = deliveryBytes(d);
    if (budget.taken > 0 && size > budget.bytes - bytes) break;
    bytes += size;
    n += 1;
    budget.taken += 1;
  }
  budget.events -= n;
  budget.bytes -= bytes;
  return { events: n === events.length ? events : events.slice(0, n), bytes };
}

async function subscribeOne(
  socket: LiveSocket,
  log: ChannelLog,
  channel: string,
  since: { epoch: string; offset: number } | undefined,
  budget: Budget | undefined,
): Promise<SubscribeResult> {
  const { role, userId } = socket.data.identity;
  if (!canRead(role, userId, channel)) {
    // Refused with no side effect: the socket does not join the room.
    return {
      channel,
      ok: false,
      recovered: false,
      epoch: '',
      offset: 0,
      error: { code: 'forbidden', message: `Role ${role} may not read ${channel}` },
    };
  }
  // Join before reading: whatever is appended after the read arrives live, whatever before it is
  // in the read. The client merges the two by offset, so the seam has no gap and no duplicate.
  await socket.join(channel);
  if (since === undefined) {
    const head = await log.head(channel);
    return { channel, ok: true, recovered: false, epoch: head.epoch, offset: head.offset };
  }
  // A spent budget still reads one event: the log says whether `since` is still held.
  const read = await log.readSince(channel, since, budget ? Math.max(1, budget.events) : undefined);
  if (!read.recovered) return { channel, ok: true, recovered: false, epoch: read.head.epoch, offset: read.head.offset };
  if (!budget) {
    const last = read.events.at(-1);
    const offset = last ? last.offset : read.head.offset;
    return { channel, ok: true, recovered: true, epoch: read.head.epoch, offset, events: read.events };
  }
  const chunk = fit(read.events, budget);
  // At most one chunk's worth over the live cap, however many requests run at once.
  socket.data.replayBytes = Math.min(budget.capBytes, (socket.data.replayBytes ?? 0) + chunk.bytes);
  const offset = chunk.events.at(-1)?.offset ?? since.offset;
  return {
    channel,
    ok: true,
    recovered: true,
    epoch: read.head.epoch,
    offset,
    events: chunk.events,
    more: offset < read.head.offset,
  };
}

/** Answers one `subscribe` request: its channels in order, within one replay budget when chunked. */
export async function subscribeChannels(
  socket: LiveSocket,
  log: ChannelLog,
  req: SubscribeRequest,
  caps: ReplayCaps,
): Promise<SubscribeResult[]> {
  if (req.replayLimit === undefined) {
    return Promise.all(req.channels.map((c) => subscribeOne(socket, log, c.channel, c.since, undefined)));
  }
  const budget: Budget = {
    events: Math.min(req.replayLimit, caps.events),
    bytes: caps.bytes,
    capBytes: caps.bytes,
    taken: 0,
  };
  const results: SubscribeResult[] = [];
  // In order, one after the other: they share the budget.
  for (const c of req.channels) results.push(await subscribeOne(socket, log, c.channel, c.since, budget));
  return results;
}
