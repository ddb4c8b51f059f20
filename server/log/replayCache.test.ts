// The replay cache: one read per range however many readers, only what is missing read again,
// nothing served that the log no longer holds, a new epoch starting afresh, and bounded.
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { createReplayCache } from './replayCache';

/** A stream holding offsets `oldest`..`newest` of one epoch, counting its reads. */
function stream(oldest: number, newest: number, epoch = 'e1') {
  const reads: [string, number, number][] = [];
  const fetch = async (channel: string, ep: string, from: number, to: number): Promise<Delivery[]> => {
    reads.push([channel, from, to]);
    await new Promise((r) => setTimeout(r, 5));
    if (ep !== epoch) return [];
    const out: Delivery[] = [];
    for (let o = Math.max(from, oldest); o <= Math.min(to, newest); o++)
      out.push({
        channel,
        epoch,
        offset: o,
        event: { ...orderCreated(), priority: 'normal', audience: ['warehouse'] },
      });
    return out;
  };
  return { reads, fetch, head: { epoch, offset: newest } };
}

const offsets = (ds: Delivery[] | undefined) => ds?.map((d) => d.offset);

describe('replay cache', () => {
  it('a thousand readers of the same range cause one read, and get the same events in order', async () => {
    const s = stream(1, 50);
    const cache = createReplayCache({ fetch: s.fetch });
    const all = await Promise.all(Array.from({ length: 1000 }, () => cache.read('orders', s.head, 41)));
    expect(s.reads).toEqual([['orders', 41, 50]]);
    for (const events of all) expect(offsets(events)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
  });

  it('reads only what it does not hold; a later head reads only the new tail', async () => {
    const s = stream(1, 50);
    const cache = createReplayCache({ fetch: s.fetch });
    await cache.read('orders', { epoch: 'e1', offset: 45 }, 41);
    expect(offsets(await cache.read('orders', s.head, 38))).toEqual([
      38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
    ]);
    expect(s.reads).toEqual([
      ['orders', 41, 45],
      ['orders', 38, 50], // the first to the last missing offset, in one read
    ]);
    await cache.read('orders', s.head, 40);
    expect(s.reads).toHaveLength(2);
  });

  it('a range the log trimmed is not recovered, whole or in part', async () => {
    const s = stream(20, 50);
    const cache = createReplayCache({ fetch: s.fetch });
    expect(await cache.read('orders', s.head, 10)).toBeUndefined();
    const long = createReplayCache({ fetch: s.fetch, perChannel: 5 });
    expect(await long.read('orders', s.head, 10)).toBeUndefined(); // read directly: still refused
    expect(offsets(await long.read('orders', s.head, 30))).toHaveLength(21);
  });

  it('a new epoch forgets what the old one held', async () => {
    const old = stream(1, 10, 'e1');
    const renewed = stream(1, 10, 'e2');
    let calls = 0;
    const cache = createReplayCache({
      fetch: (c, ep, f, t) => {
        calls++;
        return (ep === 'e1' ? old : renewed).fetch(c, ep, f, t);
      },
    });
    await cache.read('orders', old.head, 5);
    const events = await cache.read('orders', renewed.head, 5);
    expect(calls).toBe(2);
    expect(events?.map((d) => d.epoch)).toEqual(['e2', 'e2', 'e2', 'e2', 'e2', 'e2']);
  });

  it('keeps at most its bound per channel and its number of channels', async () => {
    const s = stream(1, 100);
    const cache = createReplayCache({ fetch: s.fetch, perChannel: 10, channels: 2 });
    await cache.read('a', s.head, 95);
    await cache.read('b', s.head, 95);
    await cache.read('c', s.head, 95); // 'a' goes
    await cache.read('b', s.head, 95);
    expect(s.reads.map((r) => r[0])).toEqual(['a', 'b', 'c']);
    await cache.read('a', s.head, 95);
    expect(s.reads.map((r) => r[0])).toEqual(['a', 'b', 'c', 'a']);
    // Offsets below head - bound are dropped: reading them again is a read.
    await cache.read('a', { epoch: 'e1', offset: 100 }, 91);
    await cache.read('a', { epoch: 'e1', offset: 100 }, 91);
    expect(s.reads.at(-1)).toEqual(['a', 91, 94]);
  });

  it('chunks of a catch-up below the head keep the bound: counted from the highest offset held', async () => {
    const s = stream(1, 100);
    const cache = createReplayCache({ fetch: s.fetch, perChannel: 10 });
    expect(offsets(await cache.read('orders', s.head, 91))).toHaveLength(10); // a live reader near the head
    // A catch-up pulling chunks far below it (each chunk's end is its `to`).
    for (let from = 1; from <= 41; from += 5) {
      expect(offsets(await cache.read('orders', { epoch: 'e1', offset: from + 4 }, from))).toHaveLength(5);
    }
    const before = s.reads.length;
    await cache.read('orders', s.head, 91);
    expect(s.reads.length).toBe(before); // the newest ten are still held
    await cache.read('orders', { epoch: 'e1', offset: 45 }, 41);
    expect(s.reads.length).toBe(before + 1); // the old chunk was not kept beyond the bound
  });
});
