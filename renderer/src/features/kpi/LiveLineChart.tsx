// A streaming line chart (Chart.js): no animation, pre-parsed {x, y} points, LTTB decimation, a
// fixed x window, updates without transitions. Datasets are made once per points array, so a
// render without new data hands Chart.js the very same objects; the options stay the same object
// while the window slides (it moves in place on the chart). The only module that draws.
import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartDataset,
  type ChartOptions,
} from 'chart.js';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Line } from 'react-chartjs-2';
import { CHART_COLOURS, type ChartTheme } from './chartTheme';
import type { Point } from './kpiSlice';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Decimation, Filler);

export interface ChartLine {
  /** Unique within the chart; Chart.js matches datasets across updates by their label. */
  label: string;
  colour: string;
  points: Point[];
  /** The total: drawn heavier than the marketplaces. */
  emphasis: boolean;
}

export interface LiveLineChartProps {
  lines: readonly ChartLine[];
  /** The x window is [windowEnd - windowMs, windowEnd]. */
  windowEnd: number;
  windowMs: number;
  theme: ChartTheme;
  /** Fill under the line (one line only). */
  fill: boolean;
  beginAtZero: boolean;
  integerTicks: boolean;
  formatTick: (ms: number) => string;
  formatTime: (ms: number) => string;
  formatValue: (y: number) => string;
  formatValueTick: (y: number) => string;
}

type LineDataset = ChartDataset<'line', Point[]>;

const FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif", size: 11 };
const TICK_STEP_MS = 10 * 60_000;

// Keyed by the points array itself: state arrays are immutable, so the same array is the same data.
const datasets = new WeakMap<Point[], { style: string; dataset: LineDataset }>();

function datasetOf(line: ChartLine, fill: boolean): LineDataset {
  const style = `${line.label}|${line.colour}|${line.emphasis}|${fill}`;
  const cached = datasets.get(line.points);
  if (cached?.style === style) return cached.dataset;
  const dataset: LineDataset = {
    label: line.label,
    data: line.points,
    borderColor: line.colour,
    backgroundColor: `${line.colour}22`,
    borderWidth: line.emphasis ? 2.25 : 1.5,
    fill: fill ? 'start' : false,
    // A value holds until the next report changes it.
    stepped: 'before',
    pointRadius: 0,
    pointHoverRadius: 3,
  };
  datasets.set(line.points, { style, dataset });
  return dataset;
}

/**
 * True once the element has a size. Chart.js is not started on a box that is not laid out (hidden,
 * or a DOM without layout such as jsdom): it would draw on a zero-sized canvas for nothing.
 */
function useLaidOut(ref: RefObject<HTMLElement | null>): boolean {
  const [laidOut, setLaidOut] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientHeight > 0) {
        setLaidOut(true);
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return laidOut;
}

/** Keeps a value axis at or above zero (Chart.js widens a flat line to ±1). */
export function notBelowZero(scale: { min: number; max: number }): void {
  if (scale.min >= 0) return;
  scale.min = 0;
  if (scale.max <= 0) scale.max = 1;
}

/** Puts the x window on the chart's own options; true when it moved. */
function placeWindow(chart: Chart<'line', Point[]>, min: number, max: number): boolean {
  const x = chart.options.scales?.x;
  if (!x || (x.min === min && x.max === max)) return false;
  x.min = min;
  x.max = max;
  return true;
}

export function LiveLineChart(props: LiveLineChartProps) {
  const { lines, windowEnd, windowMs, theme, fill, beginAtZero, integerTicks } = props;
  const { formatTick, formatTime, formatValue, formatValueTick } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart<'line', Point[]>>(undefined);
  const laidOut = useLaidOut(box);
  const min = windowEnd - windowMs;
  const max = windowEnd;
  // The window the options are made with. New options would make Chart.js resolve them all
  // again: after this the window moves on the chart itself.
  const [firstWindow] = useState({ min, max });

  const data = useMemo<ChartData<'line', Point[]>>(
    () => ({ datasets: lines.map((l) => datasetOf(l, fill)) }),
    [lines, fill],
  );

  const options = useMemo<ChartOptions<'line'>>(() => {
    const c = CHART_COLOURS[theme];
    return {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { display: false },
        decimation: { enabled: true, algorithm: 'lttb', samples: 240, threshold: 480 },
        tooltip: {
          backgroundColor: c.tooltipBackground,
          titleColor: c.tooltipText,
          bodyColor: c.tooltipText,
          titleFont: FONT,
          bodyFont: FONT,
          displayColors: true,
          boxPadding: 3,
          callbacks: {
            title: (items) => (items[0] ? formatTime(items[0].parsed.x ?? 0) : ''),
            label: (item) => `${item.dataset.label ?? ''}: ${formatValue(item.parsed.y ?? 0)}`,
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: firstWindow.min,
          max: firstWindow.max,
          grid: { color: c.grid },
          border: { color: c.grid },
          // Ticks on the clock's ten minutes (Istanbul is a whole number of hours from UTC), not
          // at the window's edges.
          afterBuildTicks: (scale) => {
            const ticks = [];
            for (let v = Math.ceil(scale.min / TICK_STEP_MS) * TICK_STEP_MS; v <= scale.max; v += TICK_STEP_MS)
              ticks.push({ value: v });
            scale.ticks = ticks;
          },
          ticks: { color: c.ticks, font: FONT, maxRotation: 0, callback: (v) => formatTick(Number(v)) },
        },
        y: {
          type: 'linear',
          beginAtZero,
          suggestedMax: integerTicks ? 5 : undefined,
          // Head room above the line; below it only from zero (grace there would go negative).
          grace: beginAtZero ? '5%' : 0,
          // Both charts' figures are never negative: a flat zero line gets 0…1, not -1…1.
          afterDataLimits: notBelowZero,
          grid: { color: c.grid },
          border: { display: false },
          ticks: {
            color: c.ticks,
            font: FONT,
            precision: integerTicks ? 0 : undefined,
            maxTicksLimit: 6,
            callback: (v) => formatValueTick(Number(v)),
          },
        },
      },
    };
  }, [theme, firstWindow, beginAtZero, integerTicks, formatTick, formatTime, formatValue, formatValueTick]);

  // Before react-chartjs-2's effects: new data is drawn by its update, with this window already
  // in place; a window that moved alone is drawn here.
  const seenData = useRef(data);
  useLayoutEffect(() => {
    const dataChanged = seenData.current !== data;
    seenData.current = data;
    const c = chart.current;
    if (c && placeWindow(c, min, max) && !dataChanged) c.update('none');
  }, [data, min, max]);

  // After react-chartjs-2 made the chart or gave it new options, which hold the first window.
  useEffect(() => {
    const c = chart.current;
    if (c && placeWindow(c, min, max)) c.update('none');
  }, [laidOut, options, min, max]);

  return (
    <div ref={box} className="chart-canvas">
      {laidOut && <Line ref={chart} data={data} options={options} updateMode="none" aria-hidden="true" />}
    </div>
  );
}
