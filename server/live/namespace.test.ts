// The `/live` namespace of a real gateway process: subscribe acks, live deliveries with contiguous
// offsets, replay of missed events with `since`, and refusals of bad requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Delivery, LiveEvent, type ErrorAck, type SubscribeResponse } from '../../protocol';
import { inventoryChange, orderCreated, priceUpdate } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, type LiveClient } from '../test/live';

let gw: GatewayProcess;
const clients: LiveClient[] = [];

beforeAll(async () => {
  gw = await startGatewayProcess();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await gw?.dispose();
});

async function client(): Promise<LiveClient> {
  const c = await connectLive(gw.url);
  clients.push(c);
  return c;
}

async function post(...events: unknown[]): Promise<void> {
  const res = await postEvents(gw.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
}

describe('subscribe', () => {
  it.each([
    ['an unknown channel', { channels: [{ channel: 'secrets' }] }],
    ['no channels', { channels: [] }],
    ['a bad since', { channels: [{ channel: 'orders', since: { epoch: 'x', offset: -1 } }] }],
    ['an unknown field', { channels: [{ channel: 'orders' }], all: true }],
    ['not an object', 'orders'],
  ])('with %s → error ack validation_failed', async (_name, req) => {
    const c = await client();
    const ack = (await c.subscribe(req)) as ErrorAck;
    expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.any(String) } });
    expect(Array.isArray(ack.error.details?.issues)).toBe(true);
  });

  it('a refused subscribe joins nothing', async () => {
    const c = await client();
    await c.subscribe({ channels: [{ channel: 'prices' }, { channel: 'secrets' }] });
    const ok = (await c.subscribe({ channels: [{ channel: 'inventory' }] })) as SubscribeResponse;
    expect(ok.results[0]).toMatchObject({ ok: true });
    const p = priceUpdate();
    const marker = inventoryChange();
    await post(p, marker);
    await c.waitForEvent(marker.id);
    expect(c.deliveries.map((d) => d.event.id)).toEqual([marker.id]);
  });

  it('answers each channel with ok, its epoch and its head offset', async () => {
    const c = await client();
    const res = (await c.subscribe({
      channels: [{ channel: 'orders' }, { channel: 'analytics' }],
    })) as SubscribeResponse;
    expect(res.results).toHaveLength(2);
    expect(res.results[0]).toMatchObject({
      channel: 'orders',
      ok: true,
      epoch: expect.any(String),
      offset: expect.any(Number),
    });
    expect(res.results[1]).toMatchObject({ channel: 'analytics', ok: true, offset: 0 });
    expect(res.results[0]!.epoch).toBe(res.results[1]!.epoch);
  });
});

describe('deliveries', () => {
  it('a subscribed socket receives {channel, epoch, offset, event} with contiguous offsets', async () => {
    const c = await client();
    const sub = (await c.subscribe({ channels: [{ channel: 'orders' }] })) as SubscribeResponse;
    const { epoch, offset: head } = sub.results[0]!;
    const events = [1, 2, 3, 4, 5, 6].map(() => orderCreated());
    await post(...events.slice(0, 2));
    await post(...events.slice(2));
    await c.waitForEvent(events.at(-1)!.id);
    const got = c.deliveries;
    expect(got.map((d) => d.event.id)).toEqual(events.map((e) => e.id));
    expect(got.map((d) => d.offset)).toEqual([1, 2, 3, 4, 5, 6].map((i) => head + i));
    for (const d of got) {
      expect(Delivery.safeParse(d).success).toBe(true);
      expect(d).toMatchObject({ channel: 'orders', epoch });
      expect(LiveEvent.safeParse(d.event).success).toBe(true);
    }
  });

  it('delivers only the channels subscribed to, and stops after unsubscribe', async () => {
    const c = await client();
    await c.subscribe({ channels: [{ channel: 'orders' }, { channel: 'inventory' }] });
    const price = priceUpdate();
    const stock = inventoryChange();
    const o1 = orderCreated();
    await post(price, stock, o1);
    await c.waitForEvent(o1.id);
    expect(c.deliveries.map((d) => d.event.id)).toEqual([stock.id, o1.id]);

    const ack = await c.socket.timeout(15_000).emitWithAck('unsubscribe', { channels: ['inventory'] });
    expect(ack).toEqual({ ok: true });
    const stock2 = inventoryChange();
    const o2 = orderCreated();
    await post(stock2, o2);
    await c.waitForEvent(o2.id);
    expect(c.deliveries.map((d) => d.event.id)).toEqual([stock.id, o1.id, o2.id]);
  });

  it('two consoles see the same offsets for the same event', async () => {
    const [a, b] = [await client(), await client()];
    await a.subscribe({ channels: [{ channel: 'orders' }] });
    await b.subscribe({ channels: [{ channel: 'orders' }] });
    const e = orderCreated();
    await post(e);
    const [da, db] = [await a.waitForEvent(e.id), await b.waitForEvent(e.id)];
    expect(da).toEqual(db);
  });
});

