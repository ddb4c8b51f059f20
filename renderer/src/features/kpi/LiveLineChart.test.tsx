// @vitest-environment jsdom
// The streaming settings handed to Chart.js, and datasets kept while their data did not change.
// jsdom has no canvas: react-chartjs-2's Line is replaced by a recorder of its props.
import { act, cleanup, render } from '@testing-library/react';
import type { ChartData, ChartOptions } from 'chart.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Point } from './kpiSlice';
import { LiveLineChart, notBelowZero, type ChartLine, type LiveLineChartProps } from './LiveLineChart';

interface FakeChart {
  options: { scales: { x: { min?: number; max?: number } } };
  update: (mode?: string) => void;
}
interface LineProps {
  data: ChartData<'line', Point[]>;
  options: ChartOptions<'line'>;
  updateMode?: string;
  'aria-hidden'?: string | boolean;
  ref?: { current: FakeChart | undefined };
}
const drawn: LineProps[] = [];
/**
 * When a test sets it: the chart the component gets, which takes the window of new options and
 * updates on new data or options in an effect, as react-chartjs-2 does.
 */
let fakeChart: FakeChart | undefined;
vi.mock('react-chartjs-2', async () => {
  const { useEffect, useRef } = await import('react');
  return {
    Line: (props: LineProps) => {
      drawn.push(props);
      if (fakeChart && props.ref) props.ref.current = fakeChart;
      const made = useRef<{ options: unknown } | undefined>(undefined);
      useEffect(() => {
        if (!fakeChart) return;
        if (!made.current) {
          made.current = { options: props.options };
          return;
        }
        if (made.current.options !== props.options) {
          made.current.options = props.options;
          Object.assign(fakeChart.options.scales.x, {
            min: props.options.scales?.x?.min,
            max: props.options.scales?.x?.max,
          });
        }
        fakeChart.update('none');
      }, [props.options, props.data.datasets]);
      return null;
    },
  };
});

// A laid-out box: jsdom has no layout, so give elements a size and report it as a browser would.
let restoreSize: () => void = () => undefined;
beforeAll(() => {
  const proto = HTMLElement.prototype;
  const w = Object.getOwnPropertyDescriptor(proto, 'clientWidth');
  const h = Object.getOwnPropertyDescriptor(proto, 'clientHeight');
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 220 });
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly cb: () => void) {}
      observe() {
        queueMicrotask(() => this.cb());
      }
      disconnect() {}
    },
  );
  restoreSize = () => {
    if (w) Object.defineProperty(proto, 'clientWidth', w);
    if (h) Object.defineProperty(proto, 'clientHeight', h);
  };
});
afterAll(() => {
  restoreSize();
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  drawn.length = 0;
  fakeChart = undefined;
});

const HOUR = 3_600_000;
const END = Date.UTC(2026, 10, 26, 9);
const pts = (...ys: number[]): Point[] => ys.map((y, i) => ({ x: END - (ys.length - i) * 1000, y }));
const fmt = (n: number) => String(n);

function props(lines: ChartLine[]): LiveLineChartProps {
  return {
    lines,
    windowEnd: END,
    windowMs: HOUR,
    theme: 'light',
    fill: false,
    beginAtZero: true,
    integerTicks: true,
    formatTick: fmt,
    formatTime: fmt,
    formatValue: fmt,
    formatValueTick: fmt,
  };
}

async function draw(p: LiveLineChartProps) {
  const view = render(<LiveLineChart {...p} />);
  await act(async () => undefined); // the size report
  return view;
}

