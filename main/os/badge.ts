// The unread count outside the tray, per OS: the Dock badge on macOS, the launcher count on Linux
// where the desktop has a Unity launcher (Electron's setBadgeCount does nothing elsewhere), and on
// Windows the taskbar overlay icon, with the taskbar button flashing when a new critical arrives
// while the window is not in front. Fed by the tray's view (count) and the critical count.
import type * as E from 'electron';
import type { TrayView } from '../shell/trayState';

type BadgeWindow = Pick<E.BrowserWindow, 'setOverlayIcon' | 'flashFrame' | 'isFocused' | 'isDestroyed'>;

/** Electron's Linux badge talks to the Unity launcher API only (also served by some docks). */
export function hasUnityLauncher(env: Record<string, string | undefined>): boolean {
  return (env.XDG_CURRENT_DESKTOP ?? '').split(':').some((d) => d.toLowerCase() === 'unity');
}

export function dockBadgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

export function createBadge(deps: {
  platform: NodeJS.Platform;
  app: Pick<E.App, 'setBadgeCount'> & { dock?: Pick<E.Dock, 'setBadge'> };
  env: Record<string, string | undefined>;
  window: () => BadgeWindow | undefined;
  image: (relPath: string) => E.NativeImage;
}) {
  const { platform } = deps;
  const supported =
    platform === 'darwin' || platform === 'win32' || (platform === 'linux' && hasUnityLauncher(deps.env));
  let lastCritical = 0;
  let flashing = false;

  function flash(on: boolean): void {
    const win = deps.window();
    if (!win || win.isDestroyed() || flashing === on) return;
    flashing = on;
    win.flashFrame(on);
  }

  return {
    supported,
    apply(view: TrayView, critical: number): void {
      if (platform === 'darwin') deps.app.dock?.setBadge(dockBadgeText(view.badgeCount));
      else if (platform === 'linux' && supported) deps.app.setBadgeCount(view.badgeCount);
      else if (platform === 'win32') {
        const win = deps.window();
        if (win && !win.isDestroyed()) {
          win.setOverlayIcon(view.overlay ? deps.image(view.overlay.icon) : null, view.overlay?.description ?? '');
          if (critical > lastCritical && !win.isFocused()) flash(true);
        }
        if (critical === 0) flash(false);
      }
      lastCritical = critical;
    },
    /** The window came to the front: the person has seen it. */
    focused(): void {
      if (platform === 'win32') flash(false);
    },
  };
}

export type Badge = ReturnType<typeof createBadge>;
