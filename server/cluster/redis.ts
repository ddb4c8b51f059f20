// Redis connections of a clustered gateway. Every key starts with LIVE_REDIS_PREFIX, so several
// deployments (and test runs) can share one Redis.
import { Redis } from 'ioredis';

export interface RedisConnections {
  /** Commands: logs, limits, presence, KPIs. */
  main: Redis;
  /** The Socket.IO adapter's publisher and subscriber. */
  pub: Redis;
  sub: Redis;
  prefix: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function connectRedis(url: string, prefix: string): RedisConnections {
  const make = () =>
    new Redis(url, {
      // Fail commands fast while Redis is away (limits fall back to memory; readiness turns false).
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
  const main = make();
  const pub = make();
  const sub = pub.duplicate();
  for (const c of [main, pub, sub]) c.on('error', () => undefined); // reported through readiness
  return {
    main,
    pub,
    sub,
    prefix,
    async ping() {
      try {
        return (await main.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([main, pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
