// Load measurements against a target, shared by fanout, baseline and cluster: receivers connect
// once, then each measured window publishes at a steady rate and reads off throughput, latency,
// loss and what it cost the server and the generator.
import os from 'node:os';
import { ThreadedFleet, type FleetTotals } from './fleetThreads';
import type { DistributionPoint, Percentiles } from './histogram';
import { processCpu, sampleProcess, selfCpu } from './proc';
import { progress } from './progress';
import { epochNow, Publisher } from './publisher';
import type { Figure } from './results';
import type { GatewayMetrics, Target } from './targets';

export interface WindowMeasurement {
  target: string;
  connected: number;
  /** Events per second published, and deliveries per second that makes. */
  rate: number;
  offeredPerSec: number;
  deliveriesPerSec: number;
  /** Deliveries per second, second by second, in the window. */
  perSecond: number[];
  latency: Percentiles;
  distribution: DistributionPoint[];
  expected: number;
  lost: number;
  serverCpuPct: number;
  generatorCpuPct: number;
  publisherBehind: number;
  gateway?: GatewayMetrics[];
}

export interface LoadMeasurement extends WindowMeasurement {
  connectFailures: number;
  failureReasons: Record<string, number>;
  connect: Percentiles;
  gaps: number;
  duplicates: number;
  disconnects: number;
  serverRssMb: number;
}

/** Events already sent but not yet delivered everywhere get this long after a window ends. */
const DRAIN_MS = 15_000;

export class LoadSession {
  readonly publisher: Publisher;
  readonly fleet: ThreadedFleet;
  private readonly samplers: ReturnType<typeof sampleProcess>[];
  /** Events accepted so far, over every window (what each receiver should have). */
  private accepted = 0;
  private connected = 0;
  private totals?: FleetTotals;

  constructor(
    readonly target: Target,
    private readonly o: {
      clients: number;
      rampPerSec: number;
      channels?: string[];
      maxEvents: number;
      quiet?: boolean;
      /** Receiving threads (default: one per core). */
      threads?: number;
      /** The publisher posts what is due every this many ms (default 10). */
      tickMs?: number;
      /** Most events in one POST (1: unbatched producers, every event a request of its own). */
      maxBatch?: number;
    },
  ) {
    this.publisher = new Publisher(target.ingestUrl, target.ingestToken, o.maxEvents);
    this.fleet = new ThreadedFleet(
      target,
      { count: o.clients, rampPerSec: o.rampPerSec, channels: o.channels ?? ['orders'] },
      this.publisher.clock,
      o.threads ?? os.cpus().length,
    );
    this.samplers = target.pids().map((pid) => sampleProcess(pid));
  }

  async connect(): Promise<void> {
    const bar = this.o.quiet ? undefined : progress(`${this.target.name}: connecting`, this.o.clients);
    let done = false;
    const poll = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, 500));
        if (!done) bar?.update((await this.fleet.counts()).connected);
      }
    })();
    this.totals = await this.fleet.connect();
    done = true;
    await poll;
    this.connected = this.totals.connected;
    bar?.finish(`${this.connected} connected, ${this.totals.connectFailures} failed`);
  }

  /** Publishes without measuring (lets the JIT and caches warm up). */
  async warmup(rate: number, seconds: number): Promise<void> {
    if (seconds <= 0) return;
    this.accepted += (
      await this.publisher.run({ rate, durationS: seconds, tickMs: this.o.tickMs, maxBatch: this.o.maxBatch })
    ).accepted;
    await this.drain();
  }

  private async drain(): Promise<number> {
    const expected = this.accepted * this.connected;
    const end = Date.now() + DRAIN_MS;
    let published = (await this.fleet.counts()).published;
    while (published < expected && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      published = (await this.fleet.counts()).published;
    }
    return published;
  }

  async measure(rate: number, durationS: number, label?: string): Promise<WindowMeasurement> {
    const { fleet, target, connected } = this;
    const cpus = target.pids().map((pid) => processCpu(pid));
    const generator = selfCpu();
    await target.metrics?.(); // starts a new event-loop delay window
    const bar = this.o.quiet ? undefined : progress(label ?? `${target.name}: ${rate}/s × ${connected}`, durationS);
    const publishedBefore = (await fleet.counts()).published;
    await fleet.startMeasuring(epochNow());
    let lastRate = 0;
    const run = await this.publisher.run({
      rate,
      durationS,
      tickMs: this.o.tickMs,
      maxBatch: this.o.maxBatch,
      onTick: (s) => {
        bar?.update(s, `${Math.round(lastRate / 1000)}k deliveries/s`);
        void fleet.counts().then((c) => (lastRate = c.perSecond.at(-2) ?? lastRate));
      },
    });
    const totals = await fleet.stopMeasuring();
    bar?.finish();
    const gateway = await target.metrics?.();
    const serverCpuPct = cpus.reduce((sum, c) => sum + c.cpuPct(), 0);
    // The generator's CPU: this process, all its threads.
    const generatorCpuPct = generator.cpuPct();
    this.accepted += run.accepted;
    const published = await this.drain();
    const perSecond = totals.perSecond.slice(0, Math.floor(durationS));
    const expected = run.accepted * connected;
    this.totals = totals;
    return {
      target: target.name,
      connected,
      rate,
      offeredPerSec: run.achievedRate * connected,
      deliveriesPerSec: perSecond.reduce((a, b) => a + b, 0) / Math.max(1, perSecond.length),
      perSecond,
      latency: totals.latency.summary(),
      distribution: totals.latency.distribution(),
      expected,
      lost: Math.max(0, expected - (published - publishedBefore)),
      serverCpuPct,
      generatorCpuPct,
      publisherBehind: run.behind,
      gateway,
    };
  }

  async totalsOf(window: WindowMeasurement): Promise<LoadMeasurement> {
    const counts = await this.fleet.counts();
    const t = this.totals;
    return {
      ...window,
      connectFailures: counts.connectFailures,
      failureReasons: counts.failureReasons,
      connect: t ? t.connectTimes.summary() : { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
      gaps: counts.gaps,
      duplicates: counts.duplicates,
      disconnects: counts.disconnects,
      serverRssMb: this.samplers.reduce((sum, s) => sum + s.peakRssMb(), 0),
    };
  }

  async close(): Promise<void> {
    for (const s of this.samplers) s.stop();
    this.publisher.close();
    await this.fleet.close();
  }
}

