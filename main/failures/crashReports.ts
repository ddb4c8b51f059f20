// Native crashes (main, renderer, GPU) leave minidumps in the user-data folder, never uploaded:
// "Sorun bildir" lists them, and support asks for the file when they need it.
import path from 'node:path';
import type * as E from 'electron';

export function startCrashReports(electron: {
  app: Pick<E.App, 'setPath' | 'getPath'>;
  crashReporter: Pick<E.CrashReporter, 'start'>;
}): string {
  const dir = path.join(electron.app.getPath('userData'), 'crashes');
  // Before start(): the reporter reads the folder once.
  electron.app.setPath('crashDumps', dir);
  electron.crashReporter.start({ uploadToServer: false, compress: true, productName: 'MesChain Live' });
  return dir;
}
