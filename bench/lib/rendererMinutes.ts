// The renderer benchmark minute by minute, for runs of a shift rather than a minute: at each
// minute's end the probe's records come out of the page and the heap is read after a full
// collection; then each minute's long tasks, event-to-paint p95, slowest interaction and heap,
// and the heap's change from minute 2 (start-up settled) to the end.
import type { CDPSession, Page } from '@playwright/test';
import { heapAfterGc } from './browser';
import { LatencyHistogram } from './histogram';
import { epochNow } from './publisher';
import { EVENT_TIMING_FLOOR_MS, LONG_TASK_MS, type Span } from './rendererFigures';
import { storeCounts, type Interaction, type ProbeLog, type StoreCounts } from './rendererProbe';
import type { Chart, Figure } from './results';

const MB = 2 ** 20;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Every `minuteS` seconds of the window (and at its end): the probe's records taken out of the
 * page, then the page's heap after a full collection. The collections are the bench's own work in
 * the page: their spans are kept so that what they hold up is not counted as the console's.
 */
export function minuteSampler(
  page: Page,
  cdp: CDPSession,
  log: ProbeLog,
  windowStart: number,
  minuteS: number,
  count: number,
) {
  const heapMb: number[] = [];
  const gcSpans: Span[] = [];
  const kept: (StoreCounts | undefined)[] = [];
  const done = (async () => {
    for (let k = 1; k <= count; k++) {
      const due = windowStart + Math.min(k * minuteS, count * minuteS) * 1000;
      await pause(Math.max(0, due - epochNow()));
      await log.drain(page);
      const t0 = epochNow();
      heapMb.push(round1((await heapAfterGc(cdp)) / MB));
      gcSpans.push([t0, epochNow()]);
      kept.push(await storeCounts(page));
    }
  })();
  return { heapMb, gcSpans, kept, done };
}

export interface MinuteFigures {
  /** 1 for the window's first minute. */
  minute: number;
  longTasks: number;
  /** Event-to-paint p95 of the orders sent in this minute (0: none painted). */
  paintP95: number;
  orders: number;
  /** The slowest interaction that began in this minute (16: none reported, so each under 16 ms). */
  worstInteraction: number;
  interactions: number;
  /** JS heap after a full collection at the minute's end (NaN: not sampled). */
  heapMb: number;
}

/**
 * The window [from, from + count × minuteMs) cut into minutes: each minute's long tasks over 50 ms
 * (by start), event-to-paint p95 (orders by send time), slowest interaction (by start), and the
 * heap sampled at its end (`heapMb[i]` for minute i + 1).
 */
export function perMinute(input: {
  from: number;
  minuteMs: number;
  count: number;
  longTasks: readonly [number, number][];
  paints: readonly [number, number][];
  interactions: readonly Interaction[];
  heapMb: readonly number[];
}): MinuteFigures[] {
  const minutes = Array.from({ length: input.count }, (_, i) => ({
    minute: i + 1,
    longTasks: 0,
    paint: new LatencyHistogram(),
    worst: 0,
    interactions: 0,
  }));
  const minuteOf = (t: number) => {
    const i = Math.floor((t - input.from) / input.minuteMs);
    return i >= 0 && i < input.count ? minutes[i] : undefined;
  };
  for (const [start, duration] of input.longTasks) {
    const m = minuteOf(start);
    if (m && duration > LONG_TASK_MS) m.longTasks++;
  }
  for (const [sent, ms] of input.paints) minuteOf(sent)?.paint.recordMs(ms);
  for (const i of input.interactions) {
    const m = minuteOf(i.start);
    if (!m) continue;
    m.interactions++;
    m.worst = Math.max(m.worst, i.duration);
  }
  return minutes.map((m, i) => ({
    minute: m.minute,
    longTasks: m.longTasks,
    paintP95: m.paint.count > 0 ? m.paint.percentileMs(95) : 0,
    orders: m.paint.count,
    worstInteraction: m.interactions > 0 ? m.worst : EVENT_TIMING_FLOOR_MS,
    interactions: m.interactions,
    heapMb: input.heapMb[i] ?? Number.NaN,
  }));
}

