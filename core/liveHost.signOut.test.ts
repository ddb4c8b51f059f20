// Signing out while something of the session is still on its way: the sign-in's own connection,
// a token renewal, the end of a revoked session. Its late answer must neither bring the session
// back nor reach the next user's.
import { describe, expect, it } from 'vitest';
import type { LiveError } from '../protocol';
import { createLiveHost } from './liveHost';
import { fakeWorld, gate, type FakeWorld } from './test/fakeWorld';

const SERVER = 'http://127.0.0.1:8080';
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as LiveError,
  );

/**
 * Holds token renewals until `release()`: the request before the gateway sees it, or the answer
 * after the gateway has renewed.
 */
function gateRenewal(w: FakeWorld, hold: 'request' | 'answer') {
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  const http = w.ports.http;
  w.ports.http = async (url, init) => {
    const renewal = url.endsWith('/v1/auth/refresh');
    if (renewal && hold === 'request') await open;
    const res = await http(url, init);
    if (renewal && hold === 'answer') await open;
    return res;
  };
  return release;
}

/** Signed in as `depo` and connected, with the first renewal sent (and held by `gateRenewal`). */
async function renewing(w: FakeWorld) {
  const env = setup(w);
  await env.host.login({ server: SERVER, username: 'depo', password: 'demo' });
  env.socket().serverConnect();
  env.clock.advance(0.8 * 600_000);
  await settle();
  return env;
}

function setup(w: FakeWorld = fakeWorld()) {
  return { ...w, host: createLiveHost(w.ports, { random: () => 0.5 }) };
}

describe('live host: signing out while the session still has answers to come', () => {
  it('a sign-out while the sign-in is still connecting wins: no connection opens, and the sign-in says why', async () => {
    const w = fakeWorld();
    const release = gate(w.store, 'get', 'outbox-'); // the user's outbox is still being read
    const { host, sockets } = setup(w);
    const login = errorOf(host.login({ server: SERVER, username: 'depo', password: 'demo' }));
    await settle();
    await host.logout();
    release();
    const err = await login;
    expect(err?.code).toBe('unauthorized');
    expect(err?.message).toMatch(/signed out/i);
    expect(sockets).toHaveLength(0);
    const state = await host.getState();
    expect(state.user).toBeUndefined();
    expect(state.connection.state).toBe('idle');
  });

  it('a token renewal answered after sign-out does not bring the session back', async () => {
    const w = fakeWorld();
    // The gateway renews at once; its answer reaches the client only after the sign-out.
    const release = gateRenewal(w, 'answer');
    const { host, auth, secrets, socket } = await renewing(w);
    expect(auth.calls.filter((c) => c.path === '/v1/auth/refresh')).toHaveLength(1);
    await host.logout();
    release();
    await settle();
    const state = await host.getState();
    expect(state.user).toBeUndefined();
    expect(state.connection.state).toBe('idle');
    expect(secrets.data.has('session')).toBe(false); // the next start does not sign back in
    expect(auth.live.size).toBe(0); // and the pair the late answer carried is revoked too
    expect(socket().renewals).toEqual([]);
  });

  it('a renewal refused after sign-out (its token was revoked) does not end the next user’s session', async () => {
    const w = fakeWorld();
    // The renewal reaches the gateway only after the sign-out revoked its token.
    const release = gateRenewal(w, 'request');
    const { host, secrets } = await renewing(w);
    await host.logout();
    await host.login({ server: SERVER, username: 'yonetici', password: 'demo' });
    release();
    await settle();
    const state = await host.getState();
    expect(state.user?.name).toBe('Zeynep Demir');
    expect(state.connection.state).toBe('connecting');
    expect(secrets.data.get('session')).toContain('u-yon');
  });

  it('a revoked session that ends after someone else signed in does not mark the new session unauthorized', async () => {
    const w = fakeWorld();
    const { host, socket } = setup(w);
    await host.login({ server: SERVER, username: 'depo', password: 'demo' });
    const first = socket();
    first.serverConnect();
    const release = gate(w.secrets, 'delete', 'session'); // forgetting the session takes a while
    first.session({ type: 'revoked' });
    first.serverDisconnect('io server disconnect');
    void host.logout();
    await host.login({ server: SERVER, username: 'yonetici', password: 'demo' });
    expect(socket()).not.toBe(first);
    release();
    await settle();
    const state = await host.getState();
    expect(state.user?.name).toBe('Zeynep Demir');
    expect(state.connection.state).toBe('connecting');
  });
});
