// Automatic updates of the installed app (electron-updater, from the signed feed): checked at
// start and every 4 hours, downloaded in the background, installed when the person asks
// ("Yeniden başlat ve güncelle") — and even then only once the outbox has sent its queued
// actions; never a restart on its own. Not in development or under test.
import type { UpdateStatus } from '../protocol';
import type { Logger } from '../core';

export const CHECK_EVERY_MS = 4 * 60 * 60_000;
const NOTES_MAX = 4000;

interface UpdateInfoLike {
  version: string;
  releaseNotes?: string | { version: string; note: string | null }[] | null;
}

/** The part of electron-updater's AppUpdater used here. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available', fn: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', fn: (info: UpdateInfoLike) => void): unknown;
  on(event: 'download-progress', fn: (p: { percent: number }) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
}

/** Release notes as plain text (the feed carries HTML from the release page), bounded. */
export function releaseNotesText(notes: UpdateInfoLike['releaseNotes']): string {
  const raw = Array.isArray(notes) ? notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n') : (notes ?? '');
  const text = raw
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
  return text.length > NOTES_MAX ? `${text.slice(0, NOTES_MAX - 1)}…` : text;
}

export function createUpdates(deps: {
  /** Packaged and not under test. */
  enabled: boolean;
  updater: Updater;
  log: Logger;
  every: (fn: () => void, ms: number) => () => void;
  /** Actions the outbox still has to send. */
  pendingActions: () => Promise<number>;
  /** Flushes what is to be kept before the app goes down. */
  beforeInstall: () => Promise<void>;
  onStatus: (status: UpdateStatus) => void;
}) {
  let status: UpdateStatus = deps.enabled ? { state: 'idle' } : { state: 'unsupported' };
  let stop: (() => void) | undefined;
  let installing = false;
  const set = (next: UpdateStatus) => {
    status = next;
    deps.onStatus(next);
  };
  const downloaded = () => status.state === 'ready' || status.state === 'waiting';

  async function check(): Promise<void> {
    // A downloaded update stays: checking again would only fetch it again.
    if (downloaded() || status.state === 'downloading') return;
    try {
      await deps.updater.checkForUpdates();
    } catch (err) {
      deps.log.warn({ err }, 'update check failed');
    }
  }

  async function install(): Promise<void> {
    if (installing) return;
    installing = true;
    try {
      await deps.beforeInstall();
    } catch (err) {
      deps.log.error({ err }, 'could not flush before the update');
    }
    deps.log.info({ version: 'version' in status ? status.version : undefined }, 'restarting to update');
    deps.updater.quitAndInstall(false, true);
  }

  return {
    status: () => status,
    start(): void {
      if (!deps.enabled) return;
      const u = deps.updater;
      u.autoDownload = true;
      // Quitting by hand installs it too: that is the person's restart, not ours.
      u.autoInstallOnAppQuit = true;
      u.on('checking-for-update', () => {
        if (!downloaded()) set({ state: 'checking' });
      });
      u.on('update-not-available', () => set({ state: 'idle' }));
      u.on('update-available', (info) => set({ state: 'downloading', version: info.version, percent: 0 }));
      u.on('download-progress', (p) => {
        if (status.state === 'downloading') set({ ...status, percent: Math.round(p.percent) });
      });
      u.on('update-downloaded', (info) => {
        deps.log.info({ version: info.version }, 'update downloaded');
        set({ state: 'ready', version: info.version, notes: releaseNotesText(info.releaseNotes) });
      });
      u.on('error', (err) => {
        deps.log.warn({ err }, 'update failed');
        if (!downloaded()) set({ state: 'error', message: err.message });
      });
      void check();
      stop = deps.every(() => void check(), CHECK_EVERY_MS);
    },
    /** The person asked to restart into the update. */
    async requestInstall(): Promise<UpdateStatus> {
      if (!downloaded()) return status;
      const s = status as Extract<UpdateStatus, { state: 'ready' | 'waiting' }>;
      const pending = await deps.pendingActions();
      if (pending > 0) {
        deps.log.info({ pending }, 'update waits for the outbox');
        set({ state: 'waiting', version: s.version, notes: s.notes, pending });
        return status;
      }
      void install();
      return status;
    },
    /** The outbox changed: a restart the person asked for goes ahead once it is empty. */
    outboxChanged(pending: number): void {
      if (status.state !== 'waiting') return;
      if (pending > 0) {
        if (pending !== status.pending) set({ ...status, pending });
        return;
      }
      void install();
    },
    stop(): void {
      stop?.();
      stop = undefined;
    },
  };
}

export type Updates = ReturnType<typeof createUpdates>;
