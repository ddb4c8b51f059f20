// The snapshot's metrics against a real gateway, embedded and clustered: the latest value of every
// key per marketplace (merged from the gateway's KPIs and producers), and the charted keys' last hour.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  METRIC_HISTORY_BUCKET_MS,
  METRIC_HISTORY_MAX_POINTS,
  METRIC_HISTORY_WINDOW_MS,
  Snapshot,
  type Delivery,
  type LiveEvent,
  type Marketplace,
} from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { postEvents, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, loginAs, waitFor, type LiveClient } from '../test/live';
import { MODES, startInMode } from '../test/modes';

const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const channelOf = (s: Snapshot, name: string) => s.channels.find((c) => c.channel === name)!;

const MIN = 60_000;

function metricEvent(values: Record<string, number>, o: { at?: number; marketplace?: Marketplace } = {}) {
  const asOf = new Date(o.at ?? Date.now()).toISOString();
  const m = o.marketplace ? { marketplace: o.marketplace } : {};
  return {
    id: randomUUID(),
    type: 'METRIC_UPDATE',
    occurredAt: asOf,
    ...m,
    payload: { window: 'today', asOf, ...m, values },
  };
}

type MetricEvent = Extract<LiveEvent, { type: 'METRIC_UPDATE' }>;
const isMetric = (e: LiveEvent): e is MetricEvent => e.type === 'METRIC_UPDATE';

/** The snapshot's metric events of one channel and marketplace (overall: undefined). */
const metricsOf = (s: Snapshot, channel: string, marketplace?: Marketplace) =>
  (channelOf(s, channel).metrics ?? []).filter(isMetric).filter((e) => e.payload.marketplace === marketplace);

