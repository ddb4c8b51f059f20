// The admin user routes against real gateway processes: users listed, added, disabled and enabled,
// given a new password or role, each audited; the changes that end sessions end them on every node;
// other roles refused; bad input refused with a typed error and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../test/cluster';
import type { GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor } from '../test/live';
import { MODES, startInMode } from '../test/modes';

type Json = Record<string, unknown>;
const caller =
  (url: string, token: () => string) =>
  async (method: 'GET' | 'POST', path: string, body?: Json, as = token()) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
const login = (url: string, username: string, password: string) =>
  fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;
  let admin: string;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    gw = await startInMode(mode);
    admin = (await loginAs(gw.url, 'yonetici')).accessToken;
    call = caller(gw.url, () => admin);
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it('refuses other roles on every user route', async () => {
    const sales = (await loginAs(gw.url, 'satis')).accessToken;
    for (const [method, path, body] of [
      ['GET', '/v1/admin/users'],
      ['POST', '/v1/admin/users', { username: 'x1', name: 'X', role: 'admin' }],
      ['POST', '/v1/admin/users/depo/disable'],
      ['POST', '/v1/admin/users/depo/enable'],
      ['POST', '/v1/admin/users/depo/reset-password', {}],
      ['POST', '/v1/admin/users/depo/role', { role: 'admin' }],
    ] as const) {
      expect((await call(method, path, body, sales)).status, path).toBe(403);
    }
    expect((await call('GET', '/v1/admin/users')).json.items).not.toContainEqual(
      expect.objectContaining({ username: 'x1' }),
    );
    expect((await login(gw.url, 'depo', 'demo')).status).toBe(200);
  });

  it('adds a user with a made password, disables and enables it, resets its password, changes its role', async () => {
    const added = await call('POST', '/v1/admin/users', { username: 'Kargo1', name: '  Ali Veli ', role: 'warehouse' });
    expect(added.status).toBe(200);
    expect(added.json.user).toEqual({
      username: 'kargo1',
      name: 'Ali Veli',
      role: 'warehouse',
      disabled: false,
      demo: false,
    });
    const made = added.json.password as string;
    expect(made).toMatch(/^[A-Za-z0-9_-]{18}$/);
    const first = await login(gw.url, 'kargo1', made);
    expect(first.status).toBe(200);

    expect((await call('POST', '/v1/admin/users/kargo1/disable')).json).toEqual({ ended: 1 });
    expect((await login(gw.url, 'kargo1', made)).status).toBe(401);
    const refresh = await fetch(`${gw.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: first.json.refreshToken }),
    });
    expect(refresh.status).toBe(401);
    expect((await call('POST', '/v1/admin/users/kargo1/enable')).json).toEqual({ ended: 0 });
    const again = await login(gw.url, 'kargo1', made);
    expect(again.status).toBe(200);

    const socket = await connectLive(gw.url, { token: again.json.accessToken as string });
    let closed = false;
    socket.socket.on('disconnect', () => (closed = true));
    const reset = await call('POST', '/v1/admin/users/kargo1/reset-password', { password: 'yeni-parola-1' });
    expect(reset.json).toEqual({ ended: 1 });
    await waitFor(() => closed, 'the user’s socket closed after the password reset', 20_000);
    expect((await login(gw.url, 'kargo1', made)).status).toBe(401);
    const typed = await login(gw.url, 'kargo1', 'yeni-parola-1');
    expect(typed.status).toBe(200);

    const role = await call('POST', '/v1/admin/users/kargo1/role', { role: 'sales' });
    expect(role.json).toEqual({ ended: 1 });
    const asSales = await login(gw.url, 'kargo1', 'yeni-parola-1');
    expect((asSales.json.user as Json).role).toBe('sales');
    const generated = await call('POST', '/v1/admin/users/kargo1/reset-password');
    expect(generated.json.password).toMatch(/^[A-Za-z0-9_-]{18}$/);

    const listed = await call('GET', '/v1/admin/users');
    expect(listed.json.items).toContainEqual({
      username: 'kargo1',
      name: 'Ali Veli',
      role: 'sales',
      disabled: false,
      demo: false,
    });
    expect(JSON.stringify(listed.json)).not.toContain('scrypt');

    const audit = await call('GET', '/v1/admin/audit?limit=100');
    const entries = (audit.json.items as { action: string; subject?: string; username?: string }[]).filter(
      (e) => e.subject === 'kargo1',
    );
    expect(new Set(entries.map((e) => e.username))).toEqual(new Set(['yonetici']));
    const mine = entries.map((e) => e.action);
    expect(mine).toEqual([
      'user.reset-password',
      'user.role',
      'user.reset-password',
      'user.enable',
      'user.disable',
      'user.add',
    ]);
    expect(JSON.stringify(audit.json)).not.toContain('yeni-parola-1');
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    const cases: [string, Json | undefined, string, number][] = [
      ['/v1/admin/users', { username: 'a b', name: 'X', role: 'sales' }, 'validation_failed', 400],
      ['/v1/admin/users', { username: 'iki', name: 'Bir\nİki', role: 'sales' }, 'validation_failed', 400],
      ['/v1/admin/users', { username: 'iki', name: 'X', role: 'root' }, 'validation_failed', 400],
      ['/v1/admin/users', { username: 'iki', name: 'X', role: 'sales', password: 'kisa' }, 'validation_failed', 400],
      ['/v1/admin/users', { username: 'depo', name: 'X', role: 'sales' }, 'bad_request', 400],
      ['/v1/admin/users/nobody/disable', undefined, 'not_found', 404],
      ['/v1/admin/users/depo/role', { role: 'root' }, 'validation_failed', 400],
      ['/v1/admin/users/depo/reset-password', { password: 'short' }, 'validation_failed', 400],
      ['/v1/admin/users/yonetici/disable', undefined, 'bad_request', 400],
      ['/v1/admin/users/yonetici/role', { role: 'sales' }, 'bad_request', 400],
    ];
    for (const [path, body, code, status] of cases) {
      const res = await call('POST', path, body);
      expect([res.status, (res.json.error as Json | undefined)?.code], path).toEqual([status, code]);
    }
    const users = (await call('GET', '/v1/admin/users')).json.items as {
      username: string;
      role: string;
      disabled: boolean;
    }[];
    expect(users.map((u) => u.username)).not.toContain('iki');
    expect(users.find((u) => u.username === 'depo')).toMatchObject({ role: 'warehouse', disabled: false });
    expect(users.find((u) => u.username === 'yonetici')).toMatchObject({ role: 'admin', disabled: false });
    expect((await login(gw.url, 'depo', 'demo')).status).toBe(200);
  });
});

describe('two clustered nodes', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster(2);
  }, 120_000);
  afterAll(async () => cluster?.dispose());

  it('a role changed on one node closes the user’s socket on the other', async () => {
    const [a, b] = cluster.nodes as [GatewayProcess, GatewayProcess];
    const admin = (await loginAs(a.url, 'yonetici')).accessToken;
    const depo = await loginAs(b.url, 'depo');
    const socket = await connectLive(b.url, { token: depo.accessToken });
    let closed = false;
    socket.socket.on('disconnect', () => (closed = true));
    const res = await caller(a.url, () => admin)('POST', '/v1/admin/users/depo/role', { role: 'sales' });
    expect(res.json).toEqual({ ended: 1 });
    await waitFor(() => closed, 'the socket on the other node closed', 20_000);
    const again = await loginAs(b.url, 'depo');
    expect(again.user.role).toBe('sales');
  });
});
