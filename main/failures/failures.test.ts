// Failures made visible and recovered, driven through the typed Electron fake: a crashed renderer
// is reloaded, then after repeated crashes a dialog asks; a hung one gets time, then is restarted;
// a lost GPU process reloads the page; uncaught errors in main are logged and offer a restart;
// native crashes leave local minidumps that are never uploaded.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWindow, fakeElectron } from '../test/fakeElectron';
import { startCrashReports } from './crashReports';
import { catchProcessErrors } from './processErrors';
import { createRecovery } from './recovery';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const log = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });

function setup(language: 'tr' | 'en' = 'tr') {
  const fake = fakeElectron('/tmp/meschain-userdata');
  const win = new FakeWindow({});
  const l = log();
  const report = vi.fn();
  const quit = vi.fn();
  const recovery = createRecovery({
    dialog: fake.electron.dialog,
    log: l,
    language: () => language,
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    window: () => win as never,
    report,
    quit,
  });
  const detach = recovery.attach(win as never);
  const crash = (reason = 'crashed') => win.webContents.fire('render-process-gone', {}, { reason, exitCode: 139 });
  return { fake, win, log: l, report, quit, recovery, detach, crash };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a crashed renderer', () => {
  it('is reloaded, and after the third crash in ten minutes a dialog asks instead', async () => {
    const t = setup();
    t.crash();
    t.crash('oom');
    expect(t.win.webContents.reloads).toBe(2);
    expect(t.fake.dialog.boxes).toHaveLength(0);
    t.fake.dialog.answers.push(0); // "Yeniden yükle"
    t.crash('abnormal-exit');
    await vi.waitFor(() => expect(t.fake.dialog.boxes).toHaveLength(1));
    expect(t.fake.dialog.boxes[0]).toMatchObject({
      type: 'error',
      title: 'MesChain Live sorun yaşıyor',
      message: 'Konsol penceresi son dakikalarda 3 kez çöktü.',
      buttons: ['Yeniden yükle', 'Sorun bildir', 'Çık'],
    });
    await vi.waitFor(() => expect(t.win.webContents.reloads).toBe(3));
    // The person chose to go on: counting starts afresh, so the next crash reloads silently.
    t.crash();
    expect(t.win.webContents.reloads).toBe(4);
    expect(t.log.error).toHaveBeenCalledWith({ reason: 'oom', exitCode: 139 }, 'renderer process gone');
  });

  it('counts only recent crashes, ignores a clean exit, and can report or quit from the dialog', async () => {
    const t = setup('en');
    t.crash();
    t.crash();
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    t.crash(); // the first two are older than ten minutes
    t.win.webContents.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(t.win.webContents.reloads).toBe(3);
    expect(t.fake.dialog.boxes).toHaveLength(0);
    t.fake.dialog.answers.push(1, 2);
    t.crash();
    t.crash();
    await vi.waitFor(() => expect(t.report).toHaveBeenCalledTimes(1));
    expect(t.fake.dialog.boxes[0]?.buttons).toEqual(['Reload', 'Report a problem', 'Quit']);
    t.crash();
    await vi.waitFor(() => expect(t.quit).toHaveBeenCalledTimes(1));
  });

  it('stops watching a window once detached (it was closed and made again)', () => {
    const t = setup();
    t.detach();
    t.crash();
    expect(t.win.webContents.reloads).toBe(0);
  });
});

describe('a hung renderer', () => {
  it('gets 15 s to answer; still hung, it is restarted (not counted twice)', async () => {
    const t = setup();
    t.win.webContents.fire('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    t.win.webContents.fire('responsive');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.win.webContents.crashedByMain).toBe(0);

    t.win.webContents.fire('unresponsive');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(t.win.webContents.crashedByMain).toBe(1);
    expect(t.win.webContents.reloads).toBe(1);
    // The kill main asked for comes back as "gone": already handled.
    t.win.webContents.fire('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(t.win.webContents.reloads).toBe(1);
    expect(t.recovery.counter.recent()).toBe(1);
  });

  it('asks after repeated failures, and "wait" gives it another 15 s', async () => {
    const t = setup();
    t.crash();
    t.crash();
    t.fake.dialog.answers.push(0); // "Bekle"
    t.win.webContents.fire('unresponsive');
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(() => expect(t.fake.dialog.boxes).toHaveLength(1));
    expect(t.fake.dialog.boxes[0]).toMatchObject({
      title: 'Konsol yanıt vermiyor',
      buttons: ['Bekle', 'Yeniden yükle', 'Sorun bildir'],
    });
    expect(t.win.webContents.crashedByMain).toBe(0);
    t.fake.dialog.answers.push(1); // "Yeniden yükle"
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(() => expect(t.win.webContents.crashedByMain).toBe(1));
  });
});

describe('child processes', () => {
  it('a lost GPU process reloads the page; a utility process is only logged', () => {
    const t = setup();
    t.recovery.childGone({ type: 'Utility', reason: 'crashed', exitCode: 1, name: 'Network Service' } as never);
    expect(t.win.webContents.reloads).toBe(0);
    expect(t.log.error).toHaveBeenCalledWith(expect.objectContaining({ type: 'Utility' }), 'child process gone');
    t.recovery.childGone({ type: 'GPU', reason: 'crashed', exitCode: 1 } as never);
    expect(t.win.webContents.reloads).toBe(1);
    t.recovery.childGone({ type: 'GPU', reason: 'clean-exit', exitCode: 0 } as never);
    expect(t.win.webContents.reloads).toBe(1);
  });
});

describe('uncaught errors in main', () => {
  it('are logged and flushed; an exception offers a restart, at most one dialog a minute', async () => {
    const fake = fakeElectron('/tmp/x');
    const proc = new EventEmitter();
    const l = log();
    const flush = vi.fn();
    const restart = vi.fn();
    const stop = catchProcessErrors({
      proc: proc as never,
      log: l,
      flush,
      dialog: fake.electron.dialog,
      language: () => 'tr',
      now: () => Date.now(),
      restart,
    });
    fake.dialog.answers.push(1); // "Yeniden başlat"
    proc.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    proc.emit('uncaughtException', new Error('boom again'), 'uncaughtException');
    proc.emit('unhandledRejection', new Error('nobody waited'));
    await vi.waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
    expect(fake.dialog.boxes).toHaveLength(1);
    expect(fake.dialog.boxes[0]?.buttons).toEqual(['Devam et', 'Yeniden başlat']);
    expect(flush).toHaveBeenCalledTimes(2);
    expect(l.error).toHaveBeenCalledWith(
      { err: expect.any(Error), origin: 'uncaughtException' },
      'uncaught exception in main',
    );
    expect(l.error).toHaveBeenCalledWith({ err: expect.any(Error) }, 'unhandled rejection in main');
    stop();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
  });
});

describe('crash reports', () => {
  it('write minidumps to the user-data folder and never upload them', () => {
    const fake = fakeElectron('/home/ayse/.config/MesChain Live');
    const dir = startCrashReports(fake.electron as never);
    expect(dir).toBe('/home/ayse/.config/MesChain Live/crashes');
    expect(fake.electron.app.setPath).toHaveBeenCalledWith('crashDumps', dir);
    expect(fake.electron.crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
  });
});
