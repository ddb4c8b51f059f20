// The stock slice from snapshots: rows rebuilt from the open alerts' latest events as if they had
// arrived live, replaced by the next snapshot of the channel, and live events applied after them.
import { describe, expect, it } from 'vitest';
import type { ChannelSnapshot, LiveEvent } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { delivery, live, stockEvent } from '../alerts/test/harness';
import { alertView, bareAlertView, snapshotOf } from '../alerts/test/snapshots';
import { batchReceived } from '../live/liveActions';
import { stockSelectors, stockSlice, type StockState } from './stockSlice';

const MIN = 60_000;
const initial = () => stockSlice.getInitialState();

function reduce(s: StockState, batch: { events?: [LiveEvent, string][]; snapshots?: ChannelSnapshot[] }) {
  const events = (batch.events ?? []).map(([e, channel]) => delivery(e, channel));
  return stockSlice.reducer(s, batchReceived({ events, ...(batch.snapshots ? { snapshots: batch.snapshots } : {}) }));
}

const oversell = (sku: string, msAgo = 0) =>
  live(stockEvent(sku, { listed: 3, msAgo }), 'critical', `OUT_OF_STOCK:${sku}`);
const pushFailed = (sku: string, msAgo = 0) =>
  live(
    stockEvent(sku, { kind: 'STOCK_PUSH_FAILED', available: 30, push: 'failed', msAgo }),
    'high',
    `STOCK_PUSH_FAILED:${sku}`,
  );
/** A plain stock change: no alert, so no snapshot has it. */
const plain = (sku: string, available: number, msAgo = 0) =>
  live(stockEvent(sku, { kind: 'STOCK_CHANGED', available, listed: available, push: 'ok', msAgo }), 'low');

const skus = (s: StockState) => stockSelectors.selectIds(s);

