// The benchmark library's own parts: option parsing, latest-result selection, the report, charts,
// histograms and the progress bar.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderReport, reportKey } from '../report';
import { drawChart, niceTicks } from './chart';
import { LatencyHistogram } from './histogram';
import { OptionError, parseArgs, resolveParams } from './options';
import { stealPctBetween } from './proc';
import { progress } from './progress';
import { epochNow, seqOf, sentTime, type SendClock } from './publisher';
import { latestResults, resultFileName, targetMet, writeResult, type BenchResult } from './results';
import { formatTable } from './table';

function result(scenario: string, startedAt: string, value: number): BenchResult {
  return {
    scenario,
    startedAt,
    finishedAt: startedAt,
    commit: 'abc123',
    dirty: false,
    machine: { cores: 2, cpuModel: 'test cpu', memoryGiB: 24, node: 'v20', platform: 'linux-x64' },
    params: { clients: 10 },
    generatorCpuPct: 12,
    figures: [
      { name: 'deliveries/s', value, unit: 'per_s', target: { op: '>=', value: 50_000 } },
      { name: 'latency p99', value: 12.5, unit: 'ms', target: { op: '<=', value: 50 } },
      { name: 'events lost', value: 0, unit: 'count' },
    ],
    charts: [
      {
        kind: 'latency',
        title: 'latency',
        series: [
          {
            name: 'gateway',
            points: [
              [50, 2],
              [99, 9],
              [99.9, 14],
            ],
          },
        ],
      },
      {
        kind: 'throughput',
        title: 'throughput',
        series: [
          {
            name: 'gateway',
            points: [
              [1, 100],
              [2, 120],
            ],
          },
        ],
      },
    ],
    notes: ['a note'],
  };
}

/** Width and height from a PNG's IHDR, and its pixels decoded (no filter, RGBA). */
function decodePng(png: Buffer): { width: number; height: number; px: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLen = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const rows = inflateSync(png.subarray(41, 41 + idatLen));
  expect(rows.length).toBe(height * (width * 4 + 1));
  const px = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) rows.copy(px, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, px };
}

describe('options', () => {
  const defaults = { clients: 1500, rate: 40, profile: '', fast: false };

  it('types values by the defaults, smoke first, command line last', () => {
    const args = parseArgs(['fanout', '--clients', '20', '--rate=5', '--fast', 'true', '--smoke']);
    expect(args.scenario).toBe('fanout');
    expect(args.flags.has('smoke')).toBe(true);
    expect(resolveParams(defaults, { clients: 10, rate: 2 }, args.overrides)).toEqual({
      clients: 20,
      rate: 5,
      profile: '',
      fast: true,
    });
  });

  it.each([
    [['fanout', '--nope', '1'], /unknown option --nope/],
    [['fanout', '--clients', 'many'], /--clients must be a number/],
    [['fanout', '--clients', '-3'], /--clients must be a number/],
    [['fanout', '--fast', 'yes'], /--fast must be true or false/],
  ])('refuses %j clearly', (argv, message) => {
    const args = parseArgs(argv);
    expect(() => resolveParams(defaults, undefined, args.overrides)).toThrow(message);
  });

  it('takes a text option only among its choices, where it has them', () => {
    const choices = { profile: ['a', 'b'] } as const;
    expect(resolveParams(defaults, undefined, parseArgs(['x', '--profile', 'b']).overrides, choices).profile).toBe('b');
    expect(() => resolveParams(defaults, undefined, parseArgs(['x', '--profile', 'c']).overrides, choices)).toThrow(
      /--profile must be one of a, b, got "c"/,
    );
  });

  it('refuses a value-less option and a second scenario', () => {
    expect(() => parseArgs(['fanout', '--clients'])).toThrow(OptionError);
    expect(() => parseArgs(['fanout', 'baseline'])).toThrow(/one scenario per run/);
  });
});

describe('results', () => {
  it('the report reads only the newest file of each scenario', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    writeResult(result('fanout', '2026-11-26T10:00:00.000Z', 40_000), dir);
    writeResult(result('fanout', '2026-11-26T11:00:00.000Z', 61_000), dir);
    writeResult(result('core', '2026-11-26T09:00:00.000Z', 1), dir);
    const latest = latestResults(dir);
    expect([...latest.keys()].sort()).toEqual(['core', 'fanout']);
    expect(latest.get('fanout')?.result.figures[0]?.value).toBe(61_000);
    expect(path.basename(latest.get('fanout')?.file ?? '')).toBe('fanout-2026-11-26T11-00-00Z.json');
  });

  it('a file that is not a result is a clear error, not a silent skip', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    writeFileSync(path.join(dir, 'fanout-x.json'), '{"hello": 1}');
    expect(() => latestResults(dir)).toThrow(/is not a result file/);
    writeFileSync(path.join(dir, 'fanout-x.json'), '{oops');
    expect(() => latestResults(dir)).toThrow(/not a readable result file/);
  });

  it('file names sort by time and hold no colon', () => {
    expect(resultFileName('fanout', '2026-11-26T10:05:03.123Z')).toBe('fanout-2026-11-26T10-05-03Z.json');
  });

  it('targets: met or not, and the table says which', () => {
    const r = result('fanout', '2026-11-26T10:00:00.000Z', 40_000);
    expect(r.figures.map(targetMet)).toEqual([false, true, true]);
    const table = formatTable(r.figures);
    expect(table).toMatch(/deliveries\/s\s+40,000\/s\s+>= 50,000\/s\s+NOT MET/);
    expect(table).toMatch(/latency p99\s+12\.5 ms\s+<= 50\.0 ms\s+met/);
  });
});

