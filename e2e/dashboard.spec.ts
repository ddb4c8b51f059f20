// The dashboard against a real gateway with the demo feed (20 events/s): live KPI tiles and charts,
// the marketplace filter (by keyboard too), axe in both themes, and screenshots in TR/EN × light/dark.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_USERS, expectAccessible, look, openScreen, screenshot, signIn, useDemoGateway } from './support/console';

const gateway = useDemoGateway({ feed: 20 });

const LIVE = { timeout: 30_000 };

const numberIn = async (l: Locator, attr: string) => Number((await l.getAttribute(attr)) || '0');

async function dashboardAsAdmin(page: Page): Promise<void> {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  await openScreen(page, 'dashboard');
}

/**
 * Waits until the figures are live: orders today above 0, the operational figures in (they come
 * from another producer than the order counts) and points on the chart.
 */
async function waitForLiveFigures(page: Page): Promise<void> {
  await expect.poll(() => numberIn(page.getByTestId('kpi-ordersToday'), 'data-value'), LIVE).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-buyboxSharePct')).not.toHaveAttribute('data-value', '', LIVE);
  await expect
    .poll(() => numberIn(page.getByTestId('orders-per-minute-chart'), 'data-points'), LIVE)
    .toBeGreaterThan(1);
}

test('tiles and charts go live; the marketplace filter works from the keyboard alone', async ({ page }) => {
  await dashboardAsAdmin(page);
  await waitForLiveFigures(page);

  const chart = page.getByTestId('orders-per-minute-chart');
  // The lines move on: their newest point is a later one (a report within a step replaces it).
  const before = await numberIn(chart, 'data-newest');
  await expect.poll(() => numberIn(chart, 'data-newest'), LIVE).toBeGreaterThan(before);
  await expect(page.getByTestId('kpi-revenueToday').locator('.kpi-figure')).toHaveText(/^₺[\d.]+,\d{2}$/);
  // All marketplaces: the total and a line per marketplace that sold.
  await expect.poll(() => numberIn(chart, 'data-series'), LIVE).toBeGreaterThan(1);
  const allOrders = await numberIn(page.getByTestId('kpi-ordersToday'), 'data-value');

  // Keyboard only: Tab until the filter has focus, then the arrow keys choose.
  let onFilter = false;
  for (let i = 0; i < 40 && !onFilter; i++) {
    await page.keyboard.press('Tab');
    onFilter = await page.evaluate(
      () => (document.activeElement as HTMLInputElement | null)?.name === 'dashboard-marketplace',
    );
  }
  expect(onFilter, 'Tab reaches the marketplace filter').toBe(true);
  await expect(page.getByRole('radio', { name: 'Tümü' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await screenshot(page, 'dashboard-filter-keyboard');

  await expect(page.getByRole('radio', { name: 'Trendyol' })).toBeChecked();
  await expect(page.locator('section.dash')).toHaveAttribute('data-scope', 'trendyol');
  await expect(chart).toHaveAttribute('data-series', '1');
  const trendyolOrders = await numberIn(page.getByTestId('kpi-ordersToday'), 'data-value');
  expect(trendyolOrders).toBeGreaterThan(0);
  expect(trendyolOrders).toBeLessThan(allOrders);

  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Tümü' })).toBeChecked();
  await expect.poll(() => numberIn(chart, 'data-series')).toBeGreaterThan(1);
});

test('accessible in both themes; screenshots in Turkish and English, light and dark', async ({ page }) => {
  test.setTimeout(180_000);
  await dashboardAsAdmin(page);
  for (const [lang, theme] of [
    ['tr', 'light'],
    ['tr', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const) {
    await look(page, lang, theme);
    await waitForLiveFigures(page);
    await expect.poll(() => numberIn(page.getByTestId('revenue-chart'), 'data-series'), LIVE).toBeGreaterThan(1);
    await expectAccessible(page, `dashboard ${lang} ${theme}`);
    await screenshot(page, `dashboard-${lang}-${theme}`);
  }

  // 960 px wide: nothing of the dashboard runs off the side.
  await look(page, 'tr', 'light');
  await page.setViewportSize({ width: 960, height: 900 });
  await waitForLiveFigures(page);
  const overflow = await page.locator('section.dash').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'dashboard-tr-light-960');

  // Very wide: the ten tiles in one row.
  await page.setViewportSize({ width: 1920, height: 1000 });
  const tops = await page.locator('.kpi-card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  expect(new Set(tops).size).toBe(1);
});
