// Pure helpers of the desktop shell: the tray's look per OS and counts, its menu, mute times, and
// the OS notification options for a policy decision.
import { describe, expect, it, vi } from 'vitest';
import { VALID_FIXTURES } from '../../protocol/test/fixtures';
import type { AlertCounts, NotificationCommand, ProducerEvent } from '../../protocol';
import { backlogOptions, notificationOptions, summaryOptions } from './nativeNotification';
import { trayMenuTemplate } from './trayMenu';
import { lookOf, muteUntil, trayView } from './trayState';

const none = { critical: 0, high: 0, normal: 0, low: 0 };
const counts = (unread: AlertCounts['unread']): AlertCounts => ({ open: unread, unread });
const base = {
  connection: 'connected' as const,
  alerts: counts(none),
  language: 'tr' as const,
  now: Date.UTC(2026, 10, 26, 9),
};

describe('tray', () => {
  it('looks by connection state', () => {
    expect(lookOf('connected')).toBe('connected');
    for (const s of ['connecting', 'reconnecting', 'draining'] as const) expect(lookOf(s)).toBe('reconnecting');
    for (const s of ['offline', 'idle', 'unauthorized'] as const) expect(lookOf(s)).toBe('offline');
  });

  it('uses each OS’s icon: template images on macOS, 16 px on Windows, 24 px on Linux', () => {
    expect(trayView({ ...base, platform: 'darwin' }).icon).toBe('tray/connectedTemplate.png');
    expect(trayView({ ...base, platform: 'win32', connection: 'reconnecting' }).icon).toBe('tray/reconnecting-16.png');
    expect(trayView({ ...base, platform: 'linux', connection: 'offline' }).icon).toBe('tray/offline-24.png');
  });

  it('badges the unread alerts the console’s nav badge counts: dock/launcher, macOS title, Windows overlay', () => {
    const alerts = counts({ critical: 2, high: 1, normal: 1, low: 0 });
    expect(trayView({ ...base, alerts, platform: 'darwin' })).toMatchObject({
      title: '4',
      badgeCount: 4,
      overlay: null,
    });
    expect(trayView({ ...base, alerts, platform: 'linux' })).toMatchObject({ title: '', badgeCount: 4, overlay: null });
    expect(trayView({ ...base, alerts, platform: 'win32' })).toMatchObject({
      badgeCount: 0,
      overlay: { icon: 'tray/badge-4.png' },
    });
    expect(trayView({ ...base, alerts: counts({ ...none, critical: 12 }), platform: 'win32' }).overlay?.icon).toBe(
      'tray/badge-9+.png',
    );
    expect(trayView({ ...base, platform: 'win32' }).overlay).toBeNull();
  });

  it('says the state, the unread count and a mute in the tooltip, in the user’s language', () => {
    const view = trayView({
      ...base,
      alerts: counts({ ...none, high: 2 }),
      platform: 'linux',
      mutedUntil: base.now + 60_000,
    });
    expect(view.tooltip).toBe('MesChain Live — Bağlı · 2 okunmamış · sessizde');
    expect(trayView({ ...base, language: 'en', connection: 'offline', platform: 'linux' }).tooltip).toBe(
      'MesChain Live — Offline',
    );
  });

  it('mutes for an hour, or until 08:00 tomorrow in Istanbul', () => {
    const now = Date.UTC(2026, 10, 26, 20, 30); // 23:30 in Istanbul
    expect(muteUntil('hour', now)).toBe(now + 3600_000);
    expect(new Date(muteUntil('tomorrow', now)).toISOString()).toBe('2026-11-27T05:00:00.000Z'); // 08:00 +03
    const morning = Date.UTC(2026, 10, 26, 3); // 06:00 in Istanbul: "tomorrow" is still the next day
    expect(new Date(muteUntil('tomorrow', morning)).toISOString()).toBe('2026-11-27T05:00:00.000Z');
  });

  it('has a menu with the state line, open, mute or unmute, report a problem, and quit', () => {
    const actions = {
      open: vi.fn(),
      mute: vi.fn(),
      unmute: vi.fn(),
      quit: vi.fn(),
      report: vi.fn(),
      installUpdate: vi.fn(),
    };
    const menu = trayMenuTemplate('MesChain Live — Bağlı', false, 'tr', actions);
    expect(menu.map((m) => m.label ?? m.type)).toEqual([
      'MesChain Live — Bağlı',
      'separator',
      'MesChain Live’ı aç',
      '1 saat sessiz',
      'Yarın sabaha kadar sessiz',
      'separator',
      'Sorun bildir…',
      'Çık',
    ]);
    expect(menu[0]?.enabled).toBe(false);
    const click = (label: string) => (menu.find((m) => m.label === label)?.click as () => void)();
    click('1 saat sessiz');
    click('Yarın sabaha kadar sessiz');
    click('Çık');
    click('Sorun bildir…');
    expect(actions.mute.mock.calls).toEqual([['hour'], ['tomorrow']]);
    expect(actions.quit).toHaveBeenCalled();
    expect(actions.report).toHaveBeenCalled();
    const muted = trayMenuTemplate('x', true, 'en', actions);
    expect(muted.map((m) => m.label).filter(Boolean)).toEqual([
      'x',
      'Open MesChain Live',
      'Unmute notifications',
      'Report a problem…',
      'Quit',
    ]);
    // A downloaded update: "restart and update" with its version, above the rest of the end.
    const ready = trayMenuTemplate('x', false, 'tr', actions, '1.4.0');
    const item = ready.find((m) => m.label === 'Yeniden başlat ve güncelle (1.4.0)');
    (item?.click as () => void)();
    expect(actions.installUpdate).toHaveBeenCalledTimes(1);
  });
});

