// The installed app's core path, in real Electron: the window opens on the console from app://,
// the preload exposes exactly window.live, no Node in the page, and sign-in reaches a gateway.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const app = await electron.launch({ args: [ROOT], env: { ...process.env, LIVE_TEST: '1' } });
    const page = await app.firstWindow();
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
    await page.screenshot({ path: path.join(ROOT, 'test-results', `electron-${process.platform}.png`) });
    await app.close();
  } finally {
    gateway.kill('SIGTERM');
  }
});
