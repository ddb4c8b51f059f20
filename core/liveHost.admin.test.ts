// The admin console's reads through core, against a real gateway: an admin gets each view checked
// against its schema, a token that ran out is renewed on the way, other roles are refused, and a
// view that does not exist never reaches the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysOnline } from '../main/adapters/nodePorts';
import { LiveError } from '../protocol';
import { startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';
import { createLiveHost, type LiveHost } from './liveHost';
import { realPorts } from './test/realPorts';

describe('admin reads through core', () => {
  let gw: GatewayProcess;
  const hosts: LiveHost[] = [];
  beforeAll(async () => {
    // Access tokens of 2 s: the last test waits for one to run out.
    gw = await startGatewayProcess({ LIVE_LIMITS: 'accessTokenSeconds=2' }, { timeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    for (const h of hosts) h.close();
    await gw?.dispose();
  });
  const signedIn = async (username: string) => {
    const host = createLiveHost(realPorts({ network: alwaysOnline, client: { app: 'desktop', version: '1.2.3' } }));
    hosts.push(host);
    await host.login({ server: gw.url, username, password: 'demo' });
    return host;
  };

  it('reads every view as an admin, each the shape its schema says', async () => {
    const host = await signedIn('yonetici');
    const health = await host.adminRead('health');
    expect(health.view).toBe('health');
    if (health.view === 'health') expect(health.data).toMatchObject({ ready: true, mode: 'embedded' });
    const channels = await host.adminRead('channels');
    if (channels.view === 'channels') expect(channels.data.channels.map((c) => c.channel)).toContain('orders');
    // The host told the gateway what it is at the handshake.
    await expect
      .poll(async () => {
        const res = await host.adminRead('connections');
        return res.view === 'connections' ? res.data.connections.map((c) => c.client) : [];
      })
      .toContainEqual({ app: 'desktop', version: '1.2.3' });
  });

  it('refuses a warehouse user with the gateway’s forbidden, and an unknown view before asking', async () => {
    const host = await signedIn('depo');
    await expect(host.adminRead('health')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(host.adminRead('users; DROP' as never)).rejects.toBeInstanceOf(LiveError);
  });

  it('renews an access token that ran out, then reads', async () => {
    const host = await signedIn('yonetici');
    // Longer than the token's life; renewal ahead of expiry may or may not have happened by then.
    await new Promise((r) => setTimeout(r, 2500));
    const health = await host.adminRead('health');
    expect(health.view).toBe('health');
  });
});
