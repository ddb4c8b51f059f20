// Main-process set-up. Takes the electron module (and the settings store) as parameters, so the
// whole set-up boots in a Node test with a fake typed from Electron's own definitions.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Conf from 'conf';
import type * as ElectronModule from 'electron';
import {
  IPC_EVENTS,
  LiveError,
  type LiveBridge,
  type ProxyAuthRequest,
  type Settings,
  type UpdateStatus,
} from '../protocol';
import { createLiveHost, type Logger } from '../core';
import { createFileStore } from './adapters/fileStore';
import { consoleLogger, nodeClock, nodeRandomId } from './adapters/nodePorts';
import { electronNetwork } from './electronNetwork';
import { createCsvExporter } from './export/csvExporter';
import { createRecovery } from './failures/recovery';
import { printPage } from './print';
import { registerBridgeIpc } from './ipcBridge';
import { electronHttp } from './net/electronHttp';
import { proxiedSocketFactory } from './net/proxiedSocket';
import { createProxyAuth } from './net/proxyAuth';
import { createProxyPrompt } from './net/proxyPrompt';
import { requireSecureServer } from './net/secureServer';
import { trustedCertificates } from './net/systemCa';
import { createAutostart } from './os/autostart';
import { createReporter } from './report/reporter';
import { safeStorageSecrets } from './secretStore';
import { APP_SCHEME, resolveAppFile, isTrustedSenderUrl } from './security';
import { settingsKeyValueStore } from './settingsStore';
import { createDesktop, type FocusRequest } from './shell/desktop';
import { createDoNotDisturbProbe } from './shell/doNotDisturb';
import { createUpdates, type Updater } from './updates';
import { createWindowManager } from './window/windowManager';

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
  | 'screen'
  | 'dialog'
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

/** What the entry point knows of the machine; tests pass their own. */
export interface MainOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  /** The per-process log files (console lines when absent). */
  logs?: { main: Logger; renderer: Logger; dir?: string; flush?: () => void };
  crashDir?: string;
  /** Started at login: stay in the tray. */
  startHidden?: boolean;
  /** electron-updater's autoUpdater (only the installed app passes one). */
  updater?: Updater;
  every?: (fn: () => void, ms: number) => () => void;
  home?: string;
  execPath?: string;
  versions?: Record<string, string>;
}

export interface MainHandle {
  host: LiveBridge;
  /** The console's window, if one exists now (it is made again after a close). */
  window(): ElectronModule.BrowserWindow | undefined;
  /** The one way to bring the console up (tray, Dock, second launch, notification click). */
  showWindow(request?: FocusRequest): Promise<void>;
  /** Stops everything and waits for pending writes. */
  dispose(): Promise<void>;
}

