// The notification policy: only alerts notify; defaults per priority, quiet hours, mutes, the sound
// switch and the OS's do-not-disturb, collapsing (not after the person closed it, not when it got
// worse), flood control over a rolling minute, catch-up replays, clearing on acknowledgement
// anywhere, snoozes and reminders of critical alerts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, type Delivery, type NotificationPrefs } from '../../protocol';
import { acked, alertDelivery, ME, OTHER, read, resolved, shownCounts, snoozed } from '../test/alertEvents';
import {
  decide,
  dismissed,
  emptyPolicyState,
  inQuietHours,
  remind,
  type PolicyContext,
  type PolicyState,
} from './policy';

const T0 = Date.UTC(2024, 0, 15, 9, 0); // 12:00 in Istanbul
const MIN = 60_000;

function prefsWith(over: Partial<NotificationPrefs> = {}): NotificationPrefs {
  return { ...structuredClone(DEFAULT_NOTIFICATION_PREFS), ...over };
}

/** Feeds deliveries (each at its time) through decide, keeping the state. */
function policy(prefs = prefsWith(), state: PolicyState = emptyPolicyState(), extra: Partial<PolicyContext> = {}) {
  const ctx = (now: number): PolicyContext => ({ prefs, now, userId: ME.id, ...extra });
  return {
    get state() {
      return state;
    },
    decide(d: Delivery, now = T0, catchUp = false) {
      const r = decide(d, ctx(now), state, catchUp);
      state = r.state;
      return r.commands;
    },
    dismiss(id: string) {
      state = dismissed(id, state);
    },
    remind(now: number) {
      const r = remind(ctx(now), state);
      state = r.state;
      return r.commands;
    },
  };
}

describe('notification policy: defaults', () => {
  it.each([
    ['critical', { op: 'show', reach: 'os', sound: true, sticky: true }],
    ['high', { op: 'show', reach: 'os', sound: true, sticky: false }],
    ['normal', { op: 'show', reach: 'toast', sound: false, sticky: false }],
  ] as const)('%s → %o', (priority, expected) => {
    const d = alertDelivery({ priority, alertKey: 'LOW_STOCK:KOT-SLM-LCV-32' });
    const cmds = policy().decide(d);
    expect(cmds).toEqual([
      expect.objectContaining({
        ...expected,
        id: 'LOW_STOCK:KOT-SLM-LCV-32',
        priority,
        alertKey: 'LOW_STOCK:KOT-SLM-LCV-32',
        eventId: d.event.id,
        channel: 'inventory',
        count: 1,
        about: expect.objectContaining({ type: 'INVENTORY_CHANGE', kind: 'LOW_STOCK', event: d.event }),
        target: { view: 'stock', item: 'KOT-SLM-LCV-32' },
      }),
    ]);
  });

  it('low → history only', () => {
    expect(policy().decide(alertDelivery({ priority: 'low' }))).toEqual([]);
  });

  it.each(['critical', 'high', 'normal'] as const)(
    'routine flow (no alert key: a new order, a plain stock change) never notifies, even at %s',
    (priority) => {
      expect(policy().decide(alertDelivery({ priority, fixture: 'orderCreated', alertKey: null }))).toEqual([]);
      expect(policy().decide(alertDelivery({ priority, alertKey: null }))).toEqual([]);
    },
  );

  it('each notification leads to its subject: order, SKU, price row, system row', () => {
    const p = policy();
    const target = (fixture: 'orderCreated' | 'inventoryChange' | 'priceUpdate' | 'systemAlert', alertKey: string) =>
      p.decide(alertDelivery({ fixture, alertKey }))[0];
    expect(target('orderCreated', 'SHIP_DEADLINE_NEAR:trendyol:TY-1')).toMatchObject({
      target: { view: 'orders', item: 'trendyol:TY-1' },
    });
    expect(target('inventoryChange', 'OUT_OF_STOCK:SKU-1')).toMatchObject({ target: { view: 'stock', item: 'SKU-1' } });
    expect(target('priceUpdate', 'BUYBOX_LOST:hepsiburada:SKU-2')).toMatchObject({
      target: { view: 'prices', item: 'hepsiburada:SKU-2' },
    });
    expect(target('systemAlert', 'API_ERROR:n11:orders')).toMatchObject({
      target: { view: 'system', item: 'n11:orders' },
    });
  });

  it('METRIC_UPDATE never notifies, whatever its priority', () => {
    for (const priority of ['critical', 'high', 'normal'] as const)
      expect(policy().decide(alertDelivery({ priority, fixture: 'metricUpdate' }))).toEqual([]);
  });
});

