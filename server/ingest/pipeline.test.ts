// The ingest pipeline in-process: all-or-nothing batches, dedupe by id, serialised commits.
import { describe, expect, it } from 'vitest';
import { LiveError, SHARED_CHANNELS, type Delivery, type EventInput } from '../../protocol';
import { inventoryChange, metricUpdate, orderCreated, priceUpdate, systemAlert } from '../../protocol/test/fixtures';
import type { ChannelLog } from '../log/channelLog';
import { createMemoryLog } from '../log/memoryLog';
import { createIngest } from './pipeline';

const NOW = Date.parse('2025-11-26T09:00:00Z');

function setup(options: { maxBatch?: number; slowAppend?: boolean } = {}) {
  const memory = createMemoryLog({ epoch: 'e1', retention: 1000 });
  // A log whose appends yield to the event loop, as Redis would, to widen any race window.
  const log: ChannelLog = options.slowAppend
    ? { ...memory, append: (c, e) => new Promise<void>((r) => setImmediate(r)).then(() => memory.append(c, e)) }
    : memory;
  const broadcasts: Delivery[] = [];
  const observed: Delivery[] = [];
  const ingest = createIngest({
    log,
    broadcast: (ds) => broadcasts.push(...ds),
    now: () => NOW,
    maxBatch: options.maxBatch ?? 10,
    observers: [(d) => observed.push(d)],
  });
  const heads = async () => Promise.all(SHARED_CHANNELS.map(async (c) => (await memory.head(c)).offset));
  return { ingest, log: memory, broadcasts, observed, heads };
}

async function rejection(p: Promise<unknown>): Promise<LiveError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LiveError);
  return err as LiveError;
}
const pathsOf = (err: LiveError) => (err.details?.issues as { path: string }[]).map((i) => i.path);

