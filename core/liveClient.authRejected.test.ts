// The host's onAuthRejected is the host's code: when it throws, the client logs it and goes on with
// its own handling, and the session ends in a state the host can see rather than hanging.
import { describe, expect, it } from 'vitest';
import { createLiveClient } from './liveClient';
import type { Logger } from './ports';
import { fakeWorld } from './test/fakes';
import { unhandledRejections } from './test/unhandled';

const SERVER = 'http://127.0.0.1:8080';
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};

const unhandled = unhandledRejections();

/** A client whose host callback throws on every call, with the error lines it logged. */
function throwingHost() {
  const w = fakeWorld();
  const errors: { fields: Record<string, unknown>; msg: string }[] = [];
  const logger: Logger = { ...w.ports.logger, error: (fields, msg) => errors.push({ fields, msg }) };
  const ports = { ...w.ports, logger };
  const client = createLiveClient(ports, { random: () => 0.5 });
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
    expect(s.auth).toEqual({ token: 'at-2' });
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

  it('a refused snapshot: logged, and the snapshot is still tried again and loaded', async () => {
    const t = throwingHost();
    const http = t.ports.http;
    let refusals = 1;
    t.ports.http = async (url, init) => {
      if (url.includes('/v1/snapshot') && refusals-- > 0)
        return { status: 401, json: async () => ({ error: { code: 'token_expired', message: 'expired' } }) };
      return http(url, init);
    };
    const s = t.socket();
    s.serverConnect();
    s.answerWithHeads({ orders: { epoch: 'e1', offset: 4 } });
    await settle();
    expect(t.calls).toEqual(['token_expired']);
    expect(t.errors).toHaveLength(1);
    expect(unhandled).toEqual([]);
    t.clock.advance(500);
    await settle();
    expect(t.client.getState().channels.orders).toEqual({ epoch: 'e1', offset: 4 });
    expect(t.client.getState().connection.state).toBe('connected');
  });
});
