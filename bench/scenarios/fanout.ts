// fanout: N authenticated receivers on `orders`, a publisher posting new orders at R events/s
// through the ingest endpoint; deliveries per second, latency, loss and what it costs.
import { loadFigures, loadNotes, measureLoad, type LoadMeasurement } from '../lib/load';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { profileArgs, startBaselineTarget, startGatewayTarget, type Target } from '../lib/targets';

export const fanout = defineScenario({
  name: 'fanout',
  summary: 'N receivers, a publisher at R events/s through POST /v1/events: deliveries/s, latency, loss',
  help: {
    clients: 'receivers (websocket connections, authenticated, subscribed to orders)',
    rate: 'events per second published',
    duration: 'measured seconds',
    warmup: 'seconds of load before measuring',
    ramp: 'new connections per second',
    threads: 'receiving threads in the load generator (0: one per core)',
    tick: 'the publisher posts what is due every this many ms (a producer batching its events)',
    maxFrameEvents: 'the gateway limit of the same name (1: one event per frame)',
    profile: 'a folder for the gateway CPU profile (.cpuprofile; none when empty)',
    bare: '1: the same load against bare Socket.IO afterwards, in the same run (the limit); 0: skip',
  },
  defaults: {
    clients: 1500,
    rate: 40,
    duration: 60,
    warmup: 5,
    ramp: 500,
    threads: 0,
    tick: 10,
    maxFrameEvents: 100,
    profile: '',
    bare: 1,
  },
  reportBy: 'rate',
  smoke: { clients: 10, rate: 20, duration: 2, warmup: 0, ramp: 100 },
  budgetS: (p) => (1 + p.bare) * (120 + p.clients / p.ramp + p.duration + p.warmup),
  async run(p, ctx) {
    const target = await startGatewayTarget({
      limits: { maxFrameEvents: p.maxFrameEvents },
      nodeArgs: profileArgs(p.profile),
    });
    ctx.onCleanup(() => target.stop());
    const load = (t: Target) =>
      measureLoad(t, {
        clients: p.clients,
        rate: p.rate,
        durationS: p.duration,
        warmupS: p.warmup,
        rampPerSec: p.ramp,
        threads: p.threads || undefined,
        tickMs: p.tick,
      });
    const m = await load(target);
    const figures = loadFigures(m);
    let bare: LoadMeasurement | undefined;
    if (p.bare) {
      // The limit: the same receivers, ramp and rate against bare Socket.IO, the gateway stopped.
      await target.stop();
      const baseline = await startBaselineTarget();
      ctx.onCleanup(() => baseline.stop());
      bare = await load(baseline);
      await baseline.stop();
      const keep = ['connect p50', 'connect p99', 'deliveries/s', 'latency p99', 'events lost', 'server CPU'];
      figures.push(...loadFigures(bare, 'bare Socket.IO').filter((f) => keep.some((k) => f.name.endsWith(`: ${k}`))));
    }
    const set = (name: string, target: Figure['target']) => {
      const f = figures.find((x) => x.name === name);
      if (f) f.target = target;
    };
    // The targets hold at the scale they are stated for.
    // Connect p99 at 1,500 consoles ramped at 500/s: ≤ 100 ms on an idle gateway, ≤ 250 ms while it
    // delivers 20,000/s or more (the run of each load is a report section of its own, by rate).
    const offered = p.clients * p.rate;
    if (p.clients >= 1500) set('connect p99', { op: '<=', value: offered < 5000 ? 100 : 250 });
    if (p.duration >= 60) set('deliveries/s', { op: '>=', value: 50_000 });
    set('latency p99', { op: '<=', value: 50 });
    set('events lost', { op: '<=', value: 0 });
    return {
      figures,
      charts: [
        {
          kind: 'latency',
          title: 'fanout: delivery latency',
          series: [
            { name: 'gateway', points: m.distribution },
            ...(bare ? [{ name: 'bare Socket.IO', points: bare.distribution }] : []),
          ],
        },
        {
          kind: 'throughput',
          title: 'fanout: deliveries per second',
          series: [{ name: 'gateway', points: m.perSecond.map((v, i) => [i + 1, v]) }],
        },
      ],
      notes: [...loadNotes(m), ...(bare ? loadNotes(bare).map((n) => `bare Socket.IO: ${n}`) : [])],
    };
  },
});
