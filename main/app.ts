// Main-process set-up. Takes the electron module as a parameter, so the whole set-up boots in a
// Node test with a fake typed from Electron's own definitions.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronModule from 'electron';
import { IPC_EVENTS } from '../protocol';
import { createLiveHost, type LiveHost } from '../core';
import { createFileStore } from './adapters/fileStore';
import { consoleLogger, nodeClock, nodeHttp, nodeRandomId, socketIoFactory } from './adapters/nodePorts';
import { registerBridgeIpc } from './ipcBridge';
import { APP_ENTRY, APP_SCHEME, isAllowedExternalUrl, resolveAppFile, windowOptions } from './security';

export type Electron = Pick<
  typeof ElectronModule,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'net' | 'session' | 'shell'
>;

export interface MainPaths {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** The built preload script (out/preload/index.cjs). */
  preloadFile: string;
}

export interface MainHandle {
  host: LiveHost;
  window: ElectronModule.BrowserWindow;
  dispose(): void;
}

/** Must run before the app is ready: our scheme is a standard, secure origin. */
export function registerSchemes(electron: Electron): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function lockDown(electron: Electron, contents: ElectronModule.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
}

export async function startMain(electron: Electron, paths: MainPaths): Promise<MainHandle> {
  const { app, BrowserWindow, ipcMain, protocol, net, session } = electron;
  await app.whenReady();
  const logger = consoleLogger('info');

  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(request.url, paths.rendererDir, path.join, path.sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const host = createLiveHost({
    socketFactory: socketIoFactory,
    http: nodeHttp,
    randomId: nodeRandomId,
    store: createFileStore(path.join(app.getPath('userData'), 'store')),
    clock: nodeClock,
    network: { online: () => net.isOnline(), onChange: () => () => undefined },
    logger,
  });
  const unregister = registerBridgeIpc(ipcMain, host, (method, reason) =>
    logger.warn({ method, reason }, 'IPC refused'),
  );

  const window = new BrowserWindow(windowOptions(paths.preloadFile));
  lockDown(electron, window.webContents);
  const stopBatches = host.onBatch((batch) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS.onBatch, batch);
  });
  const stopSounds = host.onSound((req) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS.onSound, req);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);

  return {
    host,
    window,
    dispose() {
      stopBatches();
      stopSounds();
      unregister();
      host.close();
    },
  };
}
