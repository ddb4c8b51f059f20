// METRIC_UPDATE per channel and marketplace: at most one enters the log per window; the rest of
// the window is merged (for each key, the value with the latest asOf) into one event at its end.
// A merged event's sender is answered at once (`coalesced`); nothing else is ever held back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, EventInput } from '../../protocol';
import { metricUpdate, orderCreated } from '../../protocol/test/fixtures';
import type { ChannelLog } from '../log/channelLog';
import { createMemoryLog } from '../log/memoryLog';
import { createIngest } from './pipeline';

const WINDOW = 1000;
const T0 = Date.parse('2026-11-26T09:00:00Z');

function metric(values: Record<string, number>, over: { marketplace?: 'trendyol'; asOfMs?: number } = {}): EventInput {
  const e = metricUpdate(values) as Extract<EventInput, { type: 'METRIC_UPDATE' }>;
  const asOf = new Date(over.asOfMs ?? Date.now()).toISOString();
  const mp = over.marketplace ? { marketplace: over.marketplace } : {};
  return { ...e, ...(over.marketplace ? { channel: 'analytics' } : {}), payload: { ...e.payload, asOf, ...mp } };
}

function setup(log: ChannelLog = createMemoryLog({ epoch: 'e1', retention: 1000 })) {
  const broadcasts: Delivery[] = [];
  const errors: unknown[] = [];
  const ingest = createIngest({
    log,
    broadcast: (ds) => broadcasts.push(...ds),
    now: () => Date.now(),
    maxBatch: 100,
    metricWindowMs: WINDOW,
    onCoalesceError: (e) => errors.push(e),
  });
  const metrics = () => broadcasts.filter((d) => d.event.type === 'METRIC_UPDATE');
  const valuesOf = (d: Delivery | undefined) =>
    d?.event.type === 'METRIC_UPDATE' ? d.event.payload.values : undefined;
  return { ingest, broadcasts, metrics, valuesOf, errors };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('METRIC_UPDATE coalescing', () => {
  it('the first of a window goes at once; the rest of the window become one merged event at its end', async () => {
    const t = setup();
    const first = metric({ buyboxSharePct: 70, syncLagSec: 10 });
    expect(await t.ingest.ingestBody(first)).toEqual([
      { id: first.id, channel: 'dashboard', offset: 1, duplicate: false },
    ]);

    const later = [metric({ buyboxSharePct: 71 }), metric({ syncLagSec: 30 }), metric({ buyboxSharePct: 72 })];
    for (const e of later) {
      expect(await t.ingest.ingestBody(e)).toEqual([
        { id: e.id, channel: 'dashboard', duplicate: false, coalesced: true },
      ]);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(t.metrics()).toHaveLength(1); // nothing more within the window
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(t.metrics()).toHaveLength(2);
    expect(t.valuesOf(t.metrics()[1])).toEqual({ buyboxSharePct: 72, syncLagSec: 30 });
    expect(t.metrics()[1]?.offset).toBe(2);
  });

  it('merges by asOf, not by arrival: a late, older report does not overwrite a newer value', async () => {
    const t = setup();
    await t.ingest.ingestBody(metric({ syncLagSec: 1 }));
    await t.ingest.ingestBody(metric({ syncLagSec: 50, buyboxSharePct: 60 }, { asOfMs: T0 + 500 }));
    await t.ingest.ingestBody(metric({ syncLagSec: 20 }, { asOfMs: T0 - 500 }));
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(t.valuesOf(t.metrics()[1])).toEqual({ syncLagSec: 50, buyboxSharePct: 60 });
  });

  it('each channel and marketplace has a window of its own; other events are never held', async () => {
    const t = setup();
    await t.ingest.ingestBody(metric({ ordersToday: 1 }));
    await t.ingest.ingestBody(metric({ ordersToday: 1 }, { marketplace: 'trendyol' }));
    expect(t.metrics().map((d) => d.channel)).toEqual(['dashboard', 'analytics']);
    await t.ingest.ingestBody(metric({ ordersToday: 2 }));
    const order = orderCreated();
    expect(await t.ingest.ingestBody({ events: [order] })).toMatchObject([{ channel: 'orders', offset: 1 }]);
    expect(t.broadcasts.at(-1)?.event.id).toBe(order.id);
  });

  it('a repeat of a merged id is a duplicate (with the merged place once it is in), never sent twice', async () => {
    const t = setup();
    await t.ingest.ingestBody(metric({ ordersToday: 1 }));
    const merged = metric({ ordersToday: 2 });
    await t.ingest.ingestBody(merged);
    expect(await t.ingest.ingestBody(merged)).toEqual([
      { id: merged.id, channel: 'dashboard', duplicate: true, coalesced: true },
    ]);
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(t.metrics()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(await t.ingest.ingestBody(merged)).toEqual([
      { id: merged.id, channel: 'dashboard', offset: 2, duplicate: true },
    ]);
    expect(t.metrics()).toHaveLength(2);
  });

  it('a merged event the log refuses is tried again, with what came meanwhile, not dropped', async () => {
    const memory = createMemoryLog({ epoch: 'e1', retention: 1000 });
    let down = false;
    const log: ChannelLog = {
      ...memory,
      append: (c, e) => (down ? Promise.reject(new Error('log down')) : memory.append(c, e)),
    };
    const t = setup(log);
    await t.ingest.ingestBody(metric({ ordersToday: 1 }));
    await t.ingest.ingestBody(metric({ ordersToday: 2 }));
    down = true;
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(t.errors).toHaveLength(1);
    await t.ingest.ingestBody(metric({ syncLagSec: 9 }));
    down = false;
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(t.metrics()).toHaveLength(2);
    expect(t.valuesOf(t.metrics()[1])).toEqual({ ordersToday: 2, syncLagSec: 9 });
  });

  it('idle() (a drain) commits what waits at once', async () => {
    const t = setup();
    await t.ingest.ingestBody(metric({ ordersToday: 1 }));
    await t.ingest.ingestBody(metric({ ordersToday: 2 }));
    await t.ingest.idle();
    expect(t.metrics()).toHaveLength(2);
  });
});
