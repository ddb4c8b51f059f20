// The window's life: where it opens (pure placement, including a monitor that is gone), and, with
// the whole main process booted on the typed Electron fake, made again after a close on macOS from
// the tray, the Dock, a second launch or a notification click, with its place remembered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../protocol';
import { systemAlert } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess } from '../../server/test/gatewayProcess';
import { startMain, type MainHandle } from '../app';
import { settingsStoreOptions } from '../settingsStore';
import { FakeNotification, FakeTray, FakeWindow, fakeElectron, type Handler } from '../test/fakeElectron';
import { isReachable, placeWindow, type DisplayArea } from './windowBounds';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayArea = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window placement', () => {
  it('opens at the default size on the primary display the first time, never larger than it', () => {
    expect(placeWindow(undefined, [laptop], laptop)).toEqual({ width: 1360, height: 860, maximized: false });
    const small: DisplayArea = { id: 3, workArea: { x: 0, y: 0, width: 1280, height: 720 } };
    expect(placeWindow(undefined, [small], small)).toEqual({ width: 1280, height: 720, maximized: false });
  });

  it('comes back where it was left: size, position, maximised, on the second monitor', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true, displayId: 2 };
    expect(placeWindow(saved, [laptop, monitor], laptop)).toEqual({
      x: 1600,
      y: 100,
      width: 1800,
      height: 1000,
      maximized: true,
    });
  });

  it('moves onto the primary display, centred and fitted, when its monitor is gone', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false, displayId: 2 };
    const placed = placeWindow(saved, [laptop], laptop);
    expect(placed).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
    expect(isReachable(placed as never, laptop.workArea)).toBe(true);
    // Mostly off every screen (only a corner of the title bar visible) counts as gone too.
    const offTop = { x: 200, y: -600, width: 1000, height: 620, maximized: false, displayId: 1 };
    const back = placeWindow(offTop, [laptop], laptop);
    expect(isReachable(back as never, laptop.workArea)).toBe(true);
  });

  it('keeps the display it was on when it is still there but the place is not (resolution lowered)', () => {
    const saved = { x: 3500, y: 1300, width: 1200, height: 800, maximized: false, displayId: 2 };
    const placed = placeWindow(saved, [laptop, monitor], laptop);
    expect(placed.x).toBeGreaterThanOrEqual(monitor.workArea.x);
    expect(isReachable(placed as never, monitor.workArea)).toBe(true);
  });
});

