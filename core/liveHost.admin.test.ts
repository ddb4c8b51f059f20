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

  it('reads sessions, users and a page of the audit log, and acts on users as an admin', async () => {
    const host = await signedIn('yonetici');
    const users = await host.adminRead('users');
    if (users.view === 'users') expect(users.data.items.map((u) => u.username)).toContain('depo');
    const added = await host.adminAct({ kind: 'add-user', username: 'Paket', name: 'Paket Masası', role: 'warehouse' });
    expect(added.user).toMatchObject({ username: 'paket', role: 'warehouse' });
    expect(added.password).toHaveLength(18);
    const other = createLiveHost(realPorts({ network: alwaysOnline }));
    hosts.push(other);
    await other.login({ server: gw.url, username: 'paket', password: added.password as string });
    const sessions = await host.adminRead('sessions');
    const sid =
      sessions.view === 'sessions' ? sessions.data.items.find((s) => s.username === 'paket')?.sessionId : undefined;
    expect(await host.adminAct({ kind: 'end-session', sessionId: sid as string })).toEqual({ ended: 1 });
    expect(await host.adminAct({ kind: 'set-role', username: 'paket', role: 'sales' })).toEqual({ ended: 0 });
    expect(await host.adminAct({ kind: 'disable-user', username: 'paket' })).toEqual({ ended: 0 });
    expect(await host.adminAct({ kind: 'enable-user', username: 'paket' })).toEqual({ ended: 0 });
    expect((await host.adminAct({ kind: 'reset-password', username: 'paket' })).password).toHaveLength(18);
    expect(await host.adminAct({ kind: 'end-user-sessions', username: 'paket' })).toEqual({ ended: 0 });
    const first = await host.adminRead('audit', { limit: 3 });
    if (first.view !== 'audit') throw new Error('not the audit view');
    expect(first.data.items).toHaveLength(3);
    const next = await host.adminRead('audit', { before: first.data.nextCursor as string, limit: 500 });
    if (next.view === 'audit') expect(next.data.items.map((e) => e.action)).toContain('user.add');
    await expect(host.adminAct({ kind: 'set-role', username: 'paket', role: 'root' } as never)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('refuses a warehouse user with the gateway’s forbidden, and an unknown view before asking', async () => {
    const host = await signedIn('depo');
    await expect(host.adminRead('health')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(host.adminRead('users; DROP' as never)).rejects.toBeInstanceOf(LiveError);
    await expect(host.adminAct({ kind: 'end-user-sessions', username: 'satis' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('renews an access token that ran out, then reads', async () => {
    const host = await signedIn('yonetici');
    // Longer than the token's life; renewal ahead of expiry may or may not have happened by then.
    await new Promise((r) => setTimeout(r, 2500));
    const health = await host.adminRead('health');
    expect(health.view).toBe('health');
  });
});