describe.each(MODES)('metrics (%s)', (mode) => {
  let node: GatewayProcess;
  let token: string;
  beforeAll(async () => {
    // These tests post a producer's history in one batch: one event per report, not one merged
    // per second (coalescing has tests of its own).
    node = await startInMode(mode, { LIVE_LIMITS: 'metricWindowMs=0' });
    token = (await loginAs(node.url, 'yonetici')).accessToken;
  }, 120_000);
  afterAll(async () => {
    await node?.dispose();
  });

  async function readNode(channels: string): Promise<Snapshot> {
    const res = await fetch(`${node.url}/v1/snapshot?channels=${channels}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return Snapshot.parse(await res.json());
  }

  async function postNode(...events: unknown[]): Promise<{ channel: string; offset: number }[]> {
    const res = await postEvents(node.url, { events });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    return (res.json as { accepted: { channel: string; offset: number }[] }).accepted;
  }

  it('holds the latest value of every key per marketplace, from the gateway KPIs and a producer alike', async () => {
    const c = await connectLive(node.url, { token });
    clients.push(c);
    await c.subscribe({ channels: [{ channel: 'dashboard' }, { channel: 'analytics' }] });
    // A producer's operational figures first, then an order: the gateway's KPIs follow in the log.
    const [overall, trendyol] = await postNode(
      metricEvent({ buyboxSharePct: 71.5, syncLagSec: 12 }),
      metricEvent({ buyboxSharePct: 64, syncLagSec: 30 }, { marketplace: 'trendyol' }),
    );
    await postNode(orderCreated({ marketplace: 'trendyol' }));
    const kpiAfter = (after: { channel: string; offset: number }, marketplace?: Marketplace) =>
      waitFor(
        () =>
          c.deliveries.find(
            (d): d is Delivery & { event: MetricEvent } =>
              d.channel === after.channel &&
              d.offset > after.offset &&
              isMetric(d.event) &&
              d.event.payload.marketplace === marketplace &&
              d.event.payload.values.ordersToday !== undefined,
          ),
        `a KPI update on ${after.channel} after offset ${after.offset}`,
        30_000,
      );
    const [kpiOverall, kpiTrendyol] = await Promise.all([kpiAfter(overall!), kpiAfter(trendyol!, 'trendyol')]);
    expect(kpiOverall.event.payload.values).not.toHaveProperty('buyboxSharePct');

    // Recording runs beside delivery: wait until the snapshot has taken in the KPI updates.
    const seen = (e: MetricEvent | undefined, kpi: MetricEvent) =>
      e !== undefined && Date.parse(e.payload.asOf) >= Date.parse(kpi.payload.asOf);
    const snap = await waitFor(
      async () => {
        const s = await readNode('dashboard,analytics');
        return (
          seen(metricsOf(s, 'dashboard')[0], kpiOverall.event) &&
          seen(metricsOf(s, 'analytics', 'trendyol')[0], kpiTrendyol.event) &&
          s
        );
      },
      'the KPI updates in the snapshot',
      30_000,
    );
    const kpis = {
      ordersToday: expect.any(Number),
      ordersPerMinute: expect.any(Number),
      revenueToday: expect.any(Number),
    };
    expect(metricsOf(snap, 'dashboard')).toHaveLength(1);
    expect(metricsOf(snap, 'dashboard')[0]?.payload.values).toMatchObject({
      ...kpis,
      buyboxSharePct: 71.5,
      syncLagSec: 12,
    });
    expect(metricsOf(snap, 'analytics', 'trendyol')).toHaveLength(1);
    expect(metricsOf(snap, 'analytics', 'trendyol')[0]?.payload.values).toMatchObject({
      ...kpis,
      buyboxSharePct: 64,
      syncLagSec: 30,
    });
  }, 90_000);

  it('carries the last hour of the charted keys per marketplace, one point per 30 s bucket', async () => {
    const now = Date.now();
    const base = Math.floor((now - 10 * MIN) / METRIC_HISTORY_BUCKET_MS) * METRIC_HISTORY_BUCKET_MS;
    const pazarama = { marketplace: 'pazarama' as const };
    await postNode(
      metricEvent({ ordersPerMinute: 77, revenueToday: 1 }, { ...pazarama, at: now - 2 * 60 * MIN }),
      metricEvent({ ordersPerMinute: 1, revenueToday: 10_000 }, { ...pazarama, at: base + 1000 }),
      metricEvent({ ordersPerMinute: 3 }, { ...pazarama, at: base + 20_000 }),
      metricEvent({ ordersPerMinute: 4, revenueToday: 20_000, buyboxSharePct: 50 }, { ...pazarama, at: base + 31_000 }),
    );
    await postNode(orderCreated({ marketplace: 'hepsiburada' }));
    const historyOf = (s: Snapshot, channel: string, key: string, marketplace?: Marketplace) =>
      channelOf(s, channel).metricHistory?.find((h) => h.key === key && h.marketplace === marketplace);
    const snap = await waitFor(
      async () => {
        const s = await readNode('dashboard,analytics');
        return (
          historyOf(s, 'analytics', 'ordersPerMinute', 'pazarama')?.points.at(-1)?.[0] === base + 31_000 &&
          historyOf(s, 'analytics', 'revenueToday', 'pazarama')?.points.at(-1)?.[0] === base + 31_000 &&
          historyOf(s, 'dashboard', 'ordersPerMinute') &&
          historyOf(s, 'dashboard', 'revenueToday') &&
          s
        );
      },
      'the history in the snapshot',
      30_000,
    );
    expect(historyOf(snap, 'analytics', 'ordersPerMinute', 'pazarama')?.points).toEqual([
      [base + 20_000, 3],
      [base + 31_000, 4],
    ]);
    expect(historyOf(snap, 'analytics', 'revenueToday', 'pazarama')?.points).toEqual([
      [base + 1000, 10_000],
      [base + 31_000, 20_000],
    ]);
    expect(historyOf(snap, 'analytics', 'buyboxSharePct', 'pazarama')).toBeUndefined();
    expect(metricsOf(snap, 'analytics', 'pazarama')[0]?.payload.values).toEqual({
      ordersPerMinute: 4,
      revenueToday: 20_000,
      buyboxSharePct: 50,
    });
    // The gateway's own KPIs chart the overall figures: within the hour, one point per bucket.
    for (const series of channelOf(snap, 'dashboard').metricHistory ?? []) {
      const ats = series.points.map((p) => p[0]);
      expect(ats.length).toBeGreaterThan(0);
      expect(ats.length).toBeLessThanOrEqual(METRIC_HISTORY_MAX_POINTS);
      expect(Math.min(...ats)).toBeGreaterThanOrEqual(now - METRIC_HISTORY_WINDOW_MS - MIN);
      const buckets = ats.map((at) => Math.floor(at / METRIC_HISTORY_BUCKET_MS));
      expect(buckets).toEqual([...new Set(buckets)].sort((a, b) => a - b));
    }
  }, 90_000);
});
