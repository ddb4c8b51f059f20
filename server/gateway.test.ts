// The in-process gateway with the demo feed's traffic: the KPIs it publishes agree with the orders
// it accepted (revenue today = sum of ORDER_CREATED totals, orders today = their count).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveError, type EventInput, type SubscribeResponse } from '../protocol';
import { loadConfig } from './config';
import { DemoFeed } from './demo/feed';
import { createGateway, type Gateway } from './gateway';
import { connectLive, waitFor, type LiveClient } from './test/live';

const NOW = Date.parse('2025-11-26T09:00:00Z'); // 12:00 in Istanbul: the day cannot roll over
const STEPS = 3000;

let gateway: Gateway;
let client: LiveClient;
const dataDir = mkdtempSync(path.join(tmpdir(), 'meschain-gw-test-'));

beforeAll(async () => {
  gateway = await createGateway(
    loadConfig({ LIVE_PORT: '0', LIVE_LOG_LEVEL: 'silent', LIVE_DEMO: '1', LIVE_DATA_DIR: dataDir }),
    {
      now: () => NOW,
      kpiIntervalMs: 25,
    },
  );
  const url = await gateway.start();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  client = await connectLive(url);
  const sub = (await client.subscribe({
    channels: [{ channel: 'dashboard' }, { channel: 'analytics' }],
  })) as SubscribeResponse;
  expect(sub.results.every((r) => r.ok)).toBe(true);
});

afterAll(async () => {
  client?.close();
  await gateway?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Values = Record<string, number>;
interface Expected {
  overall: { ordersToday: number; revenueToday: number };
  byMarketplace: Record<string, { ordersToday: number; revenueToday: number }>;
}

/** The latest KPI values the gateway delivered: overall (dashboard) and per marketplace (analytics). */
function latestKpis(): Expected {
  const out: Expected = { overall: { ordersToday: -1, revenueToday: -1 }, byMarketplace: {} };
  for (const d of client.deliveries) {
    if (d.event.type !== 'METRIC_UPDATE') continue;
    const values = d.event.payload.values as Values;
    if (values.ordersToday === undefined) continue; // the feed's own metrics (stock, buy-box)
    const pick = { ordersToday: values.ordersToday, revenueToday: values.revenueToday as number };
    if (d.channel === 'dashboard' && d.event.payload.marketplace === undefined) out.overall = pick;
    if (d.channel === 'analytics' && d.event.payload.marketplace) out.byMarketplace[d.event.payload.marketplace] = pick;
  }
  return out;
}

describe('gateway KPIs under the demo feed', () => {
  it('revenueToday and ordersToday equal the sum and count of the accepted ORDER_CREATED events', async () => {
    const feed = new DemoFeed(4242);
    const expected: Expected = { overall: { ordersToday: 0, revenueToday: 0 }, byMarketplace: {} };
    let refusedSteps = 0;
    for (let i = 0; i < STEPS; i++) {
      // One step per publish, as the demo runner does.
      const events = feed.step(NOW);
      let accepted: Set<string>;
      try {
        accepted = new Set((await gateway.ingest.publish(events)).filter((a) => !a.duplicate).map((a) => a.id));
      } catch (err) {
        // A refused step is all or nothing: none of its orders count (see the feed bug in feed.test.ts).
        expect(err).toBeInstanceOf(LiveError);
        refusedSteps++;
        continue;
      }
      for (const e of events) {
        if (e.type !== 'ORDER_NOTIFICATION' || e.payload.kind !== 'ORDER_CREATED' || !accepted.has(e.id)) continue;
        add(expected.overall, e);
        add((expected.byMarketplace[e.marketplace!] ??= { ordersToday: 0, revenueToday: 0 }), e);
      }
    }
    expect(refusedSteps).toBeLessThan(STEPS / 4);
    expect(expected.overall.ordersToday).toBeGreaterThan(500);

    await waitFor(
      () => JSON.stringify(sorted(latestKpis())) === JSON.stringify(sorted(expected)),
      () => `KPIs ${JSON.stringify(latestKpis())} to equal ${JSON.stringify(sorted(expected))}`,
    );
    expect(latestKpis()).toEqual(expected);
  });
});

function add(t: { ordersToday: number; revenueToday: number }, e: Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>) {
  t.ordersToday += 1;
  t.revenueToday += e.payload.total.minor;
}

/** Marketplaces in a fixed order, so two snapshots compare as JSON. */
function sorted(x: Expected): Expected {
  return { overall: x.overall, byMarketplace: Object.fromEntries(Object.entries(x.byMarketplace).sort()) };
}