describe('notification policy: quiet hours and mutes', () => {
  const quiet = prefsWith({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });

  it('quiet hours run on the Istanbul wall clock and may wrap midnight', () => {
    const at = (h: number, m: number) => Date.UTC(2024, 0, 15, h, m); // UTC; Istanbul is +3
    expect(inQuietHours(quiet, at(20, 30))).toBe(true); // 23:30 Istanbul
    expect(inQuietHours(quiet, at(18, 59))).toBe(false); // 21:59
    expect(inQuietHours(quiet, at(19, 0))).toBe(true); // 22:00
    expect(inQuietHours(quiet, at(2, 0))).toBe(true); // 05:00
    expect(inQuietHours(quiet, at(3, 59))).toBe(true); // 06:59
    expect(inQuietHours(quiet, at(4, 0))).toBe(false); // 07:00
    const lunch = prefsWith({ quietHours: { enabled: true, start: '12:00', end: '13:30' } });
    expect(inQuietHours(lunch, at(9, 0))).toBe(true);
    expect(inQuietHours(lunch, at(10, 30))).toBe(false);
    expect(inQuietHours({ ...quiet, quietHours: { ...quiet.quietHours, enabled: false } }, at(20, 30))).toBe(false);
  });

  it('silence high and normal inside quiet hours; critical still rings', () => {
    const night = Date.UTC(2024, 0, 15, 20, 30);
    const p = policy(quiet);
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: 'A:1' }), night)).toEqual([]);
    expect(p.decide(alertDelivery({ priority: 'normal', alertKey: 'A:2' }), night)).toEqual([]);
    expect(p.decide(alertDelivery({ priority: 'critical', alertKey: 'A:3' }), night)).toEqual([
      expect.objectContaining({ op: 'show', reach: 'os', sound: true, sticky: true }),
    ]);
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: 'A:4' }), T0)).toHaveLength(1);
  });

  it.each([
    ['a muted channel', prefsWith({ mutedChannels: ['inventory'] })],
    ['a muted kind', prefsWith({ mutedKinds: ['LOW_STOCK'] })],
    ['mutedUntil in the future', prefsWith({ mutedUntil: T0 + 1 })],
  ])('%s silences non-critical alerts; critical still rings', (_what, prefs) => {
    const p = policy(prefs);
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: 'A:1' }))).toEqual([]);
    expect(p.decide(alertDelivery({ priority: 'critical', alertKey: 'A:2' }))).toEqual([
      expect.objectContaining({ op: 'show', reach: 'os', sound: true, sticky: true }),
    ]);
    // Something else (another channel and kind) still shows, except while everything is muted.
    const other = p.decide(alertDelivery({ priority: 'high', fixture: 'systemAlert', alertKey: 'A:3' }));
    expect(other).toHaveLength(prefs.mutedUntil ? 0 : 1);
  });

  it('mutedUntil in the past no longer silences', () => {
    expect(policy(prefsWith({ mutedUntil: T0 })).decide(alertDelivery({ priority: 'high' }))).toHaveLength(1);
  });

  it('sounds off or the OS in do-not-disturb: shown, but only critical sounds', () => {
    for (const extra of [{ soundEnabled: false }, { doNotDisturb: true }]) {
      const p = policy(prefsWith(), emptyPolicyState(), extra);
      expect(p.decide(alertDelivery({ priority: 'high' }))).toEqual([
        expect.objectContaining({ op: 'show', reach: 'os', sound: false }),
      ]);
      expect(p.decide(alertDelivery({ priority: 'critical' }))).toEqual([
        expect.objectContaining({ op: 'show', reach: 'os', sound: true }),
      ]);
    }
  });
});

