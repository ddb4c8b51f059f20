// Electron entry point: the only file that imports the real `electron` module.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { registerSchemes, startMain } from './app';

const here = path.dirname(fileURLToPath(import.meta.url));

if (!electron.app.requestSingleInstanceLock()) {
  electron.app.quit();
} else {
  registerSchemes(electron);
  startMain(electron, {
    rendererDir: path.join(here, '../renderer'),
    preloadFile: path.join(here, '../preload/index.cjs'),
  }).catch((err: unknown) => {
    console.error('MesChain Live failed to start', err);
    electron.app.exit(1);
  });
  electron.app.on('window-all-closed', () => electron.app.quit());
}
