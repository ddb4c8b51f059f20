// Quality measured by the live client: periodic pings, RTT from their answers, silence that ends a
// dead connection, the reconnect count, and when each channel last had an event.
import { describe, expect, it } from 'vitest';
import type { LiveBatch } from '../protocol';
import { createLiveClient } from './liveClient';
import { ackWorld } from './test/ackSocket';
import { delivery } from './test/fakes';

const SERVER = 'http://127.0.0.1:8080';
const PING = 5000;
const SILENCE = 2.25 * PING;
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};

async function connected() {
  const w = ackWorld();
  const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: PING });
  const batches: LiveBatch[] = [];
  client.onBatch((b) => batches.push(b));
  client.connect({ server: SERVER, channels: ['orders', 'inventory'] });
  const s = w.socket();
  s.serverConnect();
  s.answerWithHeads({});
  await settle();
  const connectedAt = w.clock.now();
  const quality = () => client.getState().quality;
  /** Advances to the next ping (it is sent `PING` after the previous one ended). */
  const nextPing = async () => {
    await settle();
    const before = s.pings.length;
    for (let waited = 0; s.pings.length === before && waited <= 3 * PING; waited++) w.clock.advance(1);
    expect(s.pings.length).toBe(before + 1);
  };
  /** Lets `ms` pass, then answers the open ping. */
  const pongAfter = async (ms: number) => {
    w.clock.advance(ms);
    s.pong();
    await settle();
  };
  return { ...w, s, client, batches, connectedAt, quality, nextPing, pongAfter };
}

