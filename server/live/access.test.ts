// Channel access by role, cell by cell, and limits: a flooding socket is throttled and cut off
// while another client's events keep arriving; an oversized message never reaches a handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CHANNELS, canRead, type Role, type SessionNotice, type SubscribeResponse } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, type GatewayProcess } from '../test/gatewayProcess';
import { MODES, startInMode } from '../test/modes';
import { connectLive, loginAs, waitFor } from '../test/live';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, { LIVE_LIMITS: 'socketRate=20,userRate=1000,maxStrikes=30' });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  const USERS: Record<Role, string> = { warehouse: 'depo', sales: 'satis', admin: 'yonetici' };

  describe('channel access by role', () => {
    it.each(Object.entries(USERS) as [Role, string][])('%s: every cell of the table', async (role, username) => {
      const login = await loginAs(gw.url, username);
      const c = await connectLive(gw.url, { token: login.accessToken });
      const own = `user-${login.user.id}`;
      const channels = [...SHARED_CHANNELS, own, 'user-someone-else'];
      const res = (await c.subscribe({ channels: channels.map((channel) => ({ channel })) })) as SubscribeResponse;
      for (const r of res.results) {
        const allowed = canRead(role, login.user.id, r.channel);
        expect({ channel: r.channel, ok: r.ok }).toEqual({ channel: r.channel, ok: allowed });
        if (!allowed) expect(r.error?.code).toBe('forbidden');
      }
      // Spot-check the table itself, independently of canRead.
      const okOf = (ch: string) => res.results.find((r) => r.channel === ch)?.ok;
      expect(okOf(own)).toBe(true);
      expect(okOf('system')).toBe(role === 'admin');
      expect(okOf('prices')).toBe(role !== 'warehouse');
      expect(okOf('user-someone-else')).toBe(role === 'admin');
      c.close();
    });

    it('a refused subscription has no side effect: nothing of that channel arrives', async () => {
      const c = await connectLive(gw.url, { token: (await loginAs(gw.url, 'depo')).accessToken });
      const res = (await c.subscribe({
        channels: [{ channel: 'system' }, { channel: 'orders' }],
      })) as SubscribeResponse;
      expect(res.results.map((r) => r.ok)).toEqual([false, true]);
      const alert = systemAlert();
      const marker = orderCreated();
      await postEvents(gw.url, { events: [alert, marker] });
      await c.waitForEvent(marker.id);
      expect(c.deliveries.some((d) => d.event.id === alert.id)).toBe(false);
      c.close();
    });
  });

  describe('limits', () => {
    it('throttles a flooding socket, then cuts it off, while another client keeps receiving', async () => {
      const flooder = await connectLive(gw.url, { token: (await loginAs(gw.url, 'satis')).accessToken });
      const calm = await connectLive(gw.url, { token: (await loginAs(gw.url, 'depo')).accessToken });
      // Orders, not dashboard: METRIC_UPDATEs of one window are merged, so their ids are not all seen.
      await calm.subscribe({ channels: [{ channel: 'orders' }] });
      const notices: SessionNotice[] = [];
      flooder.socket.on('session', (n: SessionNotice) => notices.push(n));
      const disconnected = new Promise<void>((r) => flooder.socket.once('disconnect', () => r()));

      const acks = await Promise.all(
        Array.from({ length: 60 }, () =>
          flooder.socket
            .timeout(10_000)
            .emitWithAck('subscribe', { channels: [{ channel: 'dashboard' }] })
            .catch(() => ({ ok: false, error: { code: 'no_answer' } })),
        ),
      );
      const limited = acks.filter((a) => (a as { error?: { code?: string } }).error?.code === 'rate_limited');
      expect(limited.length).toBeGreaterThan(0);
      expect(
        (limited[0] as { error: { details?: { retryAfterMs?: number } } }).error.details?.retryAfterMs,
      ).toBeGreaterThan(0);

      const during = orderCreated();
      await postEvents(gw.url, during);
      await calm.waitForEvent(during.id);

      // Sustained flooding: more refusals than maxStrikes within the window → told, then closed.
      for (let i = 0; i < 40 && flooder.socket.connected; i++)
        flooder.socket.emit('subscribe', { channels: [{ channel: 'dashboard' }] }, () => undefined);
      await disconnected;
      expect(notices.map((n) => n.type)).toContain('rate_limited');

      const after = orderCreated();
      await postEvents(gw.url, after);
      await calm.waitForEvent(after.id);
      calm.close();
    });

    it('a message over 64 KiB closes that connection only', async () => {
      const big = await connectLive(gw.url, { token: (await loginAs(gw.url, 'satis')).accessToken });
      const other = await connectLive(gw.url, { token: (await loginAs(gw.url, 'depo')).accessToken });
      await other.subscribe({ channels: [{ channel: 'orders' }] });
      const closed = new Promise<string>((r) => big.socket.once('disconnect', (reason) => r(reason)));
      big.socket.emit('subscribe', { channels: [{ channel: 'x'.repeat(70 * 1024) }] });
      expect(await closed).toMatch(/transport (close|error)/);
      const e = orderCreated();
      await postEvents(gw.url, e);
      await other.waitForEvent(e.id);
      expect(other.socket.connected).toBe(true);
      other.close();
    });

    it('counts refusals in /metrics', async () => {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      await waitFor(() => /live_rate_limited_total\{limit="socket"\} [1-9]/.test(text), 'rate-limit counter');
    });
  });
});
