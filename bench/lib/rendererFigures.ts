// The renderer benchmark's arithmetic on what the page probe recorded: frame times, event-to-paint
// latency of the tracked orders, interaction to next paint, what long animation frames spent their
// time on, and what to leave out as the bench's own doing (rendererMinutes.ts: minute by minute).
import { LatencyHistogram } from './histogram';
import type { Interaction, LongFrame, ProbeData } from './rendererProbe';

export const FRAME_MS = 1000 / 60;
/** rAF timestamps come in 0.1 ms steps, 16.6 or 16.7 apart on a 60 Hz beat: a frame is late past this. */
export const FRAME_JITTER_MS = 0.5;
export const LONG_TASK_MS = 50;
/** The lowest duration the browser reports an interaction at: quicker ones count as this. */
export const EVENT_TIMING_FLOOR_MS = 16;

export interface FrameStats {
  count: number;
  times: LatencyHistogram;
  /** Over one frame at 60 Hz (with half a millisecond for the timestamps' jitter). */
  late: number;
  /** Over two frames: at least one frame not drawn. */
  dropped: number;
  /** Each second of the window: its frame times and worst frame. */
  perSecond: { times: LatencyHistogram; worst: number }[];
}

/** Frame times: intervals between the animation frames inside [from, to]. */
export function frameStats(all: number[], from: number, to: number): FrameStats {
  const frames = all.filter((t) => t >= from && t <= to);
  const stats: FrameStats = { count: frames.length, times: new LatencyHistogram(), late: 0, dropped: 0, perSecond: [] };
  for (let i = 1; i < frames.length; i++) {
    const t = frames[i] as number;
    const dt = t - (frames[i - 1] as number);
    stats.times.recordMs(dt);
    if (dt > FRAME_MS + FRAME_JITTER_MS) stats.late++;
    if (dt > 2 * FRAME_MS) stats.dropped++;
    const second = (stats.perSecond[Math.floor((t - from) / 1000)] ??= { times: new LatencyHistogram(), worst: 0 });
    second.times.recordMs(dt);
    second.worst = Math.max(second.worst, dt);
  }
  return stats;
}

/** One point per second that had frames (a freeze leaves a gap rather than a made-up value). */
export function perSecondPoints(
  stats: FrameStats,
  pick: (s: FrameStats['perSecond'][number]) => number,
): [number, number][] {
  const points: [number, number][] = [];
  stats.perSecond.forEach((s, i) => points.push([i + 1, pick(s)]));
  return points;
}

export interface OrderLatency {
  toDom: LatencyHistogram;
  toPaint: LatencyHistogram;
  toFeedPaint: LatencyHistogram;
  /** [send time on the page's clock, send to paint in ms] of each painted order. */
  paints: [number, number][];
  missed: string[];
  /** Seen somewhere in the page (a toast), never in the screen's order list. */
  notInFeed: string[];
  unpainted: number;
  where: Map<string, number>;
}

/** From the publisher's send time to the page's first sighting, for sequence numbers [first, last). */
export function orderLatency(
  data: ProbeData,
  sentAt: Float64Array,
  first: number,
  last: number,
  offsetMs: number,
  feedName: string,
): OrderLatency {
  const byToken = new Map(data.sightings.map((s) => [s.token, s]));
  const r: OrderLatency = {
    toDom: new LatencyHistogram(),
    toPaint: new LatencyHistogram(),
    toFeedPaint: new LatencyHistogram(),
    paints: [],
    missed: [],
    notInFeed: [],
    unpainted: 0,
    where: new Map(),
  };
  for (let seq = first; seq < last; seq++) {
    const orderNumber = `B${seq}`;
    const seen = byToken.get(orderNumber);
    if (!seen) {
      r.missed.push(orderNumber);
      continue;
    }
    // Both ends on the epoch clock: the publisher's send time, the page's corrected by the offset.
    const sent = (sentAt[seq] as number) + offsetMs;
    r.toDom.recordMs(seen.dom - sent);
    if (seen.paint > 0) {
      r.toPaint.recordMs(seen.paint - sent);
      r.paints.push([sent, seen.paint - sent]);
    } else r.unpainted++;
    if (seen.inContainerPaint > 0) r.toFeedPaint.recordMs(seen.inContainerPaint - sent);
    else r.notInFeed.push(orderNumber);
    const where = seen.where === 'container' ? feedName : seen.where;
    r.where.set(where, (r.where.get(where) ?? 0) + 1);
  }
  return r;
}

/** What the long animation frames spent their time on: rendering, and the scripts that ran longest. */
export function longFrameNote(frames: LongFrame[]): string {
  const byScript = new Map<string, number>();
  let render = 0;
  let styleLayout = 0;
  for (const f of frames) {
    render += f.renderMs;
    styleLayout += f.styleLayoutMs;
    for (const s of f.scripts) {
      const key = `${s.invoker} (${s.source})`;
      byScript.set(key, (byScript.get(key) ?? 0) + s.duration);
    }
  }
  const top = [...byScript]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, ms]) => `${k} ${Math.round(ms)} ms`);
  return `${frames.length} animation frames over 50 ms (${Math.round(render)} ms of them rendering, ${Math.round(styleLayout)} ms style and layout); scripts in them: ${top.join('; ') || 'none over 5 ms'}`;
}

/**
 * Interaction to next paint over `made` interactions as the Web Vitals take it: the slowest, leaving
 * out one for every 50. The browser reports only those of 16 ms or more, so the rest count as 16 ms
 * (an upper bound).
 */
export function interactionToNextPaint(reported: Interaction[], made: number): number {
  if (made === 0) return 0;
  const slowestFirst = reported.map((r) => r.duration).sort((a, b) => b - a);
  return slowestFirst[Math.floor(made / 50)] ?? EVENT_TIMING_FLOOR_MS;
}

/** [start, end] on the page's clock. */
export type Span = [number, number];

const overlaps = (start: number, end: number, spans: readonly Span[]) => spans.some(([s, e]) => start <= e && end >= s);

/** What the bench itself did to the page (forced collections) and should not count as the page's. */
export function outsideSpans<T>(items: readonly T[], span: (t: T) => Span, spans: readonly Span[]): T[] {
  return items.filter((t) => {
    const [s, e] = span(t);
    return !overlaps(s, e, spans);
  });
}
