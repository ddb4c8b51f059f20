// The OS's do-not-disturb, where a desktop app can read it: non-critical sounds follow it (critical
// always sounds). GNOME (and the desktops built on its shell) says it through gsettings
// (`show-banners` false); macOS keeps the active
// Focus in a file under ~/Library/DoNotDisturb that is readable unless privacy settings hide it;
// Windows offers no public way to read Focus Assist (it already holds back the OS's own toasts).
// Where it cannot be read, the state is unknown and the settings page says so.
import type { DoNotDisturb } from '../../core';

export const DND_POLL_MS = 60_000;

/** `gsettings get org.gnome.desktop.notifications show-banners`: "false" means do-not-disturb. */
export function parseGnomeShowBanners(stdout: string): boolean | undefined {
  const v = stdout.trim();
  if (v === 'false') return true;
  if (v === 'true') return false;
  return undefined;
}

/** macOS Focus: the assertions file lists the active Focus modes; none listed means off. */
export function parseMacAssertions(json: string): boolean | undefined {
  try {
    const data: unknown = JSON.parse(json);
    const stores = (data as { data?: { storeAssertionRecords?: unknown[] }[] }).data;
    if (!Array.isArray(stores)) return undefined;
    return stores.some((s) => Array.isArray(s.storeAssertionRecords) && s.storeAssertionRecords.length > 0);
  } catch {
    return undefined;
  }
}

export interface DndProbeDeps {
  platform: NodeJS.Platform;
  /** XDG_CURRENT_DESKTOP: gsettings answers on other desktops too, but only GNOME's shell obeys it. */
  desktop?: string;
  /** Runs a command, resolving to its stdout (rejects on failure or timeout). */
  run: (file: string, args: string[]) => Promise<string>;
  readFile: (file: string) => Promise<string>;
  homedir: string;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

/** Reads the OS's do-not-disturb now and every minute; `close` stops. */
export function createDoNotDisturbProbe(deps: DndProbeDeps): DoNotDisturb & { close(): void; read(): Promise<void> } {
  let state: boolean | undefined;
  const listeners = new Set<() => void>();

  async function probe(): Promise<boolean | undefined> {
    try {
      if (deps.platform === 'linux') {
        if (!/gnome|unity|budgie|pantheon/i.test(deps.desktop ?? '')) return undefined;
        return parseGnomeShowBanners(
          await deps.run('gsettings', ['get', 'org.gnome.desktop.notifications', 'show-banners']),
        );
      }
      if (deps.platform === 'darwin') {
        return parseMacAssertions(await deps.readFile(`${deps.homedir}/Library/DoNotDisturb/DB/Assertions.json`));
      }
    } catch {
      // Not readable here (no GNOME, a privacy setting): unknown.
    }
    return undefined;
  }

  async function read(): Promise<void> {
    const next = await probe();
    if (next === state) return;
    state = next;
    for (const cb of listeners) cb();
  }

  const timer = deps.platform === 'win32' ? undefined : deps.setInterval(() => void read(), DND_POLL_MS);
  void read();
  return {
    active: () => state,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    read,
    close() {
      if (timer !== undefined) deps.clearInterval(timer);
      listeners.clear();
    },
  };
}
