// Clustered channel log: one Redis Stream per channel, the stream id of each entry being its offset
// (`offset-0`). A Lua script places an event atomically: refuse a known id, take the next offset
// from the channel's counter, XADD with MAXLEN retention, remember the id. The channel's epoch lives
// beside the counter; it changes only when that state is lost, so it survives gateway restarts.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LiveError, LiveEvent, type Delivery, type Position } from '../../protocol';
import type { AppendResult, ChannelLog, Placement, ReadResult } from './channelLog';
import type { Circuit } from '../ops/circuit';
import { createReplayCache } from './replayCache';

const APPEND = `
local seen = redis.call('GET', KEYS[3])
if seen then return {0, seen} end
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'last', 0)
  redis.call('DEL', KEYS[2])
end
local offset = redis.call('HINCRBY', KEYS[1], 'last', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], offset .. '-0', 'e', ARGV[2])
local placement = ARGV[5] .. ' ' .. offset
redis.call('SET', KEYS[3], placement, 'EX', ARGV[4])
return {1, epoch, offset}
`;

const HEAD = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'last', 0)
  redis.call('DEL', KEYS[2])
end
return {epoch, tonumber(redis.call('HGET', KEYS[1], 'last'))}
`;

const newEpoch = () => randomBytes(6).toString('hex');

/** Redis out of reach is a temporary condition for the caller (503), not a bug (500). */
function unavailable(err: unknown): never {
  // The cause stays out of the answer: it names internal hosts and ports.
  if (err instanceof LiveError) throw err;
  throw new LiveError('unavailable', 'The channel log (Redis) cannot be reached; retry shortly');
}

export function createRedisLog(options: {
  redis: Redis;
  prefix: string;
  retention: number;
  dedupeSeconds: number;
  /** Refuses at once while Redis is known to be down, and learns of failures. */
  circuit?: Circuit;
}): ChannelLog {
  const { redis, prefix } = options;
  const keys = (channel: string) => ({ meta: `${prefix}log:{${channel}}:meta`, stream: `${prefix}log:{${channel}}` });
  const seenKey = (id: string) => `${prefix}seen:${id}`;

  async function head(channel: string): Promise<Position> {
    const k = keys(channel);
    const [epoch, offset] = (await redis.eval(HEAD, 2, k.meta, k.stream, newEpoch())) as [string, number];
    return { epoch, offset };
  }

  function parsePlacement(value: string): Placement {
    const [channel, offset] = value.split(' ');
    return { channel: channel as string, offset: Number(offset) };
  }

  async function entry(channel: string, offset: number): Promise<Delivery | undefined> {
    const [first] = await redis.xrange(keys(channel).stream, `${offset}-0`, `${offset}-0`);
    if (!first) return undefined;
    const epoch = await redis.hget(keys(channel).meta, 'epoch');
    return { channel, epoch: epoch ?? '', offset, event: LiveEvent.parse(JSON.parse(first[1][1] as string)) };
  }

  const replay = createReplayCache({
    fetch: async (channel, epoch, from, to) => {
      const entries = await redis.xrange(keys(channel).stream, `${from}-0`, `${to}-0`);
      return entries.map(([id, fields]) => ({
        channel,
        epoch,
        offset: Number(id.split('-')[0]),
        event: LiveEvent.parse(JSON.parse(fields[1] as string)),
      }));
    },
  });

  const log: ChannelLog = {
    async append(channel, event): Promise<AppendResult> {
      const k = keys(channel);
      const res = (await redis.eval(
        APPEND,
        3,
        k.meta,
        k.stream,
        seenKey(event.id),
        newEpoch(),
        JSON.stringify(event),
        String(options.retention),
        String(options.dedupeSeconds),
        channel,
      )) as [number, string, number?];
      if (res[0] === 1) {
        return { delivery: { channel, epoch: res[1], offset: Number(res[2]), event }, duplicate: false };
      }
      const first = parsePlacement(res[1]);
      const delivery = (await entry(first.channel, first.offset)) ?? {
        channel: first.channel,
        epoch: (await head(first.channel)).epoch,
        offset: first.offset,
        event,
      };
      return { delivery, duplicate: true };
    },

    async placementOf(eventId) {
      const v = await redis.get(seenKey(eventId));
      return v ? parsePlacement(v) : undefined;
    },

    head,

    async readSince(channel, since, limit): Promise<ReadResult> {
      const now = await head(channel);
      const refuse = { recovered: false, events: [], head: now };
      if (since.epoch !== now.epoch || since.offset > now.offset) return refuse;
      if (since.offset === now.offset) return { recovered: true, events: [], head: now };
      // A chunk ends at `limit` events: read (and cache) only those, up to a position short of the head.
      const to = limit === undefined ? now.offset : Math.min(now.offset, since.offset + limit);
      const events = await replay.read(channel, { epoch: now.epoch, offset: to }, since.offset + 1);
      return events ? { recovered: true, events, head: now } : refuse;
    },

    async close() {
      // The connection belongs to the gateway.
    },
  };
  const guarded =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      options.circuit?.guard();
      try {
        return await fn(...a);
      } catch (err) {
        options.circuit?.failed(err);
        return unavailable(err);
      }
    };
  return {
    append: guarded(log.append),
    placementOf: guarded(log.placementOf),
    head: guarded(log.head),
    readSince: guarded(log.readSince),
    close: log.close,
  };
}
