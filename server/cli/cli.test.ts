// The operator commands: `npm run users` and `npm run keys`, as real processes on a data folder a
// gateway then serves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from '../test/gatewayProcess';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'meschain-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(script: 'users' | 'keys', args: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, `server/cli/${script}.ts`), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LIVE_DATA_DIR: dataDir, LIVE_LOG_LEVEL: 'silent' },
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

async function canLogin(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

describe('users CLI', () => {
  it('adds a user, resets the password, disables and enables; the gateway honours each', async () => {
    const add = run('users', ['add', 'ali', '--name', 'Ali Veli', '--role', 'sales'], 'first-password\n');
    expect(add).toMatchObject({ status: 0, out: expect.stringMatching(/^Added ali \(sales\)/) });
    expect(run('users', ['list']).out).toBe('ali\tsales\tAli Veli');

    const gw = await startGatewayProcess({ LIVE_DATA_DIR: dataDir, LIVE_DEMO: '0' });
    try {
      expect(await canLogin(gw.url, 'ali', 'first-password')).toBe(200);
      expect(run('users', ['reset-password', 'ali'], 'second-password\n').status).toBe(0);
      expect(await canLogin(gw.url, 'ali', 'first-password')).toBe(401);
      expect(await canLogin(gw.url, 'ali', 'second-password')).toBe(200);
      expect(run('users', ['disable', 'ali']).status).toBe(0);
      expect(await canLogin(gw.url, 'ali', 'second-password')).toBe(401);
      expect(run('users', ['enable', 'ali']).status).toBe(0);
      expect(await canLogin(gw.url, 'ali', 'second-password')).toBe(200);
    } finally {
      await gw.stop();
    }
    // Each command is a process of its own and each sign-in hashes at OWASP cost: slow on a busy box.
  }, 120_000);

  it('refuses bad input with a clear message and changes nothing', () => {
    expect(run('users', ['add', 'veli', '--name', 'Veli', '--role', 'boss'], 'long-enough\n')).toMatchObject({
      status: 1,
      err: expect.stringMatching(/^usage:/),
    });
    expect(run('users', ['add', 'veli', '--name', 'Veli', '--role', 'sales'], 'short\n')).toMatchObject({
      status: 1,
      err: expect.stringMatching(/at least 8/),
    });
    expect(run('users', ['add', 'ali', '--name', 'Ali', '--role', 'sales'], 'long-enough\n')).toMatchObject({
      status: 1,
      err: expect.stringMatching(/already exists/),
    });
    expect(run('users', ['reset-password', 'nobody'], 'long-enough\n')).toMatchObject({
      status: 1,
      err: expect.stringMatching(/No user/),
    });
    // A display name cannot forge a line of `users list`.
    expect(
      run('users', ['add', 'veli', '--name', 'Veli\nmallory\tadmin\tForged', '--role', 'sales'], 'long-enough\n'),
    ).toMatchObject({ status: 1, err: expect.stringMatching(/one line/) });
    expect(run('users', ['frobnicate']).status).toBe(1);
    expect(run('users', ['list']).out).toBe('ali\tsales\tAli Veli');
  }, 120_000);
});

describe('keys CLI', () => {
  it('rotate adds a signing key and gives the older ones an expiry after the overlap', () => {
    const file = path.join(dataDir, 'jwt-keys.json');
    const before = (JSON.parse(readFileSync(file, 'utf8')) as { keys: { kid: string }[] }).keys;
    const r = run('keys', ['rotate', '--overlap-seconds', '1800']);
    expect(r.status).toBe(0);
    const after = (JSON.parse(readFileSync(file, 'utf8')) as { keys: { kid: string; exp?: number; iat: number }[] })
      .keys;
    expect(after).toHaveLength(before.length + 1);
    const fresh = after.at(-1) as { kid: string; exp?: number };
    expect(r.out).toContain(fresh.kid);
    expect(fresh.exp).toBeUndefined();
    for (const old of after.slice(0, -1)) expect((old.exp as number) - Date.now() / 1000).toBeGreaterThan(1700);
    expect(run('keys', ['rotate', '--overlap-seconds', '5']).status).toBe(1);
  });
});
