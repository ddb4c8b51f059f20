// A socket's life with its token: expiry without renewal closes it, `auth:refresh` keeps it open
// with no event lost, logout or refresh-token reuse closes every socket of the session at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionNotice, SubscribeResponse } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, type GatewayProcess } from '../test/gatewayProcess';
import { MODES, startInMode } from '../test/modes';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';

const TTL_S = 3;
describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, { LIVE_LIMITS: `accessTokenSeconds=${TTL_S}` });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  function watch(c: LiveClient) {
    const notices: { at: number; notice: SessionNotice }[] = [];
    let closedAt: number | undefined;
    c.socket.on('session', (notice: SessionNotice) => notices.push({ at: Date.now(), notice }));
    c.socket.on('disconnect', () => (closedAt ??= Date.now()));
    return { notices, closedAt: () => closedAt };
  }

  async function subscribed(token: string, channel = 'orders') {
    const c = await connectLive(gw.url, { token });
    const r = (await c.subscribe({ channels: [{ channel }] })) as SubscribeResponse;
    expect(r.results[0]?.ok).toBe(true);
    return c;
  }

  describe('session lifetime on a socket', () => {
    it('without renewal: told token_expired and closed within 30 s after expiry', async () => {
      const login = await loginAs(gw.url, 'depo');
      const expiresAt = Date.now() + login.expiresIn * 1000;
      const c = await subscribed(login.accessToken);
      const w = watch(c);
      const closedAt = await waitFor(w.closedAt, 'the socket to be closed', (TTL_S + 30) * 1000);
      expect(w.notices.map((n) => n.notice.type)).toContain('token_expired');
      expect(closedAt - expiresAt).toBeLessThan(30_000);
      expect(closedAt - expiresAt).toBeGreaterThan(-1500); // not before its time (clock granularity: 1 s)
    });

    it('with auth:refresh: stays open across several lifetimes and loses no event', async () => {
      let login = await loginAs(gw.url, 'depo');
      const c = await subscribed(login.accessToken);
      const w = watch(c);
      const ids: string[] = [];
      const until = Date.now() + TTL_S * 3 * 1000;
      let nextRenewal = Date.now() + 1000;
      while (Date.now() < until) {
        const e = orderCreated();
        ids.push(e.id);
        expect((await postEvents(gw.url, e)).status).toBe(202);
        if (Date.now() >= nextRenewal) {
          const fresh = await fetch(`${gw.url}/v1/auth/refresh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken: login.refreshToken }),
          });
          login = (await fresh.json()) as typeof login;
          const ack = await c.socket.timeout(5000).emitWithAck('auth:refresh', { token: login.accessToken });
          expect(ack).toMatchObject({ ok: true });
          nextRenewal = Date.now() + 1000;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await waitFor(() => ids.every((id) => c.deliveries.some((d) => d.event.id === id)), 'every event');
      expect(w.closedAt()).toBeUndefined();
      expect(new Set(c.deliveries.map((d) => d.event.id)).size).toBe(c.deliveries.length);
      c.close();
    });

    it('auth:refresh with a token of another user is refused and changes nothing', async () => {
      const mine = await loginAs(gw.url, 'depo');
      const theirs = await loginAs(gw.url, 'satis');
      const c = await subscribed(mine.accessToken);
      const ack = await c.socket.timeout(5000).emitWithAck('auth:refresh', { token: theirs.accessToken });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const bad = await c.socket.timeout(5000).emitWithAck('auth:refresh', { token: 'garbage' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(c.socket.connected).toBe(true);
      c.close();
    });

    it('logout closes every socket of that session within 2 s, with `revoked`; other sessions stay', async () => {
      const session = await loginAs(gw.url, 'depo');
      const other = await loginAs(gw.url, 'depo');
      const a = await subscribed(session.accessToken);
      const b = await subscribed(session.accessToken);
      const c = await subscribed(other.accessToken);
      const [wa, wb, wc] = [watch(a), watch(b), watch(c)];
      const t = Date.now();
      await fetch(`${gw.url}/v1/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      for (const w of [wa, wb]) {
        const closed = await waitFor(w.closedAt, 'revoked socket closed', 10_000);
        expect(closed - t).toBeLessThan(2000);
        expect(w.notices.map((n) => n.notice.type)).toContain('revoked');
      }
      expect(wc.closedAt()).toBeUndefined();
      // A revoked session's still-unexpired access token cannot connect again.
      await expect(connectLive(gw.url, { token: session.accessToken })).rejects.toThrow();
      c.close();
    });

    it('reuse of a rotated refresh token closes the sockets of that session', async () => {
      const s = await loginAs(gw.url, 'satis');
      const c = await subscribed(s.accessToken);
      const w = watch(c);
      const refresh = (token: string) =>
        fetch(`${gw.url}/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: token }),
        });
      expect((await refresh(s.refreshToken)).status).toBe(200);
      const t = Date.now();
      expect((await refresh(s.refreshToken)).status).toBe(401);
      const closed = await waitFor(w.closedAt, 'socket closed after reuse', 10_000);
      expect(closed - t).toBeLessThan(2000);
    });
  });
});
