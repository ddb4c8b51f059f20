// The screenshots' wait: a short animation (a toast sliding in) is waited for, so the picture shows
// where things come to rest; an endless one (a critical's pulse) is not.
import { expect, test } from '@playwright/test';
import { settled } from './support/console';

test('settled waits for a short slide to end and not for an endless pulse', async ({ page }) => {
  await page.setContent(`
    <style>
      @keyframes slide { from { transform: translateX(-300px); } to { transform: translateX(0); } }
      @keyframes pulse { from { opacity: 1; } to { opacity: 0.5; } }
      #toast { width: 100px; height: 40px; animation: slide 600ms linear; }
      #pulse { width: 10px; height: 10px; animation: pulse 1s infinite alternate; }
    </style>
    <div id="toast"></div><div id="pulse"></div>`);
  await settled(page);
  const x = await page.evaluate(() => document.querySelector('#toast')?.getBoundingClientRect().x);
  expect(x).toBeGreaterThanOrEqual(0);
  // The pulse still runs: it was not waited for (the call above returned).
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(1);
});
