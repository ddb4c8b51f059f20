// The connection bar and the offline banner against a real gateway that goes away and comes back:
// reconnecting with a countdown, the banner saying what still works, "Tekrar dene" from the
// keyboard, and everything back to normal once the gateway is up again.
import { expect, test } from '@playwright/test';
import type { GatewayProcess } from '../server/test/gatewayProcess';
import { expectAccessible, look, screenshot, signIn, startDemoGateway } from './support/console';

let gateway: GatewayProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  gateway = await startDemoGateway(0);
});

test.afterAll(async () => {
  await gateway?.dispose();
});

test('gateway down: countdown, banner, retry by keyboard; gateway up: connected, banner gone', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, gateway.url);
  await look(page, 'tr', 'light');
  const state = page.getByTestId('connection-state');
  const banner = page.getByTestId('offline-banner');
  const countdown = page.getByTestId('retry-countdown');
  await expect(page.getByTestId('last-event')).toBeVisible();
  await expect(banner).toHaveCount(0);
  // The first round trip is measured within a ping interval.
  await expect(page.locator('.connection-rtt')).toHaveText(/^\d+ ms$/, { timeout: 15_000 });
  await screenshot(page, 'connection-online-tr-light');

  // The details: a popover from the (i) button, closed by Escape with focus back on the button.
  const details = page.getByRole('button', { name: 'Bağlantı ayrıntıları' });
  await details.click();
  const facts = page.getByRole('dialog', { name: 'Bağlantı ayrıntıları' });
  await expect(facts).toContainText(/Gecikme \(RTT\)\s*\d+ ms/);
  await expect(facts).toContainText('Mükemmel: gecikme ≤ 100 ms');
  await expectAccessible(page, 'connection details');
  await screenshot(page, 'connection-details-tr-light');
  await page.keyboard.press('Escape');
  await expect(facts).toHaveCount(0);
  await expect(details).toBeFocused();

  expect(await gateway.stop()).toBe(0);
  await expect(state).toHaveText(/Yeniden bağlanıyor/, { timeout: 15_000 });
  await expect(countdown).toHaveText(/^\d+ sn içinde yeniden denenecek$/, { timeout: 10_000 });

  // After a few seconds down, the banner under the top bar says what still works and what waits.
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText('Sunucuyla bağlantı kesildi');
  await expect(banner).toContainText('Ekranda gösterilen bilgilere göz atabilirsiniz');
  await expect(banner).toContainText('Yaptığınız işlemler kuyruğa alınır, bağlantı gelince gönderilir.');
  await expect(banner).toContainText('Canlı göstergeler (KPI) güncellenmez.');
  const under = await page.evaluate(() => {
    const top = document.querySelector('.topbar')?.getBoundingClientRect();
    const b = document.querySelector('[data-testid="offline-banner"]')?.getBoundingClientRect();
    const main = document.querySelector('#main')?.getBoundingClientRect();
    return top && b && main ? { gap: b.top - top.bottom, mainBelow: main.top >= b.bottom - 1 } : undefined;
  });
  expect(under?.gap).toBeGreaterThanOrEqual(0);
  expect(under?.gap).toBeLessThan(2);
  expect(under?.mainBelow).toBe(true);
  await expectAccessible(page, 'console with the offline banner (light)');
  await screenshot(page, 'connection-offline-tr-light');
  // The narrowest supported window: the bar and the banner still fit.
  await page.setViewportSize({ width: 960, height: 720 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'connection-offline-tr-light-960');
  await page.setViewportSize({ width: 1280, height: 720 });

  // "Tekrar dene" from the keyboard: Tab to it, Enter.
  const retry = page.getByRole('button', { name: 'Tekrar dene' });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 20; i++) {
    if (await retry.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(retry).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(countdown).toHaveText('Yeniden deneniyor…');
  await expect(retry).toBeFocused();

  // In the dark theme too, the banner reads (axe).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expectAccessible(page, 'console with the offline banner (dark)');
  await screenshot(page, 'connection-offline-tr-dark');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));

  await gateway.start();
  await expect(state).toHaveText(/Bağlı$/, { timeout: 20_000 });
  await expect(banner).toHaveCount(0);
  await expect(countdown).toHaveCount(0);
});

test('a refused action: the reason in Turkish, dismissed from the keyboard, gone for good', async ({ page }) => {
  await signIn(page, gateway.url);
  await look(page, 'tr', 'light');
  // An action the gateway refused earlier, as the outbox keeps it (browser host: localStorage): one
  // that is connection trouble's kind (an invalid action), and a business refusal (the order is
  // someone else's), which the bar does not list — it is said in the order.
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('meschain-live:session') ?? '{}') as { user?: { id: string } };
    const failed = {
      key: 'e2e-refused-claim-0001',
      action: { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY-E2E-77' },
      failedAt: Date.now() - 120_000,
      error: { code: 'validation_failed', message: 'orderKey: Invalid string' },
    };
    const business = {
      key: 'e2e-refused-claim-0002',
      action: { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY-E2E-78' },
      failedAt: Date.now() - 60_000,
      error: {
        code: 'already_claimed',
        message: 'Ayşe Yılmaz is already handling this order',
        details: { holder: { id: 'u-other', name: 'Ayşe Yılmaz' } },
      },
    };
    localStorage.setItem(
      `meschain-live:outbox-${session.user?.id}`,
      JSON.stringify({ pending: [], failed: [failed, business] }),
    );
  });
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 15_000 });

  const chip = page.getByRole('button', { name: '1 işlem gönderilemedi' });
  await chip.focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('dialog', { name: 'Gönderilemeyen işlemler' });
  await expect(list).toBeVisible();
  await expect(list).toContainText('Siparişi üstlenme');
  await expect(list).toContainText('Trendyol TY-E2E-77');
  await expect(list).toContainText('Sunucu bu işlemi geçersiz buldu; uygulanmadı.');
  await expect(list).not.toContainText('Invalid string');
  await expect(list).not.toContainText('TY-E2E-78');
  await expectAccessible(page, 'refused actions list');
  await screenshot(page, 'connection-failed-tr-light');

  // Tab from the button into the list, to its dismiss button.
  const dismiss = list.getByRole('button', { name: /^Kapat: Siparişi üstlenme/ });
  for (let i = 0; i < 5; i++) {
    if (await dismiss.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(dismiss).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chip).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Bağlantı ayrıntıları' })).toBeFocused();

  // Dismissed in the host too: it does not come back with a reload.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 15_000 });
  await expect(page.getByTestId('last-event')).toBeVisible();
  await expect(page.getByTestId('failed-actions')).toHaveCount(0);
});
