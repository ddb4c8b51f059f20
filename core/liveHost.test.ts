// The LiveBridge over core, with fake ports: login, the user in every state, logout, actions.
import { describe, expect, it } from 'vitest';
import { LiveError, SHARED_CHANNELS, type LiveBatch } from '../protocol';
import { createLiveHost } from './liveHost';
import { fakeWorld } from './test/fakes';

const settle = () => new Promise<void>((r) => setImmediate(r));
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as LiveError,
  );

function setup() {
  const w = fakeWorld();
  const host = createLiveHost(w.ports, { random: () => 0.5 });
  const batches: LiveBatch[] = [];
  const stop = host.onBatch((b) => batches.push(b));
  return { ...w, host, batches, stop };
}

describe('live host', () => {
  it('is idle with no user before login', async () => {
    const { host } = setup();
    const s = await host.getState();
    expect(s.connection.state).toBe('idle');
    expect(s.user).toBeUndefined();
  });

  it.each([
    ['a non-http server', { server: 'file:///etc/passwd', username: 'depo', password: 'demo' }],
    ['a blank username', { server: 'http://127.0.0.1:8080', username: '   ', password: 'demo' }],
    ['no password', { server: 'http://127.0.0.1:8080', username: 'depo', password: '' }],
    ['an extra field', { server: 'http://127.0.0.1:8080', username: 'depo', password: 'demo', admin: true }],
  ])('refuses a login with %s, and opens no connection', async (_what, req) => {
    const { host, sockets } = setup();
    const err = await errorOf(host.login(req as never));
    expect(err).toBeInstanceOf(LiveError);
    expect(err?.code).toBe('validation_failed');
    expect(sockets).toHaveLength(0);
  });

  it('on login connects to the server, subscribes to the shared channels, and shows the user in every state', async () => {
    const { host, socket, clock, batches } = setup();
    const { user } = await host.login({ server: 'http://127.0.0.1:8080', username: ' depo ', password: 'demo' });
    expect(user.name).toBe('depo');
    expect(socket().url).toBe('http://127.0.0.1:8080');
    socket().serverConnect();
    expect(
      socket()
        .lastSubscribe()
        .request.channels.map((c) => c.channel),
    ).toEqual([...SHARED_CHANNELS]);
    socket().answerWithHeads({});
    await settle();
    clock.advance(16);
    const s = await host.getState();
    expect(s).toMatchObject({ connection: { state: 'connected' }, user: { name: 'depo' } });
    const states = batches.flatMap((b) => (b.state ? [b.state] : []));
    expect(states.length).toBeGreaterThan(0);
    for (const st of states) expect(st.user?.name).toBe('depo');
  });

  it('on logout disconnects, goes idle and forgets the user', async () => {
    const { host, socket, clock, batches } = setup();
    await host.login({ server: 'http://127.0.0.1:8080', username: 'depo', password: 'demo' });
    socket().serverConnect();
    await host.logout();
    expect(socket().connected).toBe(false);
    const s = await host.getState();
    expect(s.connection.state).toBe('idle');
    expect(s.user).toBeUndefined();
    const last = batches.filter((b) => b.state).at(-1);
    expect(last?.state?.connection.state).toBe('idle');
    expect(last?.state?.user).toBeUndefined();
    clock.advance(60_000);
    expect(socket().connectCalls).toBe(1);
  });

  it('retryNow() reconnects at once', async () => {
    const { host, socket } = setup();
    await host.login({ server: 'http://127.0.0.1:8080', username: 'depo', password: 'demo' });
    socket().connectError();
    await host.retryNow();
    expect(socket().connectCalls).toBe(2);
  });

  it('refuses actions as unavailable for now (with a code the console can show)', async () => {
    const { host } = setup();
    const err = await errorOf(host.act({ type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-1' }));
    expect(err).toBeInstanceOf(LiveError);
    expect(err?.code).toBe('unavailable');
  });

  it('stops handing batches to a listener that unsubscribed', async () => {
    const { host, clock, batches, stop } = setup();
    stop();
    await host.login({ server: 'http://127.0.0.1:8080', username: 'depo', password: 'demo' });
    clock.advance(100);
    expect(batches).toHaveLength(0);
  });
});
