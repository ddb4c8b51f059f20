// The notification centre around the policy: the counts every badge shows, criticals that arrived
// while away said once (not toasted one by one), closing that is not a snooze, the sound to play
// (critical even with sounds off) and the new-order chime.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type AlertView,
  type ChannelSnapshot,
  type NotificationCommand,
  type Role,
  type Settings,
} from '../../protocol';
import { acked, alertDelivery, ME, read } from '../test/alertEvents';
import { FakeClock } from '../test/fakes';
import { BACKLOG_SETTLE_MS, CHIME_MIN_GAP_MS, createNotificationCenter, type SoundLevel } from './center';

function centre(opts: { role?: Role; settings?: Partial<Settings>; dnd?: boolean } = {}) {
  const clock = new FakeClock();
  let settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const commands: NotificationCommand[] = [];
  const sounds: SoundLevel[] = [];
  let countsChanged = 0;
  const c = createNotificationCenter({
    clock,
    settings: () => settings,
    emit: (cmds) => commands.push(...cmds),
    sound: (level) => sounds.push(level),
    countsChanged: () => (countsChanged += 1),
    doNotDisturb: () => opts.dnd === true,
  });
  c.setUser({ id: ME.id, role: opts.role ?? 'warehouse' });
  return {
    c,
    clock,
    commands,
    sounds,
    counts: () => c.counts(),
    changes: () => countsChanged,
    set: (patch: Partial<Settings>) => (settings = { ...settings, ...patch }),
    take: () => commands.splice(0),
  };
}

function view(alertKey: string, over: Partial<AlertView> = {}): AlertView {
  const at = new Date(1_700_000_000_000).toISOString();
  return {
    alertKey,
    channel: 'inventory',
    type: 'INVENTORY_CHANGE',
    kind: alertKey.split(':')[0] as string,
    subject: alertKey.split(':').slice(1).join(':'),
    priority: 'critical',
    state: 'open',
    title: '',
    count: 1,
    firstSeenAt: at,
    lastSeenAt: at,
    read: false,
    ...over,
  };
}

const snapshot = (alerts: AlertView[], channel = 'inventory'): ChannelSnapshot => ({
  channel,
  epoch: 'e1',
  offset: 10,
  alerts,
});

