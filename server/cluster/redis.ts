// Redis connections of a clustered gateway. Every key starts with LIVE_REDIS_PREFIX, so several
// deployments (and test runs) can share one Redis. Every command has a deadline, and a circuit
// answers for Redis while it is away: callers are refused at once instead of queueing behind it.
import { Redis } from 'ioredis';
import { createCircuit, withDeadline, type Circuit } from '../ops/circuit';
import { isDependencyOutage } from '../ops/outage';

export interface RedisConnections {
  /** Commands: logs, limits, presence, KPIs. */
  main: Redis;
  /** The Socket.IO adapter's publisher and subscriber. */
  pub: Redis;
  sub: Redis;
  prefix: string;
  circuit: Circuit;
  ping(): Promise<boolean>;
  /** Resolves once Redis answers; rejects with one line naming the cause after `ms`. */
  ready(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** Longest wait for one command or for connecting, ms. */
  timeoutMs: number;
  onCircuitChange?: (up: boolean, cause?: unknown) => void;
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function connectRedis(url: string, prefix: string, options: RedisOptions): RedisConnections {
  let lastError: Error | undefined;
  const make = (autoPipelining: boolean) =>
    new Redis(url, {
      // Commands issued in the same tick go in one write (one syscall, one round trip): a burst of
      // reconnects asks for limits, presence and log heads of hundreds of sockets at once.
      enableAutoPipelining: autoPipelining,
      // Fail commands fast while Redis is away (limits fall back to memory; readiness turns false).
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
      commandTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
  const main = make(true);
  const pub = make(false);
  const sub = pub.duplicate();
  const circuit = createCircuit({
    name: 'redis',
    timeoutMs: options.timeoutMs,
    isOutage: isDependencyOutage,
    probe: async () => {
      if ((await main.ping()) !== 'PONG') throw new Error('Redis answered PING oddly');
    },
    onChange: options.onCircuitChange,
  });
  for (const c of [main, pub, sub]) c.on('error', (err: Error) => (lastError = err)); // reported through readiness
  // A lost connection opens the circuit at once; the probe closes it when Redis answers again.
  main.on('close', () => circuit.failed(lastError ?? new Error('Connection is closed.')));
  return {
    main,
    pub,
    sub,
    prefix,
    circuit,
    async ping() {
      try {
        return (await circuit.call(() => main.ping())) === 'PONG';
      } catch {
        return false;
      }
    },
    async ready(ms) {
      try {
        await withDeadline('Redis', ms, main.ping());
      } catch (err) {
        const cause = lastError?.message ?? (err instanceof Error ? err.message : String(err));
        throw new Error(`Redis at ${redactedUrl(url)} cannot be used: ${cause}`);
      }
    },
    async close() {
      circuit.stop();
      await Promise.all([main, pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