describe('notification policy: collapsing and flood control', () => {
  it('the same alert key within collapseSeconds: one show, then updates with a count; after it a new show', () => {
    const p = policy(prefsWith({ collapseSeconds: 60 }));
    const d = () => alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:sku-1' });
    expect(p.decide(d(), T0)).toEqual([expect.objectContaining({ op: 'show', count: 1 })]);
    const repeat = d();
    expect(p.decide(repeat, T0 + 10_000)).toEqual([
      { op: 'update', id: 'LOW_STOCK:sku-1', count: 2, about: expect.objectContaining({ event: repeat.event }) },
    ]);
    expect(p.decide(d(), T0 + 20_000)).toEqual([expect.objectContaining({ op: 'update', count: 3 })]);
    expect(p.decide(d(), T0 + 20_000 + 61_000)).toEqual([
      expect.objectContaining({ op: 'show', id: 'LOW_STOCK:sku-1', count: 1 }),
    ]);
  });

  it('closing a notification is not a snooze: the next repeat shows (and sounds) again, counting on', () => {
    const p = policy(prefsWith({ collapseSeconds: 60 }));
    const d = () => alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:sku-1' });
    p.decide(d(), T0);
    p.dismiss('LOW_STOCK:sku-1');
    expect(p.decide(d(), T0 + 5_000)).toEqual([
      expect.objectContaining({ op: 'show', id: 'LOW_STOCK:sku-1', sound: true }),
    ]);
    // Closing something never shown changes nothing.
    const before = p.state;
    p.dismiss('LOW_STOCK:never');
    expect(p.state).toBe(before);
  });

  it('a repeat that got worse shows again within the window; one that did not counts on', () => {
    const p = policy(prefsWith({ collapseSeconds: 60 }));
    const d = (priority: 'high' | 'critical') => alertDelivery({ priority, alertKey: 'OUT_OF_STOCK:sku-1' });
    p.decide(d('high'), T0);
    expect(p.decide(d('critical'), T0 + 1000)).toEqual([
      expect.objectContaining({ op: 'show', priority: 'critical', sound: true, sticky: true, count: 2 }),
    ]);
    expect(p.decide(d('high'), T0 + 2000)).toEqual([expect.objectContaining({ op: 'update', count: 3 })]);
  });

  it('more than floodPerMinute shows in a minute become one summary; critical is exempt', () => {
    const p = policy(prefsWith({ floodPerMinute: 3 }));
    const ops = [0, 1, 2].map((i) => p.decide(alertDelivery({ alertKey: `A:${i}` }), T0 + i * 1000)[0]?.op);
    expect(ops).toEqual(['show', 'show', 'show']);
    expect(p.decide(alertDelivery({ alertKey: 'A:3' }), T0 + 3000)).toEqual([
      { op: 'summary', id: 'summary', count: 1, priority: 'high' },
    ]);
    expect(p.decide(alertDelivery({ alertKey: 'A:4', priority: 'normal' }), T0 + 4000)).toEqual([
      { op: 'summary', id: 'summary', count: 2, priority: 'normal' },
    ]);
    expect(p.decide(alertDelivery({ alertKey: 'A:5', priority: 'critical' }), T0 + 5000)).toEqual([
      expect.objectContaining({ op: 'show', priority: 'critical', sound: true }),
    ]);
    // A quiet minute later the flood is over and the summary count starts again.
    expect(p.decide(alertDelivery({ alertKey: 'A:6' }), T0 + 66_000)[0]?.op).toBe('show');
  });

  it('the summary counts what was held back in the last minute, not since the flood began', () => {
    const p = policy(prefsWith({ floodPerMinute: 3 }));
    const send = (i: number, at: number) => p.decide(alertDelivery({ alertKey: `A:${i}` }), at)[0];
    for (const [i, at] of [0, 1000, 2000].entries()) send(i, at);
    expect(send(3, 3000)).toMatchObject({ op: 'summary', count: 1 });
    expect(send(4, 4000)).toMatchObject({ op: 'summary', count: 2 });
    expect(send(5, 50_000)).toMatchObject({ op: 'summary', count: 3 });
    // The first shows leave the window: three more show, and the flood is back.
    for (const [i, at] of [60_500, 61_500, 62_500].entries()) expect(send(10 + i, at)).toMatchObject({ op: 'show' });
    expect(send(20, 63_000)).toMatchObject({ op: 'summary', count: 3 });
    // 3000 has left the minute: five held back since the flood began, three in the last minute.
    expect(send(21, 64_500)).toMatchObject({ op: 'summary', count: 3 });
  });
});

