// POST /v1/exports and the download tickets a CSV export accepts in place of the bearer token,
// against a real gateway process in both modes (SQLite; PostgreSQL and Redis): a ticket downloads
// once, before it expires, as its user, for exactly its query, and not after the session ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportTicket } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, type LoginResult } from '../test/live';
import { MODES, startInMode } from '../test/modes';
import { redactTicket } from '../queries/exportTickets';

const TICKET_SECONDS = 5;
const PER_MINUTE = 15;

describe.each(MODES)('%s gateway: export tickets', (mode) => {
  let gw: GatewayProcess;
  let admin: LoginResult;
  let depo: LoginResult;
  let satis: LoginResult;
  /** Every ticket handed out, to look for in the gateway's logs at the end. */
  const tickets: string[] = [];

  beforeAll(async () => {
    gw = await startInMode(mode, {
      LIVE_LIMITS: `exportTicketSeconds=${TICKET_SECONDS},exportsPerMinute=${PER_MINUTE}`,
      LIVE_LOG_LEVEL: 'trace',
    });
    [admin, depo, satis] = await Promise.all([
      loginAs(gw.url, 'yonetici'),
      loginAs(gw.url, 'depo'),
      loginAs(gw.url, 'satis'),
    ]);
    const events = [
      ...Array.from({ length: 12 }, (_, i) => orderCreated({ orderNumber: `EXP-${i}` })),
      orderCreated({ orderNumber: 'OTHER-1' }),
      systemAlert(),
    ];
    const res = await postEvents(gw.url, { events });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  async function ticketFor(who: LoginResult, resource: string, params: Record<string, string>) {
    const res = await fetch(`${gw.url}/v1/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resource, params }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }
  async function issued(who: LoginResult, resource: string, params: Record<string, string>) {
    const { status, body } = await ticketFor(who, resource, params);
    expect(status, JSON.stringify(body)).toBe(200);
    const ticket = ExportTicket.parse(body);
    tickets.push(ticket.url.split('ticket=')[1] as string);
    return ticket;
  }
  const download = (url: string, headers: Record<string, string> = {}) => fetch(`${gw.url}${url}`, { headers });

  it('issues a ticket only to a signed-in user, for a valid filter', async () => {
    const none = await fetch(`${gw.url}/v1/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'orders', params: {} }),
    });
    expect(none.status).toBe(401);
    const bad = await ticketFor(admin, 'orders', { sort: 'price' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'sort' }] } } });
    const ticket = await issued(admin, 'orders', { q: 'exp', cursor: 'x', limit: '5' });
    expect(ticket.url).toMatch(/^\/v1\/orders\?format=csv&q=exp&ticket=[A-Za-z0-9_-]{43}$/);
    expect(ticket.expiresAt).toBeGreaterThan(Date.now());
  });

  it('downloads the CSV once without an Authorization header; a second use is refused', async () => {
    const { url } = await issued(admin, 'orders', { q: 'exp' });
    const res = await download(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="siparisler-\d{4}-\d\d-\d\d\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(rows).toHaveLength(13); // header and EXP-0 … EXP-11, not OTHER-1
    expect(rows.slice(1).every((r) => r.includes('EXP-'))).toBe(true);

    const again = await download(url);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('lets exactly one of two downloads at once have it', async () => {
    const { url } = await issued(admin, 'alerts', {});
    const statuses = (await Promise.all([download(url), download(url)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('is refused for another query, another list or JSON, and is used up by the attempt', async () => {
    const { url } = await issued(admin, 'orders', { q: 'exp' });
    expect((await download(url.replace('q=exp', 'q=other'))).status).toBe(401);
    expect((await download(url)).status).toBe(401);

    const second = await issued(admin, 'orders', { q: 'exp' });
    expect((await download(second.url.replace('/v1/orders', '/v1/alerts'))).status).toBe(401);
    const third = await issued(admin, 'orders', { q: 'exp' });
    expect((await download(third.url.replace('format=csv', 'format=json'))).status).toBe(401);
    const made = await issued(admin, 'orders', { q: 'exp' });
    expect((await download(made.url.replace(/ticket=.*/, `ticket=${'A'.repeat(43)}`))).status).toBe(401);
    // The real ticket was not touched by the guess.
    expect((await download(made.url)).status).toBe(200);
  });

  it("is refused with another user's bearer token beside it", async () => {
    const { url } = await issued(admin, 'orders', {});
    const res = await download(url, { authorization: `Bearer ${depo.accessToken}` });
    expect(res.status).toBe(401);
    const own = await issued(admin, 'orders', {});
    expect((await download(own.url, { authorization: `Bearer ${admin.accessToken}` })).status).toBe(200);
  });

  it('expires', async () => {
    const { url, expiresAt } = await issued(admin, 'stock', {});
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 500));
    expect((await download(url)).status).toBe(401);
  }, 20_000);

  it('is rate-limited per user', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 1; i++) statuses.push((await ticketFor(depo, 'orders', {})).status);
    expect(statuses.slice(0, PER_MINUTE).every((s) => s === 200)).toBe(true);
    expect(statuses[PER_MINUTE]).toBe(429);
  });

  it("is refused once the user's sessions were ended", async () => {
    const { url } = await issued(satis, 'orders', {});
    const ended = await fetch(`${gw.url}/v1/admin/users/satis/end-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(ended.status).toBe(200);
    const res = await download(url);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('never writes a ticket to its logs, even at trace level', () => {
    expect(tickets.length).toBeGreaterThan(10);
    const output = gw.output();
    expect(output.length).toBeGreaterThan(0);
    for (const ticket of tickets) expect(output).not.toContain(ticket.slice(6));
  });
});

describe('redactTicket', () => {
  it('keeps a ticket out of a logged URL but for its first characters', () => {
    const ticket = 'AbCdEf' + 'x'.repeat(37);
    expect(redactTicket(`/v1/orders?format=csv&ticket=${ticket}&q=a`)).toBe('/v1/orders?format=csv&ticket=AbCdEf…&q=a');
    expect(redactTicket(`/v1/orders?ticket=${ticket}`)).toBe('/v1/orders?ticket=AbCdEf…');
  });
});
