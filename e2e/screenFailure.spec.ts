// A screen that throws, in real Chromium against a real gateway: the message shows in place of the
// screen (the navigation and the connection stay), its details are copied, and "reload this
// screen" brings it back once the fault is gone.
//
// Making a screen throw needs a test build: the console is built again with
// RENDERER_VITE_LIVE_TEST_HOOKS=1, which compiles in a hook that throws in the screen named in
// sessionStorage. The production build has no such code (checked below), so no user can trigger it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openScreen, signIn, useDemoGateway } from './support/console';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOOKS_BUILD = path.join(ROOT, 'test-results/console-with-test-hooks');
const MARKER = 'live:test:fail-screen';

test.beforeAll(() => {
  test.setTimeout(120_000);
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', HOOKS_BUILD], {
    cwd: ROOT,
    env: { ...process.env, RENDERER_VITE_LIVE_TEST_HOOKS: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`test build failed:\n${build.stdout}\n${build.stderr}`);
});

const gateway = useDemoGateway({
  feed: 0,
  env: { LIVE_CONSOLE_DIR: path.join(HOOKS_BUILD, 'renderer') },
  startTimeoutMs: 120_000,
});

test('the production console has no way to make a screen fail', () => {
  const assets = path.join(ROOT, 'out/renderer/assets');
  const bundles = readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(bundles.length).toBeGreaterThan(0);
  for (const f of bundles) expect(readFileSync(path.join(assets, f), 'utf8')).not.toContain(MARKER);
});

test('a screen that throws shows the message, copies details, and recovers on reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await signIn(page, gateway.url);
  await page.evaluate((key) => window.sessionStorage.setItem(key, 'orders'), MARKER);
  await openScreen(page, 'orders');

  const failure = page.getByTestId('screen-failure');
  await expect(failure).toBeVisible();
  await expect(failure.getByRole('heading')).toHaveText('Bu ekran bir hatayla karşılaştı');
  // Only that screen failed: the navigation and the connection are still there.
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$/);
  expect(errors.some((e) => e.includes('Screen failed: orders'))).toBe(true);

  await failure.getByRole('button', { name: 'Ayrıntıları kopyala' }).click();
  await expect(failure.getByRole('status')).toHaveText(/panoya kopyalandı|Kopyalanamadı/);
  await expect(failure.getByTestId('screen-failure-details')).toContainText('screen: orders');

  // Another screen works meanwhile.
  await openScreen(page, 'dashboard');
  await expect(page.getByTestId('screen-failure')).toHaveCount(0);

  // Back on the failing screen, the fault is gone: "reload this screen" brings it back.
  await openScreen(page, 'orders');
  await expect(page.getByTestId('screen-failure')).toBeVisible();
  await page.evaluate((key) => window.sessionStorage.removeItem(key), MARKER);
  await page.getByRole('button', { name: 'Bu ekranı yeniden yükle' }).click();
  await expect(page.getByTestId('screen-failure')).toHaveCount(0);
  await expect(page.locator('#screen-title, h1').first()).toBeVisible();
});
