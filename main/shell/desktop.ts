// The desktop around the console: the tray (icon by connection state, unread badge, menu) and OS
// notifications for the core's policy decisions (click focuses the item; macOS can acknowledge).
import path from 'node:path';
import type * as ElectronModule from 'electron';
import type { ClientState, LiveBatch, LiveBridge, NotificationCommand, Settings } from '../../protocol';
import { createBadge } from '../os/badge';
import { notificationOptions, summaryOptions } from './nativeNotification';
import { trayMenuTemplate } from './trayMenu';
import { muteUntil, trayView, type TrayLook } from './trayState';

export type DesktopElectron = Pick<typeof ElectronModule, 'app' | 'Tray' | 'Menu' | 'Notification' | 'nativeImage'>;

/** What the tray offers beyond the connection: a downloaded update, and "Sorun bildir". */
export interface TrayExtras {
  /** The version a restart installs, once downloaded. */
  updateReady: () => string | undefined;
  installUpdate: () => void;
  reportProblem: () => void;
}

export interface FocusRequest {
  id: string;
  alertKey?: string;
  eventId?: string;
}

export function createDesktop(deps: {
  electron: DesktopElectron;
  host: Pick<LiveBridge, 'setSettings' | 'act'>;
  /** The console's window, when one exists (it is made again after a close). */
  window: () => ElectronModule.BrowserWindow | undefined;
  env: Record<string, string | undefined>;
  extras: TrayExtras;
  /** Folder with tray/ icons (build/ in development, resources/ when packaged). */
  assetsDir: string;
  platform: NodeJS.Platform;
  settings: () => Settings;
  now: () => number;
  /** Shows the window (making it again if it was closed) and points the console at an item. */
  focus: (request?: FocusRequest) => void;
  quit: () => void;
}) {
  const { electron, platform } = deps;
  const image = (rel: string) => electron.nativeImage.createFromPath(path.join(deps.assetsDir, rel));
  let state: ClientState | undefined;
  let look: TrayLook | undefined;
  const tray = new electron.Tray(image(trayView(viewInput()).icon));
  const shown = new Map<string, ElectronModule.Notification>();
  const canNotify = electron.Notification.isSupported();
  const badge = createBadge({ platform, app: electron.app, env: deps.env, window: deps.window, image });

  function viewInput() {
    const s = deps.settings();
    return {
      connection: state?.connection.state ?? 'idle',
      unread: state?.unread ?? { critical: 0, high: 0, normal: 0, low: 0 },
      platform,
      language: s.language,
      mutedUntil: s.notifications.mutedUntil,
      now: deps.now(),
    } as const;
  }

  async function setMuted(until: number | undefined): Promise<void> {
    const s = deps.settings();
    const { mutedUntil: _old, ...rest } = s.notifications;
    await deps.host.setSettings({ notifications: until === undefined ? rest : { ...rest, mutedUntil: until } });
    render();
  }

  function render(): void {
    const view = trayView(viewInput());
    if (view.look !== look) {
      look = view.look;
      tray.setImage(image(view.icon));
    }
    tray.setToolTip(view.tooltip);
    if (platform === 'darwin') tray.setTitle(view.title);
    badge.apply(view, state?.unread?.critical ?? 0);
    const s = deps.settings();
    const muted = (s.notifications.mutedUntil ?? 0) > deps.now();
    tray.setContextMenu(
      electron.Menu.buildFromTemplate(
        trayMenuTemplate(
          view.tooltip,
          muted,
          s.language,
          {
            open: () => deps.focus(),
            mute: (kind) => void setMuted(muteUntil(kind, deps.now())),
            unmute: () => void setMuted(undefined),
            quit: deps.quit,
            report: deps.extras.reportProblem,
            installUpdate: deps.extras.installUpdate,
          },
          deps.extras.updateReady(),
        ),
      ),
    );
  }

  function close(id: string): void {
    shown.get(id)?.close();
    shown.delete(id);
  }

  function show(id: string, options: ElectronModule.NotificationConstructorOptions, request: FocusRequest): void {
    close(id);
    const n = new electron.Notification(options);
    n.on('click', () => deps.focus(request));
    n.on('action', () => {
      if (request.alertKey)
        void deps.host.act({ type: 'ALERT_ACK', alertKey: request.alertKey }).catch(() => undefined);
    });
    n.on('close', () => {
      if (shown.get(id) === n) shown.delete(id);
    });
    shown.set(id, n);
    n.show();
  }

  function apply(commands: NotificationCommand[]): void {
    if (!canNotify) return;
    const language = deps.settings().language;
    for (const c of commands) {
      switch (c.op) {
        case 'show':
          // Toasts are the console's; the OS shows what the policy sends to it.
          if (c.reach === 'os')
            show(c.id, notificationOptions(c, platform, language), {
              id: c.id,
              alertKey: c.alertKey,
              eventId: c.eventId,
            });
          break;
        case 'update': {
          const old = shown.get(c.id);
          if (!old) break;
          const options = { title: old.title, body: `${c.body} (×${c.count})`, silent: true };
          show(c.id, options, { id: c.id });
          break;
        }
        case 'summary':
          show('summary', summaryOptions(c.count, language), { id: 'summary' });
          break;
        case 'clear':
          close(c.id);
          break;
      }
    }
  }

  render();
  return {
    onBatch(batch: LiveBatch): void {
      if (batch.notifications) apply(batch.notifications);
      if (batch.state) {
        state = batch.state;
        render();
      }
    },
    /** Settings, the window or the update changed. */
    refresh: render,
    /** The window came to the front (stops a taskbar flash). */
    windowFocused: () => badge.focused(),
    badgeSupported: badge.supported,
    dispose(): void {
      for (const id of [...shown.keys()]) close(id);
      tray.destroy();
    },
  };
}
