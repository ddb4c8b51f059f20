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
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
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
  constructor(readonly options: E.BrowserWindowConstructorOptions) {
    super();
    FakeWindow.all.push(this);
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
    return false;
  }
  restore() {}
  isDestroyed() {
    return false;
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

export function fakeElectron(userData: string, options: { keystore?: boolean } = {}) {
  FakeWindow.all = [];
  FakeNotification.shown = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (req: { url: string }) => Response | Promise<Response>>();
  let permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const app = Object.assign(new Emitter(), {
    whenReady: async () => undefined,
    getPath: () => userData,
    setAppUserModelId: vi.fn(),
    setLoginItemSettings: vi.fn(),
    setBadgeCount: vi.fn(),
    quit: vi.fn(),
  });
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
    net: { fetch: vi.fn(async (url: string) => new Response(`contents of ${url}`)), isOnline: () => true },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof permissionRequest) => void (permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof permissionCheck) => void (permissionCheck = fn),
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
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
    sealed,
    permissionRequest: () => permissionRequest,
    permissionCheck: () => permissionCheck,
  };
}
