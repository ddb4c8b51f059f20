// Actions over the `/live` socket of a real gateway process: the ack, the result event reaching
// other consoles through the channel log, idempotent retries, and refusals as error acks.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveEvent, type ActionAck, type Delivery, type EventInput, type SubscribeResponse } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient, type LoginResult } from '../test/live';

let gw: GatewayProcess;
const users: Record<'depo' | 'satis' | 'yonetici', LoginResult> = {} as never;
const clients: LiveClient[] = [];

beforeAll(async () => {
  gw = await startGatewayProcess();
  for (const name of ['depo', 'satis', 'yonetici'] as const) users[name] = await loginAs(gw.url, name);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await gw?.dispose();
});

async function client(as: keyof typeof users, channels: string[] = []): Promise<LiveClient> {
  const c = await connectLive(gw.url, { token: users[as].accessToken });
  clients.push(c);
  if (channels.length > 0) {
    const sub = (await c.subscribe({ channels: channels.map((channel) => ({ channel })) })) as SubscribeResponse;
    expect(sub.results.every((r) => r.ok)).toBe(true);
  }
  return c;
}

const act = (c: LiveClient, action: unknown) =>
  c.socket.timeout(15_000).emitWithAck('action', action) as Promise<ActionAck>;
const newKey = () => `k-${randomUUID()}`;
const actorOf = (u: LoginResult) => ({ id: u.user.id, name: u.user.name });

async function post(...events: EventInput[]): Promise<void> {
  const res = await postEvents(gw.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

/** A ship-deadline order (high priority: an alert on `orders`) delivered to `watcher`; its key. */
async function orderAlert(watcher: LiveClient): Promise<string> {
  const e = orderCreated();
  const deadline = { ...e, payload: { ...(e.payload as object), kind: 'SHIP_DEADLINE_NEAR' } } as EventInput;
  await post(deadline);
  const d = await watcher.waitForEvent(deadline.id);
  const alertKey = (d.event as { alertKey?: string }).alertKey;
  expect(alertKey).toMatch(/^SHIP_DEADLINE_NEAR:trendyol:/);
  return alertKey!;
}

const ofType = (c: LiveClient, type: string, match: (d: Delivery) => boolean = () => true) =>
  c.deliveries.filter((d) => d.event.type === type && match(d));

describe('alerts', () => {
  it('an ack from one console reaches another subscribed to the channel as ALERT_ACKED', async () => {
    const watcher = await client('satis', ['orders']);
    const depo = await client('depo');
    const alertKey = await orderAlert(watcher);
    const ack = await act(depo, { key: newKey(), type: 'ALERT_ACK', alertKey });
    expect(ack).toEqual({ ok: true, result: { alertKey, state: 'acknowledged', by: actorOf(users.depo) } });
    const d = await waitFor(
      () => ofType(watcher, 'ALERT_ACKED', (x) => (x.event.payload as { alertKey: string }).alertKey === alertKey)[0],
      'ALERT_ACKED at the watcher',
    );
    expect(d.channel).toBe('orders');
    expect(LiveEvent.parse(d.event)).toEqual(d.event);
    expect(d.event.payload).toMatchObject({ alertKey, by: actorOf(users.depo) });
    // It is in the log like any event: contiguous after what the watcher saw before.
    const offsets = watcher.deliveries.filter((x) => x.channel === 'orders').map((x) => x.offset);
    expect(offsets).toEqual(offsets.map((_, i) => offsets[0]! + i));
  });

  it('a retry with the same key over the socket gets the identical ack and publishes nothing more', async () => {
    const watcher = await client('yonetici', ['orders']);
    const depo = await client('depo');
    const alertKey = await orderAlert(watcher);
    const req = { key: newKey(), type: 'ALERT_ACK', alertKey };
    const first = await act(depo, req);
    expect(first.ok).toBe(true);
    // From another connection of the same user, as after a reconnect.
    const again = await client('depo');
    expect(await act(again, { ...req })).toEqual(first);
    expect(await act(again, { ...req, type: 'ALERT_SNOOZE', minutes: 5 })).toMatchObject({
      ok: false,
      error: { code: 'idempotency_conflict' },
    });
    // Everything published before the marker has arrived by the time it does.
    const marker = orderCreated();
    await post(marker);
    await watcher.waitForEvent(marker.id);
    const acked = ofType(
      watcher,
      'ALERT_ACKED',
      (x) => (x.event.payload as { alertKey: string }).alertKey === alertKey,
    );
    expect(acked).toHaveLength(1);
  });

  it('an alert the role may not read is not_found; an invalid action is validation_failed', async () => {
    const admin = await client('yonetici', ['system']);
    const e = systemAlert();
    await post(e);
    const alertKey = (await admin.waitForEvent(e.id)).event as { alertKey?: string };
    expect(alertKey.alertKey).toBe('API_ERROR:trendyol:orders');
    const depo = await client('depo');
    expect(await act(depo, { key: newKey(), type: 'ALERT_ACK', alertKey: alertKey.alertKey })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await act(depo, { key: newKey(), type: 'ALERT_ACK' })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', details: { issues: expect.any(Array) } },
    });
    expect(await act(depo, 'ALERT_ACK')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});

describe('orders', () => {
  it("a second user's claim is refused naming the holder; the claim and the release reach others", async () => {
    const watcher = await client('yonetici', ['orders']);
    const depo = await client('depo');
    const satis = await client('satis');
    const created = orderCreated();
    await post(created);
    await watcher.waitForEvent(created.id);
    const orderKey = `trendyol:${(created.payload as { orderNumber: string }).orderNumber}`;
    expect(await act(depo, { key: newKey(), type: 'ORDER_CLAIM', orderKey })).toMatchObject({ ok: true });
    expect(await act(satis, { key: newKey(), type: 'ORDER_CLAIM', orderKey })).toMatchObject({
      ok: false,
      error: { code: 'already_claimed', details: { holder: actorOf(users.depo) } },
    });
    expect(await act(depo, { key: newKey(), type: 'ORDER_RELEASE', orderKey })).toEqual({
      ok: true,
      result: { orderKey, released: true },
    });
    const forOrder = (x: Delivery) => (x.event.payload as { orderKey?: string }).orderKey === orderKey;
    await waitFor(() => ofType(watcher, 'ORDER_RELEASED', forOrder).length === 1, 'ORDER_RELEASED');
    expect(ofType(watcher, 'ORDER_CLAIMED', forOrder)).toEqual([
      expect.objectContaining({
        channel: 'orders',
        event: expect.objectContaining({ payload: expect.objectContaining({ by: actorOf(users.depo) }) }),
      }),
    ]);
  });

  it('an unknown order is not_found', async () => {
    const depo = await client('depo');
    expect(await act(depo, { key: newKey(), type: 'ORDER_CLAIM', orderKey: 'trendyol:NOPE-1' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
