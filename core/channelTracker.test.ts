// The channel tracker alone: what it shows, drops, holds and buffers, and when it calls a gap.
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../protocol';
import { ChannelTracker } from './channelTracker';
import { delivery, FakeClock, liveEvent } from './test/fakes';

const REORDER = 250;

function tracker(capacity = 100) {
  const clock = new FakeClock();
  const gaps: string[] = [];
  const t = new ChannelTracker(clock, REORDER, capacity, (c) => gaps.push(c));
  const shown: Delivery[] = [];
  const receive = (...ds: Delivery[]) => {
    for (const d of ds) t.receive(d, shown);
  };
  const offsets = (channel = 'orders') => shown.filter((d) => d.channel === channel).map((d) => d.offset);
  return { clock, gaps, t, shown, receive, offsets };
}

/** Offsets of `channel` in epoch `epoch`, each with a fresh event. */
const ds = (offsets: number[], channel = 'orders', epoch = 'e1') => offsets.map((o) => delivery(channel, epoch, o));

describe('channel tracker', () => {
  it('shows consecutive deliveries and tracks the position; a channel with no position takes the first', () => {
    const h = tracker();
    h.receive(...ds([7, 8, 9]));
    expect(h.offsets()).toEqual([7, 8, 9]);
    expect(h.t.positions.get('orders')).toEqual({ epoch: 'e1', offset: 9 });
    expect(h.gaps).toEqual([]);
  });

  it('drops what it already has: an offset at or below the position, or an event id already shown', () => {
    const h = tracker();
    const [a, b] = ds([1, 2]) as [Delivery, Delivery];
    h.receive(a, b, a, b);
    expect(h.offsets()).toEqual([1, 2]);
    // The same event again under a new offset (e.g. re-delivered by another node): shown once.
    h.receive(delivery('orders', 'e1', 3, a.event));
    expect(h.offsets()).toEqual([1, 2]);
    expect(h.t.positions.get('orders')?.offset).toBe(3);
    // Dedupe spans channels: the id is what counts.
    h.receive(delivery('inventory', 'e1', 1, b.event));
    expect(h.shown).toHaveLength(2);
  });

  it('dedupe memory is bounded: an id beyond the capacity is forgotten', () => {
    const h = tracker(2);
    const first = liveEvent();
    h.receive(delivery('orders', 'e1', 1, first), ...ds([2, 3]));
    h.receive(delivery('inventory', 'e1', 1, first));
    expect(h.offsets('inventory')).toEqual([1]);
  });

  it('out of order within reorderMs is put right without a gap', () => {
    const h = tracker();
    h.receive(...ds([1]));
    const [d2, d3, d4] = ds([2, 3, 4]) as [Delivery, Delivery, Delivery];
    h.receive(d4, d3);
    expect(h.offsets()).toEqual([1]); // held back, not shown ahead of 2
    h.clock.advance(REORDER - 1);
    h.receive(d2);
    expect(h.offsets()).toEqual([1, 2, 3, 4]);
    h.clock.advance(10 * REORDER);
    expect(h.gaps).toEqual([]);
    expect(h.t.isPending('orders')).toBe(false);
  });

  it('a missing offset not filled within reorderMs is a gap, called once; the held ones wait for the resync', () => {
    const h = tracker();
    h.receive(...ds([1]));
    const [d2, d3, d4] = ds([2, 3, 4]) as [Delivery, Delivery, Delivery];
    h.receive(d3, d4);
    h.clock.advance(REORDER - 1);
    expect(h.gaps).toEqual([]);
    h.clock.advance(1);
    expect(h.gaps).toEqual(['orders']);
    expect(h.t.isPending('orders')).toBe(true);
    h.clock.advance(10 * REORDER);
    expect(h.gaps).toEqual(['orders']);
    // Live deliveries wait until the replay settles; the replay goes first, then what waited.
    const d5 = delivery('orders', 'e1', 5);
    h.receive(d5);
    expect(h.offsets()).toEqual([1]);
    h.t.settleReplay('orders', [d2, d3], h.shown);
    expect(h.offsets()).toEqual([1, 2, 3, 4, 5]);
    expect(h.t.isPending('orders')).toBe(false);
  });

  it('another epoch is a gap at once (no waiting), and its deliveries are kept for after the reload', () => {
    const h = tracker();
    h.receive(...ds([1, 2]));
    const n1 = delivery('orders', 'e2', 1);
    const n2 = delivery('orders', 'e2', 2);
    h.receive(n1);
    expect(h.gaps).toEqual(['orders']);
    h.receive(n2);
    expect(h.offsets()).toEqual([1, 2]);
    // The snapshot (epoch e2, consistent with offset 1) replaces what n1 said; n2 follows it.
    h.t.settleSnapshot({ channel: 'orders', epoch: 'e2', offset: 1 }, h.shown);
    expect(h.shown.map((d) => [d.epoch, d.offset])).toEqual([
      ['e1', 1],
      ['e1', 2],
      ['e2', 2],
    ]);
    expect(h.t.positions.get('orders')).toEqual({ epoch: 'e2', offset: 2 });
    expect(h.gaps).toEqual(['orders']);
  });

  it('hold() buffers live deliveries (and what was held ahead) until settleReplay', () => {
    const h = tracker();
    h.receive(...ds([1]));
    const [d2, d3, d4] = ds([2, 3, 4]) as [Delivery, Delivery, Delivery];
    h.receive(d3); // ahead of 2
    h.t.hold('orders');
    expect(h.t.isPending('orders')).toBe(true);
    h.receive(d4);
    h.clock.advance(10 * REORDER);
    expect(h.gaps).toEqual([]); // the resubscribe under way replaces the reorder timer
    expect(h.offsets()).toEqual([1]);
    h.t.settleReplay('orders', [d2, d3], h.shown);
    expect(h.offsets()).toEqual([1, 2, 3, 4]);
    // Other channels were never held.
    h.receive(delivery('inventory', 'e1', 1));
    expect(h.offsets('inventory')).toEqual([1]);
  });

  it('settleSnapshot continues from the snapshot position, dropping what it already covers', () => {
    const h = tracker();
    h.t.hold('orders');
    const waited = ds([4, 5, 6, 7]);
    h.receive(...waited);
    h.t.settleSnapshot({ channel: 'orders', epoch: 'e1', offset: 5 }, h.shown);
    expect(h.offsets()).toEqual([6, 7]);
    expect(h.t.positions.get('orders')).toEqual({ epoch: 'e1', offset: 7 });
  });

  it('reset() forgets buffered and held deliveries and their timers, but keeps positions and seen ids', () => {
    const h = tracker();
    const [d1] = ds([1]) as [Delivery];
    h.receive(d1, ...ds([3])); // 3 is held ahead
    h.t.hold('inventory');
    h.t.reset();
    expect(h.t.isPending('inventory')).toBe(false);
    h.clock.advance(10 * REORDER);
    expect(h.gaps).toEqual([]);
    expect(h.t.positions.get('orders')).toEqual({ epoch: 'e1', offset: 1 });
    // After a reconnect the same event replayed is not shown twice.
    h.t.settleReplay('orders', [delivery('orders', 'e1', 2, d1.event)], h.shown);
    expect(h.offsets()).toEqual([1]);
    h.receive(delivery('inventory', 'e1', 1));
    expect(h.offsets('inventory')).toEqual([1]);
  });
});
