// The renderer benchmark's arithmetic: minute by minute figures, the heap's change from minute 2,
// what the bench's own collections held up, the probe's records kept across drains, and the
// either-way target the heap's change is held to.
import { describe, expect, it } from 'vitest';
import { outsideSpans } from './rendererFigures';
import { heapChangePct, heapFigures, keptNote, minuteNote, perMinute } from './rendererMinutes';
import { ProbeLog, type ProbeData } from './rendererProbe';
import { targetMet, type Figure } from './results';

const MIN = 60_000;
const input = (name: string, start: number, duration: number) => ({ name, start, duration });

describe('renderer: per minute', () => {
  const from = 1_000_000;
  const minutes = perMinute({
    from,
    minuteMs: MIN,
    count: 3,
    // [start, duration]: one at 50 ms is not over budget; the last starts after the window.
    longTasks: [
      [from + 10, 80],
      [from + MIN + 5, 50],
      [from + MIN + 6, 51],
      [from + 2 * MIN + 1, 120],
      [from + 3 * MIN + 1, 300],
    ],
    // [send time, send to paint]: 20 orders in minute 1 (1…20 ms), none in minute 2, one in 3.
    paints: [...Array.from({ length: 20 }, (_, i): [number, number] => [from + i * 1000, i + 1]), [from + 2 * MIN, 7]],
    interactions: [
      input('pointerdown', from + 5, 24),
      input('click', from + 70_000, 96),
      input('click', from + 71_000, 40),
    ],
    heapMb: [20, 22, 23.1],
  });

  it('cuts the window into minutes by when each thing began', () => {
    expect(minutes.map((m) => m.minute)).toEqual([1, 2, 3]);
    expect(minutes.map((m) => m.longTasks)).toEqual([1, 1, 1]);
    expect(minutes.map((m) => m.orders)).toEqual([20, 0, 1]);
    expect(minutes[0]?.paintP95).toBeCloseTo(19, 0);
    expect(minutes[1]?.paintP95).toBe(0);
    expect(minutes[2]?.paintP95).toBeCloseTo(7, 0);
    expect(minutes.map((m) => m.heapMb)).toEqual([20, 22, 23.1]);
  });

  it('takes each minute’s slowest interaction; none reported counts as under 16 ms', () => {
    expect(minutes.map((m) => m.worstInteraction)).toEqual([24, 96, 16]);
    expect(minutes.map((m) => m.interactions)).toEqual([1, 2, 0]);
  });

  it('the heap changes from the end of minute 2 to the last minute’s', () => {
    expect(heapChangePct(minutes)).toBeCloseTo(5, 5);
    // Under 3 minutes there is no steady part to speak of.
    expect(heapChangePct(minutes.slice(0, 2))).toBeUndefined();
    // A sample missing at the end says nothing.
    expect(heapChangePct([...minutes.slice(0, 2), { ...(minutes[2] as (typeof minutes)[0]), heapMb: NaN }])).toBe(
      undefined,
    );
  });

  it('states the heap figures with an either-way target, only from 3 minutes', () => {
    const figures = heapFigures(minutes, (op, value) => ({ target: { op, value } }));
    expect(figures.map((f) => [f.name, f.value])).toEqual([
      ['JS heap after GC, end of minute 2', 22],
      ['JS heap after GC, end of minute 3', 23.1],
      ['JS heap after GC, minute 2 → 3 change', 5],
    ]);
    expect(figures[2]?.target).toEqual({ op: '±', value: 10 });
    expect(heapFigures(minutes.slice(0, 2), () => ({}))).toEqual([]);
  });

  it('writes one line for all minutes', () => {
    expect(minuteNote(minutes, 60)).toBe(
      'per minute (long tasks > 50 ms / event-to-paint p95 / slowest interaction / JS heap after GC at its end): 1: 1 / 19 ms / 24 ms / 20 MB; 2: 1 / — / 96 ms / 22 MB; 3: 1 / 7 ms / < 16 ms / 23.1 MB',
    );
  });
});

describe('renderer: what the console keeps', () => {
  it('one line for all minutes, none when a minute’s count is missing', () => {
    const kept = [
      { alerts: 651, openAlerts: 447, kpiPoints: 928 },
      { alerts: 1086, openAlerts: 587, kpiPoints: 1864 },
    ];
    expect(keptNote(kept)).toBe(
      "kept at each minute's end (alerts open of all / KPI history points): 1: 447 of 651 / 928; 2: 587 of 1086 / 1864",
    );
    expect(keptNote([kept[0], undefined])).toBeUndefined();
    expect(keptNote([])).toBeUndefined();
  });
});

describe('renderer: the bench’s own doing', () => {
  it('leaves out what overlaps a forced collection', () => {
    const tasks: [number, number][] = [
      [100, 60], // ends inside the collection
      [250, 70], // starts inside it
      [400, 55], // after it
      [0, 90], // wholly before it
    ];
    const kept = outsideSpans(tasks, ([s, d]) => [s, s + d], [[150, 300]]);
    expect(kept).toEqual([
      [400, 55],
      [0, 90],
    ]);
    expect(outsideSpans(tasks, ([s, d]) => [s, s + d], [])).toEqual(tasks);
  });
});

describe('renderer: the probe log', () => {
  const drained = (over: Partial<ProbeData>): ProbeData => ({
    frames: [],
    longTasks: [],
    longFrames: [],
    sightings: [],
    interactions: [],
    ...over,
  });
  const sighting = (token: string, dom: number) => ({
    token,
    dom,
    paint: dom + 5,
    where: 'container',
    inContainerDom: dom,
    inContainerPaint: dom + 5,
  });

  it('appends what each drain takes; a token seen again later keeps its first sighting', () => {
    const log = new ProbeLog();
    log.add(drained({ frames: [1, 2], sightings: [sighting('B1', 10)], longTasks: [[5, 60]] }));
    log.add(drained({ frames: [3], sightings: [sighting('B1', 900), sighting('B2', 20)] }));
    const data = log.get();
    expect(data.frames).toEqual([1, 2, 3]);
    expect(data.longTasks).toEqual([[5, 60]]);
    expect(data.sightings.map((s) => [s.token, s.dom])).toEqual([
      ['B1', 10],
      ['B2', 20],
    ]);
  });

  it('takes a long run’s frames without overflowing the stack', () => {
    const log = new ProbeLog();
    log.add(drained({ frames: Array.from({ length: 300_000 }, (_, i) => i) }));
    expect(log.get().frames).toHaveLength(300_000);
  });
});

describe('renderer: a change held either way', () => {
  const change = (value: number): Figure => ({
    name: 'heap change',
    value,
    unit: 'pct',
    target: { op: '±', value: 10 },
  });
  it('is met within the bound up or down, not past it', () => {
    expect([-12, -10, 0, 9.9, 10, 10.1].map((v) => targetMet(change(v)))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
