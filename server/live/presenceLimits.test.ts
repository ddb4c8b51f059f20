// presence:set is a request like any other: rate limited, and a socket that floods it is told
// `rate_limited` and cut off while a well-behaved console on the same gateway goes on. In a cluster
// presence is read without scanning the Redis keyspace. Real gateway processes, Redis MONITOR.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../../protocol';
import { startCluster } from '../test/cluster';
import type { GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor } from '../test/live';
import { MODES, startInMode } from '../test/modes';
import { REDIS_URL } from '../test/redis';

const FLOOD = process.env.LIVE_STRESS === '1' ? 200_000 : 5_000;

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode);
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it(`a socket sending ${FLOOD} presence:set is cut off; another console keeps its connection and presence`, async () => {
    const watcher = await connectLive(gw.url, { token: (await loginAs(gw.url, 'yonetici')).accessToken });
    const seen: PresenceEntry[][] = [];
    watcher.socket.on('presence', (p: PresenceEntry[]) => seen.push(p));
    const flooder = await connectLive(gw.url, { token: (await loginAs(gw.url, 'depo')).accessToken });
    const notices: string[] = [];
    flooder.socket.on('session', (n: { type: string }) => notices.push(n.type));
    let closed = false;
    flooder.socket.on('disconnect', () => (closed = true));
    for (let i = 0; i < FLOOD && !closed; i++) {
      flooder.socket.emit('presence:set', { view: i % 2 ? 'orders' : 'stock' });
      if (i % 500 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => closed, 'the flooding socket cut off', 30_000);
    expect(notices).toContain('rate_limited');
    expect(watcher.socket.connected).toBe(true);
    watcher.socket.emit('presence:set', { view: 'alerts' });
    await waitFor(
      () => seen.at(-1)?.some((e) => e.name === 'Zeynep Demir' && e.views.includes('alerts')),
      'the watcher’s own view in presence',
      20_000,
    );
    watcher.close();
  }, 120_000);

  it('warehouse staff see who is online, and colleagues on their own screens only', async () => {
    const lists = async (user: string) => {
      const c = await connectLive(gw.url, { token: (await loginAs(gw.url, user)).accessToken });
      const seen: PresenceEntry[][] = [];
      c.socket.on('presence', (p: PresenceEntry[]) => seen.push(p));
      return { c, seen };
    };
    const depo = await lists('depo');
    const satis = await lists('satis');
    satis.c.socket.emit('presence:set', { view: 'prices' });
    await waitFor(
      () => satis.seen.at(-1)?.some((e) => e.name === 'Mehmet Kaya' && e.views.includes('prices')),
      'sales sees the screen',
      20_000,
    );
    const forDepo = await waitFor(
      () => depo.seen.at(-1)?.find((e) => e.name === 'Mehmet Kaya'),
      'warehouse sees the colleague online',
      20_000,
    );
    expect(forDepo.views).toEqual([]);
    const { accessToken } = await loginAs(gw.url, 'depo');
    const snap = (await (
      await fetch(`${gw.url}/v1/snapshot?channels=orders`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as { presence: PresenceEntry[] };
    expect(snap.presence.find((e) => e.name === 'Mehmet Kaya')?.views).toEqual([]);
    // The orders screen is theirs too: they see who else is on it.
    satis.c.socket.emit('presence:set', { view: 'orders' });
    await waitFor(
      () =>
        depo.seen
          .at(-1)
          ?.find((e) => e.name === 'Mehmet Kaya')
          ?.views.includes('orders'),
      'warehouse sees the colleague on the orders screen',
      20_000,
    );
    depo.c.close();
    satis.c.close();
  }, 120_000);
});

describe('clustered presence', () => {
  it('is read without SCAN', async () => {
    const cluster = await startCluster(1);
    const monitor = new Redis(REDIS_URL);
    const commands: string[][] = [];
    try {
      const m = await monitor.monitor();
      m.on('monitor', (_time: string, args: string[]) => {
        if (args.some((a) => String(a).includes(cluster.prefix))) commands.push(args.map(String));
      });
      const url = cluster.nodes[0]?.url as string;
      const a = await connectLive(url, { token: (await loginAs(url, 'satis')).accessToken });
      const seen: PresenceEntry[][] = [];
      a.socket.on('presence', (p: PresenceEntry[]) => seen.push(p));
      a.socket.emit('presence:set', { view: 'prices' });
      await waitFor(
        () => seen.at(-1)?.some((e) => e.name === 'Mehmet Kaya' && e.views.includes('prices')),
        'presence',
        20_000,
      );
      a.close();
      m.disconnect();
      // MONITOR saw the presence reads, and none of them scanned.
      expect(commands.some((c) => c[0]?.toLowerCase() === 'zrange')).toBe(true);
      expect(commands.filter((c) => c[0]?.toLowerCase() === 'scan')).toEqual([]);
    } finally {
      monitor.disconnect();
      await cluster.dispose();
    }
  }, 120_000);
});
