// Two gateway processes sharing Redis and PostgreSQL act as one: same order for everyone, sign-in
// and revocation on any node, presence across nodes, the Redis ingest stream, actions once.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceEntry, SessionNotice, SubscribeResponse } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { startCluster, type TestCluster } from '../test/cluster';
import { postEvents } from '../test/gatewayProcess';
import { REDIS_URL } from '../test/redis';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';

let cluster: TestCluster;
let a: string;
let b: string;

beforeAll(async () => {
  cluster = await startCluster(2, { LIVE_LIMITS: 'presenceTtlSeconds=4' });
  [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
}, 120_000);
afterAll(async () => cluster?.dispose());

async function subscribed(url: string, channels: string[], username = 'yonetici'): Promise<LiveClient> {
  const c = await connectLive(url, { token: (await loginAs(url, username)).accessToken });
  const r = (await c.subscribe({ channels: channels.map((channel) => ({ channel })) })) as SubscribeResponse;
  expect(r.results.every((x) => x.ok)).toBe(true);
  return c;
}

describe('a two-node cluster', () => {
  it('delivers events ingested on either node to subscribers on both, in the same order', async () => {
    const clients = [
      await subscribed(a, ['orders']),
      await subscribed(a, ['orders']),
      await subscribed(b, ['orders']),
      await subscribed(b, ['orders']),
    ];
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const e = orderCreated();
      ids.push(e.id);
      expect((await postEvents(i % 2 === 0 ? a : b, e)).status).toBe(202);
    }
    for (const c of clients)
      await waitFor(() => ids.every((id) => c.deliveries.some((d) => d.event.id === id)), 'all events on every client');
    const orderOf = (c: LiveClient) =>
      c.deliveries.filter((d) => ids.includes(d.event.id)).map((d) => `${d.offset}:${d.event.id}`);
    const reference = orderOf(clients[0] as LiveClient);
    expect(reference).toHaveLength(60);
    const offsets = reference.map((x) => Number(x.split(':')[0]));
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
    expect(new Set(offsets).size).toBe(60);
    for (const c of clients) expect(orderOf(c)).toEqual(reference);
    for (const c of clients) c.close();
  });

  it('refuses an id already ingested on the other node', async () => {
    const e = orderCreated();
    const first = await postEvents(a, e);
    const second = await postEvents(b, e);
    expect((second.json as { accepted: { duplicate: boolean; offset: number }[] }).accepted[0]).toMatchObject({
      duplicate: true,
      offset: (first.json as { accepted: { offset: number }[] }).accepted[0]?.offset,
    });
  });

  it('a logout on one node closes that session’s sockets on the other within 2 s', async () => {
    const s = await loginAs(a, 'depo');
    const onB = await connectLive(b, { token: s.accessToken });
    const notices: SessionNotice[] = [];
    onB.socket.on('session', (n: SessionNotice) => notices.push(n));
    const closed = new Promise<number>((r) => onB.socket.once('disconnect', () => r(Date.now())));
    const t = Date.now();
    await fetch(`${a}/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    });
    expect((await closed) - t).toBeLessThan(2000);
    expect(notices.map((n) => n.type)).toContain('revoked');
  });

  it('shows who is online on any node, and forgets a node that died within the presence TTL', async () => {
    const watcher = await subscribed(a, ['orders']);
    const seen: PresenceEntry[][] = [];
    watcher.socket.on('presence', (p: PresenceEntry[]) => seen.push(p));
    const extra = await cluster.addNode();
    const remote = await connectLive(extra.url, { token: (await loginAs(extra.url, 'satis')).accessToken });
    remote.socket.emit('presence:set', { view: 'prices' });
    await waitFor(
      () => seen.at(-1)?.some((e) => e.name === 'Mehmet Kaya' && e.views.includes('prices')),
      'the remote user in presence',
      20_000,
    );
    await extra.kill(); // SIGKILL: no goodbye
    await waitFor(
      () => seen.at(-1) && !seen.at(-1)?.some((e) => e.name === 'Mehmet Kaya'),
      'the dead node’s users gone',
      30_000,
    );
    watcher.close();
  });

  it('takes events from the Redis ingest stream exactly once, and dead-letters a bad entry', async () => {
    const c = await subscribed(b, ['system']);
    const redis = new Redis(REDIS_URL);
    try {
      const e = systemAlert();
      await redis.xadd(`${cluster.prefix}ingest`, '*', 'event', JSON.stringify(e));
      await redis.xadd(`${cluster.prefix}ingest`, '*', 'event', JSON.stringify(e)); // a producer's retry
      await redis.xadd(`${cluster.prefix}ingest`, '*', 'event', '{"not":"an event"}');
      await c.waitForEvent(e.id);
      await waitFor(async () => (await redis.xlen(`${cluster.prefix}ingest:dead`)) === 1, 'the dead letter');
      const marker = systemAlert();
      await redis.xadd(`${cluster.prefix}ingest`, '*', 'event', JSON.stringify(marker));
      await c.waitForEvent(marker.id);
      expect(c.deliveries.filter((d) => d.event.id === e.id)).toHaveLength(1);
      // The entry is acknowledged after its events are committed and broadcast: wait for the ack.
      await waitFor(
        async () => ((await redis.xpending(`${cluster.prefix}ingest`, 'gateway')) as [number])[0] === 0,
        'every entry acknowledged',
      );
    } finally {
      redis.disconnect();
      c.close();
    }
  });

  it('applies the same action key sent 5 times at once to both nodes exactly once', async () => {
    const order = orderCreated();
    await postEvents(a, order);
    const orderKey = `trendyol:${order.type === 'ORDER_NOTIFICATION' ? order.payload.orderNumber : ''}`;
    const token = (await loginAs(a, 'depo')).accessToken;
    const onA = await connectLive(a, { token });
    const onB = await connectLive(b, { token });
    const watcher = await subscribed(a, ['orders']);
    const action = { key: `k-${order.id}`, type: 'ORDER_NOTE', orderKey, text: 'Müşteri aradı, adres teyit edildi.' };
    const acks = await Promise.all(
      [onA, onB, onA, onB, onA].map((c) => c.socket.timeout(10_000).emitWithAck('action', action)),
    );
    for (const ack of acks) expect(ack).toEqual(acks[0]);
    expect(acks[0]).toMatchObject({ ok: true, result: { orderKey, noteId: expect.any(String) } });
    const snapshot = (await (
      await fetch(`${b}/v1/snapshot?channels=orders`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      channels: { orders: { orderKey: string; notes: unknown[] }[] }[];
    };
    expect(snapshot.channels[0]?.orders.find((o) => o.orderKey === orderKey)?.notes).toHaveLength(1);
    await waitFor(() => watcher.deliveries.some((d) => d.event.type === 'ORDER_NOTE_ADDED'), 'the note event');
    expect(watcher.deliveries.filter((d) => d.event.type === 'ORDER_NOTE_ADDED')).toHaveLength(1);
    for (const c of [onA, onB, watcher]) c.close();
  });
});