describe('notification policy: catch-up', () => {
  it('a replayed alert is not notified, but a replayed acknowledgement still clears', () => {
    const p = policy();
    expect(p.decide(alertDelivery({ priority: 'critical', alertKey: 'A:1' }), T0, true)).toEqual([]);
    p.decide(alertDelivery({ priority: 'high', alertKey: 'A:2' }), T0);
    expect(p.decide(acked('A:2'), T0, true)).toEqual([{ op: 'clear', id: 'A:2', reason: 'acknowledged' }]);
  });
});

describe('notification policy: acknowledgement, resolution, reads and snoozes', () => {
  const KEY = 'LOW_STOCK:sku-1';

  it('ALERT_ACKED by anyone clears the notification and its unread count; unknown alerts clear nothing', () => {
    const p = policy();
    p.decide(alertDelivery({ priority: 'high', alertKey: KEY }));
    expect(shownCounts(p.state).high).toBe(1);
    expect(p.decide(acked(KEY, OTHER))).toEqual([{ op: 'clear', id: KEY, reason: 'acknowledged' }]);
    expect(shownCounts(p.state).high).toBe(0);
    expect(p.decide(acked('LOW_STOCK:never-shown'))).toEqual([]);
  });

  it('ALERT_RESOLVED clears', () => {
    const p = policy();
    p.decide(alertDelivery({ priority: 'critical', alertKey: KEY }));
    expect(p.decide(resolved(KEY))).toEqual([{ op: 'clear', id: KEY, reason: 'resolved' }]);
    expect(shownCounts(p.state).critical).toBe(0);
  });

  it("ALERTS_READ clears only when it is the signed-in user's", () => {
    const p = policy();
    p.decide(alertDelivery({ priority: 'high', alertKey: KEY }));
    expect(p.decide(read([KEY], OTHER))).toEqual([]);
    expect(shownCounts(p.state).high).toBe(1);
    expect(p.decide(read([KEY], ME))).toEqual([{ op: 'clear', id: KEY, reason: 'read' }]);
    expect(shownCounts(p.state).high).toBe(0);
  });

  it("ALERT_SNOOZED by the user silences that alert until then; someone else's snooze does not", () => {
    const p = policy(prefsWith({ collapseSeconds: 0 }));
    p.decide(snoozed(KEY, T0 + 30 * MIN, OTHER));
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: KEY }), T0)).toHaveLength(1);
    p.decide(snoozed(KEY, T0 + 30 * MIN, ME));
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: KEY }), T0 + MIN)).toEqual([]);
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:other' }), T0 + MIN)).toHaveLength(1);
    expect(p.decide(alertDelivery({ priority: 'high', alertKey: KEY }), T0 + 31 * MIN)).toEqual([
      expect.objectContaining({ op: 'show', id: KEY }),
    ]);
  });

  it('a critical alert the user snoozed does not ring again before the snooze ends', () => {
    const p = policy(prefsWith({ collapseSeconds: 60 }));
    p.decide(alertDelivery({ priority: 'critical', alertKey: KEY }), T0);
    p.decide(snoozed(KEY, T0 + 30 * MIN, ME));
    expect(p.decide(alertDelivery({ priority: 'critical', alertKey: KEY }), T0 + 2 * MIN)).toEqual([]);
  });
});

