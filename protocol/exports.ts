// Exports of a list's filter as CSV, streamed end to end: the download ticket the gateway hands out
// (`POST /v1/exports`), the file a host saves it as, and what the console hears back — progress
// while the desktop writes the file, and the result (saved, handed to the browser, or cancelled).
import { z } from 'zod';
import type { ExportRequest } from './queries';

/** How long a download ticket stays valid (it is also used up by its first download). */
export const EXPORT_TICKET_TTL_MS = 60_000;

/** `POST /v1/exports`: where to download the export, once, before `expiresAt`. */
export const ExportTicket = z.strictObject({
  /**
   * Path and query string on the same gateway (`/v1/orders?…&format=csv&ticket=…`): a plain GET
   * without an `Authorization` header downloads the CSV.
   */
  url: z.string().startsWith('/v1/'),
  /** Epoch ms. */
  expiresAt: z.number().int(),
});
export type ExportTicket = z.infer<typeof ExportTicket>;

/** The console names each export it starts, so progress and "İptal" can refer to it. */
export const ExportJobId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export type ExportJobId = z.infer<typeof ExportJobId>;

export type ExportResult =
  /** The desktop wrote the whole file (`file`: where the person chose). */
  | { state: 'saved'; file: string; bytes: number; rows: number }
  /** The web console handed the download to the browser, which streams it to disk itself. */
  | { state: 'started'; filename: string }
  /** The person cancelled the save dialog or the download: nothing was written. */
  | { state: 'cancelled' };

/**
 * Exports, as each host does them: the desktop asks where to save and streams the download to that
 * file itself; the web console hands a ticket's URL to the browser's own download.
 */
export interface ExportBridge {
  /**
   * Exports the whole list of a filter as CSV (`id`: the console's name for this export). Rejects
   * with the gateway's error or `unavailable` when the download failed (nothing is left on disk).
   */
  exportCsv(req: ExportRequest, id: ExportJobId): Promise<ExportResult>;
  /** Stops an export under way: it resolves `cancelled` and leaves no file. Unknown ids are ignored. */
  cancelExport(id: ExportJobId): Promise<void>;
  /** How far an export under way is (the desktop; the browser shows its own downloads). */
  onExportProgress(cb: (progress: ExportProgress) => void): () => void;
}

/** While the desktop writes an export: how much is on disk so far (rows: CSV records, header included). */
export interface ExportProgress {
  id: ExportJobId;
  bytes: number;
  rows: number;
}

const BASE_NAMES: Record<ExportRequest['resource'], string> = {
  orders: 'siparisler',
  stock: 'stok',
  alerts: 'uyarilar',
};

/** `siparisler-2026-12-07.csv`: the list's Turkish name and the local date of the export. */
export function exportFileName(resource: ExportRequest['resource'], now: Date): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${BASE_NAMES[resource]}-${day}.csv`;
}
