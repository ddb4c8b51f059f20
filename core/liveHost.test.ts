// The LiveBridge over core, with fake ports: login through the auth API, the user in every state,
// token renewal before expiry and on refusal, sessions that end, resume from the secret store.
import { describe, expect, it } from 'vitest';
import { LiveError, defaultChannels, type LiveBatch } from '../protocol';
import { createLiveHost } from './liveHost';
import { MemoryStore } from './test/fakes';
import { fakeWorld } from './test/fakeWorld';

const settle = () => new Promise<void>((r) => setImmediate(r));
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as LiveError,
  );
const SERVER = 'http://127.0.0.1:8080';

function setup(secrets?: MemoryStore) {
  const w = fakeWorld({ secrets });
  const host = createLiveHost(w.ports, { random: () => 0.5, pingIntervalMs: 0 });
  const batches: LiveBatch[] = [];
  const stop = host.onBatch((b) => batches.push(b));
  return { ...w, host, batches, stop };
}

async function signedIn() {
  const env = setup();
  await env.host.login({ server: SERVER, username: 'depo', password: 'demo' });
  env.socket().serverConnect();
  return env;
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
    ['a blank username', { server: SERVER, username: '   ', password: 'demo' }],
    ['no password', { server: SERVER, username: 'depo', password: '' }],
    ['an extra field', { server: SERVER, username: 'depo', password: 'demo', admin: true }],
  ])('refuses a login with %s, and opens no connection', async (_what, req) => {
    const { host, sockets, auth } = setup();
    const err = await errorOf(host.login(req as never));
    expect(err).toBeInstanceOf(LiveError);
    expect(err?.code).toBe('validation_failed');
    expect(sockets).toHaveLength(0);
    expect(auth.calls).toHaveLength(0);
  });

  it('a wrong password is invalid_credentials, and no socket is opened', async () => {
    const { host, sockets } = setup();
    const err = await errorOf(host.login({ server: SERVER, username: 'depo', password: 'nope' }));
    expect(err?.code).toBe('invalid_credentials');
    expect(sockets).toHaveLength(0);
  });

  it.each([
    ['network', new TypeError('fetch failed')],
    ['tls', Object.assign(new TypeError('fetch failed'), { cause: new Error('self-signed certificate') })],
  ])('an unreachable server is `unavailable` (%s)', async (reason, failure) => {
    const env = fakeWorld();
    const host = createLiveHost({ ...env.ports, http: async () => Promise.reject(failure) });
    const err = await errorOf(host.login({ server: SERVER, username: 'depo', password: 'demo' }));
    expect(err?.code).toBe('unavailable');
    expect(err?.details).toMatchObject({ reason });
    expect(env.sockets).toHaveLength(0);
  });

  it("signs in, connects with the access token, subscribes to the role's channels, shows the user", async () => {
    const { host, socket, clock, batches } = setup();
    const { user } = await host.login({ server: SERVER, username: ' depo ', password: 'demo' });
    expect(user).toEqual({ id: 'u-depo', name: 'Ayşe Yılmaz', role: 'warehouse' });
    expect(socket().url).toBe(SERVER);
    expect(socket().auth).toEqual({ token: 'at-1', presence: 'delta' });
    socket().serverConnect();
    expect(
      socket()
        .lastSubscribe()
        .request.channels.map((c) => c.channel),
    ).toEqual(defaultChannels('warehouse', 'u-depo'));
    socket().answerWithHeads({});
    await settle();
    clock.advance(16);
    expect(await host.getState()).toMatchObject({ connection: { state: 'connected' }, user: { name: 'Ayşe Yılmaz' } });
    const states = batches.flatMap((b) => (b.state ? [b.state] : []));
    expect(states.length).toBeGreaterThan(0);
    for (const st of states) expect(st.user?.name).toBe('Ayşe Yılmaz');
  });

  it('renews the access token before it expires, over HTTP then on the live socket', async () => {
    const { socket, clock, auth } = await signedIn();
    clock.advance(0.8 * 600_000 - 1);
    await settle();
    expect(auth.calls.filter((c) => c.path === '/v1/auth/refresh')).toHaveLength(0);
    clock.advance(2);
    await settle();
    await settle();
    expect(auth.calls.filter((c) => c.path === '/v1/auth/refresh')).toHaveLength(1);
    expect(socket().renewals).toEqual(['at-2']);
    expect(socket().auth).toEqual({ token: 'at-2', presence: 'delta' });
  });

  it('a refused handshake token is renewed and the connection retried; a refused renewal ends in unauthorized', async () => {
    const { host, socket, auth } = await signedIn();
    socket().serverDisconnect();
    socket().connectError('Access token has expired', 'token_expired');
    await settle();
    await settle();
    expect(socket().auth).toEqual({ token: 'at-2', presence: 'delta' });
    expect(socket().connectCalls).toBe(2);

    auth.refreshMode = 'refuse';
    socket().connectError('Access token refused', 'unauthorized');
    await settle();
    await settle();
    const s = await host.getState();
    expect(s.connection.state).toBe('unauthorized');
    expect(s.user).toBeUndefined();
  });

  it('a revoked session (logout elsewhere) goes to unauthorized without retrying', async () => {
    const { host, socket, clock } = await signedIn();
    socket().session({ type: 'revoked' });
    socket().serverDisconnect('io server disconnect');
    await settle();
    clock.advance(60_000);
    expect(socket().connectCalls).toBe(1);
    expect((await host.getState()).connection).toMatchObject({ state: 'unauthorized', reason: 'revoked' });
  });

  it('keeps retrying a renewal while the gateway is unreachable, and keeps the session', async () => {
    const { host, clock, auth, socket } = await signedIn();
    auth.refreshMode = 'network';
    clock.advance(0.8 * 600_000);
    await settle();
    auth.refreshMode = 'ok';
    clock.advance(5_000);
    await settle();
    await settle();
    expect(socket().renewals).toEqual(['at-2']);
    expect((await host.getState()).user?.name).toBe('Ayşe Yılmaz');
  });

  it('keeps the refresh token (not the access token) in the secret store and resumes from it', async () => {
    const secrets = new MemoryStore();
    const first = setup(secrets);
    await first.host.login({ server: SERVER, username: 'depo', password: 'demo' });
    const stored = secrets.data.get('session') ?? '';
    expect(stored).toContain('rt-1');
    expect(stored).not.toContain('at-1');
    expect(first.store.data.size).toBe(0);
    first.host.close();

    // A later run: same secrets and the same auth server, no password.
    const w = fakeWorld({ secrets });
    w.auth.live.set('rt-1-' + 'x'.repeat(24), 'depo');
    const again = createLiveHost(w.ports, { random: () => 0.5, pingIntervalMs: 0 });
    const s = await again.getState();
    expect(s.user?.name).toBe('Ayşe Yılmaz');
    expect(w.socket().auth).toEqual({ token: 'at-1', presence: 'delta' });
  });

  it('on logout tells the gateway, disconnects, goes idle and forgets the user and the stored token', async () => {
    const { host, socket, clock, batches, auth, secrets } = await signedIn();
    await host.logout();
    expect(auth.calls.at(-1)).toMatchObject({
      path: '/v1/auth/logout',
      body: { refreshToken: expect.stringMatching(/^rt-1-/) },
    });
    expect(socket().connected).toBe(false);
    expect(secrets.data.has('session')).toBe(false);
    const s = await host.getState();
    expect(s.connection.state).toBe('idle');
    expect(s.user).toBeUndefined();
    const last = batches.filter((b) => b.state).at(-1);
    expect(last?.state?.user).toBeUndefined();
    clock.advance(60_000);
    expect(socket().connectCalls).toBe(1);
  });

  it('retryNow() reconnects at once', async () => {
    const { host, socket } = await signedIn();
    socket().serverDisconnect();
    await host.retryNow();
    expect(socket().connectCalls).toBe(2);
  });

  it('refuses actions before sign-in (with a code the console can show)', async () => {
    const { host } = setup();
    const err = await errorOf(host.act({ type: 'ALERT_ACK', alertKey: 'LOW_STOCK:sku-1' }));
    expect(err).toBeInstanceOf(LiveError);
    expect(err?.code).toBe('unauthorized');
  });

  it('stops handing batches to a listener that unsubscribed', async () => {
    const { host, clock, batches, stop } = setup();
    stop();
    await host.login({ server: SERVER, username: 'depo', password: 'demo' });
    clock.advance(100);
    expect(batches).toHaveLength(0);
  });
});
