// What operators rely on: /readyz, /metrics in valid Prometheus format, and a graceful SIGTERM
// under load that tells clients `draining`, loses nothing accepted and exits 0.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionNotice } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';

let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.dispose();
  gw = undefined;
});

describe('operations', () => {
  it('/readyz is ready with its checks; /metrics passes promtool check metrics', async () => {
    gw = await startGatewayProcess();
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, draining: false, checks: { database: true, storage: true } });

    // Some traffic, so the labelled series exist.
    const c = await connectLive(gw.url);
    await c.subscribe({ channels: [{ channel: 'orders' }] });
    const e = orderCreated();
    await postEvents(gw.url, e);
    await c.waitForEvent(e.id);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    for (const name of [
      'live_connections',
      'live_events_in_total',
      'live_events_out_total',
      'live_publish_to_emit_seconds_bucket',
      'live_subscriptions',
    ]) {
      expect(text).toContain(name);
    }
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error, 'promtool (Debian package prometheus) must be installed').toBeUndefined();
    expect({ status: check.status, out: check.stdout + check.stderr }).toEqual({ status: 0, out: '' });
    c.close();
  });

  it('SIGTERM under load: clients told draining, nothing accepted lost, exit 0, /readyz false meanwhile', async () => {
    gw = await startGatewayProcess({ LIVE_LIMITS: 'drainSeconds=20' });
    const url = gw.url;
    const clients: LiveClient[] = [];
    const notices: SessionNotice[][] = [];
    for (let i = 0; i < 5; i++) {
      const c = await connectLive(url, { token: (await loginAs(url, 'depo')).accessToken });
      await c.subscribe({ channels: [{ channel: 'orders' }] });
      const mine: SessionNotice[] = [];
      c.socket.on('session', (n: SessionNotice) => mine.push(n));
      notices.push(mine);
      clients.push(c);
    }

    // A publisher posting batches back to back; it records which events were accepted.
    const accepted: string[] = [];
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        const batch = Array.from({ length: 20 }, () => orderCreated());
        try {
          const r = await postEvents(url, { events: batch });
          if (r.status === 202) accepted.push(...batch.map((e) => e.id));
        } catch {
          publishing = false; // the listener is gone
        }
      }
    })();
    await waitFor(() => accepted.length >= 400, 'some load', 30_000);
    const exit = gw.stop();
    // Once clients are told to leave, the gateway no longer says it is ready.
    await waitFor(() => notices[0]?.some((n) => n.type === 'draining'), 'the draining notice', 20_000);
    const readyDuring = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 'closed',
    );
    expect(await exit).toBe(0);
    publishing = false;
    await publisher;

    expect(['closed', 503]).toContain(readyDuring);
    for (const mine of notices) expect(mine.map((n) => n.type)).toContain('draining');
    for (const c of clients) {
      const got = new Set(c.deliveries.map((d) => d.event.id));
      const missing = accepted.filter((id) => !got.has(id));
      expect(missing).toEqual([]);
    }
    expect(accepted.length).toBeGreaterThan(0);
  });
});
