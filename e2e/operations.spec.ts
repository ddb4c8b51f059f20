// The stock, prices and system screens against a real gateway with the demo feed (20 events/s):
// rows from the feed and from events the test posts (to be sure of each kind), axe in both themes,
// screenshots in TR/EN × light/dark.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { EventInput } from '../protocol';
import { inventoryChange, metricUpdate, priceUpdate, systemAlert } from '../protocol/test/fixtures';
import {
  DEMO_USERS,
  expectAccessible,
  look,
  openScreen,
  postEvents,
  screenshot,
  signIn,
  useDemoGateway,
} from './support/console';

const gateway = useDemoGateway({ feed: 20 });

const LIVE = { timeout: 30_000 };
const now = () => new Date().toISOString();
const tl = (minor: number) => ({ minor, currency: 'TRY' as const });

// SKUs the demo catalogue does not have, so the feed does not overwrite what the test posts.
const SKU = {
  oversell: 'KPA-BRD-330',
  low: 'MUM-SOY-200',
  pushFailed: 'PTK-YUN-150',
  mismatch: 'ORT-KTN-4060',
  lost: 'LMB-MSA-E27',
  undercut: 'DFT-SPR-A5',
  rejected: 'KLM-TUK-BLU',
};

function stock(
  sku: string,
  kind: 'LOW_STOCK' | 'OUT_OF_STOCK' | 'STOCK_PUSH_FAILED' | 'STOCK_MISMATCH',
  available: number,
  channels: { marketplace: 'trendyol' | 'hepsiburada' | 'n11'; push: 'ok' | 'pending' | 'failed'; listed: number }[],
): EventInput {
  const e = inventoryChange();
  if (e.type !== 'INVENTORY_CHANGE') throw new Error('fixture');
  return {
    ...e,
    payload: {
      ...e.payload,
      kind,
      sku,
      onHand: available + 2,
      reserved: 2,
      available,
      previous: available + 3,
      threshold: 10,
      channels: channels.map((c) => ({
        marketplace: c.marketplace,
        pushStatus: c.push,
        lastPushedAt: now(),
        listedQty: c.listed,
      })),
    },
  };
}

function price(
  sku: string,
  kind: 'BUYBOX_LOST' | 'COMPETITOR_UNDERCUT' | 'PRICE_REJECTED',
  marketplace: 'hepsiburada' | 'trendyol' | 'amazon_tr',
): EventInput {
  const e = priceUpdate();
  if (e.type !== 'PRICE_UPDATE') throw new Error('fixture');
  const base = { sku, marketplace, salePrice: tl(45_900), listPrice: tl(52_900) };
  e.marketplace = marketplace;
  e.payload =
    kind === 'PRICE_REJECTED'
      ? {
          ...base,
          kind,
          salePrice: tl(58_900),
          rejection: {
            batchId: randomUUID(),
            reasons: [
              'Satış fiyatı liste fiyatından büyük olamaz.',
              'Aynı içerikli istek 15 dakika içinde tekrar gönderilemez.',
            ],
          },
        }
      : {
          ...base,
          kind,
          buybox:
            kind === 'BUYBOX_LOST'
              ? { rank: 3, winnerPrice: tl(43_450), contested: true, isOurs: false }
              : { rank: 1, winnerPrice: tl(44_990), contested: true, isOurs: true },
        };
  return e;
}

function system(
  marketplace: 'trendyol' | 'n11' | 'hepsiburada' | 'pazarama' | 'ciceksepeti' | 'amazon_tr',
  payload: Partial<Extract<EventInput, { type: 'SYSTEM_ALERT' }>['payload']>,
): EventInput {
  const e = systemAlert();
  if (e.type !== 'SYSTEM_ALERT') throw new Error('fixture');
  e.marketplace = marketplace;
  e.payload = { ...e.payload, marketplace, ...payload };
  return e;
}

