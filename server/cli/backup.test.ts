// Backup and restore as docs/operations.md tells it: `npm run backup` copies a running embedded
// gateway's data; the copy restored into a fresh folder serves a new gateway on which the same
// user signs in, tokens signed before still verify, and the alerts of before the backup are there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../protocol';
import { priceUpdate } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess } from '../test/gatewayProcess';
import { loginAs } from '../test/live';

const ROOT = path.resolve(__dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'meschain-backup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function cli(script: 'users' | 'backup', args: string[], env: Record<string, string>, input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, `server/cli/${script}.ts`), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LIVE_LOG_LEVEL: 'silent', ...env },
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('backup and restore (embedded)', () => {
  it('a backup of a running gateway, restored into a fresh folder, serves the same users, keys and alerts', async () => {
    const live = path.join(temp, 'live');
    const backup = path.join(temp, 'backup');
    const restored = path.join(temp, 'restored');
    mkdirSync(live, { mode: 0o700 });
    expect(
      cli(
        'users',
        ['add', 'ayse', '--name', 'Ayşe Yılmaz', '--role', 'sales'],
        { LIVE_DATA_DIR: live },
        'ayse-password-1\n',
      ).status,
    ).toBe(0);

    const before = await startGatewayProcess({ LIVE_DATA_DIR: live, LIVE_DEMO: '0' });
    const lost = priceUpdate();
    let token: string;
    try {
      expect((await postEvents(before.url, lost)).status).toBe(202);
      token = (await loginAs(before.url, 'ayse', 'ayse-password-1')).accessToken;
      // Online: the gateway keeps running (and writing) while the copy is made.
      const r = cli('backup', [backup], { LIVE_DATA_DIR: live });
      expect(r, r.err).toMatchObject({ status: 0, out: expect.stringContaining('live.sqlite and jwt-keys.json') });
      expect((await postEvents(before.url, priceUpdate())).status).toBe(202);
    } finally {
      await before.kill();
      await before.dispose();
    }
    expect(readdirSync(backup).sort()).toEqual(['jwt-keys.json', 'live.sqlite']);
    for (const f of readdirSync(backup)) expect(statSync(path.join(backup, f)).mode & 0o777).toBe(0o600);

    // Restore as documented: a fresh folder readable by the gateway's user only, the files copied in.
    const restore = spawnSync('sh', [
      '-c',
      `install -d -m 0700 "${restored}" && install -m 0600 "${backup}"/* "${restored}"/`,
    ]);
    expect(restore.status).toBe(0);
    const after = await startGatewayProcess({ LIVE_DATA_DIR: restored, LIVE_DEMO: '0' });
    try {
      expect((await loginAs(after.url, 'ayse', 'ayse-password-1')).user).toMatchObject({
        name: 'Ayşe Yılmaz',
        role: 'sales',
      });
      // A token signed before the backup verifies: the signing keys came back too.
      const res = await fetch(`${after.url}/v1/snapshot?channels=prices`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const snapshot = (await res.json()) as Snapshot;
      const alerts = snapshot.channels[0]?.alerts ?? [];
      expect(alerts.map((a) => a.lastEvent?.id)).toContain(lost.id);
    } finally {
      await after.dispose();
    }
  });

  it('refuses a folder that is not empty, and a clustered configuration', () => {
    const full = path.join(temp, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'x'), '');
    const live = path.join(temp, 'live2');
    mkdirSync(live);
    cli('users', ['list'], { LIVE_DATA_DIR: live });
    expect(cli('backup', [full], { LIVE_DATA_DIR: live })).toMatchObject({
      status: 1,
      err: expect.stringContaining('not empty'),
    });
    expect(
      cli('backup', [path.join(temp, 'b2')], { LIVE_DATA_DIR: live, DATABASE_URL: 'postgres://x@127.0.0.1/test' }),
    ).toMatchObject({ status: 1, err: expect.stringContaining('pg_dump') });
  });
});
