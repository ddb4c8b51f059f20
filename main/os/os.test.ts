// OS integration per platform, on the typed Electron fake: start at login through the login-item
// API (Windows, macOS) or an XDG autostart entry (Linux, real files); the unread count as the Dock
// badge, the Unity launcher count, or the Windows overlay with a taskbar flash for a new critical;
// and the settings offered only where the platform can do them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../protocol';
import { startMain, type MainHandle } from '../app';
import { settingsStoreOptions } from '../settingsStore';
import { trayView } from '../shell/trayState';
import { FakeWindow, fakeElectron, type Handler } from '../test/fakeElectron';
import { autostartDir, createAutostart, desktopEntry } from './autostart';
import { createBadge, dockBadgeText, hasUnityLauncher } from './badge';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const realFs = {
  writeFile: (f: string, d: string) => writeFile(f, d, 'utf8'),
  rm: (f: string) => rm(f, { force: true }),
  mkdir: (d: string) => mkdir(d, { recursive: true }).then(() => undefined),
};
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('start at login', () => {
  it('uses the login-item API on Windows (starting hidden) and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      const a = createAutostart({
        platform,
        app,
        isPackaged: true,
        env: {},
        home: '/h',
        execPath: '/x',
        fs: realFs,
        log,
      });
      expect(a.supported).toBe(true);
      await a.apply(true);
      expect(app.setLoginItemSettings).toHaveBeenCalledWith(
        platform === 'win32' ? { openAtLogin: true, args: ['--hidden'] } : { openAtLogin: true },
      );
    }
  });

  it('on Linux writes and removes an XDG autostart entry, in $XDG_CONFIG_HOME when it is absolute', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-xdg-'));
    const app = { setLoginItemSettings: vi.fn() };
    const env = { XDG_CONFIG_HOME: path.join(dir, 'cfg'), APPIMAGE: '/home/ayşe/Uygulamalar/MesChain Live.AppImage' };
    const a = createAutostart({
      platform: 'linux',
      app,
      isPackaged: true,
      env,
      home: dir,
      execPath: '/tmp/.mount/x',
      fs: realFs,
      log,
    });
    expect(a.supported).toBe(true);
    await a.apply(true);
    const file = path.join(dir, 'cfg', 'autostart', 'meschain-live.desktop');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/home/ayşe/Uygulamalar/MesChain Live.AppImage" --hidden');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled(); // does nothing on Linux
    await a.apply(false);
    expect(existsSync(file)).toBe(false);
    await a.apply(false); // removing what is not there is fine
  });

  it('on Linux falls back to ~/.config, ignores a relative XDG_CONFIG_HOME, and is not offered unpackaged', () => {
    expect(autostartDir({}, '/home/ayse')).toBe('/home/ayse/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'rel/cfg' }, '/home/ayse')).toBe('/home/ayse/.config/autostart');
    expect(desktopEntry('/opt/MesChain Live/meschain-live')).toContain(
      'Exec="/opt/MesChain Live/meschain-live" --hidden',
    );
    const dev = createAutostart({
      platform: 'linux',
      app: { setLoginItemSettings: vi.fn() },
      isPackaged: false,
      env: {},
      home: '/h',
      execPath: '/x',
      fs: realFs,
      log,
    });
    expect(dev.supported).toBe(false);
  });
});

