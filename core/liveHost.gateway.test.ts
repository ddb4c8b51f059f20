// core against a real gateway process: login, live events, gateway killed and restarted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alwaysOnline } from '../main/adapters/nodePorts';
import type { Delivery, LiveBatch } from '../protocol';
import { orderCreated } from '../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';
import { createLiveHost, type LiveHost } from './liveHost';
import { realPorts } from './test/realPorts';

describe('core against a real gateway', () => {
  let gw: GatewayProcess;
  let host: LiveHost;
  const batches: { at: number; batch: LiveBatch }[] = [];
  const events = (): Delivery[] => batches.flatMap((b) => b.batch.events);
  const countOf = (id: string) => events().filter((d) => d.event.id === id).length;

  beforeAll(async () => {
    gw = await startGatewayProcess({}, { timeoutMs: 60_000 });
    host = createLiveHost(realPorts({ network: alwaysOnline }));
    host.onBatch((batch) => batches.push({ at: Date.now(), batch }));
  });

  afterAll(async () => {
    host?.close();
    await gw?.dispose();
  });

  it('logs in, connects, subscribes, and receives POSTed events in batches', async () => {
    const { user } = await host.login({ server: gw.url, username: 'depo', password: 'demo' });
    expect(user).toMatchObject({ name: 'Ayşe Yılmaz', role: 'warehouse' });
    await vi.waitFor(
      async () => {
        const s = await host.getState();
        expect(s.connection.state).toBe('connected');
        expect(s.channels.orders).toBeDefined();
      },
      { timeout: 20_000, interval: 20 },
    );
    expect((await host.getState()).user?.name).toBe('Ayşe Yılmaz');

    const sent = Array.from({ length: 20 }, () => orderCreated());
    const res = await postEvents(gw.url, { events: sent });
    expect(res.status).toBe(202);
    await vi.waitFor(() => expect(sent.every((e) => countOf(e.id) === 1)).toBe(true), {
      timeout: 20_000,
      interval: 20,
    });
    const orders = events().filter((d) => d.channel === 'orders');
    expect(orders.map((d) => d.event.id)).toEqual(sent.map((e) => e.id));
    const offsets = orders.map((d) => d.offset);
    expect(offsets).toEqual(offsets.map((_, i) => (offsets[0] as number) + i));
    // Batched: far fewer host messages than events.
    const carrying = batches.filter((b) => b.batch.events.some((d) => d.channel === 'orders'));
    expect(carrying.length).toBeLessThan(sent.length);
  });

  it('after the gateway is killed and restarted, reconnects within 2 s of it being healthy and gets new events once', async () => {
    const before = (await host.getState()).channels.orders;
    expect(before).toBeDefined();
    await gw.kill(); // SIGKILL
    await vi.waitFor(async () => expect((await host.getState()).connection.state).toBe('reconnecting'), {
      timeout: 20_000,
      interval: 20,
    });

    await gw.start(); // same port; resolves once /healthz answers
    const healthyAt = Date.now();
    let connectedAt = 0;
    await vi.waitFor(
      () => {
        const hit = batches.find((b) => b.at >= healthyAt && b.batch.state?.connection.state === 'connected');
        expect(hit).toBeDefined();
        connectedAt = (hit as { at: number }).at;
      },
      { timeout: 30_000, interval: 10 },
    );
    // Backoff stays at or below 2 s during the first minute of an outage.
    console.info(`reconnected ${connectedAt - healthyAt} ms after the gateway was healthy`);
    expect(connectedAt - healthyAt).toBeLessThan(2000);

    // The embedded log outlived the restart (SQLite): the same epoch, resumed with `since`.
    await vi.waitFor(
      async () => {
        const s = await host.getState();
        expect(s.connection.state).toBe('connected');
        expect(s.channels.orders?.epoch).toBe(before?.epoch);
      },
      { timeout: 20_000, interval: 20 },
    );

    const seenBefore = events().length;
    const sent = Array.from({ length: 10 }, () => orderCreated());
    for (const e of sent.slice(0, 5)) expect((await postEvents(gw.url, e)).status).toBe(202);
    expect((await postEvents(gw.url, { events: sent.slice(5) })).status).toBe(202);
    await vi.waitFor(() => expect(sent.every((e) => countOf(e.id) >= 1)).toBe(true), { timeout: 20_000, interval: 20 });
    // Let anything duplicated or late show up before counting.
    await new Promise((r) => setTimeout(r, 300));
    for (const e of sent) expect(countOf(e.id)).toBe(1);
    const after = events()
      .slice(seenBefore)
      .filter((d) => d.channel === 'orders')
      .map((d) => d.event.id);
    expect(after).toEqual(sent.map((e) => e.id));
  });
});
