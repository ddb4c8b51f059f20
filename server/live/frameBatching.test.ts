// Adaptive frame batching end to end, in a gateway process: with batching forced on
// (`frameLagMs=0`), events posted one by one within a window reach a console in one `events`
// frame, in log order, the first at once; and a drain sends what waits in a window before it
// tells the consoles `draining` and closes them.
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';

const gateways: GatewayProcess[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.dispose()));
});

async function setup(windowMs: number) {
  const gw = await startGatewayProcess({ LIVE_LIMITS: `frameLagMs=0,frameWindowMs=${windowMs}` });
  gateways.push(gw);
  const client = await connectLive(gw.url);
  const seen: { kind: 'event' | 'events' | 'draining'; offsets: number[] }[] = [];
  client.socket.on('event', (d: Delivery) => seen.push({ kind: 'event', offsets: [d.offset] }));
  client.socket.on('events', (ds: Delivery[]) => seen.push({ kind: 'events', offsets: ds.map((d) => d.offset) }));
  client.socket.on('session', (n: { type: string }) => {
    if (n.type === 'draining') seen.push({ kind: 'draining', offsets: [] });
  });
  await client.subscribe({ channels: [{ channel: 'orders' }] });
  return { gw, client, seen };
}

describe('adaptive frame batching, end to end', () => {
  it('events posted one by one within a window share a frame after the first, in log order', async () => {
    const { gw, client, seen } = await setup(1500);
    for (let i = 0; i < 4; i++) expect((await postEvents(gw.url, { events: [orderCreated()] })).status).toBe(202);
    await waitFor(() => client.deliveries.length >= 4, 'four deliveries');
    expect(seen[0]).toEqual({ kind: 'event', offsets: [1] });
    expect(seen[1]).toEqual({ kind: 'events', offsets: [2, 3, 4] });
    client.close();
  });

  it('a drain sends what waits in a window before it tells the consoles and closes them', async () => {
    const { gw, client, seen } = await setup(60_000);
    for (let i = 0; i < 3; i++) expect((await postEvents(gw.url, { events: [orderCreated()] })).status).toBe(202);
    await waitFor(() => client.deliveries.length >= 1, 'the first delivery');
    expect(client.deliveries).toHaveLength(1); // the other two wait in the window
    expect(await gw.stop()).toBe(0);
    await waitFor(
      () => seen.some((s) => s.kind === 'draining'),
      () => `the draining notice (seen ${JSON.stringify(seen)})`,
    );
    expect(seen).toEqual([
      { kind: 'event', offsets: [1] },
      { kind: 'events', offsets: [2, 3] },
      { kind: 'draining', offsets: [] },
    ]);
  });
});
