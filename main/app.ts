// Main-process set-up. Takes the electron module (and the settings store) as parameters, so the
// whole set-up boots in a Node test with a fake typed from Electron's own definitions.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Conf from 'conf';
import type * as ElectronModule from 'electron';
import { IPC_EVENTS, type Settings } from '../protocol';
import { createLiveHost, type LiveHost, type NetworkStatus } from '../core';
import { createFileStore } from './adapters/fileStore';
import { consoleLogger, nodeClock, nodeHttp, nodeRandomId, socketIoFactory } from './adapters/nodePorts';
import { registerBridgeIpc } from './ipcBridge';
import { safeStorageSecrets } from './secretStore';
import { APP_ENTRY, APP_SCHEME, createSecureWindow, isAllowedExternalUrl, resolveAppFile } from './security';
import { settingsKeyValueStore } from './settingsStore';
import { createDesktop, type FocusRequest } from './shell/desktop';
import { createDoNotDisturbProbe } from './shell/doNotDisturb';

export type Electron = Pick<
  typeof ElectronModule,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'net'
  | 'session'
  | 'shell'
  | 'Tray'
  | 'Menu'
  | 'Notification'
  | 'nativeImage'
  | 'powerMonitor'
  | 'safeStorage'
>;

export const APP_ID = 'com.meschain.live';

export interface MainPaths {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** The built preload script (out/preload/index.cjs). */
  preloadFile: string;
  /** Folder with tray/ icons (build/ in development, the app's resources when packaged). */
  assetsDir: string;
}

export interface MainHandle {
  host: LiveHost;
  window: ElectronModule.BrowserWindow;
  /** A second launch, or the tray's "open": show the window (on an item). */
  focus(request?: FocusRequest): void;
  /** Stops everything and waits for pending writes. */
  dispose(): Promise<void>;
}

/** Must run before the app is ready: our scheme is a standard, secure origin. */
export function registerSchemes(electron: Pick<Electron, 'protocol'>): void {
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

/** Online/offline as the OS sees it (polled: main has no event for it), and waking from sleep. */
function electronNetwork(electron: Electron): NetworkStatus & { stop(): void } {
  const listeners = new Set<(online: boolean) => void>();
  const resumeListeners = new Set<() => void>();
  let last = electron.net.isOnline();
  const timer = setInterval(() => {
    const now = electron.net.isOnline();
    if (now === last) return;
    last = now;
    for (const cb of listeners) cb(now);
  }, 3000);
  timer.unref();
  const onResume = () => resumeListeners.forEach((cb) => cb());
  electron.powerMonitor.on('resume', onResume);
  return {
    online: () => electron.net.isOnline(),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onResume(cb) {
      resumeListeners.add(cb);
      return () => resumeListeners.delete(cb);
    },
    stop() {
      clearInterval(timer);
      electron.powerMonitor.removeListener('resume', onResume);
    },
  };
}

export async function startMain(
  electron: Electron,
  paths: MainPaths,
  settingsStore: Conf<Record<string, unknown> & Settings>,
): Promise<MainHandle> {
  const { app, BrowserWindow, ipcMain, protocol, net, session } = electron;
  await app.whenReady();
  const logger = consoleLogger('info');
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(request.url, paths.rendererDir, path.join, path.sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const files = createFileStore(path.join(app.getPath('userData'), 'store'));
  const network = electronNetwork(electron);
  const doNotDisturb = createDoNotDisturbProbe({
    platform: process.platform,
    run: (file, args) =>
      new Promise((resolve, reject) =>
        execFile(file, args, { timeout: 2000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      ),
    readFile: (file) => readFile(file, 'utf8'),
    homedir: homedir(),
    setInterval: (fn, ms) => setInterval(fn, ms).unref(),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  });
  const host = createLiveHost({
    socketFactory: socketIoFactory,
    http: nodeHttp,
    randomId: nodeRandomId,
    store: settingsKeyValueStore(settingsStore, files),
    secrets: safeStorageSecrets(electron.safeStorage, files, process.platform),
    clock: nodeClock,
    network,
    logger,
    doNotDisturb,
  });
  let settings = await host.getSettings();
  const applyLoginItem = () => app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
  applyLoginItem();

  // Settings changed from the console: the shell follows (login item, tray language, mute).
  const bridge: LiveHost = {
    ...host,
    async setSettings(patch) {
      settings = await host.setSettings(patch);
      applyLoginItem();
      desktop.refresh();
      return settings;
    },
  };
  const unregister = registerBridgeIpc(ipcMain, bridge, (method, reason) =>
    logger.warn({ method, reason }, 'IPC refused'),
  );

  const window = createSecureWindow(BrowserWindow, paths.preloadFile);
  lockDown(electron, window.webContents);
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  // Closing the window keeps the app in the tray (a setting); quitting is from the tray.
  window.on('close', (event) => {
    if (settings.keepInTray && !quitting) {
      event.preventDefault();
      window.hide();
    }
  });

  const focus = (request?: FocusRequest) => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (request) host.focus(request);
  };
  const desktop = createDesktop({
    electron,
    host: bridge,
    window,
    assetsDir: paths.assetsDir,
    platform: process.platform,
    settings: () => settings,
    now: () => Date.now(),
    focus,
    quit: () => {
      quitting = true;
      app.quit();
    },
  });

  const send = (channel: string, payload: unknown) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const stopBatches = host.onBatch((batch) => {
    send(IPC_EVENTS.onBatch, batch);
    desktop.onBatch(batch);
  });
  const stopSounds = host.onSound((req) => send(IPC_EVENTS.onSound, req));
  const stopFocus = host.onFocus((req) => send(IPC_EVENTS.onFocus, req));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);

  return {
    host: bridge,
    window,
    focus,
    async dispose() {
      stopBatches();
      stopSounds();
      stopFocus();
      unregister();
      desktop.dispose();
      doNotDisturb.close();
      network.stop();
      host.close();
      await files.flush();
    },
  };
}
