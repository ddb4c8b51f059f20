// A read-only disk under an embedded gateway, on a real filesystem: a tmpfs mounted read-only as
// the parent of LIVE_DATA_DIR (skipped where mounting is not allowed). The start ends in one line
// that names the read-only disk, with nothing listening. A disk turned read-only under a running
// gateway cannot be staged here: Linux refuses to remount a filesystem read-only (EBUSY) while the
// gateway holds its SQLite files open for writing; the mapping of SQLITE_READONLY and EROFS to 503
// `storage_unavailable` is covered by the storage health's own tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFailingStart } from '../test/gatewayProcess';

const mountDir = mkdtempSync(path.join(tmpdir(), 'meschain-ro-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountDir]).status === 0;
if (!mounted) console.info('read-only disk: cannot mount a tmpfs here (needs CAP_SYS_ADMIN); skipped');
const dataDir = path.join(mountDir, 'data');
const readOnly = mounted && (mkdirSync(dataDir), spawnSync('mount', ['-o', 'remount,ro', mountDir]).status === 0);

afterAll(() => {
  if (mounted) spawnSync('umount', [mountDir]);
  rmdirSync(mountDir);
});

describe.skipIf(!readOnly)('a read-only disk (embedded)', () => {
  it('ends the start in one line naming the read-only data folder, nothing listening', async () => {
    for (const dir of [dataDir, path.join(dataDir, 'not-yet-made')]) {
      const run = await runFailingStart({ LIVE_DATA_DIR: dir });
      const lines = run.output.trim().split('\n');
      expect(run.code, run.output).toBe(1);
      expect(lines, run.output).toHaveLength(1);
      expect(lines[0]).toBe(
        `meschain-live: gateway failed to start: the data folder ${dir} is read-only (EROFS); nothing could be kept`,
      );
      expect(run.listened).toBe(false);
    }
  }, 120_000);
});
