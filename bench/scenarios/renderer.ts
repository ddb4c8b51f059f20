// renderer: the web console in Chromium on the dashboard (or the orders screen) while the gateway
// takes R events/s (the demo feed's marketplace traffic, which keeps every KPI tile and chart live,
// plus new orders from a publisher that knows when it sent each), with a user working in it: every
// few seconds a click that re-renders the screen (another marketplace on the dashboard, another
// order in the detail panel). In the page: frame times from a requestAnimationFrame loop, long
// tasks, each interaction's input-to-next-paint time, and when each published order first reaches
// the DOM and the frame after; at the end the page's JS heap after a full collection. An idle page
// first gives the machine's own floor.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  chromiumCpu,
  clockOffset,
  CONSOLE_DIR,
  ensureConsoleBuilt,
  heapAfterGc,
  installProbe,
  launchChromium,
  mainThreadTime,
  newConsolePage,
  probeHasSeen,
  readProbe,
  signIn,
  stopProbe,
  type Interaction,
  type LongFrame,
  type ProbeData,
} from '../lib/browser';
import { LatencyHistogram } from '../lib/histogram';
import { processCpu } from '../lib/proc';
import { progress } from '../lib/progress';
import { epochNow, Publisher } from '../lib/publisher';
import type { Chart, Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { startGatewayTarget } from '../lib/targets';

const FRAME_MS = 1000 / 60;
/** rAF timestamps come in 0.1 ms steps, 16.6 or 16.7 apart on a 60 Hz beat: a frame is late past this. */
const FRAME_JITTER_MS = 0.5;
const LONG_TASK_MS = 50;
/** Input to next paint that still feels instant (the page answers within a tenth of a second). */
const INTERACTION_TARGET_MS = 100;
const VIEWPORT = { width: 1600, height: 1000 };
/** The publisher's order numbers (`B` + sequence number); no demo order number looks like that. */
const TRACKED_ORDER = 'B\\d+';
const ORDER_FEED = '[data-testid="order-feed"], .order-feed';

/** The screens the bench can watch: where tracked orders show, and what the user does meanwhile. */
const SCREENS = {
  dashboard: {
    feed: ORDER_FEED,
    feedName: 'order feed',
    rows: `:is(${ORDER_FEED}) li`,
    interaction: 'a marketplace chosen on the dashboard filter (every other time: all)',
  },
  orders: {
    feed: '.ord-table',
    feedName: 'order table',
    rows: '.ord-table .ord-row',
    interaction: 'one of the first five orders opened in the detail panel, then the pointer over the panel',
  },
} as const;
type ScreenName = keyof typeof SCREENS;
/** Time the window's last orders get to reach the page after the publisher stops. */
const SETTLE_MS = 5000;
const MB = 2 ** 20;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (v: number) => Math.round(v * 10) / 10;

interface FrameStats {
  count: number;
  times: LatencyHistogram;
  /** Over one frame at 60 Hz (with half a millisecond for the timestamps' jitter). */
  late: number;
  /** Over two frames: at least one frame not drawn. */
  dropped: number;
  /** Each second of the window: its frame times and worst frame. */
  perSecond: { times: LatencyHistogram; worst: number }[];
}

/** Frame times: intervals between the animation frames inside [from, to]. */
function frameStats(all: number[], from: number, to: number): FrameStats {
  const frames = all.filter((t) => t >= from && t <= to);
  const stats: FrameStats = { count: frames.length, times: new LatencyHistogram(), late: 0, dropped: 0, perSecond: [] };
  for (let i = 1; i < frames.length; i++) {
    const t = frames[i] as number;
    const dt = t - (frames[i - 1] as number);
    stats.times.recordMs(dt);
    if (dt > FRAME_MS + FRAME_JITTER_MS) stats.late++;
    if (dt > 2 * FRAME_MS) stats.dropped++;
    const second = (stats.perSecond[Math.floor((t - from) / 1000)] ??= { times: new LatencyHistogram(), worst: 0 });
    second.times.recordMs(dt);
    second.worst = Math.max(second.worst, dt);
  }
  return stats;
}

/** One point per second that had frames (a freeze leaves a gap rather than a made-up value). */
function perSecondPoints(stats: FrameStats, pick: (s: FrameStats['perSecond'][number]) => number): [number, number][] {
  const points: [number, number][] = [];
  stats.perSecond.forEach((s, i) => points.push([i + 1, pick(s)]));
  return points;
}

interface OrderLatency {
  toDom: LatencyHistogram;
  toPaint: LatencyHistogram;
  toFeedPaint: LatencyHistogram;
  missed: string[];
  /** Seen somewhere in the page (a toast), never in the screen's order list. */
  notInFeed: string[];
  unpainted: number;
  where: Map<string, number>;
}

/** From the publisher's send time to the page's first sighting, for sequence numbers [first, last). */
function orderLatency(
  data: ProbeData,
  sentAt: Float64Array,
  first: number,
  last: number,
  offsetMs: number,
  feedName: string,
) {
  const byToken = new Map(data.sightings.map((s) => [s.token, s]));
  const r: OrderLatency = {
    toDom: new LatencyHistogram(),
    toPaint: new LatencyHistogram(),
    toFeedPaint: new LatencyHistogram(),
    missed: [],
    notInFeed: [],
    unpainted: 0,
    where: new Map(),
  };
  for (let seq = first; seq < last; seq++) {
    const orderNumber = `B${seq}`;
    const seen = byToken.get(orderNumber);
    if (!seen) {
      r.missed.push(orderNumber);
      continue;
    }
    // Both ends on the epoch clock: the publisher's send time, the page's corrected by the offset.
    const sent = (sentAt[seq] as number) + offsetMs;
    r.toDom.recordMs(seen.dom - sent);
    if (seen.paint > 0) r.toPaint.recordMs(seen.paint - sent);
    else r.unpainted++;
    if (seen.inContainerPaint > 0) r.toFeedPaint.recordMs(seen.inContainerPaint - sent);
    else r.notInFeed.push(orderNumber);
    const where = seen.where === 'container' ? feedName : seen.where;
    r.where.set(where, (r.where.get(where) ?? 0) + 1);
  }
  return r;
}

/** What the long animation frames spent their time on: rendering, and the scripts that ran longest. */
function longFrameNote(frames: LongFrame[]): string {
  const byScript = new Map<string, number>();
  let render = 0;
  let styleLayout = 0;
  for (const f of frames) {
    render += f.renderMs;
    styleLayout += f.styleLayoutMs;
    for (const s of f.scripts) {
      const key = `${s.invoker} (${s.source})`;
      byScript.set(key, (byScript.get(key) ?? 0) + s.duration);
    }
  }
  const top = [...byScript]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, ms]) => `${k} ${Math.round(ms)} ms`);
  return `${frames.length} animation frames over 50 ms (${Math.round(render)} ms of them rendering, ${Math.round(styleLayout)} ms style and layout); scripts in them: ${top.join('; ') || 'none over 5 ms'}`;
}

