// Two clustered nodes behind Debian's nginx, configured as docs/nginx/ says: the console works
// through it, and keeps working while first one node and then the other is killed.
import { expect, test } from '@playwright/test';
import { orderCreated } from '../protocol/test/fixtures';
import { startCluster, type TestCluster } from '../server/test/cluster';
import { postEvents } from '../server/test/gatewayProcess';
import { hasNginx, startNginx, type Nginx } from './support/nginx';

let cluster: TestCluster;
let nginx: Nginx;

test.skip(!hasNginx(), 'Debian nginx is not installed (apt-get install nginx-light)');

test.beforeAll(async () => {
  cluster = await startCluster(2, { LIVE_TRUST_PROXY: '127.0.0.1' });
  nginx = await startNginx(cluster.nodes.map((n) => n.port));
});

test.afterAll(async () => {
  await nginx?.stop();
  await cluster?.dispose();
});

test('the console through nginx survives losing either node', async ({ page }) => {
  await page.goto(nginx.url);
  await page.getByLabel('Kullanıcı adı').fill('depo');
  await page.getByLabel('Şifre').fill('demo');
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  const state = page.getByTestId('connection-state');
  await expect(state).toHaveText(/Bağlı$/, { timeout: 15_000 });

  let n = 0;
  const orderShows = async () => {
    const number = `NGX-${++n}`;
    const event = orderCreated({ orderNumber: number });
    // Like any producer, retry the same event until accepted: right after a restart nginx may
    // still hold the restarted node as failed (fail_timeout) while the other one is down.
    await expect
      .poll(async () => (await postEvents(nginx.url, event).catch(() => ({ status: 0 }))).status, { timeout: 20_000 })
      .toBe(202);
    await expect(page.locator(`[data-order-number="${number}"]`)).toBeVisible({ timeout: 10_000 });
  };
  await orderShows();

  for (const node of cluster.nodes) {
    await node.kill();
    await orderShows(); // through nginx to the node still alive, and live on the console
    await expect(state).toHaveText(/Bağlı$/, { timeout: 15_000 });
    await node.start();
  }
  await orderShows();
  await page.screenshot({ path: 'test-results/console-behind-nginx.png' });
});