describe('unread badges', () => {
  // The badges show the unread alerts, as the console's nav badge does.
  const unread = (critical: number, high = 0) => ({ critical, high, normal: 0, low: 0 });
  const view = (platform: NodeJS.Platform, u: ReturnType<typeof unread>) =>
    trayView({ connection: 'connected', alerts: { open: u, unread: u }, platform, language: 'tr', now: 0 });

  function badgeFor(platform: NodeJS.Platform, env: Record<string, string> = {}) {
    const fake = fakeElectron('/tmp/u');
    const win = new FakeWindow({});
    const badge = createBadge({
      platform,
      app: fake.electron.app as never,
      env,
      window: () => win as never,
      image: (p) => ({ path: p }) as never,
    });
    return { fake, win, badge };
  }

  it('macOS: the Dock badge shows the unread alerts, cleared at zero', () => {
    const t = badgeFor('darwin');
    t.badge.apply(view('darwin', unread(2, 1)), 2);
    t.badge.apply(view('darwin', unread(0)), 0);
    expect(t.fake.electron.app.dock.setBadge.mock.calls).toEqual([['3'], ['']]);
    expect(dockBadgeText(140)).toBe('99+');
    expect(t.fake.electron.app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('Linux: the launcher count only where a Unity launcher is', () => {
    const unity = badgeFor('linux', { XDG_CURRENT_DESKTOP: 'Unity:Unity7:ubuntu' });
    expect(unity.badge.supported).toBe(true);
    unity.badge.apply(view('linux', unread(1, 1)), 1);
    expect(unity.fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(2);
    const gnome = badgeFor('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' });
    expect(gnome.badge.supported).toBe(false);
    gnome.badge.apply(view('linux', unread(1, 1)), 1);
    expect(gnome.fake.electron.app.setBadgeCount).not.toHaveBeenCalled();
    expect(hasUnityLauncher({})).toBe(false);
  });

  it('Windows: the overlay icon, and the taskbar flashes for a new critical until the window is in front', () => {
    const t = badgeFor('win32');
    t.badge.apply(view('win32', unread(0, 2)), 0);
    expect(t.win.overlay).toMatchObject({ image: { path: 'tray/badge-2.png' }, description: '2 okunmamış' });
    expect(t.win.flashes).toEqual([]); // high alone does not flash
    t.badge.apply(view('win32', unread(1, 2)), 1);
    expect(t.win.flashes).toEqual([true]);
    t.badge.apply(view('win32', unread(1, 3)), 1); // no new critical: no second flash
    t.badge.focused();
    expect(t.win.flashes).toEqual([true, false]);
    t.win.inFront = true;
    t.badge.apply(view('win32', unread(2, 3)), 2); // in front already: nothing to draw eyes to
    expect(t.win.flashes).toEqual([true, false]);
    t.badge.apply(view('win32', unread(0)), 0);
    expect(t.win.overlay).toEqual({ image: null, description: '' });
  });
});

describe('settings offer what the platform can do', () => {
  let handle: MainHandle | undefined;
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });
  const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;

  async function boot(platform: NodeJS.Platform, packaged: boolean, env: Record<string, string> = {}) {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-caps-'));
    const userData = path.join(dir, 'userData');
    const fake = fakeElectron(userData, { packaged });
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    handle = await startMain(
      fake.asElectron,
      { rendererDir: dir, preloadFile: path.join(dir, 'p.cjs'), assetsDir: dir },
      settings as never,
      {
        platform,
        env: { XDG_CONFIG_HOME: path.join(dir, 'cfg'), ...env },
        home: dir,
        execPath: '/opt/meschain/meschain-live',
      },
    );
    const call = (channel: string, ...args: unknown[]) =>
      (fake.ipcHandlers.get(channel) as Handler)(trusted, ...args) as Promise<{
        ok: boolean;
        value?: unknown;
        error?: { code: string };
      }>;
    return { fake, call };
  }

  it('a Linux build that cannot start at login says so, and refuses the setting', async () => {
    const { call } = await boot('linux', false);
    const info = await call(IPC_INVOKE.getDesktop.channel);
    expect(info.value).toMatchObject({
      platform: 'linux',
      capabilities: { startAtLogin: false, keepInTray: true, badge: false, reportProblem: true, updates: false },
      update: { state: 'unsupported' },
    });
    expect(await call(IPC_INVOKE.setSettings.channel, { startAtLogin: true })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it('an installed Linux app turns the setting into its autostart entry', async () => {
    const { call, fake } = await boot('linux', true);
    expect((await call(IPC_INVOKE.getDesktop.channel)).value).toMatchObject({ capabilities: { startAtLogin: true } });
    expect(await call(IPC_INVOKE.setSettings.channel, { startAtLogin: true })).toMatchObject({ ok: true });
    const file = path.join(dir as string, 'cfg', 'autostart', 'meschain-live.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/meschain/meschain-live --hidden');
    expect(await call(IPC_INVOKE.setSettings.channel, { startAtLogin: false })).toMatchObject({ ok: true });
    expect(existsSync(file)).toBe(false);
    expect(fake.electron.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
