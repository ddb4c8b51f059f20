// The counts of the user's alerts as the gateway says them, and as the console shows them (the
// alert centre's header and the nav badge): the e2e tests check that they agree.
import { expect, type Page } from '@playwright/test';
import type { AlertCounts } from '../../protocol';
import { loginAs } from '../../server/test/live';

/** What the gateway counts for the user. */
export async function gatewayCounts(url: string, username: string): Promise<AlertCounts> {
  const { accessToken } = await loginAs(url, username);
  const res = await fetch(`${url}/v1/alerts/counts`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as AlertCounts;
}
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The alert centre's header: "X açık · Y kritik · Z okunmamış". */
export async function headerCounts(page: Page): Promise<{ open: number; critical: number; unread: number }> {
  const text = (await page.getByTestId('alerts-summary').textContent()) ?? '';
  const [open, critical, unread] = [...text.matchAll(/\d[\d.]*/g)].map((m) => Number(m[0].replace(/\./g, '')));
  return { open: open ?? NaN, critical: critical ?? NaN, unread: unread ?? NaN };
}
export async function navBadge(page: Page): Promise<number> {
  const badge = page.getByTestId('nav-badge');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

/** The open alerts the alert centre lists ("N / M uyarı gösteriliyor" with the state filter on open). */
async function listedOpen(page: Page): Promise<number> {
  const clear = page.getByRole('button', { name: 'Filtreleri temizle' });
  if (await clear.isVisible()) await clear.click();
  const state = page.getByRole('combobox', { name: 'Durum' });
  await state.selectOption('open');
  const text = (await page.locator('.alerts-showing').first().textContent()) ?? '';
  await state.selectOption('all');
  const m = /\/\s*([\d.]+)/.exec(text);
  return m ? Number((m[1] as string).replace(/\./g, '')) : NaN;
}

/**
 * On the alert centre, once the console has settled: its header (the host's count), the nav badge,
 * the rows it lists (the alert centre's own store) and the gateway all say the same.
 */
export async function expectCountsAgree(page: Page, url: string, username: string): Promise<void> {
  await page.mouse.move(5, 300); // off the list, so it does not hold
  await expect
    .poll(
      async () => {
        const gw = await gatewayCounts(url, username);
        const shown = await headerCounts(page);
        const badge = await navBadge(page);
        const listed = await listedOpen(page);
        return (
          shown.open === sum(gw.open) &&
          shown.critical === gw.open.critical &&
          shown.unread === sum(gw.unread) &&
          badge === sum(gw.unread) &&
          listed === sum(gw.open)
        );
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(true);
}
