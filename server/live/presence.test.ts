// Who is online: one entry per user (devices counted, views listed), broadcast when it changed,
// and over a real gateway process as consoles connect, change view and leave.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PresenceDelta, PresenceEntry } from '../../protocol';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient, type LoginResult } from '../test/live';
import { groupByUser, memoryPresence, presenceBroadcaster, presenceDelta, type SocketPresence } from './presence';

const ayse: SocketPresence = { userId: 'u1', name: 'Ayşe', role: 'warehouse' };
const can: SocketPresence = { userId: 'u2', name: 'Can', role: 'sales' };
const cagla: SocketPresence = { userId: 'u3', name: 'Çağla', role: 'admin' };

describe('groupByUser', () => {
  it('one entry per user with devices counted and distinct views, sorted by name in Turkish', () => {
    expect(
      groupByUser([
        { ...cagla, view: 'orders' },
        { ...ayse, view: 'orders' },
        can,
        { ...ayse, view: 'inventory' },
        { ...ayse, view: 'orders' },
      ]),
    ).toEqual([
      { userId: 'u1', name: 'Ayşe', role: 'warehouse', devices: 3, views: ['orders', 'inventory'] },
      { userId: 'u2', name: 'Can', role: 'sales', devices: 1, views: [] },
      { userId: 'u3', name: 'Çağla', role: 'admin', devices: 1, views: ['orders'] },
    ]);
    expect(groupByUser([])).toEqual([]);
  });
});

describe('presenceDelta', () => {
  it('names only the users who came, changed or left, however long the list', () => {
    const many = groupByUser(
      Array.from({ length: 1500 }, (_, i) => ({ userId: `u${i}`, name: `Kişi ${i}`, role: 'warehouse' as const })),
    );
    const before = new Map(many.map((e) => [e.userId, e]));
    const after = groupByUser([
      ...Array.from({ length: 1500 }, (_, i) => ({ userId: `u${i}`, name: `Kişi ${i}`, role: 'warehouse' as const }))
        .filter((x) => x.userId !== 'u7')
        .map((x) => (x.userId === 'u9' ? { ...x, view: 'orders' } : x)),
      { ...ayse, userId: 'u-new' },
    ]);
    expect(presenceDelta(before, after)).toEqual({
      upsert: [
        { userId: 'u-new', name: 'Ayşe', role: 'warehouse', devices: 1, views: [] },
        { userId: 'u9', name: 'Kişi 9', role: 'warehouse', devices: 1, views: ['orders'] },
      ],
      remove: ['u7'],
    });
    expect(presenceDelta(new Map(after.map((e) => [e.userId, e])), after)).toEqual({ upsert: [], remove: [] });
  });
});

describe('presenceBroadcaster', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits once per burst of changes, only when the list changed, and notices changes on refresh', async () => {
    vi.useFakeTimers();
    const store = memoryPresence();
    const emitted: PresenceEntry[][] = [];
    const out = presenceBroadcaster({
      store,
      emit: (e) => emitted.push(e),
      onError: (err) => {
        throw err;
      },
      debounceMs: 100,
      refreshMs: 1000,
    });
    await store.set('s1', ayse);
    out.changed();
    await store.set('s2', can);
    out.changed();
    await vi.advanceTimersByTimeAsync(99);
    expect(emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted.map((e) => e.map((x) => x.name))).toEqual([['Ayşe', 'Can']]);
    // A change that leaves the list as it was is not sent.
    await store.set('s2', { ...can });
    out.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted).toHaveLength(1);
    // Unsignalled (another node): seen on the next refresh.
    await store.remove('s1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(emitted.at(-1)!.map((x) => x.name)).toEqual(['Can']);
    out.stop();
    await store.set('s3', cagla);
    await vi.advanceTimersByTimeAsync(5000);
    expect(emitted).toHaveLength(2);
  });

  it('sends nothing after stop, even when told of a change', async () => {
    vi.useFakeTimers();
    const store = memoryPresence();
    const emit = vi.fn();
    const out = presenceBroadcaster({ store, emit, onError: () => undefined, debounceMs: 10 });
    out.stop();
    await store.set('s1', ayse);
    out.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(emit).not.toHaveBeenCalled();
  });

  it('reports a store that fails', async () => {
    vi.useFakeTimers();
    const failure = new Error('store down');
    const onError = vi.fn();
    const out = presenceBroadcaster({
      store: { ...memoryPresence(), all: () => Promise.reject(failure) },
      emit: () => undefined,
      onError,
      debounceMs: 10,
    });
    out.changed();
    await vi.advanceTimersByTimeAsync(10);
    expect(onError).toHaveBeenCalledWith(failure);
    out.stop();
  });
});

