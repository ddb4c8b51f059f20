// A clustered gateway whose Redis goes away: it says so on /readyz, refuses events with 503 (so
// producers retry) instead of losing them, keeps limiting sockets with its in-memory insurance
// limiter, and recovers when Redis is back.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { systemAlert } from '../../protocol/test/fixtures';
import { POSTGRES_URL, dropSchema, uniqueSchema } from '../test/databases';
import { freePort, postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';

let redis: ChildProcess | undefined;
let gw: GatewayProcess | undefined;
const schema = uniqueSchema('rd');

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(async () => {
    try {
      const { Redis } = await import('ioredis');
      const c = new Redis(`redis://127.0.0.1:${port}`, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      c.on('error', () => undefined);
      await c.connect();
      c.disconnect();
      return true;
    } catch {
      return false;
    }
  }, 'a private redis-server');
  return child;
}

afterAll(async () => {
  await gw?.dispose();
  redis?.kill('SIGKILL');
  await dropSchema(schema);
});

async function ready(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean> } };
}

describe('Redis going away', () => {
  it('readiness false, events refused with 503 not lost, limits still held; all back when Redis returns', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    gw = await startGatewayProcess({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LIVE_REDIS_PREFIX: 'rd:',
      DATABASE_URL: POSTGRES_URL,
      LIVE_DB_SCHEMA: schema,
      LIVE_LIMITS: 'socketRate=5,maxStrikes=1000',
    });
    expect((await ready(gw.url)).status).toBe(200);
    const c = await connectLive(gw.url);

    redis.kill('SIGKILL');
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

    redis = await startRedis(port);
    await waitFor(async () => (await ready(gw!.url)).status === 200, 'readiness back', 30_000);
    const again = systemAlert();
    await waitFor(async () => (await postEvents(gw!.url, again)).status === 202, 'events accepted again', 30_000);
    c.close();
  });
});
