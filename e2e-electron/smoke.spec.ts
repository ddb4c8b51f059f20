// The installed app's core path in real Electron (release workflow only: Electron's binary exists
// there): the window opens on the console from app://, the preload exposes exactly window.live,
// no Node in the page, and sign-in reaches a demo gateway.
//
// With LIVE_APP_PATH (the workflow) it launches the packaged app itself — with its fuses flipped,
// so Node's inspector is off and Playwright's Electron driver cannot attach; the page is driven
// through Chromium's DevTools port instead. Without it, the development build via `_electron`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, chromium, expect, test, type Page } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitOk(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** Starts the packaged app with a DevTools port and returns its console page. */
async function launchPackaged(executable: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const args = [
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'meschain-smoke-'))}`,
  ];
  // The unpacked Linux build has no setuid sandbox helper on a CI runner.
  if (process.platform === 'linux') args.push('--no-sandbox');
  const child: ChildProcess = spawn(executable, args, { env: { ...process.env, LIVE_TEST: '1' }, stdio: 'inherit' });
  await waitOk(`http://127.0.0.1:${port}/json/version`);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  let page: Page | undefined;
  for (let i = 0; i < 150 && !page; i++) {
    page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith('app://'));
    if (!page) await new Promise((r) => setTimeout(r, 200));
  }
  if (!page) throw new Error('the console window did not open');
  return {
    page,
    close: async () => {
      await browser.close().catch(() => undefined);
      child.kill();
    },
  };
}

async function launchDevelopment(): Promise<{ page: Page; close: () => Promise<void> }> {
  const app = await electron.launch({ args: [ROOT], env: { ...process.env, LIVE_TEST: '1' } });
  return { page: await app.firstWindow(), close: () => app.close() };
}

test('the desktop app opens the console and signs in against a demo gateway', async () => {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const gateway = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LIVE_PORT: String(port),
      LIVE_DEMO: '1',
      LIVE_DEMO_FEED: '5',
      LIVE_DATA_DIR: path.join(ROOT, 'test-results/smoke-data'),
    },
    stdio: 'inherit',
  });
  try {
    await waitOk(`http://127.0.0.1:${port}/healthz`);
    const packaged = process.env.LIVE_APP_PATH;
    const { page, close } = packaged ? await launchPackaged(packaged) : await launchDevelopment();
    try {
      await expect(page).toHaveURL(/^app:\/\/console\//);
      expect(await page.evaluate(() => Object.keys((window as unknown as { live: object }).live).sort())).toContain(
        'login',
      );
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      await page.getByLabel(/Sunucu adresi|Server address/).fill(`http://127.0.0.1:${port}`);
      await page.getByLabel(/Kullanıcı adı|Username/).fill('depo');
      await page.getByLabel(/Şifre|Password/).fill('demo');
      await page.getByRole('button', { name: /Giriş yap|Sign in/ }).click();
      await expect(page.getByTestId('connection-state')).toHaveText(/Bağlı$|Connected$/, { timeout: 30_000 });
      await page.screenshot({
        path: path.join(ROOT, 'test-results', `electron-${process.platform}${packaged ? '-packaged' : ''}.png`),
      });
    } finally {
      await close();
    }
  } finally {
    gateway.kill('SIGTERM');
  }
});