/**
 * The heap's change in % from the end of minute 2 (start-up and the first screenful settled) to
 * the last minute's end; undefined for a window under 3 minutes or a missing sample.
 */
export function heapChangePct(minutes: readonly MinuteFigures[]): number | undefined {
  const base = minutes[1]?.heapMb;
  const last = minutes.at(-1)?.heapMb;
  if (minutes.length < 3 || base === undefined || last === undefined || !(base > 0) || Number.isNaN(last)) {
    return undefined;
  }
  return ((last - base) / base) * 100;
}

type Target = (op: '<=' | '±', value: number) => Pick<Figure, 'target'>;

/**
 * The heap at the end of minute 2 and of the last, and its change between them (target ± 10%):
 * only for a window of 3 minutes or more.
 */
export function heapFigures(minutes: readonly MinuteFigures[], target: Target): Figure[] {
  const change = heapChangePct(minutes);
  if (change === undefined) return [];
  const n = minutes.length;
  return [
    { name: 'JS heap after GC, end of minute 2', value: minutes[1]?.heapMb ?? 0, unit: 'MB' },
    { name: `JS heap after GC, end of minute ${n}`, value: minutes.at(-1)?.heapMb ?? 0, unit: 'MB' },
    { name: `JS heap after GC, minute 2 → ${n} change`, value: round1(change), unit: 'pct', ...target('±', 10) },
  ];
}

/** One line per minute: long tasks, event-to-paint p95, the slowest interaction, the heap. */
export function minuteNote(minutes: readonly MinuteFigures[], minuteS: number): string {
  const rows = minutes.map((m) => {
    const paint = m.orders > 0 ? `${Math.round(m.paintP95)} ms` : '—';
    const input = m.interactions > 0 ? `${Math.round(m.worstInteraction)} ms` : '< 16 ms';
    return `${m.minute}: ${m.longTasks} / ${paint} / ${input} / ${Number.isNaN(m.heapMb) ? '—' : `${m.heapMb} MB`}`;
  });
  const unit = minuteS === 60 ? 'minute' : `${minuteS} s`;
  return `per ${unit} (long tasks > 50 ms / event-to-paint p95 / slowest interaction / JS heap after GC at its end): ${rows.join('; ')}`;
}

/** What the console keeps, at each minute's end: alerts (open of all) and the KPI history's points. */
export function keptNote(kept: readonly (StoreCounts | undefined)[]): string | undefined {
  if (kept.length === 0 || kept.some((k) => k === undefined)) return undefined;
  const rows = (kept as StoreCounts[]).map((k, i) => `${i + 1}: ${k.openAlerts} of ${k.alerts} / ${k.kpiPoints}`);
  return `kept at each minute's end (alerts open of all / KPI history points): ${rows.join('; ')}`;
}

/** The heap and event-to-paint minute by minute (none for a one-minute window). */
export function minuteCharts(minutes: readonly MinuteFigures[], minuteS: number): Chart[] {
  if (minutes.length < 2) return [];
  // x: seconds into the window, as the chart's axis says (each minute's end: 60, 120, …).
  const byMinute = (pick: (m: MinuteFigures) => number) =>
    minutes.filter((m) => !Number.isNaN(pick(m))).map((m): [number, number] => [m.minute * minuteS, pick(m)]);
  return [
    {
      kind: 'throughput',
      title: 'renderer: JS heap after a full collection at the end of each minute',
      yLabel: 'MB',
      series: [{ name: 'heap used', points: byMinute((m) => m.heapMb) }],
    },
    {
      kind: 'throughput',
      title: 'renderer: event-to-paint p95 and slowest interaction of each minute',
      yLabel: 'MS',
      series: [
        { name: 'event to paint p95', points: byMinute((m) => m.paintP95) },
        { name: 'slowest interaction', points: byMinute((m) => m.worstInteraction) },
      ],
    },
  ];
}
