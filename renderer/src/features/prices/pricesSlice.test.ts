// The prices slice from snapshots: rows rebuilt from the open alerts' latest events as if they had
// arrived live, replaced by the next snapshot of the channel, and live events applied after them.
import { describe, expect, it } from 'vitest';
import type { ChannelSnapshot, LiveEvent } from '../../../../protocol';
import { delivery, live, priceEvent } from '../alerts/test/harness';
import { alertView, snapshotOf } from '../alerts/test/snapshots';
import { batchReceived } from '../live/liveActions';
import { pricesSelectors, pricesSlice } from './pricesSlice';

type State = ReturnType<typeof pricesSlice.getInitialState>;
const MIN = 60_000;
const initial = () => pricesSlice.getInitialState();

function reduce(s: State, batch: { events?: [LiveEvent, string][]; snapshots?: ChannelSnapshot[] }) {
  const events = (batch.events ?? []).map(([e, channel]) => delivery(e, channel));
  return pricesSlice.reducer(s, batchReceived({ events, ...(batch.snapshots ? { snapshots: batch.snapshots } : {}) }));
}

const lost = (sku: string, msAgo = 0, winner = 127_500) =>
  live(priceEvent(sku, { winner, msAgo }), 'high', `BUYBOX_LOST:hepsiburada:${sku}`);
const rejected = (sku: string, msAgo = 0) =>
  live(priceEvent(sku, { kind: 'PRICE_REJECTED', msAgo }), 'high', `PRICE_REJECTED:hepsiburada:${sku}`);
const keys = (s: State) => [...pricesSelectors.selectIds(s)].sort();

describe('prices from snapshots', () => {
  it('rebuilds the rows of the open alerts exactly as their events delivered live would', () => {
    const a = lost('SPR-AYK-SYH-42', 3 * MIN);
    const b = rejected('KLM-TUK-BLU', 2 * MIN);
    // Same SKU and marketplace: the rejection (later) keeps the buy-box the loss reported.
    const c = rejected('SPR-AYK-SYH-42', MIN);
    const restored = reduce(initial(), {
      snapshots: [snapshotOf('prices', [alertView(c, 'prices'), alertView(b, 'prices'), alertView(a, 'prices')])],
    });
    const delivered = reduce(initial(), {
      events: [
        [a, 'prices'],
        [b, 'prices'],
        [c, 'prices'],
      ],
    });
    expect(restored).toEqual(delivered);
    expect(pricesSelectors.selectById(restored, 'hepsiburada:SPR-AYK-SYH-42')).toMatchObject({
      kind: 'PRICE_REJECTED',
      buybox: { winnerPrice: { minor: 127_500 }, isOurs: false },
      alertKey: 'PRICE_REJECTED:hepsiburada:SPR-AYK-SYH-42',
    });
  });

  it('a new snapshot of the channel replaces its restored rows; live events apply after it', () => {
    const a = lost('SPR-AYK-SYH-42', 3 * MIN);
    const b = lost('DFT-SPR-A5', 3 * MIN);
    let s = reduce(initial(), { snapshots: [snapshotOf('prices', [alertView(a, 'prices'), alertView(b, 'prices')])] });
    expect(keys(s)).toEqual(['hepsiburada:DFT-SPR-A5', 'hepsiburada:SPR-AYK-SYH-42']);
    // B won its buy-box back meanwhile (the BUYBOX_WON missed): its row goes. A lost again, worse.
    const a2 = lost('SPR-AYK-SYH-42', MIN, 120_000);
    const won = live(priceEvent('SPR-AYK-SYH-42', { kind: 'PRICE_CHANGED', ours: 119_900 }), 'low');
    s = reduce(s, { snapshots: [snapshotOf('prices', [alertView(a2, 'prices')])], events: [[won, 'prices']] });
    expect(keys(s)).toEqual(['hepsiburada:SPR-AYK-SYH-42']);
    expect(pricesSelectors.selectById(s, 'hepsiburada:SPR-AYK-SYH-42')).toMatchObject({
      kind: 'PRICE_CHANGED',
      salePrice: { minor: 119_900 },
      at: won.occurredAt,
    });
  });

  it('keeps a row whose later plain change the snapshot cannot know of', () => {
    const a = lost('SPR-AYK-SYH-42', 3 * MIN);
    const change = live(priceEvent('SPR-AYK-SYH-42', { kind: 'COMPETITOR_UNDERCUT', msAgo: MIN }), 'normal');
    let s = reduce(initial(), {
      events: [
        [a, 'prices'],
        [change, 'prices'],
      ],
    });
    const before = pricesSelectors.selectById(s, 'hepsiburada:SPR-AYK-SYH-42');
    s = reduce(s, { snapshots: [snapshotOf('prices', [alertView(a, 'prices')])] });
    expect(pricesSelectors.selectById(s, 'hepsiburada:SPR-AYK-SYH-42')).toEqual(before);
  });
});
