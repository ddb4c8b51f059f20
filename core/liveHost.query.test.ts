// LiveHost.query against a real gateway: the signed-in user's search, with its answer checked, the
// gateway's refusals passed on, and no query before sign-in; and the download ticket of an export.
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

  it('gives the user a download ticket: an absolute URL that streams the filtered CSV once', async () => {
    const ticket = await host.exportTicket({ resource: 'orders', params: { q: 'export-1', cursor: 'c', limit: '5' } });
    expect(ticket.url).toMatch(new RegExp(`^${gw.url}/v1/orders\\?format=csv&q=export-1&ticket=[\\w-]{43}$`));
    const res = await fetch(ticket.url);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('EXPORT-1;Trendyol;');
    expect((await fetch(ticket.url)).status).toBe(401);
    await expect(host.exportTicket({ resource: 'orders', params: { sort: 'price' } })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
