// The alert centre and the host count alike: whatever mix of snapshots, repeats, escalations,
// acknowledgements, resolutions and reads arrives, the counts of the rows the alert centre keeps
// equal the host's (core's alert book), which the nav badge, the tray and the OS badge show. And
// no number of alerts pushes an open critical out of the alert centre.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAlerts, type AlertView, type ChannelSnapshot, type Delivery, type Priority } from '../../../../protocol';
import { AlertBook } from '../../../../core/notifications/alertBook';
import { acked, alertDelivery, read, resolved } from '../../../../core/test/alertEvents';
import { batchReceived } from '../live/liveActions';
import { alertsSelectors, alertsSlice, MAX_RESOLVED } from './alertsSlice';

const KEYS = ['LOW_STOCK:A', 'LOW_STOCK:B', 'OUT_OF_STOCK:C', 'LOW_STOCK:D', 'OUT_OF_STOCK:E'];
const at = new Date(Date.UTC(2026, 0, 1)).toISOString();

const view = (alertKey: string, priority: Priority, state: AlertView['state'], isRead: boolean): AlertView => ({
  alertKey,
  channel: 'inventory',
  type: 'INVENTORY_CHANGE',
  kind: alertKey.split(':')[0] as string,
  subject: alertKey.split(':')[1] as string,
  priority,
  state,
  title: '',
  count: 1,
  firstSeenAt: at,
  lastSeenAt: at,
  read: isRead,
});

const priority = fc.constantFrom<Priority>('critical', 'high', 'normal');
// A repeat may come on another channel (a system alert also on `global`).
const channel = fc.constantFrom('inventory', 'global');
const step = fc.oneof(
  fc.record({ t: fc.constant('seen' as const), key: fc.constantFrom(...KEYS), priority, channel }),
  fc.record({ t: fc.constantFrom('ack' as const, 'resolve' as const, 'read' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({
    t: fc.constant('snapshot' as const),
    channel,
    alerts: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom(...KEYS),
        priority,
        state: fc.constantFrom<AlertView['state']>('open', 'acknowledged'),
        read: fc.boolean(),
        // The snapshot already holds the latest event delivered live (they overlap).
        withLastEvent: fc.boolean(),
      }),
      { selector: (a) => a.key, maxLength: KEYS.length },
    ),
  }),
);

describe('alert counts: the alert centre and the host agree', () => {
  it('for any sequence of snapshots and deliveries, channel moves and overlaps included', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const book = new AlertBook();
        let state = alertsSlice.getInitialState();
        const lastDelivered = new Map<string, Delivery>();
        for (const s of steps) {
          let snapshots: ChannelSnapshot[] | undefined;
          let events: Delivery[] = [];
          if (s.t === 'snapshot') {
            const snapshot: ChannelSnapshot = {
              channel: s.channel,
              epoch: 'e1',
              offset: 1,
              alerts: s.alerts.map((a) => {
                const last = lastDelivered.get(a.key);
                return {
                  ...view(a.key, a.priority, a.state, a.read),
                  channel: s.channel,
                  ...(a.withLastEvent && last ? { lastEvent: last.event } : {}),
                };
              }),
            };
            book.applySnapshot(snapshot);
            snapshots = [snapshot];
          } else {
            const d =
              s.t === 'seen'
                ? alertDelivery({ priority: s.priority, alertKey: s.key, channel: s.channel })
                : s.t === 'ack'
                  ? acked(s.key)
                  : s.t === 'resolve'
                    ? resolved(s.key)
                    : read([s.key]);
            book.applyDelivery(d);
            events = [d];
            if (s.t === 'seen') lastDelivered.set(s.key, d);
          }
          state = alertsSlice.reducer(state, batchReceived({ events, ...(snapshots ? { snapshots } : {}) }));
          expect(countAlerts(alertsSelectors.selectAll(state))).toEqual(book.counts());
          // The same event delivered again after a snapshot that held it counts once, both sides.
          // (An event the snapshot holds, then delivered live: the seam between the two.)
          const again =
            s.t === 'snapshot'
              ? s.alerts.flatMap((a) => {
                  const last = lastDelivered.get(a.key);
                  return a.withLastEvent && last ? [{ ...last, channel: s.channel }] : [];
                })
              : [];
          for (const d of again) book.applyDelivery(d);
          if (again.length > 0) {
            state = alertsSlice.reducer(state, batchReceived({ events: again }));
            expect(countAlerts(alertsSelectors.selectAll(state))).toEqual(book.counts());
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('3 criticals followed by 2,500 other alerts are all kept; resolved history is bounded', () => {
    let state = alertsSlice.getInitialState();
    const criticals = ['X', 'Y', 'Z'].map((k) =>
      alertDelivery({ priority: 'critical', alertKey: `OUT_OF_STOCK:${k}` }),
    );
    state = alertsSlice.reducer(state, batchReceived({ events: criticals }));
    for (let i = 0; i < 2500; i += 250) {
      const events = Array.from({ length: 250 }, (_, j) =>
        alertDelivery({ priority: (i + j) % 2 ? 'high' : 'normal', alertKey: `LOW_STOCK:S${i + j}` }),
      );
      state = alertsSlice.reducer(state, batchReceived({ events }));
    }
    const rows = alertsSelectors.selectAll(state);
    expect(rows).toHaveLength(2503);
    expect(countAlerts(rows).open.critical).toBe(3);
    const resolvedAll = rows.map((r) => resolved(r.alertKey));
    state = alertsSlice.reducer(state, batchReceived({ events: resolvedAll }));
    expect(alertsSelectors.selectAll(state)).toHaveLength(MAX_RESOLVED);
  });
});
