// One contract for every channel log: the in-process ring, the embedded SQLite log, Redis Streams.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { REDIS_URL, dropPrefix, testPrefix } from '../test/redis';
import type { ChannelLog } from './channelLog';
import { createMemoryLog } from './memoryLog';
import { createRedisLog } from './redisLog';
import { createSqliteLog } from './sqliteLog';

const live = (): LiveEvent => ({ ...orderCreated(), priority: 'normal', audience: ['warehouse'] }) as LiveEvent;

const redis = new Redis(REDIS_URL);
const prefixes: string[] = [];
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-log-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await Promise.all(prefixes.map(dropPrefix));
  redis.disconnect();
});

const KINDS: [string, (retention: number) => ChannelLog][] = [
  ['memory', (retention) => createMemoryLog({ epoch: `e${Math.random()}`, retention })],
  [
    'sqlite',
    (retention) => createSqliteLog({ dataDir: tempDir(), retention, retentionBytes: 1 << 30, dedupeWindow: 10_000 }),
  ],
  [
    'redis',
    (retention) => {
      const prefix = testPrefix();
      prefixes.push(prefix);
      return createRedisLog({ redis, prefix, retention, dedupeSeconds: 3600 });
    },
  ],
];

describe.each(KINDS)('channel log (%s)', (_kind, make) => {
  it('numbers each channel from 1, contiguously; a delivery carries channel, epoch, offset, event', async () => {
    const log = make(1000);
    const e = live();
    const first = await log.append('orders', e);
    expect(first).toEqual({
      delivery: { channel: 'orders', epoch: expect.any(String), offset: 1, event: e },
      duplicate: false,
    });
    for (let i = 0; i < 4; i++) await log.append('orders', live());
    await log.append('inventory', live());
    expect(await log.head('orders')).toEqual({ epoch: first.delivery.epoch, offset: 5 });
    expect((await log.head('inventory')).offset).toBe(1);
  });

  it('an empty channel has a head at 0, and its epoch holds once events arrive', async () => {
    const log = make(100);
    const before = await log.head('prices');
    expect(before.offset).toBe(0);
    await log.append('prices', live());
    expect(await log.head('prices')).toEqual({ epoch: before.epoch, offset: 1 });
    expect((await log.readSince('prices', before)).recovered).toBe(true);
  });

  it('places an id once: a repeat gets the first placement, marked duplicate', async () => {
    const log = make(100);
    const e = live();
    await log.append('orders', live());
    await log.append('orders', e);
    const again = await log.append('system', e);
    expect(again.duplicate).toBe(true);
    expect(again.delivery).toMatchObject({ channel: 'orders', offset: 2, event: e });
    expect(await log.placementOf(e.id)).toEqual({ channel: 'orders', offset: 2 });
    expect((await log.head('system')).offset).toBe(0);
  });

  it('replays what was missed, in order; at the head: recovered with nothing', async () => {
    const log = make(1000);
    const sent: LiveEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const e = live();
      sent.push(e);
      await log.append('orders', e);
    }
    const head = await log.head('orders');
    const r = await log.readSince('orders', { epoch: head.epoch, offset: 7 });
    expect(r.recovered).toBe(true);
    expect(r.events.map((d) => d.offset)).toEqual(Array.from({ length: 13 }, (_, i) => i + 8));
    expect(r.events.map((d) => d.event.id)).toEqual(sent.slice(7).map((e) => e.id));
    expect(await log.readSince('orders', head)).toEqual({ recovered: true, events: [], head });
  });

  it('reads a replay in chunks: at most `limit` events from `since`, with the head to tell what is left', async () => {
    const log = make(1000);
    for (let i = 0; i < 20; i++) await log.append('orders', live());
    const head = await log.head('orders');
    const first = await log.readSince('orders', { epoch: head.epoch, offset: 7 }, 5);
    expect(first.recovered).toBe(true);
    expect(first.head).toEqual(head);
    expect(first.events.map((d) => d.offset)).toEqual([8, 9, 10, 11, 12]);
    // The next chunk from where this one ended; the last one stops at the head.
    const next = await log.readSince('orders', { epoch: head.epoch, offset: 12 }, 5);
    expect(next.events.map((d) => d.offset)).toEqual([13, 14, 15, 16, 17]);
    const last = await log.readSince('orders', { epoch: head.epoch, offset: 17 }, 5);
    expect(last.events.map((d) => d.offset)).toEqual([18, 19, 20]);
  });

  it('refuses another epoch, a position from the future, and one beyond retention', async () => {
    const log = make(10);
    for (let i = 0; i < 400; i++) await log.append('orders', live());
    const head = await log.head('orders');
    expect((await log.readSince('orders', { epoch: 'another', offset: 399 })).recovered).toBe(false);
    expect((await log.readSince('orders', { ...head, offset: 401 })).recovered).toBe(false);
    const old = await log.readSince('orders', { ...head, offset: 1 });
    expect(old).toEqual({ recovered: false, events: [], head });
    // Still held: the last few.
    expect((await log.readSince('orders', { ...head, offset: 395 })).events.map((d) => d.offset)).toEqual([
      396, 397, 398, 399, 400,
    ]);
  });
});

describe('redis channel log across gateway restarts', () => {
  it('keeps its epoch and offsets when a new log object (a restarted node) opens the same keys', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const a = createRedisLog({ redis, prefix, retention: 100, dedupeSeconds: 60 });
    await a.append('orders', live());
    const before = await a.head('orders');
    const b = createRedisLog({ redis, prefix, retention: 100, dedupeSeconds: 60 });
    expect(await b.head('orders')).toEqual(before);
    await b.append('orders', live());
    expect((await b.readSince('orders', before)).events.map((d) => d.offset)).toEqual([2]);
  });

  it('changes its epoch when the stream state is lost', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const log = createRedisLog({ redis, prefix, retention: 100, dedupeSeconds: 60 });
    await log.append('orders', live());
    const before = await log.head('orders');
    await dropPrefix(prefix);
    const after = await log.head('orders');
    expect(after.epoch).not.toBe(before.epoch);
    expect((await log.readSince('orders', before)).recovered).toBe(false);
  });
});
