// The demo feed runner: a steady rate through `publish`, bounded catch-up, one batch at a time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventInput } from '../../protocol';
import type { Accepted } from '../ingest/pipeline';
import { DemoFeed } from './feed';
import { startDemoFeed, type DemoFeedRunner } from './runner';

let runner: DemoFeedRunner | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-11-26T09:00:00Z') });
});
afterEach(() => {
  runner?.stop();
  runner = undefined;
  vi.useRealTimers();
});

function start(rate: number, publish: (events: EventInput[]) => Promise<Accepted[]>, skew = { ms: 0 }) {
  const onError = vi.fn();
  runner = startDemoFeed({ ingest: { publish }, rate, seed: 11, now: () => Date.now() + skew.ms, onError });
  return onError;
}

const count = (calls: EventInput[][]) => calls.reduce((n, batch) => n + batch.length, 0);

describe('startDemoFeed', () => {
  it('publishes about `rate` events per second', async () => {
    const batches: EventInput[][] = [];
    start(20, async (events) => {
      batches.push(events);
      return [];
    });
    await vi.advanceTimersByTimeAsync(5000);
    // 100 due; a step may emit a few events at once (an order and its stock moves).
    expect(count(batches)).toBeGreaterThanOrEqual(100);
    expect(count(batches)).toBeLessThanOrEqual(110);
    expect(batches.length).toBeGreaterThan(10);
  });

  it('publishes the events of the seeded feed, in order', async () => {
    const batches: EventInput[][] = [];
    start(10, async (events) => {
      batches.push(events);
      return [];
    });
    await vi.advanceTimersByTimeAsync(2000);
    const published = batches.flat();
    expect(published.length).toBeGreaterThanOrEqual(20);
    // The same seed stepped at the same times gives exactly what was published.
    const reference = new DemoFeed(11);
    const expected: EventInput[] = [];
    while (expected.length < published.length) {
      expected.push(...reference.step(Date.parse(published[expected.length]!.occurredAt)));
    }
    expect(published).toEqual(expected.slice(0, published.length));
  });

  it('stops publishing after stop()', async () => {
    const publish = vi.fn(async () => [] as Accepted[]);
    start(50, publish);
    await vi.advanceTimersByTimeAsync(1000);
    const calls = publish.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    runner!.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(publish.mock.calls.length).toBe(calls);
  });

  it('after a stall, catches up by at most one second worth of events', async () => {
    const batches: EventInput[][] = [];
    const skew = { ms: 0 };
    start(
      10,
      async (events) => {
        batches.push(events);
        return [];
      },
      skew,
    );
    await vi.advanceTimersByTimeAsync(1000);
    const before = count(batches);
    skew.ms = 60_000; // the process was frozen for a minute
    await vi.advanceTimersByTimeAsync(300);
    const burst = count(batches) - before;
    expect(burst).toBeGreaterThanOrEqual(10);
    expect(burst).toBeLessThanOrEqual(20);
  });

  it('never overlaps batches: waits for the previous publish to settle', async () => {
    let release!: () => void;
    const publish = vi.fn(() => new Promise<Accepted[]>((r) => (release = () => r([]))));
    start(50, publish);
    await vi.advanceTimersByTimeAsync(2000);
    expect(publish).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('reports a failed publish through onError and keeps going', async () => {
    const publish = vi.fn(async () => {
      if (publish.mock.calls.length === 1) throw new Error('refused');
      return [] as Accepted[];
    });
    const onError = start(50, publish);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toEqual(new Error('refused'));
    expect(publish.mock.calls.length).toBeGreaterThan(2);
  });
});
