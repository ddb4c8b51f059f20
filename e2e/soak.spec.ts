// A shift on a busy demo feed, as staff would leave the console open: first on the dashboard, then
// on the orders screen with an order open, at 1366×768; then the alert centre at 1366×768 and
// 1920×1080, whose counts must equal the gateway's. Ten minutes under LIVE_STRESS=1 (npm run
// test:stress), a short run in npm test. Screenshots of each state are kept for a person to look at.
import { expect, test } from '@playwright/test';
import { expectCountsAgree, gatewayCounts } from './support/alertCounts';
import { DEMO_USERS, openScreen, screenshot, signIn, useDemoGateway } from './support/console';

const STRESS = process.env.LIVE_STRESS === '1';
const SOAK_MS = STRESS ? 10 * 60_000 : 40_000;
const FEED = 20; // events per second of the demo feed

const gateway = useDemoGateway({ feed: FEED, startTimeoutMs: 120_000 });

test(`soak: ${Math.round(SOAK_MS / 1000)} s on a busy feed ends with the alert centre's counts equal to the gateway's`, async ({
  page,
}) => {
  test.setTimeout(SOAK_MS + 180_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, gateway.url, DEMO_USERS.admin);

  // Half the shift on the dashboard.
  await openScreen(page, 'dashboard');
  await page.mouse.move(5, 300); // resting on the navigation, not on a list
  await page.waitForTimeout(SOAK_MS / 2);
  await screenshot(page, 'soak-dashboard-1366x768');

  // The other half on the orders screen, an order open in the detail.
  await openScreen(page, 'orders');
  const first = page.locator('[role="row"][data-order-number]').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  await first.click();
  await expect(page.locator('.ord-detail-inner')).toBeVisible();
  await page.mouse.move(5, 300);
  await page.waitForTimeout(SOAK_MS / 2);
  await screenshot(page, 'soak-orders-1366x768');
  // The order opened ten minutes ago is still open, and no toast sits over it.
  const detail = await page.locator('.ord-detail-inner').boundingBox();
  expect(detail).not.toBeNull();
  const toastBoxes = await page
    .locator('.toast-region [data-toast-id]')
    .evaluateAll((els) =>
      els.filter((el) => !(el as HTMLElement).hidden).map((el) => el.getBoundingClientRect().toJSON() as DOMRect),
    );
  for (const box of toastBoxes) {
    if (detail) expect(box.x + box.width <= detail.x || box.y >= detail.y + detail.height).toBe(true);
  }

  await openScreen(page, 'alerts');
  await expectCountsAgree(page, gateway.url, DEMO_USERS.admin);
  await screenshot(page, 'soak-alerts-1366x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectCountsAgree(page, gateway.url, DEMO_USERS.admin);
  await screenshot(page, 'soak-alerts-1920x1080');
  const counts = await gatewayCounts(gateway.url, DEMO_USERS.admin);
  test.info().annotations.push({ type: 'gateway counts', description: JSON.stringify(counts) });
  expect(errors).toEqual([]);
});