describe('report', () => {
  it('lists every target with its latest value, each run with commit, cores and generator CPU, and its charts', () => {
    const latest = new Map([
      [
        'fanout',
        { file: '/repo/bench/results/fanout-1.json', result: result('fanout', '2026-11-26T11:00:00.000Z', 61_000) },
      ],
    ]);
    const { markdown, charts } = renderReport(latest, '/repo/bench/charts', '/repo/bench');
    expect(markdown).toContain('| fanout | deliveries/s | 61,000/s | >= 50,000/s | met |');
    expect(markdown).toContain('| fanout | latency p99 | 12.5 ms | <= 50.0 ms | met |');
    expect(markdown).toMatch(/commit `abc123`/);
    expect(markdown).toMatch(/2 cores \(test cpu\)/);
    expect(markdown).toMatch(/load generator CPU 12 % of one core/);
    expect(markdown).toContain('| baseline | not run yet | | | |');
    expect(markdown).toContain('![latency](charts/fanout-1.png)');
    expect(charts.map((c) => path.basename(c.file))).toEqual(['fanout-1.png', 'fanout-2.png']);
  });
});

describe('host steal', () => {
  const stat = (steal: number, idle: number) =>
    `cpu  1000 0 200 ${idle} 10 0 5 ${steal} 0 0\ncpu0 500 0 100 ${idle / 2} 5 0 2 ${steal / 2} 0 0\n`;

  it('is the share of all CPU time the hypervisor took between two reads of /proc/stat', () => {
    // 400 more ticks, 100 of them stolen: 25%.
    expect(stealPctBetween(stat(50, 3000), stat(150, 3300))).toBeCloseTo(25, 5);
    expect(stealPctBetween(stat(50, 3000), stat(50, 3400))).toBe(0);
  });

  it('is unknown when a read is missing or time did not move', () => {
    expect(stealPctBetween('', stat(1, 1))).toBeUndefined();
    expect(stealPctBetween(stat(1, 1), stat(1, 1))).toBeUndefined();
    expect(stealPctBetween('cpu  1 2 3', 'cpu  4 5 6')).toBeUndefined();
  });

  it('is said beside the generator CPU in the report when the run has it', () => {
    const r = { ...result('fanout', '2026-11-26T11:00:00.000Z', 61_000), hostStealPct: 37.5 };
    const { markdown } = renderReport(
      new Map([['fanout', { file: '/repo/bench/results/f.json', result: r }]]),
      '/repo/bench/charts',
      '/repo/bench',
    );
    expect(markdown).toMatch(
      /load generator CPU 12 % of one core; CPU time taken by the hypervisor 37.5 % of the machine's/,
    );
  });
});

describe('report analysis', () => {
  it('puts the written reading of a section under its figures, and nowhere else', () => {
    const latest = new Map([
      ['fanout', { file: '/repo/bench/results/f.json', result: result('fanout', '2026-11-26T11:00:00.000Z', 1) }],
    ]);
    const analyses = new Map([['fanout', '**Profile:** the socket writes take most of it.\n']]);
    const { markdown } = renderReport(latest, '/repo/bench/charts', '/repo/bench', analyses);
    const at = markdown.indexOf('**Profile:** the socket writes take most of it.');
    expect(at).toBeGreaterThan(markdown.indexOf('## fanout'));
    expect(markdown.indexOf('**Profile:**', at + 1)).toBe(-1);
  });
});

