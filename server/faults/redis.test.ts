// Redis trouble on a private redis-server behind a fault proxy: a Redis that stops answering, and
// one that comes back empty. The gateway refuses with 503 at once while Redis is away, /readyz says
// so within a second, nothing accepted is lost or counted twice, and after an empty restart the
// stream ingest resumes by itself and consoles are told `recovered: false` to reload.
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SubscribeResponse } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { POSTGRES_URL, dropSchema, uniqueSchema } from '../test/databases';
import { startFaultProxy, type FaultProxy } from '../test/faultProxy';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';
import { acceptanceFaults, produce } from '../test/producer';
import { readiness } from '../test/readiness';
import { startRedisServer, type RedisServer } from '../test/redisServer';

const STRESS = Boolean(process.env.LIVE_STRESS);
const EVENTS = STRESS ? 200 : 20;
const PREFIX = 'rf:';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const schema = uniqueSchema('rf');
let redis: RedisServer;
let proxy: FaultProxy;
let gw: GatewayProcess;

beforeAll(async () => {
  redis = await startRedisServer();
  proxy = await startFaultProxy({ port: redis.port });
  gw = await startGatewayProcess({
    REDIS_URL: proxy.url(redis.url),
    LIVE_REDIS_PREFIX: PREFIX,
    DATABASE_URL: POSTGRES_URL,
    LIVE_DB_SCHEMA: schema,
    LIVE_LIMITS: 'dependencyTimeoutMs=1000',
  });
});

// A failed test must not leave the next one behind a paused proxy.
afterEach(() => proxy?.heal());

afterAll(async () => {
  await gw?.dispose();
  await proxy?.close();
  await redis?.kill();
  await dropSchema(schema);
});

async function sqlQuery<T>(text: string, values: unknown[]): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function inSql(alertEventId: string, orderEventId: string) {
  return sqlQuery<{ alerts: number; orders: number }>(
    `SELECT (SELECT count(*)::int FROM ${schema}.alerts WHERE last_event_id = $1) AS alerts,
            (SELECT count(*)::int FROM ${schema}.orders WHERE last_event_id = $2) AS orders`,
    [alertEventId, orderEventId],
  );
}

async function alertCount(eventId: string): Promise<number> {
  return (await sqlQuery<{ count: number }>(`SELECT count FROM ${schema}.alerts WHERE last_event_id = $1`, [eventId]))
    .count;
}

describe('Redis faults', () => {
  it('a Redis that stops answering: 503 at once with Retry-After, /readyz names it within 1 s, back by itself', async () => {
    proxy.pause();
    const started = performance.now();
    const first = await produce([systemAlert()], { url: gw.url, giveUpMs: 1 });
    expect(first.statuses['503'], JSON.stringify(first)).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    const again = performance.now();
    const second = await produce([systemAlert()], { url: gw.url, giveUpMs: 1 });
    expect(second.statuses['503']).toBe(1);
    expect(second.codes).toEqual({ unavailable: 1 });
    expect(second.missingRetryAfter).toBe(0);
    // The circuit is open: no waiting for a timeout any more.
    expect(performance.now() - again).toBeLessThan(1000);
    const ready = await readiness(gw.url);
    console.info(
      `redis paused: first refusal ${Math.round(again - started)} ms, next ${Math.round(performance.now() - again)} ms, /readyz ${Math.round(ready.ms)} ms`,
    );
    expect(ready.ms).toBeLessThan(1000);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ redis: false, database: true });

    const events = Array.from({ length: EVENTS }, () => orderCreated());
    const producing = produce(events, { url: gw.url, concurrency: 2 });
    await sleep(1500);
    proxy.heal();
    const record = await producing;
    await waitFor(async () => (await readiness(gw.url)).status === 200, 'readiness back', 30_000);
    console.info(`redis paused: producers' answers ${JSON.stringify(record.statuses)}`);
    expect(acceptanceFaults(events, record)).toEqual({ twice: [], lost: [] });
    expect(record.statuses['500'] ?? 0).toBe(0);
    expect(gw.pid(), gw.output()).toBeDefined();
  }, 180_000);

  it('Redis refusing writes: the refused event shows nowhere, and its retry counts once', async () => {
    const admin = new Redis(redis.url);
    const alert = systemAlert();
    const order = orderCreated();
    try {
      // Writes refused (no replica may confirm them); reads still answered.
      await admin.config('SET', 'min-replicas-to-write', '1');
      const refused = await produce([alert, order], { url: gw.url, giveUpMs: 1, concurrency: 2 });
      expect(refused.statuses['503']).toBe(2);
      expect(await inSql(alert.id, order.id)).toEqual({ alerts: 0, orders: 0 });
    } finally {
      await admin.config('SET', 'min-replicas-to-write', '0');
      admin.disconnect();
    }
    const record = await produce([alert, order, alert], { url: gw.url });
    expect(
      record.accepted
        .filter((a) => !a.duplicate)
        .map((a) => a.id)
        .sort(),
    ).toEqual([alert.id, order.id].sort());
    expect(await inSql(alert.id, order.id)).toEqual({ alerts: 1, orders: 1 });
    expect(await alertCount(alert.id)).toBe(1);
  }, 180_000);

  it('Redis back empty: stream ingest resumes by itself, consoles get recovered: false', async () => {
    const console1 = await connectLive(gw.url);
    await console1.subscribe({ channels: [{ channel: 'system' }] });
    const before = systemAlert();
    await produce([before], { url: gw.url });
    const seen = await console1.waitForEvent(before.id);
    console1.close();

    await redis.kill();
    await redis.start();
    await waitFor(async () => (await readiness(gw.url)).status === 200, 'readiness after the empty restart', 30_000);

    // A producer writing to the ingest stream: the gateway re-creates its consumer group and reads it.
    const streamed = systemAlert();
    const producer = new Redis(redis.url);
    try {
      await waitFor(
        async () => {
          await producer.xadd(`${PREFIX}ingest`, '*', 'event', JSON.stringify(streamed));
          const watcher = await connectLive(gw.url);
          try {
            const ack = (await watcher.subscribe({
              channels: [{ channel: 'system', since: { epoch: seen.epoch, offset: 0 } }],
            })) as SubscribeResponse;
            const result = ack.results[0];
            return result?.ok === true && result.recovered === false && result.offset > 0;
          } finally {
            watcher.close();
          }
        },
        'the streamed event in the new log',
        60_000,
      );
    } finally {
      producer.disconnect();
    }
    const console2 = await connectLive(gw.url);
    const ack = (await console2.subscribe({
      channels: [{ channel: 'system', since: { epoch: seen.epoch, offset: seen.offset } }],
    })) as SubscribeResponse;
    expect(ack.results[0]).toMatchObject({ ok: true, recovered: false });
    expect(ack.results[0]?.epoch).not.toBe(seen.epoch);
    console2.close();
    expect(gw.output()).toContain('ingest stream group re-created');
    expect(gw.pid()).toBeDefined();
  }, 180_000);
});
