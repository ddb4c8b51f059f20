// Catch-up in chunks on the client: each chunk is taken, the next one asked for from where it
// ended, and live deliveries that came meanwhile join on by offset: no gap, no duplicate.
import { describe, expect, it } from 'vitest';
import type { Delivery, LiveBatch } from '../protocol';
import { REPLAY_CHUNK_EVENTS } from './catchUp';
import { createLiveClient } from './liveClient';
import { delivery } from './test/fakes';
import { fakeWorld } from './test/fakeWorld';

const settle = () => new Promise<void>((r) => setImmediate(r));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A client that was at `orders` offset 10 and reconnects to catch up. */
async function reconnecting() {
  const w = fakeWorld();
  const client = createLiveClient(w.ports, { random: () => 0.5 });
  const batches: LiveBatch[] = [];
  client.onBatch((b) => batches.push(b));
  client.connect({
    server: 'http://127.0.0.1:8080',
    channels: ['orders'],
    positions: { orders: { epoch: 'e1', offset: 10 } },
  });
  w.socket().serverConnect();
  const offsets = () => {
    w.clock.advance(16);
    return batches.flatMap((b) => b.events).map((d: Delivery) => d.offset);
  };
  return { ...w, client, offsets };
}

const chunk = (from: number, to: number, more: boolean) => ({
  results: [
    {
      channel: 'orders',
      ok: true,
      recovered: true,
      epoch: 'e1',
      offset: to,
      events: range(from, to).map((o) => delivery('orders', 'e1', o)),
      more,
    },
  ],
});

describe('catch-up in chunks', () => {
  it('asks for the next chunk from where one ended; live deliveries wait and join on without a repeat', async () => {
    const t = await reconnecting();
    const s = t.socket();
    expect(s.lastSubscribe().request).toEqual({
      channels: [{ channel: 'orders', since: { epoch: 'e1', offset: 10 } }],
      replayLimit: REPLAY_CHUNK_EVENTS,
    });
    // Live deliveries arrive during the catch-up, ahead of what was replayed so far.
    for (const o of [31, 32]) s.deliver(delivery('orders', 'e1', o));
    s.lastSubscribe().answer(chunk(11, 20, true));
    await settle();
    expect(t.offsets()).toEqual(range(11, 20));
    // Asked once the first chunk was taken, from its last offset.
    expect(s.subscribes).toHaveLength(2);
    expect(s.lastSubscribe().request.channels).toEqual([{ channel: 'orders', since: { epoch: 'e1', offset: 20 } }]);
    s.deliver(delivery('orders', 'e1', 33));
    // The last chunk overlaps what came live (31, 32): each offset shown once.
    s.lastSubscribe().answer(chunk(21, 32, false));
    await settle();
    expect(t.offsets()).toEqual(range(11, 33));
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 33 });
    s.deliver(delivery('orders', 'e1', 34));
    expect(t.offsets()).toEqual(range(11, 34));
    expect(s.subscribes).toHaveLength(2);
  });

  it('stops asking once the held live deliveries join on to a chunk', async () => {
    const t = await reconnecting();
    const s = t.socket();
    for (const o of [21, 22, 23]) s.deliver(delivery('orders', 'e1', o));
    // `more`, yet the live ones begin right after it: nothing is left to ask for.
    s.lastSubscribe().answer(chunk(11, 20, true));
    await settle();
    expect(t.offsets()).toEqual(range(11, 23));
    expect(s.subscribes).toHaveLength(1);
  });

  it('a gateway older than chunks refuses replayLimit: asked again without it, the whole replay is taken', async () => {
    const t = await reconnecting();
    const s = t.socket();
    // What a gateway older than chunks answers: its strict schema names the unknown key.
    s.lastSubscribe().answer({
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'Invalid subscribe request: Unrecognized key: "replayLimit"',
        details: { issues: [{ path: '', message: 'Unrecognized key: "replayLimit"' }] },
      },
    });
    await settle();
    expect(s.subscribes).toHaveLength(2);
    expect(s.lastSubscribe().request).toEqual({
      channels: [{ channel: 'orders', since: { epoch: 'e1', offset: 10 } }],
    });
    s.lastSubscribe().answer({ results: [{ ...chunk(11, 40, false).results[0]!, more: undefined }] });
    await settle();
    expect(t.offsets()).toEqual(range(11, 40));
  });

  it('a refusal of another field does not turn chunks off', async () => {
    const t = await reconnecting();
    const s = t.socket();
    s.lastSubscribe().answer({
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'Invalid subscribe request at channels: Too big',
        details: { issues: [{ path: 'channels', message: 'Too big' }] },
      },
    });
    await settle();
    t.clock.advance(1000);
    await settle();
    expect(s.subscribes.length).toBeGreaterThanOrEqual(2);
    expect(s.lastSubscribe().request).toMatchObject({ replayLimit: REPLAY_CHUNK_EVENTS });
  });

  it('a chunk the log can no longer continue (trimmed meanwhile) ends in the snapshot, not a hole', async () => {
    const t = await reconnecting();
    const s = t.socket();
    s.lastSubscribe().answer(chunk(11, 20, true));
    await settle();
    expect(t.offsets()).toEqual(range(11, 20));
    s.lastSubscribe().answer({ results: [{ channel: 'orders', ok: true, recovered: false, epoch: 'e1', offset: 90 }] });
    await settle();
    // The snapshot is asked for: the channel's state is reloaded rather than shown with a hole.
    expect(t.auth.calls.filter((c) => c.path === '/v1/snapshot')).toHaveLength(1);
    await settle();
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 0 });
  });
});
