// The clustered variants of the gateway's small shared stores: rate limiters (Redis, with an
// in-memory insurance limiter while Redis is away), presence (per node, expiring with the node)
// and the latest metric values.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { z } from 'zod';
import {
  CHARTED_METRICS,
  LiveEvent,
  MARKETPLACES,
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_MAX_POINTS,
  METRIC_HISTORY_WINDOW_MS,
  Marketplace,
  MetricKey,
} from '../../protocol';
import { wrap, type LimiterFactory } from '../limits/limiter';
import type { PresenceStore, SocketPresence } from '../live/presence';
import {
  FUTURE_SKEW_MS,
  bucketOf,
  chartedPoints,
  historyCutoff,
  mergedEvent,
  scopeOf,
  seriesPoints,
  type LatestMetrics,
  type MetricEvent,
  type Scope,
} from '../projection/latestMetrics';

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

/**
 * Entries live in a hash per node that expires unless the node renews it, so a dead node's go. The
 * nodes are found through a sorted set of node → renewal deadline (never by scanning the keyspace,
 * which costs in proportion to everything else the Redis holds).
 */
export function redisPresence(redis: Redis, prefix: string, nodeId: string, ttlMs = 60_000): PresenceStore {
  const key = `${prefix}presence:${nodeId}`;
  const nodes = `${prefix}presence-nodes`;
  const renew = () =>
    redis
      .multi()
      .pexpire(key, ttlMs)
      .zadd(nodes, Date.now() + ttlMs, nodeId)
      .exec()
      .catch(() => null);
  const heartbeat = setInterval(renew, Math.floor(ttlMs / 3));
  heartbeat.unref();
  return {
    async set(socketId, entry) {
      await redis
        .multi()
        .hset(key, socketId, JSON.stringify(entry))
        .pexpire(key, ttlMs)
        .zadd(nodes, Date.now() + ttlMs, nodeId)
        .exec();
    },
    async remove(socketId) {
      await redis.hdel(key, socketId);
    },
    async all() {
      // Nodes past their deadline are dead: their hashes have expired too.
      await redis.zremrangebyscore(nodes, '-inf', Date.now());
      const live = await redis.zrange(nodes, 0, -1);
      if (live.length === 0) return [];
      const pipe = redis.pipeline();
      for (const n of live) pipe.hvals(`${prefix}presence:${n}`);
      const replies = (await pipe.exec()) ?? [];
      const out: SocketPresence[] = [];
      for (const [err, values] of replies) {
        if (err || !Array.isArray(values)) continue;
        for (const v of values as string[]) {
          try {
            out.push(JSON.parse(v) as SocketPresence);
          } catch {
            // an unreadable entry is skipped; it expires with its node
          }
        }
      }
      return out;
    },
    async close() {
      clearInterval(heartbeat);
      await redis
        .multi()
        .del(key)
        .zrem(nodes, nodeId)
        .exec()
        .catch(() => null);
    },
  };
}

/**
 * Per channel, one hash of the latest values, a field per (marketplace, key) plus the envelope of
 * each marketplace's latest event; and per charted series one hash with a field per 30 s bucket,
 * expiring when no longer written. Scripts write a field only when the delivery comes later in the
 * log than the one that wrote it, so nodes recording at once neither lose keys nor go back.
 */
