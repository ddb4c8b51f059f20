// The Orders screen against a real gateway process: live feed, claims between two people (with
// the conflict in place), notes, actions queued offline, keyboard-only work, axe and screenshots.
import { expect, test, type Page } from '@playwright/test';
import type { EventInput, Marketplace, OrderPayload } from '../protocol';
import { orderCreated } from '../protocol/test/fixtures';
import {
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

const MINUTE = 60_000;

/** An order fixture with some fields changed (status, ship-by, marketplace, lines…). */
function order(
  orderNumber: string,
  over: Omit<Partial<OrderPayload>, 'total'> & { marketplace?: Marketplace; total?: number } = {},
): EventInput {
  const { marketplace, total, ...payload } = over;
  const e = orderCreated({ orderNumber, total });
  if (e.type !== 'ORDER_NOTIFICATION') throw new Error('fixture');
  if (marketplace) e.marketplace = marketplace;
  Object.assign(e.payload, payload);
  return e;
}

async function post(...events: EventInput[]): Promise<void> {
  const res = await postEvents(gateway.url, events.length === 1 ? events[0] : { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

const row = (page: Page, orderNumber: string) => page.locator(`[role="row"][data-order-number="${orderNumber}"]`);

async function ordersAs(page: Page, username: string): Promise<void> {
  await signIn(page, gateway.url, username);
  await openScreen(page, 'orders');
  await expect(page.getByTestId('orders-grid')).toBeVisible();
}

test('a new order appears at the top of the feed, with its amount, countdown and status', async ({ page }) => {
  await ordersAs(page, 'depo');
  await post(
    order('E2E-NEW-1', {
      total: 123_450,
      shipBy: new Date(Date.now() + 2 * 60 * MINUTE + 15 * MINUTE + 30_000).toISOString(),
    }),
  );
  const r = row(page, 'E2E-NEW-1');
  await expect(r).toBeVisible({ timeout: 2000 });
  await expect(r).toContainText('₺1.234,50');
  await expect(r).toContainText('2 sa 15 dk kaldı');
  await expect(r).toContainText('Yeni');
  await expect(r).toContainText('İzmir');

  await post(order('E2E-NEW-2'));
  await expect(page.locator('[role="row"][data-order-number]').first()).toHaveAttribute(
    'data-order-number',
    'E2E-NEW-2',
  );
});

test('a claim shows for the other person; their claim is refused in place; release frees it', async ({
  page,
  browser,
}) => {
  await ordersAs(page, 'depo');
  const other = await secondUser(browser, gateway.url, 'satis');
  await openScreen(other, 'orders');
  await post(order('E2E-CLAIM-1'));

  // Presence: each sees the other on this screen.
  await expect(other.getByTestId('orders-presence')).toContainText('Ayşe Yılmaz');
  await expect(page.getByTestId('orders-presence')).toContainText('Mehmet Kaya');

  await row(page, 'E2E-CLAIM-1').click();
  await page.getByRole('button', { name: 'Üstlen' }).click();
  await expect(page.getByTestId('order-holder')).toHaveText('Bu siparişi siz üstlendiniz');
  await expect(page.getByTestId('order-claim')).toContainText('Siparişi üstlendiniz');

  await expect(row(other, 'E2E-CLAIM-1')).toContainText('Ayşe Yılmaz');
  await row(other, 'E2E-CLAIM-1').click();
  await expect(other.getByTestId('order-holder')).toHaveText('Sorumlu: Ayşe Yılmaz');
  await other.getByRole('button', { name: 'Üstlen' }).click();
  await expect(other.getByTestId('order-claim')).toContainText('Ayşe Yılmaz bu siparişle ilgileniyor');
  // A business refusal is the claim's answer, said where it was made: not connection trouble.
  await expect(other.getByTestId('failed-actions')).toHaveCount(0);

  await page.getByRole('button', { name: 'Bırak' }).click();
  await expect(page.getByTestId('order-claim')).toContainText('Siparişi bıraktınız');
  await expect(other.getByTestId('order-holder')).toHaveText('Henüz kimse üstlenmedi');
  await expect(other.getByTestId('order-claim')).not.toContainText('ilgileniyor');
  await expect(row(other, 'E2E-CLAIM-1').locator('.ord-c-holder')).toHaveText('—');

  // Now free, the other person's claim goes through.
  await other.getByRole('button', { name: 'Üstlen' }).click();
  await expect(other.getByTestId('order-holder')).toHaveText('Bu siparişi siz üstlendiniz');
  await expect(page.getByTestId('order-holder')).toHaveText('Sorumlu: Mehmet Kaya');
  await other.context().close();
});

test('a note added in one console shows in the other', async ({ page, browser }) => {
  await ordersAs(page, 'depo');
  const other = await secondUser(browser, gateway.url, 'satis');
  await openScreen(other, 'orders');
  await post(order('E2E-NOTE-1'));
  await row(page, 'E2E-NOTE-1').click();
  await row(other, 'E2E-NOTE-1').click();

  await page.getByLabel('Yeni not').fill('Kutu hasarlı, yeniden paketlenecek.');
  await page.getByRole('button', { name: 'Notu ekle' }).click();
  await expect(page.getByTestId('order-notes')).toContainText('Not kaydedildi');
  await expect(page.getByLabel('Yeni not')).toHaveValue('');

  const notes = other.getByTestId('order-notes');
  await expect(notes).toContainText('Kutu hasarlı, yeniden paketlenecek.');
  await expect(notes).toContainText('Ayşe Yılmaz');
  await other.context().close();
});

test('offline, a claim and a note wait in the outbox and are applied when back online', async ({ page, browser }) => {
  await ordersAs(page, 'depo');
  const other = await secondUser(browser, gateway.url, 'satis');
  await openScreen(other, 'orders');
  await post(order('E2E-OFF-1'));
  await row(page, 'E2E-OFF-1').click();
  await row(other, 'E2E-OFF-1').click();

  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-state')).toHaveText(/Çevrimdışı/);
  await page.getByRole('button', { name: 'Üstlen' }).click();
  const claim = page.getByTestId('order-claim');
  await expect(claim).toContainText('Üstlenme kuyrukta, bağlantı gelince gönderilecek');
  await expect(page.getByRole('button', { name: 'Üstlen' })).toBeDisabled();
  await page.getByLabel('Yeni not').fill('Çevrimdışıyken yazıldı.');
  await page.getByRole('button', { name: 'Notu ekle' }).click();
  const notes = page.getByTestId('order-notes');
  await expect(notes).toContainText('Not kuyrukta, bağlantı gelince gönderilecek');
  await expect(notes.locator('[data-queued]')).toContainText('Çevrimdışıyken yazıldı.');
  await expect(notes.locator('[data-queued]')).toContainText('Kuyrukta');
  // Nothing reached the other console.
  await expect(other.getByTestId('order-holder')).toHaveText('Henüz kimse üstlenmedi');

  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/, { timeout: 20_000 });
  await expect(claim).toContainText('Siparişi üstlendiniz', { timeout: 10_000 });
  await expect(page.getByTestId('order-holder')).toHaveText('Bu siparişi siz üstlendiniz');
  await expect(notes).toContainText('Not kaydedildi');
  await expect(notes.locator('[data-queued]')).toHaveCount(0);
  await expect(notes).toContainText('Çevrimdışıyken yazıldı.');

  await expect(other.getByTestId('order-holder')).toHaveText('Sorumlu: Ayşe Yılmaz');
  await expect(other.getByTestId('order-notes')).toContainText('Çevrimdışıyken yazıldı.');
  await other.context().close();
});

test('keyboard only: reach the feed, open an order and claim it', async ({ page }) => {
  await ordersAs(page, 'depo');
  await post(order('E2E-KEY-1'), order('E2E-KEY-2'), order('E2E-KEY-3'));
  await expect(row(page, 'E2E-KEY-3')).toBeVisible();
  // Start from the top of the page, as after loading it.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'row');
  }
  expect(reached, 'Tab reaches a row of the feed').toBe(true);
  // Newest first: the first row is E2E-KEY-3; two down is E2E-KEY-1.
  await expect(row(page, 'E2E-KEY-3')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'E2E-KEY-2')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'E2E-KEY-1')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(page, 'E2E-KEY-1')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: /E2E-KEY-1/ })).toBeFocused();

  const claim = page.getByRole('button', { name: 'Üstlen' });
  let onClaim = false;
  for (let i = 0; i < 10 && !onClaim; i++) {
    await page.keyboard.press('Tab');
    onClaim = await claim.evaluate((el) => el === document.activeElement);
  }
  expect(onClaim, 'Tab reaches the claim button').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-holder')).toHaveText('Bu siparişi siz üstlendiniz');

  // Escape closes the panel and gives the focus back to the row.
  await page.keyboard.press('Escape');
  await expect(row(page, 'E2E-KEY-1')).toBeFocused();
  await expect(row(page, 'E2E-KEY-1')).toContainText('Ayşe Yılmaz');
});

