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
import {
  chromiumCpu,
  clockOffset,
  CONSOLE_DIR,
  ensureConsoleBuilt,
  heapAfterGc,
  launchChromium,
  mainThreadTime,
  newConsolePage,
} from '../lib/browser';
import { processCpu } from '../lib/proc';
import { progress } from '../lib/progress';
import { epochNow, Publisher } from '../lib/publisher';
import {
  FRAME_JITTER_MS,
  FRAME_MS,
  frameStats,
  interactionToNextPaint,
  LONG_TASK_MS,
  longFrameNote,
  orderLatency,
  outsideSpans,
  perSecondPoints,
  type Span,
} from '../lib/rendererFigures';
import { heapFigures, keptNote, minuteCharts, minuteNote, minuteSampler, perMinute } from '../lib/rendererMinutes';
import {
  dashboardLiveness,
  feedTop,
  gatewayCounters,
  interactLoop,
  measureFloor,
  openScreen,
  SCREENS,
  TRACKED_ORDER,
  type ScreenName,
  watchPageErrors,
} from '../lib/rendererPage';
import { installProbe, installStoreHook, probeHasSeen, ProbeLog, stopProbe } from '../lib/rendererProbe';
import type { Chart, Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';
import { startGatewayTarget } from '../lib/targets';

/** Input to next paint that still feels instant (the page answers within a tenth of a second). */
const INTERACTION_TARGET_MS = 100;
const VIEWPORT = { width: 1600, height: 1000 };
/** Time the window's last orders get to reach the page after the publisher stops. */
const SETTLE_MS = 5000;
const MB = 2 ** 20;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (v: number) => Math.round(v * 10) / 10;

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
    minute: 'seconds in a “minute” of the per-minute figures (shorter only to try them out)',
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
    minute: 60,
  },
  choices: { screen: Object.keys(SCREENS) },
  reportBy: 'screen',
  smoke: { rate: 20, tracked: 5, duration: 3, warmup: 1, floor: 1, interact: 1, minute: 1 },
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
    const pageErrors = watchPageErrors(page);
    await installProbe(page, { token: TRACKED_ORDER, container: screen.feed });
    await installStoreHook(page);
    if (p.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });

    // The floor: the sign-in page does nothing, so its late frames are the machine's, not the console's.
    const floor = p.floor > 0 ? await measureFloor(page, url, p.floor) : undefined;

    ctx.log(`renderer: signing in as yonetici on ${url}, demo feed ${demoRate}/s, publisher ${tracked}/s`);
    await openScreen(page, url, screenName, demoRate > 0, notes);

    const capacity = Math.ceil(tracked * (p.warmup + p.duration + 5)) + 100;
    const publisher = new Publisher(gateway.ingestUrl, gateway.ingestToken, capacity);
    ctx.onCleanup(() => publisher.close());
    const clockBefore = await clockOffset(page);
    if (p.warmup > 0) await publisher.run({ rate: tracked, durationS: p.warmup });

    // The measured window; what the probe recorded before it is let go.
    await new ProbeLog().drain(page, 0);
    const log = new ProbeLog();
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
    const minuteCount = Math.max(1, Math.ceil(p.duration / p.minute));
    const sampler = minuteSampler(page, cdp, log, windowStart, p.minute, minuteCount);
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
    await sampler.done;
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
    await log.drain(page, 0);
    const data = log.get();
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
    // What the bench's forced collections held up is not the console's.
    const gcSpans = sampler.gcSpans.map(([s, e]): Span => [s + offsetMs, e + offsetMs]);
    const windowTasks = data.longTasks.filter(([start]) => start >= from && start <= to);
    const tasks = outsideSpans(windowTasks, ([s, d]) => [s, s + d], gcSpans);
    const overBudget = tasks.filter(([, d]) => d > LONG_TASK_MS);
    const longFrames = data.longFrames.filter((f) => f.start >= from && f.start <= to);
    const windowInputs = data.interactions.filter((i) => i.start >= from && i.start <= to);
    const inputs = outsideSpans(windowInputs, (i) => [i.start, i.start + i.duration], gcSpans);
    const inp = interactionToNextPaint(inputs, interactions.count);
    const orders = orderLatency(data, publisher.sentAt, firstSeq, lastSeq, offsetMs, screen.feedName);
    const paint = orders.toPaint.summary();
    const minutes = perMinute({
      from,
      minuteMs: p.minute * 1000,
      count: minuteCount,
      longTasks: tasks,
      paints: orders.paints,
      interactions: inputs,
      heapMb: sampler.heapMb,
    });

    // The targets hold at the load they are stated for.
    const stated = p.rate >= 200;
    const target = (op: '<=' | '>=' | '±', value: number, when = stated) => (when ? { target: { op, value } } : {});
    const figures: Figure[] = [
      { name: 'frames measured', value: frames.count, unit: 'count' },
      { name: 'frame time p50', value: frame.p50, unit: 'ms' },
      { name: 'frame time p95', value: frame.p95, unit: 'ms', ...target('<=', round1(FRAME_MS + FRAME_JITTER_MS)) },
      { name: 'frame time p99', value: frame.p99, unit: 'ms' },
      { name: 'frame time max', value: frame.max, unit: 'ms' },
      { name: 'frames late (> 16.7 ms)', value: frames.late, unit: 'count' },
      { name: 'frames dropped (> 33.3 ms)', value: frames.dropped, unit: 'count' },
      { name: 'long tasks > 50 ms', value: overBudget.length, unit: 'count', ...target('<=', 0) },
      {
        name: 'long tasks > 50 ms, worst minute',
        value: Math.max(...minutes.map((m) => m.longTasks)),
        unit: 'count',
        ...target('<=', 0),
      },
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
      { name: 'event-to-paint p95, worst minute', value: Math.max(...minutes.map((m) => m.paintP95)), unit: 'ms' },
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
      ...heapFigures(minutes, (op, value) => target(op, value, stated)),
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
        `dashboard live over the window: chart points ${liveBefore.chartPoints} → ${liveAfter.chartPoints}, their newest point ${round1((liveAfter.chartNewest - liveBefore.chartNewest) / 1000)} s later, KPI tiles with a value ${liveAfter.tilesWithValue} of ${liveAfter.tiles}`,
      );
    }
    if (screenName === 'dashboard' && demoRate > 0 && liveAfter.chartNewest <= liveBefore.chartNewest) {
      notes.push('the dashboard charts got no new point during the window: they were not live');
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
    notes.push(minuteNote(minutes, p.minute));
    const keptLine = keptNote(sampler.kept);
    if (keptLine) notes.push(keptLine);
    const heldUp = windowTasks.length - tasks.length + windowInputs.length - inputs.length;
    if (heldUp > 0) {
      notes.push(
        `not counted: ${windowTasks.length - tasks.length} long tasks and ${windowInputs.length - inputs.length} interactions overlapping the bench's own forced collections (${sampler.gcSpans.length}, one at each minute's end, ${Math.round(Math.max(...sampler.gcSpans.map(([s, e]) => e - s)))} ms at most)`,
      );
    }
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
    charts.push(...minuteCharts(minutes, p.minute));
    return { figures, charts, notes };
  },
});
