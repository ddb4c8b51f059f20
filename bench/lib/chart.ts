// Draws the report's charts as PNG with our own raster: axes with round-number ticks, one line per
// series (each its own colour and dash, named in the legend, so colour is never the only cue).
// Latency distributions put the percentile on a log scale of 1/(1 − p), as HdrHistogram plots do.
import { encodePng } from '../../scripts/png.mjs';
import { GLYPH_H, GLYPH_W, glyph } from './font';
import type { Chart } from './results';

type Rgb = [number, number, number];

const WIDTH = 880;
const HEIGHT = 440;
const PLOT = { left: 86, right: 24, top: 44, bottom: 64 };
const INK: Rgb = [40, 44, 52];
const GRID: Rgb = [226, 229, 234];
const SERIES: { color: Rgb; dash: number }[] = [
  { color: [31, 111, 209], dash: 0 },
  { color: [214, 96, 26], dash: 10 },
  { color: [46, 150, 80], dash: 4 },
  { color: [150, 60, 170], dash: 16 },
];

export class Raster {
  readonly px: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = Buffer.alloc(width * height * 4, 255);
  }

  blend(x: number, y: number, [r, g, b]: Rgb, a = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
    const i = (y * this.width + x) * 4;
    const px = this.px;
    px[i] = Math.round(r * a + (px[i] as number) * (1 - a));
    px[i + 1] = Math.round(g * a + (px[i + 1] as number) * (1 - a));
    px[i + 2] = Math.round(b * a + (px[i + 2] as number) * (1 - a));
    px[i + 3] = 255;
  }

  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let yy = Math.round(y); yy < Math.round(y + h); yy++)
      for (let xx = Math.round(x); xx < Math.round(x + w); xx++) this.blend(xx, yy, color);
  }

  /** An anti-aliased line `width` px wide; `dash` > 0 draws dashes of that length. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, width = 2, dash = 0, dashOffset = 0): number {
    const len = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.ceil(len * 2));
    const r = width / 2;
    for (let s = 0; s <= steps; s++) {
      const along = dashOffset + (s / steps) * len;
      if (dash > 0 && Math.floor(along / dash) % 2 === 1) continue;
      const cx = x0 + ((x1 - x0) * s) / steps;
      const cy = y0 + ((y1 - y0) * s) / steps;
      for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++)
        for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
          const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
          const cover = Math.max(0, Math.min(1, r + 0.5 - d));
          if (cover > 0) this.stamp(x, y, color, cover);
        }
    }
    return dashOffset + len;
  }

  /** Keeps the strongest coverage per pixel, so overlapping stamps of one line do not darken it. */
  private stamp(x: number, y: number, color: Rgb, cover: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const key = y * this.width + x;
    const prev = this.coverage.get(key) ?? 0;
    if (cover <= prev) return;
    this.coverage.set(key, cover);
    // Blend only the increase over what this line already put there.
    this.blend(x, y, color, (cover - prev) / (1 - prev || 1));
  }

  private coverage = new Map<number, number>();

  /** Starts a new line: coverage is tracked per line. */
  newStroke(): void {
    this.coverage = new Map();
  }

  textWidth(text: string, scale = 1): number {
    return text.length * (GLYPH_W + 1) * scale - scale;
  }

  text(
    text: string,
    x: number,
    y: number,
    color: Rgb = INK,
    scale = 1,
    align: 'left' | 'center' | 'right' = 'left',
  ): void {
    const w = this.textWidth(text, scale);
    let x0 = Math.round(align === 'left' ? x : align === 'center' ? x - w / 2 : x - w);
    const y0 = Math.round(y);
    for (const ch of text) {
      const rows = glyph(ch);
      for (let gy = 0; gy < GLYPH_H; gy++)
        for (let gx = 0; gx < GLYPH_W; gx++)
          if (rows[gy]?.[gx]) this.rect(x0 + gx * scale, y0 + gy * scale, scale, scale, color);
      x0 += (GLYPH_W + 1) * scale;
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.px);
  }
}

