// Electron entry point: the only file that imports the real `electron` module (and
// electron-store and electron-updater, which import it too).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import ElectronStore from 'electron-store';
import electronUpdater from 'electron-updater';
import type { Settings } from '../protocol';
import { registerSchemes, startMain, type MainHandle } from './app';
import { startCrashReports } from './failures/crashReports';
import { catchProcessErrors } from './failures/processErrors';
import { asCoreLogger, openFileLog } from './logging/fileLog';
import { HIDDEN_ARG } from './os/autostart';
import { settingsStoreOptions } from './settingsStore';

const here = path.dirname(fileURLToPath(import.meta.url));
const { app } = electron;

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it shows its window (second-instance below); this one leaves.
  app.quit();
} else {
  // As early as possible: a crash during start-up leaves its minidump too.
  const crashDir = startCrashReports(electron);
  registerSchemes(electron);
  const logDir = path.join(app.getPath('userData'), 'logs');
  let handle: MainHandle | undefined;
  let language: 'tr' | 'en' = 'tr';

  app
    .whenReady()
    .then(async () => {
      const mainLog = await openFileLog({ dir: logDir, process: 'main' });
      const rendererLog = await openFileLog({ dir: logDir, process: 'renderer' });
      const log = asCoreLogger(mainLog.logger);
      catchProcessErrors({
        proc: process,
        log,
        flush: () => mainLog.flush(),
        dialog: electron.dialog,
        language: () => language,
        now: () => Date.now(),
        restart: () => {
          app.relaunch();
          app.quit();
        },
      });
      const settingsStore = new ElectronStore<Record<string, unknown> & Settings>({
        ...settingsStoreOptions(app.getPath('userData')),
        name: 'settings',
      });
      language = settingsStore.get('language') ?? 'tr';
      const packaged = app.isPackaged && !process.env.LIVE_TEST;
      handle = await startMain(
        electron,
        {
          rendererDir: path.join(here, '../renderer'),
          preloadFile: path.join(here, '../preload/index.cjs'),
          assetsDir: app.isPackaged ? process.resourcesPath : path.join(here, '../../build'),
        },
        settingsStore,
        {
          logs: {
            main: log,
            renderer: asCoreLogger(rendererLog.logger),
            dir: logDir,
            flush: () => {
              mainLog.flush();
              rendererLog.flush();
            },
          },
          crashDir,
          startHidden: process.argv.includes(HIDDEN_ARG) || app.getLoginItemSettings().wasOpenedAtLogin,
          // Updates only for the installed app, never in development or under test.
          updater: packaged ? electronUpdater.autoUpdater : undefined,
        },
      );
      settingsStore.onDidChange('language', (l) => (language = l ?? 'tr'));
      const show = () => void handle?.showWindow().catch((err: unknown) => log.error({ err }, 'window not shown'));
      app.on('second-instance', show);
      // macOS: the Dock icon was clicked; the window may have been closed (not only hidden).
      app.on('activate', show);

      // Quitting waits for the outbox and settings to reach the disk, once.
      let flushed = false;
      app.on('will-quit', (event) => {
        if (flushed || !handle) return;
        event.preventDefault();
        flushed = true;
        void handle
          .dispose()
          .catch((err: unknown) => log.error({ err }, 'shutdown incomplete'))
          .finally(() => {
            mainLog.flush();
            app.quit();
          });
      });
    })
    .catch((err: unknown) => {
      console.error('MesChain Live failed to start', err);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    // macOS keeps the app in the Dock; elsewhere a closed window (tray not kept) ends it.
    if (process.platform !== 'darwin') app.quit();
  });
}
