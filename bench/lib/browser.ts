// The console in a real browser for benchmarks: the web console built when its sources are newer
// than the build, Debian's Chromium launched with the e2e flags, a demo user signed in through the
// form, a probe the page measures itself with (frames, long tasks, when given text first shows),
// and what only the DevTools protocol can tell (heap after a full collection, process CPU).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { epochNow } from './publisher';
import { ROOT } from './results';

export const CONSOLE_DIR = path.join(ROOT, 'out/renderer');
/** What the console's bundle is built from (tests aside). */
const CONSOLE_SOURCES = ['renderer', 'core', 'protocol', 'electron.vite.config.ts'];

function newestSource(p: string): { file: string; mtimeMs: number } {
  const st = statSync(p);
  if (!st.isDirectory()) return { file: p, mtimeMs: st.mtimeMs };
  let newest = { file: p, mtimeMs: 0 };
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test' || /\.test\.tsx?$/.test(entry.name)) continue;
    const n = newestSource(path.join(p, entry.name));
    if (n.mtimeMs > newest.mtimeMs) newest = n;
  }
  return newest;
}

/** Why the console needs building (missing, or a source newer than the build), or undefined. */
export function consoleStaleness(): string | undefined {
  let built: number;
  try {
    built = statSync(path.join(CONSOLE_DIR, 'index.html')).mtimeMs;
  } catch {
    return 'out/renderer/index.html is missing';
  }
  for (const src of CONSOLE_SOURCES) {
    const n = newestSource(path.join(ROOT, src));
    if (n.mtimeMs > built) return `${path.relative(ROOT, n.file)} is newer than out/renderer`;
  }
  return undefined;
}

/** Builds the console (`npx electron-vite build`, output to stderr) when it is missing or stale. */
export async function ensureConsoleBuilt(log: (m: string) => void): Promise<void> {
  const why = consoleStaleness();
  if (!why) return;
  log(`building the console with \`npx electron-vite build\` (${why})`);
  const child = spawn('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`\`npx electron-vite build\` exited with ${code}`);
}

/** Debian's Chromium with exactly the e2e flags, plus precise `performance.memory`. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
}

export async function newConsolePage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport });
  // tsx keeps function names through a `__name` helper, which functions handed to the page carry
  // along: every page gets a stand-in before its own scripts run.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  const page = await context.newPage();
  return { page, cdp: await context.newCDPSession(page) };
}

/** Signs in through the form as e2e/support/console.ts does, and waits for the live connection. */
export async function signIn(page: Page, url: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/Kullanıcı adı|Username/).fill(username);
  await page.getByLabel(/Şifre|Password/).fill(password);
  await page.getByRole('button', { name: /Giriş yap|Sign in/ }).click();
  // Generous: the smoke run shares two cores with the whole unit suite.
  try {
    await page
      .getByTestId('connection-state')
      .filter({ hasText: /Bağlı$|Connected$/ })
      .waitFor({ timeout: 60_000 });
  } catch (err) {
    const said = async (selector: string) =>
      (
        await page
          .locator(selector)
          .allInnerTexts()
          .catch(() => [])
      )
        .join(' | ')
        .slice(0, 300);
    throw new Error(
      `signing in as ${username} did not reach a live connection: connection state "${await said('[data-testid="connection-state"]')}", alerts "${await said('[role="alert"]')}" (${(err as Error).message.split('\n')[0]})`,
    );
  }
}

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
  collect(): ProbeData;
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

  g.__pageProbe = {
    collect: () => ({
      frames: frames.slice(),
      longTasks: longTasks.slice(),
      longFrames: longFrames.slice(),
      sightings: [...sightings.values()],
      interactions: [...interactions.values()],
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

export function readProbe(page: Page): Promise<ProbeData> {
  return page.evaluate(() => {
    const probe = (globalThis as ProbeHost).__pageProbe;
    if (!probe) throw new Error('the page probe is not in this page');
    return probe.collect();
  });
}

/** Whether the token has shown (true when the probe is gone: nothing more to wait for). */
export function probeHasSeen(page: Page, token: string): Promise<boolean> {
  return page.evaluate((t) => (globalThis as ProbeHost).__pageProbe?.has(t) ?? true, token);
}

export function stopProbe(page: Page): Promise<void> {
  return page.evaluate(() => (globalThis as ProbeHost).__pageProbe?.stop());
}

/** The page's JS heap in use after full collections (what it holds, not what it has yet to free). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export interface ChromiumCpu {
  /** Since the window started, % of one core: the busiest renderer process, and all of Chromium. */
  read(): Promise<{ rendererPct: number; totalPct: number }>;
}

/** CPU of Chromium's processes over a window, from the browser's own process list. */
export async function chromiumCpu(browser: Browser): Promise<ChromiumCpu> {
  const session = await browser.newBrowserCDPSession();
  const sample = async () => {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return { t: performance.now(), byId: new Map(processInfo.map((p) => [p.id, p])) };
  };
  const start = await sample();
  return {
    async read() {
      const end = await sample();
      const s = (end.t - start.t) / 1000;
      let renderer = 0;
      let total = 0;
      for (const [id, p] of end.byId) {
        const used = p.cpuTime - (start.byId.get(id)?.cpuTime ?? 0);
        total += used;
        if (p.type === 'renderer') renderer = Math.max(renderer, used);
      }
      return { rendererPct: (renderer / s) * 100, totalPct: (total / s) * 100 };
    },
  };
}

/**
 * How far the page's epoch clock (`timeOrigin + now()`) is from this process's: the reading with
 * the shortest round trip, and that round trip (the offset is known to within half of it).
 */
export async function clockOffset(page: Page, samples = 7): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Infinity };
  for (let i = 0; i < samples; i++) {
    const t0 = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = epochNow();
    if (t1 - t0 < best.rttMs) best = { offsetMs: pageNow - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}

/** The page's main-thread time by kind, in ms: scripts, style recalculation, layout, and all tasks. */
export interface MainThreadTime {
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  taskMs: number;
}

/** Cumulative main-thread time of the page so far (Chromium's Performance domain; enables it). */
export async function mainThreadTime(cdp: CDPSession): Promise<MainThreadTime> {
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    scriptMs: ms('ScriptDuration'),
    styleMs: ms('RecalcStyleDuration'),
    layoutMs: ms('LayoutDuration'),
    taskMs: ms('TaskDuration'),
  };
}
