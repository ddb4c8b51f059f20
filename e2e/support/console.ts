// Shared steps of the console's e2e tests: a demo gateway (real process) with or without the demo
// feed, signing in through the form, switching language and theme, axe checks and screenshots.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startGatewayProcess, type GatewayProcess } from '../../server/test/gatewayProcess';

export { postEvents } from '../../server/test/gatewayProcess';

export const DEMO_USERS = { warehouse: 'depo', sales: 'satis', admin: 'yonetici' } as const;

/** A gateway in demo mode; `feed` events per second of the demo feed (0: none). */
export function startDemoGateway(feed = 0, env: Record<string, string> = {}): Promise<GatewayProcess> {
  return startGatewayProcess({ LIVE_DEMO_FEED: String(feed), LIVE_DEMO_SEED: '7', ...env });
}

/** The demo gateway that a spec file's tests share. */
export interface DemoGateway {
  /** Its base URL. */
  readonly url: string;
  /** The process itself, for a test that stops or restarts it. */
  readonly process: GatewayProcess;
}

/**
 * One demo gateway for the tests of the calling spec file: started in a beforeAll, disposed in an
 * afterAll, both registered here. Read it inside tests and hooks (it does not exist before).
 * `feed`: events per second of the demo feed (0: none); `startTimeoutMs`: a longer timeout for the
 * start than a hook gets by default.
 */
export function useDemoGateway(options: {
  feed: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): DemoGateway {
  let gateway: GatewayProcess | undefined;
  test.beforeAll(async () => {
    if (options.startTimeoutMs !== undefined) test.setTimeout(options.startTimeoutMs);
    gateway = await startDemoGateway(options.feed, options.env);
  });
  test.afterAll(async () => {
    await gateway?.dispose();
  });
  const started = (): GatewayProcess => {
    if (!gateway) throw new Error('The demo gateway starts in beforeAll: read it inside a test or a hook.');
    return gateway;
  };
  return {
    get url() {
      return started().url;
    },
    get process() {
      return started();
    },
  };
}

/** Signs in through the form as a demo user and waits for the live connection. */
export async function signIn(page: Page, url: string, username: string = DEMO_USERS.admin): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/Kullanıcı adı|Username/).fill(username);
  await page.getByLabel(/Şifre|Password/).fill('demo');
  await page.getByRole('button', { name: /Giriş yap|Sign in/ }).click();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$|Connected$/, { timeout: 15_000 });
}

/** A second person in their own browser context (own storage), signed in. */
export async function secondUser(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, url, username);
  return page;
}

export async function openScreen(page: Page, view: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/${view}`);
  await expect(page.locator(`[data-view="${view}"][aria-current="page"]`)).toBeVisible();
}

/**
 * Language and theme for what follows (screenshots, axe in both themes): written where the
 * browser host keeps settings, then the page reloads; the session resumes by itself.
 */
export async function look(page: Page, language: 'tr' | 'en', theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate(
    ([lang, th]) => {
      const key = 'meschain-live:settings';
      const current = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      localStorage.setItem(key, JSON.stringify({ ...current, language: lang, theme: th }));
    },
    [language, theme] as const,
  );
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$|Connected$/, { timeout: 15_000 });
}

/** axe-core: no serious or critical violation on what the page shows now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  expect(bad, `${what}: axe violations`).toEqual([]);
}

/**
 * Waits for the page's short animations (a toast sliding in, a figure's pulse) to end, so that a
 * picture or a measurement shows where things come to rest. Long and endless ones (a toast's
 * timer bar, a row's flash, a critical's pulse) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => {
          const total = a.effect?.getComputedTiming().endTime;
          return typeof total === 'number' && total <= 1000;
        })
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
