// Connection quality levels: every documented threshold crossed with fake RTT samples.
import { describe, expect, it } from 'vitest';
import type { Quality } from '../protocol';
import { initialQuality, levelOf, QUALITY_THRESHOLDS, withMissedPong, withSample } from './quality';

/** The quality after these RTT samples, in order, on a live connection. */
function afterSamples(...rtts: number[]): Quality {
  let q = initialQuality();
  let last: number | undefined;
  for (const rtt of rtts) {
    q = withSample(q, rtt, last, true);
    last = rtt;
  }
  return q;
}

describe('connection quality', () => {
  it('documents its thresholds', () => {
    expect(QUALITY_THRESHOLDS).toEqual({
      excellent: { rttMs: 100, jitterMs: 30, missedPongs: 0 },
      good: { rttMs: 300, jitterMs: 100, missedPongs: 1 },
    });
  });

  it('starts offline, and a connection without samples yet is good', () => {
    expect(initialQuality()).toEqual({ level: 'offline', missedPongs: 0, reconnects: 0, lastEventAt: {} });
    expect(levelOf(initialQuality(), true)).toBe('good');
  });

  it.each([
    [100, 'excellent'],
    [101, 'good'],
    [300, 'good'],
    [301, 'poor'],
  ] as const)('RTT %i ms → %s', (rtt, level) => {
    const q = afterSamples(rtt);
    expect(q).toMatchObject({ rttMs: rtt, jitterMs: 0, missedPongs: 0, level });
  });

  // From 50 ms, one sample `50 + d` gives jitter d/4 and RTT 50 + d/4.
  it.each([
    [120, 30, 80, 'excellent'],
    [124, 31, 81, 'good'],
    [400, 100, 150, 'good'],
    [404, 101, 151, 'poor'],
  ] as const)('a jump of %i ms → jitter %i (RTT %i) → %s', (delta, jitter, rtt, level) => {
    expect(afterSamples(50, 50 + delta)).toMatchObject({ jitterMs: jitter, rttMs: rtt, level });
  });

  it('missed pongs: none → excellent, one → good, two → poor', () => {
    const q0 = afterSamples(40);
    expect(q0.level).toBe('excellent');
    const q1 = withMissedPong(q0, true);
    expect(q1).toMatchObject({ missedPongs: 1, level: 'good' });
    const q2 = withMissedPong(q1, true);
    expect(q2).toMatchObject({ missedPongs: 2, level: 'poor' });
    // Without a sample yet: one missed is still good, two is poor.
    expect(withMissedPong(initialQuality(), true).level).toBe('good');
    expect(withMissedPong(withMissedPong(initialQuality(), true), true).level).toBe('poor');
  });

  it('a sample resets the missed pongs', () => {
    const missed = withMissedPong(withMissedPong(afterSamples(40), true), true);
    expect(withSample(missed, 40, 40, true)).toMatchObject({ missedPongs: 0, level: 'excellent' });
  });

  it('not connected is offline, whatever the numbers', () => {
    expect(levelOf(afterSamples(10), false)).toBe('offline');
    expect(withSample(initialQuality(), 10, undefined, false).level).toBe('offline');
    expect(withMissedPong(afterSamples(10), false).level).toBe('offline');
  });

  it('smooths RTT and jitter (EWMA 0.25): one slow sample moves them a quarter of the way', () => {
    const q = afterSamples(100, 500);
    expect(q.rttMs).toBe(200); // 100 + 0.25 × 400
    expect(q.jitterMs).toBe(100); // 0 + 0.25 × 400
    expect(q.level).toBe('good');
    const steady = afterSamples(100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
    expect(steady.rttMs).toBeGreaterThan(450);
    expect(steady.rttMs).toBeLessThan(500);
    expect(steady.jitterMs).toBeLessThan(10); // steady again: the variation fades
    expect(steady.level).toBe('poor');
    // One slow outlier on a fast link does not drop it to poor.
    expect(afterSamples(20, 20, 20, 380).level).not.toBe('poor');
  });
});
