// The admin console's live view against real gateway processes: connections on every node of a
// cluster with their client, round trip, channels and screen; channels with subscribers, rate and
// head; health with the dependencies and every node; refused to every role but admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminChannels, AdminConnections, AdminHealth } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { startCluster, type TestCluster } from '../test/cluster';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';

async function adminGet(url: string, route: string, token: string) {
  const res = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function client(url: string, username: string, channels: string[], app?: string): Promise<LiveClient> {
  const token = (await loginAs(url, username)).accessToken;
  const c = await connectLive(url, { token, ...(app ? { client: { app, version: '9.9.9' } } : {}) });
  await c.subscribe({ channels: channels.map((channel) => ({ channel })) });
  return c;
}

describe('admin live view, embedded', () => {
  let gw: GatewayProcess;
  let token: string;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    gw = await startGatewayProcess({ LIVE_LIMITS: 'heartbeatSeconds=1' });
    token = (await loginAs(gw.url, 'yonetici')).accessToken;
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await gw?.dispose();
  });

  it('lists each connection with its user, client, round trip, channels and screen', async () => {
    clients.push(await client(gw.url, 'depo', ['orders', 'inventory'], 'desktop'));
    clients.push(await client(gw.url, 'satis', ['prices']));
    clients[0]?.socket.emit('presence:set', { view: 'orders' });
    const seen = await waitFor(async () => {
      const { status, body } = await adminGet(gw.url, '/v1/admin/connections', token);
      expect(status).toBe(200);
      const parsed = AdminConnections.parse(body);
      const depo = parsed.connections.find((c) => c.role === 'warehouse');
      return depo?.rttMs !== undefined && depo.view === 'orders' ? parsed : undefined;
    }, 'a heartbeat timed and the screen told');
    const depo = seen.connections.find((c) => c.role === 'warehouse');
    expect(depo).toMatchObject({
      client: { app: 'desktop', version: '9.9.9' },
      channels: ['inventory', 'orders'],
      address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(depo?.rttMs).toBeLessThan(1000);
    const satis = seen.connections.find((c) => c.role === 'sales');
    expect(satis?.channels).toEqual(['prices']);
    expect(satis?.client).toBeUndefined();
    expect(seen.nodes).toHaveLength(1);
    expect(seen.nodes[0]?.connections).toBe(seen.connections.length);
  });

  it('counts subscribers per channel and measures events per second from the log head', async () => {
    const first = AdminChannels.parse((await adminGet(gw.url, '/v1/admin/channels', token)).body);
    const orders0 = first.channels.find((c) => c.channel === 'orders');
    expect(orders0?.subscribers).toBe(1);
    expect(orders0?.retentionEvents).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) expect((await postEvents(gw.url, orderCreated())).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1100));
    const second = AdminChannels.parse((await adminGet(gw.url, '/v1/admin/channels', token)).body);
    const orders = second.channels.find((c) => c.channel === 'orders');
    expect(orders?.head.offset).toBe((orders0?.head.offset ?? 0) + 20);
    expect(orders?.eventsPerSecond).toBeGreaterThan(0);
    expect(orders?.eventsPerSecond).toBeLessThanOrEqual(20 / 1.1 + 0.1);
    expect(second.channels.find((c) => c.channel === 'prices')?.subscribers).toBe(1);
  });

  it('reports readiness, the database check and the node', async () => {
    const health = AdminHealth.parse((await adminGet(gw.url, '/v1/admin/health', token)).body);
    expect(health).toMatchObject({ ready: true, draining: false, mode: 'embedded', checks: { database: true } });
    expect(health.nodes.map((n) => n.node)).toEqual([health.node]);
    expect(health.nodes[0]?.rssBytes).toBeGreaterThan(0);
  });

  it('is refused to other roles (403) and without a token (401), and shows them nothing', async () => {
    for (const route of ['/v1/admin/connections', '/v1/admin/channels', '/v1/admin/health']) {
      for (const user of ['depo', 'satis']) {
        const res = await adminGet(gw.url, route, (await loginAs(gw.url, user)).accessToken);
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
      expect((await fetch(`${gw.url}${route}`)).status).toBe(401);
      expect((await adminGet(gw.url, route, 'not-a-token')).status).toBe(401);
    }
  });

  it('ignores a hostile client description instead of storing it', async () => {
    const token2 = (await loginAs(gw.url, 'depo')).accessToken;
    const c = await connectLive(gw.url, { token: token2, client: { app: 'x'.repeat(10_000), evil: true } });
    clients.push(c);
    const list = AdminConnections.parse((await adminGet(gw.url, '/v1/admin/connections', token)).body);
    const mine = list.connections.find((x) => x.socketId === c.socket.id);
    expect(mine).toBeDefined();
    expect(mine?.client).toBeUndefined();
  });
});

describe('admin live view, two nodes', () => {
  let cluster: TestCluster;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    cluster = await startCluster(2);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.dispose();
  });

  it('asked on either node, lists the connections and the load of both', async () => {
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    clients.push(await client(a, 'depo', ['orders'], 'web'));
    clients.push(await client(b, 'satis', ['orders', 'prices'], 'desktop'));
    for (const url of [a, b]) {
      const token = (await loginAs(url, 'yonetici')).accessToken;
      const list = AdminConnections.parse((await adminGet(url, '/v1/admin/connections', token)).body);
      expect(list.nodes).toHaveLength(2);
      expect(new Set(list.connections.map((c) => c.node)).size).toBe(2);
      expect(list.connections.map((c) => c.role).sort()).toEqual(['sales', 'warehouse']);
      const channels = AdminChannels.parse((await adminGet(url, '/v1/admin/channels', token)).body);
      expect(channels.channels.find((c) => c.channel === 'orders')?.subscribers).toBe(2);
      const health = AdminHealth.parse((await adminGet(url, '/v1/admin/health', token)).body);
      expect(health).toMatchObject({ mode: 'clustered', checks: { database: true, redis: true } });
      expect(health.nodes).toHaveLength(2);
    }
  });
});