/** Orders of every kind, for the accessibility checks and the screenshots. */
function showcase(): EventInput[] {
  const at = (min: number) => new Date(Date.now() + min * MINUTE).toISOString();
  const line = (sku: string, title: string, qty: number, minor: number) => ({
    sku,
    title,
    qty,
    unitPrice: { minor, currency: 'TRY' as const },
  });
  return [
    order('SHOT-1011', { marketplace: 'pazarama', status: 'delivered', rawStatus: 'Delivered', total: 45_990 }),
    order('SHOT-1010', {
      marketplace: 'ciceksepeti',
      status: 'shipped',
      rawStatus: 'Shipped',
      total: 89_900,
      customerCity: 'Antalya',
      cargo: { provider: 'Yurtiçi Kargo', trackingNumber: '7281934410' },
    }),
    order('SHOT-1009', { marketplace: 'amazon_tr', status: 'cancelled', rawStatus: 'Canceled', total: 249_900 }),
    order('SHOT-1008', {
      marketplace: 'n11',
      status: 'invoiced',
      rawStatus: 'Invoiced',
      total: 1_299_000,
      shipBy: at(60 * 26),
      customerCity: 'Bursa',
    }),
    order('SHOT-1007', {
      marketplace: 'webshop',
      status: 'new',
      rawStatus: 'Created',
      total: 34_950,
      shipBy: at(60 * 7),
      customerCity: 'Eskişehir',
    }),
    order('SHOT-1006', {
      marketplace: 'hepsiburada',
      status: 'picking',
      rawStatus: 'Open',
      total: 64_990,
      shipBy: at(50),
      customerCity: 'Ankara',
    }),
    order('SHOT-1005', {
      marketplace: 'trendyol',
      kind: 'SHIP_DEADLINE_MISSED',
      status: 'picking',
      rawStatus: 'Picking',
      total: 18_990,
      shipBy: at(-45),
      customerCity: 'Konya',
    }),
    order('SHOT-1004', {
      marketplace: 'trendyol',
      status: 'new',
      rawStatus: 'Created',
      total: 156_780,
      shipBy: at(135),
      autoCancelAt: at(60 * 50),
      customerCity: 'İstanbul',
      cargo: { provider: 'Trendyol Express', trackingNumber: '7330012345678' },
      lines: [
        line('TSH-PMK-BYZ-M', 'Pamuklu Basic Tişört Beyaz M', 2, 24_990),
        line('KOT-SLM-LCV-32', 'Slim Fit Kot Pantolon Lacivert 32', 1, 69_900),
        line('CRP-SPR-SYH-40', 'Spor Çorap 3’lü Siyah 40-44', 1, 36_900),
      ],
    }),
  ];
}

