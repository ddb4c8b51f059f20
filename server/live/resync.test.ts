// When the log cannot replay (beyond retention) the answer is `recovered: false`; the snapshot then gives the state and the position to continue
// from, and live delivery from there has no gap.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot, SubscribeResponse } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor } from '../test/live';

let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.dispose();
  gw = undefined;
});

async function snapshotOf(url: string, token: string, channel: string): Promise<Snapshot> {
  const res = await fetch(`${url}/v1/snapshot?channels=${channel}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Snapshot;
}

/** Snapshot, then subscribe from its position: the events after it arrive, none missing. */
async function resyncAndFollow(url: string, channel = 'orders') {
  const { accessToken } = await loginAs(url);
  const snap = await snapshotOf(url, accessToken, channel);
  const at = snap.channels[0] as Snapshot['channels'][number];
  const c = await connectLive(url, { token: accessToken });
  const sub = (await c.subscribe({
    channels: [{ channel, since: { epoch: at.epoch, offset: at.offset } }],
  })) as SubscribeResponse;
  expect(sub.results[0]).toMatchObject({ ok: true, recovered: true });
  const later = Array.from({ length: 10 }, () => orderCreated());
  await postEvents(url, { events: later });
  await waitFor(
    () => later.every((e) => c.deliveries.some((d) => d.event.id === e.id)),
    'the events after the snapshot',
  );
  const offsets = c.deliveries.map((d) => d.offset);
  expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => at.offset + 1 + i));
  c.close();
  return snap;
}

describe('resync through the snapshot', () => {
  it('beyond retention: recovered false, then snapshot + live without a gap', async () => {
    gw = await startGatewayProcess({ LIVE_LIMITS: 'logRetention=20' });
    const c = await connectLive(gw.url);
    const first = (await c.subscribe({ channels: [{ channel: 'orders' }] })) as SubscribeResponse;
    const epoch = first.results[0]?.epoch as string;
    c.close();
    const events = Array.from({ length: 50 }, () => orderCreated());
    await postEvents(gw.url, { events });
    const late = await connectLive(gw.url);
    const r = (await late.subscribe({
      channels: [{ channel: 'orders', since: { epoch, offset: 1 } }],
    })) as SubscribeResponse;
    expect(r.results[0]).toMatchObject({ ok: true, recovered: false, offset: 50 });
    expect(r.results[0]?.events).toBeUndefined();
    late.close();
    const snap = await resyncAndFollow(gw.url);
    // The snapshot has what the log no longer holds: the orders themselves.
    const numbers = snap.channels[0]?.orders?.map((o) => o.orderKey) ?? [];
    for (const e of events.slice(0, 5)) {
      if (e.type === 'ORDER_NOTIFICATION') expect(numbers).toContain(`trendyol:${e.payload.orderNumber}`);
    }
  });

  it('after an embedded restart: the same epoch, and what was missed is replayed with since', async () => {
    gw = await startGatewayProcess();
    const c = await connectLive(gw.url);
    const before = (await c.subscribe({ channels: [{ channel: 'orders' }] })) as SubscribeResponse;
    const order = orderCreated({ orderNumber: 'BEFORE-RESTART' });
    await postEvents(gw.url, order);
    await c.waitForEvent(order.id);
    c.close();
    const seen = { epoch: before.results[0]?.epoch as string, offset: 1 };

    await gw.stop();
    await gw.start();
    // Accepted after the restart, before the console came back: it must reach the console by replay.
    const missed = orderCreated({ orderNumber: 'AFTER-RESTART' });
    expect((await postEvents(gw.url, missed)).status).toBe(202);
    const again = await connectLive(gw.url);
    const r = (await again.subscribe({ channels: [{ channel: 'orders', since: seen }] })) as SubscribeResponse;
    expect(r.results[0]).toMatchObject({ recovered: true, epoch: seen.epoch, offset: 2 });
    expect(r.results[0]?.events?.map((d) => d.event.id)).toEqual([missed.id]);
    again.close();
  });
});
