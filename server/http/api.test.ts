// The HTTP API of a real gateway process: ingest, its refusals (with nothing leaking to sockets),
// probes, self-description and the error body of every failure.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, type SubscribeResponse } from '../../protocol';
import { orderCreated, systemAlert } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, TEST_INGEST_TOKEN, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, type LiveClient } from '../test/live';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

let gw: GatewayProcess;
let client: LiveClient;

beforeAll(async () => {
  gw = await startGatewayProcess();
  client = await connectLive(gw.url);
  const ack = (await client.subscribe({
    channels: [{ channel: 'orders' }, { channel: 'system' }, { channel: 'inventory' }],
  })) as SubscribeResponse;
  expect(ack.results.every((r) => r.ok)).toBe(true);
});

afterAll(async () => {
  client?.close();
  await gw?.dispose();
});

/** Posts a valid marker event and waits for it: everything broadcast before it has arrived too. */
async function deliveredSoFar(): Promise<string[]> {
  const marker = orderCreated();
  expect((await postEvents(gw.url, marker)).status).toBe(202);
  await client.waitForEvent(marker.id);
  return client.deliveries.map((d) => d.event.id);
}

function expectError(json: unknown, code: string) {
  const parsed = ErrorBody.safeParse(json);
  expect(parsed.success, JSON.stringify(json)).toBe(true);
  expect(parsed.data!.error.code).toBe(code);
  expect(parsed.data!.error.message.length).toBeGreaterThan(0);
}

async function raw(path: string, init: RequestInit = {}) {
  const res = await fetch(`${gw.url}${path}`, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

describe('POST /v1/events', () => {
  it('accepts a valid event: 202 with its id, channel, offset and duplicate: false', async () => {
    const a = orderCreated();
    const b = orderCreated();
    const ra = await postEvents(gw.url, a);
    const rb = await postEvents(gw.url, { events: [b] });
    expect(ra).toEqual({
      status: 202,
      json: { accepted: [{ id: a.id, channel: 'orders', offset: expect.any(Number), duplicate: false }] },
    });
    const offsetA = (ra.json as { accepted: { offset: number }[] }).accepted[0]!.offset;
    expect(rb.json).toEqual({ accepted: [{ id: b.id, channel: 'orders', offset: offsetA + 1, duplicate: false }] });
    // Both reached a subscribed console, enriched with a priority.
    const delivered = await client.waitForEvent(b.id);
    expect((await client.waitForEvent(a.id)).offset).toBe(offsetA);
    expect(delivered).toMatchObject({
      channel: 'orders',
      offset: offsetA + 1,
      event: { id: b.id, priority: 'normal' },
    });
  });

  it('answers a repeat with duplicate: true at the original offset', async () => {
    const e = systemAlert();
    const first = await postEvents(gw.url, e);
    const again = await postEvents(gw.url, e);
    const place = (first.json as { accepted: { offset: number }[] }).accepted[0]!;
    expect(again).toEqual({
      status: 202,
      json: { accepted: [{ id: e.id, channel: 'system', offset: place.offset, duplicate: true }] },
    });
    const ids = await deliveredSoFar();
    expect(ids.filter((id) => id === e.id)).toHaveLength(1);
  });

  it('refuses a batch with a bad event: 400 validation_failed with issues, and no socket receives any of it', async () => {
    const good = orderCreated();
    const bad = { ...systemAlert(), occurredAt: '26.11.2025 14:05' };
    const before = client.deliveries.length;
    const res = await postEvents(gw.url, { events: [good, bad] });
    expect(res.status).toBe(400);
    expectError(res.json, 'validation_failed');
    const issues = (res.json as ErrorBody).error.details?.issues as { path: string; message: string }[];
    expect(issues).toEqual([{ path: 'events.1.occurredAt', message: expect.any(String) }]);
    const ids = await deliveredSoFar();
    expect(ids.slice(before)).toHaveLength(1); // the marker only
    expect(ids).not.toContain(good.id);
    expect(ids).not.toContain(bad.id);
  });

  it('refuses a wrong or missing service token with 401 and an error body, delivering nothing', async () => {
    const e = orderCreated();
    const wrong = await postEvents(gw.url, e, 'not-the-token-but-long-enough');
    expect(wrong.status).toBe(401);
    expectError(wrong.json, 'unauthorized');
    const missing = await raw('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(e),
    });
    expect(missing.status).toBe(401);
    expectError(missing.json, 'unauthorized');
    const notBearer = await raw('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TEST_INGEST_TOKEN },
      body: JSON.stringify(e),
    });
    expect(notBearer.status).toBe(401);
    expect(await deliveredSoFar()).not.toContain(e.id);
  });

  const post = (body: string, contentType = 'application/json') =>
    raw('/v1/events', {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${TEST_INGEST_TOKEN}` },
      body,
    });

  it('invalid JSON → 400 bad_request', async () => {
    const res = await post('{"events": [ {"id": ');
    expect(res.status).toBe(400);
    expectError(res.json, 'bad_request');
  });

  it('a body over 1 MiB → 413 payload_too_large', async () => {
    const big = JSON.stringify({ events: [{ ...orderCreated(), pad: 'x'.repeat(1024 * 1024) }] });
    const res = await post(big);
    expect(res.status).toBe(413);
    expectError(res.json, 'payload_too_large');
  });

  it('a body just under 1 MiB is read (and judged on its content)', async () => {
    const e = orderCreated() as Extract<ReturnType<typeof orderCreated>, { type: 'ORDER_NOTIFICATION' }>;
    const body = JSON.stringify({ ...e, payload: { ...e.payload, customerCity: 'x'.repeat(1000 * 1000) } });
    const res = await post(body);
    expect(res.status).toBe(400);
    expectError(res.json, 'validation_failed');
  });

  it('a body in another media type → 415 unsupported_media_type', async () => {
    const res = await post('<events/>', 'application/xml');
    expect(res.status).toBe(415);
    expectError(res.json, 'unsupported_media_type');
  });
});

describe('probes and self-description', () => {
  it('GET /healthz → 200', async () => {
    expect(await raw('/healthz')).toEqual({ status: 200, json: { status: 'ok' } });
  });

  it('GET /v1/info → version, demo, features', async () => {
    const res = await raw('/v1/info');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ version: pkg.version, demo: true, features: expect.arrayContaining(['ingest']) });
    expect((res.json as { features: unknown[] }).features.every((f) => typeof f === 'string')).toBe(true);
  });

  it('an unknown path → 404 with an error body', async () => {
    for (const [path, method] of [
      ['/v1/nothing', 'GET'],
      ['/v1/events/123', 'GET'],
      ['/v1/nothing', 'POST'],
    ] as const) {
      const res = await raw(path, { method, headers: { accept: 'application/json' } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expectError(res.json, 'not_found');
    }
  });
});
