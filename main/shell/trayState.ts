// What the tray shows for a connection state and unread counts, per OS: the icon file, the
// tooltip, the macOS title next to the icon, the dock/launcher badge and the Windows overlay.
import { unreadTotal, type AlertCounts, type ConnectionState } from '../../protocol';

export type TrayLook = 'connected' | 'reconnecting' | 'offline';

export interface TrayInput {
  connection: ConnectionState;
  /** The user's alerts: the badge is their unread count, as in the console's nav badge. */
  alerts: AlertCounts;
  platform: NodeJS.Platform;
  language: 'tr' | 'en';
  /** Notifications muted until then (ms), if at all. */
  mutedUntil?: number;
  now: number;
}

export interface TrayView {
  look: TrayLook;
  /** Path relative to build/ (tray icons). */
  icon: string;
  tooltip: string;
  /** macOS: shown beside the icon. */
  title: string;
  /** Dock (macOS) / launcher (Linux, where supported) badge; 0 hides it. */
  badgeCount: number;
  /** Windows taskbar overlay, or null to clear it. */
  overlay: { icon: string; description: string } | null;
}

const LABELS = {
  tr: {
    connected: 'Bağlı',
    reconnecting: 'Yeniden bağlanıyor',
    offline: 'Bağlantı yok',
    unread: 'okunmamış',
    muted: 'sessizde',
  },
  en: { connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline', unread: 'unread', muted: 'muted' },
};

export function lookOf(state: ConnectionState): TrayLook {
  if (state === 'connected') return 'connected';
  if (state === 'connecting' || state === 'reconnecting' || state === 'draining') return 'reconnecting';
  return 'offline';
}

export function trayView(input: TrayInput): TrayView {
  const look = lookOf(input.connection);
  const l = LABELS[input.language];
  const count = unreadTotal(input.alerts);
  const muted = (input.mutedUntil ?? 0) > input.now;
  const iconFile =
    input.platform === 'darwin'
      ? `tray/${look}Template.png`
      : input.platform === 'win32'
        ? `tray/${look}-16.png`
        : `tray/${look}-24.png`;
  const parts = [`MesChain Live — ${l[look]}`];
  if (count > 0) parts.push(`${count} ${l.unread}`);
  if (muted) parts.push(l.muted);
  const badge = count > 9 ? '9+' : String(count);
  return {
    look,
    icon: iconFile,
    tooltip: parts.join(' · '),
    title: input.platform === 'darwin' && count > 0 ? String(count) : '',
    badgeCount: input.platform === 'win32' ? 0 : count,
    overlay:
      input.platform === 'win32' && count > 0
        ? { icon: `tray/badge-${badge}.png`, description: `${count} ${l.unread}` }
        : null,
  };
}

/** When "mute for 1 hour" or "until tomorrow" (08:00 Istanbul) ends. */
export function muteUntil(kind: 'hour' | 'tomorrow', now: number): number {
  if (kind === 'hour') return now + 3600_000;
  const istanbul = now + 3 * 3600_000;
  const dayStart = Math.floor(istanbul / 86_400_000) * 86_400_000;
  return dayStart + 86_400_000 + 8 * 3600_000 - 3 * 3600_000;
}
