// The console's window over the app's life: made on demand and made again after it was closed
// (tray, Dock, second launch, notification click all go through `show`), locked down, its place
// remembered, its renderer's console lines in the renderer's log file.
import type * as E from 'electron';
import type { KeyValueStore, Logger } from '../../core';
import { APP_ENTRY, createSecureWindow, isAllowedExternalUrl } from '../security';
import { placeWindow, WindowState } from './windowBounds';

export type WindowElectron = Pick<typeof E, 'BrowserWindow' | 'screen' | 'shell'>;

export const WINDOW_STATE_KEY = 'window-state';
const SAVE_DEBOUNCE_MS = 500;

export interface WindowManagerDeps {
  electron: WindowElectron;
  preloadFile: string;
  /** Where the window's place is kept (the durable file store). */
  store: KeyValueStore;
  log: Logger;
  rendererLog: Logger;
  /** Closing hides the window instead (the tray keeps the app) unless the app is quitting. */
  keepOnClose: () => boolean;
  /** Each new window, once: watch it (crash recovery); returns what undoes that. */
  onCreated: (win: E.BrowserWindow) => () => void;
}

function lockDown(electron: WindowElectron, contents: E.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
}

const CONSOLE_LEVEL = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' } as const;

export function createWindowManager(deps: WindowManagerDeps) {
  const { electron } = deps;
  let current: E.BrowserWindow | undefined;
  /** The window being made (so two quick `show` calls make one). */
  let making: Promise<E.BrowserWindow> | undefined;

  async function savedState(): Promise<WindowState | undefined> {
    try {
      const raw = await deps.store.get(WINDOW_STATE_KEY);
      if (raw === undefined) return undefined;
      const parsed = WindowState.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
      deps.log.warn({}, 'stored window state is not valid: using the default place');
    } catch (err) {
      deps.log.warn({ err }, 'stored window state could not be read');
    }
    return undefined;
  }

  function save(win: E.BrowserWindow): void {
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const state: WindowState = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: win.isMaximized(),
      displayId: electron.screen.getDisplayMatching(bounds).id,
    };
    deps.store
      .set(WINDOW_STATE_KEY, JSON.stringify(state))
      .catch((err: unknown) => deps.log.warn({ err }, 'window state not saved'));
  }

  async function make(showWhenReady: boolean): Promise<E.BrowserWindow> {
    const displays = electron.screen.getAllDisplays();
    const place = placeWindow(await savedState(), displays, electron.screen.getPrimaryDisplay());
    const win = createSecureWindow(electron.BrowserWindow, deps.preloadFile, place);
    if (place.maximized) win.maximize();
    lockDown(electron, win.webContents);

    let timer: NodeJS.Timeout | undefined;
    const saveSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => save(win), SAVE_DEBOUNCE_MS);
      timer.unref?.();
    };
    for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e as 'resize', saveSoon);
    win.on('close', (event) => {
      clearTimeout(timer);
      save(win);
      if (deps.keepOnClose()) {
        event.preventDefault();
        win.hide();
      }
    });
    const detach = deps.onCreated(win);
    win.on('closed', () => {
      clearTimeout(timer);
      detach();
      if (current === win) current = undefined;
    });
    win.webContents.on('console-message', (details) => {
      const level = CONSOLE_LEVEL[details.level] ?? 'info';
      deps.rendererLog[level]({ source: details.sourceId, line: details.lineNumber }, details.message);
    });
    if (showWhenReady) win.once('ready-to-show', () => win.show());
    current = win;
    deps.log.info({ x: place.x, y: place.y, width: place.width, height: place.height }, 'window created');
    await win.loadURL(APP_ENTRY);
    return win;
  }

  return {
    /** The window, if one exists now. */
    current(): E.BrowserWindow | undefined {
      return current && !current.isDestroyed() ? current : undefined;
    },
    /** Makes the window if there is none and loads the console in it (shown once painted, if asked). */
    async ensure(showWhenReady = false): Promise<E.BrowserWindow> {
      const win = this.current();
      if (win) return win;
      making ??= make(showWhenReady).finally(() => (making = undefined));
      return making;
    },
    /** The one way to bring the console up: makes it again if it was closed, then shows it. */
    async show(): Promise<E.BrowserWindow> {
      const win = await this.ensure();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return win;
    },
    send(channel: string, payload: unknown): void {
      const win = this.current();
      if (win && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
    },
  };
}

export type WindowManager = ReturnType<typeof createWindowManager>;
