// The gateway's shared state, embedded or clustered. Embedded (no REDIS_URL): everything in this
// process. Clustered: channel logs in Redis Streams, fan-out through the Socket.IO Redis adapter,
// limits, presence, KPIs and latest metrics in Redis, and the Redis Stream ingest path. SQL
// (SQLite or PostgreSQL) is chosen separately by DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import { connectRedis } from './cluster/redis';
import { redisLatestMetrics, redisLimiters, redisPresence } from './cluster/redisStores';
import { startStreamIngest } from './cluster/streamIngest';
import type { GatewayConfig } from './config';
import { assertWritableDir } from './db/storageHealth';
import type { Ingest } from './ingest/pipeline';
import { redisLease, createRedisKpis } from './kpi/redisKpis';
import { OrderKpis, type KpiSource } from './kpi/orderKpis';
import { todaysOrders } from './kpi/todaysOrders';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { memoryLimiters, type LimiterFactory } from './limits/limiter';
import { memoryPresence, type PresenceStore } from './live/presence';
import type { ChannelLog } from './log/channelLog';
import { createSqliteLog } from './log/sqliteLog';
import { createRedisLog } from './log/redisLog';
import type { Logger } from './logger';
import { memoryLatestMetrics, type LatestMetrics } from './projection/latestMetrics';

export interface Backends {
  mode: 'embedded' | 'clustered';
  nodeId: string;
  log: ChannelLog;
  limiters: LimiterFactory;
  presence: PresenceStore;
  latestMetrics: LatestMetrics;
  kpis: KpiSource;
  /** Whether this node publishes the KPIs now (always, when embedded). */
  isKpiPublisher?: () => Promise<boolean>;
  /** Readiness checks of the servers this mode depends on. */
  checks: Record<string, () => Promise<boolean>>;
  /** Resolves once the servers of this mode answer; rejects with one line naming the cause. */
  ready(ms: number): Promise<void>;
  /** Restores this mode's in-process state from SQL (embedded: today's order KPIs). */
  start?(db: Kysely<Database>): Promise<void>;
  /** Cluster fan-out and the stream ingest path, once the pieces exist. */
  attach(io: Server, ingest: Ingest, logger: Logger): void;
  close(): Promise<void>;
}

export function createBackends(
  config: GatewayConfig,
  now: () => number,
  onRedisChange?: (up: boolean, cause?: unknown) => void,
): Backends {
  const nodeId = config.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { limits } = config;

  if (!config.redisUrl) {
    assertWritableDir(config.dataDir);
    const kpis = new OrderKpis(now());
    const log = createSqliteLog({
      dataDir: config.dataDir,
      retention: limits.logRetention,
      retentionBytes: limits.logRetentionBytes,
      dedupeWindow: limits.dedupeWindow,
    });
    return {
      mode: 'embedded',
      nodeId,
      log,
      limiters: memoryLimiters,
      presence: memoryPresence(),
      latestMetrics: memoryLatestMetrics(),
      kpis,
      checks: {},
      ready: async () => undefined,
      start: async (db) => kpis.seed(await todaysOrders(db, now()), now()),
      attach: () => undefined,
      close: () => log.close(),
    };
  }

  const redis = connectRedis(config.redisUrl, config.redisPrefix, {
    timeoutMs: limits.dependencyTimeoutMs,
    onCircuitChange: onRedisChange,
  });
  const presence = redisPresence(redis.main, redis.prefix, nodeId, limits.presenceTtlSeconds * 1000);
  let stopIngest: (() => Promise<void>) | undefined;
  /** SQL once the gateway opened it: where the KPIs in Redis are counted again from when empty. */
  let sqlDb: Kysely<Database> | undefined;
  return {
    mode: 'clustered',
    nodeId,
    log: createRedisLog({
      redis: redis.main,
      prefix: redis.prefix,
      retention: limits.logRetention,
      dedupeSeconds: limits.dedupeSeconds,
      circuit: redis.circuit,
    }),
    limiters: redisLimiters(redis.main, redis.prefix),
    presence,
    latestMetrics: redisLatestMetrics(redis.main, redis.prefix),
    kpis: createRedisKpis(redis.main, redis.prefix, (t) => (sqlDb ? todaysOrders(sqlDb, t) : undefined)),
    isKpiPublisher: redisLease(redis.main, `${redis.prefix}kpi:publisher`, nodeId, 3000),
    checks: { redis: redis.ping },
    ready: (ms) => redis.ready(ms),
    start: async (db) => {
      sqlDb = db;
    },
    attach(io, ingest, logger) {
      io.adapter(createAdapter(redis.pub, redis.sub, { key: `${redis.prefix}socket.io` }));
      const streams = startStreamIngest({ redis: redis.main, prefix: redis.prefix, nodeId, ingest, logger });
      stopIngest = () => streams.stop();
    },
    async close() {
      await stopIngest?.();
      await presence.close();
      await redis.close();
    },
  };
}
