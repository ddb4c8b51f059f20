// The host's onAuthRejected is the host's code: when it throws, the client logs it and goes on with
// its own handling, and the session ends in a state the host can see rather than hanging.
import { describe, expect, it } from 'vitest';
import { createLiveClient, type LiveClient } from './liveClient';
import type { Logger } from './ports';
import { type FakeSocket } from './test/fakes';
import { fakeWorld, gateSnapshots, type FakeWorld } from './test/fakeWorld';
import { unhandledRejections } from './test/unhandled';

const SERVER = 'http://127.0.0.1:8080';
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};

const unhandled = unhandledRejections();
const refusal = (code: string) => ({ error: { code, message: `refused: ${code}` } });

/** A client whose host callback throws on every call, with the error lines it logged. */
function throwingHost() {
  const w = fakeWorld();
  const errors: { fields: Record<string, unknown>; msg: string }[] = [];
  const logger: Logger = { ...w.ports.logger, error: (fields, msg) => errors.push({ fields, msg }) };
  const ports = { ...w.ports, logger };
  const client = createLiveClient(ports, { random: () => 0.5, pingIntervalMs: 0 });
  const calls: string[] = [];
  client.connect({
    server: SERVER,
    channels: ['orders'],
    onAuthRejected: (code) => {
      calls.push(code);
      throw new Error('host bug');
    },
  });
  return { ...w, ports, client, calls, errors };
}

describe('live client: an onAuthRejected that throws', () => {
  it('a refused handshake: no throw out of the socket, logged, unauthorized and not retried', () => {
    const t = throwingHost();
    const s = t.socket();
    expect(() => s.connectError('Access token has expired', 'token_expired')).not.toThrow();
    expect(t.calls).toEqual(['token_expired']);
    expect(t.errors).toEqual([
      { fields: expect.objectContaining({ code: 'token_expired', err: 'Error: host bug' }), msg: expect.any(String) },
    ]);
    expect(t.client.getState().connection).toMatchObject({ state: 'unauthorized', reason: 'token_expired' });
    t.clock.advance(60_000);
    expect(s.connectCalls).toBe(1);
    // The host can still recover it: a renewed token and a retry reconnect.
    t.client.setToken('at-2');
    t.client.retryNow();
    expect(s.connectCalls).toBe(2);
    expect(s.auth).toEqual({ token: 'at-2', presence: 'delta' });
  });

  it.each(['token_expired', 'revoked'] as const)(
    'a session the gateway ends (%s): no throw out of the socket, logged, unauthorized',
    async (type) => {
      const t = throwingHost();
      const s = t.socket();
      s.serverConnect();
      s.answerWithHeads({});
      await settle();
      s.session({ type });
      expect(() => s.serverDisconnect('io server disconnect')).not.toThrow();
      expect(t.calls).toEqual([type]);
      expect(t.errors).toHaveLength(1);
      expect(t.client.getState().connection).toMatchObject({ state: 'unauthorized', reason: type });
      t.clock.advance(60_000);
      expect(s.connectCalls).toBe(1);
    },
  );

  it('a refused snapshot: logged, unauthorized and not retried; a renewed token and a retry load it', async () => {
    const t = throwingHost();
    const gate = gateSnapshots(t);
    await snapshotRefused(t, gate, 'token_expired');
    expect(t.calls).toEqual(['token_expired']);
    expect(t.errors).toHaveLength(1);
    expect(unhandled).toEqual([]);
    expect(t.client.getState().connection).toMatchObject({ state: 'unauthorized', reason: 'token_expired' });
    await expectNoRetry(t, gate);
    await retryWithNewToken(t, gate);
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
  });
});

describe('live client: a refused snapshot with no onAuthRejected', () => {
  it.each(['unauthorized', 'token_expired'] as const)(
    '(%s): the session says unauthorized with the code, is not retried, and a renewed token and a retry recover it',
    async (code) => {
      const w = fakeWorld();
      const gate = gateSnapshots(w);
      const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: 0 });
      client.connect({ server: SERVER, token: 'at-1', channels: ['orders'] });
      await snapshotRefused(w, gate, code);
      expect(client.getState().connection).toMatchObject({ state: 'unauthorized', reason: code });
      await expectNoRetry(w, gate);
      expect(client.getState().connection.state).toBe('unauthorized');
      // The new token is refused too: unauthorized again, not "connected".
      await retryWithNewToken({ ...w, client }, gate, code);
      expect(client.getState().connection).toMatchObject({ state: 'unauthorized', reason: code });
      await retryWithNewToken({ ...w, client }, gate);
      expect(client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
      expect(client.getState().connection.state).toBe('connected');
      expect(unhandled).toEqual([]);
    },
  );

  it('the host took it on, then ended the session (renewal refused): the retries stop until a new token', async () => {
    const w = fakeWorld();
    const gate = gateSnapshots(w);
    const client = createLiveClient(w.ports, { random: () => 0.5, pingIntervalMs: 0 });
    const rejected: string[] = [];
    client.connect({ server: SERVER, channels: ['orders'], onAuthRejected: (c) => rejected.push(c) });
    await snapshotRefused(w, gate, 'token_expired');
    expect(rejected).toEqual(['token_expired']);
    client.setUnauthorized('unauthorized');
    await expectNoRetry(w, gate);
    await retryWithNewToken({ ...w, client }, gate);
    expect(client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
  });
});

type Gate = ReturnType<typeof gateSnapshots>;

/** The connection goes up and subscribes to `orders`; the log cannot replay, the snapshot is refused with `code`. */
async function snapshotRefused(w: Pick<FakeWorld, 'socket'>, gate: Gate, code: string) {
  const s = w.socket();
  s.serverConnect();
  s.answerWithHeads({ orders: { epoch: 'e1', offset: 4 } });
  await settle();
  gate.answer(401, refusal(code));
  await settle();
}

/** A minute passes without the snapshot being asked for again. */
async function expectNoRetry(w: Pick<FakeWorld, 'clock'>, gate: Gate) {
  w.clock.advance(60_000);
  await settle();
  expect(gate.requests).toBe(1);
}

/**
 * `setToken` + `retryNow` on the live connection: the parked snapshot goes again at once, with no
 * reconnect; the gateway answers it with the snapshot, or refuses it with `refusedWith`.
 */
async function retryWithNewToken(t: { client: LiveClient; socket(): FakeSocket }, gate: Gate, refusedWith?: string) {
  const before = gate.requests;
  t.client.setToken('at-2');
  t.client.retryNow();
  expect(gate.requests).toBe(before + 1);
  expect(t.socket().connectCalls).toBe(1);
  expect(t.client.getState().connection.state).toBe('connected');
  if (refusedWith) gate.answer(401, refusal(refusedWith));
  else gate.answer(200, { channels: [{ channel: 'orders', epoch: 'e1', offset: 4 }], presence: [] });
  await settle();
}
