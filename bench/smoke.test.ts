// Every scenario at a tiny scale, through the same command a person runs (`npm run bench --
// <scenario> --smoke`), so none of them can rot: it must finish, print its table and write a
// result file whose correctness figures hold (nothing lost, nothing twice). Speed is not judged
// here; that is what the full runs and bench/REPORT.md are for.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResult } from './lib/results';
import { SCENARIOS } from './scenarios';

const ROOT = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function figure(r: BenchResult, name: string): number {
  const f = r.figures.find((x) => x.name === name);
  if (!f) throw new Error(`${r.scenario} has no figure "${name}": ${r.figures.map((x) => x.name).join(', ')}`);
  return f.value;
}

/** Figures that must hold at any scale: correctness, not speed. */
const CHECKS: Record<string, (r: BenchResult) => void> = {
  fanout: (r) => {
    expect(figure(r, 'clients connected')).toBe(r.params.clients);
    expect(figure(r, 'deliveries/s')).toBeGreaterThan(0);
    expect(figure(r, 'events lost')).toBe(0);
    expect(figure(r, 'duplicates')).toBe(0);
    // The same load against bare Socket.IO in the same run: the limit beside the gateway's figures.
    expect(figure(r, 'bare Socket.IO: events lost')).toBe(0);
    expect(figure(r, 'bare Socket.IO: connect p99')).toBeGreaterThan(0);
    // Consoles connecting while the load runs, on both targets.
    expect(figure(r, 'connect p99 while delivering')).toBeGreaterThan(0);
    expect(figure(r, 'bare Socket.IO: connect p99 while delivering')).toBeGreaterThan(0);
  },
  baseline: (r) => {
    for (const t of ['bare Socket.IO', 'gateway', 'gateway, one event per frame']) {
      expect(figure(r, `${t}: steps run`)).toBeGreaterThan(0);
      expect(figure(r, `${t}: events lost`)).toBe(0);
    }
  },
  busy: (r) => {
    for (const t of ['bare Socket.IO', 'gateway, adaptive frames', 'gateway, one frame per delivery']) {
      expect(figure(r, `${t}: clients connected`)).toBe(r.params.clients);
      expect(figure(r, `${t}: events lost`)).toBe(0);
      expect(figure(r, `${t}: duplicates`)).toBe(0);
    }
  },
  connections: (r) => {
    expect(figure(r, 'connections held')).toBe(r.params.clients);
    expect(figure(r, 'heap per connection')).toBeGreaterThan(0);
  },
  'reconnect-storm': (r) => {
    expect(figure(r, 'clients not back')).toBe(0);
    expect(figure(r, 'events lost (all clients)')).toBe(0);
    expect(figure(r, 'events shown twice')).toBe(0);
    expect(figure(r, 'bare Socket.IO: clients not back')).toBe(0);
  },
  cluster: (r) => {
    expect(figure(r, 'clients connected')).toBe(r.params.clients);
    expect(figure(r, 'events lost')).toBe(0);
    expect(figure(r, 'duplicates')).toBe(0);
  },
  presence: (r) => {
    expect(figure(r, 'users joined, seen by every watcher')).toBe(r.params.users);
    expect(figure(r, 'users left, seen by every watcher')).toBe(r.params.users);
    expect(figure(r, 'changes console: bytes per join or leave')).toBeGreaterThan(0);
  },
  core: (r) => {
    expect(figure(r, 'events lost')).toBe(0);
    expect(figure(r, 'host messages in the same frame')).toBe(0);
    expect(figure(r, 'desktop: events taken in')).toBeGreaterThan(0);
    expect(figure(r, 'desktop: heap after GC, max')).toBeGreaterThan(0);
  },
  'dead-network': (r) => {
    expect(figure(r, 'consoles not back after the heal')).toBe(0);
    expect(figure(r, 'consoles reconnecting when shown lost')).toBe(r.params.clients);
    expect(figure(r, 'blackhole → shown lost max')).toBeLessThan(Infinity);
    expect(figure(r, 'OS offline → shown offline max')).toBeLessThan(Infinity);
  },
  wire: (r) => {
    expect(figure(r, 'deliveries in the mix')).toBe(r.params.events);
    for (const codec of ['JSON', 'MessagePack']) {
      expect(figure(r, `one per frame, ${codec}: bytes/delivery`)).toBeGreaterThan(0);
      // Deflate never makes a frame of the mix larger than it was.
      expect(figure(r, `10 per frame, ${codec} + deflate ≥${r.params.threshold} B: bytes/delivery`)).toBeLessThan(
        figure(r, `10 per frame, ${codec}: bytes/delivery`),
      );
    }
  },
  queries: (r) => {
    for (const db of ['sqlite', 'postgres']) {
      expect(figure(r, `${db} orders loaded`)).toBe(r.params.orders);
      expect(figure(r, `${db} export rows`)).toBe(r.params.orders);
      expect(figure(r, `${db} orders: newest page p95`)).toBeGreaterThan(0);
    }
  },
  renderer: (r) => {
    expect(figure(r, 'frames measured')).toBeGreaterThan(0);
    expect(figure(r, 'tracked orders seen')).toBeGreaterThan(0);
    expect(figure(r, 'interactions made')).toBeGreaterThan(0);
    expect(figure(r, 'JS heap after GC')).toBeGreaterThan(0);
    // The smoke's "minute" is a second: three of them, so the per-minute figures are all there.
    expect(figure(r, 'long tasks > 50 ms, worst minute')).toBeGreaterThanOrEqual(0);
    expect(figure(r, 'JS heap after GC, end of minute 3')).toBeGreaterThan(0);
    expect(Number.isFinite(figure(r, 'JS heap after GC, minute 2 → 3 change'))).toBe(true);
    expect(r.notes.some((n) => n.startsWith('per 1 s (long tasks'))).toBe(true);
    expect(r.notes.some((n) => n.startsWith("kept at each minute's end (alerts"))).toBe(true);
  },
};

describe('benchmark smoke runs', () => {
  it('every scenario has a smoke check', () => {
    expect(SCENARIOS.map((s) => s.name).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  // Every scenario, the renderer on its second screen too (its clicks differ there), and the
  // reconnect storm on an embedded gateway (a restart there is a new epoch: snapshots, not replays).
  const runs: [string, string][] = [
    ...SCENARIOS.map((s): [string, string] => [s.name, '']),
    ['renderer', ' --screen orders'],
    ['reconnect-storm', ' --mode embedded'],
  ];
  it.each(runs)(
    '%s%s --smoke: finishes, prints its table, writes a result that holds',
    (name, options) => {
      const extra = options.split(' ').filter(Boolean);
      const dir = path.join(out, [name, ...extra].join('-'));
      const run = spawnSync(process.execPath, ['scripts/bench.mjs', name, ...extra, '--smoke', '--out', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/figure\s+value\s+target/);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const result = JSON.parse(readFileSync(path.join(dir, files[0] as string), 'utf8')) as BenchResult;
      expect(result.scenario).toBe(name);
      expect(result.machine.cores).toBeGreaterThan(0);
      expect(result.commit).toMatch(/^[0-9a-f]{12}$|^unknown$/);
      expect(typeof result.generatorCpuPct).toBe('number');
      CHECKS[name]?.(result);
    },
    300_000,
  );

  it('a bad option is refused with a clear message and exit code 2, before anything starts', () => {
    const run = spawnSync(process.execPath, ['scripts/bench.mjs', 'fanout', '--clients', 'lots'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--clients must be a number');
  });
});