function lag(seconds: number, marketplace: 'trendyol' | 'n11'): EventInput {
  const e = metricUpdate({ syncLagSec: seconds });
  if (e.type !== 'METRIC_UPDATE') throw new Error('fixture');
  e.marketplace = marketplace;
  e.payload = { ...e.payload, marketplace };
  return e;
}

/** One of each kind the three screens list (posted after a reload: the lists start empty). */
async function postFixtures(): Promise<void> {
  const events = [
    stock(SKU.oversell, 'OUT_OF_STOCK', 0, [
      { marketplace: 'trendyol', push: 'pending', listed: 2 },
      { marketplace: 'hepsiburada', push: 'ok', listed: 0 },
      { marketplace: 'n11', push: 'ok', listed: 0 },
    ]),
    stock(SKU.low, 'LOW_STOCK', 4, [
      { marketplace: 'trendyol', push: 'ok', listed: 4 },
      { marketplace: 'hepsiburada', push: 'ok', listed: 4 },
    ]),
    stock(SKU.pushFailed, 'STOCK_PUSH_FAILED', 36, [
      { marketplace: 'trendyol', push: 'failed', listed: 41 },
      { marketplace: 'n11', push: 'ok', listed: 36 },
    ]),
    stock(SKU.mismatch, 'STOCK_MISMATCH', 18, [{ marketplace: 'hepsiburada', push: 'ok', listed: 22 }]),
    price(SKU.lost, 'BUYBOX_LOST', 'hepsiburada'),
    price(SKU.undercut, 'COMPETITOR_UNDERCUT', 'amazon_tr'),
    price(SKU.rejected, 'PRICE_REJECTED', 'trendyol'),
    system('trendyol', {
      kind: 'WEBHOOK_DISABLED',
      component: 'webhook',
      httpStatus: 410,
      message: 'Webhook 5 başarısız denemeden sonra devre dışı bırakıldı.',
    }),
    system('n11', { kind: 'API_ERROR', component: 'price', httpStatus: 502, errorCode: 'BAD_GATEWAY' }),
    system('hepsiburada', {
      kind: 'SYNC_LAG',
      component: 'queue',
      lagSec: 420,
      queueDepth: 1280,
      httpStatus: undefined,
      errorCode: undefined,
      traceId: undefined,
      message: 'Stok güncellemeleri kuyrukta bekliyor.',
    }),
    lag(960, 'trendyol'),
    lag(45, 'n11'),
  ];
  const res = await postEvents(gateway.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

async function clearToasts(page: Page): Promise<void> {
  const toasts = page.locator('[data-toast-id]');
  for (let i = 0; i < 12 && (await toasts.count()) > 0; i++) await page.keyboard.press('Escape');
}

const tracked = (page: Page) => page.getByTestId('tile-tracked').locator('.ops-tile-value');

async function expectStockRows(page: Page): Promise<void> {
  const oversell = page.getByTestId('panel-stock-out').locator(`tr[data-sku="${SKU.oversell}"]`);
  await expect(oversell).toHaveAttribute('data-oversell', 'true', LIVE);
  await expect(page.getByTestId('panel-stock-low').locator(`tr[data-sku="${SKU.low}"]`)).toBeVisible(LIVE);
  await expect(page.getByTestId('panel-stock-issues').locator(`tr[data-sku="${SKU.pushFailed}"]`)).toBeVisible(LIVE);
}

async function expectPriceRows(page: Page): Promise<void> {
  await expect(page.locator(`[data-price-key="hepsiburada:${SKU.lost}"]`)).toBeVisible(LIVE);
  await expect(page.locator(`[data-price-key="amazon_tr:${SKU.undercut}"]`)).toBeVisible(LIVE);
  await expect(page.locator(`[data-price-key="trendyol:${SKU.rejected}"]`)).toBeVisible(LIVE);
}

async function expectSystemRows(page: Page): Promise<void> {
  await expect(page.locator('[data-cell="trendyol:webhook"]')).toHaveAttribute('data-state', 'error', LIVE);
  await expect(page.locator('[data-cell="n11:price"]')).toHaveAttribute('data-state', 'error', LIVE);
  await expect(page.locator('[data-lag-scope="trendyol"]')).toHaveAttribute('data-level', 'critical', LIVE);
  await expect(page.locator('[data-lag-scope="hepsiburada"]')).toHaveAttribute('data-level', 'warning', LIVE);
  await expect(page.locator('[data-lag-scope="n11"]')).toHaveAttribute('data-level', 'ok', LIVE);
}

test('stock, prices and system show what the feed and the producers report', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, gateway.url, DEMO_USERS.admin);
  await postFixtures();

  await openScreen(page, 'stock');
  await expectStockRows(page);
  await expect(page.getByTestId('panel-stock-out')).toContainText('Satış riski');
  // The feed itself: every order moves stock, so SKUs of the demo catalogue show up too.
  await expect.poll(async () => Number(await tracked(page).textContent()), LIVE).toBeGreaterThan(4);

  await openScreen(page, 'prices');
  await expectPriceRows(page);
  const lost = page.locator(`[data-price-key="hepsiburada:${SKU.lost}"]`);
  await expect(lost).toContainText('₺459,00');
  await expect(lost).toContainText('₺434,50');
  await expect(lost).toContainText('3. sıra');
  await expect(page.locator(`[data-price-key="trendyol:${SKU.rejected}"]`)).toContainText(
    'Satış fiyatı liste fiyatından büyük olamaz.',
  );

  await openScreen(page, 'system');
  await expectSystemRows(page);
  await expect(page.locator('[data-cell="trendyol:webhook"]')).toContainText('HTTP 410');
  await expect(page.getByTestId('panel-system-issues')).toContainText('Webhook 5 başarısız denemeden sonra');
  // The demo producer reports the overall lag now and then.
  await expect(page.locator('[data-lag-scope="*"]')).toBeVisible({ timeout: 60_000 });
});

