// A start that cannot reach its servers ends within the start timeout in one line naming the server
// and the cause: no stack trace, and nothing ever listening.
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../test/databases';
import { startFaultProxy, type FaultProxy } from '../test/faultProxy';
import { freePort, runFailingStart, type StartFailure } from '../test/gatewayProcess';
import { startRedisServer, type RedisServer } from '../test/redisServer';

const START_TIMEOUT_S = 4;
const LIMITS = `dependencyTimeoutMs=1000,startTimeoutSeconds=${START_TIMEOUT_S}`;
let proxy: FaultProxy | undefined;
let redis: RedisServer | undefined;

afterAll(async () => {
  await proxy?.close();
  await redis?.kill();
});

function expectOneLineFailure(run: StartFailure, names: RegExp): void {
  const lines = run.output.trim().split('\n');
  expect(run.code, run.output).toBe(1);
  expect(lines, run.output).toHaveLength(1);
  expect(lines[0]).toMatch(/^meschain-live: gateway failed to start: /);
  expect(lines[0]).toMatch(names);
  expect(run.output).not.toMatch(/\n\s+at /);
  expect(run.listened).toBe(false);
  // The start timeout, with room for a loaded machine.
  expect(run.ms).toBeLessThan(START_TIMEOUT_S * 1000 * 10);
}

describe('start-up failures', () => {
  it('Redis refusing connections', async () => {
    const closed = await freePort();
    const run = await runFailingStart({ REDIS_URL: `redis://127.0.0.1:${closed}`, LIVE_LIMITS: LIMITS });
    expectOneLineFailure(run, /Redis at redis:\/\/127\.0\.0\.1:\d+\/? cannot be used: .*ECONNREFUSED/);
  });

  it('Redis refusing the credentials', async () => {
    redis = await startRedisServer({ password: 'right-password' });
    const run = await runFailingStart({
      REDIS_URL: `redis://:wrong-password@127.0.0.1:${redis.port}`,
      LIVE_LIMITS: LIMITS,
    });
    expectOneLineFailure(
      run,
      /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? cannot be used: .*(WRONGPASS|NOAUTH|invalid)/i,
    );
    expect(run.output).not.toContain('wrong-password');
  });

  it('PostgreSQL refusing connections', async () => {
    const closed = await freePort();
    const url = new URL(POSTGRES_URL);
    url.port = String(closed);
    const run = await runFailingStart({ DATABASE_URL: url.toString(), LIVE_LIMITS: LIMITS });
    expectOneLineFailure(run, /PostgreSQL at .* cannot be used: .*ECONNREFUSED/);
  });

  it('PostgreSQL that never answers', async () => {
    proxy = await startFaultProxy({ port: Number(new URL(POSTGRES_URL).port || 5432) });
    proxy.blackhole();
    const run = await runFailingStart({ DATABASE_URL: proxy.url(POSTGRES_URL), LIVE_LIMITS: LIMITS });
    expectOneLineFailure(run, /PostgreSQL at .* cannot be used: .*time/i);
  });
});
