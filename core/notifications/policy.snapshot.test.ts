// Alerts that arrive in a snapshot (the log could not replay them to this client) notify like
// their events would have: open, unread, high or critical, not snoozed, not yet shown.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, type AlertView, type ChannelSnapshot } from '../../protocol';
import { emptyPolicyState, fromSnapshot, remind, unreadCounts } from './policy';

const NOW = Date.UTC(2026, 10, 26, 9);
const ctx = { prefs: DEFAULT_NOTIFICATION_PREFS, now: NOW, language: 'tr' as const, userId: 'u1' };

function alert(over: Partial<AlertView> = {}): AlertView {
  return {
    alertKey: 'AUTH_FAILED:trendyol:orders',
    channel: 'system',
    type: 'SYSTEM_ALERT',
    kind: 'AUTH_FAILED',
    subject: 'trendyol:orders',
    priority: 'critical',
    state: 'open',
    title: 'Trendyol API anahtarı reddedildi',
    count: 3,
    firstSeenAt: new Date(NOW - 60_000).toISOString(),
    lastSeenAt: new Date(NOW - 1000).toISOString(),
    read: false,
    ...over,
  };
}

const snapshot = (alerts: AlertView[]): ChannelSnapshot => ({ channel: 'system', epoch: 'e1', offset: 10, alerts });

describe('notifications from a snapshot', () => {
  it('show an open unread critical alert with sound, sticky, with its count, and remind of it later', () => {
    const r = fromSnapshot(snapshot([alert()]), ctx, emptyPolicyState());
    expect(r.commands).toEqual([
      expect.objectContaining({
        op: 'show',
        id: 'AUTH_FAILED:trendyol:orders',
        priority: 'critical',
        reach: 'os',
        sound: true,
        sticky: true,
        title: 'Yetkilendirme hatası',
        count: 3,
      }),
    ]);
    expect(unreadCounts(r.state).critical).toBe(1);
    const later = remind({ ...ctx, now: NOW + 5 * 60_000 }, r.state);
    expect(later.commands).toEqual([
      expect.objectContaining({ op: 'show', reminder: true, title: 'Yetkilendirme hatası' }),
    ]);
  });

  it('skip read, acknowledged, resolved, snoozed, low and normal alerts, and ones already shown', () => {
    const skipped = [
      alert({ alertKey: 'a1', read: true }),
      alert({ alertKey: 'a2', state: 'acknowledged' }),
      alert({ alertKey: 'a3', state: 'resolved' }),
      alert({ alertKey: 'a4', snoozedUntil: new Date(NOW + 60_000).toISOString() }),
      alert({ alertKey: 'a5', priority: 'normal' }),
      alert({ alertKey: 'a6', priority: 'low' }),
    ];
    expect(fromSnapshot(snapshot(skipped), ctx, emptyPolicyState()).commands).toEqual([]);
    const once = fromSnapshot(snapshot([alert()]), ctx, emptyPolicyState());
    expect(fromSnapshot(snapshot([alert()]), ctx, once.state).commands).toEqual([]);
  });

  it('follow the settings for high alerts (muted channel → nothing), while critical still rings', () => {
    const muted = { ...ctx, prefs: { ...DEFAULT_NOTIFICATION_PREFS, mutedChannels: ['system'] } };
    const r = fromSnapshot(
      snapshot([alert({ alertKey: 'h', priority: 'high' }), alert({ alertKey: 'c' })]),
      muted,
      emptyPolicyState(),
    );
    expect(r.commands.map((c) => (c.op === 'show' ? c.id : c.op))).toEqual(['c']);
  });
});