describe('the window over the app’s life (booted on the fake)', () => {
  let dir: string;
  let handle: MainHandle | undefined;
  const h = () => handle as unknown as MainHandle;
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function boot(platform: NodeJS.Platform, keepInTray: boolean, displays?: DisplayArea[]) {
    const userData = path.join(dir, 'userData');
    const fake = fakeElectron(userData);
    if (displays) fake.screen.displays = displays as never;
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    settings.set('keepInTray', keepInTray);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    handle = await startMain(
      fake.asElectron,
      { rendererDir: path.join(dir, 'r'), preloadFile: path.join(dir, 'p.cjs'), assetsDir: path.join(dir, 'a') },
      settings as never,
      { platform, env: {} },
    );
    return fake;
  }

  it('on macOS, a closed window is made again by the tray, the Dock and a notification click', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-window-'));
    await boot('darwin', false);
    const first = FakeWindow.last as FakeWindow;
    first.close();
    expect(first.destroyed).toBe(true);
    expect(h().window()).toBeUndefined();

    // Tray "open".
    const open = FakeTray.last?.menu.find((m) => m.label === 'MesChain Live’ı aç');
    (open?.click as () => void)();
    await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(2));
    const second = FakeWindow.last as FakeWindow;
    await vi.waitFor(() => expect(second.shown && second.focused > 0).toBe(true));
    expect(second.loaded).toBe('app://console/index.html');

    // The Dock (activate) and a second launch call the same entry point.
    second.close();
    await h().showWindow();
    expect(FakeWindow.all).toHaveLength(3);

    // A notification clicked after the window was closed: made again, then pointed at the item.
    (FakeWindow.last as FakeWindow).close();
    const n = new FakeNotification({ title: 'x' });
    n.on('click', () => void h().showWindow({ id: 'a1', alertKey: 'LOW_STOCK:SKU-1' }));
    n.fire('click');
    await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(4));
    const fourth = FakeWindow.last as FakeWindow;
    await vi.waitFor(() =>
      expect(fourth.webContents.sent.some(([c, p]) => c === 'live:focus' && JSON.stringify(p).includes('SKU-1'))).toBe(
        true,
      ),
    );
    // Two quick calls make one window, not two.
    fourth.close();
    await Promise.all([h().showWindow(), h().showWindow()]);
    expect(FakeWindow.all).toHaveLength(5);
  });

  it('on macOS, an OS notification clicked after the window was closed makes it again on its item (real gateway)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-window-'));
    const gw = await startGatewayProcess();
    try {
      const fake = await boot('darwin', false);
      const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
      const res = await (fake.ipcHandlers.get(IPC_INVOKE.login.channel) as Handler)(trusted, {
        server: gw.url,
        username: 'yonetici',
        password: 'demo',
      });
      expect(res).toMatchObject({ ok: true });
      // Its channels loaded: the alert then arrives live (one that comes with a snapshot is
      // summarised rather than notified on its own).
      const first = FakeWindow.last as FakeWindow;
      await vi.waitFor(
        () =>
          expect(
            first.webContents.sent.some(
              ([c, p]) =>
                c === 'live:batch' &&
                ((p as { snapshots?: { channel: string }[] }).snapshots ?? []).some((x) => x.channel === 'system'),
            ),
          ).toBe(true),
        { timeout: 20_000 },
      );
      first.close();
      const alert = systemAlert();
      if (alert.type === 'SYSTEM_ALERT') alert.payload.kind = 'AUTH_FAILED'; // critical: an OS notification
      await postEvents(gw.url, alert);
      await vi.waitFor(() => expect(FakeNotification.shown.length).toBeGreaterThan(0), { timeout: 20_000 });
      (FakeNotification.shown.at(-1) as FakeNotification).fire('click');
      await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(2));
      const again = FakeWindow.last as FakeWindow;
      await vi.waitFor(() =>
        expect(
          again.webContents.sent.some(([c, p]) => c === 'live:focus' && JSON.stringify(p).includes('AUTH_FAILED')),
        ).toBe(true),
      );
      expect(again.shown).toBe(true);
    } finally {
      await gw.dispose();
    }
  });

  it('with the tray kept, closing hides the window and showing brings the same one back', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-window-'));
    await boot('win32', true);
    const win = FakeWindow.last as FakeWindow;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.hidden).toBe(true);
    await h().showWindow();
    expect(FakeWindow.all).toHaveLength(1);
    expect(win.hidden).toBe(false);
  });

  it('remembers size, position and maximised across a restart, and comes back on screen when the monitor is gone', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-window-'));
    await boot('linux', true, [laptop, monitor]);
    const win = FakeWindow.last as FakeWindow;
    win.setBounds({ x: 1700, y: 120, width: 1500, height: 900 });
    win.maximize();
    win.close(); // saves at once
    await h().dispose();
    handle = undefined;

    await boot('linux', true, [laptop, monitor]);
    const again = FakeWindow.last as FakeWindow;
    expect(again.options).toMatchObject({ x: 1700, y: 120, width: 1500, height: 900 });
    expect(again.maximized).toBe(true);
    await h().dispose();
    handle = undefined;

    // The second monitor is unplugged before the next start.
    await boot('linux', true, [laptop]);
    const moved = FakeWindow.last as FakeWindow;
    const b = moved.options as { x: number; y: number; width: number; height: number };
    expect(isReachable(b, laptop.workArea)).toBe(true);
    expect(b.width).toBeLessThanOrEqual(laptop.workArea.width);
  });
});
