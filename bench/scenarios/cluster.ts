// cluster: two gateway nodes sharing Redis (fan-out, channel logs) and PostgreSQL, the publisher
// posting to the first, receivers spread over both: every event reaches every receiver in order.
import { loadFigures, loadNotes, measureLoad } from '../lib/load';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { startClusterTarget } from '../lib/targets';

export const cluster = defineScenario({
  name: 'cluster',
  summary: 'two gateway nodes with Redis and PostgreSQL; publisher on one, receivers on both',
  help: {
    nodes: 'gateway nodes',
    clients: 'receivers, spread over the nodes in turn',
    rate: 'events per second published (to the first node)',
    duration: 'measured seconds',
    warmup: 'seconds of load before measuring',
    ramp: 'new connections per second',
    threads: 'receiving threads in the load generator (0: one per core)',
    tick: 'the publisher posts what is due every this many ms (a producer batching its events)',
  },
  defaults: { nodes: 2, clients: 1000, rate: 40, duration: 60, warmup: 5, ramp: 300, threads: 0, tick: 10 },
  smoke: { clients: 10, rate: 20, duration: 2, warmup: 0, ramp: 100 },
  budgetS: (p) => 180 + p.clients / p.ramp + p.duration + p.warmup,
  async run(p, ctx) {
    const target = await startClusterTarget(p.nodes);
    ctx.onCleanup(() => target.stop());
    const m = await measureLoad(target, {
      clients: p.clients,
      rate: p.rate,
      durationS: p.duration,
      warmupS: p.warmup,
      rampPerSec: p.ramp,
      threads: p.threads || undefined,
      tickMs: p.tick,
    });
    const figures: Figure[] = loadFigures(m).map((f) =>
      f.name === 'events lost' ? { ...f, target: { op: '<=', value: 0 } } : f,
    );
    if (m.gateway) {
      m.gateway.forEach((g, i) =>
        figures.push({ name: `node ${i + 1} event-loop delay p99`, value: g.eventLoopP99Ms, unit: 'ms' }),
      );
    }
    return {
      figures,
      charts: [
        {
          kind: 'latency',
          title: 'cluster: delivery latency',
          series: [{ name: `${p.nodes} nodes`, points: m.distribution }],
        },
        {
          kind: 'throughput',
          title: 'cluster: deliveries per second',
          series: [{ name: `${p.nodes} nodes`, points: m.perSecond.map((v, i) => [i + 1, v]) }],
        },
      ],
      notes: [
        `server CPU and RSS are the sum over ${p.nodes} nodes; Redis and PostgreSQL are not counted`,
        ...loadNotes(m),
      ],
    };
  },
});