describe('LiveLineChart', () => {
  it('draws a stream: no animation, {x,y} points unparsed, LTTB, the last hour, no transitions', async () => {
    const total = pts(1, 2, 3);
    await draw(props([{ label: 'Toplam', colour: '#000000', points: total, emphasis: true }]));
    const last = drawn.at(-1) as LineProps;
    expect(last.options.animation).toBe(false);
    expect(last.options.parsing).toBe(false);
    expect(last.options.plugins?.decimation).toMatchObject({ enabled: true, algorithm: 'lttb' });
    expect(last.options.scales?.x).toMatchObject({ type: 'linear', min: END - HOUR, max: END });
    expect(last.updateMode).toBe('none');
    expect(String(last['aria-hidden'])).toBe('true');
    expect(last.data.datasets[0]?.data).toBe(total);
  });

  it('the value axis never goes below zero: a flat zero line spans 0 to 1', async () => {
    await draw({
      ...props([{ label: 'Toplam', colour: '#000000', points: pts(0, 0), emphasis: true }]),
      beginAtZero: false,
    });
    const y = (drawn.at(-1) as LineProps).options.scales?.y as { afterDataLimits?: unknown };
    expect(y.afterDataLimits).toBe(notBelowZero);
    const flat = { min: -1, max: 1 };
    notBelowZero(flat);
    expect(flat).toEqual({ min: 0, max: 1 });
    const allZero = { min: -1, max: 0 };
    notBelowZero(allZero);
    expect(allZero).toEqual({ min: 0, max: 1 });
    const growing = { min: 140_000, max: 150_000 };
    notBelowZero(growing);
    expect(growing).toEqual({ min: 140_000, max: 150_000 });
  });

  it('hands Chart.js the same dataset objects while their points did not change', async () => {
    const total = pts(1, 2);
    const trendyol = pts(1, 1);
    const lines = (t: Point[]): ChartLine[] => [
      { label: 'Toplam', colour: '#000000', points: total, emphasis: true },
      { label: 'Trendyol', colour: '#c45500', points: t, emphasis: false },
    ];
    const view = await draw(props(lines(trendyol)));
    const first = (drawn.at(-1) as LineProps).data.datasets;

    // Re-rendered with equal content (a parent render): the very same datasets.
    view.rerender(<LiveLineChart {...props(lines(trendyol))} />);
    const second = (drawn.at(-1) as LineProps).data.datasets;
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);

    // New points for one line: only that dataset is new.
    const more = [...trendyol, { x: END, y: 2 }];
    view.rerender(<LiveLineChart {...props(lines(more))} />);
    const third = (drawn.at(-1) as LineProps).data.datasets;
    expect(third[0]).toBe(first[0]);
    expect(third[1]).not.toBe(first[1]);
    expect(third[1]?.data).toBe(more);
  });

  it('does not start Chart.js on a box that has no size', async () => {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 0 });
    await draw(props([{ label: 'Toplam', colour: '#000000', points: pts(1), emphasis: true }]));
    expect(drawn).toHaveLength(0);
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  });

  it('slides the window on the chart itself: the options stay the same object, one update without transition', async () => {
    const x: { min?: number; max?: number } = { min: END - HOUR, max: END };
    /** The window each update drew. */
    const updates: { mode?: string; min?: number; max?: number }[] = [];
    fakeChart = { options: { scales: { x } }, update: (mode) => updates.push({ mode, ...x }) };
    const total = pts(1, 2);
    const lines = (p: Point[]): ChartLine[] => [{ label: 'Toplam', colour: '#000000', points: p, emphasis: true }];
    const view = await draw(props(lines(total)));
    const options = (drawn.at(-1) as LineProps).options;
    expect(updates).toEqual([]);

    // The clock moves the window, no new points: moved in place and drawn once.
    view.rerender(<LiveLineChart {...props(lines(total))} windowEnd={END + 5000} />);
    expect((drawn.at(-1) as LineProps).options).toBe(options);
    expect(updates).toEqual([{ mode: 'none', min: END + 5000 - HOUR, max: END + 5000 }]);

    // A new point moves it too: in place before the new data is drawn, and drawn once.
    const more = [...total, { x: END + 9000, y: 3 }];
    view.rerender(<LiveLineChart {...props(lines(more))} windowEnd={END + 9000} />);
    expect((drawn.at(-1) as LineProps).options).toBe(options);
    expect(updates.slice(1)).toEqual([{ mode: 'none', min: END + 9000 - HOUR, max: END + 9000 }]);

    // New options (another theme) hold the first window: the current one is put back at once.
    view.rerender(<LiveLineChart {...props(lines(more))} windowEnd={END + 9000} theme="dark" />);
    expect((drawn.at(-1) as LineProps).options).not.toBe(options);
    expect(updates.at(-1)).toEqual({ mode: 'none', min: END + 9000 - HOUR, max: END + 9000 });
    expect(x).toEqual({ min: END + 9000 - HOUR, max: END + 9000 });
  });
});