/** Round tick values covering [0, max]: 1, 2 or 5 × a power of ten apart. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if ((ticks.at(-1) as number) < max) ticks.push(Number(((ticks.at(-1) as number) + step).toPrecision(12)));
  return ticks;
}

export function formatTick(v: number): string {
  if (v >= 1_000_000) return `${Number((v / 1_000_000).toPrecision(3))}M`;
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}K`;
  return String(Number(v.toPrecision(3)));
}

/** Percentile to the latency chart's x: log10(1 / (1 − p)), so 90 → 1, 99 → 2, 99.9 → 3. */
function nines(p: number): number {
  return Math.log10(1 / Math.max(1e-6, 1 - Math.min(p, 99.9999) / 100));
}

export function drawChart(chart: Chart): Buffer {
  const r = new Raster(WIDTH, HEIGHT);
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const latency = chart.kind === 'latency';
  const series = chart.series.filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map(([x]) => (latency ? nines(x) : x)));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  const xMax = latency ? Math.max(2, Math.ceil(Math.max(0, ...xs))) : Math.max(1, ...xs);
  const yTicks = niceTicks(Math.max(0, ...ys));
  const yMax = yTicks.at(-1) as number;
  const X = (x: number) => PLOT.left + (x / xMax) * plotW;
  const Y = (y: number) => PLOT.top + plotH - (y / yMax) * plotH;

  r.text(chart.title, WIDTH / 2, 14, INK, 2, 'center');
  for (const t of yTicks) {
    r.rect(PLOT.left, Math.round(Y(t)), plotW, 1, GRID);
    r.text(formatTick(t), PLOT.left - 8, Y(t) - 3, INK, 1, 'right');
  }
  const xTicks = latency ? Array.from({ length: xMax + 1 }, (_, i) => i) : niceTicks(xMax, 8).filter((t) => t <= xMax);
  for (const t of xTicks) {
    r.rect(Math.round(X(t)), PLOT.top, 1, plotH, GRID);
    const label = latency ? `${Number((100 - 100 / 10 ** t).toPrecision(6))}%` : formatTick(t);
    const half = r.textWidth(label) / 2;
    r.text(label, Math.min(X(t), WIDTH - 4 - half), PLOT.top + plotH + 8, INK, 1, 'center');
  }
  r.rect(PLOT.left, PLOT.top, 1, plotH + 1, INK);
  r.rect(PLOT.left, PLOT.top + plotH, plotW, 1, INK);
  r.text(latency ? 'PERCENTILE' : 'SECONDS', PLOT.left + plotW / 2, HEIGHT - 30, INK, 1, 'center');
  r.text(chart.yLabel ?? (latency ? 'MS' : 'PER SECOND'), 8, PLOT.top - 14, INK, 1, 'left');

  series.forEach((s, i) => {
    const style = SERIES[i % SERIES.length] as (typeof SERIES)[number];
    r.newStroke();
    let offset = 0;
    const pts = s.points.map(([x, y]): [number, number] => [X(latency ? nines(x) : x), Y(y)]);
    if (pts.length === 1) {
      const [px, py] = pts[0] as [number, number];
      r.line(px - 3, py, px + 3, py, style.color, 3);
    }
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1] as [number, number];
      const [bx, by] = pts[k] as [number, number];
      offset = r.line(ax, ay, bx, by, style.color, 2, style.dash, offset);
    }
  });
  // Legend, bottom right inside the plot's frame.
  const ly = HEIGHT - 16;
  let lx = WIDTH - PLOT.right;
  for (let i = series.length - 1; i >= 0; i--) {
    const s = series[i] as (typeof series)[number];
    const style = SERIES[i % SERIES.length] as (typeof SERIES)[number];
    const w = r.textWidth(s.name) + 34;
    lx -= w;
    r.newStroke();
    r.line(lx, ly + 3, lx + 24, ly + 3, style.color, 2, style.dash && Math.min(style.dash, 6));
    r.text(s.name, lx + 30, ly, INK);
    lx -= 16;
  }
  return r.png();
}