test('stock, prices and system: axe in light and dark, screenshots in TR/EN × light/dark', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, gateway.url, DEMO_USERS.admin);
  await openScreen(page, 'stock');
  const rounds = [
    ['tr', 'light'],
    ['tr', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const;
  for (const [language, theme] of rounds) {
    await look(page, language, theme);
    // Live again (the feed's stock events arrive) before posting: what is posted while the
    // console resubscribes would only reach it through a snapshot, which has no stock rows.
    await openScreen(page, 'stock');
    await expect.poll(async () => Number(await tracked(page).textContent()), LIVE).toBeGreaterThan(0);
    await postFixtures();
    for (const [view, expectRows] of [
      ['stock', expectStockRows],
      ['prices', expectPriceRows],
      ['system', expectSystemRows],
    ] as const) {
      await openScreen(page, view);
      await expectRows(page);
      await expectAccessible(page, `${view} ${language} ${theme}`);
      // The screen itself in the picture: the feed's toasts put aside (Esc takes the newest).
      await clearToasts(page);
      await screenshot(page, `${view}-${language}-${theme}`);
      if (language === 'tr' && theme === 'light') {
        await page.setViewportSize({ width: 960, height: 720 });
        await clearToasts(page);
        await screenshot(page, `${view}-${language}-${theme}-960`);
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    }
  }
});

test("after a reload, stock, prices and system show the open alerts' rows again without anything new", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, gateway.url, DEMO_USERS.admin);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const sku = {
    oversell: `E2E-OOS-${tag}`,
    low: `E2E-LOW-${tag}`,
    pushFailed: `E2E-PSH-${tag}`,
    lost: `E2E-BBX-${tag}`,
    rejected: `E2E-REJ-${tag}`,
  };
  // Each one opens an alert (high or critical, or a system alert): what a snapshot can restore. The
  // system cells are ones the demo feed never reports on (it only touches orders and stock).
  const events: EventInput[] = [
    stock(sku.oversell, 'OUT_OF_STOCK', 0, [
      { marketplace: 'trendyol', push: 'pending', listed: 2 },
      { marketplace: 'hepsiburada', push: 'ok', listed: 0 },
    ]),
    // A top seller's low stock: the producer raises it to high.
    { ...stock(sku.low, 'LOW_STOCK', 4, [{ marketplace: 'trendyol', push: 'ok', listed: 4 }]), priority: 'high' },
    stock(sku.pushFailed, 'STOCK_PUSH_FAILED', 36, [{ marketplace: 'trendyol', push: 'failed', listed: 41 }]),
    price(sku.lost, 'BUYBOX_LOST', 'hepsiburada'),
    price(sku.rejected, 'PRICE_REJECTED', 'trendyol'),
    system('pazarama', {
      kind: 'AUTH_FAILED',
      component: 'webhook',
      httpStatus: 401,
      message: 'Pazarama kimlik doğrulaması reddedildi.',
    }),
    system('ciceksepeti', { kind: 'RATE_LIMITED', component: 'price', httpStatus: 429, retryAfterSec: 900 }),
    system('amazon_tr', {
      kind: 'SYNC_LAG',
      component: 'queue',
      lagSec: 1000,
      httpStatus: undefined,
      errorCode: undefined,
      traceId: undefined,
      message: 'Amazon stok kuyruğu geride.',
    }),
  ];
  const res = await postEvents(gateway.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const accepted = (res.json as { accepted: { channel: string; offset: number }[] }).accepted;

  const expectRows = async () => {
    await openScreen(page, 'stock');
    await expect(page.getByTestId('panel-stock-out').locator(`tr[data-sku="${sku.oversell}"]`)).toHaveAttribute(
      'data-oversell',
      'true',
      LIVE,
    );
    await expect(page.getByTestId('panel-stock-low').locator(`tr[data-sku="${sku.low}"]`)).toBeVisible(LIVE);
    await expect(page.getByTestId('panel-stock-issues').locator(`tr[data-sku="${sku.pushFailed}"]`)).toBeVisible(LIVE);

    await openScreen(page, 'prices');
    const lost = page.locator(`[data-price-key="hepsiburada:${sku.lost}"]`);
    await expect(lost).toContainText('₺434,50', LIVE);
    await expect(lost).toContainText('3. sıra');
    await expect(page.locator(`[data-price-key="trendyol:${sku.rejected}"]`)).toContainText(
      'Satış fiyatı liste fiyatından büyük olamaz.',
      LIVE,
    );

    await openScreen(page, 'system');
    const auth = page.locator('[data-cell="pazarama:webhook"]');
    await expect(auth).toHaveAttribute('data-state', 'error', LIVE);
    await expect(auth).toContainText('HTTP 401');
    await expect(page.locator('[data-cell="ciceksepeti:price"]')).toHaveAttribute('data-state', 'limited', LIVE);
    await expect(page.locator('[data-cell="amazon_tr:queue"]')).toHaveAttribute('data-state', 'error', LIVE);
    await expect(page.locator('[data-lag-scope="amazon_tr"]')).toHaveAttribute('data-level', 'critical', LIVE);
    await expect(page.getByTestId('panel-system-issues')).toContainText('Pazarama kimlik doğrulaması reddedildi.');

    // The alert centre: the oversell row's details come from its latest event.
    await openScreen(page, 'alerts');
    await expect(page.locator(`[data-alert-key="OUT_OF_STOCK:${sku.oversell}"]`)).toContainText(
      'Hâlâ satışta: Trendyol (2)',
      LIVE,
    );
  };
  await expectRows();

  // The saved positions are past these events, so the reload cannot replay them: only the channels'
  // snapshots can bring the rows back.
  const saved = () =>
    page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith('positions'));
      const value = key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { channels?: unknown }) : {};
      return (value.channels ?? {}) as Record<string, { offset: number }>;
    });
  await expect
    .poll(async () => {
      const positions = await saved();
      return accepted.every((a) => (positions[a.channel]?.offset ?? 0) >= a.offset);
    }, LIVE)
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$|Connected$/, { timeout: 15_000 });
  await expectRows();
});
