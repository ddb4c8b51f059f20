// Ending sessions from the operator's command line: `users reset-password|disable|revoke` end every
// session of the user, so its refresh and access tokens stop working and its sockets close on every
// gateway node, embedded and clustered (two nodes sharing Redis and PostgreSQL).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../test/cluster';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';

const ROOT = path.resolve(__dirname, '../..');

interface Setup {
  nodes: GatewayProcess[];
  env: Record<string, string>;
  dispose(): Promise<void>;
}

const SETUPS: Record<string, () => Promise<Setup>> = {
  async embedded() {
    const gw = await startGatewayProcess();
    return { nodes: [gw], env: { LIVE_DATA_DIR: gw.dataDir }, dispose: () => gw.dispose() };
  },
  async clustered() {
    const cluster: TestCluster = await startCluster(2);
    return {
      nodes: cluster.nodes,
      env: { DATABASE_URL: cluster.env.DATABASE_URL ?? '', LIVE_DB_SCHEMA: cluster.schema },
      dispose: () => cluster.dispose(),
    };
  },
};

function users(env: Record<string, string>, args: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/users.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LIVE_LOG_LEVEL: 'silent', ...env },
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

async function post(url: string, route: string, body: unknown) {
  const res = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** A socket that records the session notices it got and when it was closed. */
async function watched(url: string, token: string) {
  const client = await connectLive(url, { token });
  const notices: string[] = [];
  let closedAt: number | undefined;
  client.socket.on('session', (n: { type: string }) => notices.push(n.type));
  client.socket.on('disconnect', () => (closedAt = Date.now()));
  return { client, notices, closedAt: () => closedAt };
}

describe.each(Object.keys(SETUPS))('%s gateway', (mode) => {
  let setup: Setup;
  const open: LiveClient[] = [];

  beforeAll(async () => {
    setup = await (SETUPS[mode] as () => Promise<Setup>)();
    expect(users(setup.env, ['add', 'ali', '--name', 'Ali Veli', '--role', 'sales'], 'first-password\n').status).toBe(
      0,
    );
  }, 180_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await setup?.dispose();
  });

  const urls = () => setup.nodes.map((n) => n.url);

  for (const [command, input, password] of [
    ['reset-password', 'second-password\n', 'second-password'],
    ['revoke', '', 'second-password'],
    ['disable', '', undefined],
  ] as const) {
    it(`${command} ends every session: refresh and access tokens refused, sockets closed on every node`, async () => {
      const current = command === 'reset-password' ? 'first-password' : 'second-password';
      const a = await loginAs(urls()[0] as string, 'ali', current);
      const b = await loginAs(urls().at(-1) as string, 'ali', current);
      const sockets = await Promise.all([
        ...urls().map((u) => watched(u, a.accessToken)),
        ...urls().map((u) => watched(u, b.accessToken)),
      ]);
      open.push(...sockets.map((s) => s.client));

      const r = users(setup.env, [command, 'ali'], input);
      expect(r.status, r.err).toBe(0);
      const ranAt = Date.now();
      await waitFor(
        () => sockets.every((s) => s.closedAt() !== undefined),
        () => `every socket closed (${sockets.filter((s) => s.closedAt()).length}/${sockets.length})`,
        20_000,
      );
      for (const s of sockets) expect(s.notices).toContain('revoked');
      const slowest = Math.max(...sockets.map((s) => (s.closedAt() as number) - ranAt));
      console.log(`${mode} ${command}: last socket closed ${slowest} ms after the command returned`);

      for (const url of urls()) {
        expect(await post(url, '/v1/auth/refresh', { refreshToken: a.refreshToken })).toBe(401);
        expect(await post(url, '/v1/auth/refresh', { refreshToken: b.refreshToken })).toBe(401);
        const snap = await fetch(`${url}/v1/snapshot?channels=orders`, {
          headers: { authorization: `Bearer ${a.accessToken}` },
        });
        expect(snap.status).toBe(401);
        await expect(connectLive(url, { token: b.accessToken })).rejects.toThrow();
      }
      // Signing in again: with the new password, or not at all once disabled.
      if (password) expect((await loginAs(urls()[0] as string, 'ali', password)).user.name).toBe('Ali Veli');
      else expect(await post(urls()[0] as string, '/v1/auth/login', { username: 'ali', password: current })).toBe(401);
    }, 60_000);
  }

  it('ends nothing of other users', async () => {
    const other = await loginAs(urls()[0] as string, 'satis');
    expect(users(setup.env, ['revoke', 'depo']).status).toBe(0);
    expect(await post(urls()[0] as string, '/v1/auth/refresh', { refreshToken: other.refreshToken })).toBe(200);
    expect(users(setup.env, ['revoke', 'nobody']).status).toBe(1);
  });
});
