// The desktop around the console: the tray (icon by connection state, unread badge, menu) and OS
// notifications for the core's policy decisions (click focuses the item; macOS can acknowledge).
import path from 'node:path';
import type * as ElectronModule from 'electron';
import {
  emptyAlertCounts,
  type ClientState,
  type FocusRequest,
  type LiveBatch,
  type LiveBridge,
  type NotificationCommand,
  type Settings,
} from '../../protocol';
import { createBadge } from '../os/badge';
import { backlogOptions, notificationOptions, summaryOptions } from './nativeNotification';
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

export type { FocusRequest };

export function createDesktop(deps: {
  electron: DesktopElectron;
  host: Pick<LiveBridge, 'setSettings' | 'act' | 'notificationDismissed'>;
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
  /** The command each shown notification came from: a repeat keeps its target, stickiness and buttons. */
  const shownFrom = new Map<string, Extract<NotificationCommand, { op: 'show' }>>();
  /** No console window to play sounds in: the OS plays them. */
  const osSound = () => deps.window() === undefined;
  const canNotify = electron.Notification.isSupported();
  const badge = createBadge({ platform, app: electron.app, env: deps.env, window: deps.window, image });

  function viewInput() {
    const s = deps.settings();
    return {
      connection: state?.connection.state ?? 'idle',
      alerts: state?.alerts ?? emptyAlertCounts(),
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
    badge.apply(view, state?.alerts?.open.critical ?? 0);
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

  /** Closes a notification this app replaces or clears (the person did not close it). */
  function close(id: string): void {
    const n = shown.get(id);
    shown.delete(id);
    shownFrom.delete(id);
    n?.close();
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
      if (shown.get(id) !== n) return;
      // The person closed it: closing is not a snooze, so the next repeat notifies afresh.
      shown.delete(id);
      shownFrom.delete(id);
      void deps.host.notificationDismissed(id).catch(() => undefined);
    });
    shown.set(id, n);
    n.show();
  }

  const requestOf = (c: Extract<NotificationCommand, { op: 'show' }>): FocusRequest => ({
    id: c.id,
    alertKey: c.alertKey,
    eventId: c.eventId,
    target: c.target,
  });

  function apply(commands: NotificationCommand[]): void {
    if (!canNotify) return;
    const language = deps.settings().language;
    for (const c of commands) {
      switch (c.op) {
        case 'show':
          // Toasts are the console's; the OS shows what the policy sends to it.
          if (c.reach === 'os') {
            show(c.id, notificationOptions(c, platform, language, deps.now(), osSound()), requestOf(c));
            shownFrom.set(c.id, c);
          }
          break;
        case 'update': {
          // A repeat counts on the notification: the same target, stickiness and buttons, no sound.
          const from = shownFrom.get(c.id);
          if (!from || !shown.has(c.id)) break;
          const next = { ...from, about: c.about, count: c.count, sound: false };
          show(c.id, notificationOptions(next, platform, language, deps.now()), requestOf(next));
          shownFrom.set(c.id, next);
          break;
        }
        case 'summary':
          show('summary', summaryOptions(c.count, language), { id: 'summary' });
          break;
        case 'backlog':
          show('backlog', backlogOptions(c.critical, language, osSound()), {
            id: 'backlog',
            target: { view: 'alerts', item: 'critical' },
          });
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
