// Electron entry point: the only file that imports the real `electron` module (and
// electron-store and electron-updater, which import it too).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import ElectronStore from 'electron-store';
import electronUpdater from 'electron-updater';
import type { Settings } from '../protocol';
import { registerSchemes, startMain } from './app';
import { settingsStoreOptions } from './settingsStore';
import { startUpdates } from './updates';

const here = path.dirname(fileURLToPath(import.meta.url));
const { app } = electron;

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it focuses its window (second-instance below); this one leaves.
  app.quit();
} else {
  registerSchemes(electron);
  app.whenReady().then(
    async () => {
      const settingsStore = new ElectronStore<Record<string, unknown> & Settings>({
        ...settingsStoreOptions(app.getPath('userData')),
        name: 'settings',
      });
      const handle = await startMain(
        electron,
        {
          rendererDir: path.join(here, '../renderer'),
          preloadFile: path.join(here, '../preload/index.cjs'),
          assetsDir: app.isPackaged ? process.resourcesPath : path.join(here, '../../build'),
        },
        settingsStore,
      );
      app.on('second-instance', () => handle.focus());
      app.on('activate', () => handle.focus());
      // Updates only for the installed app, never in development or under test.
      startUpdates({
        isPackaged: app.isPackaged,
        env: process.env,
        updater: electronUpdater.autoUpdater,
        log: (message, err) => console.error(message, err),
      });
    },
    (err: unknown) => {
      console.error('MesChain Live failed to start', err);
      app.exit(1);
    },
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
