// LiveHost.query against a real gateway: the signed-in user's search, with its answer checked, the
// gateway's refusals passed on, and no query before sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysOnline } from '../main/adapters/nodePorts';
import { OrderPage, StockPage } from '../protocol';
import { inventoryChange, orderCreated } from '../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';
import { createLiveHost, type LiveHost } from './liveHost';
import { realPorts } from './test/realPorts';

describe('queries through the host', () => {
  let gw: GatewayProcess;
  let host: LiveHost;

  beforeAll(async () => {
    gw = await startGatewayProcess({}, { timeoutMs: 60_000 });
    host = createLiveHost(realPorts({ network: alwaysOnline }));
    const res = await postEvents(gw.url, {
      events: [orderCreated({ orderNumber: 'FIND-ME-1' }), orderCreated(), inventoryChange()],
    });
    expect(res.status).toBe(202);
  });
  afterAll(async () => {
    host?.close();
    await gw?.dispose();
  });

  it('refuses before sign-in, then answers the gateway’s checked pages as the user', async () => {
    await expect(host.query({ resource: 'orders', params: {} })).rejects.toMatchObject({ code: 'unauthorized' });
    await host.login({ server: gw.url, username: 'depo', password: 'demo' });
    const found = OrderPage.parse(await host.query({ resource: 'orders', params: { q: 'find-me' } }));
    expect(found.items.map((o) => o.orderKey)).toEqual(['trendyol:FIND-ME-1']);
    expect(found.total).toBe(1);
    expect(StockPage.parse(await host.query({ resource: 'stock', params: {} })).total).toBe(1);
    await expect(host.query({ resource: 'orders', params: { sort: 'price' } })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(host.query({ resource: 'order', orderKey: 'trendyol:NOPE' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('exports through the host', () => {
  let gw: GatewayProcess;
  let host: LiveHost;

  beforeAll(async () => {
    gw = await startGatewayProcess({}, { timeoutMs: 60_000 });
    host = createLiveHost(realPorts({ network: alwaysOnline }));
    await postEvents(gw.url, { events: [orderCreated({ orderNumber: 'EXPORT-1' })] });
    await host.login({ server: gw.url, username: 'depo', password: 'demo' });
  });
  afterAll(async () => {
    host?.close();
    await gw?.dispose();
  });

  it('hands back the whole filtered list as CSV with its BOM', async () => {
    const file = await host.exportCsv({ resource: 'orders', params: { q: 'export-1' } });
    expect(file.filename).toBe('siparisler.csv');
    expect(file.csv.startsWith('\uFEFFSipariş no;')).toBe(true);
    expect(file.csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(file.csv).toContain('EXPORT-1;Trendyol;');
  });
});
