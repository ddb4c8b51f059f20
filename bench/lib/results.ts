// The result file every scenario writes (bench/results/<scenario>-<timestamp>.json): what ran,
// on which commit and machine, with which parameters, the figures with their targets, the load
// generator's own CPU, and the series the report draws.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(ROOT, 'bench/results');

export type Unit = 'count' | 'per_s' | 'ms' | 'pct' | 'MB' | 'KB' | 'ratio';

export interface Figure {
  name: string;
  value: number;
  unit: Unit;
  /** `±`: the value's magnitude at most the target's (a change either way). */
  target?: { op: '>=' | '<=' | '±'; value: number };
}

export interface Chart {
  kind: 'latency' | 'throughput';
  title: string;
  /** The y axis's unit label (default: ms for latency, per second for throughput). */
  yLabel?: string;
  /** Latency: [percentile, ms]; throughput: [seconds since start, per second]. */
  series: { name: string; points: [number, number][] }[];
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface BenchResult {
  scenario: string;
  startedAt: string;
  finishedAt: string;
  commit: string;
  /** Uncommitted changes in the work tree when it ran. */
  dirty: boolean;
  machine: Machine;
  params: Record<string, number | string | boolean>;
  /** The load generator's own CPU over the run, % of one core. */
  generatorCpuPct: number;
  /**
   * CPU time the hypervisor took from the machine over the run, % of all (its neighbours on a
   * shared host): a slow run on a slow machine, told apart. Absent in results from before it.
   */
  hostStealPct?: number;
  figures: Figure[];
  charts: Chart[];
  notes: string[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function commitOf(root = ROOT): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root }).toString().trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString();
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export function targetMet(f: Figure): boolean {
  if (!f.target) return true;
  if (f.target.op === '±') return Math.abs(f.value) <= f.target.value;
  return f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
}

const UNIT_SUFFIX: Record<Unit, string> = {
  count: '',
  per_s: '/s',
  ms: ' ms',
  pct: ' %',
  MB: ' MB',
  KB: ' KB',
  ratio: '',
};

export function formatValue(value: number, unit: Unit): string {
  let text: string;
  if (unit === 'ratio') text = value.toFixed(2);
  else if (unit === 'ms' || unit === 'KB') text = value < 10 ? value.toFixed(2) : value.toFixed(1);
  else if (Number.isInteger(value) || Math.abs(value) >= 100) text = Math.round(value).toLocaleString('en-GB');
  else text = value.toFixed(1);
  return text + UNIT_SUFFIX[unit];
}

/** `fanout-2026-11-26T10-05-03Z.json`: sortable, and safe in every file system. */
export function resultFileName(scenario: string, startedAt: string): string {
  return `${scenario}-${startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}

export function writeResult(result: BenchResult, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultFileName(result.scenario, result.startedAt));
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** The newest result file of each scenario, by the timestamp in its name. */
/** The newest result file per key: the scenario's name unless `keyOf` says otherwise. */
export function latestResults(
  dir = RESULTS_DIR,
  keyOf: (r: BenchResult) => string = (r) => r.scenario,
): Map<string, { file: string; result: BenchResult }> {
  const latest = new Map<string, { file: string; result: BenchResult }>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return latest;
  }
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let result: BenchResult;
    try {
      result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
    } catch (err) {
      throw new Error(`${file} is not a readable result file: ${(err as Error).message}`);
    }
    if (typeof result.scenario !== 'string' || !Array.isArray(result.figures)) {
      throw new Error(`${file} is not a result file (no scenario or figures)`);
    }
    latest.set(keyOf(result), { file, result });
  }
  return latest;
}
