// baseline: the same receivers and publisher against a bare Socket.IO server that only broadcasts,
// and against the gateway with and without shared frames, in one run. Each target's capacity is
// found on a ladder of rates: the highest deliveries/s it sustains (≥ 95% of what was offered,
// nothing lost, p99 within the bound). The gateway's cost is its capacity as a ratio of the bare one's.
import { LoadSession, type WindowMeasurement } from '../lib/load';
import type { Chart, Figure } from '../lib/results';
import { defineScenario, type RunContext } from '../lib/scenario';
import { startBaselineTarget, startGatewayTarget, type Target } from '../lib/targets';

interface Capacity {
  target: string;
  steps: WindowMeasurement[];
  best?: WindowMeasurement;
}

function sustained(w: WindowMeasurement, p99BoundMs: number): boolean {
  return w.deliveriesPerSec >= 0.95 * w.offeredPerSec && w.lost === 0 && w.latency.p99 <= p99BoundMs;
}

async function ladder(
  target: Target,
  p: {
    clients: number;
    ramp: number;
    start: number;
    factor: number;
    steps: number;
    step: number;
    p99: number;
    threads: number;
  },
): Promise<Capacity> {
  const rates = Array.from({ length: p.steps }, (_, i) => Math.round(p.start * p.factor ** i));
  const maxEvents = rates.reduce((sum, r) => sum + r * (p.step + 1), 0) + 10_000;
  const session = new LoadSession(target, {
    clients: p.clients,
    rampPerSec: p.ramp,
    maxEvents,
    threads: p.threads || undefined,
  });
  const out: Capacity = { target: target.name, steps: [] };
  try {
    await session.connect();
    await session.warmup(rates[0] as number, 3);
    for (const [i, rate] of rates.entries()) {
      const w = await session.measure(rate, p.step, `${target.name}: step ${i + 1}/${rates.length}, ${rate}/s`);
      out.steps.push(w);
      if (!sustained(w, p.p99)) break;
      out.best = w;
    }
  } finally {
    await session.close();
  }
  return out;
}

async function withTarget<T>(
  ctx: RunContext,
  start: () => Promise<Target>,
  use: (t: Target) => Promise<T>,
): Promise<T> {
  const target = await start();
  ctx.onCleanup(() => target.stop());
  try {
    return await use(target);
  } finally {
    await target.stop();
  }
}

export const baseline = defineScenario({
  name: 'baseline',
  summary: 'capacity of a bare Socket.IO broadcast server vs the gateway (shared frames on and off), same run',
  help: {
    clients: 'receivers on each target',
    ramp: 'new connections per second',
    start: 'events per second of the first step',
    factor: 'each step publishes this many times the previous rate',
    steps: 'most steps per target',
    step: 'seconds per step',
    p99: 'a step is sustained only with latency p99 at most this (ms)',
    threads: 'receiving threads in the load generator (0: one per core)',
  },
  defaults: { clients: 1000, ramp: 400, start: 20, factor: 1.5, steps: 8, step: 10, p99: 100, threads: 0 },
  smoke: { clients: 5, ramp: 100, start: 10, factor: 2, steps: 2, step: 1 },
  budgetS: (p) => 3 * (60 + p.clients / p.ramp + p.steps * (p.step + 20)),
  async run(p, ctx) {
    const bare = await withTarget(ctx, startBaselineTarget, (t) => ladder(t, p));
    const batched = await withTarget(
      ctx,
      () => startGatewayTarget({ name: 'gateway', limits: { maxFrameEvents: 100 } }),
      (t) => ladder(t, p),
    );
    const single = await withTarget(
      ctx,
      () =>
        startGatewayTarget({ name: 'gateway, one event per frame', limits: { maxFrameEvents: 1, frameWindowMs: 0 } }),
      (t) => ladder(t, p),
    );
    const figures: Figure[] = [];
    const capacityOf = (c: Capacity) => Math.round(c.best?.deliveriesPerSec ?? 0);
    for (const c of [bare, batched, single]) {
      figures.push({ name: `${c.target}: capacity deliveries/s`, value: capacityOf(c), unit: 'per_s' });
      figures.push({ name: `${c.target}: p99 at capacity`, value: c.best?.latency.p99 ?? 0, unit: 'ms' });
      figures.push({
        name: `${c.target}: server CPU at capacity`,
        value: Math.round(c.best?.serverCpuPct ?? 0),
        unit: 'pct',
      });
      figures.push({
        name: `${c.target}: generator CPU at capacity`,
        value: Math.round(c.best?.generatorCpuPct ?? 0),
        unit: 'pct',
      });
      figures.push({ name: `${c.target}: steps run`, value: c.steps.length, unit: 'count' });
      figures.push({
        name: `${c.target}: events lost`,
        value: c.steps.reduce((sum, w) => sum + w.lost, 0),
        unit: 'count',
        target: { op: '<=', value: 0 },
      });
    }
    const bareCapacity = capacityOf(bare);
    figures.push({
      name: 'gateway / bare capacity',
      value: bareCapacity > 0 ? capacityOf(batched) / bareCapacity : 0,
      unit: 'ratio',
      target: { op: '>=', value: 0.7 },
    });
    figures.push({
      name: 'gateway one-per-frame / bare capacity',
      value: bareCapacity > 0 ? capacityOf(single) / bareCapacity : 0,
      unit: 'ratio',
    });
    const notes: string[] = [];
    for (const c of [bare, batched, single]) {
      const topped = c.steps.length === p.steps && c.best === c.steps.at(-1);
      if (topped) notes.push(`${c.target} sustained every step: its capacity is at least the figure shown`);
      const failed = c.steps.find((w) => w !== c.best && !sustained(w, p.p99));
      if (failed) {
        notes.push(
          `${c.target}: ${failed.rate}/s was not sustained (${Math.round(failed.deliveriesPerSec)} of ${Math.round(failed.offeredPerSec)} deliveries/s, p99 ${failed.latency.p99.toFixed(1)} ms, lost ${failed.lost})`,
        );
      }
    }
    const charts: Chart[] = [
      {
        kind: 'latency',
        title: 'baseline: latency at capacity',
        series: [bare, batched, single].map((c) => ({ name: c.target, points: c.best?.distribution ?? [] })),
      },
      {
        kind: 'throughput',
        title: 'baseline: deliveries per second along the ladder',
        series: [bare, batched, single].map((c) => {
          let t = 0;
          return { name: c.target, points: c.steps.flatMap((w) => w.perSecond.map((v): [number, number] => [++t, v])) };
        }),
      },
    ];
    return { figures, charts, notes };
  },
});
