// A socket's request limit is kept by the node that holds the socket: no Redis round trip per
// request (every console pings every 2 s), while the per-user limit stays shared by the cluster.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../test/cluster';
import { REDIS_URL } from '../test/redis';
import { connectLive, loginAs } from '../test/live';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(1, { LIVE_LIMITS: 'socketRate=5,maxStrikes=1000' });
}, 120_000);
afterAll(async () => cluster?.dispose());

async function keysUnder(pattern: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

describe('socket limits in a cluster', () => {
  it('hold per socket without a key in Redis; the per-user limit is in Redis', async () => {
    const url = cluster.nodes[0]!.url;
    const c = await connectLive(url, { token: (await loginAs(url, 'satis')).accessToken });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        c.socket
          .timeout(10_000)
          .emitWithAck('live:ping', { t: Date.now() })
          .catch(() => ({ ok: false, error: { code: 'no_answer' } })),
      ),
    );
    const refused = answers.filter((a) => (a as { error?: { code: string } }).error?.code === 'rate_limited');
    expect(refused.length).toBeGreaterThanOrEqual(12 - 5);
    expect(refused.length).toBeLessThan(12);
    expect(await keysUnder(`${cluster.prefix}rl:socket*`)).toEqual([]);
    expect((await keysUnder(`${cluster.prefix}rl:user*`)).length).toBeGreaterThan(0);
    c.close();
  });
});