describe('stock from snapshots', () => {
  it('rebuilds the rows of the open alerts exactly as their events delivered live would', () => {
    const a = oversell('KOT-SLM-LCV-32', 2 * MIN);
    const b = pushFailed('TSH-PMK-BYZ-M', MIN);
    const restored = reduce(initial(), {
      snapshots: [snapshotOf('inventory', [alertView(b, 'inventory'), alertView(a, 'inventory')])],
    });
    const delivered = reduce(initial(), {
      events: [
        [a, 'inventory'],
        [b, 'inventory'],
      ],
    });
    expect(restored).toEqual(delivered);
    expect(stockSelectors.selectById(restored, 'KOT-SLM-LCV-32')).toMatchObject({
      available: 0,
      priority: 'critical',
      alertKey: 'OUT_OF_STOCK:KOT-SLM-LCV-32',
      channels: [expect.objectContaining({ marketplace: 'trendyol', listedQty: 3 }), expect.anything()],
    });
  });

  it('applies the same SKU’s alerts oldest first, and live events after the snapshot on top', () => {
    const older = oversell('KOT-SLM-LCV-32', 5 * MIN);
    const newer = pushFailed('KOT-SLM-LCV-32', 3 * MIN);
    const after = plain('KOT-SLM-LCV-32', 12);
    const s = reduce(initial(), {
      snapshots: [snapshotOf('inventory', [alertView(newer, 'inventory'), alertView(older, 'inventory')])],
    });
    expect(stockSelectors.selectById(s, 'KOT-SLM-LCV-32')).toMatchObject({ kind: 'STOCK_PUSH_FAILED' });
    // In the same batch, and in a later one.
    const same = reduce(initial(), {
      snapshots: [snapshotOf('inventory', [alertView(older, 'inventory')])],
      events: [[after, 'inventory']],
    });
    expect(stockSelectors.selectById(same, 'KOT-SLM-LCV-32')).toMatchObject({ kind: 'STOCK_CHANGED', available: 12 });
    const later = reduce(s, { events: [[after, 'inventory']] });
    expect(stockSelectors.selectById(later, 'KOT-SLM-LCV-32')).toMatchObject({ kind: 'STOCK_CHANGED', available: 12 });
  });

  it('a new snapshot of the channel replaces its restored rows: no duplicates, resolved ones gone', () => {
    const a = oversell('KOT-SLM-LCV-32', 3 * MIN);
    const b = oversell('TSH-PMK-BYZ-M', 3 * MIN);
    let s = reduce(initial(), {
      snapshots: [snapshotOf('inventory', [alertView(a, 'inventory'), alertView(b, 'inventory')])],
    });
    expect(skus(s)).toHaveLength(2);
    // The same state again: the same rows, once.
    const again = reduce(s, {
      snapshots: [snapshotOf('inventory', [alertView(a, 'inventory'), alertView(b, 'inventory')])],
    });
    expect(again).toEqual(s);
    // B's alert was resolved meanwhile (its resolving event missed): its row goes; A's moved on.
    const a2 = oversell('KOT-SLM-LCV-32', MIN);
    s = reduce(s, { snapshots: [snapshotOf('inventory', [alertView(a2, 'inventory', { count: 2 })])] });
    expect(skus(s)).toEqual(['KOT-SLM-LCV-32']);
    expect(stockSelectors.selectById(s, 'KOT-SLM-LCV-32')?.at).toBe(a2.occurredAt);
    // Nothing open any more: nothing left that only alerts stood for.
    s = reduce(s, { snapshots: [snapshotOf('inventory', [])] });
    expect(skus(s)).toEqual([]);
  });

  it('keeps what a snapshot does not speak for: rows of plain events, of other channels, and newer news', () => {
    const lost = oversell('LIVE-ALERT', 4 * MIN);
    const onGlobal = oversell('ON-GLOBAL', 4 * MIN);
    const snapped = oversell('KOT-SLM-LCV-32', 4 * MIN);
    let s = reduce(initial(), {
      events: [
        [lost, 'inventory'],
        [onGlobal, 'global'],
        [plain('PLAIN', 3, 4 * MIN), 'inventory'],
        [snapped, 'inventory'],
        // Later than its alert, and opened none: the snapshot only has the alert's event.
        [plain('KOT-SLM-LCV-32', 6, MIN), 'inventory'],
      ],
    });
    s = reduce(s, { snapshots: [snapshotOf('inventory', [alertView(snapped, 'inventory')])] });
    // LIVE-ALERT came by an alert the snapshot no longer has: resolved, as a live console would learn.
    expect([...skus(s)].sort()).toEqual(['KOT-SLM-LCV-32', 'ON-GLOBAL', 'PLAIN']);
    expect(stockSelectors.selectById(s, 'KOT-SLM-LCV-32')).toMatchObject({ kind: 'STOCK_CHANGED', available: 6 });
    // `global`'s own snapshot is the one that takes back its rows.
    s = reduce(s, { snapshots: [snapshotOf('global', [])] });
    expect(skus(s)).not.toContain('ON-GLOBAL');
    expect(skus(s)).toContain('PLAIN');
  });

  it('alerts that come without their event (an older gateway) leave the rows as they are', () => {
    const a = oversell('KOT-SLM-LCV-32', MIN);
    const s = reduce(initial(), { events: [[a, 'inventory']] });
    expect(reduce(s, { snapshots: [snapshotOf('inventory', [bareAlertView(a, 'inventory')])] })).toEqual(s);
  });

  it('learns titles from order alerts in a snapshot, as from live orders', () => {
    const order = live(orderCreated(), 'high', 'SHIP_DEADLINE_NEAR:trendyol:TY1');
    const s = reduce(initial(), { snapshots: [snapshotOf('orders', [alertView(order, 'orders')])] });
    expect(s.titles['TSH-PMK-BYZ-M']).toBe('Pamuklu Basic Tişört Beyaz M');
    expect(skus(s)).toEqual([]);
  });
});
