// Two clustered nodes behind Debian's nginx, configured as deploy/nginx/ says (TLS with a
// self-signed certificate made for the run): the console works through HTTPS and WSS, keeps
// working while first one node and then the other is killed, and /metrics stays internal.
import { expect, test } from '@playwright/test';
import { io } from 'socket.io-client';
import { orderCreated } from '../protocol/test/fixtures';
import { startCluster, type TestCluster } from '../server/test/cluster';
import { TEST_INGEST_TOKEN } from '../server/test/gatewayProcess';
import { loginAs } from '../server/test/live';
import { hasNginx, httpsRequest, startNginx, type Nginx } from './support/nginx';

let cluster: TestCluster;
let nginx: Nginx;

test.skip(!hasNginx(), 'Debian nginx (nginx-light) and openssl are not installed');
// The run's own self-signed certificate.
test.use({ ignoreHTTPSErrors: true });

const postThrough = (event: unknown) =>
  httpsRequest(nginx, 'POST', '/v1/events', { body: event, headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}` } })
    .then((r) => r.status)
    .catch(() => 0);

test.beforeAll(async () => {
  cluster = await startCluster(2, { LIVE_TRUST_PROXY: '127.0.0.1' });
  nginx = await startNginx(cluster.nodes.map((n) => n.port));
});

test.afterAll(async () => {
  await nginx?.stop();
  await cluster?.dispose();
});

test('TLS only: plain HTTP redirects, HSTS is set, /metrics is not served, a wss client connects', async () => {
  const plain = await fetch(`${nginx.plainUrl}/v1/info`, { redirect: 'manual' });
  expect(plain.status).toBe(301);
  expect(plain.headers.get('location')).toBe(`https://127.0.0.1/v1/info`);
  const info = await httpsRequest(nginx, 'GET', '/v1/info');
  expect(info.status).toBe(200);
  expect(info.headers['strict-transport-security']).toContain('max-age=');
  // Prometheus reaches the nodes directly; through the public entrance there is nothing.
  expect((await httpsRequest(nginx, 'GET', '/metrics')).status).toBe(404);
  expect((await fetch(`${cluster.nodes[0]?.url}/metrics`)).status).toBe(200);

  // A client outside the browser over wss, trusting only the run's certificate.
  const { accessToken } = await loginAs(cluster.nodes[0]?.url as string, 'depo');
  const socket = io(`${nginx.url.replace('https:', 'wss:')}/live`, {
    transports: ['websocket'],
    auth: { token: accessToken },
    ca: nginx.ca,
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { channels: [{ channel: 'orders' }] })) as {
      results: { ok: boolean }[];
    };
    expect(ack.results[0]?.ok).toBe(true);
    const event = orderCreated();
    const delivered = new Promise<string>((resolve) =>
      socket.on('event', (d: { event: { id: string } }) => d.event.id === event.id && resolve(d.event.id)),
    );
    expect(await postThrough(event)).toBe(202);
    expect(await delivered).toBe(event.id);
  } finally {
    socket.disconnect();
  }
});

test('the console through nginx (HTTPS, WSS) survives losing either node', async ({ page }) => {
  await page.goto(nginx.url);
  expect(page.url()).toMatch(/^https:/);
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
    await expect.poll(() => postThrough(event), { timeout: 20_000 }).toBe(202);
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
