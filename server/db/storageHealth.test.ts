// What a failed write says about the disk: a read-only disk (SQLite's SQLITE_READONLY_*, the OS's
// EROFS) is refused with 503 `storage_unavailable`, logged once by name, and so is a full one with
// 507 `storage_full`; other errors are not disk faults.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createStorageHealth, storageFaultOf } from './storageHealth';

const coded = (code: string) => Object.assign(new Error(code), { code });
const dir = mkdtempSync(path.join(tmpdir(), 'meschain-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storage health', () => {
  it('names read-only, full and failing disks, and nothing else', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EROFS'])
      expect(storageFaultOf(coded(code))).toBe('read-only');
    for (const code of ['SQLITE_FULL', 'ENOSPC']) expect(storageFaultOf(coded(code))).toBe('disk full');
    expect(storageFaultOf(coded('SQLITE_IOERR_WRITE'))).toBe('I/O error');
    for (const err of [coded('SQLITE_CONSTRAINT'), new Error('no code'), 'text'])
      expect(storageFaultOf(err)).toBeUndefined();
  });

  it('refuses writes with 503 storage_unavailable on a read-only disk, logged once, until a probe writes again', async () => {
    const lines: string[] = [];
    const logger = createLogger('info');
    logger.error = ((_obj: unknown, msg: string) => void lines.push(msg)) as typeof logger.error;
    logger.warn = ((_obj: unknown, msg: string) => void lines.push(msg)) as typeof logger.warn;
    const health = createStorageHealth({ dataDir: dir, logger, probeEveryMs: 20 });
    try {
      const refusal = health.failed(coded('SQLITE_READONLY'));
      expect(refusal?.code).toBe('storage_unavailable');
      expect(refusal?.status).toBe(503);
      expect(refusal?.message).toMatch(/read-only/);
      health.failed(coded('EROFS'));
      expect(health.fault()).toBe('read-only');
      expect(() => health.guard()).toThrow(expect.objectContaining({ code: 'storage_unavailable' }));
      expect(lines.filter((l) => l.startsWith('storage: read-only'))).toEqual([
        'storage: read-only (SQLITE_READONLY); writes refused',
      ]);
      // The folder is writable (the disk came back): the probe lets writes through by itself.
      const deadline = Date.now() + 10_000;
      while (health.fault() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(health.fault()).toBeUndefined();
      expect(lines).toContain('storage writable again');
    } finally {
      health.stop();
    }
  });
});
