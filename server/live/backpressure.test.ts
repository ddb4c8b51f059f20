// A client that stops reading is cut off with `slow_consumer` while the others keep receiving
// everything, promptly; when it reads again, the notice comes right after what its transport held
// (not behind the backlog, which would never arrive).
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNotice } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor } from '../test/live';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGatewayProcess({ LIVE_LIMITS: 'slowConsumerBytes=262144,slowConsumerPackets=3000' });
});
afterAll(async () => gw?.dispose());

/** The TCP socket under a socket.io-client connection (websocket transport in Node). */
function tcpOf(client: { socket: { io: { engine: unknown } } }): NetSocket {
  const engine = client.socket.io.engine as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('backpressure', () => {
  it('cuts off a client that stops reading; a healthy client gets every event, promptly', async () => {
    const slow = await connectLive(gw.url);
    const healthy = await connectLive(gw.url);
    await slow.subscribe({ channels: [{ channel: 'orders' }] });
    await healthy.subscribe({ channels: [{ channel: 'orders' }] });
    const notices: SessionNotice[] = [];
    slow.socket.on('session', (n: SessionNotice) => notices.push(n));
    const slowClosed = new Promise<void>((r) => slow.socket.once('disconnect', () => r()));

    tcpOf(slow).pause(); // reads nothing from now on
    const ids: string[] = [];
    // Loopback's socket buffers take several MB before anything waits in the gateway: keep posting.
    for (
      let batch = 0;
      batch < 300 && (batch % 10 !== 0 || (await metric('live_slow_consumers_total')) === 0);
      batch++
    ) {
      const events = Array.from({ length: 200 }, () => orderCreated());
      ids.push(...events.map((e) => e.id));
      expect((await postEvents(gw.url, { events })).status).toBe(202);
    }
    await waitFor(async () => (await metric('live_slow_consumers_total')) >= 1, 'the slow consumer cut off');

    // It reads again a while after the cut (past the moment a backlog would have been discarded
    // with the notice behind it): it learns why, then sees the close.
    await new Promise((r) => setTimeout(r, 1500));
    tcpOf(slow).resume();
    await slowClosed;
    expect(notices.map((n) => n.type)).toEqual(['slow_consumer']);

    // The healthy client is not held back: a marker posted now arrives within a second or two.
    const marker = orderCreated();
    const t = Date.now();
    await postEvents(gw.url, marker);
    await healthy.waitForEvent(marker.id);
    expect(Date.now() - t).toBeLessThan(3000);
    await waitFor(
      () => ids.every((id) => healthy.deliveries.some((d) => d.event.id === id)),
      'every event on the healthy client',
    );
    expect(healthy.socket.connected).toBe(true);
    healthy.close();
  });
});