/** Points of the dashboard's live charts, and KPI tiles showing a value. */
function dashboardLiveness(page: Page): Promise<{ chartPoints: number; tilesWithValue: number; tiles: number }> {
  return page.evaluate(() => {
    const points = [...document.querySelectorAll('[data-testid$="-chart"][data-points]')].reduce(
      (sum, el) => sum + Number(el.getAttribute('data-points') ?? 0),
      0,
    );
    const tiles = [...document.querySelectorAll('[data-testid^="kpi-"][data-value]')];
    return {
      chartPoints: points,
      tilesWithValue: tiles.filter((t) => t.getAttribute('data-value') !== '').length,
      tiles: tiles.length,
    };
  });
}

/** What the screen's order list shows at the top, and where its newest row is on the screen. */
function feedTop(page: Page, rowSelector: string): Promise<{ rows: number; top: string[]; firstRowY: number | null }> {
  return page.evaluate((selector) => {
    const rows = [...document.querySelectorAll(selector)];
    const first = rows[0]?.getBoundingClientRect();
    return {
      rows: rows.length,
      top: rows.slice(0, 5).map((r) => r.getAttribute('data-order-number') ?? r.textContent?.slice(0, 16) ?? ''),
      firstRowY: first ? Math.round(first.top) : null,
    };
  }, rowSelector);
}

