// The probe the console's page measures itself with in the renderer benchmark: frames, long tasks,
// long animation frames, interactions (Event Timing), and when given text first shows in the DOM
// and the frame after. It runs in the page before the page's own scripts; the bench drains what it
// recorded every so often (a ten-minute run would otherwise grow the heap it measures).
import type { Page } from '@playwright/test';

/** What the page probe records; every time is on the page's epoch clock (timeOrigin + now). */
export interface ProbeData {
  /** requestAnimationFrame timestamps. */
  frames: number[];
  /** [start, duration]. */
  longTasks: [number, number][];
  /** Long animation frames (> 50 ms) with the scripts that took time in them. */
  longFrames: LongFrame[];
  sightings: Sighting[];
  /** User interactions that took 16 ms or more from input to the next paint (Event Timing). */
  interactions: Interaction[];
}

/** One interaction (a click, a key press): its slowest event from input to the next paint. */
export interface Interaction {
  start: number;
  /** Input to next paint, in 8 ms steps (what the browser reports). */
  duration: number;
  /** The event that took longest: `pointerdown`, `click`, `keydown`… */
  name: string;
}

/** When a token first reached the DOM anywhere and inside the container (0: never), each with the next animation frame. */
export interface Sighting {
  token: string;
  dom: number;
  paint: number;
  /** Where it was first: `container`, or the test id, role or tag of the region around it. */
  where: string;
  inContainerDom: number;
  inContainerPaint: number;
}

