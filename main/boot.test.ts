// The main process booted in Node with a fake electron (typed from Electron's definitions) against
// a real gateway: sign-in over IPC, events in, OS notifications and tray as the policy says, a
// sound request to the renderer; every channel refused to a forged frame; no token on disk.
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENTS, IPC_INVOKE, type LiveBatch, type SoundRequest } from '../protocol';
import { orderCreated, systemAlert } from '../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';
import { waitFor } from '../server/test/live';
import { startMain, type MainHandle } from './app';
import { settingsStoreOptions } from './settingsStore';
import { FakeNotification, FakeTray, FakeWindow, fakeElectron, type Handler } from './test/fakeElectron';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;

let gw: GatewayProcess;
let dir: string;
let fake: ReturnType<typeof fakeElectron>;
let handle: MainHandle;

const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) =>
  (fake.ipcHandlers.get(channel) as Handler)(event, ...args) as Promise<{
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  }>;
const sent = (channel: string) =>
  (FakeWindow.last?.webContents.sent ?? []).filter(([c]) => c === channel).map(([, p]) => p);
const batches = () => sent(IPC_EVENTS.onBatch) as LiveBatch[];

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  gw = await startGatewayProcess();
  dir = mkdtempSync(path.join(tmpdir(), 'meschain-boot-'));
  const userData = path.join(dir, 'userData');
  fake = fakeElectron(userData);
  const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
  handle = await startMain(
    fake.asElectron,
    {
      rendererDir: path.join(dir, 'renderer'),
      preloadFile: path.join(dir, 'preload.cjs'),
      assetsDir: path.resolve(__dirname, '../build'),
    },
    settings as never,
    // A Linux desktop with a Unity launcher: the unread count goes to the launcher too.
    { platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'Unity' } },
  );
});

afterAll(async () => {
  await handle?.dispose();
  await gw?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop app against a real gateway', () => {
  it('signs in over IPC and connects; the tray shows connected', async () => {
    const res = await call(IPC_INVOKE.login.channel, trusted, {
      server: gw.url,
      username: 'yonetici',
      password: 'demo',
    });
    expect(res).toMatchObject({ ok: true, value: { user: { name: 'Zeynep Demir', role: 'admin' } } });
    await waitFor(() => batches().some((b) => b.state?.connection.state === 'connected'), 'connected');
    // Its channels loaded: an alert from now on arrives live (one that comes with a snapshot is
    // summarised instead of notified on its own).
    await waitFor(
      () => batches().some((b) => (b.snapshots ?? []).some((x) => x.channel === 'system')),
      'the channels loaded',
    );
    await waitFor(
      () =>
        FakeTray.last?.image.endsWith('connected-24.png') ||
        FakeTray.last?.image.endsWith('connected-16.png') ||
        FakeTray.last?.image.includes('connectedTemplate'),
      'the connected tray icon',
    );
    expect(FakeTray.last?.tooltip).toMatch(/Bağlı/);
  });

  it('shows an OS notification for a critical alert, silent, sticky; plays its sound in the renderer; badges the tray', async () => {
    const alert = systemAlert();
    if (alert.type === 'SYSTEM_ALERT') alert.payload.kind = 'AUTH_FAILED'; // critical for admins
    await postEvents(gw.url, alert);
    await waitFor(() => FakeNotification.shown.length > 0, 'an OS notification');
    const n = FakeNotification.shown.at(-1) as FakeNotification;
    expect(n.options).toMatchObject({ title: 'Yetkilendirme hatası', silent: true, timeoutType: 'never' });
    await waitFor(
      () => (sent(IPC_EVENTS.onSound) as SoundRequest[]).some((s) => s.sound === 'critical'),
      'a critical sound request',
    );
    await waitFor(() => FakeTray.last?.tooltip.includes('1 okunmamış'), 'the unread count in the tray');
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(1);

    // Clicking it brings the window up on that item.
    n.fire('click');
    await waitFor(() => (FakeWindow.last?.focused ?? 0) > 0, 'the window in front');
    // …on what it is about: the marketplace's row on the system screen.
    expect(sent(IPC_EVENTS.onFocus).at(-1)).toMatchObject({
      alertKey: expect.stringMatching(/^AUTH_FAILED:/),
      target: { view: 'system', item: 'trendyol:orders' },
    });

    // A repeat counts on it, and it stays what it was: sticky, leading to the same row.
    const repeat = systemAlert();
    if (repeat.type === 'SYSTEM_ALERT') repeat.payload.kind = 'AUTH_FAILED';
    const shownBefore = FakeNotification.shown.length;
    await postEvents(gw.url, repeat);
    await waitFor(() => FakeNotification.shown.length > shownBefore, 'the repeat');
    const again = FakeNotification.shown.at(-1) as FakeNotification;
    expect(again.options).toMatchObject({ title: 'Yetkilendirme hatası', timeoutType: 'never' });
    expect(String(again.options.body)).toContain('(×2)');
    again.fire('click');
    expect(sent(IPC_EVENTS.onFocus).at(-1)).toMatchObject({ target: { view: 'system', item: 'trendyol:orders' } });
  });

  it('a normal alert stays in the console (a toast in the batch), not an OS notification', async () => {
    const before = FakeNotification.shown.length;
    const base = systemAlert();
    // A short rate limit: a normal alert (a SYSTEM_ALERT always opens one).
    const low = {
      ...base,
      payload: { ...base.payload, kind: 'RATE_LIMITED', component: 'stock', retryAfterSec: 30 },
    } as typeof base;
    await postEvents(gw.url, low);
    await waitFor(
      () =>
        batches().some((b) =>
          b.notifications?.some((c) => c.op === 'show' && c.eventId === low.id && c.reach === 'toast'),
        ),
      'the toast command',
    );
    expect(FakeNotification.shown.length).toBe(before);
  });

  it('hands events to the window in batches', async () => {
    const order = orderCreated({ orderNumber: 'BOOT-1' });
    await postEvents(gw.url, order);
    await waitFor(() => batches().some((b) => b.events.some((d) => d.event.id === order.id)), 'the order in a batch');
  });

  it('refuses every IPC channel to a forged frame (100%), and to no frame at all', async () => {
    const forged = [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/x.html' } },
      { senderFrame: null },
      {},
    ] as unknown as IpcMainInvokeEvent[];
    const channels = Object.values(IPC_INVOKE).map((v) => v.channel);
    let refused = 0;
    for (const channel of channels) {
      for (const event of forged) {
        const res = await call(channel, event, {});
        if (!res.ok && res.error?.code === 'forbidden') refused++;
      }
    }
    expect(refused).toBe(channels.length * forged.length);
  });

  it('writes no access or refresh token to any file under the user-data folder', async () => {
    // The refresh token the app sealed through the keystore: it must not be on disk in the clear,
    // nor any access token (a JWT).
    const secret = JSON.parse(fake.sealed.at(-1) as string) as { refreshToken: string };
    expect(secret.refreshToken.length).toBeGreaterThan(20);
    const files = filesUnder(path.join(dir, 'userData'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(secret.refreshToken);
      expect(text, file).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    }
    // The sealed refresh token is there (the session survives a restart), but not readable as such.
    expect(files.some((f) => f.endsWith('secret-session.json'))).toBe(true);
  });
});
