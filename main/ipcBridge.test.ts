// Main's IPC handlers, called the way Electron would, with a fake ipcMain and a fake host.
import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE, LiveError, type InvokeMethod, type LiveBridge } from '../protocol';
import { registerBridgeIpc, type IpcResult } from './ipcBridge';

// Safety net: loading the real electron module would start a binary download; fail loudly instead.
vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;

const METHODS = Object.keys(IPC_INVOKE) as InvokeMethod[];

/** A valid argument list for each method, as the renderer would send it. */
const VALID_ARGS: Record<InvokeMethod, unknown[]> = {
  getState: [],
  login: [{ server: 'https://live.example.com', username: '  depo ', password: 'demo' }],
  serverInfo: ['https://live.example.com'],
  logout: [],
  act: [{ type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-123' }],
  retryNow: [],
  resync: [],
  getSettings: [],
  setSettings: [{ theme: 'dark' }],
  dismissFailed: ['0f6c2f1e-1111-4222-8333-944455556666'],
  notificationDismissed: ['OUT_OF_STOCK:SKU-1'],
  setView: ['orders'],
  adminRead: ['audit', { before: 'c1', limit: 50 }],
  adminAct: [{ kind: 'reset-password', username: ' Depo ' }],
  query: [{ resource: 'orders', params: { q: 'TY1001', sort: 'shipBy' } }],
  exportCsv: [{ resource: 'stock', params: { state: 'low' } }, 'export-1'],
  cancelExport: ['export-1'],
  print: [],
  getDesktop: [],
  reportProblem: [],
  installUpdate: [],
  answerProxyAuth: [{ id: 'p1', username: 'ayse', password: 'x' }],
};

const INVALID_ARGS: Record<InvokeMethod, unknown[]> = {
  getState: ['unexpected'],
  login: [{ server: 'file:///etc/passwd', username: 'depo', password: 'demo' }],
  serverInfo: ['javascript:alert(1)'],
  logout: [{ everyone: true }],
  act: [{ type: 'DROP_TABLE', alertKey: 'x' }],
  retryNow: [1],
  resync: ['everything'],
  getSettings: [null],
  setSettings: [{ theme: 'neon', extra: 1 }],
  dismissFailed: [{ key: 'x' }],
  notificationDismissed: ['x'.repeat(161)],
  setView: ['x'.repeat(65)],
  adminRead: ['users; DROP TABLE'],
  adminAct: [{ kind: 'set-role', username: 'depo', role: 'root' }],
  query: [{ resource: 'users', params: {} }],
  exportCsv: [{ resource: 'order', orderKey: 'trendyol:TY1' }, 'export-1'],
  cancelExport: ['../etc/passwd'],
  print: [{ silent: true }],
  getDesktop: ['all'],
  reportProblem: [{ path: '/etc/passwd' }],
  installUpdate: [true],
  answerProxyAuth: [{ id: 'p1', username: '', password: 'x', extra: 1 }],
};

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, h: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, h);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const host = {
    getState: vi.fn(async () => ({ connection: { state: 'idle', since: 0, attempt: 0 }, channels: {} })),
    onBatch: vi.fn(() => () => undefined),
    login: vi.fn(async (req: { username: string }) => ({
      user: { id: req.username, name: req.username, role: 'admin' },
    })),
    serverInfo: vi.fn(async () => ({ version: '0.1.0', demo: true, features: [] })),
    logout: vi.fn(async () => undefined),
    act: vi.fn(async () => ({ key: 'k-123456789' })),
    retryNow: vi.fn(async () => undefined),
    resync: vi.fn(async () => undefined),
    getSettings: vi.fn(async () => ({ language: 'tr', theme: 'system' })),
    setSettings: vi.fn(async () => ({ language: 'tr', theme: 'dark' })),
    onSound: vi.fn(() => () => undefined),
    dismissFailed: vi.fn(async () => undefined),
    notificationDismissed: vi.fn(async () => undefined),
    setView: vi.fn(async () => undefined),
    adminRead: vi.fn(async () => ({ view: 'health' })),
    adminAct: vi.fn(async () => ({ ended: 1 })),
    query: vi.fn(async () => undefined),
    exportCsv: vi.fn(async () => undefined),
    cancelExport: vi.fn(async () => undefined),
    print: vi.fn(async () => undefined),
    getDesktop: vi.fn(async () => ({})),
    reportProblem: vi.fn(async () => ({})),
    installUpdate: vi.fn(async () => ({ state: 'idle' })),
    answerProxyAuth: vi.fn(async () => undefined),
  };
  const refused: [string, string][] = [];
  const unregister = registerBridgeIpc(ipcMain as never, host as unknown as LiveBridge, (m, r) => refused.push([m, r]));
  const call = (method: InvokeMethod, url: string | null, args: unknown[]) => {
    const h = handlers.get(IPC_INVOKE[method].channel);
    if (!h) throw new Error(`no handler for ${method}`);
    const event = { senderFrame: url === null ? null : { url }, sender: {} } as unknown as IpcMainInvokeEvent;
    return h(event, ...args);
  };
  const hostCalls = () => Object.values(host).reduce((n, fn) => n + fn.mock.calls.length, 0);
  return { handlers, ipcMain, host, refused, unregister, call, hostCalls };
}

