// The alerts slice from snapshots: an alert loaded from a snapshot has its latest event, so its row
// shows the same details as one that arrived live; an event the snapshot already held is not counted twice.
import { describe, expect, it } from 'vitest';
import type { ChannelSnapshot, LiveEvent } from '../../../../protocol';
import { initI18n } from '../../i18n';
import { batchReceived } from '../live/liveActions';
import { alertsSelectors, alertsSlice } from './alertsSlice';
import { detailOf } from './describe';
import { delivery, live, priceEvent, stockEvent, systemEvent } from './test/harness';
import { alertView, bareAlertView, snapshotOf } from './test/snapshots';

type State = ReturnType<typeof alertsSlice.getInitialState>;
const initial = () => alertsSlice.getInitialState();
const t = initI18n('tr').t;

function reduce(s: State, batch: { events?: [LiveEvent, string][]; snapshots?: ChannelSnapshot[] }) {
  const events = (batch.events ?? []).map(([e, channel]) => delivery(e, channel));
  return alertsSlice.reducer(s, batchReceived({ events, ...(batch.snapshots ? { snapshots: batch.snapshots } : {}) }));
}

const oversell = live(stockEvent('KOT-SLM-LCV-32', { listed: 3 }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32');
const lost = live(
  priceEvent('SPR-AYK-SYH-42', { ours: 129_900, winner: 127_500 }),
  'high',
  'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
);
const apiError = live(systemEvent('trendyol', { httpStatus: 503 }), 'high', 'API_ERROR:trendyol:orders');

describe('alerts from snapshots', () => {
  it('a restored alert carries its latest event and reads like one that arrived live', () => {
    const restored = reduce(initial(), {
      snapshots: [
        snapshotOf('inventory', [alertView(oversell, 'inventory')]),
        snapshotOf('prices', [alertView(lost, 'prices')]),
        snapshotOf('system', [alertView(apiError, 'system')]),
      ],
    });
    const delivered = reduce(initial(), {
      events: [
        [oversell, 'inventory'],
        [lost, 'prices'],
        [apiError, 'system'],
      ],
    });
    for (const e of [oversell, lost, apiError]) {
      const key = (e as { alertKey: string }).alertKey;
      const row = alertsSelectors.selectById(restored, key)!;
      expect(row.lastEvent).toEqual(e);
      expect(detailOf(t, row, 'tr')).toBe(detailOf(t, alertsSelectors.selectById(delivered, key)!, 'tr'));
    }
    const detail = (key: string) => detailOf(t, alertsSelectors.selectById(restored, key)!, 'tr');
    expect(detail('OUT_OF_STOCK:KOT-SLM-LCV-32')).toContain('Hâlâ satışta: Trendyol (3)');
    expect(detail('BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42')).toContain('₺1.275,00');
    expect(detail('API_ERROR:trendyol:orders')).toBe('Not: “Sipariş servisi yanıt vermiyor.”');
  });

  it('a newer snapshot replaces the event; one without events keeps what the console had', () => {
    let s = reduce(initial(), { events: [[oversell, 'inventory']] });
    s = reduce(s, { snapshots: [snapshotOf('inventory', [bareAlertView(oversell, 'inventory')])] });
    expect(alertsSelectors.selectById(s, 'OUT_OF_STOCK:KOT-SLM-LCV-32')?.lastEvent).toEqual(oversell);
    const repeat = live(stockEvent('KOT-SLM-LCV-32', { listed: 5 }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32');
    s = reduce(s, { snapshots: [snapshotOf('inventory', [alertView(repeat, 'inventory', { count: 2 })])] });
    expect(alertsSelectors.selectById(s, 'OUT_OF_STOCK:KOT-SLM-LCV-32')).toMatchObject({
      count: 2,
      lastEvent: repeat,
    });
  });

  it('an event the snapshot already held, delivered live after it, is not counted again', () => {
    const repeat = live(stockEvent('KOT-SLM-LCV-32', { listed: 5 }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32');
    let s = reduce(initial(), {
      snapshots: [snapshotOf('inventory', [alertView(repeat, 'inventory', { count: 2 })])],
      events: [[repeat, 'inventory']],
    });
    expect(alertsSelectors.selectById(s, 'OUT_OF_STOCK:KOT-SLM-LCV-32')?.count).toBe(2);
    const next = live(stockEvent('KOT-SLM-LCV-32', { listed: 6 }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32');
    s = reduce(s, { events: [[next, 'inventory']] });
    expect(alertsSelectors.selectById(s, 'OUT_OF_STOCK:KOT-SLM-LCV-32')).toMatchObject({ count: 3, lastEvent: next });
  });
});

describe('alerts order', () => {
  const at = (e: LiveEvent, iso: string): LiveEvent => ({ ...e, id: crypto.randomUUID(), occurredAt: iso });
  const keys = {
    oversell: 'OUT_OF_STOCK:KOT-SLM-LCV-32',
    lost: 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
    apiError: 'API_ERROR:trendyol:orders',
  };

  it('newest first, and a repeat moves its alert back to the top', () => {
    let s = reduce(initial(), {
      events: [
        [at(oversell, '2026-11-26T09:00:00Z'), 'inventory'],
        [at(lost, '2026-11-26T09:01:00Z'), 'prices'],
        [at(apiError, '2026-11-26T09:02:00+03:00'), 'system'], // 06:02Z: the oldest, offsets count
      ],
    });
    expect(alertsSelectors.selectIds(s)).toEqual([keys.lost, keys.oversell, keys.apiError]);
    s = reduce(s, { events: [[at(apiError, '2026-11-26T09:05:00Z'), 'system']] });
    expect(alertsSelectors.selectIds(s)).toEqual([keys.apiError, keys.lost, keys.oversell]);
    expect(alertsSelectors.selectById(s, keys.apiError)?.count).toBe(2);
  });

  it('a late repeat and a new older alert land in their places; a snapshot re-sorts everything', () => {
    let s = reduce(initial(), {
      events: [
        [at(oversell, '2026-11-26T09:00:00Z'), 'inventory'],
        [at(lost, '2026-11-26T09:01:00Z'), 'prices'],
        [at(apiError, '2026-11-26T06:02:00Z'), 'system'],
      ],
    });
    const older = live(stockEvent('OTHER-SKU-1', { listed: 1 }), 'critical', 'OUT_OF_STOCK:OTHER-SKU-1');
    s = reduce(s, {
      events: [
        [at(apiError, '2026-11-26T09:00:30Z'), 'system'], // between the two others, not on top
        [at(older, '2026-11-26T05:00:00Z'), 'inventory'], // new, and the oldest of all
      ],
    });
    expect(alertsSelectors.selectIds(s)).toEqual([keys.lost, keys.apiError, keys.oversell, 'OUT_OF_STOCK:OTHER-SKU-1']);
    s = reduce(s, {
      snapshots: [snapshotOf('inventory', [alertView(oversell, 'inventory', { lastSeenAt: '2026-11-26T10:00:00Z' })])],
    });
    expect(alertsSelectors.selectIds(s)[0]).toBe(keys.oversell);
  });
});

describe('alerts: the cost of a batch', () => {
  /** `count` open alerts whose `state` counts how often it is read. */
  function watched(count: number): { state: State; reads: () => number } {
    let reads = 0;
    const events = Array.from({ length: count }, (_, i): [LiveEvent, string] => [
      live(stockEvent(`SKU-${i}`, { listed: 1 }), 'high', `LOW_STOCK:SKU-${i}`),
      'inventory',
    ]);
    const loaded = reduce(initial(), { events });
    const entities = Object.fromEntries(
      loaded.ids.map((id) => {
        const row: Record<string, unknown> = { ...loaded.entities[id] };
        const value = row.state;
        delete row.state;
        Object.defineProperty(row, 'state', {
          enumerable: true,
          get: () => {
            reads += 1;
            return value;
          },
        });
        return [id, Object.freeze(row)];
      }),
    ) as unknown as State['entities'];
    // Frozen as the store's state is (Immer would otherwise walk it to freeze it, reading each row).
    return {
      state: Object.freeze({ ids: Object.freeze([...loaded.ids]) as string[], entities: Object.freeze(entities) }),
      reads: () => reads,
    };
  }

  it('a batch that resolves nothing does not read every alert (the resolved bound cannot be passed)', () => {
    const { state, reads } = watched(600);
    const next = reduce(state, {
      events: [[live(priceEvent('SPR-AYK-SYH-42', { ours: 1, winner: 2 }), 'normal'), 'prices']],
    });
    expect(next.ids).toHaveLength(600);
    expect(reads()).toBe(0);
  });
});
