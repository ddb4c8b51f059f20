// Finding things the live console no longer holds, against a real gateway in Chromium: an order
// posted before 1,500 newer ones, a healthy SKU, a resolved alert after a reload, the orders CSV,
// and the main tasks on a 390×844 phone screen.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { EventInput } from '../protocol';
import { inventoryChange, orderCreated } from '../protocol/test/fixtures';
import { openScreen, postEvents, screenshot, signIn, useDemoGateway } from './support/console';

const gateway = useDemoGateway({ feed: 0 });

async function post(events: EventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await postEvents(gateway.url, { events: events.slice(i, i + 500) });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
  }
}

function stock(sku: string, kind: 'LOW_STOCK' | 'STOCK_CHANGED', available: number, priority?: 'high'): EventInput {
  const e = inventoryChange();
  if (e.type !== 'INVENTORY_CHANGE') throw new Error('fixture');
  Object.assign(e.payload, { kind, sku, available, onHand: available + 1, reserved: 1 });
  e.payload.channels = [{ marketplace: 'trendyol', pushStatus: 'ok', listedQty: Math.max(0, available) }];
  return priority ? { ...e, priority } : e;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const old = orderCreated({ orderNumber: 'E2E-OLD-1' });
  if (old.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  old.payload.customerCity = 'Çanakkale; "merkez"';
  await post([old]);
  await post(Array.from({ length: 1500 }, (_, i) => orderCreated({ orderNumber: `E2E-NEWER-${i}` })));
  await post([stock('E2E-HEALTHY-1', 'STOCK_CHANGED', 120)]);
  await post([stock('E2E-SHORT-1', 'LOW_STOCK', 2, 'high')]);
  await post([stock('E2E-SHORT-1', 'STOCK_CHANGED', 50)]); // resolves its alert
  await post([stock('E2E-PHONE-1', 'LOW_STOCK', 1, 'high')]);
});

const search = (page: Page) => page.getByLabel('Sipariş ara');

test('finds an order posted before 1,500 newer ones, with the count the server gives', async ({ page }) => {
  await signIn(page, gateway.url, 'depo');
  await openScreen(page, 'orders');
  await search(page).fill('e2e-old-1');
  const row = page.locator('[role="row"][data-order-number="E2E-OLD-1"]');
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('orders-summary')).toHaveText('1 sipariş bulundu');
  await row.click();
  await expect(page.getByTestId('order-detail')).toContainText('E2E-OLD-1');
  // Its history, from the gateway: the order as received.
  await expect(page.getByTestId('order-timeline')).toContainText('Sipariş alındı', { timeout: 10_000 });
});

test('exports the found orders; the CSV opens as Turkish Excel reads it', async ({ page }) => {
  await signIn(page, gateway.url, 'depo');
  await openScreen(page, 'orders');
  await search(page).fill('E2E-OLD-1');
  await expect(page.getByTestId('orders-summary')).toHaveText('1 sipariş bulundu', { timeout: 10_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Dışa aktar' }).click();
  const file = await download;
  // Straight from the gateway with a download ticket: the page never held the file.
  expect(file.url()).toMatch(/\/v1\/orders\?format=csv&q=E2E-OLD-1&.*ticket=[\w-]{43}/);
  await expect(page.getByTestId('export-orders-status')).toHaveText(/^İndirme başladı: siparisler-/);
  expect(file.suggestedFilename()).toMatch(/^siparisler-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await file.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines[0]?.startsWith('Sipariş no;Pazaryeri;')).toBe(true);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('E2E-OLD-1;Trendyol;');
  expect(lines[1]).toContain(';"Çanakkale; ""merkez""";');
});

test('looks up a healthy SKU the trouble lists do not show', async ({ page }) => {
  await signIn(page, gateway.url, 'depo');
  await openScreen(page, 'stock');
  await page.getByLabel('Ürün ara').fill('e2e-healthy');
  const row = page.getByTestId('stock-lookup').locator('tr[data-sku="E2E-HEALTHY-1"]');
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText('120');
  await expect(row).toContainText('Yeterli');
});

test('a resolved alert is still there after a reload, in the history', async ({ page }) => {
  await signIn(page, gateway.url, 'yonetici');
  await openScreen(page, 'alerts');
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 15_000 });
  await page.getByText('Uyarı geçmişi (çözülenler dahil)').click();
  const item = page.getByTestId('alert-history').locator('li[data-alert-key="LOW_STOCK:E2E-SHORT-1"]');
  await expect(item).toBeVisible({ timeout: 10_000 });
  await expect(item).toHaveAttribute('data-state', 'resolved');
  await expect(item).toContainText('Otomatik çözdü');
});