/** The user's i-th interaction with the screen: a click that re-renders it. */
async function interact(page: Page, screen: ScreenName, i: number): Promise<void> {
  if (screen === 'dashboard') {
    const segments = page.locator('.mp-segment');
    const marketplaces = (await segments.count()) - 1;
    await segments.nth(i % 2 === 0 ? 1 + ((i / 2) % marketplaces) : 0).click({ timeout: 10_000 });
  } else {
    // Where a person clicks: the screen position of one of the first rows, whichever order is there
    // by then (a locator would chase its row as new orders push it down, scrolling the table).
    const body = await page.locator('.ord-body').boundingBox({ timeout: 10_000 });
    if (!body) throw new Error('the order table is not on the screen');
    const rowPx = await page
      .locator('.ord-body .ord-row')
      .first()
      .evaluate((el) => el.getBoundingClientRect().height, undefined, { timeout: 10_000 });
    await page.mouse.click(body.x + body.width / 3, body.y + rowPx * ((i % 5) + 0.5));
    // Then over to the detail panel to read it (over the table, the rows would hold still).
    const panel = await page.getByTestId('order-detail').boundingBox({ timeout: 10_000 });
    if (!panel) throw new Error('the order detail panel is not on the screen');
    await page.mouse.move(panel.x + panel.width / 2, panel.y + 40);
  }
}

/** Interacts every `everyS` seconds until `done` says so; how many went through and why any failed. */
async function interactLoop(page: Page, screen: ScreenName, everyS: number, done: () => boolean) {
  const made = { count: 0, failed: [] as string[] };
  for (let i = 0; !done(); i++) {
    await pause(everyS * 1000);
    if (done()) break;
    try {
      await interact(page, screen, i);
      made.count++;
    } catch (err) {
      made.failed.push((err as Error).message.split('\n')[0] ?? '');
    }
  }
  return made;
}

/**
 * Interaction to next paint over `made` interactions as the Web Vitals take it: the slowest, leaving
 * out one for every 50. The browser reports only those of 16 ms or more, so the rest count as 16 ms
 * (an upper bound).
 */
function interactionToNextPaint(reported: Interaction[], made: number): number {
  if (made === 0) return 0;
  const slowestFirst = reported.map((r) => r.duration).sort((a, b) => b - a);
  return slowestFirst[Math.floor(made / 50)] ?? 16;
}

/** A Prometheus counter summed over its labels, and per value of its `type` label. */
function counter(text: string, name: string): { total: number; byType: Map<string, number> } {
  const byType = new Map<string, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(value)) continue;
    total += value;
    const type = /type="([^"]*)"/.exec(line)?.[1];
    if (type) byType.set(type, (byType.get(type) ?? 0) + value);
  }
  return { total, byType };
}

async function gatewayCounters(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return { in: counter(text, 'live_events_in_total'), out: counter(text, 'live_events_out_total') };
}

