// The receivers spread over worker threads, each running a Fleet over its share, with the
// publisher's send times in shared memory: the latency measured is the gateway's, not the queue of
// one saturated receiving thread. Results are merged (HdrHistograms added, counters summed).
import { Worker } from 'node:worker_threads';
import type { FleetOptions } from './fleet';
import type { FleetCounts, FleetReport, FleetRequest, FleetWorkerData } from './fleetWorker';
import { LatencyHistogram } from './histogram';
import type { SendClock } from './publisher';
import type { Target } from './targets';

export interface FleetTotals extends FleetCounts {
  connectTimes: LatencyHistogram;
  latency: LatencyHistogram;
}

export class ThreadedFleet {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (value: unknown) => void>();
  private nextId = 1;

  constructor(target: Target, options: Omit<FleetOptions, 'sentAt' | 'quiet'>, clock: SendClock, threads: number) {
    const n = Math.max(1, Math.min(threads, options.count));
    for (let i = 0; i < n; i++) {
      const count = Math.floor(options.count / n) + (i < options.count % n ? 1 : 0);
      const data: FleetWorkerData = {
        entry: new URL('./fleetWorker.ts', import.meta.url).href,
        target: { name: target.name, socketUrls: target.socketUrls, token: target.token, snapshot: target.snapshot },
        options: { ...options, count, rampPerSec: options.rampPerSec / n, firstUrl: i },
        clock,
      };
      const w = new Worker(new URL('./workerBoot.mjs', import.meta.url), { workerData: data });
      w.on('message', (m: { id: number; value: unknown }) => {
        this.waiting.get(m.id)?.(m.value);
        this.waiting.delete(m.id);
      });
      w.on('error', (err) => {
        for (const resolve of this.waiting.values()) resolve(Promise.reject(err));
        this.waiting.clear();
      });
      this.workers.push(w);
    }
  }

  private ask<T>(cmd: FleetRequest['cmd'], extra: Record<string, unknown> = {}): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<T>((resolve) => {
            const id = this.nextId++;
            this.waiting.set(id, resolve as (v: unknown) => void);
            w.postMessage({ id, cmd, ...extra } as FleetRequest);
          }),
      ),
    );
  }

  private static sum(parts: FleetCounts[]): FleetCounts {
    const perSecond: number[] = [];
    const reasons: Record<string, number> = {};
    for (const p of parts) {
      p.perSecond.forEach((v, i) => (perSecond[i] = (perSecond[i] ?? 0) + v));
      for (const [k, v] of Object.entries(p.failureReasons)) reasons[k] = (reasons[k] ?? 0) + v;
    }
    const total = (k: keyof FleetCounts) => parts.reduce((s, p) => s + (p[k] as number), 0);
    return {
      connected: total('connected'),
      connectFailures: total('connectFailures'),
      failureReasons: reasons,
      received: total('received'),
      published: total('published'),
      gaps: total('gaps'),
      duplicates: total('duplicates'),
      disconnects: total('disconnects'),
      perSecond: Array.from(perSecond, (v) => v ?? 0),
    };
  }

  private static merge(parts: FleetReport[]): FleetTotals {
    const connectTimes = new LatencyHistogram();
    const latency = new LatencyHistogram();
    for (const p of parts) {
      connectTimes.addEncoded(p.connectTimes);
      latency.addEncoded(p.latency);
    }
    return { ...ThreadedFleet.sum(parts), connectTimes, latency };
  }

  async connect(): Promise<FleetTotals> {
    return ThreadedFleet.merge(await this.ask<FleetReport>('connect'));
  }

  async startMeasuring(at: number): Promise<void> {
    await this.ask('start', { at });
  }

  async stopMeasuring(): Promise<FleetTotals> {
    return ThreadedFleet.merge(await this.ask<FleetReport>('stop'));
  }

  async counts(): Promise<FleetCounts> {
    return ThreadedFleet.sum(await this.ask<FleetCounts>('counts'));
  }

  async close(): Promise<void> {
    await this.ask('close').catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