describe('subscribe with since', () => {
  it('replays the missed events in order, then continues live without gap or duplicate', async () => {
    const watcher = await client();
    const sub = (await watcher.subscribe({ channels: [{ channel: 'orders' }] })) as SubscribeResponse;
    const since = { epoch: sub.results[0]!.epoch, offset: sub.results[0]!.offset };
    const missed = [1, 2, 3, 4].map(() => orderCreated());
    await post(...missed);
    await watcher.waitForEvent(missed.at(-1)!.id);

    const late = await client();
    const res = (await late.subscribe({ channels: [{ channel: 'orders', since }] })) as SubscribeResponse;
    const r = res.results[0]!;
    expect(r).toMatchObject({
      channel: 'orders',
      ok: true,
      recovered: true,
      epoch: since.epoch,
      offset: since.offset + 4,
    });
    expect(r.events!.map((d) => d.event.id)).toEqual(missed.map((e) => e.id));
    expect(r.events!.map((d) => d.offset)).toEqual([1, 2, 3, 4].map((i) => since.offset + i));
    expect(r.events).toEqual(watcher.deliveries);

    const next = orderCreated();
    await post(next);
    expect((await late.waitForEvent(next.id)).offset).toBe(since.offset + 5);
    expect(late.deliveries.map((d) => d.event.id)).toEqual([next.id]);
  });

  it('since at the head: recovered with nothing to replay', async () => {
    const c = await client();
    const head = ((await c.subscribe({ channels: [{ channel: 'inventory' }] })) as SubscribeResponse).results[0]!;
    const again = await client();
    const res = (await again.subscribe({
      channels: [{ channel: 'inventory', since: { epoch: head.epoch, offset: head.offset } }],
    })) as SubscribeResponse;
    expect(res.results[0]).toMatchObject({ recovered: true, offset: head.offset, events: [] });
  });

  it('since from another epoch (a restarted gateway) → recovered false at the head, no events', async () => {
    const c = await client();
    await post(orderCreated());
    const res = (await c.subscribe({
      channels: [{ channel: 'orders', since: { epoch: 'gone', offset: 1 } }],
    })) as SubscribeResponse;
    const r = res.results[0]!;
    expect(r.ok).toBe(true);
    expect(r.recovered).toBe(false);
    expect(r.epoch).not.toBe('gone');
    expect(r.offset).toBeGreaterThanOrEqual(1);
    expect(r.events).toBeUndefined();
  });

  it('replayLimit: the replay comes in chunks with more:true, all channels of a request sharing one', async () => {
    const c = await client();
    const heads = (
      (await c.subscribe({ channels: [{ channel: 'orders' }, { channel: 'inventory' }] })) as SubscribeResponse
    ).results;
    const orders = Array.from({ length: 12 }, () => orderCreated());
    const stock = Array.from({ length: 3 }, () => inventoryChange());
    await post(...orders, ...stock);
    await c.waitForEvent(stock.at(-1)!.id);
    const since = (i: number) => ({ epoch: heads[i]!.epoch, offset: heads[i]!.offset });

    const late = await client();
    const ask = async (o: { epoch: string; offset: number }, inv: { epoch: string; offset: number }) =>
      (
        (await late.subscribe({
          channels: [
            { channel: 'orders', since: o },
            { channel: 'inventory', since: inv },
          ],
          replayLimit: 10,
        })) as SubscribeResponse
      ).results;
    const first = await ask(since(0), since(1));
    expect(first[0]).toMatchObject({ recovered: true, more: true, offset: since(0).offset + 10 });
    expect(first[0]!.events!.map((d) => d.event.id)).toEqual(orders.slice(0, 10).map((e) => e.id));
    // The budget went to the first channel: the second is still held, with nothing this time.
    expect(first[1]).toMatchObject({ recovered: true, more: true, offset: since(1).offset, events: [] });
    const second = await ask({ ...since(0), offset: first[0]!.offset }, since(1));
    expect(second[0]).toMatchObject({ recovered: true, more: false, offset: since(0).offset + 12 });
    expect(second[0]!.events!.map((d) => d.event.id)).toEqual(orders.slice(10).map((e) => e.id));
    expect(second[1]).toMatchObject({ recovered: true, more: false, offset: since(1).offset + 3 });
    expect(second[1]!.events!.map((d) => d.event.id)).toEqual(stock.map((e) => e.id));

    // Without replayLimit (a client from before chunks): the whole replay in one answer.
    const whole = (await late.subscribe({ channels: [{ channel: 'orders', since: since(0) }] })) as SubscribeResponse;
    expect(whole.results[0]!.events).toHaveLength(12);
    expect(whole.results[0]!.more).toBeUndefined();
  });

  it('a catch-up of several chunks is one subscription, and leaving ends it', async () => {
    const gauge = async () => {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('live_subscriptions{channel="prices"}'));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const before = await gauge();
    const c = await client();
    const head = ((await c.subscribe({ channels: [{ channel: 'prices' }] })) as SubscribeResponse).results[0]!;
    expect(await gauge()).toBe(before + 1);
    const prices = Array.from({ length: 6 }, () => priceUpdate());
    await post(...prices);
    await c.waitForEvent(prices.at(-1)!.id);
    const late = await client();
    let since = { epoch: head.epoch, offset: head.offset };
    for (let more = true; more;) {
      const r = (
        (await late.subscribe({ channels: [{ channel: 'prices', since }], replayLimit: 2 })) as SubscribeResponse
      ).results[0]!;
      since = { epoch: r.epoch, offset: r.offset };
      more = r.more === true;
    }
    expect(since.offset).toBe(head.offset + 6);
    expect(await gauge()).toBe(before + 2);
    late.close();
    c.close();
    await expect.poll(gauge).toBe(before);
  });

  it('since in the future → recovered false', async () => {
    const c = await client();
    const head = ((await c.subscribe({ channels: [{ channel: 'orders' }] })) as SubscribeResponse).results[0]!;
    const res = (await c.subscribe({
      channels: [{ channel: 'orders', since: { epoch: head.epoch, offset: head.offset + 100 } }],
    })) as SubscribeResponse;
    expect(res.results[0]).toMatchObject({ recovered: false, offset: head.offset });
  });
});
