// Connection quality as data. The thresholds, documented for the UI and support:
//   excellent — connected, RTT ≤ 100 ms, jitter ≤ 30 ms, no missed pong;
//   good      — connected, RTT ≤ 300 ms, jitter ≤ 100 ms, at most one missed pong (or no sample yet);
//   poor      — connected, anything worse (two or more missed pongs, or a slow or jittery link);
//   offline   — not connected.
import type { Quality } from '../protocol';

export const QUALITY_THRESHOLDS = {
  excellent: { rttMs: 100, jitterMs: 30, missedPongs: 0 },
  good: { rttMs: 300, jitterMs: 100, missedPongs: 1 },
} as const;

/** Weight of a new sample in the smoothed RTT and jitter. */
const ALPHA = 0.25;

export const initialQuality = (): Quality => ({ level: 'offline', missedPongs: 0, reconnects: 0, lastEventAt: {} });

export function levelOf(q: Quality, connected: boolean): Quality['level'] {
  if (!connected) return 'offline';
  const { excellent, good } = QUALITY_THRESHOLDS;
  if (q.rttMs === undefined) return q.missedPongs <= good.missedPongs ? 'good' : 'poor';
  const jitter = q.jitterMs ?? 0;
  if (q.rttMs <= excellent.rttMs && jitter <= excellent.jitterMs && q.missedPongs <= excellent.missedPongs)
    return 'excellent';
  if (q.rttMs <= good.rttMs && jitter <= good.jitterMs && q.missedPongs <= good.missedPongs) return 'good';
  return 'poor';
}

/** A pong came back after `rttMs`. */
export function withSample(q: Quality, rttMs: number, lastSampleMs: number | undefined, connected: boolean): Quality {
  const rtt = q.rttMs === undefined ? rttMs : q.rttMs + ALPHA * (rttMs - q.rttMs);
  const delta = lastSampleMs === undefined ? 0 : Math.abs(rttMs - lastSampleMs);
  const jitter = q.jitterMs === undefined ? delta : q.jitterMs + ALPHA * (delta - q.jitterMs);
  const next = { ...q, rttMs: Math.round(rtt), jitterMs: Math.round(jitter), missedPongs: 0 };
  return { ...next, level: levelOf(next, connected) };
}

/** A ping went unanswered. */
export function withMissedPong(q: Quality, connected: boolean): Quality {
  const next = { ...q, missedPongs: q.missedPongs + 1 };
  return { ...next, level: levelOf(next, connected) };
}
