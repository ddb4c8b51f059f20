// Reconnect churn from one office address: signed-in users reconnecting together are limited per
// person, not as one address, while connections without a valid token are held to the per-address
// limit. A refusal says `rate_limited` with when to come back, and the console's core waits that
// long and says why ("too many connections, retrying in N s").
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveClient } from '../../core/liveClient';
import { realPorts } from '../../core/test/realPorts';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, waitFor } from '../test/live';

const PER_ADDRESS = 5;
const PER_USER = 12;
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGatewayProcess({ LIVE_LIMITS: `connectRate=${PER_ADDRESS},connectUserRate=${PER_USER}` });
});
afterAll(async () => {
  await gw?.dispose();
});

interface Outcome {
  ok: boolean;
  code?: string;
  retryAfterMs?: number;
}

async function connectOnce(token: string): Promise<Outcome> {
  const socket = io(`${gw.url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token },
  });
  try {
    return await new Promise<Outcome>((resolve) => {
      socket.once('connect', () => resolve({ ok: true }));
      socket.once('connect_error', (err) => {
        const data = (err as { data?: { code?: string; details?: { retryAfterMs?: number } } }).data;
        resolve({ ok: false, code: data?.code ?? err.message, retryAfterMs: data?.details?.retryAfterMs });
      });
    });
  } finally {
    socket.disconnect();
  }
}

describe('reconnect churn from one address', () => {
  it('known users in a burst get in; an unauthenticated flood is limited per address', async () => {
    const users = await Promise.all(['depo', 'satis', 'yonetici'].map((u) => loginAs(gw.url, u)));
    // Three people, ten reconnections each, all from 127.0.0.1: six times the per-address limit.
    const burst = await Promise.all(users.flatMap((u) => Array.from({ length: 10 }, () => connectOnce(u.accessToken))));
    expect(burst.filter((o) => !o.ok)).toEqual([]);

    const flood = [];
    for (let i = 0; i < PER_ADDRESS * 2; i++) flood.push(await connectOnce('not-a-token'));
    expect(flood.slice(0, PER_ADDRESS).map((o) => o.code)).toEqual(Array(PER_ADDRESS).fill('unauthorized'));
    for (const o of flood.slice(PER_ADDRESS)) {
      expect(o).toMatchObject({ ok: false, code: 'rate_limited' });
      expect(o.retryAfterMs).toBeGreaterThan(0);
    }
    // Known users are still let in while the address is refused for the flood.
    expect(await connectOnce(users[0]!.accessToken)).toEqual({ ok: true });
  });

  it('one user past the per-user limit: the core waits the given time and says why', async () => {
    const { accessToken, user } = await loginAs(gw.url, 'depo');
    let refusal: Outcome | undefined;
    for (let i = 0; i < PER_USER * 2 && !refusal; i++) {
      const o = await connectOnce(accessToken);
      if (!o.ok) refusal = o;
    }
    expect(refusal).toMatchObject({ code: 'rate_limited' });

    const client = createLiveClient(realPorts());
    try {
      const started = Date.now();
      client.connect({ server: gw.url, token: accessToken, channels: ['orders'], userId: user.id });
      const info = await waitFor(() => {
        const c = client.getState().connection;
        return c.state === 'reconnecting' && c.reason === 'rate_limited' && c.nextRetryAt !== undefined ? c : undefined;
      }, 'the core to wait for the connect limit');
      // Not before the gateway said (a minute's window, less what passed), not on the short backoff.
      expect((info.nextRetryAt as number) - started).toBeGreaterThan(5_000);
    } finally {
      client.disconnect();
    }
  });
});
