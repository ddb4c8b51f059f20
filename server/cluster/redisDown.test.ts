// A clustered gateway whose Redis goes away: it says so on /readyz, refuses events with 503 (so
// producers retry) instead of losing them, keeps limiting sockets with its in-memory insurance
// limiter, and recovers when Redis is back.
import { afterAll, describe, expect, it } from 'vitest';
import { systemAlert } from '../../protocol/test/fixtures';
import { POSTGRES_URL, dropSchema, uniqueSchema } from '../test/databases';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';
import { startRedisServer, type RedisServer } from '../test/redisServer';

let redis: RedisServer | undefined;
let gw: GatewayProcess | undefined;
const schema = uniqueSchema('rd');

afterAll(async () => {
  await gw?.dispose();
  await redis?.kill();
  await dropSchema(schema);
});

async function ready(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean> } };
}

describe('Redis going away', () => {
  it('readiness false, events refused with 503 not lost, limits still held; all back when Redis returns', async () => {
    redis = await startRedisServer();
    gw = await startGatewayProcess({
      REDIS_URL: redis.url,
      LIVE_REDIS_PREFIX: 'rd:',
      DATABASE_URL: POSTGRES_URL,
      LIVE_DB_SCHEMA: schema,
      LIVE_LIMITS: 'socketRate=5,maxStrikes=1000',
    });
    expect((await ready(gw.url)).status).toBe(200);
    const c = await connectLive(gw.url);

    await redis.kill();
    await waitFor(async () => (await ready(gw!.url)).status === 503, 'readiness to turn false');
    expect((await ready(gw.url)).body.checks).toMatchObject({ redis: false, database: true });

    const refused = await postEvents(gw.url, systemAlert());
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ error: { code: 'unavailable' } });

    // The insurance limiter: a flood is still throttled with Redis gone.
    const acks = await Promise.all(
      Array.from({ length: 20 }, () =>
        c.socket
          .timeout(10_000)
          .emitWithAck('unsubscribe', { channels: ['orders'] })
          .catch(() => ({ ok: false, error: { code: 'no_answer' } })),
      ),
    );
    expect(
      acks.filter((a) => (a as { error?: { code: string } }).error?.code === 'rate_limited').length,
    ).toBeGreaterThan(0);

    await redis.start();
    await waitFor(async () => (await ready(gw!.url)).status === 200, 'readiness back', 30_000);
    const again = systemAlert();
    await waitFor(async () => (await postEvents(gw!.url, again)).status === 202, 'events accepted again', 30_000);
    c.close();
  });
});
