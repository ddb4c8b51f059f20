// The book of the user's alerts: snapshots replace a channel's alerts, deliveries move them by the
// shared rules, and its bound never drops an open critical or high.
import { describe, expect, it } from 'vitest';
import type { AlertView, ChannelSnapshot } from '../../protocol';
import { acked, alertDelivery, read, resolved } from '../test/alertEvents';
import { AlertBook, MAX_BOOK_ALERTS } from './alertBook';

const at = new Date(0).toISOString();
const view = (alertKey: string, over: Partial<AlertView> = {}): AlertView => ({
  alertKey,
  channel: 'inventory',
  type: 'INVENTORY_CHANGE',
  kind: 'LOW_STOCK',
  subject: alertKey,
  priority: 'high',
  state: 'open',
  title: '',
  count: 1,
  firstSeenAt: at,
  lastSeenAt: at,
  read: false,
  ...over,
});
const snap = (alerts: AlertView[], channel = 'inventory'): ChannelSnapshot => ({
  channel,
  epoch: 'e',
  offset: 1,
  alerts,
});

describe('alert book', () => {
  it('resolved alerts leave it; a resolved one seen again is open and unread', () => {
    const b = new AlertBook();
    b.applySnapshot(snap([view('A'), view('B', { state: 'resolved' })]));
    expect(b.counts().open.high).toBe(1);
    b.applyDelivery(resolved('A'));
    expect(b.counts().open.high).toBe(0);
    b.applyDelivery(alertDelivery({ priority: 'critical', alertKey: 'A' }));
    expect(b.counts()).toMatchObject({ open: { critical: 1 }, unread: { critical: 1 } });
    expect(b.openCriticalKeys()).toEqual(['A']);
  });

  it('user channels carry no alerts and change nothing; unrelated events change nothing', () => {
    const b = new AlertBook();
    b.applySnapshot(snap([view('A')]));
    b.applySnapshot({ channel: 'user-u1', epoch: 'e', offset: 1 });
    expect(b.counts().open.high).toBe(1);
    expect(b.applyDelivery(alertDelivery({ fixture: 'orderCreated', alertKey: null }))).toBe(false);
    expect(b.applyDelivery(acked('A'))).toBe(true);
    expect(b.applyDelivery(read(['NOPE']))).toBe(true);
    expect(b.counts().open.high).toBe(0);
  });

  it(`past ${MAX_BOOK_ALERTS} alerts the oldest normal and acknowledged go first, never an open critical or high`, () => {
    const b = new AlertBook();
    const system = { channel: 'system' } as const;
    b.applySnapshot(
      snap(
        [view('CRIT', { priority: 'critical', ...system }), view('HIGH', { priority: 'high', ...system })],
        'system',
      ),
    );
    const many = Array.from({ length: MAX_BOOK_ALERTS + 10 }, (_, i) => view(`N${i}`, { priority: 'normal' }));
    b.applySnapshot(snap(many));
    expect(b.counts().open).toEqual({ critical: 1, high: 1, normal: MAX_BOOK_ALERTS - 2, low: 0 });
  });
});
