// Connection state and reconnect schedule of the live client, driven through a fake socket and clock.
import { describe, expect, it } from 'vitest';
import type { ConnectionState, LiveBatch } from '../protocol';
import { backoffDelay } from './backoff';
import { createLiveClient } from './liveClient';
import { fakeWorld } from './test/fakeWorld';

const SERVER = 'http://127.0.0.1:8080';
const settle = () => new Promise<void>((r) => setImmediate(r));

function start(options: { online?: boolean; random?: number } = {}) {
  const w = fakeWorld({ online: options.online });
  const client = createLiveClient(w.ports, { random: () => options.random ?? 0.5 });
  const batches: LiveBatch[] = [];
  client.onBatch((b) => batches.push(b));
  const initial = client.getState().connection.state;
  client.connect({ server: SERVER, channels: ['orders', 'inventory'] });
  const conn = () => client.getState().connection;
  /** The states the host was told about, in order, after letting one frame pass. */
  const hostStates = (): ConnectionState[] => {
    w.clock.advance(16);
    return batches.flatMap((b) => (b.state ? [b.state.connection.state] : []));
  };
  return { ...w, client, batches, initial, conn, hostStates };
}

async function connected(options: { online?: boolean; random?: number } = {}) {
  const t = start(options);
  t.socket().serverConnect();
  t.socket().answerWithHeads({});
  await settle();
  return t;
}

