// fanout: N authenticated receivers on `orders`, a publisher posting new orders at R events/s
// through the ingest endpoint; deliveries per second, latency, loss and what it costs.
import { Fleet } from '../lib/fleet';
import { LoadSession, loadFigures, loadNotes, type LoadMeasurement } from '../lib/load';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { profileArgs, startBaselineTarget, startGatewayTarget, type Target } from '../lib/targets';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    late: 'consoles connected while the load runs (their connect times: the busy gateway’s)',
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
    late: 300,
  },
  reportBy: 'rate',
  smoke: { clients: 10, rate: 20, duration: 2, warmup: 0, ramp: 100, late: 5 },
  budgetS: (p) => (1 + p.bare) * (120 + p.clients / p.ramp + p.duration + p.warmup),
  async run(p, ctx) {
    const target = await startGatewayTarget({
      limits: { maxFrameEvents: p.maxFrameEvents },
      nodeArgs: profileArgs(p.profile),
    });
    ctx.onCleanup(() => target.stop());
    const load = async (t: Target, lateClients: number) => {
      const session = new LoadSession(t, {
        clients: p.clients,
        rampPerSec: p.ramp,
        maxEvents: Math.ceil(p.rate * (p.duration + p.warmup + 5)) + 1000,
        threads: p.threads || undefined,
        tickMs: p.tick,
      });
      // Consoles that arrive while the gateway delivers: connected (and closed again) a second
      // into the measured window, at the same ramp, beside the receivers.
      const late = new Fleet(t, { count: lateClients, rampPerSec: p.ramp, channels: ['orders'] });
      try {
        await session.connect();
        await session.warmup(p.rate, p.warmup);
        const measuring = session.measure(p.rate, p.duration);
        if (lateClients > 0) {
          await pause(Math.min(1000, (p.duration * 1000) / 4));
          await late.connect(`${t.name}: connecting ${lateClients} more while it delivers`);
          late.close();
        }
        return { m: await session.totalsOf(await measuring), late: late.connectTimes.summary() };
      } finally {
        late.close();
        await session.close();
      }
    };
    const { m, late } = await load(target, p.late);
    const figures = loadFigures(m);
    if (p.late > 0) {
      figures.push(
        { name: 'connect p50 while delivering', value: late.p50, unit: 'ms' },
        { name: 'connect p99 while delivering', value: late.p99, unit: 'ms' },
      );
    }
    let bare: LoadMeasurement | undefined;
    if (p.bare) {
      // The limit: the same receivers, ramp and rate against bare Socket.IO, the gateway stopped.
      await target.stop();
      const baseline = await startBaselineTarget();
      ctx.onCleanup(() => baseline.stop());
      const b = await load(baseline, p.late);
      bare = b.m;
      await baseline.stop();
      const keep = ['connect p50', 'connect p99', 'deliveries/s', 'latency p99', 'events lost', 'server CPU'];
      figures.push(...loadFigures(bare, 'bare Socket.IO').filter((f) => keep.some((k) => f.name.endsWith(`: ${k}`))));
      if (p.late > 0)
        figures.push({ name: 'bare Socket.IO: connect p99 while delivering', value: b.late.p99, unit: 'ms' });
    }
    const set = (name: string, target: Figure['target']) => {
      const f = figures.find((x) => x.name === name);
      if (f) f.target = target;
    };
    // The targets hold at the scale they are stated for.
    // Connect p99 at 1,500 consoles ramped at 500/s: ≤ 100 ms on an idle gateway (the receivers
    // connect before anything is published), ≤ 250 ms for those arriving while it delivers
    // 20,000/s or more (the run of each load is a report section of its own, by rate).
    if (p.clients >= 1500) set('connect p99', { op: '<=', value: 100 });
    if (p.clients * p.rate >= 20_000) set('connect p99 while delivering', { op: '<=', value: 250 });
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
