// Subscriptions, recovery from the log, gap detection, dedupe and the seam between replay and live.
import { describe, expect, it } from 'vitest';
import type { Delivery, LiveBatch } from '../protocol';
import { REPLAY_CHUNK_EVENTS } from './catchUp';
import { createLiveClient } from './liveClient';
import { delivery, liveEvent, replayed } from './test/fakes';
import { fakeWorld } from './test/fakeWorld';

const settle = () => new Promise<void>((r) => setImmediate(r));
const CHANNELS = ['orders', 'inventory', 'system'];

/** A client connected and subscribed, with `heads` as the answer to its first subscribe. */
async function subscribed(heads: Record<string, { epoch: string; offset: number }> = {}) {
  const w = fakeWorld();
  const client = createLiveClient(w.ports, { random: () => 0.5 });
  const batches: LiveBatch[] = [];
  client.onBatch((b) => batches.push(b));
  client.connect({ server: 'http://127.0.0.1:8080', channels: CHANNELS });
  w.socket().serverConnect();
  w.socket().answerWithHeads(heads);
  await settle();
  w.clock.advance(16);
  batches.length = 0;
  /** Every delivery the host has been handed so far (after letting a frame pass). */
  const shown = (): Delivery[] => {
    w.clock.advance(16);
    return batches.flatMap((b) => b.events);
  };
  const offsets = (channel = 'orders') =>
    shown()
      .filter((d) => d.channel === channel)
      .map((d) => d.offset);
  return { ...w, client, batches, shown, offsets };
}