export interface LongFrame {
  start: number;
  duration: number;
  /** From the start of rendering (rAF callbacks, style, layout, paint) to the frame's end. */
  renderMs: number;
  styleLayoutMs: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

export interface ProbeOptions {
  /** A regular expression (source) for the tokens to watch for, e.g. `B\\d+`. */
  token: string;
  /** A selector of the container where tokens are expected to show (the order feed). */
  container: string;
}

interface PageProbe {
  /**
   * Hands over and forgets what was recorded: every frame, long task and long frame, and the
   * sightings and interactions that began before `settledBefore` (later ones may still change).
   */
  drain(settledBefore: number): ProbeData;
  has(token: string): boolean;
  /** Stops observing and lets go of everything recorded (before the heap is measured). */
  stop(): void;
}

type ProbeHost = { __pageProbe?: PageProbe };

/** Long-animation-frame entries, which TypeScript's DOM library does not describe yet. */
/** Event Timing entries: the same interaction's events share an id (0: not part of one). */
interface EventTimingEntry extends PerformanceEntry {
  interactionId: number;
}

interface LoafEntry extends PerformanceEntry {
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[];
}

/**
 * Runs in the page before its own scripts (serialised, so self-contained): a frame loop, long task
 * and long-animation-frame observers, and a MutationObserver that notes the first time each token
 * is the whole or a word of a text node anywhere in the document, and inside the container, each
 * with the animation frame after (what that frame shows is painted right after its callbacks).
 * Text nodes one by one: an element's textContent runs its cells together ("B12Trendyol").
 */
function pageProbe(options: ProbeOptions): void {
  const g = globalThis as ProbeHost & { __name?: unknown };
  g.__name ??= (f: unknown) => f;
  const origin = performance.timeOrigin;
  const frames: number[] = [];
  const longTasks: [number, number][] = [];
  const longFrames: LongFrame[] = [];
  const interactions = new Map<number, Interaction>();
  const sightings = new Map<string, Sighting>();
  let unpainted: Sighting[] = [];
  let unpaintedInContainer: Sighting[] = [];
  let running = true;

  const onFrame = (t: number) => {
    if (!running) return;
    frames.push(origin + t);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const token = new RegExp(`(?<![\\w-])(?:${options.token})(?![\\w-])`, 'g');
  const whereOf = (el: Element): string => {
    if (el.closest(options.container)) return 'container';
    const region = el.closest('[data-testid], [role], [aria-live], section, aside');
    return region
      ? (region.getAttribute('data-testid') ?? region.getAttribute('role') ?? region.tagName.toLowerCase())
      : el.tagName.toLowerCase();
  };
  const lookAtText = (t: Text, now: number) => {
    const el = t.parentElement;
    if (!el || t.data.length === 0) return;
    for (const m of t.data.matchAll(token)) {
      let s = sightings.get(m[0]);
      if (!s) {
        s = { token: m[0], dom: origin + now, paint: 0, where: whereOf(el), inContainerDom: 0, inContainerPaint: 0 };
        sightings.set(m[0], s);
        unpainted.push(s);
      }
      if (s.inContainerDom === 0 && el.closest(options.container)) {
        s.inContainerDom = origin + now;
        unpaintedInContainer.push(s);
      }
    }
  };
  const look = (node: Node, now: number) => {
    if (node.nodeType === Node.TEXT_NODE) return lookAtText(node as Text, now);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) lookAtText(t as Text, now);
  };
  let paintRequested = false;
  const paint = () => {
    const at = origin + performance.now();
    for (const s of unpainted) s.paint = at;
    for (const s of unpaintedInContainer) s.inContainerPaint = at;
    unpainted = [];
    unpaintedInContainer = [];
    paintRequested = false;
  };
  const mutations = new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'characterData') look(r.target, now);
      else r.addedNodes.forEach((n) => look(n, now));
    }
    if (!paintRequested && unpainted.length + unpaintedInContainer.length > 0) {
      paintRequested = true;
      requestAnimationFrame(paint);
    }
  });
  mutations.observe(document, { childList: true, subtree: true, characterData: true });

  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push([origin + e.startTime, e.duration]);
  });
  tasks.observe({ type: 'longtask', buffered: true });
  const loaf = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as LoafEntry[]) {
      longFrames.push({
        start: origin + e.startTime,
        duration: e.duration,
        renderMs: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
        styleLayoutMs: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
        scripts: e.scripts
          .filter((s) => s.duration >= 5)
          .map((s) => ({
            invoker: s.invoker,
            source: `${s.sourceURL.replace(/^.*\//, '')} ${s.sourceFunctionName}`.trim(),
            duration: s.duration,
          })),
      });
    }
  });
  try {
    loaf.observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // not in this browser: the long frames stay unexplained
  }
  const events = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as EventTimingEntry[]) {
      if (!e.interactionId) continue;
      const known = interactions.get(e.interactionId);
      if (!known || e.duration > known.duration) {
        interactions.set(e.interactionId, { start: origin + e.startTime, duration: e.duration, name: e.name });
      }
    }
  });
  // 16 ms is the lowest threshold the browser takes: quicker interactions are not reported.
  events.observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);

  const takeBefore = <K, V>(map: Map<K, V>, startOf: (v: V) => number, before: number): V[] => {
    const taken: V[] = [];
    for (const [k, v] of map) {
      if (startOf(v) >= before) continue;
      taken.push(v);
      map.delete(k);
    }
    return taken;
  };
  g.__pageProbe = {
    drain: (settledBefore) => ({
      frames: frames.splice(0),
      longTasks: longTasks.splice(0),
      longFrames: longFrames.splice(0),
      sightings: takeBefore(sightings, (s) => s.dom, settledBefore),
      interactions: takeBefore(interactions, (i) => i.start, settledBefore),
    }),
    has: (t) => sightings.has(t),
    stop() {
      running = false;
      mutations.disconnect();
      tasks.disconnect();
      loaf.disconnect();
      events.disconnect();
      interactions.clear();
      frames.length = 0;
      longTasks.length = 0;
      longFrames.length = 0;
      sightings.clear();
      unpainted = [];
      unpaintedInContainer = [];
    },
  };
}

/** Installs the probe in every document the page loads from now on. */
export async function installProbe(page: Page, options: ProbeOptions): Promise<void> {
  await page.addInitScript(pageProbe, options);
}

