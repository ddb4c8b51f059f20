import { describe, expect, it } from 'vitest';
import type { ClientState, LiveBatch } from '../protocol';
import { FrameBatcher } from './frameBatcher';
import { delivery, FakeClock } from './test/fakes';

const STATE: ClientState = { connection: { state: 'connected', since: 0, attempt: 0 }, channels: {} };

function setup(frameMs = 16) {
  const clock = new FakeClock();
  let state = STATE;
  const batcher = new FrameBatcher(clock, frameMs, () => state);
  const got: { at: number; batch: LiveBatch }[] = [];
  const stop = batcher.subscribe((batch) => got.push({ at: clock.now(), batch }));
  return { clock, batcher, got, stop, setState: (s: ClientState) => (state = s) };
}

describe('FrameBatcher', () => {
  it('hands many pushes within one frame to the host as one batch, in order', () => {
    const { clock, batcher, got } = setup();
    const ds = Array.from({ length: 100 }, (_, i) => delivery('orders', 'e1', i + 1));
    for (const d of ds) batcher.pushEvents([d]);
    expect(got).toHaveLength(0); // nothing is delivered synchronously, per event
    clock.advance(16);
    expect(got).toHaveLength(1);
    expect(got[0]?.batch.events.map((d) => d.offset)).toEqual(ds.map((d) => d.offset));
    expect(got[0]?.batch.state).toBeUndefined();
    clock.advance(1000);
    expect(got).toHaveLength(1);
  });

  it('at 2,000 events/s for one second sends at most one message per 16 ms frame, all events in order', () => {
    const { clock, batcher, got } = setup(16);
    let offset = 0;
    // One event every 0.5 ms for one simulated second.
    for (let step = 0; step < 2000; step++) {
      batcher.pushEvents([delivery('orders', 'e1', ++offset)]);
      clock.advance(0.5);
    }
    clock.advance(100);
    const received = got.flatMap((g) => g.batch.events.map((d) => d.offset));
    expect(received).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(got.length).toBeLessThanOrEqual(Math.ceil(1000 / 16) + 2);
    expect(got.length).toBeGreaterThan(10); // and it does not hold everything back either
    for (let i = 1; i < got.length; i++) {
      expect((got[i]?.at as number) - (got[i - 1]?.at as number)).toBeGreaterThanOrEqual(16);
    }
    // No event waits much longer than a frame before it is handed over.
    const deliveredAt = new Map<number, number>();
    for (const g of got) for (const d of g.batch.events) deliveredAt.set(d.offset, g.at);
    const start = 1_700_000_000_000;
    for (let o = 1; o <= 2000; o++) {
      const pushedAt = start + (o - 1) * 0.5;
      expect((deliveredAt.get(o) as number) - pushedAt).toBeLessThanOrEqual(16);
    }
  });

  it('delivers a state-only change as a batch carrying the current state and no events', () => {
    const { clock, batcher, got, setState } = setup();
    batcher.markStateChanged();
    const reconnecting: ClientState = {
      connection: { state: 'reconnecting', since: 5, attempt: 1, nextRetryAt: 500 },
      channels: {},
    };
    setState(reconnecting);
    clock.advance(16);
    expect(got).toHaveLength(1);
    expect(got[0]?.batch.events).toEqual([]);
    // The state is read when the batch leaves, so the host sees the latest one.
    expect(got[0]?.batch.state).toEqual(reconnecting);
  });

  it('carries state together with events when both changed in one frame', () => {
    const { clock, batcher, got } = setup();
    batcher.pushEvents([delivery('orders', 'e1', 1)]);
    batcher.markStateChanged();
    clock.advance(16);
    expect(got).toHaveLength(1);
    expect(got[0]?.batch.events).toHaveLength(1);
    expect(got[0]?.batch.state).toEqual(STATE);
  });

  it('sends nothing for an empty push, and nothing to an unsubscribed host', () => {
    const { clock, batcher, got, stop } = setup();
    batcher.pushEvents([]);
    clock.advance(100);
    expect(got).toHaveLength(0);
    stop();
    batcher.pushEvents([delivery('orders', 'e1', 1)]);
    clock.advance(100);
    expect(got).toHaveLength(0);
  });

  it('flush() hands over what is pending at once', () => {
    const { batcher, got } = setup();
    batcher.pushEvents([delivery('orders', 'e1', 1)]);
    batcher.flush();
    expect(got).toHaveLength(1);
  });

  it('a timer that fires before its time by the clock waits out the frame: never two messages in one', () => {
    // Node reads its loop time once per turn: a timer set late in a long turn comes due early.
    class EarlyClock extends FakeClock {
      override setTimeout(fn: () => void, ms: number) {
        return super.setTimeout(fn, ms > 3 ? ms - 3 : ms);
      }
    }
    const clock = new EarlyClock();
    const batcher = new FrameBatcher(clock, 16, () => STATE);
    const at: number[] = [];
    batcher.subscribe(() => at.push(clock.now()));
    let offset = 0;
    for (let step = 0; step < 2000; step++) {
      batcher.pushEvents([delivery('orders', 'e1', ++offset)]);
      clock.advance(0.5);
    }
    clock.advance(100);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(at.length).toBeGreaterThan(50);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
  });
});
