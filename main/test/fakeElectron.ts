// A fake `electron` for booting the main-process set-up in Node. Each piece is typed against
// Electron's own definitions (what the set-up calls must exist there); what it records, tests read.
import type * as E from 'electron';
import { vi } from 'vitest';
import type { Electron } from '../app';

type Listener = (...args: unknown[]) => void;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener) {
    return this.on(event, fn);
  }
  removeListener(event: string, fn: Listener) {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

export class FakeWebContents extends Emitter {
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  readonly sent: [string, unknown][] = [];
  reloads = 0;
  crashedByMain = 0;
  destroyed = false;
  url = 'app://console/index.html';
  reload() {
    this.reloads++;
  }
  forcefullyCrashRenderer() {
    this.crashedByMain++;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  /** What `print` was asked with; the dialog's answer is `printAnswer`. */
  readonly printed: unknown[] = [];
  printAnswer = true;
  print(options: unknown, callback?: (success: boolean, failureReason: string) => void) {
    this.printed.push(options);
    callback?.(this.printAnswer, this.printAnswer ? '' : 'cancelled');
  }
}

export class FakeWindow extends Emitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  hidden = false;
  focused = 0;
  loaded: string | undefined;
  overlay: { image: unknown; description: string } | undefined;
  destroyed = false;
  maximized = false;
  minimized = false;
  inFront = false;
  flashes: boolean[] = [];
  bounds: E.Rectangle;
  constructor(readonly options: E.BrowserWindowConstructorOptions) {
    super();
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    FakeWindow.all.push(this);
  }
  /** What Electron does when the person closes it: `close` (preventable), then gone and `closed`. */
  close() {
    let prevented = false;
    this.fire('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(b: Partial<E.Rectangle>) {
    this.bounds = { ...this.bounds, ...b };
    this.fire('move');
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
    this.fire('maximize');
  }
  isFocused() {
    return this.inFront;
  }
  flashFrame(on: boolean) {
    this.flashes.push(on);
  }
  static get last(): FakeWindow | undefined {
    return FakeWindow.all.at(-1);
  }
  show() {
    this.shown = true;
    this.hidden = false;
  }
  hide() {
    this.hidden = true;
  }
  focus() {
    this.focused++;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setOverlayIcon(image: unknown, description: string) {
    this.overlay = { image, description };
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
}

export class FakeTray {
  static last: FakeTray | undefined;
  image: string;
  tooltip = '';
  title = '';
  menu: E.MenuItemConstructorOptions[] = [];
  destroyed = false;
  constructor(image: { path: string }) {
    this.image = image.path;
    FakeTray.last = this;
  }
  setImage(image: { path: string }) {
    this.image = image.path;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setTitle(t: string) {
    this.title = t;
  }
  setContextMenu(menu: { template: E.MenuItemConstructorOptions[] }) {
    this.menu = menu.template;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification extends Emitter {
  static shown: FakeNotification[] = [];
  closed = false;
  readonly title: string;
  constructor(readonly options: E.NotificationConstructorOptions) {
    super();
    this.title = options.title ?? '';
  }
  static isSupported() {
    return true;
  }
  show() {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

export type Handler = (event: E.IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

export interface FakeDisplay {
  id: number;
  workArea: E.Rectangle;
}

export function fakeElectron(userData: string, options: { keystore?: boolean; packaged?: boolean } = {}) {
  FakeWindow.all = [];
  FakeNotification.shown = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (req: { url: string }) => Response | Promise<Response>>();
  let permissionRequest:
    ((wc: { getURL(): string }, permission: string, cb: (ok: boolean) => void) => void) | undefined;
  let permissionCheck: ((wc: unknown, permission: string, origin: string) => boolean) | undefined;
  const app = Object.assign(new Emitter(), {
    whenReady: async () => undefined,
    getPath: () => userData,
    setAppUserModelId: vi.fn(),
    setLoginItemSettings: vi.fn(),
    setBadgeCount: vi.fn(() => true),
    dock: { setBadge: vi.fn() },
    quit: vi.fn(),
    relaunch: vi.fn(),
    setPath: vi.fn(),
    getVersion: () => '0.1.0',
    isPackaged: options.packaged ?? false,
  });
  /** The monitors; a test unplugs one by replacing the list. */
  const screen = {
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as FakeDisplay[],
    getAllDisplays: () => screen.displays,
    getPrimaryDisplay: () => screen.displays[0] as FakeDisplay,
    getDisplayMatching: (r: E.Rectangle) =>
      screen.displays.find(
        (d) => r.x >= d.workArea.x && r.x < d.workArea.x + d.workArea.width && r.y >= d.workArea.y,
      ) ?? (screen.displays[0] as FakeDisplay),
  };
  /** Answers of message boxes, in order (the button index); the boxes shown, for the test to read. */
  const dialog = {
    answers: [] as number[],
    boxes: [] as E.MessageBoxOptions[],
    saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath?: string },
    showMessageBox: vi.fn(async (...args: unknown[]) => {
      const options = args.at(-1) as E.MessageBoxOptions;
      dialog.boxes.push(options);
      return { response: dialog.answers.shift() ?? 0, checkboxChecked: false };
    }),
    showSaveDialog: vi.fn(async () => dialog.saveAnswer),
  };
  /** What Chromium would answer `resolveProxy` with (the system proxy, or a PAC script's answer). */
  const proxy = { rules: 'DIRECT', asked: [] as string[] };
  const powerMonitor = new Emitter();
  const keystore = options.keystore ?? true;
  /** What the app asked the keystore to seal (so a test can look for it on disk). */
  const sealed: string[] = [];
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, h: Handler) => void ipcHandlers.set(channel, h),
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (scheme: string, h: (req: { url: string }) => Response) => void protocolHandlers.set(scheme, h),
    },
    // net.fetch stands for Chromium's stack: app:// files answer with their name, http(s) goes to
    // the real gateway through Node's fetch (so a test sees main's HTTP take this way).
    net: {
      fetch: vi.fn(async (url: string, init?: RequestInit) =>
        url.startsWith('http') ? fetch(url, init) : new Response(`contents of ${url}`),
      ),
      isOnline: () => true,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof permissionRequest) => void (permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof permissionCheck) => void (permissionCheck = fn),
        resolveProxy: async (url: string) => {
          proxy.asked.push(url);
          return proxy.rules;
        },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined), showItemInFolder: vi.fn() },
    screen,
    dialog,
    crashReporter: { start: vi.fn() },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: E.MenuItemConstructorOptions[]) => ({ template }) },
    Notification: FakeNotification,
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    powerMonitor,
    // A reversible "encryption" that never writes the plain text: enough to check what reaches disk.
    safeStorage: {
      isAsyncEncryptionAvailable: async () => keystore,
      getSelectedStorageBackend: () => (keystore ? 'gnome_libsecret' : 'basic_text'),
      encryptStringAsync: async (s: string) => {
        sealed.push(s);
        return Buffer.from(s.split('').reverse().join(''), 'utf8').map((b) => b ^ 0x5a);
      },
      decryptStringAsync: async (b: Buffer) => ({
        result: Buffer.from(b.map((x) => x ^ 0x5a))
          .toString('utf8')
          .split('')
          .reverse()
          .join(''),
        shouldReEncrypt: false,
      }),
    },
  };
  return {
    electron,
    asElectron: electron as unknown as Electron,
    ipcHandlers,
    protocolHandlers,
    powerMonitor,
    screen,
    dialog,
    proxy,
    sealed,
    permissionRequest: () => permissionRequest,
    permissionCheck: () => permissionCheck,
  };
}
