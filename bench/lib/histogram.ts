// Latency and connect-time distributions: an HDR histogram of microseconds, read out in
// milliseconds. Values above the top (60 s) are clamped to it rather than lost.
import * as hdr from 'hdr-histogram-js';

const TOP_US = 60_000_000;

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Points for a latency-distribution chart: percentile (0–99.999) → ms. */
export type DistributionPoint = [percentile: number, ms: number];

// Up to 99.999%: the maximum is a figure of its own, and would sit at an infinite percentile.
const CURVE = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 99.999];

export class LatencyHistogram {
  private readonly h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: TOP_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });

  recordMs(ms: number): void {
    const us = Math.round(ms * 1000);
    this.h.recordValue(us < 1 ? 1 : us > TOP_US ? TOP_US : us);
  }

  add(other: LatencyHistogram): void {
    this.h.add(other.h);
  }

  /** Compact form for another thread (HdrHistogram's compressed encoding). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.h);
  }

  /** Adds what another thread recorded (from `encode`). */
  addEncoded(encoded: string): void {
    const other = hdr.decodeFromCompressedBase64(encoded);
    this.h.add(other);
    other.destroy();
  }

  get count(): number {
    return this.h.totalCount;
  }

  percentileMs(p: number): number {
    return this.h.totalCount === 0 ? 0 : this.h.getValueAtPercentile(p) / 1000;
  }

  summary(): Percentiles {
    const empty = this.h.totalCount === 0;
    return {
      count: this.h.totalCount,
      p50: this.percentileMs(50),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      max: empty ? 0 : this.h.maxValue / 1000,
      mean: empty ? 0 : this.h.mean / 1000,
    };
  }

  distribution(): DistributionPoint[] {
    if (this.h.totalCount === 0) return [];
    return CURVE.map((p) => [p, this.percentileMs(p)]);
  }

  reset(): void {
    this.h.reset();
  }
}
