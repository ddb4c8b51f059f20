// The alert centre and the toasts against a real gateway (no demo feed; the test posts its own
// events): a critical event toasts and lists; an acknowledgement in one console shows in another
// and clears its toast there; snooze and bulk acknowledge; the list holding still under the
// pointer; Esc on a toast; the whole flow by keyboard; axe in both themes; screenshots in TR/EN ×
// light/dark.
import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { EventInput } from '../protocol';
import { inventoryChange, orderCreated, priceUpdate, systemAlert } from '../protocol/test/fixtures';
import {
  DEMO_USERS,
  expectAccessible,
  look,
  openScreen,
  postEvents,
  screenshot,
  secondUser,
  signIn,
  useDemoGateway,
} from './support/console';

const gateway = useDemoGateway({ feed: 0 });

const LIVE = { timeout: 10_000 };

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

async function post(...events: EventInput[]): Promise<void> {
  const res = await postEvents(gateway.url, events.length === 1 ? events[0] : { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

/** OUT_OF_STOCK; with units still listed on Trendyol the gateway makes it critical (oversell). */
function outOfStock(sku: string, listedOnTrendyol: number): EventInput {
  const e = inventoryChange();
  if (e.type !== 'INVENTORY_CHANGE') throw new Error('fixture');
  return {
    ...e,
    payload: {
      ...e.payload,
      kind: 'OUT_OF_STOCK',
      sku,
      onHand: 0,
      reserved: 0,
      available: 0,
      previous: 2,
      channels: [
        { marketplace: 'trendyol', pushStatus: 'pending', listedQty: listedOnTrendyol },
        { marketplace: 'hepsiburada', pushStatus: 'ok', lastPushedAt: new Date().toISOString(), listedQty: 0 },
      ],
    },
  };
}

const toastOf = (page: Page, text: string): Locator => page.locator('[data-toast-id]').filter({ hasText: text });
const rowOf = (page: Page, alertKey: string): Locator => page.locator(`[data-alert-key="${alertKey}"]`);

/** Presses Tab until `target` has focus (keyboard only; fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached by Tab: ${target.toString()}`);
}

test('a critical event shows a toast and appears in the alert centre', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const sku = unique('E2E-OOS');
  await post(outOfStock(sku, 3));

  const toast = toastOf(page, sku);
  await expect(toast).toBeVisible(LIVE);
  await expect(toast).toHaveAttribute('data-priority', 'critical');
  await expect(toast).toContainText('Kritik');
  await expect(toast).toContainText('Stokta yok');
  await expect(toast.locator('.toast-icon svg')).toBeVisible();

  // An admin also gets system alerts, in the console's words (not the producer's message).
  await post(systemAlert());
  const api = toastOf(page, 'API hatası');
  await expect(api).toBeVisible(LIVE);
  await expect(api).toContainText('Trendyol · Siparişler');
  await expect(api).not.toContainText('HTTP');
  await expect(api).not.toContainText('Trendyol sipariş servisi yanıt vermiyor.');

  await openScreen(page, 'alerts');
  const row = rowOf(page, `OUT_OF_STOCK:${sku}`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-priority', 'critical');
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText('Stokta yok');
  await expect(row).toContainText('Kritik');
  await expect(row).toContainText('Hâlâ satışta: Trendyol (3)');
  await expect(rowOf(page, 'API_ERROR:trendyol:orders')).toContainText('API hatası');

  // A reload resumes the live session from the positions it saved (the log replays only what was
  // missed) and asks for every channel's state: the centre is complete again without anything new.
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.endsWith('positions'))), LIVE)
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$|Connected$/, { timeout: 15_000 });
  await expect(rowOf(page, `OUT_OF_STOCK:${sku}`)).toHaveAttribute('data-state', 'open', LIVE);
  await expect(rowOf(page, 'API_ERROR:trendyol:orders')).toBeVisible();
});

test('acknowledged as yonetici in one console: shown acknowledged by Zeynep Demir, toast cleared in another', async ({
  page,
  browser,
}) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const sales = await secondUser(browser, gateway.url, DEMO_USERS.sales);
  try {
    const sku = unique('E2E-ACK');
    await post(outOfStock(sku, 2));
    const salesToast = toastOf(sales, sku);
    await expect(salesToast).toBeVisible(LIVE);
    await expect(salesToast).toHaveAttribute('data-sticky', 'true');

    await openScreen(page, 'alerts');
    const row = rowOf(page, `OUT_OF_STOCK:${sku}`);
    await row.getByRole('button', { name: /^Onayla:/ }).click();
    await expect(row).toHaveAttribute('data-state', 'acknowledged', LIVE);
    await expect(row.getByTestId('acked-by')).toContainText('Zeynep Demir');

    // The other console: the sticky critical toast goes away by itself, the row says who.
    await expect(salesToast).toHaveCount(0, LIVE);
    await openScreen(sales, 'alerts');
    const salesRow = rowOf(sales, `OUT_OF_STOCK:${sku}`);
    await expect(salesRow).toHaveAttribute('data-state', 'acknowledged', LIVE);
    await expect(salesRow.getByTestId('acked-by')).toContainText('Zeynep Demir onayladı');
  } finally {
    await sales.context().close();
  }
});

test('snooze one alert for an hour, then acknowledge the rest in bulk', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const batch = unique('E2E-BULK');
  const skus = [1, 2, 3].map((n) => `${batch}-${n}`);
  await post(...skus.map((s) => outOfStock(s, 0)));
  await openScreen(page, 'alerts');
  await page.getByLabel('Ara').fill(batch);
  const rows = page.locator('[data-alert-key]');
  await expect(rows).toHaveCount(3, LIVE);

  const first = rowOf(page, `OUT_OF_STOCK:${skus[0]}`);
  await expect(first).toHaveAttribute('data-priority', 'high');
  await first.getByRole('button', { name: /^Ertele:/ }).click();
  await first.getByRole('button', { name: '1 saat' }).click();
  await expect(first.getByTestId('snoozed-until')).toContainText('Ertelendi', LIVE);

  await page.getByTestId('alerts-select-all').check();
  await expect(page.getByText('3 seçili')).toBeVisible();
  await page.getByRole('button', { name: 'Seçilenleri onayla (3)' }).click();
  for (const s of skus) {
    await expect(rowOf(page, `OUT_OF_STOCK:${s}`)).toHaveAttribute('data-state', 'acknowledged', LIVE);
  }
  await expect(first.getByTestId('snoozed-until')).toBeVisible();
});

test('the list holds still under the pointer: a new alert is counted, not inserted, until the pointer leaves', async ({
  page,
}) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const batch = unique('E2E-HOLD');
  await post(outOfStock(`${batch}-1`, 0), outOfStock(`${batch}-2`, 0));
  await openScreen(page, 'alerts');
  await page.getByLabel('Ara').fill(batch);
  const rows = page.locator('[data-alert-key]');
  await expect(rows).toHaveCount(2, LIVE);
  const before = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-key')));

  // The pointer rests on the second row, where a click would go.
  await rowOf(page, `OUT_OF_STOCK:${batch}-1`).hover();
  await post(outOfStock(`${batch}-3`, 0));
  const notice = page.getByTestId('alerts-held');
  await expect(notice).toHaveText('Duraklatıldı · 1 yeni uyarı', LIVE);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-key')))).toEqual(before);

  // Leaving the list shows it as it is now, newest first.
  await page.mouse.move(5, 5);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAttribute('data-alert-key', `OUT_OF_STOCK:${batch}-3`);
  await expect(notice).toHaveCount(0);

  // Acknowledged, so the next console does not greet its user with these.
  await page.getByTestId('alerts-select-all').check();
  await page.getByTestId('alerts-bulk-ack').click();
  for (let n = 1; n <= 3; n++) {
    await expect(rowOf(page, `OUT_OF_STOCK:${batch}-${n}`)).toHaveAttribute('data-state', 'acknowledged', LIVE);
  }
});

test('Esc dismisses a toast, even a sticky critical one', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const sku = unique('E2E-ESC');
  await post(outOfStock(sku, 1));
  const toast = toastOf(page, sku);
  await expect(toast).toBeVisible(LIVE);
  await post(priceUpdate());
  await expect(page.locator('[data-toast-id]')).toHaveCount(2, LIVE);
  await page.waitForTimeout(400); // the slide-in settled
  await screenshot(page, 'toasts-tr-light');
  // Esc takes the newest toast first (the buy box), then the sticky critical one.
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-toast-id]')).toHaveCount(1);
  await expect(toast).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
});

test('keyboard only: filter, select and acknowledge without the mouse', async ({ page }) => {
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const batch = unique('E2E-KBD');
  await post(outOfStock(`${batch}-1`, 0), outOfStock(`${batch}-2`, 0), outOfStock(`${batch}-3`, 4));
  await openScreen(page, 'alerts');
  await expect(page.locator(`[data-alert-key^="OUT_OF_STOCK:${batch}"]`)).toHaveCount(3, LIVE);

  await tabTo(page, page.getByLabel('Ara'));
  await page.keyboard.type(batch);
  // Only the high ones: the critical oversell stays out.
  await tabTo(page, page.getByRole('checkbox', { name: 'Yüksek' }));
  await page.keyboard.press('Space');
  const rows = page.locator('[data-alert-key]');
  await expect(rows).toHaveCount(2);
  await expect(rowOf(page, `OUT_OF_STOCK:${batch}-3`)).toHaveCount(0);

  await tabTo(page, page.getByTestId('alerts-select-all'));
  await page.keyboard.press('Space');
  await expect(page.getByText('2 seçili')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Seçilenleri onayla (2)' }));
  await page.keyboard.press('Enter');
  for (const n of [1, 2]) {
    await expect(rowOf(page, `OUT_OF_STOCK:${batch}-${n}`)).toHaveAttribute('data-state', 'acknowledged', LIVE);
  }
  // A single row by keyboard too: its snooze menu opens, Esc closes it and focus returns.
  const snooze = rowOf(page, `OUT_OF_STOCK:${batch}-1`).getByRole('button', { name: /^Ertele:/ });
  await tabTo(page, snooze);
  await page.keyboard.press('Enter');
  await expect(snooze).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(snooze).toHaveAttribute('aria-expanded', 'false');
  await expect(snooze).toBeFocused();
});

/**
 * A varied alert history, different subjects per round `i` (fresh subjects each round, so every
 * screenshot shows recent activity): an oversell (twice), an
 * out-of-stock, a lost buy box, a rejected price, a rate limit, an auth failure and a ship-by
 * deadline near.
 */
async function postVariety(i: number): Promise<Record<'oversell' | 'price' | 'auth' | 'deadline', string>> {
  const pick = <T>(list: readonly T[]): T => list[i % list.length] as T;
  const oversellSku = pick(['KOT-SLM-LCV-32', 'SPR-AYK-SYH-42', 'ELB-YZL-KRM-S', 'TNC-CLK-24']);
  const price = priceUpdate();
  if (price.type !== 'PRICE_UPDATE') throw new Error('fixture');
  const priceSku = pick(['SPR-AYK-SYH-42', 'NVR-TKM-CFT', 'GZL-GNS-UV4', 'CNT-SRT-20L']);
  price.payload = { ...price.payload, sku: priceSku };
  const rejected = priceUpdate();
  if (rejected.type !== 'PRICE_UPDATE') throw new Error('fixture');
  rejected.marketplace = 'trendyol';
  rejected.payload = {
    kind: 'PRICE_REJECTED',
    sku: pick(['TRM-BRD-500', 'KHV-TRK-250', 'CAY-SYH-1000', 'BAL-CCK-850']),
    marketplace: 'trendyol',
    salePrice: { minor: 36_900, currency: 'TRY' },
    rejection: { batchId: randomUUID(), reasons: ['Satış fiyatı liste fiyatından büyük olamaz.'] },
  };
  const limited = systemAlert();
  if (limited.type !== 'SYSTEM_ALERT') throw new Error('fixture');
  const limitedMarket = pick(['hepsiburada', 'trendyol', 'amazon_tr', 'ciceksepeti'] as const);
  limited.marketplace = limitedMarket;
  limited.payload = {
    kind: 'RATE_LIMITED',
    marketplace: limitedMarket,
    component: 'stock',
    httpStatus: 429,
    retryAfterSec: 900,
    message: 'İstek limiti aşıldı; stok güncellemeleri bekletiliyor.',
  };
  const auth = systemAlert();
  if (auth.type !== 'SYSTEM_ALERT') throw new Error('fixture');
  const authMarket = pick(['n11', 'pazarama', 'n11', 'pazarama'] as const);
  const authComponent = i < 2 ? 'orders' : 'webhook';
  auth.marketplace = authMarket;
  auth.payload = {
    kind: 'AUTH_FAILED',
    marketplace: authMarket,
    component: authComponent,
    httpStatus: 401,
    message: 'API anahtarı reddedildi; entegrasyon ayarlarını kontrol edin.',
  };
  const order = orderCreated({ orderNumber: `TY-${20_250_000 + i}` });
  if (order.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  order.payload = {
    ...order.payload,
    kind: 'SHIP_DEADLINE_NEAR',
    status: 'picking',
    rawStatus: 'Picking',
    shipBy: new Date(Date.now() + 90 * 60_000).toISOString(),
  };
  await post(
    outOfStock(pick(['TSH-PMK-SYH-L', 'KLK-BT-ANC', 'SAT-KOL-GMS', 'OYN-BLK-500']), 0),
    price,
    rejected,
    limited,
    order,
    outOfStock(oversellSku, 4),
    auth,
  );
  await post(outOfStock(oversellSku, 3));
  return {
    oversell: `OUT_OF_STOCK:${oversellSku}`,
    price: `BUYBOX_LOST:hepsiburada:${priceSku}`,
    auth: `AUTH_FAILED:${authMarket}:${authComponent}`,
    deadline: `SHIP_DEADLINE_NEAR:trendyol:TY-${20_250_000 + i}`,
  };
}

test('the alert centre: axe in light and dark, screenshots in TR/EN × light/dark', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, gateway.url, DEMO_USERS.admin);
  await openScreen(page, 'alerts');
  const rounds = [
    ['tr', 'light'],
    ['tr', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const;
  for (const [i, [language, theme]] of rounds.entries()) {
    await look(page, language, theme);
    await expect(page.locator('h1')).toHaveText(language === 'tr' ? 'Uyarı merkezi' : 'Alert centre');
    const keys = await postVariety(i);
    await expect(rowOf(page, keys.auth)).toBeVisible(LIVE);
    await expect(rowOf(page, keys.oversell)).toContainText('×2', LIVE);
    // One acknowledged, one snoozed, so every state shows. By keyboard: the list re-sorts as the
    // feed's alerts arrive, and a pointer aimed at a row's button can land on its new neighbour.
    await rowOf(page, keys.price)
      .getByRole('button', { name: /^(Onayla|Acknowledge):/ })
      .press('Enter');
    await expect(rowOf(page, keys.price)).toHaveAttribute('data-state', 'acknowledged', LIVE);
    await rowOf(page, keys.deadline)
      .getByRole('button', { name: /^(Ertele|Snooze):/ })
      .press('Enter');
    await rowOf(page, keys.deadline)
      .getByRole('button', { name: language === 'tr' ? '1 saat' : '1 hour' })
      .click();
    await expect(rowOf(page, keys.deadline).getByTestId('snoozed-until')).toBeVisible(LIVE);
    await expectAccessible(page, `alerts ${language} ${theme}`);
    await screenshot(page, `alerts-${language}-${theme}`);
    if (language === 'tr' && theme === 'light') {
      await page.setViewportSize({ width: 960, height: 720 });
      await screenshot(page, 'alerts-tr-light-960');
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  }
});