const TRUSTED = 'app://console/index.html';
let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('registerBridgeIpc', () => {
  it('registers one handler for every IPC_INVOKE channel, and unregisters them all', () => {
    expect([...t.handlers.keys()].sort()).toEqual(METHODS.map((m) => IPC_INVOKE[m].channel).sort());
    t.unregister();
    expect(t.handlers.size).toBe(0);
  });

  it.each([
    'https://evil.example',
    null,
    'file:///opt/app/renderer/index.html',
    'http://localhost:5173/',
    'app://other/',
  ])('refuses a call from the foreign frame %j on every channel, without calling the host', async (url) => {
    for (const method of METHODS) {
      const res = await t.call(method, url, VALID_ARGS[method]);
      expect(res).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect(t.hostCalls()).toBe(0);
    expect(t.refused.map(([m]) => m).sort()).toEqual([...METHODS].sort());
    expect(new Set(t.refused.map(([, r]) => r))).toEqual(new Set(['foreign sender']));
  });

  it('refuses a forged call whose event has no senderFrame at all', async () => {
    const h = t.handlers.get(IPC_INVOKE.logout.channel) as Handler;
    expect(await h({} as IpcMainInvokeEvent)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.host.logout).not.toHaveBeenCalled();
  });

  it.each(METHODS)(
    'answers invalid arguments to %s with validation_failed and issues, without calling the host',
    async (method) => {
      const res = await t.call(method, TRUSTED, INVALID_ARGS[method]);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('validation_failed');
      const issues = res.error.details?.issues as { path: string; message: string }[];
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) expect(i).toEqual({ path: expect.any(String), message: expect.any(String) });
      expect(t.hostCalls()).toBe(0);
    },
  );

  it.each(METHODS)(
    'passes a valid %s call from the console to the host and returns {ok: true, value}',
    async (method) => {
      const value = { answer: `from ${method}` };
      (t.host[method] as ReturnType<typeof vi.fn>).mockResolvedValueOnce(value);
      const res = await t.call(method, TRUSTED, VALID_ARGS[method]);
      expect(res).toEqual({ ok: true, value });
      expect(t.host[method]).toHaveBeenCalledTimes(1);
    },
  );

  it('hands the host the parsed arguments', async () => {
    await t.call('login', TRUSTED, VALID_ARGS.login);
    expect(t.host.login).toHaveBeenCalledWith({
      server: 'https://live.example.com',
      username: 'depo',
      password: 'demo',
    });
    await t.call('adminAct', TRUSTED, VALID_ARGS.adminAct);
    expect(t.host.adminAct).toHaveBeenCalledWith({ kind: 'reset-password', username: 'depo' });
  });

  it('keeps the code, message and details of a LiveError thrown by the host', async () => {
    t.host.act.mockRejectedValueOnce(new LiveError('already_claimed', 'Claimed by Ayşe', { holder: 'ayse' }));
    expect(await t.call('act', TRUSTED, VALID_ARGS.act)).toEqual({
      ok: false,
      error: { code: 'already_claimed', message: 'Claimed by Ayşe', details: { holder: 'ayse' } },
    });
  });

  it('turns any other error into internal without leaking its message', async () => {
    t.host.getSettings.mockRejectedValueOnce(new Error('EACCES: /home/ayse/.config/secret-token.json'));
    const res = await t.call('getSettings', TRUSTED, []);
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    expect(JSON.stringify(res)).not.toContain('secret');
    t.host.retryNow.mockRejectedValueOnce('a string, not even an Error');
    expect(await t.call('retryNow', TRUSTED, [])).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Internal error' },
    });
  });
});