export const renderer = defineScenario({
  name: 'renderer',
  summary:
    'the console in Chromium at R events/s with a user clicking: frame time, long tasks, interaction to next paint, event-to-paint latency, main-thread time, JS heap',
  help: {
    rate: 'events per second into the gateway: the demo feed gets what the publisher does not',
    tracked: 'of those, new orders per second from the bench publisher, timed from send to paint',
    duration: 'measured seconds',
    warmup: 'seconds of load after sign-in before measuring (start-up)',
    floor: 'seconds of frames on the idle sign-in page first: the machine’s own floor (0: skip)',
    reducedMotion: 'emulate prefers-reduced-motion: no tweens, pulses or toast timers',
    profile: 'a folder for a CPU profile of the page over the window (.cpuprofile; none when empty)',
    screen: `the screen watched: ${Object.keys(SCREENS).join(' or ')}`,
    interact: 'seconds between the user’s clicks on the screen (0: no interaction)',
  },
  defaults: {
    rate: 200,
    tracked: 50,
    duration: 60,
    warmup: 5,
    floor: 5,
    reducedMotion: false,
    profile: '',
    screen: 'dashboard',
    interact: 2,
  },
  choices: { screen: Object.keys(SCREENS) },
  reportBy: 'screen',
  smoke: { rate: 20, tracked: 5, duration: 3, warmup: 1, floor: 1, interact: 1 },
  // Building the console when it is stale and starting Chromium come first.
  budgetS: (p) => 240 + p.floor + p.warmup + p.duration,
  async run(p, ctx) {
    const screenName = p.screen as ScreenName;
    const screen = SCREENS[screenName];
    const tracked = Math.min(p.tracked, p.rate);
    const demoRate = p.rate - tracked;
    const notes: string[] = [];
    await ensureConsoleBuilt(ctx.log);

    const gateway = await startGatewayTarget({ env: { LIVE_DEMO_FEED: String(demoRate), LIVE_DEMO_SEED: '7' } });
    ctx.onCleanup(() => gateway.stop());
    const url = gateway.process.url;
    const index = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    if (!index.ok) throw new Error(`the gateway does not serve the console at / (HTTP ${index.status})`);

    const browser = await launchChromium();
    ctx.onCleanup(() => browser.close());
    const { page, cdp } = await newConsolePage(browser, VIEWPORT);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // A failed load's console message does not say what failed: the response does.
    page.on('response', (r) => {
      if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} for ${new URL(r.url()).pathname}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    await installProbe(page, { token: TRACKED_ORDER, container: screen.feed });
    if (p.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });

    // The floor: the sign-in page does nothing, so its late frames are the machine's, not the console's.
    let floor: FrameStats | undefined;
    if (p.floor > 0) {
      await page.goto(url);
      await page.getByLabel(/Kullanıcı adı|Username/).waitFor();
      const { offsetMs } = await clockOffset(page);
      const start = epochNow();
      await pause(p.floor * 1000);
      floor = frameStats((await readProbe(page)).frames, start + offsetMs, epochNow() + offsetMs);
    }

    ctx.log(`renderer: signing in as yonetici on ${url}, demo feed ${demoRate}/s, publisher ${tracked}/s`);
    await signIn(page, url, 'yonetici');
    // The pointer rests off the lists (where sign-in left it, it could hold the feed still).
    await page.mouse.move(1, 1);
    await page.evaluate((view) => (window.location.hash = `#/${view}`), screenName);
    await page.locator(`[data-view="${screenName}"][aria-current="page"]`).waitFor({ timeout: 15_000 });
    if (screenName === 'dashboard' && demoRate > 0) {
      // The charts draw from KPI reports: load starts once both have points.
      await page
        .waitForFunction(
          () => {
            const charts = [...document.querySelectorAll('[data-testid$="-chart"][data-points]')];
            return charts.length >= 2 && charts.every((c) => Number(c.getAttribute('data-points')) > 0);
          },
          undefined,
          { timeout: 20_000 },
        )
        .catch(() => notes.push('the dashboard charts had no points 20 s after sign-in'));
    }

    const capacity = Math.ceil(tracked * (p.warmup + p.duration + 5)) + 100;
    const publisher = new Publisher(gateway.ingestUrl, gateway.ingestToken, capacity);
    ctx.onCleanup(() => publisher.close());
    const clockBefore = await clockOffset(page);
    if (p.warmup > 0) await publisher.run({ rate: tracked, durationS: p.warmup });

    // The measured window.
    const firstSeq = publisher.sent;
    const countersBefore = await gatewayCounters(url);
    const liveBefore = await dashboardLiveness(page);
    const chromeCpu = await chromiumCpu(browser);
    const mainBefore = await mainThreadTime(cdp);
    const gatewayPid = gateway.pids()[0];
    const gatewayCpu = gatewayPid !== undefined ? processCpu(gatewayPid) : undefined;
    if (p.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const bar = progress(`renderer: ${p.rate}/s on the ${screenName} screen`, p.duration);
    const windowStart = epochNow();
    let windowOver = false;
    const interacting =
      p.interact > 0
        ? interactLoop(page, screenName, p.interact, () => windowOver)
        : Promise.resolve({ count: 0, failed: [] });
    const run = await publisher.run({
      rate: tracked,
      durationS: p.duration,
      onTick: (s) => bar.update(s, `${publisher.sent - firstSeq} tracked orders sent`),
    });
    const windowEnd = epochNow();
    windowOver = true;
    const interactions = await interacting;
    bar.finish();
    // The dashboard back on every marketplace, as its liveness figures count.
    if (screenName === 'dashboard' && interactions.count > 0) await page.locator('.mp-segment').first().click();
    const windowS = (windowEnd - windowStart) / 1000;
    const cpu = await chromeCpu.read();
    const mainAfter = await mainThreadTime(cdp);
    /** Main-thread ms per second of the window, of one kind. */
    const perS = (k: keyof typeof mainAfter) => Math.round((mainAfter[k] - mainBefore[k]) / windowS);
    const gatewayCpuPct = gatewayCpu?.cpuPct();
    const countersAfter = await gatewayCounters(url);
    const liveAfter = await dashboardLiveness(page);
    const lastSeq = publisher.sent;
    if (p.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(p.profile, { recursive: true });
      const file = path.join(p.profile, `renderer-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      // The bundle's source maps beside it: the next build renames and replaces them.
      const assets = path.join(CONSOLE_DIR, 'assets');
      for (const map of readdirSync(assets).filter((f) => f.endsWith('.js.map'))) {
        copyFileSync(path.join(assets, map), path.join(p.profile, map));
      }
      notes.push(`CPU profile of the page over the window: ${file} (the bundle's source maps beside it)`);
    }

    // The window's last orders may still be on their way.
    if (lastSeq > firstSeq) {
      const deadline = Date.now() + SETTLE_MS;
      while (Date.now() < deadline && !(await probeHasSeen(page, `B${lastSeq - 1}`))) await pause(100);
      await pause(200);
    }
    const clockAfter = await clockOffset(page);
    const clock = clockAfter.rttMs < clockBefore.rttMs ? clockAfter : clockBefore;
    // Same machine, so the clocks should agree; correct only an offset larger than the reading's doubt.
    const offsetMs = Math.abs(clock.offsetMs) > clock.rttMs / 2 + 0.5 ? clock.offsetMs : 0;
    if (offsetMs !== 0) notes.push(`the page's clock was ${offsetMs.toFixed(1)} ms off this process's: corrected`);
    const data = await readProbe(page);
    const feed = await feedTop(page, screen.rows);
    const heapBeforeGc = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    // What the probe holds is not the console's.
    await stopProbe(page);
    const heapUsed = await heapAfterGc(cdp);

    const from = windowStart + offsetMs;
    const to = windowEnd + offsetMs;
    const frames = frameStats(data.frames, from, to);
    const frame = frames.times.summary();
    const tasks = data.longTasks.filter(([start]) => start >= from && start <= to);
    const overBudget = tasks.filter(([, d]) => d > LONG_TASK_MS);
    const longFrames = data.longFrames.filter((f) => f.start >= from && f.start <= to);
    const inputs = data.interactions.filter((i) => i.start >= from && i.start <= to);
    const inp = interactionToNextPaint(inputs, interactions.count);
    const orders = orderLatency(data, publisher.sentAt, firstSeq, lastSeq, offsetMs, screen.feedName);
    const paint = orders.toPaint.summary();

    // The targets hold at the load they are stated for.
    const stated = p.rate >= 200;
    const target = (op: '<=' | '>=', value: number, when = stated) => (when ? { target: { op, value } } : {});
    const figures: Figure[] = [
      { name: 'frames measured', value: frames.count, unit: 'count' },
      { name: 'frame time p50', value: frame.p50, unit: 'ms' },
      { name: 'frame time p95', value: frame.p95, unit: 'ms', ...target('<=', round1(FRAME_MS + FRAME_JITTER_MS)) },
      { name: 'frame time p99', value: frame.p99, unit: 'ms' },
      { name: 'frame time max', value: frame.max, unit: 'ms' },
      { name: 'frames late (> 16.7 ms)', value: frames.late, unit: 'count' },
      { name: 'frames dropped (> 33.3 ms)', value: frames.dropped, unit: 'count' },
      { name: 'long tasks > 50 ms', value: overBudget.length, unit: 'count', ...target('<=', 0) },
      { name: 'longest task', value: Math.max(0, ...tasks.map(([, d]) => d)), unit: 'ms' },
      {
        name: 'total blocking time',
        value: overBudget.reduce((sum, [, d]) => sum + d - LONG_TASK_MS, 0),
        unit: 'ms',
      },
      { name: 'interactions made', value: interactions.count, unit: 'count' },
      {
        name: 'interaction to next paint',
        value: inp,
        unit: 'ms',
        ...target('<=', INTERACTION_TARGET_MS, stated && interactions.count > 0),
      },
      { name: 'slowest interaction', value: Math.max(0, ...inputs.map((i) => i.duration)), unit: 'ms' },
      { name: 'event-to-DOM p95', value: orders.toDom.percentileMs(95), unit: 'ms' },
      { name: 'event-to-paint p50', value: paint.p50, unit: 'ms' },
      { name: 'event-to-paint p95', value: paint.p95, unit: 'ms', ...target('<=', 50, stated && tracked > 0) },
      { name: 'event-to-paint max', value: paint.max, unit: 'ms' },
      { name: `event-to-paint p95, ${screen.feedName}`, value: orders.toFeedPaint.percentileMs(95), unit: 'ms' },
      { name: 'tracked orders sent', value: lastSeq - firstSeq, unit: 'count' },
      { name: 'tracked orders seen', value: orders.toDom.count, unit: 'count' },
      { name: 'tracked orders missed', value: orders.missed.length, unit: 'count' },
      { name: `tracked orders never in the ${screen.feedName}`, value: orders.notInFeed.length, unit: 'count' },
      {
        name: 'JS heap after GC',
        value: round1(heapUsed / MB),
        unit: 'MB',
        ...target('<=', 50, stated && p.duration >= 60),
      },
      { name: 'JS heap before GC', value: round1(heapBeforeGc / MB), unit: 'MB' },
      {
        name: 'events/s into the gateway',
        value: round1((countersAfter.in.total - countersBefore.in.total) / windowS),
        unit: 'per_s',
      },
      { name: 'tracked orders/s', value: round1(run.achievedRate), unit: 'per_s' },
      {
        name: 'deliveries/s to the console',
        value: round1((countersAfter.out.total - countersBefore.out.total) / windowS),
        unit: 'per_s',
      },
      { name: 'page main thread busy, ms per s', value: perS('taskMs'), unit: 'ms' },
      { name: 'of which scripts, ms per s', value: perS('scriptMs'), unit: 'ms' },
      { name: 'of which style, ms per s', value: perS('styleMs'), unit: 'ms' },
      { name: 'of which layout, ms per s', value: perS('layoutMs'), unit: 'ms' },
      { name: 'Chromium renderer CPU', value: Math.round(cpu.rendererPct), unit: 'pct' },
      { name: 'Chromium CPU (all processes)', value: Math.round(cpu.totalPct), unit: 'pct' },
    ];
    if (gatewayCpuPct !== undefined) {
      figures.push({ name: 'gateway CPU', value: Math.round(gatewayCpuPct), unit: 'pct' });
    }
    if (floor) {
      figures.push(
        { name: 'idle page: frame time p95 (floor)', value: floor.times.percentileMs(95), unit: 'ms' },
        { name: 'idle page: frames late (floor)', value: floor.late, unit: 'count' },
      );
    }

    const types = [...countersAfter.in.byType]
      .map(([type, v]) => [type, (v - (countersBefore.in.byType.get(type) ?? 0)) / windowS] as const)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([type, v]) => `${type} ${round1(v)}`);
    notes.push(
      `${p.rate} events/s asked: demo feed ${demoRate}/s, publisher ${tracked}/s; per second the gateway took in ${types.join(', ') || 'nothing'} (its own KPI reports included)`,
    );
    if (screenName === 'dashboard') {
      notes.push(
        `dashboard live over the window: chart points ${liveBefore.chartPoints} → ${liveAfter.chartPoints}, KPI tiles with a value ${liveAfter.tilesWithValue} of ${liveAfter.tiles}`,
      );
    }
    if (screenName === 'dashboard' && demoRate > 0 && liveAfter.chartPoints <= liveBefore.chartPoints) {
      notes.push('the dashboard charts got no new points during the window: they were not live');
    }
    const where = [...orders.where].map(([w, n]) => `${w} ${n}`).join(', ');
    notes.push(
      `${screen.feedName}: ${feed.rows} rows, newest first (${feed.top.join(', ')}), first row at y=${feed.firstRowY ?? '—'} of a ${VIEWPORT.height} px viewport; tracked orders first appeared in: ${where || '—'}`,
    );
    if (orders.missed.length > 0) {
      notes.push(
        `tracked orders never seen in the page: ${orders.missed.length} (${orders.missed.slice(0, 5).join(', ')}…)`,
      );
    }
    if (orders.notInFeed.length > 0) {
      notes.push(
        `tracked orders seen in the page but never in the ${screen.feedName}: ${orders.notInFeed.length} (${orders.notInFeed.slice(0, 5).join(', ')}…)`,
      );
    }
    if (orders.unpainted > 0) notes.push(`${orders.unpainted} tracked orders reached the DOM with no frame after`);
    if (run.refused > 0) notes.push(`the gateway refused ${run.refused} tracked orders: ${run.errors.join('; ')}`);
    if (run.behind > Math.max(2, tracked * 0.02)) notes.push(`the publisher fell ${run.behind} orders behind its rate`);
    if (longFrames.length > 0) notes.push(longFrameNote(longFrames));
    if (p.interact > 0) {
      const slow = inputs.filter((i) => i.duration > INTERACTION_TARGET_MS);
      notes.push(
        `the user's clicks, every ${p.interact} s: ${screen.interaction}; ${interactions.count} made, ${inputs.length} of them 16 ms or more from input to paint${slow.length > 0 ? `, over ${INTERACTION_TARGET_MS} ms: ${slow.map((i) => `${i.name} ${i.duration} ms`).join(', ')}` : ''}`,
      );
      if (interactions.failed.length > 0) {
        notes.push(
          `${interactions.failed.length} clicks did not go through: ${[...new Set(interactions.failed)].slice(0, 2).join('; ')}`,
        );
      }
    }
    if (pageErrors.length > 0) {
      notes.push(`the page reported ${pageErrors.length} errors: ${[...new Set(pageErrors)].slice(0, 3).join('; ')}`);
    }
    notes.push(
      `Chromium ${browser.version()} headless, ${VIEWPORT.width}×${VIEWPORT.height}, software rendering${p.reducedMotion ? ', reduced motion' : ''}`,
    );

    const charts: Chart[] = [
      {
        kind: 'latency',
        title: 'renderer: order sent to painted',
        series: [
          { name: 'event to paint', points: orders.toPaint.distribution() },
          { name: 'event to DOM', points: orders.toDom.distribution() },
          { name: 'event to paint, feed', points: orders.toFeedPaint.distribution() },
        ],
      },
      {
        // x: seconds into the window; y: that second's frame time in ms (the unit is in the title).
        kind: 'throughput',
        title: 'renderer: frame time in each second',
        yLabel: 'MS',
        series: [
          { name: 'p95', points: perSecondPoints(frames, (s) => s.times.percentileMs(95)) },
          { name: 'worst', points: perSecondPoints(frames, (s) => s.worst) },
        ],
      },
    ];
    return { figures, charts, notes };
  },
});
