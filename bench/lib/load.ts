// Load measurements against a target, shared by fanout, baseline and cluster: receivers connect
// once, then each measured window publishes at a steady rate and reads off throughput, latency,
// loss and what it cost the server and the generator.
import { Fleet } from './fleet';
import type { DistributionPoint, Percentiles } from './histogram';
import { processCpu, sampleProcess, selfCpu } from './proc';
import { progress } from './progress';
import { Publisher } from './publisher';
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
  readonly fleet: Fleet;
  private readonly samplers: ReturnType<typeof sampleProcess>[];
  /** Events accepted so far, over every window (what each receiver should have). */
  private accepted = 0;

  constructor(
    readonly target: Target,
    private readonly o: {
      clients: number;
      rampPerSec: number;
      channels?: string[];
      maxEvents: number;
      quiet?: boolean;
    },
  ) {
    this.publisher = new Publisher(target.ingestUrl, target.ingestToken, o.maxEvents);
    const sentAt = (id: string) => {
      const seq = this.publisher.seqOf(id);
      return seq >= 0 ? this.publisher.sentAt[seq] : undefined;
    };
    this.fleet = new Fleet(target, {
      count: o.clients,
      rampPerSec: o.rampPerSec,
      channels: o.channels ?? ['orders'],
      sentAt,
      quiet: o.quiet,
    });
    this.samplers = target.pids().map((pid) => sampleProcess(pid));
  }

  async connect(): Promise<void> {
    await this.fleet.connect(`${this.target.name}: connecting`);
  }

  /** Publishes without measuring (lets the JIT and caches warm up). */
  async warmup(rate: number, seconds: number): Promise<void> {
    if (seconds <= 0) return;
    this.accepted += (await this.publisher.run({ rate, durationS: seconds })).accepted;
    await this.drain();
  }

  private async drain(): Promise<void> {
    const expected = this.accepted * this.fleet.receivers.length;
    const end = Date.now() + DRAIN_MS;
    while (this.fleet.published < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }

  async measure(rate: number, durationS: number, label?: string): Promise<WindowMeasurement> {
    const { fleet, target } = this;
    const connected = fleet.receivers.length;
    const cpus = target.pids().map((pid) => processCpu(pid));
    const generator = selfCpu();
    await target.metrics?.(); // starts a new event-loop delay window
    const bar = this.o.quiet ? undefined : progress(label ?? `${target.name}: ${rate}/s × ${connected}`, durationS);
    const publishedBefore = fleet.published;
    fleet.startMeasuring();
    const run = await this.publisher.run({
      rate,
      durationS,
      onTick: (s) => bar?.update(s, `${Math.round((fleet.perSecond.at(-2) ?? 0) / 1000)}k deliveries/s`),
    });
    fleet.stopMeasuring();
    bar?.finish();
    const gateway = await target.metrics?.();
    const serverCpuPct = cpus.reduce((sum, c) => sum + c.cpuPct(), 0);
    const generatorCpuPct = generator.cpuPct();
    this.accepted += run.accepted;
    await this.drain();
    const perSecond = fleet.perSecond.slice(0, Math.floor(durationS));
    const expected = run.accepted * connected;
    return {
      target: target.name,
      connected,
      rate,
      offeredPerSec: run.achievedRate * connected,
      deliveriesPerSec: perSecond.reduce((a, b) => a + b, 0) / Math.max(1, perSecond.length),
      perSecond,
      latency: fleet.latency.summary(),
      distribution: fleet.latency.distribution(),
      expected,
      lost: Math.max(0, expected - (fleet.published - publishedBefore)),
      serverCpuPct,
      generatorCpuPct,
      publisherBehind: run.behind,
      gateway,
    };
  }

  totals(window: WindowMeasurement): LoadMeasurement {
    const { fleet } = this;
    return {
      ...window,
      connectFailures: fleet.connectFailures,
      failureReasons: Object.fromEntries(fleet.failureReasons),
      connect: fleet.connectTimes.summary(),
      gaps: fleet.gaps,
      duplicates: fleet.duplicates,
      disconnects: fleet.disconnects,
      serverRssMb: this.samplers.reduce((sum, s) => sum + s.peakRssMb(), 0),
    };
  }

  close(): void {
    for (const s of this.samplers) s.stop();
    this.publisher.close();
    this.fleet.close();
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
}

/** Connect, warm up, measure one window, close. */
export async function measureLoad(target: Target, o: LoadOptions): Promise<LoadMeasurement> {
  const session = new LoadSession(target, {
    clients: o.clients,
    rampPerSec: o.rampPerSec,
    channels: o.channels,
    maxEvents: Math.ceil(o.rate * (o.durationS + o.warmupS + 5)) + 1000,
    quiet: o.quiet,
  });
  try {
    await session.connect();
    await session.warmup(o.rate, o.warmupS);
    return session.totals(await session.measure(o.rate, o.durationS));
  } finally {
    session.close();
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
