// Builds `window.live` from an ipcRenderer: exactly the LiveBridge methods, nothing else.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC_EVENTS,
  IPC_INVOKE,
  type ErrorPayload,
  type IpcEventMap,
  type IpcInvokeMap,
  type LiveBridge,
} from '../protocol';

type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createBridgeApi(ipc: IpcRendererLike) {
  async function invoke<C extends keyof IpcInvokeMap>(
    channel: C,
    ...args: IpcInvokeMap[C]['args']
  ): Promise<IpcInvokeMap[C]['result']> {
    const res = (await ipc.invoke(channel, ...args)) as IpcResult<IpcInvokeMap[C]['result']>;
    // A plain object survives the context bridge with its code; an Error would keep only its message.
    if (!res.ok) throw { code: res.error.code, message: res.error.message, details: res.error.details };
    return res.value;
  }

  function listen<C extends keyof IpcEventMap>(channel: C, cb: (payload: IpcEventMap[C]) => void): () => void {
    const handler = (_e: IpcRendererEvent, payload: IpcEventMap[C]) => cb(payload);
    ipc.on(channel, handler);
    return () => {
      ipc.removeListener(channel, handler);
    };
  }

  return {
    getState: () => invoke(IPC_INVOKE.getState.channel),
    onBatch: (cb) => listen(IPC_EVENTS.onBatch, cb),
    login: (req) => invoke(IPC_INVOKE.login.channel, req),
    serverInfo: (server) => invoke(IPC_INVOKE.serverInfo.channel, server),
    logout: () => invoke(IPC_INVOKE.logout.channel),
    act: (action) => invoke(IPC_INVOKE.act.channel, action),
    retryNow: () => invoke(IPC_INVOKE.retryNow.channel),
    resync: () => invoke(IPC_INVOKE.resync.channel),
    getSettings: () => invoke(IPC_INVOKE.getSettings.channel),
    setSettings: (patch) => invoke(IPC_INVOKE.setSettings.channel, patch),
    onSound: (cb) => listen(IPC_EVENTS.onSound, cb),
    notificationDismissed: (id) => invoke(IPC_INVOKE.notificationDismissed.channel, id),
    dismissFailed: (key) => invoke(IPC_INVOKE.dismissFailed.channel, key),
    setView: (view) => invoke(IPC_INVOKE.setView.channel, view),
    onFocus: (cb) => listen(IPC_EVENTS.onFocus, cb),
    adminRead: (view, page) =>
      page === undefined
        ? invoke(IPC_INVOKE.adminRead.channel, view)
        : invoke(IPC_INVOKE.adminRead.channel, view, page),
    adminAct: (action) => invoke(IPC_INVOKE.adminAct.channel, action),
    query: (req) => invoke(IPC_INVOKE.query.channel, req),
    exportCsv: (req, id) => invoke(IPC_INVOKE.exportCsv.channel, req, id),
    cancelExport: (id) => invoke(IPC_INVOKE.cancelExport.channel, id),
    onExportProgress: (cb) => listen(IPC_EVENTS.onExportProgress, cb),
    getDesktop: () => invoke(IPC_INVOKE.getDesktop.channel),
    reportProblem: () => invoke(IPC_INVOKE.reportProblem.channel),
    installUpdate: () => invoke(IPC_INVOKE.installUpdate.channel),
    onUpdate: (cb) => listen(IPC_EVENTS.onUpdate, cb),
    onProxyAuth: (cb) => listen(IPC_EVENTS.onProxyAuth, cb),
    answerProxyAuth: (answer) => invoke(IPC_INVOKE.answerProxyAuth.channel, answer),
    print: () => invoke(IPC_INVOKE.print.channel),
  } satisfies LiveBridge;
}