describe('ingest pipeline', () => {
  it('accepts one envelope: appends, broadcasts the enriched event, answers its place', async () => {
    const { ingest, broadcasts, observed } = setup();
    const e = priceUpdate();
    expect(await ingest.ingestBody(e)).toEqual([{ id: e.id, channel: 'prices', offset: 1, duplicate: false }]);
    expect(broadcasts).toEqual([
      { channel: 'prices', epoch: 'e1', offset: 1, event: { ...e, priority: 'high', audience: ['sales'] } },
    ]);
    expect(observed).toEqual(broadcasts);
  });

  it('accepts a batch, each event on its own channel with contiguous offsets', async () => {
    const { ingest, broadcasts } = setup();
    const events = [orderCreated(), orderCreated(), inventoryChange(), metricUpdate(), systemAlert(), orderCreated()];
    const accepted = await ingest.ingestBody({ events });
    expect(accepted.map((a) => [a.channel, a.offset])).toEqual([
      ['orders', 1],
      ['orders', 2],
      ['inventory', 1],
      ['dashboard', 1],
      ['system', 1],
      ['orders', 3],
    ]);
    expect(broadcasts.map((d) => d.event.id)).toEqual(events.map((e) => e.id));
  });

  it('refuses a whole batch with one bad event: paths prefixed events.N., nothing appended or broadcast', async () => {
    const { ingest, broadcasts, observed, heads } = setup();
    const bad = orderCreated() as Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>;
    const firstLine = bad.payload.lines[0]!;
    bad.payload = { ...bad.payload, lines: [{ ...firstLine, qty: -1 }] };
    const err = await rejection(ingest.ingestBody({ events: [orderCreated(), bad, systemAlert()] }));
    expect(err.code).toBe('validation_failed');
    expect(pathsOf(err)).toContain('events.1.payload.lines.0.qty');
    expect(pathsOf(err).every((p) => p.startsWith('events.1.'))).toBe(true);
    expect(err.message).toContain('events.1.payload.lines.0.qty');
    expect(broadcasts).toEqual([]);
    expect(observed).toEqual([]);
    expect(await heads()).toEqual(SHARED_CHANNELS.map(() => 0));
  });

  it('reports every bad event of a batch, each under its own index', async () => {
    const { ingest } = setup();
    const noId = { ...orderCreated(), id: undefined };
    const wrongChannel = { ...priceUpdate(), channel: 'orders' };
    const err = await rejection(ingest.ingestBody({ events: [noId, inventoryChange(), wrongChannel] }));
    expect(pathsOf(err)).toEqual(['events.0.id', 'events.2.channel']);
  });

  it('a single bad envelope has unprefixed paths', async () => {
    const { ingest, broadcasts } = setup();
    const err = await rejection(ingest.ingestBody({ ...systemAlert(), occurredAt: 'dün' }));
    expect(pathsOf(err)).toEqual(['occurredAt']);
    expect(broadcasts).toEqual([]);
  });

  it('answers a repeated id as a duplicate with the original place, without broadcasting it again', async () => {
    const { ingest, broadcasts, observed, log } = setup();
    const e = orderCreated();
    await ingest.ingestBody(orderCreated());
    const first = await ingest.ingestBody(e);
    const again = await ingest.ingestBody(e);
    expect(first).toEqual([{ id: e.id, channel: 'orders', offset: 2, duplicate: false }]);
    expect(again).toEqual([{ id: e.id, channel: 'orders', offset: 2, duplicate: true }]);
    expect(broadcasts).toHaveLength(2);
    expect(observed).toHaveLength(2);
    expect(await log.head('orders')).toEqual({ epoch: 'e1', offset: 2 });
  });

  it('dedupes within one batch', async () => {
    const { ingest, broadcasts } = setup();
    const a = inventoryChange();
    const b = inventoryChange();
    const accepted = await ingest.ingestBody({ events: [a, b, a, a] });
    expect(accepted).toEqual([
      { id: a.id, channel: 'inventory', offset: 1, duplicate: false },
      { id: b.id, channel: 'inventory', offset: 2, duplicate: false },
      { id: a.id, channel: 'inventory', offset: 1, duplicate: true },
      { id: a.id, channel: 'inventory', offset: 1, duplicate: true },
    ]);
    expect(broadcasts.map((d) => d.event.id)).toEqual([a.id, b.id]);
  });

  it('rejects an empty batch', async () => {
    const { ingest } = setup();
    const err = await rejection(ingest.ingestBody({ events: [] }));
    expect(err.code).toBe('validation_failed');
    expect(pathsOf(err)).toEqual(['events']);
    expect((await rejection(ingest.publish([]))).code).toBe('validation_failed');
  });

  it('rejects a batch over maxBatch, and accepts one of exactly maxBatch', async () => {
    const { ingest, broadcasts } = setup({ maxBatch: 3 });
    const err = await rejection(ingest.ingestBody({ events: [1, 2, 3, 4].map(() => orderCreated()) }));
    expect(err.code).toBe('validation_failed');
    expect(err.message).toMatch(/at most 3/);
    expect(broadcasts).toEqual([]);
    expect(await ingest.ingestBody({ events: [1, 2, 3].map(() => orderCreated()) })).toHaveLength(3);
  });

  it('publish() validates what the gateway itself makes', async () => {
    const { ingest, broadcasts } = setup();
    const bad = { ...metricUpdate(), channel: 'global' };
    const err = await rejection(ingest.publish([metricUpdate(), bad]));
    expect(pathsOf(err)).toEqual(['events.1.channel']);
    expect(broadcasts).toEqual([]);
  });

  it('concurrent ingests of the same id produce exactly one broadcast', async () => {
    const { ingest, broadcasts, log } = setup({ slowAppend: true });
    const e = orderCreated();
    const results = await Promise.all([1, 2, 3, 4].map(() => ingest.ingestBody(e)));
    expect(broadcasts).toHaveLength(1);
    expect(results.flat().filter((a) => !a.duplicate)).toHaveLength(1);
    expect(results.flat().every((a) => a.offset === 1 && a.channel === 'orders')).toBe(true);
    expect(await log.head('orders')).toEqual({ epoch: 'e1', offset: 1 });
  });

  it('concurrent batches commit in arrival order, with contiguous offsets', async () => {
    const { ingest, broadcasts } = setup({ slowAppend: true });
    const a = [orderCreated(), orderCreated(), orderCreated()];
    const b = [orderCreated(), orderCreated()];
    const [ra, rb] = await Promise.all([ingest.ingestBody({ events: a }), ingest.ingestBody({ events: b })]);
    expect(ra.map((x) => x.offset)).toEqual([1, 2, 3]);
    expect(rb.map((x) => x.offset)).toEqual([4, 5]);
    expect(broadcasts.map((d) => d.offset)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a failed append does not block later ingests', async () => {
    const memory = createMemoryLog({ epoch: 'e1', retention: 10 });
    let fail = true;
    const log: ChannelLog = {
      ...memory,
      append: async (c, e) => {
        if (fail) throw new Error('log down');
        return memory.append(c, e);
      },
    };
    const ingest = createIngest({ log, broadcast: () => undefined, now: () => NOW, maxBatch: 5 });
    await expect(ingest.ingestBody(orderCreated())).rejects.toThrow('log down');
    fail = false;
    const e = orderCreated();
    expect(await ingest.ingestBody(e)).toEqual([{ id: e.id, channel: 'orders', offset: 1, duplicate: false }]);
  });
});
