// KPI publishing: METRIC_UPDATE through the ingest pipeline, overall to dashboard and per
// marketplace to analytics, and only when a value changed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery, EventInput } from '../../protocol';
import { orderCreated as fixture } from '../../protocol/test/fixtures';
import { createIngest } from '../ingest/pipeline';
import { createMemoryLog } from '../log/memoryLog';
import { startKpiPublisher, type KpiPublisher } from './kpiPublisher';
import { OrderKpis } from './orderKpis';

const NOW = Date.parse('2025-11-26T09:00:00Z');

/** A fixture order placed at NOW, so the test never straddles the Istanbul midnight. */
function orderCreated(over: Parameters<typeof fixture>[0]): EventInput {
  const e = fixture(over) as Extract<EventInput, { type: 'ORDER_NOTIFICATION' }>;
  return { ...e, payload: { ...e.payload, orderedAt: new Date(NOW).toISOString() } };
}
let publisher: KpiPublisher | undefined;
afterEach(() => publisher?.stop());

function setup() {
  const kpis = new OrderKpis(NOW);
  const deliveries: Delivery[] = [];
  const ingest = createIngest({
    log: createMemoryLog({ epoch: 'e', retention: 100 }),
    broadcast: (ds) => deliveries.push(...ds),
    now: () => NOW,
    maxBatch: 100,
    observers: [(d) => kpis.observe(d, NOW)],
    // The test drives ticks back to back; coalescing per second has tests of its own.
    metricWindowMs: 0,
  });
  // A long interval: the test drives the ticks.
  publisher = startKpiPublisher({ kpis, ingest, now: () => NOW, intervalMs: 3_600_000, onError: () => undefined });
  const metrics = () => deliveries.filter((d) => d.event.type === 'METRIC_UPDATE');
  return { ingest, publisher, metrics };
}

describe('KPI publisher', () => {
  it('publishes overall KPIs to dashboard and per marketplace to analytics, as low-priority METRIC_UPDATE', async () => {
    const { ingest, publisher, metrics } = setup();
    await ingest.ingestBody({
      events: [
        orderCreated({ total: 10_000, marketplace: 'trendyol' }),
        orderCreated({ total: 30_000, marketplace: 'trendyol' }),
        orderCreated({ total: 2_000, marketplace: 'hepsiburada' }),
      ],
    });
    expect(await publisher.tick()).toBe(3);
    const byChannel = metrics().map((d) => [
      d.channel,
      (d.event as { marketplace?: string }).marketplace ?? '*',
      (d.event.payload as { values: object }).values,
    ]);
    expect(byChannel).toEqual([
      [
        'dashboard',
        '*',
        expect.objectContaining({ ordersToday: 3, revenueToday: 42_000, aov: 14_000, ordersPerMinute: 3 }),
      ],
      ['analytics', 'trendyol', expect.objectContaining({ ordersToday: 2, revenueToday: 40_000 })],
      ['analytics', 'hepsiburada', expect.objectContaining({ ordersToday: 1, revenueToday: 2_000 })],
    ]);
    for (const d of metrics()) {
      expect(d.event.priority).toBe('low');
      expect(d.event.payload).toMatchObject({ window: 'today', asOf: new Date(NOW).toISOString() });
    }
  });

  it('publishes nothing when nothing changed, and only what changed', async () => {
    const { ingest, publisher, metrics } = setup();
    await ingest.ingestBody(orderCreated({ marketplace: 'trendyol' }));
    expect(await publisher.tick()).toBe(2);
    expect(await publisher.tick()).toBe(0);
    await ingest.ingestBody(orderCreated({ marketplace: 'hepsiburada' }));
    expect(await publisher.tick()).toBe(2); // overall and hepsiburada; trendyol unchanged
    expect(
      metrics()
        .slice(2)
        .map((d) => (d.event as { marketplace?: string }).marketplace ?? '*'),
    ).toEqual(['*', 'hepsiburada']);
  });
});
