// The clustered variants of the gateway's small shared stores: rate limiters (Redis, with an
// in-memory insurance limiter while Redis is away), presence (per node, expiring with the node)
// and the latest metric values.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { LiveEvent } from '../../protocol';
import { wrap, type LimiterFactory } from '../limits/limiter';
import type { PresenceStore, SocketPresence } from '../live/presence';
import type { LatestMetrics } from '../projection/latestMetrics';

export function redisLimiters(redis: Redis, prefix: string): LimiterFactory {
  return (name, spec) =>
    wrap(
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rl:${name}`,
        points: spec.points,
        duration: spec.durationSec,
        // Counting goes on per node while Redis cannot answer: limits hold, only looser.
        insuranceLimiter: new RateLimiterMemory({
          keyPrefix: `${name}:insurance`,
          points: spec.points,
          duration: spec.durationSec,
        }),
      }),
    );
}

/** Entries live in a hash per node that expires unless the node renews it, so a dead node's go. */
export function redisPresence(redis: Redis, prefix: string, nodeId: string, ttlMs = 60_000): PresenceStore {
  const key = `${prefix}presence:${nodeId}`;
  const renew = () => redis.pexpire(key, ttlMs).catch(() => 0);
  const heartbeat = setInterval(renew, Math.floor(ttlMs / 3));
  heartbeat.unref();
  return {
    async set(socketId, entry) {
      await redis.multi().hset(key, socketId, JSON.stringify(entry)).pexpire(key, ttlMs).exec();
    },
    async remove(socketId) {
      await redis.hdel(key, socketId);
    },
    async all() {
      const out: SocketPresence[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}presence:*`, 'COUNT', 200);
        cursor = next;
        for (const k of keys) {
          for (const v of await redis.hvals(k)) {
            try {
              out.push(JSON.parse(v) as SocketPresence);
            } catch {
              // an unreadable entry is skipped; it expires with its node
            }
          }
        }
      } while (cursor !== '0');
      return out;
    },
    async close() {
      clearInterval(heartbeat);
      await redis.del(key).catch(() => 0);
    },
  };
}

export function redisLatestMetrics(redis: Redis, prefix: string): LatestMetrics {
  const key = (channel: string) => `${prefix}metrics:${channel}`;
  return {
    async record(d) {
      if (d.event.type !== 'METRIC_UPDATE') return;
      await redis.hset(key(d.channel), d.event.payload.marketplace ?? '*', JSON.stringify(d.event));
    },
    async latest(channel) {
      const values = await redis.hvals(key(channel));
      return values.flatMap((v) => {
        const parsed = LiveEvent.safeParse(JSON.parse(v));
        return parsed.success ? [parsed.data] : [];
      });
    },
  };
}
