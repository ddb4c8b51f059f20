// The admin console in Chromium against a real gateway: an admin sees every live connection (the
// other user's too, with its app, screen and channels), the channels with their log heads, and the
// gateway's health; other roles are not offered it and cannot open it by address. Screenshots in
// Turkish at 1366×768.
import { expect, test } from '@playwright/test';
import {
  DEMO_USERS,
  expectAccessible,
  openScreen,
  screenshot,
  secondUser,
  signIn,
  useDemoGateway,
} from './support/console';

const gateway = useDemoGateway({ feed: 5, startTimeoutMs: 120_000 });
test.describe.configure({ timeout: 120_000 });

test('an admin sees who is connected where, the channels and the health of the gateway', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const depo = await secondUser(browser, gateway.url, DEMO_USERS.warehouse);
  await openScreen(depo, 'orders');

  await openScreen(page, 'admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Yönetim');
  const depoRow = page.locator('[data-role="warehouse"]').first();
  await expect(depoRow).toBeVisible({ timeout: 15_000 });
  await expect(depoRow).toContainText('Ayşe Yılmaz');
  await expect(depoRow).toContainText('Web');
  await expect(depoRow).toContainText('Siparişler');
  await expect(page.getByTestId('admin-connections-summary')).toContainText(/^\d+ bağlantı · 2 kullanıcı · 1 düğüm$/);
  await expectAccessible(page, 'admin connections');
  await screenshot(page, 'admin-connections-tr');

  await page.getByRole('tab', { name: 'Kanallar' }).click();
  const orders = page.locator('[data-channel="orders"]');
  await expect(orders).toBeVisible();
  // The demo feed keeps the orders channel busy: its rate shows once two reads are apart.
  await expect(orders).not.toContainText('ölçülüyor', { timeout: 15_000 });
  await expect(orders.locator('td').nth(1)).toHaveText('2');
  await screenshot(page, 'admin-channels-tr');

  await page.getByRole('tab', { name: 'Sunucu durumu' }).click();
  await expect(page.getByTestId('admin-ready')).toHaveText(/Trafik almaya hazır/);
  await expect(page.locator('[data-check="database"]')).toHaveText('Veritabanı: Çalışıyor');
  await expectAccessible(page, 'admin health');
  await screenshot(page, 'admin-health-tr');
  await depo.close();
});

test('other roles are not offered the admin console, and its address shows them the dashboard', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.sales);
  await expect(page.locator('nav [data-view="admin"]')).toHaveCount(0);
  await page.goto(`${gateway.url}/#/admin`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Yönetim');
  await expect(page.locator('section.admin')).toHaveCount(0);
});
