// GET /v1/snapshot against a real gateway process: access, the shape, offsets equal to the channel
// heads, the projection's orders, claims and alerts in it, and no gap between it and live delivery.
// Its metrics: snapshotMetrics.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Snapshot, type ActionAck, type LiveEvent, type SubscribeResponse } from '../../protocol';
import { inventoryChange, orderCreated, priceUpdate, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient, type LoginResult } from '../test/live';

let gw: GatewayProcess;
let admin: LoginResult;
const clients: LiveClient[] = [];

beforeAll(async () => {
  gw = await startGatewayProcess();
  admin = await loginAs(gw.url, 'yonetici');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await gw?.dispose();
});

/** `token: null` sends no Authorization header. */
async function snapshot(channels: string | undefined, token: string | null = admin.accessToken) {
  const query = channels === undefined ? '' : `?channels=${encodeURIComponent(channels)}`;
  const res = await fetch(`${gw.url}/v1/snapshot${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function read(channels: string, token?: string): Promise<Snapshot> {
  const res = await snapshot(channels, token);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return Snapshot.parse(res.json);
}

const channelOf = (s: Snapshot, name: string) => s.channels.find((c) => c.channel === name)!;

async function post(...events: unknown[]): Promise<void> {
  const res = await postEvents(gw.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

async function client(token = admin.accessToken): Promise<LiveClient> {
  const c = await connectLive(gw.url, { token });
  clients.push(c);
  return c;
}

const act = (c: LiveClient, action: Record<string, unknown>) =>
  c.socket.timeout(15_000).emitWithAck('action', { key: `k-${randomUUID()}`, ...action }) as Promise<ActionAck>;

describe('access', () => {
  it('without a token → 401 unauthorized; with a bad token → 401', async () => {
    expect(await snapshot('orders', null)).toMatchObject({
      status: 401,
      json: { error: { code: 'unauthorized' } },
    });
    const basic = await fetch(`${gw.url}/v1/snapshot?channels=orders`, {
      headers: { authorization: `Basic ${admin.accessToken}` },
    });
    expect(basic.status).toBe(401);
    const bad = await snapshot('orders', 'not-a-jwt');
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ error: { code: expect.stringMatching(/unauthorized|token_expired/) } });
  });

  it.each([['secrets'], ['orders,secrets'], [''], [undefined], ['user-has space']])(
    'channels=%s → 400 validation_failed',
    async (channels) => {
      const res = await snapshot(channels);
      expect(res).toMatchObject({ status: 400, json: { error: { code: 'validation_failed' } } });
    },
  );

  it('a channel the role may not read → 403 forbidden naming it', async () => {
    const depo = await loginAs(gw.url, 'depo');
    expect(await snapshot('orders,prices', depo.accessToken)).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden', details: { channels: ['prices'] } } },
    });
    expect(await snapshot('system,orders,user-someone-else', depo.accessToken)).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden', details: { channels: ['system', 'user-someone-else'] } } },
    });
    const own = await read(`orders,inventory,user-${depo.user.id}`, depo.accessToken);
    expect(own.channels.map((c) => c.channel)).toEqual(['orders', 'inventory', `user-${depo.user.id}`]);
    expect(channelOf(own, `user-${depo.user.id}`)).not.toHaveProperty('alerts');
  });
});

describe('content', () => {
  it('answers each channel with its state and an offset equal to its head', async () => {
    await post(orderCreated(), systemAlert(), priceUpdate());
    const names = ['orders', 'dashboard', 'inventory', 'system'];
    const before = await read(names.join(','));
    const c = await client();
    const sub = (await c.subscribe({ channels: names.map((channel) => ({ channel })) })) as SubscribeResponse;
    const after = await read(names.join(','));
    expect(before.channels.map((x) => x.channel)).toEqual(names);
    for (const [i, name] of names.entries()) {
      const head = sub.results[i]!;
      const [b, a] = [channelOf(before, name), channelOf(after, name)];
      expect(b.epoch).toBe(head.epoch);
      // The gateway's KPIs may move `dashboard` meanwhile; the others only move when we post.
      if (name === 'dashboard') {
        expect(b.offset).toBeLessThanOrEqual(head.offset);
        expect(head.offset).toBeLessThanOrEqual(a.offset);
      } else expect(b.offset, name).toBe(head.offset);
    }
    expect(channelOf(before, 'orders').offset).toBeGreaterThan(0);
    expect(channelOf(before, 'system').offset).toBeGreaterThan(0);
    expect(channelOf(before, 'orders')).toMatchObject({ alerts: expect.any(Array), orders: expect.any(Array) });
    expect(channelOf(before, 'dashboard')).toMatchObject({ alerts: expect.any(Array), metrics: expect.any(Array) });
    expect(channelOf(before, 'inventory')).not.toHaveProperty('orders');
    expect(channelOf(before, 'inventory')).not.toHaveProperty('metrics');
    expect(channelOf(before, 'inventory')).not.toHaveProperty('metricHistory');
    expect(channelOf(before, 'system').alerts).toContainEqual(
      expect.objectContaining({ alertKey: 'API_ERROR:trendyol:orders', channel: 'system', state: 'open' }),
    );
    // The connected admin is online.
    expect(after.presence).toContainEqual(expect.objectContaining({ userId: admin.user.id, role: 'admin' }));
  });

  it('an order shows with its latest event, its claim and its notes', async () => {
    const created = orderCreated();
    const { orderNumber } = (created as { payload: { orderNumber: string } }).payload;
    const orderKey = `trendyol:${orderNumber}`;
    await post(created);
    expect(channelOf(await read('orders'), 'orders').orders).toContainEqual(
      expect.objectContaining({ orderKey, event: expect.objectContaining({ id: created.id }), notes: [] }),
    );
    const picking = {
      ...created,
      id: randomUUID(),
      payload: {
        ...(created.payload as object),
        kind: 'ORDER_STATUS_CHANGED',
        status: 'picking',
        rawStatus: 'Picking',
      },
    };
    await post(picking);
    const c = await client();
    expect(await act(c, { type: 'ORDER_CLAIM', orderKey })).toMatchObject({ ok: true });
    expect(await act(c, { type: 'ORDER_NOTE', orderKey, text: 'Hediye paketi' })).toMatchObject({ ok: true });
    const view = channelOf(await read('orders'), 'orders').orders!.find((o) => o.orderKey === orderKey)!;
    expect(view.event).toMatchObject({ id: picking.id, payload: { status: 'picking' } });
    expect(view.claim).toEqual({ by: { id: admin.user.id, name: admin.user.name }, at: expect.any(String) });
    expect(view.notes).toEqual([
      expect.objectContaining({ text: 'Hediye paketi', by: { id: admin.user.id, name: admin.user.name } }),
    ]);
  });

  it('a high-priority price event is an alert of `prices`, snoozed for the user who snoozed it', async () => {
    const lost = priceUpdate();
    await post(lost);
    const alertKey = 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42';
    const alerts = channelOf(await read('prices'), 'prices').alerts!;
    expect(alerts).toContainEqual(
      expect.objectContaining({ alertKey, channel: 'prices', priority: 'high', state: 'open', kind: 'BUYBOX_LOST' }),
    );
    expect(alerts.find((a) => a.alertKey === alertKey)).not.toHaveProperty('snoozedUntil');
    const c = await client();
    expect(await act(c, { type: 'ALERT_SNOOZE', alertKey, minutes: 30 })).toMatchObject({ ok: true });
    const mine = channelOf(await read('prices'), 'prices').alerts!.find((a) => a.alertKey === alertKey)!;
    expect(Date.parse(mine.snoozedUntil!)).toBeGreaterThan(Date.now() + 25 * 60_000);
    const satis = await loginAs(gw.url, 'satis');
    const theirs = channelOf(await read('prices', satis.accessToken), 'prices').alerts!;
    expect(theirs.find((a) => a.alertKey === alertKey)).not.toHaveProperty('snoozedUntil');

    // Read state is per user too.
    expect(mine.read).toBe(false);
    expect(await act(c, { type: 'ALERTS_READ', alertKeys: [alertKey] })).toMatchObject({ ok: true });
    expect(channelOf(await read('prices'), 'prices').alerts!.find((a) => a.alertKey === alertKey)!.read).toBe(true);
    expect(
      channelOf(await read('prices', satis.accessToken), 'prices').alerts!.find((a) => a.alertKey === alertKey)!.read,
    ).toBe(false);
  });
});

describe('alerts with their latest event', () => {
  it('an alert carries the event it was last delivered with; a live subscriber got the same', async () => {
    const sku = `SNP-${randomUUID().slice(0, 8)}`;
    const base = inventoryChange() as Extract<LiveEvent, { type: 'INVENTORY_CHANGE' }>;
    const oversell = {
      ...base,
      payload: {
        ...base.payload,
        kind: 'OUT_OF_STOCK',
        sku,
        onHand: 0,
        reserved: 0,
        available: 0,
        channels: [{ marketplace: 'trendyol', pushStatus: 'pending', listedQty: 3 }],
      },
    };
    const c = await client();
    await c.subscribe({ channels: [{ channel: 'inventory' }] });
    await post(oversell);
    const live = await waitFor(
      () => c.deliveries.find((d) => d.event.id === oversell.id),
      'the oversell delivered live',
      15_000,
    );
    const alertKey = `OUT_OF_STOCK:${sku}`;
    const view = channelOf(await read('inventory'), 'inventory').alerts!.find((a) => a.alertKey === alertKey)!;
    expect(view).toMatchObject({ priority: 'critical', state: 'open', count: 1 });
    expect(view.lastEvent).toEqual(live.event);
    expect(view.lastEvent).toMatchObject({ alertKey, priority: 'critical', payload: { sku, available: 0 } });

    // A repeat replaces it; other channels' alerts carry theirs too.
    const repeat = { ...oversell, id: randomUUID(), payload: { ...oversell.payload, reserved: 1 } };
    await post(repeat, systemAlert());
    const after = await read('inventory,system');
    const again = channelOf(after, 'inventory').alerts!.find((a) => a.alertKey === alertKey)!;
    expect(again).toMatchObject({ count: 2, lastEvent: { id: repeat.id, payload: { reserved: 1 } } });
    const system = channelOf(after, 'system').alerts!.find((a) => a.alertKey === 'API_ERROR:trendyol:orders')!;
    expect(system.lastEvent).toMatchObject({ type: 'SYSTEM_ALERT', alertKey: 'API_ERROR:trendyol:orders' });
  });
});

describe('GET /v1/alerts/counts', () => {
  const counts = async (token: string | null) => {
    const res = await fetch(`${gw.url}/v1/alerts/counts`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('says how many alerts are open and unread per priority for the user, as the snapshot lists them', async () => {
    expect((await counts(null)).status).toBe(401);
    const before = await counts(admin.accessToken);
    expect(before.status).toBe(200);
    const oos = inventoryChange();
    if (oos.type === 'INVENTORY_CHANGE') {
      oos.payload = { ...oos.payload, kind: 'OUT_OF_STOCK', sku: `CNT-${randomUUID().slice(0, 8)}`, available: 0 };
    }
    await post(oos);
    const after = await counts(admin.accessToken);
    const was = before.json as { open: Record<string, number>; unread: Record<string, number> };
    expect(after.json).toMatchObject({
      open: { critical: was.open.critical! + 1 },
      unread: { critical: was.unread.critical! + 1 },
    });
    // The snapshots of every channel list exactly what it counts.
    const all = (await read('global,orders,inventory,prices,system')).channels.flatMap((c) => c.alerts ?? []);
    const openCritical = all.filter((a) => a.state === 'open' && a.priority === 'critical').length;
    expect(openCritical).toBe((after.json as { open: { critical: number } }).open.critical);
  });
});

describe('snapshot then live', () => {
  it('subscribing with since = the snapshot offset delivers exactly the events after it', async () => {
    const snap = channelOf(await read('orders'), 'orders');
    const later = [orderCreated(), orderCreated(), orderCreated()];
    await post(later[0], later[1]);
    await post(later[2]);
    const c = await client();
    const sub = (await c.subscribe({
      channels: [{ channel: 'orders', since: { epoch: snap.epoch, offset: snap.offset } }],
    })) as SubscribeResponse;
    const [r] = sub.results;
    expect(r).toMatchObject({ ok: true, recovered: true, epoch: snap.epoch, offset: snap.offset + 3 });
    expect(r!.events!.map((d) => d.event.id)).toEqual(later.map((e) => e.id));
    expect(r!.events!.map((d) => d.offset)).toEqual([snap.offset + 1, snap.offset + 2, snap.offset + 3]);
    // The snapshot itself did not already hold them.
    const known = new Set(channelOf(await read('orders'), 'orders').orders!.map((o) => o.event.id));
    for (const e of later) expect(known.has(e.id)).toBe(true);
    expect(snap.orders!.some((o) => later.some((e) => e.id === o.event.id))).toBe(false);
  });
});