/** Must run before the app is ready: our scheme is a standard, secure origin. */
export function registerSchemes(electron: Pick<Electron, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Permissions the console may have: writing (sanitised) text to the clipboard, for support details. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

const defaultEvery = (fn: () => void, ms: number) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

export async function startMain(
  electron: Electron,
  paths: MainPaths,
  settingsStore: Conf<Record<string, unknown> & Settings>,
  options: MainOptions = {},
): Promise<MainHandle> {
  const { app, ipcMain, protocol, net, session } = electron;
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  await app.whenReady();
  const logger = options.logs?.main ?? consoleLogger('info');
  const rendererLog = options.logs?.renderer ?? logger;
  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(request.url, paths.rendererDir, path.join, path.sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
  const ours = (url: string | undefined) => isTrustedSenderUrl(url);
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission) && ours(wc.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission, origin) => ALLOWED_PERMISSIONS.has(permission) && ours(origin),
  );

  const files = createFileStore(path.join(app.getPath('userData'), 'store'));
  const network = electronNetwork(electron);
  const doNotDisturb = createDoNotDisturbProbe({
    platform,
    desktop: env.XDG_CURRENT_DESKTOP,
    run: (file, args) =>
      new Promise((resolve, reject) =>
        execFile(file, args, { timeout: 2000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      ),
    readFile: (file) => readFile(file, 'utf8'),
    homedir: os.homedir(),
    setInterval: (fn, ms) => setInterval(fn, ms).unref(),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  });
  const proxyListeners = new Set<(req: ProxyAuthRequest) => void>();
  const proxyPrompt = createProxyPrompt({
    show: () => windows.show().then(() => undefined),
    send: (req) => {
      windows.send(IPC_EVENTS.onProxyAuth, req);
      for (const cb of proxyListeners) cb(req);
    },
    randomId: nodeRandomId,
  });
  const proxyAuth = createProxyAuth({ log: logger, prompt: (info) => proxyPrompt.ask(info) });
  app.on('login', proxyAuth.onLogin);
  let ca: string[] | undefined | null = null;
  const host = createLiveHost({
    socketFactory: proxiedSocketFactory({
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      ca: () => (ca === null ? (ca = trustedCertificates(undefined, logger)) : ca),
      onProxyAuth: proxyAuth.forSocket,
      log: logger,
    }),
    http: electronHttp(net),
    randomId: nodeRandomId,
    store: settingsKeyValueStore(settingsStore, files),
    secrets: safeStorageSecrets(electron.safeStorage, files, platform),
    clock: nodeClock,
    network,
    logger,
    doNotDisturb,
    client: { app: 'desktop', version: app.getVersion() },
  });
  let settings = await host.getSettings();

  const autostart = createAutostart({
    platform,
    app,
    isPackaged: app.isPackaged,
    env,
    home: options.home ?? os.homedir(),
    execPath: options.execPath ?? process.execPath,
    fs: {
      writeFile: (f, d) => writeFile(f, d, 'utf8'),
      rm: (f) => rm(f, { force: true }),
      mkdir: (d) => mkdir(d, { recursive: true }).then(() => undefined),
    },
    log: logger,
  });
  await autostart.apply(settings.startAtLogin && autostart.supported);

  let quitting = false;
  const quit = () => {
    quitting = true;
    app.quit();
  };
  app.on('before-quit', () => (quitting = true));

  const reporter = createReporter({
    electron,
    host,
    settings: () => settings,
    versions: options.versions ?? { app: app.getVersion(), ...process.versions },
    logDir: options.logs?.dir,
    crashDir: options.crashDir,
    flush: options.logs?.flush,
    window: () => windows.current(),
    log: logger,
  });
  const recovery = createRecovery({
    dialog: electron.dialog,
    log: logger,
    language: () => settings.language,
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    window: () => windows.current(),
    report: () => void reporter.save().catch(() => undefined),
    quit,
  });
  app.on('child-process-gone', (_e, details) => recovery.childGone(details));

  const windows = createWindowManager({
    electron,
    preloadFile: paths.preloadFile,
    store: files,
    log: logger,
    rendererLog,
    // Closing keeps the app in the tray (a setting); quitting is from the tray.
    keepOnClose: () => settings.keepInTray && !quitting,
    onCreated: (win) => {
      const unwatch = recovery.attach(win);
      win.on('focus', () => desktop.windowFocused());
      return unwatch;
    },
  });

  const showWindow = async (request?: FocusRequest) => {
    await windows.show();
    desktop.refresh(); // a new window gets its overlay icon again
    if (request) host.focus(request);
  };

  const updateListeners = new Set<(s: UpdateStatus) => void>();
  const updates = createUpdates({
    enabled: options.updater !== undefined && app.isPackaged && !env.LIVE_TEST,
    updater: options.updater ?? NO_UPDATER,
    log: logger,
    every: options.every ?? defaultEvery,
    pendingActions: async () => (await host.getState()).outbox?.pending.length ?? 0,
    beforeInstall: () => files.flush(),
    onStatus: (status) => {
      windows.send(IPC_EVENTS.onUpdate, status);
      for (const cb of updateListeners) cb(status);
      desktop.refresh();
    },
  });

  const capabilities = () => ({
    startAtLogin: autostart.supported,
    keepInTray: true,
    badge: desktop.badgeSupported,
    reportProblem: true,
    updates: updates.status().state !== 'unsupported',
  });

  const exporter = createCsvExporter({
    electron,
    window: () => windows.current(),
    ticket: (req) => host.exportTicket(req),
    net,
    language: () => settings.language,
    log: logger,
  });
  const stopExportProgress = exporter.onExportProgress((p) => windows.send(IPC_EVENTS.onExportProgress, p));

  // The console's bridge: core's host, with the desktop's own parts and its rules on top.
  const bridge: LiveBridge = {
    ...host,
    async login(req) {
      requireSecureServer(req.server);
      return host.login(req);
    },
    async serverInfo(server) {
      requireSecureServer(server);
      return host.serverInfo(server);
    },
    async setSettings(patch) {
      if (patch.startAtLogin === true && !autostart.supported)
        throw new LiveError('validation_failed', 'Starting at login is not available on this system', {
          issues: [{ path: 'startAtLogin', message: 'not available on this system' }],
        });
      settings = await host.setSettings(patch);
      if (patch.startAtLogin !== undefined) await autostart.apply(settings.startAtLogin);
      desktop.refresh();
      return settings;
    },
    async getDesktop() {
      return { platform, version: app.getVersion(), capabilities: capabilities(), update: updates.status() };
    },
    async reportProblem() {
      return reporter.save();
    },
    async installUpdate() {
      return updates.requestInstall();
    },
    onUpdate(cb) {
      updateListeners.add(cb);
      return () => updateListeners.delete(cb);
    },
    onProxyAuth(cb) {
      proxyListeners.add(cb);
      return () => proxyListeners.delete(cb);
    },
    async answerProxyAuth(answer) {
      proxyPrompt.answer(answer);
    },
    print: () => printPage(windows.current()?.webContents),
    exportCsv: exporter.exportCsv,
    cancelExport: exporter.cancelExport,
    onExportProgress: exporter.onExportProgress,
  };
  const unregister = registerBridgeIpc(ipcMain, bridge, (method, reason) =>
    logger.warn({ method, reason }, 'IPC refused'),
  );

  const desktop = createDesktop({
    electron,
    host: bridge,
    window: () => windows.current(),
    env,
    assetsDir: paths.assetsDir,
    platform,
    settings: () => settings,
    now: () => Date.now(),
    focus: (request) => void showWindow(request),
    quit,
    extras: {
      updateReady: () => {
        const s = updates.status();
        return s.state === 'ready' || s.state === 'waiting' ? s.version : undefined;
      },
      installUpdate: () => void updates.requestInstall(),
      reportProblem: () => void reporter.save().catch(() => undefined),
    },
  });

  const stopBatches = host.onBatch((batch) => {
    windows.send(IPC_EVENTS.onBatch, batch);
    desktop.onBatch(batch);
    if (batch.state?.outbox) updates.outboxChanged(batch.state.outbox.pending.length);
  });
  const stopSounds = host.onSound((req) => windows.send(IPC_EVENTS.onSound, req));
  const stopFocus = host.onFocus((req) => windows.send(IPC_EVENTS.onFocus, req));

  // Started at login with the tray kept: the window is made (sounds play in it) but not shown.
  if (options.startHidden && settings.keepInTray) await windows.ensure(false);
  else await windows.ensure(true);
  updates.start();
  logger.info({ version: app.getVersion(), platform }, 'main started');

  return {
    host: bridge,
    window: () => windows.current(),
    showWindow,
    async dispose() {
      updates.stop();
      stopBatches();
      stopSounds();
      stopFocus();
      stopExportProgress();
      exporter.dispose();
      unregister();
      desktop.dispose();
      doNotDisturb.close();
      network.stop();
      host.close();
      await files.flush();
    },
  };
}

const NO_UPDATER: Updater = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  checkForUpdates: async () => undefined,
  quitAndInstall: () => undefined,
  on: () => undefined,
};
