// Sign-in throttling, charged before the password is checked: every attempt takes a point from its
// address+username, its username (from any address) and its address (for any username) first, and
// only a successful sign-in gives them back. Parallel guesses therefore cannot outrun the count.
import type { LimitResult, LimiterFactory } from './limiter';

export interface LoginLimits {
  loginFailures: number;
  loginFailuresPerUser: number;
  loginFailuresPerAddress: number;
}

export interface LoginLimiter {
  /** Takes one attempt for this address and username; refused when any of the three is spent. */
  begin(address: string, username: string): Promise<LimitResult>;
  /** The attempt succeeded: its points are returned. */
  succeeded(address: string, username: string): Promise<void>;
}

const WINDOW_SEC = 15 * 60;

export function createLoginLimiter(limiters: LimiterFactory, limits: LoginLimits): LoginLimiter {
  const buckets = [
    {
      limiter: limiters('login', { points: limits.loginFailures, durationSec: WINDOW_SEC }),
      key: (a: string, u: string) => `${a}|${u}`,
    },
    {
      limiter: limiters('login-user', { points: limits.loginFailuresPerUser, durationSec: WINDOW_SEC }),
      key: (_a: string, u: string) => u,
    },
    {
      limiter: limiters('login-addr', { points: limits.loginFailuresPerAddress, durationSec: WINDOW_SEC }),
      key: (a: string) => a,
    },
  ];
  const norm = (username: string) => username.trim().toLowerCase();
  return {
    async begin(address, username) {
      const u = norm(username);
      const results = await Promise.all(buckets.map((b) => b.limiter.consume(b.key(address, u))));
      const refused = results.filter((r): r is { ok: false; retryAfterMs: number } => !r.ok);
      if (refused.length === 0) return { ok: true };
      return { ok: false, retryAfterMs: Math.max(...refused.map((r) => r.retryAfterMs)) };
    },
    async succeeded(address, username) {
      const u = norm(username);
      await Promise.all(buckets.map((b) => b.limiter.reward(b.key(address, u))));
    },
  };
}