describe('notification policy: reminders of critical alerts', () => {
  const KEY = 'API_ERROR:trendyol:orders';
  const critical = () => alertDelivery({ priority: 'critical', alertKey: KEY, fixture: 'systemAlert' });

  it('an unacknowledged critical alert is shown again every repeatCriticalMinutes (5), with reminder: true', () => {
    const p = policy();
    const first = critical();
    p.decide(first, T0);
    expect(p.remind(T0 + 5 * MIN - 1)).toEqual([]);
    const again = p.remind(T0 + 5 * MIN);
    expect(again).toEqual([
      expect.objectContaining({
        op: 'show',
        id: KEY,
        alertKey: KEY,
        priority: 'critical',
        reach: 'os',
        sound: true,
        sticky: true,
        reminder: true,
        eventId: first.event.id,
      }),
    ]);
    expect(p.remind(T0 + 10 * MIN)).toHaveLength(1);
  });

  it('not after it was acknowledged (by anyone), nor resolved', () => {
    const p = policy();
    p.decide(critical(), T0);
    p.decide(acked(KEY, OTHER, 'system'), T0 + MIN);
    expect(p.remind(T0 + 5 * MIN)).toEqual([]);
    expect(p.remind(T0 + 60 * MIN)).toEqual([]);
  });

  it('not while snoozed', () => {
    const p = policy();
    p.decide(critical(), T0);
    p.decide(snoozed(KEY, T0 + 20 * MIN, ME), T0 + MIN);
    expect(p.remind(T0 + 5 * MIN)).toEqual([]);
    expect(p.remind(T0 + 19 * MIN)).toEqual([]);
  });

  it('reminders resume when the snooze ends, while the alert is still unacknowledged', () => {
    const p = policy();
    p.decide(critical(), T0);
    p.decide(snoozed(KEY, T0 + 20 * MIN, ME), T0 + MIN);
    expect(p.remind(T0 + 20 * MIN)).toEqual([expect.objectContaining({ op: 'show', id: KEY, reminder: true })]);
  });

  it('repeatCriticalMinutes 0 never repeats', () => {
    const p = policy(prefsWith({ repeatCriticalMinutes: 0 }));
    p.decide(critical(), T0);
    expect(p.remind(T0 + 60 * MIN)).toEqual([]);
  });
});

describe('notification policy: what was shown, and purity', () => {
  it('counts what it notified and nobody read yet, per priority', () => {
    const p = policy();
    p.decide(alertDelivery({ priority: 'critical', alertKey: 'A:1' }));
    p.decide(alertDelivery({ priority: 'high', alertKey: 'A:2' }));
    p.decide(alertDelivery({ priority: 'high', alertKey: 'A:2' })); // collapsed: still one
    p.decide(alertDelivery({ priority: 'normal', alertKey: 'A:3' }));
    p.decide(alertDelivery({ priority: 'normal', alertKey: 'A:4' }));
    p.decide(alertDelivery({ priority: 'low', alertKey: 'A:5' })); // history only
    expect(shownCounts(p.state)).toEqual({ critical: 1, high: 1, normal: 2, low: 0 });
    expect(shownCounts(emptyPolicyState())).toEqual({ critical: 0, high: 0, normal: 0, low: 0 });
  });

  it('decide() and remind() leave the state they were given as it was', () => {
    const p = policy(prefsWith({ floodPerMinute: 2 }));
    for (const [i, priority] of (['critical', 'high', 'normal', 'high'] as const).entries())
      p.decide(alertDelivery({ priority, alertKey: `A:${i}` }), T0 + i);
    p.decide(snoozed('A:1', T0 + MIN, ME));
    const before = p.state;
    const copy = structuredClone(before);
    const ctx = { prefs: prefsWith({ floodPerMinute: 2 }), now: T0 + 10, userId: ME.id };
    for (const d of [alertDelivery({ alertKey: 'A:0' }), alertDelivery({ alertKey: 'B:9' }), acked('A:0')])
      decide(d, ctx, before);
    remind({ ...ctx, now: T0 + 10 * MIN }, before);
    expect(before).toEqual(copy);
  });
});