describe('live client: subscriptions and recovery', () => {
  it('subscribes to every channel on connect, and after a reconnect from the last position of each', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 }, inventory: { epoch: 'e1', offset: 0 } });
    const s = t.socket();
    expect(s.subscribes[0]?.request).toEqual({
      channels: CHANNELS.map((channel) => ({ channel })),
      replayLimit: REPLAY_CHUNK_EVENTS,
    });
    expect(t.client.getState().channels).toMatchObject({
      orders: { epoch: 'e1', offset: 5 },
      inventory: { epoch: 'e1', offset: 0 },
    });

    s.deliver(delivery('orders', 'e1', 6));
    s.deliverMany([delivery('orders', 'e1', 7), delivery('inventory', 'e1', 1)]);
    expect(t.shown()).toHaveLength(3);

    s.serverDisconnect('transport close');
    t.clock.advance(500);
    s.serverConnect();
    expect(s.subscribes).toHaveLength(2);
    expect(s.lastSubscribe().request.channels).toEqual([
      { channel: 'orders', since: { epoch: 'e1', offset: 7 } },
      { channel: 'inventory', since: { epoch: 'e1', offset: 1 } },
      { channel: 'system', since: { epoch: 'e1', offset: 0 } },
    ]);
  });

  it('never skips a gap: n then n+2 resubscribes from n, and the host gets n+1 then n+2 in order', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 } });
    const s = t.socket();
    const d = [6, 7, 8, 9].map((o) => delivery('orders', 'e1', o));
    s.deliver(d[0] as Delivery);
    s.deliver(d[2] as Delivery); // 7 went missing
    // Held a moment first (another node's broadcast may still be on its way), then resynced.
    expect(s.subscribes).toHaveLength(1);
    t.clock.advance(250);
    expect(s.subscribes).toHaveLength(2);
    expect(s.lastSubscribe().request).toEqual({
      channels: [{ channel: 'orders', since: { epoch: 'e1', offset: 6 } }],
      replayLimit: REPLAY_CHUNK_EVENTS,
    });
    expect(t.offsets()).toEqual([6]); // 8 is held back, not shown ahead of 7
    s.deliver(d[3] as Delivery); // arrives while the replay is on its way

    s.lastSubscribe().answer({
      results: [
        {
          channel: 'orders',
          ok: true,
          recovered: true,
          epoch: 'e1',
          offset: 8,
          events: [d[1] as Delivery, d[2] as Delivery],
        },
      ],
    });
    await settle();
    expect(t.offsets()).toEqual([6, 7, 8, 9]);
    expect(t.shown().map((x) => x.event.id)).toEqual(d.map((x) => x.event.id));
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 9 });
  });

  it('a subscribe refused as a whole is sent again, keeping what arrived meanwhile', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 } });
    const s = t.socket();
    s.serverDisconnect('transport close');
    t.clock.advance(500);
    s.serverConnect();
    s.deliver(delivery('orders', 'e1', 6));
    s.lastSubscribe().answer({ ok: false, error: { code: 'unavailable', message: 'log away' } });
    await settle();
    expect(t.offsets()).toEqual([]);
    t.clock.advance(1000);
    expect(s.subscribes.length).toBe(3);
    expect(s.lastSubscribe().request.channels[0]).toEqual({ channel: 'orders', since: { epoch: 'e1', offset: 5 } });
    s.lastSubscribe().answer({
      results: [
        { channel: 'orders', ok: true, recovered: true, epoch: 'e1', offset: 6, events: [delivery('orders', 'e1', 6)] },
      ],
    });
    await settle();
    expect(t.offsets()).toEqual([6]);
  });

  it('puts deliveries that cross on the way back in order, without a resync', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 } });
    const s = t.socket();
    const d = [6, 7, 8, 9].map((o) => delivery('orders', 'e1', o));
    for (const i of [0, 2, 3, 1]) s.deliver(d[i] as Delivery); // 7 arrives last
    expect(t.offsets()).toEqual([6, 7, 8, 9]);
    t.clock.advance(1000);
    expect(s.subscribes).toHaveLength(1);
  });

  it('shows a repeated offset or a repeated event id once', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 0 } });
    const s = t.socket();
    const first = delivery('orders', 'e1', 1);
    s.deliver(first);
    s.deliver(first);
    s.deliver(delivery('orders', 'e1', 1));
    // The same event again under a new offset (a producer retry that got through): shown once.
    s.deliver(delivery('orders', 'e1', 2, first.event));
    s.deliver(delivery('orders', 'e1', 3));
    const shown = t.shown();
    expect(shown.map((d) => d.offset)).toEqual([1, 3]);
    expect(new Set(shown.map((d) => d.event.id)).size).toBe(2);
    expect(s.subscribes).toHaveLength(1); // and no false gap
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 3 });
  });

  it('merges live deliveries that arrive during a subscribe with the replay: no gap, no duplicate', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 } });
    const s = t.socket();
    s.serverDisconnect('transport close');
    t.clock.advance(500);
    s.serverConnect();
    const d = new Map([6, 7, 8, 9, 10].map((o) => [o, delivery('orders', 'e1', o)]));
    // Joined the room before reading: 8 arrives live and is also in the replay.
    s.deliver(d.get(8) as Delivery);
    s.deliver(d.get(9) as Delivery);
    expect(t.offsets()).toEqual([]);
    s.lastSubscribe().answer({
      results: [
        {
          channel: 'orders',
          ok: true,
          recovered: true,
          epoch: 'e1',
          offset: 8,
          events: [6, 7, 8].map((o) => d.get(o) as Delivery),
        },
        { channel: 'inventory', ok: true, recovered: true, epoch: 'e1', offset: 0, events: [] },
        { channel: 'system', ok: true, recovered: true, epoch: 'e1', offset: 0, events: [] },
      ],
    });
    await settle();
    s.deliver(d.get(10) as Delivery);
    expect(t.offsets()).toEqual([6, 7, 8, 9, 10]);
    expect(s.subscribes).toHaveLength(2);
  });

  it('on the first subscribe, loads the snapshot and drops live deliveries it covers, keeping later ones', async () => {
    const w = fakeWorld();
    w.auth.heads.orders = { epoch: 'e1', offset: 4 };
    const client = createLiveClient(w.ports);
    const got: Delivery[] = [];
    client.onBatch((b) => got.push(...b.events));
    client.connect({ server: 'http://127.0.0.1:8080', channels: ['orders'] });
    const s = w.socket();
    s.serverConnect();
    s.deliver(delivery('orders', 'e1', 4));
    s.deliver(delivery('orders', 'e1', 5));
    s.lastSubscribe().answer({ results: [{ channel: 'orders', ok: true, recovered: false, epoch: 'e1', offset: 4 }] });
    await settle();
    w.clock.advance(16);
    expect(got.map((d) => d.offset)).toEqual([5]);
    expect(w.auth.calls.filter((c) => c.path === '/v1/snapshot')).toHaveLength(1);
  });

  it('resync while live: every subscribed channel’s snapshot reaches the host, later deliveries kept once', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 }, inventory: { epoch: 'e1', offset: 1 } });
    const s = t.socket();
    await settle();
    t.clock.advance(16);
    const before = t.auth.calls.filter((c) => c.path === '/v1/snapshot').length;
    t.batches.length = 0;
    t.auth.heads.orders = { epoch: 'e1', offset: 6 };
    s.deliver(delivery('orders', 'e1', 6));
    t.client.resync();
    s.deliver(delivery('orders', 'e1', 7)); // after the snapshot's position: kept
    await settle();
    t.clock.advance(16);
    const snapshots = t.batches.flatMap((b) => b.snapshots ?? []).map((x) => x.channel);
    expect(snapshots.sort()).toEqual([...CHANNELS].sort());
    expect(t.auth.calls.filter((c) => c.path === '/v1/snapshot').length).toBe(before + 1);
    // 6 is in the snapshot (the batch's snapshot replaces what came before it), 7 follows it.
    expect(t.batches.flatMap((b) => b.snapshots ?? []).find((x) => x.channel === 'orders')?.offset).toBe(6);
    expect(t.offsets()).toEqual([7]);
  });

  it('resync while one channel’s gap is being resubscribed: every channel’s snapshot reaches the host', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 5 }, inventory: { epoch: 'e1', offset: 1 } });
    const s = t.socket();
    await settle();
    t.clock.advance(16);
    t.batches.length = 0;
    const before = t.auth.calls.filter((c) => c.path === '/v1/snapshot').length;
    s.deliver(delivery('orders', 'e1', 6));
    s.deliver(delivery('orders', 'e1', 8)); // 7 went missing
    t.clock.advance(250);
    expect(s.lastSubscribe().request.channels).toEqual([{ channel: 'orders', since: { epoch: 'e1', offset: 6 } }]);
    t.client.resync(); // the console reloads while the gap's resubscribe is on its way
    await settle();
    expect(t.auth.calls.filter((c) => c.path === '/v1/snapshot').length).toBe(before);
    t.auth.heads.orders = { epoch: 'e1', offset: 8 };
    s.lastSubscribe().answer(replayed('orders', 7, 8));
    for (let i = 0; i < 2; i++) {
      await settle();
      t.clock.advance(16);
    }
    expect(t.batches.flatMap((b) => (b.snapshots ?? []).map((x) => x.channel)).sort()).toEqual([...CHANNELS].sort());
    expect(t.auth.calls.filter((c) => c.path === '/v1/snapshot').length).toBe(before + 1);
    expect(t.client.getState().channels).toMatchObject({
      orders: { epoch: 'e1', offset: 8 },
      inventory: { epoch: 'e1', offset: 1 },
    });
  });

  it('resync before the session is live: the first subscribe’s replay is followed by the snapshot', async () => {
    const w = fakeWorld();
    const client = createLiveClient(w.ports);
    const batches: LiveBatch[] = [];
    client.onBatch((b) => batches.push(b));
    client.resync(); // the console starts first
    // Resuming from where an earlier run stopped: the log replays what was missed.
    client.connect({
      server: 'http://127.0.0.1:8080',
      channels: ['orders'],
      positions: { orders: { epoch: 'e1', offset: 3 } },
    });
    const s = w.socket();
    s.serverConnect();
    w.auth.heads.orders = { epoch: 'e1', offset: 5 };
    s.lastSubscribe().answer(replayed('orders', 4, 5));
    await settle();
    w.clock.advance(16);
    await settle();
    w.clock.advance(16);
    expect(batches.flatMap((b) => b.snapshots ?? []).map((x) => x.channel)).toEqual(['orders']);
    expect(w.auth.calls.filter((c) => c.path === '/v1/snapshot')).toHaveLength(1);
    // Without resync the same resume loads no snapshot: the replay alone.
    const w2 = fakeWorld();
    const plain = createLiveClient(w2.ports);
    plain.connect({
      server: 'http://127.0.0.1:8080',
      channels: ['orders'],
      positions: { orders: { epoch: 'e1', offset: 3 } },
    });
    w2.socket().serverConnect();
    w2.socket()
      .lastSubscribe()
      .answer({ results: [{ channel: 'orders', ok: true, recovered: true, epoch: 'e1', offset: 3, events: [] }] });
    await settle();
    expect(w2.auth.calls.filter((c) => c.path === '/v1/snapshot')).toHaveLength(0);
  });

  it('keeps trying the snapshot while it cannot be loaded, holding the live deliveries meanwhile', async () => {
    const w = fakeWorld();
    w.auth.snapshotFailures = 2;
    const client = createLiveClient(w.ports);
    const got: Delivery[] = [];
    const snapshots: string[] = [];
    client.onBatch((b) => {
      got.push(...b.events);
      snapshots.push(...(b.snapshots ?? []).map((x) => x.channel));
    });
    client.connect({ server: 'http://127.0.0.1:8080', channels: ['orders'] });
    const s = w.socket();
    s.serverConnect();
    s.answerWithHeads({ orders: { epoch: 'e1', offset: 2 } });
    s.deliver(delivery('orders', 'e1', 3));
    await settle();
    w.clock.advance(16);
    expect(got).toEqual([]); // nothing shown before the state it belongs to
    w.clock.advance(500);
    await settle();
    w.clock.advance(1000);
    await settle();
    w.clock.advance(16);
    expect(snapshots).toEqual(['orders']);
    expect(got.map((d) => d.offset)).toEqual([3]);
  });

  it('recovered:false resets the position to the head the gateway returned', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 7 } });
    const s = t.socket();
    s.serverDisconnect('transport close');
    t.clock.advance(500);
    s.serverConnect();
    expect(s.lastSubscribe().request.channels[0]).toEqual({ channel: 'orders', since: { epoch: 'e1', offset: 7 } });
    // The gateway restarted: its log has a new epoch and cannot replay.
    s.answerWithHeads({
      orders: { epoch: 'e2', offset: 3 },
      inventory: { epoch: 'e2', offset: 0 },
      system: { epoch: 'e2', offset: 0 },
    });
    await settle();
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e2', offset: 3 });
    const stateBatch = t.batches.filter((b) => b.state).at(-1);
    t.clock.advance(16);
    expect((t.batches.filter((b) => b.state).at(-1) ?? stateBatch)?.state?.channels.orders).toEqual({
      epoch: 'e2',
      offset: 3,
    });

    s.deliver(delivery('orders', 'e2', 4));
    expect(t.offsets()).toEqual([4]);
    expect(s.subscribes).toHaveLength(2); // continuing from the new head is no gap
  });

  it('a delivery from another epoch is treated as a gap, not shown as if it continued the log', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 3 } });
    const s = t.socket();
    s.deliver(delivery('orders', 'e9', 4));
    expect(s.subscribes).toHaveLength(2);
    expect(s.lastSubscribe().request.channels).toEqual([{ channel: 'orders', since: { epoch: 'e1', offset: 3 } }]);
    s.answerWithHeads({ orders: { epoch: 'e9', offset: 4 } });
    await settle();
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e9', offset: 4 });
    s.deliver(delivery('orders', 'e9', 5));
    expect(t.offsets()).toEqual([5]);
  });

  it('hands a high-rate stream to the host in few batches, each event once and in order', async () => {
    const t = await subscribed({ orders: { epoch: 'e1', offset: 0 } });
    const s = t.socket();
    for (let o = 1; o <= 500; o++) {
      s.deliver(delivery('orders', 'e1', o, liveEvent()));
      if (o % 10 === 0) t.clock.advance(1);
    }
    const offsets = t.offsets();
    expect(offsets).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(t.batches.length).toBeLessThanOrEqual(5);
  });
});