describe('presence over a real gateway', () => {
  let gw: GatewayProcess;
  const clients: LiveClient[] = [];
  const users = {} as Record<'depo' | 'satis' | 'yonetici', LoginResult>;

  beforeAll(async () => {
    gw = await startGatewayProcess();
    for (const name of ['depo', 'satis', 'yonetici'] as const) users[name] = await loginAs(gw.url, name);
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await gw?.dispose();
  });

  async function connect(as: keyof typeof users): Promise<LiveClient> {
    const c = await connectLive(gw.url, { token: users[as].accessToken });
    clients.push(c);
    return c;
  }

  it('lists connected users with devices, roles and views, and drops those who leave', async () => {
    const observer = await connect('yonetici');
    const seen: PresenceEntry[][] = [];
    observer.socket.on('presence', (entries: PresenceEntry[]) => seen.push(entries));
    const entryOf = (as: keyof typeof users) => seen.at(-1)?.find((e) => e.userId === users[as].user.id);
    const depo1 = await connect('depo');
    await connect('satis');
    await waitFor(
      () => entryOf('depo') && entryOf('satis'),
      () => `depo and satis in ${JSON.stringify(seen.at(-1))}`,
    );
    expect(entryOf('depo')).toEqual({
      userId: users.depo.user.id,
      name: users.depo.user.name,
      role: 'warehouse',
      devices: 1,
      views: [],
    });
    expect(entryOf('satis')).toMatchObject({ role: 'sales', devices: 1 });
    expect(entryOf('yonetici')).toMatchObject({ role: 'admin', devices: 1 });

    const depo2 = await connect('depo');
    await waitFor(
      () => entryOf('depo')?.devices === 2,
      () => `two depo devices in ${JSON.stringify(seen.at(-1))}`,
    );

    depo1.socket.emit('presence:set', { view: 'orders' });
    depo2.socket.emit('presence:set', { view: 'inventory' });
    depo2.socket.emit('presence:set', { view: '' }); // invalid: ignored
    await waitFor(
      () => entryOf('depo')?.views.slice().sort().join() === 'inventory,orders',
      () => `depo views in ${JSON.stringify(seen.at(-1))}`,
    );
    expect(entryOf('satis')!.views).toEqual([]);

    // The snapshot carries the same list.
    const res = await fetch(`${gw.url}/v1/snapshot?channels=dashboard`, {
      headers: { authorization: `Bearer ${users.yonetici.accessToken}` },
    });
    const snap = (await res.json()) as { presence: PresenceEntry[] };
    expect(snap.presence.find((e) => e.userId === users.depo.user.id)).toMatchObject({ devices: 2 });

    depo1.close();
    await waitFor(() => entryOf('depo')?.devices === 1, 'one depo device left', 20_000);
    expect(entryOf('depo')!.views).toEqual(['inventory']);
    depo2.close();
    await waitFor(() => seen.length > 0 && !entryOf('depo'), 'depo gone from presence', 20_000);
    expect(entryOf('satis')).toBeDefined();
  });

  it('a console that asks for changes gets one whole list, then only who came, changed or left', async () => {
    const observer = await connectLive(gw.url, { token: users.yonetici.accessToken, presence: 'delta' });
    clients.push(observer);
    const lists: PresenceEntry[][] = [];
    const deltas: PresenceDelta[] = [];
    observer.socket.on('presence', (entries: PresenceEntry[]) => lists.push(entries));
    observer.socket.on('presence:delta', (d: PresenceDelta) => deltas.push(d));
    await waitFor(
      () => lists.find((l) => l.some((e) => e.userId === users.yonetici.user.id)),
      () => `a whole list with yonetici in ${JSON.stringify(lists)}`,
    );
    const depo = await connect('depo');
    depo.socket.emit('presence:set', { view: 'orders' });
    const depoIn = (d: PresenceDelta) => d.upsert.find((e) => e.userId === users.depo.user.id)?.views[0] === 'orders';
    await waitFor(
      () => deltas.find(depoIn),
      () => `depo on orders in ${JSON.stringify(deltas)}`,
    );
    depo.close();
    await waitFor(
      () => deltas.find((d) => d.remove.includes(users.depo.user.id)),
      () => `depo gone in ${JSON.stringify(deltas)}`,
    );
    // One whole list only; every change names the users it is about, never the whole office.
    expect(lists).toHaveLength(1);
    for (const d of deltas) expect(d.upsert.length + d.remove.length).toBeLessThanOrEqual(2);
  });
});
