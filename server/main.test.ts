// `npm run gateway` with a bad environment: refuses to start, with one clear line on stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './test/gatewayProcess';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs server/main.ts with only the given LIVE_* settings; resolves when it exits. */
function runGateway(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('LIVE_') && k !== 'DATABASE_URL' && k !== 'REDIS_URL'),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: { ...base, LIVE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // A bad configuration must end the process by itself; if it starts serving, stop it and report.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('gateway start with a bad configuration', () => {
  it('LIVE_PORT=abc: exits non-zero with exactly one stderr line naming LIVE_PORT', async () => {
    const { code, stderr } = await runGateway({ LIVE_PORT: 'abc' });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const lines = stderr.split('\n').filter((l) => l.length > 0);
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain('LIVE_PORT');
    expect(lines[0]).toContain('abc');
  });

  it('two bad values: one line each', async () => {
    const { code, stderr } = await runGateway({ LIVE_PORT: 'abc', LIVE_TRANSPORTS: 'carrier-pigeon' });
    expect(code).not.toBe(0);
    const lines = stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes('LIVE_PORT'))).toBe(true);
    expect(lines.some((l) => l.includes('LIVE_TRANSPORTS'))).toBe(true);
  });

  it('demo mode on a public host is refused before listening', async () => {
    const port = await freePort();
    const { code, stderr } = await runGateway({ LIVE_DEMO: '1', LIVE_HOST: '0.0.0.0', LIVE_PORT: String(port) });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('LIVE_DEMO')]);
  });

  it('DATABASE_URL=not a url: the stderr line names DATABASE_URL', async () => {
    const port = await freePort();
    const { code, stderr } = await runGateway({ DATABASE_URL: 'not a url', LIVE_PORT: String(port) });
    expect(code).not.toBe(0);
    expect(stderr).toContain('DATABASE_URL');
  });
});

describe('gateway start with a bad LIVE_RULES file', () => {
  it('exits non-zero with one stderr line naming the file and the key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meschain-rules-'));
    try {
      const file = path.join(dir, 'rules.yaml');
      writeFileSync(file, 'syncLag:\n  highSeconds: 900\n  criticalSeconds: 300\n');
      const port = await freePort();
      const { code, stderr } = await runGateway({ LIVE_RULES: file, LIVE_PORT: String(port) });
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      const lines = stderr.split('\n').filter((l) => l.length > 0);
      expect(lines, stderr).toEqual([expect.stringContaining(`LIVE_RULES: ${file}: syncLag.criticalSeconds`)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
