// A sign-in that overtakes another still reading its user's outbox: the first one's outbox is
// closed, and none of its user's actions goes out on the session that follows; they stay stored
// for that user's next sign-in.
import { describe, expect, it } from 'vitest';
import type { ActionAck } from '../protocol';
import { createLiveHost } from './liveHost';
import { ackWorld } from './test/ackSocket';
import { gate } from './test/fakeWorld';

const SERVER = 'http://127.0.0.1:8080';
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
};
const ok = (): ActionAck => ({ ok: true, result: {} });

describe('live host: two sign-ins on their way at once', () => {
  it('the later one wins: the first outbox is closed and none of its actions is sent on the second session', async () => {
    const w = ackWorld();
    // Ayşe's outbox, left by an earlier run, holds an action still to send.
    const saved = JSON.stringify({
      pending: [
        { key: 'ayse-1', action: { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-1' }, createdAt: 1, attempts: 0 },
      ],
      failed: [],
    });
    w.store.data.set('outbox-u-depo', saved);
    // Both outboxes take a while to read: Ayşe's is read first.
    const releaseAyse = gate(w.store, 'get', 'outbox-u-depo');
    const releaseZeynep = gate(w.store, 'get', 'outbox-u-yon');
    const read: string[] = [];
    const get = w.store.get.bind(w.store);
    w.store.get = (key) => (read.push(key), get(key));
    const host = createLiveHost(w.ports, { random: () => 0.5 });

    const first = host.login({ server: SERVER, username: 'depo', password: 'demo' }).catch((e: unknown) => e);
    const second = host.login({ server: SERVER, username: 'yonetici', password: 'demo' });
    await settle();
    // Each sign-in loads its own user's outbox (not whoever signed in last).
    expect(read.filter((k) => k.startsWith('outbox-'))).toEqual(['outbox-u-depo', 'outbox-u-yon']);
    releaseAyse();
    await settle();
    // A connection the first sign-in opened would go up now, and its outbox start sending.
    for (const s of w.sockets) s.serverConnect();
    await settle();
    releaseZeynep();
    expect((await second).user.id).toBe('u-yon');
    const zeyneps = w.socket();
    zeyneps.onAction = ok;
    zeyneps.serverConnect();
    w.clock.advance(120_000); // any retry of the first outbox falls due
    await settle();

    expect(zeyneps.actions.map((a) => a.request.key)).toEqual([]);
    expect(w.sockets).toEqual([zeyneps]);
    expect(await first).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/another sign-in/i) });
    const state = await host.getState();
    expect(state.user?.id).toBe('u-yon');
    expect(state.outbox).toEqual({ pending: [], failed: [] });
    // Nothing of Ayşe's is lost: her action waits, stored, for her next sign-in.
    expect(w.store.data.get('outbox-u-depo')).toBe(saved);

    await host.logout();
    await host.login({ server: SERVER, username: 'depo', password: 'demo' });
    const hers = w.socket();
    hers.onAction = ok;
    hers.serverConnect();
    await settle();
    expect(hers.actions.map((a) => a.request.key)).toEqual(['ayse-1']);
  });
});
