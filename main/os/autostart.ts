// "Start at login" per OS: the login-item API on Windows and macOS; on Linux, where Electron's API
// does nothing, an XDG autostart entry (`$XDG_CONFIG_HOME/autostart`, ~/.config by default). The
// app then starts hidden in the tray (`--hidden`).
import path from 'node:path';
import type * as E from 'electron';
import type { Logger } from '../../core';

export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'meschain-live.desktop';

export interface AutostartFs {
  writeFile(file: string, data: string): Promise<void>;
  rm(file: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
}

/** `$XDG_CONFIG_HOME/autostart`; the spec says a relative XDG_CONFIG_HOME is to be ignored. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const config = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
  return path.join(config, 'autostart');
}

/** An Exec= argument quoted as the Desktop Entry spec asks. */
function execArg(arg: string): string {
  if (!/[\s"'\\`$;&|<>()*?#~]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=MesChain Live',
    'Comment=Canlı operasyon konsolu',
    `Exec=${execArg(executable)} ${HIDDEN_ARG}`,
    'Icon=meschain-live',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface Autostart {
  /** Whether this platform (and this build) can start the app at login. */
  readonly supported: boolean;
  apply(enabled: boolean): Promise<void>;
}

export function createAutostart(deps: {
  platform: NodeJS.Platform;
  app: Pick<E.App, 'setLoginItemSettings'>;
  /** Only an installed app has a stable executable to start. */
  isPackaged: boolean;
  env: Record<string, string | undefined>;
  home: string;
  /** process.execPath; an AppImage starts from $APPIMAGE instead (the mounted copy moves). */
  execPath: string;
  fs: AutostartFs;
  log: Logger;
}): Autostart {
  if (deps.platform === 'win32' || deps.platform === 'darwin') {
    return {
      supported: true,
      async apply(enabled) {
        deps.app.setLoginItemSettings(
          deps.platform === 'win32' ? { openAtLogin: enabled, args: [HIDDEN_ARG] } : { openAtLogin: enabled },
        );
      },
    };
  }
  if (deps.platform !== 'linux' || !deps.isPackaged) return { supported: false, apply: async () => undefined };
  const dir = autostartDir(deps.env, deps.home);
  const file = path.join(dir, AUTOSTART_FILE);
  return {
    supported: true,
    async apply(enabled) {
      try {
        if (enabled) {
          await deps.fs.mkdir(dir);
          // Written on every start while enabled: an AppImage that was updated has a new path.
          await deps.fs.writeFile(file, desktopEntry(deps.env.APPIMAGE || deps.execPath));
        } else {
          await deps.fs.rm(file);
        }
      } catch (err) {
        deps.log.warn({ err, file }, 'autostart entry not updated');
      }
    },
  };
}
