// GET /v1/orders, /v1/orders/:orderKey, /v1/stock and /v1/alerts against a real gateway process:
// access, validation, the JSON page, and the CSV export as Excel set to Turkish reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPage, OrderDetail, OrderPage, StockPage, type EventInput } from '../../protocol';
import { inventoryChange, orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, type LoginResult } from '../test/live';

let gw: GatewayProcess;
let admin: LoginResult;
let depo: LoginResult;

const tricky = 'Kapıya bırakın; "acil"\nzil çalışmıyor';

beforeAll(async () => {
  gw = await startGatewayProcess();
  [admin, depo] = await Promise.all([loginAs(gw.url, 'yonetici'), loginAs(gw.url, 'depo')]);
  const order = orderCreated({ orderNumber: 'CSV-1', total: 123_450 }) as Extract<
    EventInput,
    { type: 'ORDER_NOTIFICATION' }
  >;
  const events = [
    { ...order, payload: { ...order.payload, customerCity: tricky } },
    ...Array.from({ length: 30 }, (_, i) => orderCreated({ orderNumber: `BULK-${i}` })),
    inventoryChange(),
    systemAlert(),
  ];
  const res = await postEvents(gw.url, { events });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
});
afterAll(async () => {
  await gw?.dispose();
});

const get = (path: string, token: string | null = admin.accessToken) =>
  fetch(`${gw.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('query routes', () => {
  it('need an access token and refuse bad filters with the failing parameter', async () => {
    for (const path of ['/v1/orders', '/v1/orders/trendyol:CSV-1', '/v1/stock', '/v1/alerts']) {
      expect((await get(path, null)).status).toBe(401);
    }
    const bad = await get('/v1/orders?sort=price&limit=0');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const cursor = await get('/v1/alerts?cursor=xyz');
    expect(await cursor.json()).toMatchObject({
      error: { code: 'validation_failed', details: { issues: [{ path: 'cursor' }] } },
    });
    expect((await get('/v1/orders/trendyol:NOPE')).status).toBe(404);
  });

  it('answers pages of orders, one order with its timeline, stock and alerts', async () => {
    const page = OrderPage.parse(await (await get('/v1/orders?limit=10')).json());
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(31);
    const next = OrderPage.parse(await (await get(`/v1/orders?limit=10&cursor=${page.nextCursor}`)).json());
    expect(next.items.map((o) => o.orderKey)).not.toContain(page.items[0]?.orderKey);
    const found = OrderPage.parse(await (await get('/v1/orders?q=csv-1')).json());
    expect(found.items.map((o) => o.orderKey)).toEqual(['trendyol:CSV-1']);
    const detail = OrderDetail.parse(await (await get('/v1/orders/trendyol:CSV-1', depo.accessToken)).json());
    expect(detail.timeline.map((e) => e.kind)).toEqual(['event']);
    expect(StockPage.parse(await (await get('/v1/stock', depo.accessToken)).json()).total).toBe(1);
    // The system alert is on the admin's channel only.
    expect(AlertPage.parse(await (await get('/v1/alerts')).json()).items.some((a) => a.channel === 'system')).toBe(
      true,
    );
    const forDepo = AlertPage.parse(await (await get('/v1/alerts', depo.accessToken)).json());
    expect(forDepo.items.some((a) => a.channel === 'system')).toBe(false);
  });

  it('exports orders as CSV: BOM, ;, Turkish money and dates, a field with ; quotes and a line break', async () => {
    const res = await get('/v1/orders?q=csv-1&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="siparisler-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const [header, ...rest] = text.split('\r\n');
    expect(header?.split(';')[0]).toBe('Sipariş no');
    const row = rest.join('\r\n');
    expect(row).toContain('CSV-1;Trendyol;');
    expect(row).toContain(';1.234,50;'); // 1234.50 TL
    expect(row).toMatch(/;\d{2}\.\d{2}\.\d{4} \d{2}:\d{2};/); // 07.12.2026 12:00
    expect(row).toContain('"Kapıya bırakın; ""acil""\nzil çalışmıyor"');
  });

  it('exports every match, not one page, and stock and alerts too', async () => {
    const orders = await (await get('/v1/orders?format=csv&limit=5')).text();
    expect(orders.trim().split('\r\n')).toHaveLength(1 + 31);
    // (text() drops the BOM: the first test looks at the bytes)
    const stock = await (await get('/v1/stock?format=csv', depo.accessToken)).text();
    expect(stock.split('\r\n')[0]).toBe(
      'SKU;Barkod;Ürün;Eldeki;Rezerve;Satılabilir;Eşik;Durum;Uyuşmazlık;Pazaryerleri;Güncellendi',
    );
    const alerts = await get('/v1/alerts?format=csv&state=open');
    expect(alerts.headers.get('content-disposition')).toContain('uyarilar-');
    expect((await alerts.text()).trim().split('\r\n').length).toBeGreaterThan(1);
    expect((await get('/v1/alerts?format=xml')).status).toBe(400);
  });
});
