// Ending a session at awkward moments: answers that come back after disconnect(), and listeners
// that end the session (or start another) while they are being told something. Nothing may throw,
// nothing of the ended session may leak into the next one, and no socket is reopened behind the host.
import { describe, expect, it } from 'vitest';
import type { Delivery, PresenceEntry } from '../protocol';
import { createLiveClient, type ConnectParams, type LiveClient } from './liveClient';
import { ackWorld } from './test/ackSocket';
import { unhandledRejections } from './test/unhandled';
import { delivery, replayed } from './test/fakes';
import { fakeWorld, gateSnapshots, type FakeWorld } from './test/fakeWorld';

const SERVER = 'http://127.0.0.1:8080';
const PING = 5000;
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};

const refusal = (code: string) => ({ error: { code, message: `refused: ${code}` } });

const unhandled = unhandledRejections();

/** Connected and subscribed to `orders`; the log could not replay, so a snapshot is on its way. */
async function reloading(w: FakeWorld, params: Partial<ConnectParams> = {}) {
  const gate = gateSnapshots(w);
  const client = createLiveClient(w.ports, { random: () => 0.5 });
  client.connect({ server: SERVER, channels: ['orders'], ...params });
  const s = w.socket();
  s.serverConnect();
  s.answerWithHeads({ orders: { epoch: 'e1', offset: 4 } });
  await settle();
  expect(gate.requests).toBe(1);
  return { client, s, gate };
}

