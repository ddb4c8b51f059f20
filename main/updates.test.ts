import { describe, expect, it, vi } from 'vitest';
import { startUpdates } from './updates';

const updater = () => ({ checkForUpdatesAndNotify: vi.fn(async () => undefined) });

describe('automatic updates', () => {
  it('check only in the packaged app, and never under test', () => {
    const u = updater();
    expect(startUpdates({ isPackaged: false, env: {}, updater: u, log: vi.fn() })).toBe(false);
    expect(startUpdates({ isPackaged: true, env: { LIVE_TEST: '1' }, updater: u, log: vi.fn() })).toBe(false);
    expect(u.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    expect(startUpdates({ isPackaged: true, env: {}, updater: u, log: vi.fn() })).toBe(true);
    expect(u.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
  });

  it('log a failed check, sync or async, and carry on', async () => {
    const log = vi.fn();
    const rejecting = { checkForUpdatesAndNotify: vi.fn(async () => Promise.reject(new Error('offline'))) };
    expect(startUpdates({ isPackaged: true, env: {}, updater: rejecting, log })).toBe(true);
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('update check failed', expect.any(Error)));
    const throwing = {
      checkForUpdatesAndNotify: () => {
        throw new Error('no feed');
      },
    };
    expect(() => startUpdates({ isPackaged: true, env: {}, updater: throwing, log })).not.toThrow();
    expect(log).toHaveBeenCalledTimes(2);
  });
});
