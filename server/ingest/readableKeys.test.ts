// One accepted event must never blank a console: ingest refuses an event whose order key or alert
// key the read side cannot carry (400, all or nothing), and the console reads every snapshot the
// gateway gives afterwards. Against a real gateway process, embedded and clustered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../core/snapshotLoader';
import type { GatewayProcess } from '../test/gatewayProcess';
import { postEvents } from '../test/gatewayProcess';
import { orderEvent, stockEvent } from '../test/events';
import { MODES, startInMode } from '../test/modes';
import { loginAs } from '../test/live';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode);
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it('refuses an OUT_OF_STOCK whose SKU makes an alert key over 128 characters, naming the field', async () => {
    const bad = stockEvent({ kind: 'OUT_OF_STOCK', sku: 'S'.repeat(128), available: 0 });
    const r = await postEvents(gw.url, bad);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      error: { code: 'validation_failed', details: { issues: [{ path: 'payload.sku' }] } },
    });
  });

  it('refuses an order number with ":" (not an order key), and the whole batch with it', async () => {
    const good = orderEvent({ orderNumber: 'TY-GOOD-1' });
    const bad = orderEvent({ orderNumber: 'TY:1001' });
    const r = await postEvents(gw.url, { events: [good, bad] });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { details: { issues: [{ path: 'events.1.payload.orderNumber' }] } } });
    // All or nothing: the good one was not accepted either; alone it is.
    const again = await postEvents(gw.url, good);
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ accepted: [{ duplicate: false }] });
  });

  it('the longest keys that are accepted are read back by the console', async () => {
    const sku = 'S'.repeat(128 - 'OUT_OF_STOCK:'.length);
    expect((await postEvents(gw.url, stockEvent({ kind: 'OUT_OF_STOCK', sku, available: 0 }))).status).toBe(202);
    expect((await postEvents(gw.url, orderEvent({ orderNumber: 'N'.repeat(128) }))).status).toBe(202);
    const { accessToken } = await loginAs(gw.url);
    const snap = await loadSnapshot(fetch, gw.url, accessToken, ['orders', 'inventory']);
    const alerts = snap.channels.flatMap((c) => c.alerts ?? []).map((a) => a.alertKey);
    const orders = snap.channels.flatMap((c) => c.orders ?? []).map((o) => o.orderKey);
    expect(alerts).toContain(`OUT_OF_STOCK:${sku}`);
    expect(orders).toContain(`trendyol:${'N'.repeat(128)}`);
  });
});
