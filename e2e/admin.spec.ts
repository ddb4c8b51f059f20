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

test('an admin ends a console’s session and it shows signed out; adds, disables, enables, re-passwords and re-roles a user; reads the audit log', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const depo = await secondUser(browser, gateway.url, DEMO_USERS.warehouse);

  await openScreen(page, 'admin');
  await page.getByRole('tab', { name: 'Oturumlar' }).click();
  const depoSession = page.locator('[data-user="depo"]').first();
  await expect(depoSession).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'admin sessions');
  await screenshot(page, 'admin-sessions-tr');
  await depoSession.getByRole('button', { name: 'Oturumu sonlandır' }).click();
  await depoSession.getByRole('button', { name: 'Evet, sonlandır' }).click();
  await expect(page.getByText('1 oturum sonlandırıldı')).toBeVisible();
  // The ended console signs out: the sign-in form is back.
  await expect(depo.getByLabel(/Kullanıcı adı|Username/)).toBeVisible({ timeout: 20_000 });
  await depo.close();

  await page.getByRole('tab', { name: 'Kullanıcılar' }).click();
  const form = page.getByRole('form', { name: 'Kullanıcı ekle' });
  await form.getByLabel('Kullanıcı adı').fill('paket');
  await form.getByLabel('Ad soyad').fill('Paket Masası');
  await form.getByRole('button', { name: 'Ekle' }).click();
  const made = form.getByRole('status');
  await expect(made).toContainText('paket için tek seferlik parola');
  const password = /parola: (\S+) —/.exec((await made.textContent()) ?? '')?.[1] as string;
  expect(password).toHaveLength(18);
  await form.getByLabel('Kullanıcı adı').fill('depo');
  await form.getByLabel('Ad soyad').fill('İkinci');
  await form.getByRole('button', { name: 'Ekle' }).click();
  await expect(form.getByRole('alert')).toContainText('already exists');

  const paket = page.locator('[data-user="paket"]');
  await expect(paket).toBeVisible({ timeout: 15_000 });
  await paket.getByRole('button', { name: 'Devre dışı bırak' }).click();
  await expect(paket).toHaveAttribute('data-disabled', 'true', { timeout: 15_000 });
  await paket.getByRole('button', { name: 'Etkinleştir' }).click();
  await expect(paket).toHaveAttribute('data-disabled', 'false', { timeout: 15_000 });
  await paket.getByLabel('paket rolü').selectOption('sales');
  await expect(paket.locator('td').nth(2)).toHaveText('Satış', { timeout: 15_000 });
  await paket.getByLabel('Yeni parola (boş bırakılırsa oluşturulur)').fill('paket-parola-1');
  await paket.getByRole('button', { name: 'Parolayı sıfırla' }).click();
  await expect(paket.getByRole('status')).toContainText('Değişiklik kaydedildi');
  await expectAccessible(page, 'admin users');
  await screenshot(page, 'admin-users-tr');
  const paketLogin = (pw: string) =>
    fetch(`${gateway.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'paket', password: pw }),
    });
  expect((await paketLogin(password)).status).toBe(401);
  const login = await paketLogin('paket-parola-1');
  expect(((await login.json()) as { user: { role: string } }).user.role).toBe('sales');

  await page.getByRole('tab', { name: 'Denetim kaydı' }).click();
  await expect(page.locator('[data-action="user.add"]').first()).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('İşleme göre süz').fill('user.role');
  await expect(page.locator('[data-action]')).toHaveCount(1);
  await page.getByLabel('İşleme göre süz').fill('');
  await expectAccessible(page, 'admin audit');
  await screenshot(page, 'admin-audit-tr');
});

test('other roles are refused by the admin API', async () => {
  const login = await fetch(`${gateway.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: DEMO_USERS.warehouse, password: 'demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  for (const path of ['/v1/admin/users', '/v1/admin/sessions', '/v1/admin/audit']) {
    const res = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status, path).toBe(403);
  }
  const res = await fetch(`${gateway.url}/v1/admin/users/satis/disable`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(res.status).toBe(403);
});

test('other roles are not offered the admin console, and its address shows them the dashboard', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.sales);
  await expect(page.locator('nav [data-view="admin"]')).toHaveCount(0);
  await page.goto(`${gateway.url}/#/admin`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Yönetim');
  await expect(page.locator('section.admin')).toHaveCount(0);
});