describe('live client: connection state', () => {
  it('goes idle → connecting → connected and tells the host each state', () => {
    const t = start();
    expect(t.initial).toBe('idle');
    expect(t.sockets).toHaveLength(1);
    expect(t.socket().url).toBe(SERVER);
    expect(t.socket().options.transports).toEqual(['websocket']);
    expect(t.conn().state).toBe('connecting');
    expect(t.socket().connectCalls).toBe(1);
    expect(t.hostStates()).toEqual(['connecting']);

    t.socket().serverConnect();
    expect(t.conn()).toMatchObject({ state: 'connected', attempt: 0, server: SERVER });
    expect(t.conn().nextRetryAt).toBeUndefined();
    expect(t.hostStates().at(-1)).toBe('connected');
  });

  it('after a drop shows reconnecting with nextRetryAt and retries exactly on the backoff schedule', async () => {
    const t = await connected();
    t.clock.advance(1000);
    const s = t.socket();
    const dropAt = t.clock.now();
    s.serverDisconnect('transport close');
    const first = backoffDelay(1, 0, 0.5);
    expect(t.conn()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      reason: 'transport close',
      nextRetryAt: dropAt + first,
    });
    expect(t.hostStates().at(-1)).toBe('reconnecting');
    expect(first).toBeLessThanOrEqual(1000);

    t.clock.advance(dropAt + first - 1 - t.clock.now());
    expect(s.connectCalls).toBe(1);
    t.clock.advance(1);
    expect(s.connectCalls).toBe(2);

    // Keep failing for a minute: each retry comes when announced, never more than 1 s apart.
    while (t.clock.now() - dropAt < 60_000) {
      const calls = s.connectCalls;
      s.connectError('ECONNREFUSED');
      const { nextRetryAt, attempt } = t.conn();
      expect(t.conn().state).toBe('reconnecting');
      expect(attempt).toBe(calls);
      const wait = (nextRetryAt as number) - t.clock.now();
      expect(wait).toBe(backoffDelay(attempt, t.clock.now() - dropAt, 0.5));
      expect(wait).toBeLessThanOrEqual(1000);
      t.clock.advance(wait);
      expect(s.connectCalls).toBe(calls + 1);
    }

    s.serverConnect();
    expect(t.conn()).toMatchObject({ state: 'connected', attempt: 0 });
    expect(t.conn().nextRetryAt).toBeUndefined();
  });

  it('a connect_error while connecting turns into reconnecting with a retry scheduled', () => {
    const t = start();
    t.socket().connectError('ECONNREFUSED');
    expect(t.conn()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    const wait = (t.conn().nextRetryAt as number) - t.clock.now();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    t.clock.advance(wait);
    expect(t.socket().connectCalls).toBe(2);
  });

  it('goes offline without retrying when the connection drops while the network is down', async () => {
    const t = await connected();
    t.network.set(false);
    t.socket().serverDisconnect('transport close');
    expect(t.conn().state).toBe('offline');
    t.clock.advance(10 * 60_000);
    expect(t.socket().connectCalls).toBe(1);
    expect(t.conn().state).toBe('offline');
    expect(t.hostStates().at(-1)).toBe('offline');
  });

  it('the OS going offline while connected is shown at once, ends the connection, and online retries it', async () => {
    const t = await connected();
    t.network.set(false);
    // No clock advance: shown the moment the OS says so, not when a ping times out.
    expect(t.conn()).toMatchObject({ state: 'offline', reason: 'offline' });
    expect(t.socket().disconnectCalls).toBe(1);
    t.clock.advance(10 * 60_000);
    expect(t.socket().connectCalls).toBe(1);
    t.network.set(true);
    expect(t.socket().connectCalls).toBe(2);
    expect(t.conn().state).toBe('reconnecting');
  });

  it('cancels the pending retry when the network goes down while reconnecting', async () => {
    const t = await connected();
    t.socket().serverDisconnect('transport close');
    expect(t.conn().state).toBe('reconnecting');
    t.network.set(false);
    expect(t.conn().state).toBe('offline');
    t.clock.advance(10 * 60_000);
    expect(t.socket().connectCalls).toBe(1);
  });

  it('retries at once when the network comes back', async () => {
    const t = await connected();
    t.network.set(false);
    t.socket().serverDisconnect('transport close');
    t.clock.advance(5 * 60_000);
    t.network.set(true);
    expect(t.socket().connectCalls).toBe(2); // no clock advance needed
    expect(t.conn().state).toBe('reconnecting');
    t.socket().serverConnect();
    expect(t.conn().state).toBe('connected');
  });

  it('retryNow() reconnects at once and drops the retry that was scheduled', async () => {
    const t = await connected();
    const s = t.socket();
    s.serverDisconnect('transport close');
    for (let i = 0; i < 4; i++) {
      t.clock.advance((t.conn().nextRetryAt as number) - t.clock.now());
      s.connectError();
    }
    const calls = s.connectCalls;
    expect((t.conn().nextRetryAt as number) - t.clock.now()).toBeGreaterThan(200);
    t.client.retryNow();
    expect(s.connectCalls).toBe(calls + 1);
    expect(t.conn().state).toBe('reconnecting');
    t.clock.advance(5000);
    expect(s.connectCalls).toBe(calls + 1); // the old timer did not fire a second attempt
    s.serverConnect();
    t.client.retryNow(); // connected: nothing to do
    expect(s.connectCalls).toBe(calls + 1);
  });

  it('after session draining and the disconnect, reconnects immediately and keeps reason draining', async () => {
    const t = await connected();
    const s = t.socket();
    s.session({ type: 'draining' });
    expect(t.conn()).toMatchObject({ state: 'draining', reason: 'draining' });
    expect(t.hostStates().at(-1)).toBe('draining');
    s.serverDisconnect('io server disconnect');
    expect(s.connectCalls).toBe(2); // without waiting for any backoff
    expect(t.conn()).toMatchObject({ state: 'connecting', reason: 'draining' });
    s.serverConnect();
    expect(t.conn()).toMatchObject({ state: 'connected', reason: 'draining' });
    expect(s.subscribes).toHaveLength(2);
  });

  it('without a draining notice, a server disconnect waits for the backoff', async () => {
    const t = await connected();
    t.socket().serverDisconnect('io server disconnect');
    expect(t.socket().connectCalls).toBe(1);
    expect(t.conn()).toMatchObject({ state: 'reconnecting', reason: 'io server disconnect' });
  });

  it('drops a connection whose subscribe is never answered, then reconnects', async () => {
    const t = start();
    const s = t.socket();
    s.serverConnect();
    s.lastSubscribe().fail();
    await settle();
    expect(s.disconnectCalls).toBe(1);
    expect(t.conn().state).toBe('reconnecting');
    t.clock.advance(500);
    expect(s.connectCalls).toBe(2);
  });

  it('a connection lost while its subscribe is in flight reconnects on schedule and subscribes again', async () => {
    const t = start();
    const s = t.socket();
    s.serverConnect();
    s.serverDisconnect('transport close');
    await settle();
    expect(t.conn().state).toBe('reconnecting');
    t.clock.advance((t.conn().nextRetryAt as number) - t.clock.now());
    expect(s.connectCalls).toBe(2);
    s.serverConnect();
    expect(s.subscribes).toHaveLength(2);
    s.answerWithHeads({ orders: { epoch: 'e1', offset: 2 } });
    await settle();
    expect(t.conn().state).toBe('connected');
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 2 });
  });

  it('disconnect() (logout) goes idle and stops retrying; close() lets go of the network', async () => {
    const t = await connected();
    const s = t.socket();
    s.serverDisconnect('transport close');
    t.client.disconnect();
    expect(t.conn().state).toBe('idle');
    t.clock.advance(10 * 60_000);
    expect(s.connectCalls).toBe(1);
    t.network.set(false);
    t.network.set(true);
    expect(s.connectCalls).toBe(1);
    expect(t.network.listenerCount).toBe(1);
    t.client.close();
    expect(t.network.listenerCount).toBe(0);
  });
});
