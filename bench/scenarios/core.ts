// core: how many events per second the client core takes in (offset tracking, dedupe by id,
// reordering window) and hands to its host, and that the host gets at most one message per frame.
// The socket is the test fake the core's own tests use, fed as fast as the core takes it, so the
// figure is the core's, not the network's. Then the desktop's main process for `--duration`
// seconds (bench/lib/desktopCore.ts: the live host, outbox and file store on Node, each batch
// cloned as IPC would) on a real gateway's demo feed at `--feed` events/s: its heap after a full
// collection, over time.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLiveClient } from '../../core/liveClient';
import { liveEvent } from '../../core/test/fakes';
import { fakeWorld } from '../../core/test/fakeWorld';
import { nodeClock } from '../../main/adapters/nodePorts';
import type { Delivery } from '../../protocol';
import { LatencyHistogram } from '../lib/histogram';
import { progress } from '../lib/progress';
import type { Figure } from '../lib/results';
import { defineScenario, type Outcome, type RunContext } from '../lib/scenario';
import { startGatewayTarget } from '../lib/targets';

interface HeapSample {
  t: number;
  heapUsedMb: number;
  rssMb: number;
  events: number;
  batches: number;
  openAlerts: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const core = defineScenario({
  name: 'core',
  summary: 'events/s the client core takes in and hands to its host in frame batches',
  help: {
    duration: 'seconds the desktop main process runs on the live feed (its memory)',
    burst: 'seconds the core is fed as fast as it takes (its throughput)',
    feed: 'events/s of the gateway’s demo feed during the memory run',
    sample: 'seconds between two heap samples (each after a full collection)',
    frameEvents: 'deliveries per socket frame (1: `event` frames; more: `events`)',
    frameMs: 'the host frame period the core batches to',
    chunk: 'deliveries fed between two turns of the event loop',
  },
  defaults: { duration: 600, burst: 10, feed: 200, sample: 10, frameEvents: 20, frameMs: 16, chunk: 200 },
  smoke: { duration: 6, burst: 1, feed: 50, sample: 2 },
  budgetS: (p) => 120 + p.burst * 2 + p.duration * 1.2,
  async run(p, ctx) {
    const throughput = await measureThroughput(p);
    const memory = await measureMemory(p, ctx);
    return {
      figures: [...throughput.figures, ...memory.figures],
      charts: memory.charts ?? [],
      notes: [...(throughput.notes ?? []), ...(memory.notes ?? [])],
    };
  },
});

async function measureMemory(p: { duration: number; feed: number; sample: number }, ctx: RunContext): Promise<Outcome> {
  const target = await startGatewayTarget({ env: { LIVE_DEMO_FEED: String(p.feed) } });
  ctx.onCleanup(() => target.stop());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-desktop-'));
  ctx.onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const samples: HeapSample[] = [];
  const child = fork(path.join(import.meta.dirname, '../lib/desktopCore.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: {
      ...process.env,
      LIVE_BENCH_SERVER: target.socketUrls[0],
      LIVE_BENCH_DATA: dataDir,
      LIVE_BENCH_SAMPLE_MS: String(p.sample * 1000),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  ctx.onCleanup(() => {
    child.kill('SIGKILL');
  });
  child.on('message', (m) => samples.push(m as HeapSample));
  // The run starts when the process is signed in and reporting (tsx's start-up is not the run).
  const upBy = performance.now() + 60_000;
  while (samples.length === 0 && child.exitCode === null && performance.now() < upBy) await pause(100);
  const bar = progress('desktop main process on the live feed', p.duration);
  const started = performance.now();
  while (performance.now() - started < p.duration * 1000 && child.exitCode === null) {
    await pause(1000);
    bar.update(Math.floor((performance.now() - started) / 1000));
  }
  bar.finish();
  child.disconnect();
  if (samples.length < 2) throw new Error(`the desktop process reported ${samples.length} heap samples`);
  const last = samples.at(-1) as HeapSample;
  // From minute 2 on (the start-up settles first), or from a fifth of a shorter run.
  const steadyFrom = Math.min(120, p.duration / 5);
  const steady = samples.filter((x) => x.t >= steadyFrom);
  const base = steady[0] ?? (samples[0] as HeapSample);
  const maxHeap = Math.max(...samples.map((x) => x.heapUsedMb));
  const figures: Figure[] = [
    { name: 'desktop: events taken in', value: last.events, unit: 'count' },
    { name: 'desktop: events/s taken in', value: last.events / last.t, unit: 'per_s' },
    { name: 'desktop: heap after GC, max', value: maxHeap, unit: 'MB', target: { op: '<=', value: 50 } },
    { name: `desktop: heap after GC at ${Math.round(base.t)} s`, value: base.heapUsedMb, unit: 'MB' },
    { name: 'desktop: heap after GC at the end', value: last.heapUsedMb, unit: 'MB' },
    {
      name: 'desktop: heap growth, steady part',
      value: ((last.heapUsedMb - base.heapUsedMb) / base.heapUsedMb) * 100,
      unit: 'pct',
      target: { op: '<=', value: 10 },
    },
    { name: `desktop: open alerts held at ${Math.round(base.t)} s`, value: base.openAlerts, unit: 'count' },
    { name: 'desktop: open alerts held at the end', value: last.openAlerts, unit: 'count' },
    { name: 'desktop: RSS max', value: Math.max(...samples.map((x) => x.rssMb)), unit: 'MB' },
  ];
  return {
    figures,
    charts: [
      {
        kind: 'throughput',
        title: 'core: the desktop main process’s heap after a full collection',
        yLabel: 'MB',
        series: [{ name: 'heap used', points: samples.map((x) => [x.t, x.heapUsedMb]) }],
      },
    ],
    notes: [
      `memory: ${p.duration} s on the gateway’s demo feed at ${p.feed} events/s, signed in as yonetici (every channel); heap read every ${p.sample} s after gc()`,
      'the desktop process runs the sources through tsx (its loader’s own heap is in the figure); Electron’s main adds its own on top',
    ],
  };
}

async function measureThroughput(p: {
  burst: number;
  frameEvents: number;
  frameMs: number;
  chunk: number;
}): Promise<Outcome> {
  {
    const world = fakeWorld();
    const client = createLiveClient({ ...world.ports, clock: nodeClock }, { frameMs: p.frameMs, pingIntervalMs: 0 });
    const batchTimes: number[] = [];
    const batchGap = new LatencyHistogram();
    let handed = 0;
    client.onBatch((b) => {
      const now = performance.now();
      const last = batchTimes.at(-1);
      if (last !== undefined) batchGap.recordMs(now - last);
      batchTimes.push(now);
      handed += b.events.length;
    });
    client.connect({ server: 'http://core.bench', token: 't', channels: ['orders'] });
    const socket = world.socket();
    socket.serverConnect();
    await pause(10);
    socket.answerWithHeads({ orders: { epoch: 'e1', offset: 0 } });
    await pause(50);
    batchTimes.length = 0;
    handed = 0;

    // One template event; each delivery is a copy with an id of its own, as the dedupe needs.
    const template = liveEvent();
    const idPrefix = template.id.slice(0, 24);
    let offset = 0;
    const next = (): Delivery => {
      offset++;
      return {
        channel: 'orders',
        epoch: 'e1',
        offset,
        event: { ...template, id: idPrefix + offset.toString(16).padStart(12, '0') },
      };
    };

    const bar = progress('feeding the core', p.burst);
    const start = performance.now();
    const end = start + p.burst * 1000;
    let lastTick = 0;
    while (performance.now() < end) {
      for (let fed = 0; fed < p.chunk; fed += p.frameEvents) {
        if (p.frameEvents <= 1) socket.deliver(next());
        else socket.deliverMany(Array.from({ length: p.frameEvents }, next));
      }
      // Let timers run (the frame flush), as a busy socket still yields between reads.
      await new Promise((r) => setImmediate(r));
      const s = Math.floor((performance.now() - start) / 1000);
      if (s > lastTick) {
        lastTick = s;
        bar.update(s, `${Math.round(handed / s / 1000)}k events/s`);
      }
    }
    const fedS = (performance.now() - start) / 1000;
    const deadline = Date.now() + 5000;
    while (handed < offset && Date.now() < deadline) await pause(p.frameMs);
    bar.finish();
    // What closing flushes is not a frame of the run.
    const times = batchTimes.slice();
    client.close();

    const rate = handed / fedS;
    // Host messages closer together than 90% of a frame would be two in one frame.
    const tooClose = times.slice(1).filter((t, i) => t - (times[i] as number) < p.frameMs * 0.9).length;
    const figures: Figure[] = [
      {
        name: 'events handed to the host/s',
        value: Math.round(rate),
        unit: 'per_s',
        target: { op: '>=', value: 20_000 },
      },
      { name: 'events fed', value: offset, unit: 'count' },
      { name: 'events lost', value: offset - handed, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'host messages', value: times.length, unit: 'count' },
      { name: 'host messages/s', value: times.length / fedS, unit: 'per_s' },
      { name: 'events per host message', value: handed / Math.max(1, times.length), unit: 'count' },
      { name: 'host messages in the same frame', value: tooClose, unit: 'count', target: { op: '<=', value: 0 } },
      { name: 'gap between host messages p50', value: batchGap.summary().p50, unit: 'ms' },
    ];
    return { figures, notes: [`${p.frameEvents} deliveries per socket frame, ${p.frameMs} ms host frames`] };
  }
}
