// The system slice from snapshots: health rows rebuilt from the open alerts' latest events (on
// `system` and on `global`) as if they had arrived live, replaced by the next snapshot of the channel.
import { describe, expect, it } from 'vitest';
import type { ChannelSnapshot, LiveEvent } from '../../../../protocol';
import { delivery, live, syncLagMetric, systemEvent } from '../alerts/test/harness';
import { alertView, snapshotOf } from '../alerts/test/snapshots';
import { batchReceived } from '../live/liveActions';
import { healthSelectors, systemSlice, type SystemState } from './systemSlice';

const MIN = 60_000;
const initial = () => systemSlice.getInitialState();

function reduce(s: SystemState, batch: { events?: [LiveEvent, string][]; snapshots?: ChannelSnapshot[] }) {
  const events = (batch.events ?? []).map(([e, channel]) => delivery(e, channel));
  return systemSlice.reducer(s, batchReceived({ events, ...(batch.snapshots ? { snapshots: batch.snapshots } : {}) }));
}

const apiError = (msAgo = 0, httpStatus = 503) =>
  live(systemEvent('trendyol', { httpStatus, msAgo }), 'high', 'API_ERROR:trendyol:orders');
const syncLag = (msAgo = 0) =>
  live(
    systemEvent('hepsiburada', { kind: 'SYNC_LAG', component: 'queue', lagSec: 420, msAgo }),
    'high',
    'SYNC_LAG:hepsiburada:queue',
  );
const outage = (msAgo = 0) =>
  live(
    systemEvent(undefined, { kind: 'API_ERROR', component: 'webhook', message: 'Webhook servisi kapalı', msAgo }),
    'critical',
    'API_ERROR:all:webhook',
  );
const keys = (s: SystemState) => [...healthSelectors.selectIds(s)].sort();

describe('system health from snapshots', () => {
  it('rebuilds health rows and lag from the open alerts exactly as their events delivered live would', () => {
    const a = apiError(3 * MIN);
    const b = syncLag(2 * MIN);
    const c = outage(MIN);
    const restored = reduce(initial(), {
      snapshots: [
        snapshotOf('system', [alertView(b, 'system'), alertView(a, 'system')]),
        snapshotOf('global', [alertView(c, 'global')]),
      ],
    });
    const delivered = reduce(initial(), {
      events: [
        [a, 'system'],
        [b, 'system'],
        [c, 'global'],
      ],
    });
    expect(restored).toEqual(delivered);
    expect(keys(restored)).toEqual(['all:webhook', 'hepsiburada:queue', 'trendyol:orders']);
    expect(healthSelectors.selectById(restored, 'trendyol:orders')).toMatchObject({
      healthy: false,
      last: { httpStatus: 503, message: 'Sipariş servisi yanıt vermiyor.' },
    });
    expect(restored.syncLag.hepsiburada).toBe(420);
  });

  it('a new snapshot replaces the channel’s restored rows: a problem now recovered is gone', () => {
    let s = reduce(initial(), {
      snapshots: [snapshotOf('system', [alertView(apiError(3 * MIN), 'system'), alertView(syncLag(MIN), 'system')])],
    });
    const again = apiError(MIN, 500);
    s = reduce(s, { snapshots: [snapshotOf('system', [alertView(again, 'system', { count: 2 })])] });
    expect(keys(s)).toEqual(['trendyol:orders']);
    expect(healthSelectors.selectById(s, 'trendyol:orders')?.last.httpStatus).toBe(500);
    // Live after it: RECOVERED makes the row healthy, as it always did.
    const recovered = live(systemEvent('trendyol', { kind: 'RECOVERED', message: 'Düzeldi' }), 'normal');
    s = reduce(s, { events: [[recovered, 'system']] });
    expect(healthSelectors.selectById(s, 'trendyol:orders')).toMatchObject({ healthy: true, alertKey: undefined });
    // A row no alert stands for stays through the next snapshot.
    s = reduce(s, { snapshots: [snapshotOf('system', [])] });
    expect(keys(s)).toEqual(['trendyol:orders']);
  });

  it('snapshot metrics and alerts together: the newest lag wins whichever brought it', () => {
    const lagAlert = syncLag(5 * MIN);
    const metric = live(syncLagMetric(30, 'hepsiburada'), 'low');
    const s = reduce(initial(), {
      snapshots: [
        snapshotOf('analytics', [], { metrics: [metric] }),
        snapshotOf('system', [alertView(lagAlert, 'system')]),
      ],
    });
    expect(s.syncLag.hepsiburada).toBe(30);
    expect(healthSelectors.selectById(s, 'hepsiburada:queue')).toMatchObject({ healthy: false });
  });
});
