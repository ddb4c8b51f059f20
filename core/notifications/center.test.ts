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
import { acked, alertDelivery, ME, read, resolved, snoozed } from '../test/alertEvents';
import { FakeClock, MemoryStore } from '../test/fakes';
import {
  BACKLOG_MAX_WAIT_MS,
  BACKLOG_SETTLE_MS,
  CHIME_MIN_GAP_MS,
  createNotificationCenter,
  type SoundLevel,
} from './center';

/** Lets the centre's awaited reads (what was announced before) settle. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function centre(
  opts: { role?: Role; settings?: Partial<Settings>; dnd?: boolean; store?: MemoryStore; clock?: FakeClock } = {},
) {
  const clock = opts.clock ?? new FakeClock();
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
    ...(opts.store ? { store: opts.store } : {}),
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
  it('a reload with 3 open criticals: no toast, one backlog once settled, with one critical sound', async () => {
    const t = centre();
    t.c.onSnapshot(snapshot(['A', 'B', 'C'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    expect(t.take()).toEqual([]);
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([{ op: 'backlog', critical: 3, fresh: 3 }]);
    expect(t.sounds).toEqual(['critical']);
    // The same criticals again (a reconnect): said already.
    t.c.onSnapshot(snapshot(['A', 'B', 'C'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([]);
    // One new: said, counting all that are open.
    t.c.onSnapshot(snapshot(['A', 'B', 'C', 'D'].map((k) => view(`OUT_OF_STOCK:${k}`))));
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([{ op: 'backlog', critical: 4, fresh: 1 }]);
  });

  it('channels that keep arriving are waited for (up to a bound): one summary, one sound', async () => {
    const t = centre();
    t.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A')]));
    t.clock.advance(BACKLOG_SETTLE_MS - 50);
    t.c.onSnapshot(snapshot([view('API_ERROR:n11:orders', { channel: 'system' })], 'system'));
    t.clock.advance(BACKLOG_SETTLE_MS - 50);
    await flush();
    expect(t.take()).toEqual([]);
    t.clock.advance(50);
    await flush();
    expect(t.take()).toEqual([{ op: 'backlog', critical: 2, fresh: 2 }]);
    expect(t.sounds).toEqual(['critical']);
    // A replay that never stops is summarised at the bound all the same.
    for (let ms = 0; ms < BACKLOG_MAX_WAIT_MS; ms += 100) {
      t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: `OUT_OF_STOCK:R${ms}` }), true);
      t.clock.advance(100);
    }
    await flush();
    expect(t.take()).toEqual([expect.objectContaining({ op: 'backlog' })]);
  });

  it('replayed criticals are summarised too; one toasted live before is not announced again', async () => {
    const t = centre();
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:LIVE' }));
    expect(t.take()).toEqual([expect.objectContaining({ op: 'show', id: 'OUT_OF_STOCK:LIVE' })]);
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:LIVE' }), true);
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:AWAY' }), true);
    expect(t.take()).toEqual([]);
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([{ op: 'backlog', critical: 2, fresh: 1 }]);
  });

  it('a critical that ended and comes back while away is news again', async () => {
    const t = centre();
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'AUTH_FAILED:n11:orders', fixture: 'systemAlert' }));
    t.c.onDelivery(resolved('AUTH_FAILED:n11:orders'));
    t.take();
    t.c.onDelivery(
      alertDelivery({ priority: 'critical', alertKey: 'AUTH_FAILED:n11:orders', fixture: 'systemAlert' }),
      true,
    );
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([{ op: 'backlog', critical: 1, fresh: 1 }]);
  });

  it('not announced: criticals acknowledged, or snoozed by the user', async () => {
    const t = centre();
    t.c.onSnapshot(
      snapshot([
        view('OUT_OF_STOCK:A', { state: 'acknowledged' }),
        view('OUT_OF_STOCK:B', { snoozedUntil: new Date(t.clock.now() + 3_600_000).toISOString() }),
      ]),
    );
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(t.take()).toEqual([]);
    expect(t.sounds).toEqual([]);
  });

  it('a reload of the same sign-in does not announce again what was announced (kept in the store)', async () => {
    const store = new MemoryStore();
    const first = centre({ store });
    first.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A')]));
    first.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(first.take()).toEqual([{ op: 'backlog', critical: 1, fresh: 1 }]);
    const again = centre({ store });
    again.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A'), view('OUT_OF_STOCK:B')]));
    again.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    expect(again.take()).toEqual([{ op: 'backlog', critical: 2, fresh: 1 }]);
  });
});

describe('notification centre: reminders follow the alert', () => {
  const MIN = 60_000;
  const reminders = (cmds: NotificationCommand[]) => cmds.filter((c) => c.op === 'show' && c.reminder);

  it('an acknowledged critical that repeats does not notify, sound or remind', () => {
    const t = centre();
    const d = () => alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:A' });
    t.c.onDelivery(d());
    t.c.onDelivery(acked('OUT_OF_STOCK:A'));
    t.take();
    t.sounds.length = 0;
    t.clock.advance(10 * MIN);
    t.c.onDelivery(d());
    t.clock.advance(30 * MIN);
    expect(t.take().filter((c) => c.op === 'show')).toEqual([]);
    expect(t.sounds).toEqual([]);
  });

  it('criticals that came with a reload are reminded of too; reading them does not stop that', async () => {
    const t = centre();
    t.c.onSnapshot(snapshot([view('OUT_OF_STOCK:A')]));
    t.clock.advance(BACKLOG_SETTLE_MS);
    await flush();
    t.take();
    t.clock.advance(5 * MIN);
    expect(reminders(t.take())).toEqual([expect.objectContaining({ id: 'OUT_OF_STOCK:A', reach: 'os', sound: true })]);
    t.c.onDelivery(read(['OUT_OF_STOCK:A']));
    t.clock.advance(5 * MIN);
    expect(reminders(t.take())).toHaveLength(1);
    // Acknowledged: they stop.
    t.c.onDelivery(acked('OUT_OF_STOCK:A'));
    t.clock.advance(30 * MIN);
    expect(reminders(t.take())).toEqual([]);
  });

  it('a critical that is no longer critical stops reminding; a user snooze holds them', () => {
    const t = centre();
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'SYNC_LAG:all:queue', fixture: 'systemAlert' }));
    t.c.onDelivery(alertDelivery({ priority: 'high', alertKey: 'SYNC_LAG:all:queue', fixture: 'systemAlert' }));
    t.c.onDelivery(alertDelivery({ priority: 'critical', alertKey: 'OUT_OF_STOCK:S' }));
    t.c.onDelivery(snoozed('OUT_OF_STOCK:S', t.clock.now() + 60 * MIN));
    t.take();
    t.clock.advance(30 * MIN);
    expect(reminders(t.take())).toEqual([]);
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
    expect(
      run({
        role: 'warehouse',
        settings: { notifications: { ...DEFAULT_SETTINGS.notifications, mutedChannels: ['orders'] } },
      }),
    ).toEqual([]);
    function run(opts: Parameters<typeof centre>[0]) {
      const t = centre(opts);
      t.c.onDelivery(order());
      return t.sounds;
    }
  });
});
