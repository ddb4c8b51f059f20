// Updates with a fake electron-updater and fake timers: checked at start and every 4 hours,
// downloaded in the background, "restart and update" only when the person asks — and then only
// once the outbox has nothing queued; release notes as plain text; never in development.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../protocol';
import { CHECK_EVERY_MS, createUpdates, releaseNotesText, type Updater } from './updates';

const silent = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function fakeUpdater() {
  const events = new EventEmitter();
  const u = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checkForUpdates: vi.fn(async () => undefined),
    quitAndInstall: vi.fn(),
    on: (e: string, fn: (...a: never[]) => void) => events.on(e, fn as (...a: unknown[]) => void),
    emit: (e: string, ...a: unknown[]) => events.emit(e, ...a),
  };
  return u as typeof u & Updater;
}

function setup(pending = 0, enabled = true) {
  const updater = fakeUpdater();
  const statuses: UpdateStatus[] = [];
  let queued = pending;
  const beforeInstall = vi.fn(async () => undefined);
  const updates = createUpdates({
    enabled,
    updater,
    log: silent,
    every: (fn, ms) => {
      const t = setInterval(fn, ms);
      return () => clearInterval(t);
    },
    pendingActions: async () => queued,
    beforeInstall,
    onStatus: (s) => statuses.push(s),
  });
  return { updater, updates, statuses, beforeInstall, setQueued: (n: number) => (queued = n) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('automatic updates', () => {
  it('check at start and every 4 hours, downloading in the background', async () => {
    const t = setup();
    t.updates.start();
    expect(t.updater.autoDownload).toBe(true);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - 1000);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2 * CHECK_EVERY_MS);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(4);
    expect(CHECK_EVERY_MS).toBe(4 * 3600_000);
    t.updates.stop();
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(4);
  });

  it('never check in development or under test', async () => {
    const t = setup(0, false);
    t.updates.start();
    await vi.advanceTimersByTimeAsync(2 * CHECK_EVERY_MS);
    expect(t.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(t.updates.status()).toEqual({ state: 'unsupported' });
  });

  it('log a failed check and carry on checking', async () => {
    const t = setup();
    t.updater.checkForUpdates.mockRejectedValue(new Error('offline'));
    t.updates.start();
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(silent.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'update check failed');
  });

  it('say what they do, and stop checking once one is downloaded', async () => {
    const t = setup();
    t.updates.start();
    t.updater.emit('checking-for-update');
    t.updater.emit('update-available', { version: '1.4.0' });
    t.updater.emit('download-progress', { percent: 42.4 });
    t.updater.emit('update-downloaded', { version: '1.4.0', releaseNotes: '<p>Yeni: <b>stok</b> uyarıları</p>' });
    expect(t.statuses.map((s) => s.state)).toEqual(['checking', 'downloading', 'downloading', 'ready']);
    expect(t.statuses[2]).toMatchObject({ percent: 42 });
    expect(t.updates.status()).toEqual({ state: 'ready', version: '1.4.0', notes: 'Yeni: stok uyarıları' });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(t.updater.quitAndInstall).not.toHaveBeenCalled(); // never on its own
  });

  it('restart into the update when asked and nothing is queued, after flushing', async () => {
    const t = setup(0);
    t.updates.start();
    t.updater.emit('update-downloaded', { version: '1.4.0' });
    await t.updates.requestInstall();
    await vi.waitFor(() => expect(t.updater.quitAndInstall).toHaveBeenCalledWith(false, true));
    expect(t.beforeInstall).toHaveBeenCalled();
  });

  it('wait for the outbox: no restart while actions are queued, then go ahead when it empties', async () => {
    const t = setup(2);
    t.updates.start();
    t.updater.emit('update-downloaded', { version: '1.4.0' });
    expect(await t.updates.requestInstall()).toMatchObject({ state: 'waiting', pending: 2 });
    t.updates.outboxChanged(1);
    expect(t.updates.status()).toMatchObject({ state: 'waiting', pending: 1 });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(t.updater.quitAndInstall).not.toHaveBeenCalled();
    t.updates.outboxChanged(0);
    await vi.waitFor(() => expect(t.updater.quitAndInstall).toHaveBeenCalledTimes(1));
  });

  it('an outbox that empties restarts nothing unless the person asked', async () => {
    const t = setup(0);
    t.updates.start();
    t.updater.emit('update-downloaded', { version: '1.4.0' });
    t.updates.outboxChanged(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.updater.quitAndInstall).not.toHaveBeenCalled();
    // And asking before anything was downloaded does nothing either.
    const idle = setup(0);
    idle.updates.start();
    expect(await idle.updates.requestInstall()).toEqual({ state: 'idle' });
    expect(idle.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('show release notes as plain text, bounded', () => {
    expect(releaseNotesText('<h2>1.4</h2><ul><li>Fiyat &amp; stok</li><li>Hata düzeltmeleri</li></ul>')).toBe(
      '1.4\n• Fiyat & stok\n• Hata düzeltmeleri',
    );
    expect(releaseNotesText([{ version: '1.4.0', note: 'Bir' }])).toBe('1.4.0\nBir');
    expect(releaseNotesText(null)).toBe('');
    expect(releaseNotesText('x'.repeat(10_000)).length).toBe(4000);
  });
});