describe('live client: a snapshot answered after disconnect()', () => {
  it.each(['unauthorized', 'token_expired'])(
    'a refusal (%s) that comes back after disconnect() does nothing: no error, no callback, no retry',
    async (code) => {
      const w = fakeWorld();
      const rejected: string[] = [];
      const { client, gate } = await reloading(w, { onAuthRejected: (c) => rejected.push(c) });
      client.disconnect();
      gate.answer(401, refusal(code));
      await settle();
      expect(unhandled).toEqual([]);
      expect(rejected).toEqual([]);
      w.clock.advance(60_000);
      await settle();
      expect(gate.requests).toBe(1);
      expect(client.getState().connection.state).toBe('idle');
    },
  );

  it('a late refusal from an ended session is not reported to the session that followed it', async () => {
    const w = fakeWorld();
    const first: string[] = [];
    const second: string[] = [];
    const { client, gate } = await reloading(w, { onAuthRejected: (c) => first.push(c) });
    client.disconnect();
    client.connect({ server: SERVER, channels: ['orders'], onAuthRejected: (c) => second.push(c) });
    gate.answer(401, refusal('unauthorized'));
    await settle();
    expect(first).toEqual([]);
    expect(second).toEqual([]);
    w.clock.advance(60_000);
    await settle();
    expect(gate.requests).toBe(1); // the ended session's reload was not retried either
  });

  it('while still connected, a refused snapshot is reported and tried again', async () => {
    const w = fakeWorld();
    const rejected: string[] = [];
    const { client, gate } = await reloading(w, { onAuthRejected: (c) => rejected.push(c) });
    gate.answer(401, refusal('token_expired'));
    await settle();
    expect(rejected).toEqual(['token_expired']);
    w.clock.advance(500);
    await settle();
    expect(gate.requests).toBe(2);
    gate.answer(200, { channels: [{ channel: 'orders', epoch: 'e1', offset: 4 }], presence: [] });
    await settle();
    expect(client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
  });

  it('a snapshot listener that calls disconnect() leaves no presence or deliveries of the ended session', async () => {
    const w = fakeWorld();
    const { client, s, gate } = await reloading(w);
    const handed: Delivery[] = [];
    client.onDelivery((d) => handed.push(d));
    const told: string[] = [];
    client.onSnapshot((snapshot) => {
      told.push(snapshot.channel);
      client.disconnect();
    });
    s.deliver(delivery('orders', 'e1', 5)); // held until the snapshot settles the channel
    const someone: PresenceEntry = { userId: 'u-2', name: 'Zeynep', role: 'admin', devices: 1, views: ['orders'] };
    gate.answer(200, {
      channels: [
        { channel: 'orders', epoch: 'e1', offset: 4 },
        { channel: 'inventory', epoch: 'e1', offset: 0 },
      ],
      presence: [someone],
    });
    await settle();
    expect(unhandled).toEqual([]);
    expect(told).toEqual(['orders']); // not told of the next channel once the session ended
    expect(handed).toEqual([]);
    const state = client.getState();
    expect(state.connection.state).toBe('idle');
    expect(state.presence).toBeUndefined();
  });

  /**
   * A session ended with its subscribe on the way, and the next one connected. Its socket fails the
   * subscribe as it closes, unless it was down already: then the subscribe stays unanswered a while.
   */
  function afterEndedSession(w: FakeWorld, ended: 'fails' | 'unanswered') {
    const client = createLiveClient(w.ports);
    const params: ConnectParams = {
      server: SERVER,
      channels: ['orders'],
      positions: { orders: { epoch: 'e1', offset: 3 } },
    };
    client.connect(params);
    const old = w.socket();
    old.serverConnect();
    if (ended === 'unanswered') old.connected = false;
    client.disconnect();
    client.connect(params);
    const s = w.socket();
    s.serverConnect();
    w.auth.heads.orders = { epoch: 'e1', offset: 4 };
    /** The new session's subscribe answered: replayed up to the head. */
    const answer = () => s.lastSubscribe().answer(replayed('orders', 4, 4));
    const snapshotRequests = () => w.auth.calls.filter((c) => c.path === '/v1/snapshot').length;
    return { client, old, answer, snapshotRequests };
  }

  it('resync waits for the new session’s subscribe even when the ended session’s subscribe fails late', async () => {
    const t = afterEndedSession(fakeWorld(), 'fails');
    await settle(); // the ended session's subscribe has failed by now
    t.client.resync();
    await settle();
    // The subscribe on its way answers first; the snapshot follows it, not before.
    expect(t.snapshotRequests()).toBe(0);
    t.answer();
    await settle();
    expect(t.snapshotRequests()).toBe(1);
  });

  it('resync is not held up by an ended session’s subscribe that is still unanswered', async () => {
    const t = afterEndedSession(fakeWorld(), 'unanswered');
    t.client.resync();
    t.answer();
    await settle();
    expect(t.snapshotRequests()).toBe(1);
    t.old.lastSubscribe().fail(); // late, and about nothing current
    await settle();
    expect(t.snapshotRequests()).toBe(1);
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
  });
});

describe('live client: a listener that ends the session while being told', () => {
  async function connected(w: FakeWorld, params: Partial<ConnectParams> = {}) {
    const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: PING });
    client.connect({ server: SERVER, channels: ['orders'], ...params });
    const s = w.socket();
    s.serverConnect();
    s.answerWithHeads({});
    await settle();
    return { client, s };
  }

  /** Calls `then` the first time the connection goes down. */
  function onFirstDrop(client: LiveClient, then: () => void) {
    let done = false;
    client.onConnectedChange((up) => {
      if (up || done) return;
      done = true;
      then();
    });
  }

  it.each(['token_expired', 'revoked'] as const)(
    'disconnect() from a listener when the gateway ends the session (%s): no throw, no auth callback',
    async (type) => {
      const w = fakeWorld();
      const rejected: string[] = [];
      const { client, s } = await connected(w, { onAuthRejected: (c) => rejected.push(c) });
      onFirstDrop(client, () => client.disconnect());
      s.session({ type });
      expect(() => s.serverDisconnect('io server disconnect')).not.toThrow();
      expect(rejected).toEqual([]);
      expect(client.getState().connection.state).toBe('idle');
    },
  );

  it('a listener that starts another session on a drop: the old retry does not fire at the new socket', async () => {
    const w = fakeWorld();
    const { client, s } = await connected(w);
    onFirstDrop(client, () => {
      client.disconnect();
      client.connect({ server: SERVER, channels: ['orders'] });
    });
    s.serverDisconnect('transport close');
    const next = w.socket();
    expect(next).not.toBe(s);
    expect(next.connectCalls).toBe(1);
    w.clock.advance(60_000);
    expect(next.connectCalls).toBe(1); // nothing failed yet: nothing to retry
    expect(s.connectCalls).toBe(1);
    // Its own failures are retried on its own schedule.
    next.connectError('ECONNREFUSED');
    expect(client.getState().connection).toMatchObject({ state: 'reconnecting', attempt: 1 });
  });

  it('disconnect() from a listener as the connection comes up: no presence sent, no ping left running', async () => {
    const w = ackWorld();
    const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: PING });
    client.setView('orders');
    let first = true;
    client.onConnectedChange((up) => {
      if (up && first) {
        first = false;
        client.disconnect();
      }
    });
    client.connect({ server: SERVER, channels: ['orders'] });
    const s = w.socket();
    s.serverConnect();
    expect(s.emitted).toEqual([]);
    expect(s.subscribes).toHaveLength(0);
    expect(client.getState().connection.state).toBe('idle');

    // The next session pings a full interval after it connected, not on the ended one's timer.
    w.clock.advance(1000);
    client.connect({ server: SERVER, channels: ['orders'] });
    const next = w.socket();
    next.serverConnect();
    next.answerWithHeads({});
    await settle();
    w.clock.advance(PING - 1);
    expect(next.pings).toHaveLength(0);
    w.clock.advance(1);
    expect(next.pings).toHaveLength(1);
  });

  it('disconnect() from a listener when silence ends the connection: the socket is not reopened', async () => {
    const w = ackWorld();
    const { client } = await connected(w);
    const s = w.socket();
    onFirstDrop(client, () => client.disconnect());
    for (let i = 0; i < 3; i++) {
      w.clock.advance(PING); // sent, or the silence ends the connection
      w.clock.advance(PING); // unanswered
      await settle();
    }
    expect(s.disconnectCalls).toBeGreaterThan(0);
    expect(s.connectCalls).toBe(1);
    expect(client.getState().connection.state).toBe('idle');
    const pings = s.pings.length;
    w.clock.advance(10 * PING);
    await settle();
    expect(s.pings).toHaveLength(pings);
    expect(s.connectCalls).toBe(1);
  });
});