export function redisLatestMetrics(redis: Redis, prefix: string, options: { now?: () => number } = {}): LatestMetrics {
  // KEYS[1] the channel's hash; ARGV epoch, offset, then field/value pairs (values JSON with e, o).
  const RECORD_LATEST = `
local epoch, offset = ARGV[1], tonumber(ARGV[2])
for i = 3, #ARGV, 2 do
  local old = redis.call('HGET', KEYS[1], ARGV[i])
  local keep = false
  if old then
    local ok, o = pcall(cjson.decode, old)
    keep = ok and type(o) == 'table' and o.e == epoch and tonumber(o.o) ~= nil and tonumber(o.o) > offset
  end
  if not keep then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1
`;
  // KEYS[1] one series' hash; ARGV bucket, point JSON, atMs, epoch, offset, oldest bucket kept,
  // most buckets kept, ttl ms. The bucket keeps its latest point; a new bucket prunes the old ones.
  const RECORD_POINT = `
local at, epoch, offset = tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local ok, o = pcall(cjson.decode, old)
  if ok and type(o) == 'table' and tonumber(o.a) ~= nil then
    local oa = tonumber(o.a)
    if oa > at then return 0 end
    if oa == at and o.e == epoch and tonumber(o.o) ~= nil and tonumber(o.o) > offset then return 0 end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[8])
if not old then
  local oldest, kept = tonumber(ARGV[6]), {}
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    local b = tonumber(f)
    if b == nil or b < oldest then redis.call('HDEL', KEYS[1], f) else table.insert(kept, {b, f}) end
  end
  local most = tonumber(ARGV[7])
  if #kept > most then
    table.sort(kept, function(x, y) return x[1] < y[1] end)
    for i = 1, #kept - most do redis.call('HDEL', KEYS[1], kept[i][2]) end
  end
end
return 1
`;
  const TTL_MS = METRIC_HISTORY_WINDOW_MS + FUTURE_SKEW_MS + METRIC_HISTORY_BUCKET_MS;
  const now = options.now ?? Date.now;
  // The channel is a hash tag: one record's keys share a slot should the Redis be a cluster.
  const latestKey = (channel: string) => `${prefix}metrics:{${channel}}:latest`;
  const historyKey = (channel: string, scope: Scope, key: MetricKey) =>
    `${prefix}metrics:{${channel}}:history:${scope}:${key}`;
  const Stamped = z.object({ e: z.string(), o: z.number().int() });
  const HeadEntry = Stamped.extend({ event: LiveEvent });
  const ValueEntry = Stamped.extend({ a: z.number(), v: z.number().finite() });
  const ScopeName = z.union([z.literal('*'), Marketplace]);
  const json = (raw: string): unknown => {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  };

  return {
    async record(d) {
      if (d.event.type !== 'METRIC_UPDATE') return;
      const e = d.event;
      const scope = scopeOf(e);
      const stamp = { e: d.epoch, o: d.offset };
      const asOfMs = Date.parse(e.payload.asOf);
      const fields = [
        `h:${scope}`,
        JSON.stringify({ ...stamp, event: { ...e, payload: { ...e.payload, values: {} } } }),
      ];
      for (const [key, v] of Object.entries(e.payload.values)) {
        fields.push(`v:${scope}:${key}`, JSON.stringify({ ...stamp, a: asOfMs, v }));
      }
      const t = now();
      const oldest = String(bucketOf(historyCutoff(t)));
      await Promise.all([
        redis.eval(RECORD_LATEST, 1, latestKey(d.channel), d.epoch, String(d.offset), ...fields),
        ...chartedPoints(e, t).map((p) =>
          redis.eval(
            RECORD_POINT,
            1,
            historyKey(d.channel, scope, p.key),
            String(bucketOf(p.atMs)),
            JSON.stringify({ ...stamp, a: p.atMs, v: p.value }),
            String(p.atMs),
            d.epoch,
            String(d.offset),
            oldest,
            String(METRIC_HISTORY_MAX_POINTS),
            String(TTL_MS),
          ),
        ),
      ]);
    },

    async latest(channel) {
      const heads = new Map<Scope, MetricEvent>();
      const values = new Map<Scope, Map<MetricKey, { value: number; asOfMs: number }>>();
      // An entry that does not parse is skipped: bad data never breaks a snapshot.
      for (const [field, raw] of Object.entries(await redis.hgetall(latestKey(channel)))) {
        const [kind, scopeName, keyName] = field.split(':');
        const scope = ScopeName.safeParse(scopeName);
        if (!scope.success) continue;
        if (kind === 'h') {
          const head = HeadEntry.safeParse(json(raw));
          const event = head.success ? head.data.event : undefined;
          if (event?.type === 'METRIC_UPDATE' && scopeOf(event) === scope.data) heads.set(scope.data, event);
        } else if (kind === 'v') {
          const key = MetricKey.safeParse(keyName);
          const entry = ValueEntry.safeParse(json(raw));
          if (!key.success || !entry.success) continue;
          let m = values.get(scope.data);
          if (!m) values.set(scope.data, (m = new Map()));
          m.set(key.data, { value: entry.data.v, asOfMs: entry.data.a });
        }
      }
      return [...heads].map(([scope, head]) => mergedEvent(head, values.get(scope) ?? new Map()));
    },

    async history(channel) {
      const series = (['*', ...MARKETPLACES] as const).flatMap((scope) =>
        CHARTED_METRICS.map((key) => ({ scope, key })),
      );
      const pipe = redis.pipeline();
      for (const s of series) pipe.hgetall(historyKey(channel, s.scope, s.key));
      const results = (await pipe.exec()) ?? [];
      const t = now();
      return series.flatMap(({ scope, key }, i) => {
        const [err, hash] = results[i] ?? [null, {}];
        if (err || !hash) return [];
        const points = Object.values(hash as Record<string, string>).flatMap((raw) => {
          const p = ValueEntry.safeParse(json(raw));
          return p.success ? [{ atMs: p.data.a, value: p.data.v }] : [];
        });
        const kept = seriesPoints(points, t);
        return kept.length === 0 ? [] : [{ ...(scope === '*' ? {} : { marketplace: scope }), key, points: kept }];
      });
    },
  };
}
