// The embedded gateway's disk (LIVE_DATA_DIR): a full or read-only disk is named once in the log
// and on /readyz, every write is refused with 507 `storage_full` or 503 `storage_unavailable`
// (never a 202 for what cannot be kept, never a 500), and a probe notices when space returns.
import { accessSync, constants, existsSync } from 'node:fs';
import { statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LiveError } from '../../protocol';
import type { Logger } from '../logger';

export type StorageFault = 'disk full' | 'read-only' | 'I/O error';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = /^SQLITE_READONLY/;

/** What a write error says about the disk, or undefined when it is not a disk problem. */
export function storageFaultOf(err: unknown): StorageFault | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (FULL.has(code)) return 'disk full';
  if (READ_ONLY.test(code) || code === 'EROFS') return 'read-only';
  if (/^SQLITE_IOERR/.test(code) || code === 'SQLITE_CANTOPEN' || code === 'EIO') return 'I/O error';
  return undefined;
}

/**
 * Throws an error naming the fault when `dir` (or, before it exists, the folder it will be made in)
 * cannot be written: a gateway started on a read-only disk says so in its one line.
 */
export function assertWritableDir(dir: string): void {
  let existing = path.resolve(dir);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    accessSync(existing, constants.W_OK);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const fault = storageFaultOf(err) ?? 'not writable';
    throw new Error(`the data folder ${dir} is ${fault} (${String(code)}); nothing could be kept`);
  }
}

export function storageError(fault: StorageFault): LiveError {
  return fault === 'disk full'
    ? new LiveError('storage_full', 'The gateway’s disk is full; nothing can be kept until space returns', {
        retryAfterMs: 5000,
      })
    : new LiveError('storage_unavailable', `The gateway’s disk is ${fault === 'read-only' ? 'read-only' : 'failing'}`, {
        retryAfterMs: 5000,
      });
}

export interface StorageHealth {
  /** The fault in force, undefined while writes work. */
  fault(): StorageFault | undefined;
  /** Throws the storage error at once while the disk is known to be in trouble. */
  guard(): void;
  /** Reports a failed write: a disk fault marks the storage down (and is returned as a LiveError). */
  failed(err: unknown): LiveError | undefined;
  stop(): void;
}

/** Space a probe needs free before writes are let through again. */
const MIN_FREE_BYTES = 1024 * 1024;
const PROBE_BYTES = 64 * 1024;

export function createStorageHealth(options: {
  dataDir: string;
  logger: Logger;
  probeEveryMs?: number;
}): StorageHealth {
  let current: StorageFault | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function writable(): Promise<boolean> {
    try {
      const fs = await statfs(options.dataDir);
      if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return false;
      const probe = path.join(options.dataDir, '.write-probe');
      await writeFile(probe, Buffer.alloc(PROBE_BYTES), { flush: true });
      await unlink(probe);
      return true;
    } catch {
      return false;
    }
  }

  function probe(): void {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      void writable().then((ok) => {
        timer = undefined;
        if (ok) {
          options.logger.warn({ dataDir: options.dataDir, was: current }, 'storage writable again');
          current = undefined;
        } else probe();
      });
    }, options.probeEveryMs ?? 1000);
    timer.unref();
  }

  return {
    fault: () => current,
    guard() {
      if (current) throw storageError(current);
    },
    failed(err) {
      const fault = storageFaultOf(err);
      if (!fault) return undefined;
      if (!current) {
        const code = (err as { code?: string }).code;
        options.logger.error({ dataDir: options.dataDir, code, fault }, `storage: ${fault} (${code}); writes refused`);
      }
      current = fault;
      probe();
      return storageError(fault);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
