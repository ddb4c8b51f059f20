// The main-process set-up booted in Node with a fake `electron` (the real one is never loaded).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, IPC_EVENTS, IPC_INVOKE, type LiveBatch } from '../protocol';
import { startGatewayProcess } from '../server/test/gatewayProcess';
import Conf from 'conf';
import { registerSchemes, startMain, type MainHandle } from './app';
import { settingsStoreOptions } from './settingsStore';
import { FakeWindow, fakeElectron } from './test/fakeElectron';
import type { IpcResult } from './ipcBridge';
import { APP_ENTRY } from './security';

// Safety net: loading the real electron module would start a binary download; fail loudly instead.
vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;

const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
const foreign = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;

describe('main process set-up', () => {
  let dir: string;
  let fake: ReturnType<typeof fakeElectron>;
  let handle: MainHandle | undefined;
  const paths = () => ({
    rendererDir: path.join(dir, 'renderer'),
    preloadFile: path.join(dir, 'preload', 'index.cjs'),
    assetsDir: path.resolve(__dirname, '../build'),
  });

  beforeEach(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // consoleLogger writes here
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-main-'));
    fake = fakeElectron(path.join(dir, 'userData'));
    const userData = path.join(dir, 'userData');
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    handle = await startMain(fake.asElectron, paths(), settings as never);
  });

  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers app:// as a standard, secure scheme', () => {
    registerSchemes(fake.asElectron);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('opens one locked-down window on the console entry and shows it only when ready', () => {
    const win = FakeWindow.last as FakeWindow;
    expect(win.options.webPreferences).toMatchObject({
      preload: paths().preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(win.loaded).toBe(APP_ENTRY);
    expect(win.shown).toBe(false);
    win.fire('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('serves app:// from the renderer folder and answers 404 to anything that escapes it', async () => {
    const serve = fake.protocolHandlers.get('app') as (req: { url: string }) => Promise<Response>;
    const index = await serve({ url: 'app://console/' });
    expect(fake.electron.net.fetch).toHaveBeenCalledWith(
      pathToFileURL(path.join(paths().rendererDir, 'index.html')).href,
    );
    expect(await index.text()).toContain('index.html');
    for (const url of ['app://console/..%2f..%2fetc%2fpasswd', 'app://other/index.html']) {
      expect((await serve({ url })).status).toBe(404);
    }
    expect(fake.electron.net.fetch).toHaveBeenCalledTimes(1);
  });

  it('denies every permission but a sanitised clipboard write from the console itself', () => {
    const console_ = { getURL: () => 'app://console/index.html' };
    const foreignPage = { getURL: () => 'https://evil.example/' };
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn();
      fake.permissionRequest()?.(console_, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const write = vi.fn();
    fake.permissionRequest()?.(console_, 'clipboard-sanitized-write', write);
    expect(write).toHaveBeenCalledWith(true);
    const foreignWrite = vi.fn();
    fake.permissionRequest()?.(foreignPage, 'clipboard-sanitized-write', foreignWrite);
    expect(foreignWrite).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck()?.({}, 'media', 'app://console')).toBe(false);
    expect(fake.permissionCheck()?.({}, 'clipboard-sanitized-write', 'app://console')).toBe(true);
    expect(fake.permissionCheck()?.({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('blocks navigation, redirects and webviews, and opens only allow-listed links outside', () => {
    const wc = (FakeWindow.last as FakeWindow).webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      wc.fire(event, e, 'https://evil.example/');
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(wc.openHandler?.({ url: 'https://partner.trendyol.com/orders/1' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://partner.trendyol.com/orders/1');
    expect(wc.openHandler?.({ url: 'https://partner.trendyol.com.evil.io/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('answers the console over IPC, keeps settings in the user-data store, and refuses other frames', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      Object.values(IPC_INVOKE)
        .map((v) => v.channel)
        .sort(),
    );
    const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) =>
      (fake.ipcHandlers.get(channel) as Handler)(event, ...args);
    expect(await call(IPC_INVOKE.getSettings.channel, trusted)).toEqual({
      ok: true,
      value: DEFAULT_SETTINGS,
    });
    expect(await call(IPC_INVOKE.setSettings.channel, trusted, { language: 'en' })).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, language: 'en' },
    });
    // Settings live in electron-store's file (settings.json in the user-data folder).
    const onDisk = readFileSync(path.join(dir, 'userData', 'settings.json'), 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({ ...DEFAULT_SETTINGS, language: 'en' });
    expect(await call(IPC_INVOKE.setSettings.channel, foreign, { language: 'tr' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'userData', 'settings.json'), 'utf8')).language).toBe('en');
  });

  it('logs in over IPC against a real gateway, sends the host batches to the window, and stops on dispose', async () => {
    const gateway = await startGatewayProcess();
    try {
      const res = await (fake.ipcHandlers.get(IPC_INVOKE.login.channel) as Handler)(trusted, {
        server: gateway.url,
        username: 'depo',
        password: 'demo',
      });
      expect(res).toMatchObject({ ok: true, value: { user: { name: 'Ayşe Yılmaz', role: 'warehouse' } } });
      const wc = (FakeWindow.last as FakeWindow).webContents;
      await vi.waitFor(
        () => {
          const states = wc.sent.filter(([c]) => c === IPC_EVENTS.onBatch).map(([, b]) => (b as LiveBatch).state);
          expect(states.some((s) => s?.connection.state === 'connected' && s.user?.name === 'Ayşe Yılmaz')).toBe(true);
        },
        { timeout: 20_000, interval: 20 },
      );
      await (handle as MainHandle).dispose();
      handle = undefined;
      expect(fake.ipcHandlers.size).toBe(0);
    } finally {
      await gateway.dispose();
    }
  });
});