export interface LoadOptions {
  clients: number;
  rate: number;
  durationS: number;
  warmupS: number;
  rampPerSec: number;
  channels?: string[];
  quiet?: boolean;
  threads?: number;
  tickMs?: number;
  maxBatch?: number;
}

/** Connect, warm up, measure one window, close. */
export async function measureLoad(target: Target, o: LoadOptions): Promise<LoadMeasurement> {
  const session = new LoadSession(target, {
    clients: o.clients,
    rampPerSec: o.rampPerSec,
    channels: o.channels,
    maxEvents: Math.ceil(o.rate * (o.durationS + o.warmupS + 5)) + 1000,
    quiet: o.quiet,
    threads: o.threads,
    tickMs: o.tickMs,
    maxBatch: o.maxBatch,
  });
  try {
    await session.connect();
    await session.warmup(o.rate, o.warmupS);
    return await session.totalsOf(await session.measure(o.rate, o.durationS));
  } finally {
    await session.close();
  }
}

/** The figures every load scenario reports, named with an optional prefix ("bare: ..."). */
export function loadFigures(m: LoadMeasurement, prefix = ''): Figure[] {
  const p = prefix ? `${prefix}: ` : '';
  const figures: Figure[] = [
    { name: `${p}clients connected`, value: m.connected, unit: 'count' },
    { name: `${p}connect p50`, value: m.connect.p50, unit: 'ms' },
    { name: `${p}connect p99`, value: m.connect.p99, unit: 'ms' },
    { name: `${p}deliveries/s`, value: Math.round(m.deliveriesPerSec), unit: 'per_s' },
    { name: `${p}latency p50`, value: m.latency.p50, unit: 'ms' },
    { name: `${p}latency p95`, value: m.latency.p95, unit: 'ms' },
    { name: `${p}latency p99`, value: m.latency.p99, unit: 'ms' },
    { name: `${p}latency max`, value: m.latency.max, unit: 'ms' },
    { name: `${p}events lost`, value: m.lost, unit: 'count' },
    { name: `${p}offset gaps`, value: m.gaps, unit: 'count' },
    { name: `${p}duplicates`, value: m.duplicates, unit: 'count' },
    { name: `${p}server CPU`, value: Math.round(m.serverCpuPct), unit: 'pct' },
    { name: `${p}server RSS peak`, value: Math.round(m.serverRssMb), unit: 'MB' },
    { name: `${p}generator CPU`, value: Math.round(m.generatorCpuPct), unit: 'pct' },
  ];
  if (m.gateway && m.gateway.length > 0) {
    figures.push({
      name: `${p}event-loop delay p99`,
      value: Math.max(...m.gateway.map((g) => g.eventLoopP99Ms)),
      unit: 'ms',
    });
  }
  if (m.connectFailures > 0) figures.push({ name: `${p}connect failures`, value: m.connectFailures, unit: 'count' });
  return figures;
}

export function loadNotes(m: LoadMeasurement): string[] {
  const notes: string[] = [];
  if (m.connectFailures > 0) notes.push(`${m.target}: connect failures ${JSON.stringify(m.failureReasons)}`);
  // A few events of rounding at the end are not falling behind; more than 2% of a second is.
  if (m.publisherBehind > Math.max(2, m.rate * 0.02)) {
    notes.push(`${m.target}: the publisher fell ${m.publisherBehind} events behind its rate`);
  }
  if (m.disconnects > 0) notes.push(`${m.target}: ${m.disconnects} receivers were disconnected during the run`);
  return notes;
}
