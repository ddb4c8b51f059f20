// Deliveries that arrive together (one ingest batch) reach each client in `events` frames of at
// most `maxFrameEvents` per channel, in log order; with 1, every event has a frame of its own.
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../protocol';
import { inventoryChange, orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';

const gateways: GatewayProcess[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.dispose()));
});

/** Frames as they arrived: one entry per `event` (size 1) or `events` (its length) frame. */
async function framesFor(maxFrameEvents: number) {
  const gw = await startGatewayProcess({ LIVE_LIMITS: `maxFrameEvents=${maxFrameEvents}` });
  gateways.push(gw);
  const client = await connectLive(gw.url);
  const frames: { kind: 'event' | 'events'; channels: string[]; offsets: number[] }[] = [];
  const record = (kind: 'event' | 'events', ds: Delivery[]) =>
    frames.push({ kind, channels: ds.map((d) => d.channel), offsets: ds.map((d) => d.offset) });
  client.socket.on('event', (d: Delivery) => record('event', [d]));
  client.socket.on('events', (ds: Delivery[]) => record('events', ds));
  await client.subscribe({ channels: [{ channel: 'orders' }, { channel: 'inventory' }] });
  const orders = Array.from({ length: 5 }, () => orderCreated());
  const stock = inventoryChange();
  const res = await postEvents(gw.url, { events: [orders[0], stock, ...orders.slice(1)] });
  expect(res.status).toBe(202);
  await waitFor(() => client.deliveries.length >= 6, 'all six deliveries');
  client.close();
  return { frames, ids: client.deliveries.map((d) => d.event.id), orders, stock };
}

describe('delivery frames', () => {
  it('one batch: a channel’s deliveries share frames of at most maxFrameEvents, in log order', async () => {
    const { frames, ids, orders } = await framesFor(2);
    const orderFrames = frames.filter((f) => f.channels[0] === 'orders');
    expect(orderFrames.map((f) => [f.kind, f.offsets.length])).toEqual([
      ['events', 2],
      ['events', 2],
      ['event', 1],
    ]);
    expect(orderFrames.flatMap((f) => f.offsets)).toEqual([1, 2, 3, 4, 5]);
    expect(frames.every((f) => f.channels.every((c) => c === f.channels[0]))).toBe(true);
    expect(frames.find((f) => f.channels[0] === 'inventory')).toEqual({
      kind: 'event',
      channels: ['inventory'],
      offsets: [1],
    });
    expect(ids.filter((id) => orders.some((o) => o.id === id))).toEqual(orders.map((o) => o.id));
  });

  it('maxFrameEvents=1: every delivery in an `event` frame of its own', async () => {
    const { frames } = await framesFor(1);
    expect(frames).toHaveLength(6);
    expect(frames.every((f) => f.kind === 'event')).toBe(true);
  });
});
