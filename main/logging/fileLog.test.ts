// The log files of the installed app: they roll over by size and keep a bounded number of files,
// every line is a JSON record with its level and process, and no token or password reaches any
// line, whether it comes as a field, nested, inside an error or inside the message text.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileLog } from './fileLog';
import { scrubText } from './redact';

const JWT =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1LWRlcG8iLCJyb2xlIjoid2FyZWhvdXNlIn0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu';
// As the gateway makes them: 32 random bytes, base64url.
const REFRESH = randomBytes(32).toString('base64url');
const PASSWORD = 'Sifre-Cok-Gizli-42';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('rotating log files', () => {
  it('roll over by size, keep a bounded number of files, and hold no secret in any line', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-logs-'));
    const log = await openFileLog({ dir, process: 'main', size: '4k', keep: 2 });
    for (let i = 0; i < 400; i++) {
      // An app logs over time, not in one tick: the file rolls between writes.
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
      switch (i % 6) {
        case 0:
          log.logger.info({ token: JWT, user: 'depo', i }, 'signed in');
          break;
        case 1:
          log.logger.warn({ auth: { token: JWT }, body: { password: PASSWORD, refreshToken: REFRESH }, i }, 'login');
          break;
        case 2:
          log.logger.error({ err: new Error(`refresh failed for ${REFRESH}: Bearer ${JWT}`), i }, 'refresh');
          break;
        case 3:
          log.logger.info({ url: `https://gw.example/v1/snapshot?token=${JWT}&x=1`, i }, 'snapshot');
          break;
        case 4:
          log.logger.info({ i }, `socket handshake with Authorization: Bearer ${JWT}`);
          break;
        default:
          log.logger.debug({ i }, 'below the level');
          log.logger.info({ proxy: `http://ayse:${PASSWORD}@proxy.office:3128`, i }, 'proxy');
      }
    }
    await log.close();

    const files = readdirSync(dir).sort();
    expect(
      files.every((f) => /^main\.\d+\.log$/.test(f)),
      files.join(),
    ).toBe(true);
    // Rolled over (numbers beyond 1) and pruned to the current file plus two.
    expect(Math.max(...files.map((f) => Number(f.split('.')[1])))).toBeGreaterThan(3);
    expect(files.length).toBeLessThanOrEqual(3);

    let lines = 0;
    for (const f of files) {
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)) {
        lines++;
        const record = JSON.parse(line) as { level: number; process: string; msg: string; time: string };
        expect(record.process).toBe('main');
        expect(record.level).toBeGreaterThanOrEqual(30); // debug is below the level
        expect(typeof record.time).toBe('string');
        for (const secret of [JWT, REFRESH, PASSWORD, JWT.split('.')[2] as string]) expect(line).not.toContain(secret);
      }
    }
    expect(lines).toBeGreaterThan(20);
  });

  it('scrub tokens from free text but leave ordinary text alone', () => {
    expect(scrubText(`x ${JWT} y`)).toBe('x [redacted] y');
    expect(scrubText('password=hunter2&user=ayse')).toBe('password=[redacted]&user=ayse');
    expect(scrubText('{"refreshToken":"abc123def"}')).toBe('{"refreshToken":"[redacted]"}');
    expect(scrubText(`refresh ${REFRESH} failed`)).toBe('refresh [redacted] failed');
    const ordinary = 'Order TY-1001 shipped to Ankara, event 6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
    expect(scrubText(ordinary)).toBe(ordinary);
  });
});
