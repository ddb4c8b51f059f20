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

/** The alert centre, the nav badge and the gateway say the same, once the console has settled. */
export async function expectCountsAgree(page: Page, url: string, username: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const gw = await gatewayCounts(url, username);
        const shown = await headerCounts(page);
        const badge = await navBadge(page);
        return (
          shown.open === sum(gw.open) &&
          shown.critical === gw.open.critical &&
          shown.unread === sum(gw.unread) &&
          badge === shown.unread
        );
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(true);
}
