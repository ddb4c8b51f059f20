// The renderer benchmark's side of the page: the screens it can watch (where tracked orders show,
// what the user clicks meanwhile), the user's clicks, what the dashboard and the order list show,
// the gateway's event counters around the window, signing in and the idle page's floor.
import type { Page } from '@playwright/test';
import { clockOffset, signIn } from './browser';
import { epochNow } from './publisher';
import { frameStats, type FrameStats } from './rendererFigures';
import { ProbeLog } from './rendererProbe';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The publisher's order numbers (`B` + sequence number); no demo order number looks like that. */
export const TRACKED_ORDER = 'B\\d+';
const ORDER_FEED = '[data-testid="order-feed"], .order-feed';

/** The screens the bench can watch: where tracked orders show, and what the user does meanwhile. */
export const SCREENS = {
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
export type ScreenName = keyof typeof SCREENS;

/**
 * Points of the dashboard's live charts, the time of their newest point (ms; a report within a step
 * replaces the newest point, so it moves while the count may not), and KPI tiles showing a value.
 */
export function dashboardLiveness(
  page: Page,
): Promise<{ chartPoints: number; chartNewest: number; tilesWithValue: number; tiles: number }> {
  return page.evaluate(() => {
    const charts = [...document.querySelectorAll('[data-testid$="-chart"][data-points]')];
    const points = charts.reduce((sum, el) => sum + Number(el.getAttribute('data-points') ?? 0), 0);
    const newest = Math.max(0, ...charts.map((el) => Number(el.getAttribute('data-newest') || 0)));
    const tiles = [...document.querySelectorAll('[data-testid^="kpi-"][data-value]')];
    return {
      chartPoints: points,
      chartNewest: newest,
      tilesWithValue: tiles.filter((t) => t.getAttribute('data-value') !== '').length,
      tiles: tiles.length,
    };
  });
}

/** What the screen's order list shows at the top, and where its newest row is on the screen. */
export function feedTop(
  page: Page,
  rowSelector: string,
): Promise<{ rows: number; top: string[]; firstRowY: number | null }> {
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
export async function interactLoop(page: Page, screen: ScreenName, everyS: number, done: () => boolean) {
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

export async function gatewayCounters(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return { in: counter(text, 'live_events_in_total'), out: counter(text, 'live_events_out_total') };
}

/** What the page reports going wrong (errors, failed loads), collected as it happens. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // A failed load's console message does not say what failed: the response does.
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

/** The idle sign-in page's frames for `seconds`: the machine's own floor. */
export async function measureFloor(page: Page, url: string, seconds: number): Promise<FrameStats> {
  await page.goto(url);
  await page.getByLabel(/Kullanıcı adı|Username/).waitFor();
  const { offsetMs } = await clockOffset(page);
  const start = epochNow();
  await pause(seconds * 1000);
  const log = new ProbeLog();
  await log.drain(page, 0);
  return frameStats(log.get().frames, start + offsetMs, epochNow() + offsetMs);
}

/** Signs in, opens the screen and, on a live dashboard, waits for its charts to have points. */
export async function openScreen(
  page: Page,
  url: string,
  screen: ScreenName,
  live: boolean,
  notes: string[],
): Promise<void> {
  await signIn(page, url, 'yonetici');
  // The pointer rests off the lists (where sign-in left it, it could hold the feed still).
  await page.mouse.move(1, 1);
  await page.evaluate((view) => (window.location.hash = `#/${view}`), screen);
  await page.locator(`[data-view="${screen}"][aria-current="page"]`).waitFor({ timeout: 15_000 });
  if (screen !== 'dashboard' || !live) return;
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