describe('notification centre: counts', () => {
  it('counts open and unread alerts per priority from snapshots and deliveries, by the shared rules', () => {
    const t = centre();
    t.c.onSnapshot(
      snapshot([
        view('OUT_OF_STOCK:A'),
        view('LOW_STOCK:B', { priority: 'high', read: true }),
        view('LOW_STOCK:C', { priority: 'high', state: 'acknowledged' }),
      ]),
    );
    expect(t.counts().open).toEqual({ critical: 1, high: 1, normal: 0, low: 0 });
    expect(t.counts().unread).toEqual({ critical: 1, high: 0, normal: 0, low: 0 });
    // Seen again: unread again. Acknowledged: no longer open. Read: no longer unread.
    t.c.onDelivery(alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:B' }));
    expect(t.counts().unread.high).toBe(1);
    t.c.onDelivery(acked('OUT_OF_STOCK:A'));
    expect(t.counts().open.critical).toBe(0);
    t.c.onDelivery(read(['LOW_STOCK:B']));
    expect(t.counts().unread.high).toBe(0);
    // A repeat of an acknowledged alert stays acknowledged (the gateway keeps it so).
    t.c.onDelivery(alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:C' }));
    expect(t.counts().open.high).toBe(1);
    expect(t.changes()).toBeGreaterThanOrEqual(5);
  });

  it('a snapshot replaces what was counted of its channel only', () => {
    const t = centre();
    t.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A')]));
    t.c.onSnapshot(snapshot([view('API_ERROR:n11:orders', { channel: 'system' })], 'system'));
    t.c.onSnapshot(snapshot([], 'inventory'));
    expect(t.counts().open.critical).toBe(1);
  });
});

describe('notification centre: criticals that arrived while away', () => {
  it('a reload with 3 open criticals: no toast, one backlog once settled, with one critical sound', () => {
    const t = centre();
    t.c.onSnapshot(snapshot(['A', 'B', 'C'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    expect(t.take()).toEqual([]);
    t.clock.advance(BACKLOG_SETTLE_MS);
    expect(t.take()).toEqual([{ op: 'backlog', critical: 3, fresh: 3 }]);
    expect(t.sounds).toEqual(['critical']);
    // The same criticals again (a reconnect): said already.
    t.c.onSnapshot(snapshot(['A', 'B', 'C'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    t.clock.advance(BACKLOG_SETTLE_MS);
    expect(t.take()).toEqual([]);
    // One new: said, counting all that are open.
    t.c.onSnapshot(snapshot(['A', 'B', 'C', 'D'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    t.clock.advance(BACKLOG_SETTLE_MS);
    expect(t.take()).toEqual([{ op: 'backlog', critical: 4, fresh: 1 }]);
  });

  it('replayed criticals are summarised too; one toasted live before is not announced again', () => {
    const t = centre();
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:LIVE' }));
    expect(t.take()).toEqual([expect.objectContaining({ op: 'show', id: 'OUT_OF_STOCK:LIVE' })]);
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:LIVE' }), true);
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:AWAY' }), true);
    expect(t.take()).toEqual([]);
    t.clock.advance(BACKLOG_SETTLE_MS);
    expect(t.take()).toEqual([{ op: 'backlog', critical: 2, fresh: 1 }]);
  });

  it('open criticals already acknowledged are not announced', () => {
    const t = centre();
    t.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A', { state: 'acknowledged' })]));
    t.clock.advance(BACKLOG_SETTLE_MS);
    expect(t.take()).toEqual([]);
  });
});

describe('notification centre: closing and sounds', () => {
  it('closing a notification lets the next repeat show again (not count on an unseen one)', () => {
    const t = centre();
    const d = () => alertDelivery({ priority: 'high', alertKey: 'LOW_STOCK:X' });
    t.c.onDelivery(d());
    t.c.onDelivery(d());
    expect(t.take().map((c) => c.op)).toEqual(['show', 'update']);
    t.c.dismissed('LOW_STOCK:X');
    t.c.onDelivery(d());
    expect(t.take()).toEqual([expect.objectContaining({ op: 'show', id: 'LOW_STOCK:X', sound: true })]);
  });

  it('plays the most urgent sound; with sounds off only critical; in do-not-disturb only critical', () => {
    const t = centre();
    t.c.onDelivery(alertDelivery({ priority: 'high' }));
    expect(t.sounds).toEqual(['high']);
    t.set({ sound: { enabled: false, volume: 0.8 } });
    t.c.onDelivery(alertDelivery({ priority: 'high' }));
    t.c.onDelivery(alertDelivery({ priority: 'critical' }));
    expect(t.sounds).toEqual(['high', 'critical']);
    const quiet = centre({ dnd: true });
    quiet.c.onDelivery(alertDelivery({ priority: 'high' }));
    quiet.c.onDelivery(alertDelivery({ priority: 'critical' }));
    expect(quiet.sounds).toEqual(['critical']);
  });
});

describe('notification centre: the new-order chime', () => {
  const order = () => alertDelivery({ priority: 'normal', fixture: 'orderCreated', alertKey: null });

  it('by role: warehouse hears it, at most once per 30 s, never for a replay; sales does not', () => {
    const t = centre({ role: 'warehouse' });
    t.c.onDelivery(order());
    t.c.onDelivery(order());
    expect(t.sounds).toEqual(['normal']);
    expect(t.take()).toEqual([]);
    t.clock.advance(CHIME_MIN_GAP_MS);
    t.c.onDelivery(order(), true);
    expect(t.sounds).toEqual(['normal']);
    t.c.onDelivery(order());
    expect(t.sounds).toEqual(['normal', 'normal']);
    const sales = centre({ role: 'sales' });
    sales.c.onDelivery(order());
    expect(sales.sounds).toEqual([]);
  });

  it('follows the setting, the sound switch, mutes and do-not-disturb', () => {
    expect(run({ role: 'sales', settings: { newOrderChime: 'on' } })).toEqual(['normal']);
    expect(run({ role: 'warehouse', settings: { newOrderChime: 'off' } })).toEqual([]);
    expect(run({ role: 'warehouse', settings: { sound: { enabled: false, volume: 1 } } })).toEqual([]);
    expect(run({ role: 'warehouse', dnd: true })).toEqual([]);
    expect(
      run({
        role: 'warehouse',
        settings: { notifications: { ...DEFAULT_SETTINGS.notifications, mutedUntil: Number.MAX_SAFE_INTEGER } },
      }),
    ).toEqual([]);
    function run(opts: Parameters<typeof centre>[0]) {
      const t = centre(opts);
      t.c.onDelivery(order());
      return t.sounds;
    }
  });
});