/**
 * look() reloads the page: the host resumes from the positions it saved and, asked by the new page
 * for every channel's state, brings the orders back from a snapshot, claims and notes included.
 */
async function lookWithOrders(page: Page, language: 'tr' | 'en', theme: 'light' | 'dark'): Promise<void> {
  // Positions saved first, so the reload resumes from them (the case that needs the state reload).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('meschain-live:positions') !== null), { timeout: 10_000 })
    .toBe(true);
  await look(page, language, theme);
}

/** The showcase's urgent orders raise toasts over the panel: leave them out of the picture. */
async function hideToasts(page: Page): Promise<void> {
  await page.evaluate(() =>
    document.querySelectorAll<HTMLElement>('.toast-region').forEach((e) => (e.style.visibility = 'hidden')),
  );
}

async function selectShowcase(page: Page): Promise<void> {
  await row(page, 'SHOT-1004').click();
  await expect(page.getByRole('heading', { level: 2, name: /SHOT-1004/ })).toBeVisible();
}

test('the Orders screen: no serious axe violation in light and dark; screenshots in both languages', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await ordersAs(page, 'depo');
  const other = await secondUser(browser, gateway.url, 'satis');
  await openScreen(other, 'orders');
  await post(...showcase());
  await expect(row(page, 'SHOT-1004')).toBeVisible();
  // A claim and a note, so the panel and the holder column have something to show.
  await row(other, 'SHOT-1006').click();
  await other.getByRole('button', { name: 'Üstlen' }).click();
  await expect(row(page, 'SHOT-1006')).toContainText('Mehmet Kaya');
  await row(other, 'SHOT-1004').click();
  await other.getByLabel('Yeni not').fill('Müşteri hediye paketi istedi, faturayı kutuya koymayın.');
  // Ctrl+Enter adds it (the toasts of these urgent orders may cover the button).
  await other.getByLabel('Yeni not').press('Control+Enter');
  await row(page, 'SHOT-1004').click();
  await page.getByRole('button', { name: 'Üstlen' }).click();
  await expect(page.getByTestId('order-notes')).toContainText('hediye paketi');

  // 960 px wide: no sideways scrolling; the panel opens over the feed, and closes.
  await page.setViewportSize({ width: 960, height: 720 });
  await expect(page.getByTestId('order-detail')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(960);
  await expect(row(page, 'SHOT-1005').locator('.ord-c-shipBy')).toBeVisible();
  await hideToasts(page);
  await screenshot(page, 'orders-tr-light-960');
  await page.getByRole('button', { name: 'Ayrıntıyı kapat' }).click();
  await expect(page.getByTestId('order-detail')).toBeHidden();
  await page.setViewportSize({ width: 1440, height: 900 });

  for (const language of ['tr', 'en'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await lookWithOrders(page, language, theme);
      await expect(row(page, 'SHOT-1004')).toBeVisible();
      await selectShowcase(page);
      await expect(page.getByTestId('orders-presence')).toContainText('Mehmet Kaya');
      await expectAccessible(page, `orders ${language} ${theme}`);
      await page.mouse.move(0, 0);
      await hideToasts(page);
      await screenshot(page, `orders-${language}-${theme}`);
    }
  }
  await other.context().close();
});