describe('live client: quality', () => {
  it('pings every pingIntervalMs while connected, and not before nor after', async () => {
    const w = ackWorld();
    const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: PING });
    client.connect({ server: SERVER, channels: ['orders'] });
    w.clock.advance(3 * PING);
    expect(w.socket().pings).toHaveLength(0); // not connected yet
    const t = await connected();
    t.clock.advance(t.connectedAt + PING - 1 - t.clock.now());
    expect(t.s.pings).toHaveLength(0);
    t.clock.advance(1);
    expect(t.s.pings).toHaveLength(1);
    expect(t.s.pings[0]?.request).toEqual({ t: t.clock.now() });
    expect(t.s.pings[0]?.timeoutMs).toBe(PING);
    await t.pongAfter(40);
    t.clock.advance(PING - 1);
    expect(t.s.pings).toHaveLength(1);
    t.clock.advance(1);
    expect(t.s.pings).toHaveLength(2);
    await t.pongAfter(40);
    t.s.serverDisconnect();
    t.clock.advance(500); // the retry: connect() is called, but the server does not answer
    t.clock.advance(10 * PING);
    expect(t.s.pings).toHaveLength(2);
  });

  it('the state carries RTT and jitter from the pongs, and its level follows them', async () => {
    const t = await connected();
    await t.nextPing();
    await t.pongAfter(80);
    expect(t.quality()).toMatchObject({ rttMs: 80, jitterMs: 0, missedPongs: 0, level: 'excellent' });
    t.clock.advance(16);
    expect(t.batches.at(-1)?.state?.quality).toMatchObject({ rttMs: 80, level: 'excellent' });

    await t.nextPing();
    await t.pongAfter(250);
    expect(t.quality()).toMatchObject({ rttMs: 123, jitterMs: 43, level: 'good' });

    for (let i = 0; i < 8; i++) {
      await t.nextPing();
      await t.pongAfter(900);
    }
    expect(t.quality()?.level).toBe('poor');
    expect(t.quality()?.rttMs).toBeGreaterThan(300);
  });

  it('silence for 2.25 ping intervals ends the connection and starts reconnecting; the reconnect count goes up', async () => {
    const t = await connected();
    await t.nextPing();
    await t.pongAfter(30);
    const lastHeard = t.clock.now();
    await t.nextPing();
    t.clock.advance(PING); // times out: one missed pong, nothing else heard
    await settle();
    expect(t.quality()).toMatchObject({ missedPongs: 1, level: 'good' });
    expect(t.s.disconnectCalls).toBe(0);
    t.clock.advance(lastHeard + SILENCE - 1 - t.clock.now());
    expect(t.s.disconnectCalls).toBe(0);
    t.clock.advance(1);
    expect(t.s.disconnectCalls).toBe(1);
    expect(t.client.getState().connection).toMatchObject({ state: 'reconnecting', reason: 'ping timeout' });
    expect(t.quality()?.reconnects).toBe(0);
    t.clock.advance(1000); // the first retry
    expect(t.s.connectCalls).toBe(2);

    t.s.serverConnect();
    expect(t.client.getState().connection.state).toBe('connected');
    expect(t.quality()?.reconnects).toBe(1);
    t.s.serverDisconnect();
    t.clock.advance(1000);
    t.s.serverConnect();
    expect(t.quality()?.reconnects).toBe(2);
  });

  it('unanswered pings do not end a connection that keeps delivering', async () => {
    const t = await connected();
    let offset = 0;
    for (let i = 0; i < 4; i++) {
      await t.nextPing();
      // The pong is lost, but deliveries keep coming: the gateway is there.
      for (let k = 0; k < 4; k++) {
        t.clock.advance(PING / 4);
        t.s.deliver(delivery('orders', 'e1', ++offset));
      }
      await settle();
    }
    expect(t.quality()?.missedPongs).toBeGreaterThan(0);
    expect(t.s.disconnectCalls).toBe(0);
    expect(t.client.getState().connection.state).toBe('connected');
  });

  it('after a silent drop and reconnect, a single unanswered ping does not end the new connection', async () => {
    const t = await connected();
    t.clock.advance(SILENCE);
    await settle();
    expect(t.s.disconnectCalls).toBe(1);
    t.clock.advance(1000);
    t.s.serverConnect();
    t.s.answerWithHeads({});
    await settle();
    expect(t.quality()?.level).not.toBe('poor');
    await t.nextPing();
    await t.pongAfter(30);
    await t.nextPing();
    t.clock.advance(PING);
    await settle();
    expect(t.s.disconnectCalls).toBe(1);
    expect(t.client.getState().connection.state).toBe('connected');
  });

  it('defaults: one ping per 2 s, and a connection silent for 4.5 s is shown lost', async () => {
    const w = ackWorld();
    const client = createLiveClient(w.ports, { random: () => 0.5 });
    client.connect({ server: SERVER, channels: ['orders'] });
    const s = w.socket();
    s.serverConnect();
    s.answerWithHeads({});
    await settle();
    const up = w.clock.now();
    w.clock.advance(2000);
    expect(s.pings).toHaveLength(1);
    expect(s.pings[0]?.timeoutMs).toBe(2000);
    w.clock.advance(2000);
    await settle();
    w.clock.advance(up + 4499 - w.clock.now());
    expect(s.pings.length).toBeLessThanOrEqual(2);
    expect(client.getState().connection.state).toBe('connected');
    w.clock.advance(1);
    expect(client.getState().connection).toMatchObject({ state: 'reconnecting', reason: 'ping timeout' });
  });

  it('after disconnect() and connect(), the first jitter sample is not measured against the old session', async () => {
    const t = await connected();
    await t.nextPing();
    await t.pongAfter(80);
    expect(t.quality()).toMatchObject({ rttMs: 80, jitterMs: 0 });
    t.client.disconnect();
    t.client.connect({ server: SERVER, channels: ['orders', 'inventory'] });
    const s = t.socket();
    s.serverConnect();
    s.answerWithHeads({});
    await settle();
    t.clock.advance(PING);
    expect(s.pings).toHaveLength(1);
    t.clock.advance(250);
    s.pong();
    await settle();
    expect(t.quality()).toMatchObject({ rttMs: 250, jitterMs: 0 });
  });

  it('records when each channel last had an event shown (staleness)', async () => {
    const t = await connected();
    expect(t.quality()?.lastEventAt).toEqual({});
    const first = t.clock.now();
    t.s.deliver(delivery('orders', 'e1', 1));
    expect(t.quality()?.lastEventAt).toEqual({ orders: first });
    t.clock.advance(1234);
    t.s.deliver(delivery('inventory', 'e1', 1));
    expect(t.quality()?.lastEventAt).toEqual({ orders: first, inventory: first + 1234 });
    // A repeat already shown does not count as news.
    t.clock.advance(1000);
    t.s.deliver(delivery('orders', 'e1', 1));
    expect(t.quality()?.lastEventAt.orders).toBe(first);
  });
});
