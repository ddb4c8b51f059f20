// From event to pixel: a real gateway process, the web console in Chromium, an order POSTed to
// the ingest API, and the connection surviving a gateway restart.
import { expect, test } from '@playwright/test';
import { orderCreated } from '../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';

let gateway: GatewayProcess;

test.beforeAll(async () => {
  gateway = await startGatewayProcess({ LIVE_DEMO: '1' });
});

test.afterAll(async () => {
  await gateway?.dispose();
});

test('an ingested order reaches the console; the connection survives a gateway restart', async ({ page }) => {
  await page.goto(gateway.url);
  await page.getByLabel('Kullanıcı adı').fill('depo');
  await page.getByLabel('Şifre').fill('demo');
  await page.getByRole('button', { name: 'Giriş yap' }).click();

  const state = page.getByTestId('connection-state');
  await expect(state).toHaveText(/Bağlı$/, { timeout: 10_000 });

  const chart = page.getByTestId('orders-per-minute-chart');
  const newestBefore = Number((await chart.getAttribute('data-newest')) || '0');

  const order = orderCreated({ orderNumber: 'TY-E2E-1001', total: 123_450 });
  const posted = Date.now();
  const res = await postEvents(gateway.url, order);
  expect(res.status).toBe(202);
  const row = page.locator('[data-order-number="TY-E2E-1001"]');
  await expect(row).toBeVisible({ timeout: 1000 });
  const seenAfterMs = Date.now() - posted;
  expect(seenAfterMs).toBeLessThan(1000);
  await expect(row).toContainText('₺1.234,50');

  // The gateway derives orders-per-minute from the order and the chart takes the new point.
  await expect(chart).toHaveAttribute('data-last', '1', { timeout: 5000 });
  // The lines follow in a deferred render (the tiles and feed commit first): the point lands soon after.
  await expect
    .poll(async () => Number((await chart.getAttribute('data-newest')) || '0'), { timeout: 5000 })
    .toBeGreaterThan(newestBefore);
  await expect(page.getByTestId('kpi-ordersToday')).toContainText('1');

  await page.screenshot({ path: 'test-results/console-tr.png', fullPage: true });

  expect(await gateway.stop()).toBe(0);
  await expect(state).toHaveText(/Yeniden bağlanıyor/, { timeout: 10_000 });
  await gateway.start();
  await expect(state).toHaveText(/Bağlı$/, { timeout: 10_000 });

  // Live again after the restart: a new order shows up.
  await postEvents(gateway.url, orderCreated({ orderNumber: 'TY-E2E-1002' }));
  await expect(page.locator('[data-order-number="TY-E2E-1002"]')).toBeVisible({ timeout: 2000 });
});
