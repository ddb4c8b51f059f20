// What the desktop host adds to the bridge: what this OS lets the app do (the settings offer only
// that), its version, updates, and "Sorun bildir". The web console answers with nothing offered.
import { z } from 'zod';

export const DesktopCapabilities = z.strictObject({
  /** Start with the OS session (login item, or an XDG autostart entry on Linux). */
  startAtLogin: z.boolean(),
  /** A tray icon keeps the app when the window closes. */
  keepInTray: z.boolean(),
  /** An unread count on the Dock / launcher / taskbar. */
  badge: z.boolean(),
  /** "Sorun bildir": a report file for support. */
  reportProblem: z.boolean(),
  /** The app updates itself. */
  updates: z.boolean(),
});
export type DesktopCapabilities = z.infer<typeof DesktopCapabilities>;

export type UpdateStatus =
  | { state: 'idle' | 'checking' | 'unsupported' }
  | { state: 'downloading'; version: string; percent: number }
  /** Downloaded: a restart installs it. */
  | { state: 'ready'; version: string; notes: string }
  /** The person asked to restart; it happens once the outbox has sent its queued actions. */
  | { state: 'waiting'; version: string; notes: string; pending: number }
  | { state: 'error'; message: string };

export interface DesktopInfo {
  /** `win32`, `darwin`, `linux`, or `web` for the browser console. */
  platform: string;
  version: string;
  capabilities: DesktopCapabilities;
  update: UpdateStatus;
}

export const NO_DESKTOP: DesktopCapabilities = {
  startAtLogin: false,
  keepInTray: false,
  badge: false,
  reportProblem: false,
  updates: false,
};

/** An office proxy asks for credentials for the app's own connection; the console asks the person. */
export interface ProxyAuthRequest {
  id: string;
  host: string;
  port: number;
  realm?: string;
}

const AuthId = z.string().min(1).max(64);
export const ProxyAuthAnswer = z.union([
  z.strictObject({ id: AuthId, username: z.string().min(1).max(256), password: z.string().max(1024) }),
  z.strictObject({ id: AuthId, cancel: z.literal(true) }),
]);
export type ProxyAuthAnswer = z.infer<typeof ProxyAuthAnswer>;

export interface DesktopBridge {
  /** The platform's capabilities, the app's version and the update state. */
  getDesktop(): Promise<DesktopInfo>;
  /** Gathers logs, versions and settings (never tokens) into one file; its path, or none if cancelled. */
  reportProblem(): Promise<{ file?: string }>;
  /** "Yeniden başlat ve güncelle": restarts into the downloaded update once no action is queued. */
  installUpdate(): Promise<UpdateStatus>;
  onUpdate(cb: (status: UpdateStatus) => void): () => void;
  /** A proxy wants credentials: the console shows a form and answers with `answerProxyAuth`. */
  onProxyAuth(cb: (req: ProxyAuthRequest) => void): () => void;
  answerProxyAuth(answer: ProxyAuthAnswer): Promise<void>;
  /**
   * Prints what the console shows for print (a pick list, packing slips: its print stylesheet) through
   * the system's print dialog; `printed: false` when the person cancelled it.
   */
  print(): Promise<{ printed: boolean }>;
}
