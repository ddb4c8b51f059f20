// "Dışa aktar" on the desktop: the person picks where to save (Downloads, `siparisler-2026-12-07.csv`
// by default), then the gateway's CSV streams from a download ticket straight into that file —
// never whole in memory, never across IPC, with backpressure from the disk to the socket. It is
// written under a temporary name beside the chosen one and renamed when complete, so a cancelled,
// cut-off or failed download leaves nothing under the chosen name (and no temporary file either).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type * as E from 'electron';
import type { Logger } from '../../core';
import {
  ErrorBody,
  LiveError,
  exportFileName,
  type ExportBridge,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  type ExportTicket,
  type Settings,
} from '../../protocol';
import { dialogText } from '../failures/texts';
import { requireSecureServer } from '../net/secureServer';
import { CsvMeter } from './csvMeter';

/** The part of a fetch answer the download reads (net.fetch's and Node's Response both have it). */
export interface DownloadResponse {
  status: number;
  body: ReadableStream<Uint8Array> | null;
  json(): Promise<unknown>;
}

export interface CsvExporterDeps {
  electron: {
    app: Pick<E.App, 'getPath'>;
    dialog: Pick<typeof E.dialog, 'showSaveDialog'>;
  };
  window: () => E.BrowserWindow | undefined;
  /** A download ticket for the export, as the signed-in user (core's LiveHost.exportTicket). */
  ticket: (req: ExportRequest) => Promise<ExportTicket>;
  /** Electron's net.fetch: the system proxy applies to the download as to everything else. */
  net: { fetch(url: string, init: { signal: AbortSignal }): Promise<DownloadResponse> };
  language: () => Settings['language'];
  log: Logger;
  now?: () => Date;
  /** Progress is told at most this often (and once at the end). */
  progressEveryMs?: number;
}

const cancelled: ExportResult = { state: 'cancelled' };

/** `.siparisler-2026-12-07.csv.3f9a1c02.part`: hidden, beside the chosen file, on the same volume. */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.part`);
}

export function createCsvExporter(deps: CsvExporterDeps): ExportBridge & { dispose(): void } {
  const now = deps.now ?? (() => new Date());
  const every = deps.progressEveryMs ?? 200;
  const running = new Map<string, AbortController>();
  const listeners = new Set<(progress: ExportProgress) => void>();
  const tell = (progress: ExportProgress) => listeners.forEach((cb) => cb(progress));

  async function askWhere(req: ExportRequest): Promise<string | undefined> {
    const options: E.SaveDialogOptions = {
      title: dialogText(deps.language(), 'exportSaveTitle'),
      defaultPath: path.join(deps.electron.app.getPath('downloads'), exportFileName(req.resource, now())),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
    const win = deps.window();
    const answer = await (win
      ? deps.electron.dialog.showSaveDialog(win, options)
      : deps.electron.dialog.showSaveDialog(options));
    return answer.canceled || !answer.filePath ? undefined : answer.filePath;
  }

  async function download(id: string, url: string, file: string, signal: AbortSignal): Promise<ExportResult> {
    let res: DownloadResponse;
    requireSecureServer(url);
    try {
      res = await deps.net.fetch(url, { signal });
    } catch {
      if (signal.aborted) return cancelled;
      throw new LiveError('unavailable', 'Cannot reach the gateway for the export');
    }
    if (res.status !== 200 || !res.body) {
      const err = ErrorBody.safeParse(await res.json().catch(() => undefined));
      throw err.success ? LiveError.fromPayload(err.data.error) : new LiveError('unavailable', `HTTP ${res.status}`);
    }
    const temp = tempNameFor(file);
    let last = 0;
    const meter = new CsvMeter(() => {
      const t = Date.now();
      if (t - last < every) return;
      last = t;
      tell({ id, bytes: meter.bytes, rows: meter.rows });
    });
    try {
      const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
      // `wx`: a file of that name appearing meanwhile is never overwritten half-way.
      await pipeline(body, meter, createWriteStream(temp, { flags: 'wx' }), { signal });
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      if (signal.aborted) return cancelled;
      const { code, syscall } = err as NodeJS.ErrnoException;
      deps.log.warn({ code, syscall, bytes: meter.bytes }, 'export failed; nothing saved');
      if (code === 'ENOSPC') throw new LiveError('storage_full', 'The disk is full; nothing was saved');
      // A file system call failed (open, write, rename): the folder is gone or closed to us, or the
      // file is open in another program. Otherwise it was the download that broke off.
      if (syscall)
        throw new LiveError(
          'storage_unavailable',
          `The chosen file cannot be written (${code ?? syscall}); nothing was saved`,
        );
      throw new LiveError('unavailable', 'The download was cut off before it ended; nothing was saved');
    }
    tell({ id, bytes: meter.bytes, rows: meter.rows });
    deps.log.info({ resource: url.split('?')[0], bytes: meter.bytes, rows: meter.rows }, 'export saved');
    return { state: 'saved', file, bytes: meter.bytes, rows: meter.rows };
  }

  return {
    async exportCsv(req, id) {
      if (running.has(id)) throw new LiveError('bad_request', 'An export with this id is under way');
      const controller = new AbortController();
      running.set(id, controller);
      try {
        const file = await askWhere(req);
        if (!file || controller.signal.aborted) return cancelled;
        const { url } = await deps.ticket(req);
        if (controller.signal.aborted) return cancelled;
        return await download(id, url, file, controller.signal);
      } finally {
        running.delete(id);
      }
    },
    async cancelExport(id) {
      running.get(id)?.abort();
    },
    onExportProgress(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose() {
      for (const controller of running.values()) controller.abort();
      listeners.clear();
    },
  };
}
