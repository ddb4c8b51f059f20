// The settings screen and the sign-in form against a real demo gateway in Chromium: theme and
// language apply at once and persist, a priority sent to the history stops its toasts, axe finds
// nothing serious in either theme, and screenshots of both screens in both languages.
import { expect, test, type Page } from '@playwright/test';
import type { EventInput } from '../protocol';
import { systemAlert } from '../protocol/test/fixtures';
import { expectAccessible, look, openScreen, postEvents, screenshot, signIn, useDemoGateway } from './support/console';

const gateway = useDemoGateway({ feed: 0, startTimeoutMs: 120_000 });

test.describe.configure({ timeout: 120_000 });
// A Turkish desk (Intl and Accept-Language). Quiet hours are 24-hour text fields (22:00), whatever
// the browser's own UI locale would make of a time input.
test.use({ locale: 'tr-TR' });

const saved = (page: Page) => expect(page.getByTestId('settings-save-status')).toContainText(/Kaydedildi|Saved/);

test('sign-in form: the demo accounts, errors on the fields, in Turkish and English', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(gateway.url);
  await expect(page.getByTestId('demo-hint')).toHaveText(/Demo: depo \/ satis \/ yonetici, şifre demo/);
  await expectAccessible(page, 'sign-in (tr)');
  await screenshot(page, 'login-tr-light');

  // Wrong password: the message takes the focus and describes both fields.
  await page.getByLabel('Kullanıcı adı').fill('depo');
  await page.getByLabel('Şifre').fill('yanlis-sifre');
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Kullanıcı adı veya şifre hatalı.');
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Şifre')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'sign-in error (tr)');

  await page.getByRole('combobox', { name: 'Dil' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('demo-hint')).toHaveText(/Demo: depo \/ satis \/ yonetici, password demo/);
  await expectAccessible(page, 'sign-in (en)');
  await screenshot(page, 'login-en-light');
});

test('theme: dark applies at once and survives a reload; axe in light and dark', async ({ page }) => {
  await signIn(page, gateway.url);
  await openScreen(page, 'settings');
  await look(page, 'tr', 'light');
  await expect(page.getByRole('heading', { level: 1, name: 'Ayarlar' })).toBeVisible();
  await expectAccessible(page, 'settings (tr, light)');
  await screenshot(page, 'settings-tr-light');

  await page.getByRole('radio', { name: 'Koyu' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saved(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 15_000 });
  await expect(page.getByRole('radio', { name: 'Koyu' })).toBeChecked();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'settings (tr, dark)');
  await screenshot(page, 'settings-tr-dark');

  // The narrowest supported window: everything still fits.
  await page.setViewportSize({ width: 960, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'settings-tr-dark-960');
});

test('language: English at once, the whole screen in English; axe and screenshots', async ({ page }) => {
  await signIn(page, gateway.url);
  await openScreen(page, 'settings');
  await look(page, 'tr', 'light');
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  for (const heading of ['Notifications', 'Muted channels', 'Quiet hours', 'Sound', 'Appearance', 'Desktop app']) {
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: /Test sound/ })).toBeVisible();
  await expect(page.getByTestId('desktop-only-note')).toContainText('desktop app only');
  await expect(page.getByTestId('connection-state')).toHaveText(/Connected$/);
  await saved(page);
  await screenshot(page, 'settings-saved-en-light');

  await look(page, 'en', 'light');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings (en, light)');
  await screenshot(page, 'settings-en-light');
  await look(page, 'en', 'dark');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings (en, dark)');
  await screenshot(page, 'settings-en-dark');
});

/** A short rate limit: a normal-priority alert (a SYSTEM_ALERT always opens one). */
function rateLimited(): EventInput {
  const e = systemAlert();
  if (e.type === 'SYSTEM_ALERT')
    e.payload = { ...e.payload, kind: 'RATE_LIMITED', component: 'stock', retryAfterSec: 30 };
  return e;
}

test('a priority sent to the history only: its alerts no longer toast', async ({ page }) => {
  await signIn(page, gateway.url);
  await openScreen(page, 'settings');
  await look(page, 'tr', 'light');
  const toasts = page.locator('.toast-region .toast', { hasText: 'İstek limiti aşıldı' });

  // Before: a normal alert shows a toast. (Right after connecting, the channel may still be
  // loading from its snapshot, which does not toast: post again until one shows.)
  await expect(async () => {
    expect((await postEvents(gateway.url, rateLimited())).status).toBe(202);
    await expect(toasts).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });

  const normal = page.getByRole('group', { name: 'Normal' });
  await normal.getByRole('radio', { name: 'Yalnızca geçmiş' }).check();
  await saved(page);

  // A fresh page (no toast left over), the setting kept.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 15_000 });
  await expect(normal.getByRole('radio', { name: 'Yalnızca geçmiş' })).toBeChecked();
  const lastEvent = page.getByTestId('last-event');
  const before = await lastEvent.getAttribute('data-last-event-at');

  // The event does arrive live (the bar's newest-event time moves) …
  await expect(async () => {
    expect((await postEvents(gateway.url, rateLimited())).status).toBe(202);
    if (before === null) await expect(lastEvent).toHaveAttribute('data-last-event-at', /^\d+$/, { timeout: 2000 });
    else await expect(lastEvent).not.toHaveAttribute('data-last-event-at', before, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  // … and no toast comes with it.
  await page.waitForTimeout(750);
  await expect(toasts).toHaveCount(0);
});
