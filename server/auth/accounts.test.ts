// Accounts over time, against real gateway processes: demo accounts sign in only while demo mode
// is on (also on a data folder or database a demo gateway seeded before), and a password hash made
// with older parameters is replaced at the next sign-in.
import { scryptSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/auditLog';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { startCluster } from '../test/cluster';
import { startGatewayProcess } from '../test/gatewayProcess';
import { createUserStore } from './userStore';

const login = async (url: string, username: string, password: string) =>
  (
    await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  ).status;

describe('demo accounts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meschain-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('embedded: a gateway without demo mode on a folder a demo gateway seeded refuses them', async () => {
    const demo = await startGatewayProcess({ LIVE_DEMO: '1' }, { dataDir });
    expect(await login(demo.url, 'yonetici', 'demo')).toBe(200);
    await demo.stop();
    const real = await startGatewayProcess({ LIVE_DEMO: '0' }, { dataDir });
    try {
      for (const u of ['depo', 'satis', 'yonetici']) expect(await login(real.url, u, 'demo')).toBe(401);
    } finally {
      await real.kill();
    }
  }, 120_000);

  it('clustered: a node without demo mode refuses them while a demo node admits them', async () => {
    const cluster = await startCluster(1, { LIVE_DEMO: '1' });
    try {
      const real = await cluster.addNode({ LIVE_DEMO: '0' });
      expect(await login(real.url, 'yonetici', 'demo')).toBe(401);
      expect(await login(cluster.nodes[0]?.url as string, 'yonetici', 'demo')).toBe(200);
    } finally {
      await cluster.dispose();
    }
  }, 120_000);
});

describe('password hashes of older parameters', () => {
  it('are replaced at the next sign-in, which is audited', async () => {
    const gw = await startGatewayProcess();
    const sql = await openDatabase({ dataDir: gw.dataDir });
    try {
      const users = createUserStore(sql.db);
      const salt = randomBytes(16);
      const old = scryptSync('old-cost-password', salt, 32, { N: 16_384, r: 8, p: 1 });
      const oldHash = ['scrypt', 16384, 8, 1, salt.toString('base64url'), old.toString('base64url')].join('$');
      const u = await users.create({ username: 'eski', name: 'Eski Kullanıcı', role: 'sales', passwordHash: oldHash });

      expect(await login(gw.url, 'eski', 'old-cost-password')).toBe(200);
      const after = (await users.findById(u.id))?.passwordHash ?? '';
      expect(after).toMatch(/^scrypt\$16384\$8\$5\$/);
      expect(await login(gw.url, 'eski', 'old-cost-password')).toBe(200);
      expect(await login(gw.url, 'eski', 'wrong-password')).toBe(401);

      const audit = createAuditLog({ db: sql.db, logger: createLogger('silent') });
      const { items } = await audit.list();
      const mine = items
        .filter((e) => e.userId === u.id || e.username === 'eski')
        .map((e) => `${e.action} ${e.outcome}`);
      expect(mine).toEqual(['auth.login failed', 'auth.login ok', 'auth.login ok', 'user.rehash ok']);
      expect(items.find((e) => e.action === 'auth.login' && e.username === 'eski')?.address).toBe('127.0.0.1');
    } finally {
      await sql.close();
      await gw.dispose();
    }
  }, 120_000);
});