/** Takes what the page's probe recorded out of the page (see PageProbe.drain). */
function drainProbe(page: Page, settledBefore: number): Promise<ProbeData> {
  return page.evaluate((before) => {
    const probe = (globalThis as ProbeHost).__pageProbe;
    if (!probe) throw new Error('the page probe is not in this page');
    return probe.drain(before);
  }, settledBefore);
}

/**
 * What the probe recorded, kept on this side: drained from the page every so often, so the page's
 * heap holds only the last few seconds of it. A token drained and later seen again keeps its first
 * sighting.
 */
export class ProbeLog {
  private readonly data: ProbeData = { frames: [], longTasks: [], longFrames: [], sightings: [], interactions: [] };
  private readonly seen = new Set<string>();

  /** Takes the page's records; sightings and interactions only once `settleMs` old. */
  async drain(page: Page, settleMs = 10_000): Promise<void> {
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    this.add(await drainProbe(page, settleMs > 0 ? pageNow - settleMs : Infinity));
  }

  add(d: ProbeData): void {
    // push(...) would overflow the stack on a long run's frames.
    for (const f of d.frames) this.data.frames.push(f);
    for (const t of d.longTasks) this.data.longTasks.push(t);
    for (const f of d.longFrames) this.data.longFrames.push(f);
    for (const i of d.interactions) this.data.interactions.push(i);
    for (const s of d.sightings) {
      if (this.seen.has(s.token)) continue;
      this.seen.add(s.token);
      this.data.sightings.push(s);
    }
  }

  get(): ProbeData {
    return this.data;
  }
}

/** Whether the token has shown (true when the probe is gone: nothing more to wait for). */
export function probeHasSeen(page: Page, token: string): Promise<boolean> {
  return page.evaluate((t) => (globalThis as ProbeHost).__pageProbe?.has(t) ?? true, token);
}

export function stopProbe(page: Page): Promise<void> {
  return page.evaluate(() => (globalThis as ProbeHost).__pageProbe?.stop());
}

/** What the console keeps that can grow over a shift, read from its Redux store. */
export interface StoreCounts {
  /** Alerts held: every open or acknowledged one, and the newest resolved. */
  alerts: number;
  openAlerts: number;
  /** Points of the KPI history (an hour, at most 3,600 a line). */
  kpiPoints: number;
}

type StoreHost = { __benchStore?: { getState(): Record<string, unknown> } };

/**
 * Runs in the page before its scripts: stands in for the Redux devtools' compose, which the
 * console's store calls when it is there (as it does for the browser extension), and keeps the
 * store it composes. Nothing in the console is there for the bench.
 */
function storeHook(): void {
  const w = globalThis as unknown as StoreHost & Record<string, unknown>;
  type Enhancer = (next: unknown) => unknown;
  w.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ =
    () =>
    (...enhancers: Enhancer[]) =>
    (next: unknown) =>
    (...args: unknown[]) => {
      const create = enhancers.reduceRight((acc, e) => e(acc), next) as (...a: unknown[]) => StoreHost['__benchStore'];
      const store = create(...args);
      w.__benchStore = store;
      return store;
    };
}

/** Lets the bench read the store's counts (storeCounts) in every document the page loads. */
export async function installStoreHook(page: Page): Promise<void> {
  await page.addInitScript(storeHook);
}

/** The counts, or undefined when the store was not reached. */
export function storeCounts(page: Page): Promise<StoreCounts | undefined> {
  return page.evaluate(() => {
    const s = (globalThis as StoreHost).__benchStore?.getState();
    if (!s) return undefined;
    const alerts = s.alerts as { ids: string[]; entities: Record<string, { state: string }> };
    const kpi = s.kpi as { series: Record<string, Record<string, unknown[]>> };
    let kpiPoints = 0;
    for (const scope of Object.values(kpi.series)) for (const line of Object.values(scope)) kpiPoints += line.length;
    return {
      alerts: alerts.ids.length,
      openAlerts: alerts.ids.filter((id) => alerts.entities[id]?.state !== 'resolved').length,
      kpiPoints,
    };
  });
}
