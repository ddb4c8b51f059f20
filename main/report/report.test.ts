// "Sorun bildir": the report holds versions, OS, settings, a summary of the state, the tail of each
// log file and the crash dumps' names — and no token or password, even when a log line or the
// state carried one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type ClientState } from '../../protocol';
import { fakeElectron } from '../test/fakeElectron';
import { buildProblemReport, reportFileName } from './problemReport';
import { createReporter } from './reporter';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1LWRlcG8ifQ.c2lnbmF0dXJlLXBhcnQtb2YtdG9rZW4';
const REFRESH = 'Qk1wY3R2Wkx4bE9aQnVJYm1nZ0V0a0ZzN0JxV3pYcVU';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const state: ClientState = {
  connection: {
    state: 'reconnecting',
    since: Date.UTC(2026, 10, 26, 9),
    attempt: 3,
    reason: 'transport close',
    server: 'https://canli.firma.com.tr',
  },
  user: { id: 'u-depo', name: 'Ayşe Yılmaz', role: 'warehouse' },
  channels: { orders: { epoch: 'e1', offset: 41 } },
  outbox: {
    pending: [{ key: 'k1', action: { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:SKU-1' }, createdAt: 1, attempts: 2 }],
    failed: [],
  },
};

function fixtures() {
  dir = mkdtempSync(path.join(tmpdir(), 'meschain-report-'));
  const logDir = path.join(dir, 'logs');
  const crashDir = path.join(dir, 'crashes');
  mkdirSync(logDir);
  mkdirSync(path.join(crashDir, 'completed'), { recursive: true });
  writeFileSync(
    path.join(logDir, 'main.3.log'),
    [
      JSON.stringify({ level: 30, msg: 'signed in' }),
      // A line that escaped the logger's redaction somehow: scrubbed again here.
      `{"level":50,"msg":"refresh failed ${REFRESH}","token":"${JWT}"}`,
    ].join('\n'),
  );
  writeFileSync(path.join(logDir, 'renderer.1.log'), JSON.stringify({ level: 50, msg: 'Screen crashed: orders' }));
  writeFileSync(path.join(crashDir, 'completed', 'a1b2.dmp'), Buffer.alloc(2048));
  return { logDir, crashDir };
}

describe('the problem report', () => {
  it('gathers versions, settings, state, logs and crash dumps, with no secret in it', async () => {
    const { logDir, crashDir } = fixtures();
    const text = await buildProblemReport({
      now: new Date(Date.UTC(2026, 10, 26, 9, 30)),
      versions: { app: '0.1.0', electron: '45.5.0' },
      os: { platform: 'win32', release: '10.0.22631' },
      settings: { ...DEFAULT_SETTINGS, language: 'en' },
      state,
      logDir,
      crashDir,
    });
    const report = JSON.parse(text);
    expect(report).toMatchObject({
      kind: 'meschain-live-problem-report',
      versions: { app: '0.1.0', electron: '45.5.0' },
      settings: { language: 'en' },
      state: {
        connection: { state: 'reconnecting', attempt: 3 },
        user: { id: 'u-depo', role: 'warehouse' },
        outbox: { pending: [{ type: 'ALERT_ACK', attempts: 2 }] },
      },
      crashes: [{ file: path.join('completed', 'a1b2.dmp'), bytes: 2048 }],
    });
    expect(Object.keys(report.logs).sort()).toEqual(['main.3.log', 'renderer.1.log']);
    expect(report.logs['renderer.1.log'][0]).toContain('Screen crashed');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain(REFRESH);
    expect(text).not.toContain('Ayşe Yılmaz'); // the state is summarised, not copied
    expect(reportFileName(new Date(Date.UTC(2026, 10, 26, 9, 30)))).toBe('meschain-live-rapor-20261126-0930.json');
  });

  it('is saved where the person chooses and shown in its folder; cancelling saves nothing', async () => {
    const { logDir, crashDir } = fixtures();
    const fake = fakeElectron(dir as string);
    const reporter = createReporter({
      electron: { ...fake.electron, app: { getPath: () => dir as string } } as never,
      host: { getState: async () => state },
      settings: () => DEFAULT_SETTINGS,
      versions: { app: '0.1.0' },
      logDir,
      crashDir,
      window: () => undefined,
      log: { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    });
    expect(await reporter.save()).toEqual({});
    const file = path.join(dir as string, 'rapor.json');
    fake.dialog.saveAnswer = { canceled: false, filePath: file };
    expect(await reporter.save()).toEqual({ file });
    expect(JSON.parse(readFileSync(file, 'utf8')).versions).toEqual({ app: '0.1.0' });
    expect(fake.electron.shell.showItemInFolder).toHaveBeenCalledWith(file);
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Sorun raporunu kaydet',
        defaultPath: expect.stringMatching(/meschain-live-rapor-\d{8}-\d{4}\.json$/),
      }),
    );
  });
});
