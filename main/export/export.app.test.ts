// "Dışa aktar" through the whole desktop set-up, booted in Node with the fake `electron`, against a
// real gateway: the console's IPC call asks where to save, main gets a download ticket as the user
// and streams the gateway's CSV into the chosen file, telling the window how far it got.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENTS, IPC_INVOKE, type ExportProgress } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../../server/test/gatewayProcess';
import { startMain, type MainHandle } from '../app';
import type { IpcResult } from '../ipcBridge';
import { settingsStoreOptions } from '../settingsStore';
import { FakeWindow, fakeElectron } from '../test/fakeElectron';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;
const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
const ORDERS = 1_000;

describe('desktop export over IPC', () => {
  let dir: string;
  let gw: GatewayProcess;
  let fake: ReturnType<typeof fakeElectron>;
  let handle: MainHandle | undefined;
  const call = (channel: string, ...args: unknown[]) => (fake.ipcHandlers.get(channel) as Handler)(trusted, ...args);

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // consoleLogger writes here
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-export-app-'));
    gw = await startGatewayProcess({}, { timeoutMs: 60_000 });
    for (let i = 0; i < ORDERS; i += 500) {
      const events = Array.from({ length: 500 }, (_, k) => orderCreated({ orderNumber: `DESK-${i + k}` }));
      expect((await postEvents(gw.url, { events })).status).toBe(202);
    }
    fake = fakeElectron(path.join(dir, 'userData'));
    const userData = path.join(dir, 'userData');
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    handle = await startMain(
      fake.asElectron,
      {
        rendererDir: path.join(dir, 'renderer'),
        preloadFile: path.join(dir, 'preload', 'index.cjs'),
        assetsDir: path.resolve(__dirname, '../../build'),
      },
      settings as never,
    );
    const login = await call(IPC_INVOKE.login.channel, { server: gw.url, username: 'depo', password: 'demo' });
    expect(login).toMatchObject({ ok: true });
  }, 120_000);
  afterAll(async () => {
    await handle?.dispose();
    await gw?.dispose();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the filtered orders where the person chose, with the BOM, telling the window the progress', async () => {
    const out = path.join(dir, 'out');
    const file = path.join(out, 'siparisler-bugun.csv');
    mkdirSync(out);
    fake.dialog.saveAnswer = { canceled: false, filePath: file };

    const res = await call(IPC_INVOKE.exportCsv.channel, { resource: 'orders', params: { q: 'desk' } }, 'job-app');
    expect(res).toMatchObject({ ok: true, value: { state: 'saved', file, rows: ORDERS + 1 } });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ defaultPath: expect.stringMatching(/siparisler-\d{4}-\d\d-\d\d\.csv$/) }),
    );
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').startsWith('Sipariş no;')).toBe(true);
    const lines = bytes.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(ORDERS + 1);
    expect(readdirSync(out)).toEqual(['siparisler-bugun.csv']);

    const wc = (FakeWindow.last as FakeWindow).webContents;
    const progress = wc.sent.filter(([c]) => c === IPC_EVENTS.onExportProgress).map(([, p]) => p as ExportProgress);
    expect(progress.at(-1)).toEqual({ id: 'job-app', bytes: bytes.length, rows: ORDERS + 1 });
  }, 60_000);

  it('refuses an export id that is not a plain name, before anything happens', async () => {
    const res = await call(IPC_INVOKE.exportCsv.channel, { resource: 'orders', params: {} }, '../x');
    expect(res).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
