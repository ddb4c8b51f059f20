// The console in a real browser for benchmarks: the web console built when its sources are newer
// than the build, Debian's Chromium launched with the e2e flags, a demo user signed in through the
// form, and what only the DevTools protocol can tell (heap after a full collection, process CPU).
// The probe the page measures itself with is in rendererProbe.ts.
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
