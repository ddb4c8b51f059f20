// The embedded channel log: contiguous offsets per channel, replay of what a reader missed, and an
// honest `recovered: false` whenever it cannot replay everything.
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../protocol';
import { inventoryChange, orderCreated } from '../../protocol/test/fixtures';
import { createMemoryLog } from './memoryLog';

const EPOCH = 'epoch-a';
const live = (make: () => unknown = orderCreated): LiveEvent =>
  ({ ...(make() as object), priority: 'normal', audience: ['warehouse'] }) as LiveEvent;

async function filled(channel: string, n: number, retention = 100) {
  const log = createMemoryLog({ epoch: EPOCH, retention });
  const events: LiveEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = live();
    events.push(e);
    await log.append(channel, e);
  }
  return { log, events };
}

describe('memory channel log', () => {
  it('numbers each channel from 1, contiguously, independently of other channels', async () => {
    const log = createMemoryLog({ epoch: EPOCH, retention: 100 });
    const orders: number[] = [];
    const inventory: number[] = [];
    for (let i = 0; i < 5; i++) {
      orders.push((await log.append('orders', live())).delivery.offset);
      if (i % 2 === 0) inventory.push((await log.append('inventory', live(inventoryChange))).delivery.offset);
    }
    expect(orders).toEqual([1, 2, 3, 4, 5]);
    expect(inventory).toEqual([1, 2, 3]);
    expect(await log.head('orders')).toEqual({ epoch: EPOCH, offset: 5 });
    expect(await log.head('inventory')).toEqual({ epoch: EPOCH, offset: 3 });
  });

  it('a delivery carries channel, epoch, offset and the event itself', async () => {
    const log = createMemoryLog({ epoch: EPOCH, retention: 10 });
    const e = live();
    expect(await log.append('orders', e)).toEqual({
      delivery: { channel: 'orders', epoch: EPOCH, offset: 1, event: e },
      duplicate: false,
    });
  });

  it('places an event id once: a repeat returns the first placement, marked duplicate, and appends nothing', async () => {
    const log = createMemoryLog({ epoch: EPOCH, retention: 10 });
    const e = live();
    await log.append('orders', e);
    expect(await log.append('orders', e)).toEqual({
      delivery: { channel: 'orders', epoch: EPOCH, offset: 1, event: e },
      duplicate: true,
    });
    expect(await log.head('orders')).toEqual({ epoch: EPOCH, offset: 1 });
    expect(await log.placementOf(e.id)).toEqual({ channel: 'orders', offset: 1 });
    expect(await log.placementOf(live().id)).toBeUndefined();
  });

  it('an unknown channel is empty: head at offset 0', async () => {
    const log = createMemoryLog({ epoch: EPOCH, retention: 10 });
    expect(await log.head('prices')).toEqual({ epoch: EPOCH, offset: 0 });
  });

  it('readSince returns exactly the missed events, in order', async () => {
    const { log, events } = await filled('orders', 8);
    const read = await log.readSince('orders', { epoch: EPOCH, offset: 3 });
    expect(read.recovered).toBe(true);
    expect(read.events.map((d) => d.offset)).toEqual([4, 5, 6, 7, 8]);
    expect(read.events.map((d) => d.event.id)).toEqual(events.slice(3).map((e) => e.id));
    expect(read.events.every((d) => d.channel === 'orders' && d.epoch === EPOCH)).toBe(true);
    expect(read.head).toEqual({ epoch: EPOCH, offset: 8 });
  });

  it('readSince from offset 0 replays everything while it is still held', async () => {
    const { log } = await filled('orders', 4, 4);
    const read = await log.readSince('orders', { epoch: EPOCH, offset: 0 });
    expect(read.recovered).toBe(true);
    expect(read.events.map((d) => d.offset)).toEqual([1, 2, 3, 4]);
  });

  it('since at the head: recovered, nothing to replay', async () => {
    const { log } = await filled('orders', 6);
    expect(await log.readSince('orders', { epoch: EPOCH, offset: 6 })).toEqual({
      recovered: true,
      events: [],
      head: { epoch: EPOCH, offset: 6 },
    });
  });

  it('an empty channel read from 0 is recovered with nothing', async () => {
    const log = createMemoryLog({ epoch: EPOCH, retention: 5 });
    expect(await log.readSince('system', { epoch: EPOCH, offset: 0 })).toEqual({
      recovered: true,
      events: [],
      head: { epoch: EPOCH, offset: 0 },
    });
  });

  it('beyond retention → recovered false (the reader must reload the snapshot)', async () => {
    // Retention 5 after 12 appends holds offsets 8..12; a reader at 6 needs 7, which is gone.
    const { log } = await filled('orders', 12, 5);
    const lost = await log.readSince('orders', { epoch: EPOCH, offset: 6 });
    expect(lost).toEqual({ recovered: false, events: [], head: { epoch: EPOCH, offset: 12 } });
    expect((await log.readSince('orders', { epoch: EPOCH, offset: 0 })).recovered).toBe(false);
  });

  it('at the edge of retention the oldest held event is still replayed', async () => {
    const { log, events } = await filled('orders', 12, 5);
    const read = await log.readSince('orders', { epoch: EPOCH, offset: 7 });
    expect(read.recovered).toBe(true);
    expect(read.events.map((d) => d.offset)).toEqual([8, 9, 10, 11, 12]);
    expect(read.events.map((d) => d.event.id)).toEqual(events.slice(7).map((e) => e.id));
  });

  it('keeps replaying correctly after the ring wrapped many times', async () => {
    const { log, events } = await filled('orders', 53, 7);
    const read = await log.readSince('orders', { epoch: EPOCH, offset: 48 });
    expect(read.events.map((d) => d.offset)).toEqual([49, 50, 51, 52, 53]);
    expect(read.events.map((d) => d.event.id)).toEqual(events.slice(48).map((e) => e.id));
  });

  it('another epoch → recovered false, even for an offset still held', async () => {
    const { log } = await filled('orders', 3);
    expect(await log.readSince('orders', { epoch: 'epoch-before-restart', offset: 2 })).toEqual({
      recovered: false,
      events: [],
      head: { epoch: EPOCH, offset: 3 },
    });
  });

  it('since in the future → recovered false', async () => {
    const { log } = await filled('orders', 3);
    const read = await log.readSince('orders', { epoch: EPOCH, offset: 4 });
    expect(read).toEqual({ recovered: false, events: [], head: { epoch: EPOCH, offset: 3 } });
  });

  it('a restarted log (new epoch) starts again from 1 and refuses positions of the old one', async () => {
    const { log: before } = await filled('orders', 3);
    const head = await before.head('orders');
    const after = createMemoryLog({ epoch: 'epoch-b', retention: 100 });
    expect((await after.append('orders', live())).delivery.offset).toBe(1);
    expect((await after.readSince('orders', head)).recovered).toBe(false);
  });
});
