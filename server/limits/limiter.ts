// Rate limits with rate-limiter-flexible: in memory when embedded, in Redis when clustered (with an
// in-memory insurance limiter that takes over while Redis is unreachable).
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimitResult = { ok: true } | { ok: false; retryAfterMs: number };

export interface Limiter {
  consume(key: string, points?: number): Promise<LimitResult>;
  /** Whether `key` has points left, without using one. */
  peek(key: string): Promise<LimitResult>;
  /** Gives back points consumed for `key` (an attempt that turned out well). */
  reward(key: string, points?: number): Promise<void>;
}

export interface LimitSpec {
  /** Allowed per window. */
  points: number;
  durationSec: number;
}

export type LimiterFactory = (name: string, spec: LimitSpec) => Limiter;

export function wrap(limiter: RateLimiterAbstract): Limiter {
  return {
    async peek(key) {
      const res = await limiter.get(key);
      if (!res || res.consumedPoints < limiter.points) return { ok: true };
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(res.msBeforeNext)) };
    },
    async reward(key, points = 1) {
      await limiter.reward(key, points);
    },
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
        return { ok: true };
      } catch (res) {
        if (res instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, Math.ceil(res.msBeforeNext)) };
        throw res;
      }
    },
  };
}

export const memoryLimiters: LimiterFactory = (name, spec) =>
  wrap(new RateLimiterMemory({ keyPrefix: name, points: spec.points, duration: spec.durationSec }));
