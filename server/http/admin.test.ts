// The admin routes against a real gateway process, embedded and clustered: only admins, every call
// audited; sessions listed and ended (refresh refused, sockets closed); the audit log paged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor } from '../test/live';
import { MODES, startInMode } from '../test/modes';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;
  let admin: string;

  beforeAll(async () => {
    gw = await startInMode(mode);
    admin = (await loginAs(gw.url, 'yonetici')).accessToken;
  }, 120_000);
  afterAll(async () => gw?.dispose());

  const call = async (method: 'GET' | 'POST', path: string, token = admin) => {
    const res = await fetch(`${gw.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('refuses other roles and no token, and audits the refusal', async () => {
    const sales = (await loginAs(gw.url, 'satis')).accessToken;
    for (const [method, path] of [
      ['GET', '/v1/admin/audit'],
      ['GET', '/v1/admin/sessions'],
      ['POST', '/v1/admin/sessions/sX/end'],
      ['POST', '/v1/admin/users/depo/end-sessions'],
    ] as const) {
      expect((await call(method, path, sales)).status).toBe(403);
      expect((await fetch(`${gw.url}${path}`, { method })).status).toBe(401);
    }
    const { json } = await call('GET', '/v1/admin/audit?limit=50');
    const items = json.items as { action: string; outcome: string }[];
    expect(items.filter((e) => e.action === 'admin.refused' && e.outcome === 'refused')).toHaveLength(4);
  });

  it('lists sessions and ends one, then all of a user: refresh refused, sockets closed', async () => {
    const one = await loginAs(gw.url, 'depo');
    const two = await loginAs(gw.url, 'depo');
    const socket = await connectLive(gw.url, { token: one.accessToken });
    let closed = false;
    socket.socket.on('disconnect', () => (closed = true));
    const { json } = await call('GET', '/v1/admin/sessions');
    const depo = (json.items as { sessionId: string; username: string }[]).filter((s) => s.username === 'depo');
    expect(depo.length).toBeGreaterThanOrEqual(2);

    const sid = JSON.parse(Buffer.from(one.accessToken.split('.')[1] as string, 'base64url').toString()).sid as string;
    expect((await call('POST', `/v1/admin/sessions/${sid}/end`)).json).toEqual({ ended: 1 });
    expect((await call('POST', `/v1/admin/sessions/${sid}/end`)).json).toEqual({ ended: 0 });
    await waitFor(() => closed, 'the ended session’s socket closed', 20_000);
    const refresh = (t: string) =>
      fetch(`${gw.url}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: t }),
      }).then((r) => r.status);
    expect(await refresh(one.refreshToken)).toBe(401);

    const all = await call('POST', '/v1/admin/users/depo/end-sessions');
    expect((all.json.ended as number) >= 1).toBe(true);
    expect(await refresh(two.refreshToken)).toBe(401);
    expect((await call('POST', '/v1/admin/users/nobody/end-sessions')).status).toBe(404);

    const audit = await call('GET', '/v1/admin/audit?limit=2');
    expect((audit.json.items as unknown[]).length).toBe(2);
    const next = await call('GET', `/v1/admin/audit?limit=500&before=${audit.json.nextCursor as string}`);
    const actions = (next.json.items as { action: string; address?: string }[]).map((e) => e.action);
    expect(actions).toContain('sessions.revoke');
    expect(actions).toContain('auth.login');
  });
});