test('print preview of a pick list: lines grouped by SKU, alone on the printed page', async ({ page }) => {
  await signIn(page, gateway.url, 'depo');
  await openScreen(page, 'orders');
  // Headless Chromium has no print dialog: count the calls instead.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await search(page).fill('E2E-OLD-1');
  await expect(page.getByTestId('orders-summary')).toHaveText('1 sipariş bulundu', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Yazdır' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const pick = page.getByTestId('pick-list');
  await expect(pick).toBeVisible();
  await expect(pick.locator('tr[data-sku="TSH-PMK-BYZ-M"]')).toContainText('8690000000017');
  await expect(page.getByTestId('packing-slip')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Siparişler' })).toBeHidden();
  await screenshot(page, 'print-pick-list');
  await page.emulateMedia({ media: 'screen' });
  await expect(pick).toBeHidden();
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  /** Words of the alert details laid out over two lines (a word cut in the middle). */
  const splitWords = (page: Page) =>
    page.evaluate(() => {
      const split: string[] = [];
      for (const p of document.querySelectorAll('.alerts-detail')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split.push(m[0]);
          }
        }
      }
      return split;
    });

  /** Buttons of the screen's header that run past the screen's right edge (cut off, not scrollable). */
  const cutButtons = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('.screen header button')]
        .filter((b) => b.getBoundingClientRect().right > window.innerWidth)
        .map((b) => b.textContent),
    );

  test('orders: search, open, claim — with no sideways scroll', async ({ page }) => {
    await signIn(page, gateway.url, 'depo');
    await openScreen(page, 'orders');
    expect(await cutButtons(page)).toEqual([]);
    await search(page).fill('E2E-OLD-1');
    const row = page.locator('[role="row"][data-order-number="E2E-OLD-1"]');
    await expect(row).toBeVisible({ timeout: 10_000 });
    await screenshot(page, 'phone-orders-search');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await row.click();
    const detail = page.getByTestId('order-detail');
    await detail.getByRole('button', { name: 'Üstlen' }).click();
    await expect(detail).toContainText('Bu siparişi siz üstlendiniz', { timeout: 10_000 });
    // The history follows the live change.
    await expect(detail.getByTestId('order-timeline')).toContainText('üstlendi', { timeout: 10_000 });
    await screenshot(page, 'phone-order-claimed');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });

  test('alerts: read and acknowledge — with no sideways scroll', async ({ page }) => {
    await signIn(page, gateway.url, 'depo');
    await openScreen(page, 'alerts');
    const ack = page.getByRole('button', { name: /^Onayla: .*E2E-PHONE-1/ });
    await expect(ack).toBeVisible({ timeout: 10_000 });
    await screenshot(page, 'phone-alerts');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(await cutButtons(page)).toEqual([]);
    const box = await ack.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await splitWords(page)).toEqual([]);
    await ack.click();
    await expect(ack).toBeHidden({ timeout: 10_000 });
    await screenshot(page, 'phone-alerts-acknowledged');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });

  test('a toast fits the phone screen', async ({ page }) => {
    await signIn(page, gateway.url, 'depo');
    await openScreen(page, 'orders');
    await post([stock('E2E-TOAST-WITH-A-LONG-SKU-NAME-1', 'LOW_STOCK', 0, 'high')]);
    const toast = page.locator('.toast').first();
    await expect(toast).toBeVisible({ timeout: 10_000 });
    // Measured where it rests, not while it slides in (the picture waits for the slide too).
    await screenshot(page, 'phone-toast');
    const box = await page.locator('.toast').first().boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });
});
