// Adaptive frame batching: a lone event is never held back; while the loop lags, what follows it
// within the window shares a frame, in log order; a quiet loop sends each batch as it comes; a
// drain's flush sends what waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { createFrameBatcher, watchLoopLag } from './frameBatcher';

let offset = 0;
function delivery(channel = 'orders'): Delivery {
  offset += 1;
  return { channel, epoch: 'e', offset, event: { ...orderCreated(), priority: 'normal', audience: [] } } as Delivery;
}

function setup(lag: { value: number }, windowMs = 8, maxFrameEvents = 3) {
  const sent: { channel: string; offsets: number[]; at: number }[] = [];
  const batcher = createFrameBatcher({
    maxFrameEvents,
    windowMs,
    lagThresholdMs: 5,
    lag: () => lag.value,
    send: (channel, frame) => sent.push({ channel, offsets: frame.map((d) => d.offset), at: Date.now() }),
  });
  return { batcher, sent };
}

beforeEach(() => {
  vi.useFakeTimers();
  offset = 0;
});
afterEach(() => vi.useRealTimers());

describe('frame batcher', () => {
  it('a quiet loop: each batch goes at once, a channel’s deliveries of one batch in frames of at most maxFrameEvents', () => {
    const { batcher, sent } = setup({ value: 0 });
    batcher.push([delivery(), delivery('inventory'), delivery(), delivery(), delivery()]);
    batcher.push([delivery()]);
    expect(sent.map((f) => [f.channel, f.offsets])).toEqual([
      ['orders', [1, 3, 4]],
      ['orders', [5]],
      ['inventory', [2]],
      ['orders', [6]],
    ]);
    expect(batcher.stats()).toEqual({ frames: 4, held: 0 });
  });

  it('a lagging loop: the first delivery goes at once, those of the next window share frames at its end, in log order', () => {
    const { batcher, sent } = setup({ value: 12 });
    const start = Date.now();
    batcher.push([delivery()]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.at).toBe(start);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1);
      batcher.push([delivery()]);
    }
    batcher.push([delivery('inventory')]); // its own channel: at once, and its own window
    expect(sent.map((f) => f.offsets)).toEqual([[1], [7]]);
    vi.advanceTimersByTime(8);
    expect(sent.map((f) => [f.channel, f.offsets])).toEqual([
      ['orders', [1]],
      ['inventory', [7]],
      ['orders', [2, 3, 4]],
      ['orders', [5, 6]],
    ]);
    // Held no longer than the window.
    expect(Math.max(...sent.map((f) => f.at - start))).toBeLessThanOrEqual(8);
    expect(batcher.stats().held).toBe(5);
  });

  it('a lone event after a window is never held back, even while the loop lags', () => {
    const { batcher, sent } = setup({ value: 50 });
    batcher.push([delivery()]);
    vi.advanceTimersByTime(100);
    batcher.push([delivery()]);
    expect(sent.map((f) => f.offsets)).toEqual([[1], [2]]);
  });

  it('window 0: never waits, whatever the lag', () => {
    const { batcher, sent } = setup({ value: 50 }, 0);
    batcher.push([delivery()]);
    batcher.push([delivery()]);
    expect(sent.map((f) => f.offsets)).toEqual([[1], [2]]);
  });

  it('one delivery per frame (maxFrameEvents=1): never waits, whatever the lag', () => {
    const { batcher, sent } = setup({ value: 50 }, 8, 1);
    batcher.push([delivery()]);
    batcher.push([delivery()]);
    expect(sent.map((f) => f.offsets)).toEqual([[1], [2]]);
  });

  it('flush sends what waits at once (a drain), and nothing twice', () => {
    const { batcher, sent } = setup({ value: 12 });
    batcher.push([delivery()]);
    batcher.push([delivery(), delivery()]);
    batcher.flush();
    expect(sent.map((f) => f.offsets)).toEqual([[1], [2, 3]]);
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2);
  });
});

describe('loop lag', () => {
  it('reads how late its timer fired, and decays once the loop is free', async () => {
    vi.useRealTimers();
    const watch = watchLoopLag(10);
    try {
      await new Promise((r) => setTimeout(r, 30));
      const busyUntil = performance.now() + 60;
      while (performance.now() < busyUntil) {
        // a blocked loop
      }
      await new Promise((r) => setTimeout(r, 5));
      const peak = watch.lag();
      expect(peak).toBeGreaterThanOrEqual(30);
      await new Promise((r) => setTimeout(r, 300));
      expect(watch.lag()).toBeLessThan(peak);
    } finally {
      watch.stop();
    }
  });
});
