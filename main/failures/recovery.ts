// Keeps the console window alive for weeks: a renderer that crashes is reloaded, one that hangs is
// given time and then restarted, a lost GPU process reloads the page it may have left blank; after
// repeated failures a dialog asks the person instead of looping. Every failure is logged.
import type * as E from 'electron';
import type { Logger } from '../../core';
import { createFailureCounter, type FailureCounter } from './failureCounter';
import { dialogText } from './texts';

type Contents = Pick<E.WebContents, 'on' | 'removeListener' | 'reload' | 'forcefullyCrashRenderer' | 'isDestroyed'>;
export type WatchedWindow = Pick<E.BrowserWindow, 'isDestroyed'> & { webContents: Contents };

export interface RecoveryDeps {
  dialog: Pick<typeof E.dialog, 'showMessageBox'>;
  log: Logger;
  language: () => 'tr' | 'en';
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Window the dialogs belong to, if one is shown. */
  window: () => E.BrowserWindow | undefined;
  /** "Sorun bildir": gather a report for support. */
  report: () => void;
  quit: () => void;
  /** How long a hung page gets before it is restarted. */
  hungMs?: number;
  counter?: FailureCounter;
}

export const HUNG_MS = 15_000;

export function createRecovery(deps: RecoveryDeps) {
  const counter = deps.counter ?? createFailureCounter(deps.now);
  const hungMs = deps.hungMs ?? HUNG_MS;
  let dialogOpen = false;

  async function ask(kind: 'crashed' | 'hung', win: WatchedWindow): Promise<void> {
    if (dialogOpen) return;
    dialogOpen = true;
    const lang = deps.language();
    const t = (k: Parameters<typeof dialogText>[1], v?: Record<string, number>) => dialogText(lang, k, v);
    const buttons = kind === 'crashed' ? [t('reload'), t('report'), t('quit')] : [t('wait'), t('reload'), t('report')];
    const options: E.MessageBoxOptions = {
      type: kind === 'crashed' ? 'error' : 'warning',
      title: t(kind === 'crashed' ? 'crashedTitle' : 'hungTitle'),
      message: kind === 'crashed' ? t('crashed', { count: counter.recent() }) : t('hung'),
      detail: t(kind === 'crashed' ? 'crashedDetail' : 'hungDetail'),
      buttons,
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    try {
      const parent = deps.window();
      const { response } = await (parent && !parent.isDestroyed()
        ? deps.dialog.showMessageBox(parent, options)
        : deps.dialog.showMessageBox(options));
      const choice = buttons[response];
      deps.log.info({ kind, choice: response }, 'failure dialog answered');
      if (choice === t('reload')) {
        // The person chose to go on: start counting afresh.
        counter.reset();
        restart(win, kind === 'hung');
      } else if (choice === t('report')) {
        deps.report();
        if (kind === 'crashed') restart(win, false);
      } else if (choice === t('quit')) {
        deps.quit();
      } else if (choice === t('wait')) {
        watchHung(win);
      }
    } catch (err) {
      deps.log.error({ err }, 'failure dialog could not be shown');
    } finally {
      dialogOpen = false;
    }
  }

  /** Windows whose renderer main killed itself because it hung: their "gone" is already handled. */
  const killed = new WeakSet<WatchedWindow>();
  const hungTimers = new Map<WatchedWindow, unknown>();

  function restart(win: WatchedWindow, hung: boolean): void {
    if (win.isDestroyed() || win.webContents.isDestroyed()) return;
    if (hung) {
      killed.add(win);
      win.webContents.forcefullyCrashRenderer();
    }
    win.webContents.reload();
  }

  function failed(kind: 'crashed' | 'hung', win: WatchedWindow): void {
    if (counter.record() === 'reload') restart(win, kind === 'hung');
    else void ask(kind, win);
  }

  function watchHung(win: WatchedWindow): void {
    if (hungTimers.has(win)) return;
    hungTimers.set(
      win,
      deps.setTimeout(() => {
        hungTimers.delete(win);
        deps.log.error({ afterMs: hungMs }, 'renderer still unresponsive');
        failed('hung', win);
      }, hungMs),
    );
  }

  function stopHung(win: WatchedWindow): void {
    const timer = hungTimers.get(win);
    if (timer === undefined) return;
    deps.clearTimeout(timer);
    hungTimers.delete(win);
  }

  return {
    counter,
    /** Watches one window's renderer; returns the unwatch (the window is re-created after a close). */
    attach(win: WatchedWindow): () => void {
      const contents = win.webContents;
      const gone = (_e: unknown, details: E.RenderProcessGoneDetails) => {
        stopHung(win);
        if (killed.has(win)) {
          killed.delete(win);
          return;
        }
        if (details.reason === 'clean-exit') {
          deps.log.info({ reason: details.reason }, 'renderer exited');
          return;
        }
        deps.log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
        failed('crashed', win);
      };
      const unresponsive = () => {
        deps.log.warn({}, 'renderer unresponsive');
        watchHung(win);
      };
      const responsive = () => {
        if (hungTimers.has(win)) deps.log.info({}, 'renderer responsive again');
        stopHung(win);
      };
      contents.on('render-process-gone', gone);
      contents.on('unresponsive', unresponsive);
      contents.on('responsive', responsive);
      return () => {
        stopHung(win);
        if (contents.isDestroyed()) return;
        contents.removeListener('render-process-gone', gone);
        contents.removeListener('unresponsive', unresponsive);
        contents.removeListener('responsive', responsive);
      };
    },
    /** app's `child-process-gone`: logged; a lost GPU process counts as a failure of the page. */
    childGone(details: E.Details): void {
      const fields = { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name };
      if (details.reason === 'clean-exit') {
        deps.log.info(fields, 'child process exited');
        return;
      }
      deps.log.error(fields, 'child process gone');
      const win = deps.window();
      if (details.type === 'GPU' && win && !win.isDestroyed()) failed('crashed', win);
    },
  };
}

export type Recovery = ReturnType<typeof createRecovery>;