describe('report by screen', () => {
  it('keeps the newest run of each renderer screen in a section of its own, the default screen first', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    const run = (at: string, screen: string, value: number) => ({
      ...result('renderer', at, value),
      params: { screen },
    });
    writeResult(run('2026-11-26T10:00:00.000Z', 'orders', 1), dir);
    writeResult(run('2026-11-26T11:00:00.000Z', 'dashboard', 2), dir);
    writeResult(run('2026-11-26T12:00:00.000Z', 'orders', 3), dir);
    const latest = latestResults(dir, reportKey);
    expect([...latest.keys()].sort()).toEqual(['renderer', 'renderer (screen orders)']);
    expect(latest.get('renderer (screen orders)')?.result.figures[0]?.value).toBe(3);
    const { markdown, charts } = renderReport(latest, '/repo/bench/charts', '/repo/bench');
    expect(markdown.indexOf('## renderer\n')).toBeGreaterThan(0);
    expect(markdown.indexOf('## renderer (screen orders)')).toBeGreaterThan(markdown.indexOf('## renderer\n'));
    expect(markdown).toContain('| renderer (screen orders) | deliveries/s | 3/s |');
    expect(charts.map((c) => path.basename(c.file))).toEqual([
      'renderer-1.png',
      'renderer-2.png',
      'renderer-screen-orders-1.png',
      'renderer-screen-orders-2.png',
    ]);
  });
});

describe('charts', () => {
  it('draws a PNG of the stated size with the series in its colour', () => {
    const png = drawChart({
      kind: 'throughput',
      title: 'deliveries',
      series: [{ name: 'gateway', points: Array.from({ length: 30 }, (_, i): [number, number] => [i + 1, 1000]) }],
    });
    const { width, height, px } = decodePng(png);
    expect([width, height]).toEqual([880, 440]);
    // The first series' blue line runs across the plot, and most of the picture is white.
    let blue = 0;
    let white = 0;
    for (let i = 0; i < px.length; i += 4) {
      // Fully or partly covered by the blue line (anti-aliased edges are lighter blue).
      if ((px[i + 2] as number) > (px[i] as number) + 60) blue++;
      if (px[i] === 255 && px[i + 1] === 255 && px[i + 2] === 255) white++;
    }
    expect(blue).toBeGreaterThan(500);
    expect(white / (width * height)).toBeGreaterThan(0.8);
  });

  it('round ticks cover the data', () => {
    expect(niceTicks(47)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(61_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('histogram', () => {
  it('percentiles in ms from microsecond buckets; values beyond the top are clamped, not lost', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.recordMs(i / 10); // 0.1 … 100 ms
    h.recordMs(10 * 60_000);
    const s = h.summary();
    expect(s.count).toBe(1001);
    expect(s.p50).toBeCloseTo(50, 0);
    expect(s.p99).toBeCloseTo(99, 0);
    expect(s.max).toBeCloseTo(60_000, -2);
    expect(h.distribution().at(-1)?.[0]).toBe(99.999);
  });

  it('what worker threads recorded adds up exactly after encoding (the threaded fleet merges this way)', () => {
    const parts = [new LatencyHistogram(), new LatencyHistogram()];
    for (let i = 1; i <= 500; i++) parts[i % 2]?.recordMs(i / 5);
    const merged = new LatencyHistogram();
    for (const p of parts) merged.addEncoded(p.encode());
    const whole = new LatencyHistogram();
    for (let i = 1; i <= 500; i++) whole.recordMs(i / 5);
    const { max, ...rest } = merged.summary();
    const { max: wholeMax, ...wholeRest } = whole.summary();
    expect(rest).toEqual(wholeRest);
    // The maximum comes back as its bucket's top: within HDR's three significant digits.
    expect(Math.abs(max - wholeMax) / wholeMax).toBeLessThan(0.001);
  });
});

describe('send clock', () => {
  it('finds the send time of its own ids only, from shared memory', () => {
    const clock: SendClock = {
      prefix: 'abcd0123-0000-4000-8000-',
      sentAt: new Float64Array(new SharedArrayBuffer(8 * 4)),
    };
    clock.sentAt[3] = 1234.5;
    expect(seqOf(clock.prefix, `${clock.prefix}000000000003`)).toBe(3);
    expect(sentTime(clock, `${clock.prefix}000000000003`)).toBe(1234.5);
    expect(sentTime(clock, `${clock.prefix}0000000000ff`)).toBeUndefined(); // beyond the run
    expect(sentTime(clock, 'ffff0000-0000-4000-8000-000000000003')).toBeUndefined(); // another run's
    expect(Math.abs(epochNow() - Date.now())).toBeLessThan(50);
  });
});

describe('progress', () => {
  it('without a terminal: a line per tenth, and always a last line', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    }) as unknown as NodeJS.WriteStream;
    const bar = progress('run', 100, sink);
    for (let i = 0; i <= 100; i += 5) bar.update(i);
    bar.finish('done');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^run \[\.{30}\]\s+0%$/);
    expect(lines.at(-1)).toMatch(/^run \[#{30}\] 100% {2}done$/);
  });
});

it('the committed report exists and names every scenario', () => {
  const report = readFileSync(path.join(import.meta.dirname, '../REPORT.md'), 'utf8');
  for (const s of ['fanout', 'baseline', 'connections', 'reconnect-storm', 'cluster', 'core']) {
    expect(report).toContain(`## ${s}`);
  }
});
