import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

/** Walks an outage the way the client does: each failed attempt schedules the next one. */
function outageDelays(totalMs: number, random: () => number): { at: number; delay: number }[] {
  const out: { at: number; delay: number }[] = [];
  let t = 0;
  for (let attempt = 1; t < totalMs; attempt++) {
    const delay = backoffDelay(attempt, t, random());
    out.push({ at: t, delay });
    t += delay;
  }
  return out;
}

describe('backoffDelay', () => {
  it('retries within 1 s after the connection first drops, spread evenly over that second', () => {
    for (const r of [0, 0.25, 0.5, 0.999, 1]) {
      expect(backoffDelay(1, 0, r)).toBeLessThanOrEqual(1000);
      expect(backoffDelay(1, 0, r)).toBeGreaterThanOrEqual(0);
    }
    // An office of 1,500 desks dropped at once: no 100 ms of the second takes more than its share.
    const perSlot = new Array<number>(10).fill(0);
    for (let i = 0; i < 1500; i++) perSlot[Math.min(9, Math.floor(backoffDelay(1, 0, i / 1500) / 100))]!++;
    for (const n of perSlot) expect(n).toBeLessThanOrEqual(160);
  });

  it('retries at most 1 s apart during the first minute, so a console is back within 1 s of its gateway', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 59_999 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, outageMs, r) => {
          expect(backoffDelay(attempt, outageMs, r)).toBeLessThanOrEqual(1000);
        },
      ),
    );
  });

  it('retries at most 0.5 s apart during the first 10 s (a gateway restart), so a console is back within 0.5 s of its gateway', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, outageMs, r) => {
          const d = backoffDelay(attempt, outageMs, r);
          expect(d).toBeLessThanOrEqual(500);
          // …and no closer than 250 ms: an office of 1,500 desks retries ~4,000 times a second at most.
          expect(d).toBeGreaterThanOrEqual(250);
        },
      ),
    );
    // After the young phase, up to 1 s again.
    expect(backoffDelay(5, 10_000, 1)).toBe(1000);
  });

  it('keeps every delay during the first minute of an outage at or below 2 s', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (r) => {
        const early = outageDelays(60_000, () => r).filter((d) => d.at < 60_000);
        expect(early.length).toBeGreaterThan(25);
        for (const d of early) expect(d.delay).toBeLessThanOrEqual(2000);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 59_999 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, outageMs, r) => {
          expect(backoffDelay(attempt, outageMs, r)).toBeLessThanOrEqual(2000);
        },
      ),
    );
  });

  it('grows later in the outage but never beyond the 30 s cap', () => {
    const delays = outageDelays(10 * 60_000, () => 1);
    const late = delays.filter((d) => d.at >= 60_000).map((d) => d.delay);
    expect(late.length).toBeGreaterThan(0);
    expect(Math.max(...late)).toBeGreaterThan(2000);
    for (const d of late) expect(d).toBeLessThanOrEqual(30_000);

    // With the same jitter, attempt after attempt is never shorter, up to the cap.
    const series = Array.from({ length: 20 }, (_, i) => backoffDelay(i + 1, 120_000, 0.5));
    for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1] as number);
    expect(series[0]).toBeLessThan(series.at(-1) as number);
    expect(Math.max(...series)).toBeLessThanOrEqual(30_000);

    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, outageMs, r) => {
          expect(backoffDelay(attempt, outageMs, r)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
        },
      ),
    );
  });

  it('keeps the jitter of later retries within [ceiling/2, ceiling]: random 0 gives the floor, random 1 the ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, outageMs, r) => {
          const phaseCap = outageMs < 10_000 ? 500 : outageMs < 60_000 ? 1000 : 30_000;
          const ceiling = Math.min(phaseCap, 1000 * 2 ** (attempt - 1));
          const floor = backoffDelay(attempt, outageMs, 0);
          const top = backoffDelay(attempt, outageMs, 1);
          expect(top).toBe(ceiling);
          expect(floor).toBe(Math.round(ceiling / 2));
          const d = backoffDelay(attempt, outageMs, r);
          expect(d).toBeGreaterThanOrEqual(floor);
          expect(d).toBeLessThanOrEqual(top);
        },
      ),
    );
  });

  it('spreads clients out: different random draws give different delays', () => {
    const seen = new Set([0, 0.2, 0.4, 0.6, 0.8, 1].map((r) => backoffDelay(4, 10_000, r)));
    expect(seen.size).toBe(6);
  });
});
