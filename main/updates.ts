// Automatic updates of the installed app: only when packaged and not under test; a failure is
// logged and never stops the app.
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export function startUpdates(deps: {
  isPackaged: boolean;
  env: Record<string, string | undefined>;
  updater: Updater;
  log: (message: string, err: unknown) => void;
}): boolean {
  if (!deps.isPackaged || deps.env.LIVE_TEST) return false;
  try {
    deps.updater.checkForUpdatesAndNotify().catch((err: unknown) => deps.log('update check failed', err));
  } catch (err) {
    deps.log('update check failed', err);
  }
  return true;
}
