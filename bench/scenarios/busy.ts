// busy: a busy gateway fed by unbatched producers (every event a POST of its own, so no two
// deliveries arrive together), beside bare Socket.IO in the same run. Three targets, one after the
// other with the same receivers and rate: bare Socket.IO, the gateway with adaptive frame batching
// (a channel's deliveries of the next few ms share a frame while the event loop lags), and the
// gateway without it (frameWindowMs=0: one frame per delivery here). Latency p99 is the figure.
import { loadFigures, loadNotes, measureLoad, type LoadMeasurement } from '../lib/load';
import type { Chart, Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { startBaselineTarget, startGatewayTarget, type Target } from '../lib/targets';

export const busy = defineScenario({
  name: 'busy',
  summary: 'unbatched producers at N×R deliveries/s: bare Socket.IO vs the gateway with and without adaptive frames',
  help: {
    clients: 'receivers on each target (authenticated on the gateway, subscribed to orders)',
    rate: 'events per second, each posted alone',
    duration: 'measured seconds per target',
    warmup: 'seconds of load before measuring',
    ramp: 'new connections per second',
    threads: 'receiving threads in the load generator (0: one per core)',
    window: 'the gateway limit frameWindowMs of the adaptive run',
  },
  defaults: { clients: 1500, rate: 40, duration: 30, warmup: 5, ramp: 500, threads: 0, window: 8 },
  smoke: { clients: 10, rate: 20, duration: 2, warmup: 0, ramp: 100 },
  budgetS: (p) => 3 * (90 + p.clients / p.ramp + p.duration + p.warmup),
  async run(p, ctx) {
    const load = async (start: () => Promise<Target>): Promise<LoadMeasurement> => {
      const target = await start();
      ctx.onCleanup(() => target.stop());
      try {
        return await measureLoad(target, {
          clients: p.clients,
          rate: p.rate,
          durationS: p.duration,
          warmupS: p.warmup,
          rampPerSec: p.ramp,
          threads: p.threads || undefined,
          tickMs: 1,
          maxBatch: 1,
        });
      } finally {
        await target.stop();
      }
    };
    const runs: [string, LoadMeasurement][] = [
      ['bare Socket.IO', await load(startBaselineTarget)],
      [
        'gateway, adaptive frames',
        await load(() =>
          startGatewayTarget({ name: 'gateway, adaptive frames', limits: { frameWindowMs: p.window, frameLagMs: 5 } }),
        ),
      ],
      [
        'gateway, one frame per delivery',
        await load(() => startGatewayTarget({ name: 'gateway, one frame per delivery', limits: { frameWindowMs: 0 } })),
      ],
    ];
    const figures: Figure[] = [{ name: 'deliveries offered/s', value: p.clients * p.rate, unit: 'per_s' }];
    for (const [name, m] of runs) figures.push(...loadFigures(m, name));
    const at = (name: string) => figures.find((f) => f.name === name);
    for (const [name] of runs) {
      const lost = at(`${name}: events lost`);
      if (lost) lost.target = { op: '<=', value: 0 };
    }
    const adaptive = at('gateway, adaptive frames: latency p99');
    if (adaptive && p.clients * p.rate >= 60_000) adaptive.target = { op: '<=', value: 100 };
    const bareP99 = runs[0]![1].latency.p99;
    figures.push({
      name: 'adaptive p99 / bare p99',
      value: bareP99 > 0 ? runs[1]![1].latency.p99 / bareP99 : 0,
      unit: 'ratio',
    });
    const charts: Chart[] = [
      {
        kind: 'latency',
        title: 'busy: delivery latency, unbatched producers',
        series: runs.map(([name, m]) => ({ name, points: m.distribution })),
      },
    ];
    return { figures, charts, notes: runs.flatMap(([, m]) => loadNotes(m)) };
  },
});
