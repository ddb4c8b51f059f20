// Resuming the session of an earlier run when this device's store fails: the host stays usable, its
// state says what happened, a later sign-in works, and nothing stored is written over.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LiveBatch, type LiveError } from '../protocol';
import { createLiveHost } from './liveHost';
import { MemoryStore } from './test/fakes';
import { fakeWorld } from './test/fakeWorld';

const SERVER = 'http://127.0.0.1:8080';
const LOGIN = { server: SERVER, username: 'depo', password: 'demo' };
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as LiveError,
  );

/** A device with `depo`'s session kept from an earlier run; reads of keys starting with `failing` fail. */
function earlierRun(failing: string) {
  const secrets = new MemoryStore();
  const refreshToken = `rt-0-${'x'.repeat(24)}`;
  secrets.data.set(
    'session',
    JSON.stringify({ server: SERVER, refreshToken, user: { id: 'u-depo', name: 'Ayşe Yılmaz', role: 'warehouse' } }),
  );
  const w = fakeWorld({ secrets });
  w.auth.live.set(refreshToken, 'depo');
  const io = { broken: true };
  const get = w.store.get.bind(w.store);
  w.store.get = async (key) => {
    if (io.broken && key.startsWith(failing)) throw new Error('EIO: i/o error');
    return get(key);
  };
  const host = createLiveHost(w.ports, { random: () => 0.5 });
  const batches: LiveBatch[] = [];
  host.onBatch((b) => batches.push(b));
  return { ...w, host, batches, io };
}

describe('live host: a resume that fails', () => {
  it('an outbox that cannot be read: signed out with the reason, nothing written over, a later sign-in works', async () => {
    const t = earlierRun('outbox-');
    const saved = JSON.stringify({
      pending: [{ key: 'p1', action: { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-1' }, createdAt: 1, attempts: 0 }],
      failed: [],
    });
    t.store.data.set('outbox-u-depo', saved);

    const state = await t.host.getState();
    expect(state.user).toBeUndefined();
    expect(state.connection).toMatchObject({ state: 'unauthorized', reason: 'outbox_unreadable' });
    expect(t.sockets).toHaveLength(0);
    t.clock.advance(16);
    expect(t.batches.filter((b) => b.state).at(-1)?.state?.connection).toMatchObject({
      state: 'unauthorized',
      reason: 'outbox_unreadable',
    });
    expect((await errorOf(t.host.act({ type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-2' })))?.code).toBe('unauthorized');

    // Still unreadable: the sign-in says why, and leaves no one half signed in.
    const err = await errorOf(t.host.login(LOGIN));
    expect(err).toMatchObject({ code: 'internal', details: { reason: 'outbox_unreadable' } });
    expect((await t.host.getState()).user).toBeUndefined();
    expect((await errorOf(t.host.act({ type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-2' })))?.code).toBe('unauthorized');
    expect(t.sockets).toHaveLength(0);
    expect(t.store.data.get('outbox-u-depo')).toBe(saved);

    // Readable again: signing in brings back what was waiting, and the reason is gone.
    t.io.broken = false;
    await t.host.login(LOGIN);
    const after = await t.host.getState();
    expect(after.user?.id).toBe('u-depo');
    expect(after.connection.state).toBe('connecting');
    expect(after.connection.reason).not.toBe('outbox_unreadable');
    expect(after.outbox?.pending.map((p) => p.key)).toEqual(['p1']);
    expect(t.sockets).toHaveLength(1);
  });

  it('settings that cannot be read: the session resumes with the default settings', async () => {
    const t = earlierRun('settings');
    const state = await t.host.getState();
    expect(state.user?.id).toBe('u-depo');
    expect(t.sockets).toHaveLength(1);
    expect(await t.host.getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
