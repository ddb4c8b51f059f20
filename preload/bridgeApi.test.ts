// window.live as the preload builds it, over a fake ipcRenderer.
import type { IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, IPC_EVENTS, IPC_INVOKE, type LiveBatch, type SoundRequest } from '../protocol';
import { createBridgeApi, type IpcRendererLike } from './bridgeApi';

// Safety net: loading the real electron module would start a binary download; fail loudly instead.
vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: 'v' })) {
  const listeners = new Map<string, Listener[]>();
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => answer(channel, args));
  const ipc = {
    invoke,
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      const list = listeners.get(channel) ?? [];
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
      return ipc;
    },
  };
  const event = { sender: { send: () => undefined }, senderId: 0 } as unknown as IpcRendererEvent;
  /** Main sends on `channel`, as webContents.send would. */
  const emit = (channel: string, payload: unknown) => {
    for (const l of [...(listeners.get(channel) ?? [])]) l(event, payload);
  };
  const count = (channel: string) => listeners.get(channel)?.length ?? 0;
  return { ipc: ipc as unknown as IpcRendererLike, invoke, emit, count };
}

const CALLS = [
  ['getState', []],
  ['login', [{ server: 'https://live.example.com', username: 'depo', password: 'demo' }]],
  ['serverInfo', ['https://live.example.com']],
  ['logout', []],
  ['act', [{ type: 'ORDER_CLAIM', orderKey: 'trendyol:TY-1001' }]],
  ['retryNow', []],
  ['resync', []],
  ['getSettings', []],
  ['setSettings', [{ language: 'en' }]],
  ['dismissFailed', ['k-1']],
  ['notificationDismissed', ['LOW_STOCK:SKU-1']],
  ['setView', ['orders']],
  ['adminRead', ['channels']],
  ['adminAct', [{ kind: 'end-session', sessionId: 's1' }]],
  ['query', [{ resource: 'order', orderKey: 'trendyol:TY1' }]],
  ['exportCsv', [{ resource: 'orders', params: { q: 'TY1' } }, 'export-1']],
  ['cancelExport', ['export-1']],
  ['print', []],
  ['getDesktop', []],
  ['reportProblem', []],
  ['installUpdate', []],
  ['answerProxyAuth', [{ id: 'p1', cancel: true }]],
] as const;

describe('createBridgeApi', () => {
  it('exposes exactly the bridge methods, nothing else (no raw ipcRenderer)', () => {
    const api = createBridgeApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(BRIDGE_METHODS);
    expect(BRIDGE_METHODS).toEqual([...Object.keys(IPC_INVOKE), ...Object.keys(IPC_EVENTS)].sort());
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
  });

  it('covers every invoke method in this test', () => {
    expect(CALLS.map(([m]) => m).sort()).toEqual(Object.keys(IPC_INVOKE).sort());
  });

  it.each(CALLS)('%s invokes its own channel with its arguments and resolves to the value', async (method, args) => {
    const f = fakeIpc((channel) => ({ ok: true, value: { from: channel } }));
    const api = createBridgeApi(f.ipc);
    const value = await (api[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    expect(f.invoke).toHaveBeenCalledTimes(1);
    expect(f.invoke).toHaveBeenCalledWith(IPC_INVOKE[method].channel, ...args);
    expect(value).toEqual({ from: IPC_INVOKE[method].channel });
  });

  it.each(CALLS)(
    '%s rejects with a plain object carrying the code when main answers ok:false',
    async (method, args) => {
      const error = {
        code: 'validation_failed',
        message: 'Invalid arguments',
        details: { issues: [{ path: '0.server', message: 'bad' }] },
      };
      const api = createBridgeApi(fakeIpc(() => ({ ok: false, error })).ipc);
      const err = await (api[method] as (...a: unknown[]) => Promise<unknown>)(...args).then(
        () => undefined,
        (e: unknown) => e,
      );
      // A plain object crosses the context bridge intact; an Error would lose its code.
      expect(err).not.toBeInstanceOf(Error);
      expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
      expect(err).toEqual(error);
      expect(structuredClone(err)).toEqual(error);
    },
  );

  it('onBatch and onSound listen on their channels and hand the callback only the payload', () => {
    const f = fakeIpc();
    const api = createBridgeApi(f.ipc);
    const batches: unknown[][] = [];
    const sounds: unknown[][] = [];
    api.onBatch((...a: unknown[]) => batches.push(a));
    api.onSound((...a: unknown[]) => sounds.push(a));
    const batch: LiveBatch = { events: [] };
    const sound: SoundRequest = { sound: 'critical', volume: 0.8 };
    f.emit(IPC_EVENTS.onBatch, batch);
    f.emit(IPC_EVENTS.onSound, sound);
    // The IPC event (with its sender) must never reach the page.
    expect(batches).toEqual([[batch]]);
    expect(sounds).toEqual([[sound]]);
  });

  it.each(['onBatch', 'onSound', 'onUpdate', 'onProxyAuth', 'onExportProgress'] as const)(
    'the function %s returns removes exactly that listener',
    (method) => {
      const f = fakeIpc();
      const api = createBridgeApi(f.ipc);
      const channel = IPC_EVENTS[method];
      const a = vi.fn();
      const b = vi.fn();
      const stopA = api[method](a);
      const stopB = api[method](b);
      expect(f.count(channel)).toBe(2);
      stopA();
      expect(f.count(channel)).toBe(1);
      f.emit(channel, { events: [] });
      expect(a).not.toHaveBeenCalled();
      expect(b).toHaveBeenCalledTimes(1);
      stopA(); // a second call must not remove someone else's listener
      expect(f.count(channel)).toBe(1);
      stopB();
      expect(f.count(channel)).toBe(0);
      f.emit(channel, { events: [] });
      expect(b).toHaveBeenCalledTimes(1);
    },
  );

  it('the same callback registered twice is removed one registration at a time', () => {
    const f = fakeIpc();
    const api = createBridgeApi(f.ipc);
    const cb = vi.fn();
    const stop1 = api.onBatch(cb);
    api.onBatch(cb);
    stop1();
    f.emit(IPC_EVENTS.onBatch, { events: [] });
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