const NOW = Date.UTC(2026, 10, 26, 9);
const stock = {
  ...VALID_FIXTURES.inventoryChange(),
  priority: 'high',
  audience: [],
  payload: { ...VALID_FIXTURES.inventoryChange().payload, kind: 'LOW_STOCK', sku: 'SKU-1', available: 3 },
} as ProducerEvent;

describe('OS notification options', () => {
  const show = (
    over: Partial<Extract<NotificationCommand, { op: 'show' }>> = {},
  ): Extract<NotificationCommand, { op: 'show' }> => ({
    op: 'show',
    id: 'LOW_STOCK:SKU-1',
    priority: 'high',
    reach: 'os',
    sound: true,
    sticky: false,
    about: { type: 'INVENTORY_CHANGE', kind: 'LOW_STOCK', alertKey: 'LOW_STOCK:SKU-1', event: stock },
    target: { view: 'stock', item: 'SKU-1' },
    channel: 'inventory',
    alertKey: 'LOW_STOCK:SKU-1',
    eventId: 'e1',
    count: 1,
    ...over,
  });

  it('are always silent: sounds play in the renderer', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      expect(notificationOptions(show(), platform, 'tr', NOW).silent).toBe(true);
  });

  it('stay until dismissed for critical, with critical urgency on Linux', () => {
    const critical = show({ priority: 'critical', sticky: true });
    expect(notificationOptions(critical, 'win32', 'tr', NOW)).toMatchObject({ timeoutType: 'never' });
    expect(notificationOptions(critical, 'linux', 'tr', NOW)).toMatchObject({
      timeoutType: 'never',
      urgency: 'critical',
    });
    expect(notificationOptions(show(), 'linux', 'tr', NOW)).toMatchObject({ urgency: 'normal' });
    expect(notificationOptions(show(), 'linux', 'tr', NOW)).not.toHaveProperty('timeoutType');
  });

  it('offer “acknowledge” on macOS for alerts; show the collapsed count in the body', () => {
    expect(notificationOptions(show(), 'darwin', 'en', NOW).actions).toEqual([{ type: 'button', text: 'Acknowledge' }]);
    expect(notificationOptions(show({ alertKey: undefined }), 'darwin', 'en', NOW)).not.toHaveProperty('actions');
    expect(notificationOptions(show({ count: 4 }), 'win32', 'tr', NOW).body).toBe('SKU-1 · 3 adet (×4)');
    expect(summaryOptions(12, 'tr')).toEqual({
      title: 'MesChain Live',
      body: 'Son bir dakikada 12 bildirim daha — uygulamada görün',
      silent: true,
    });
  });

  it('write their words from the alert’s data in the user’s language; no English in Turkish', () => {
    expect(notificationOptions(show(), 'linux', 'tr', NOW)).toMatchObject({
      title: 'Kritik stok',
      body: 'SKU-1 · 3 adet',
    });
    expect(notificationOptions(show(), 'linux', 'en', NOW)).toMatchObject({
      title: 'Low stock',
      body: 'SKU-1 · 3 left',
    });
    expect(backlogOptions(3, 'tr')).toMatchObject({ title: '3 kritik uyarı açık', timeoutType: 'never', silent: true });
    expect(backlogOptions(1, 'en').title).toBe('1 open critical alert');
  });
});
