// A full disk under an embedded gateway, on a real filesystem: a tiny tmpfs mounted for the test as
// LIVE_DATA_DIR (skipped where mounting is not allowed). While it is full every event type is refused
// with 507 `storage_full` (never 202, never 500), the log and /readyz name the disk, and when space
// returns the gateway takes events again by itself. What it accepted reached the console.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../protocol';
import { VALID_FIXTURES } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { waitFor } from '../test/live';
import { readiness } from '../test/readiness';
import { startWitness, type Witness } from '../test/witness';

const mountDir = mkdtempSync(path.join(tmpdir(), 'meschain-disk-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountDir]).status === 0;
if (!mounted) console.info('disk faults: cannot mount a tmpfs here (needs CAP_SYS_ADMIN); skipped');
const dataDir = path.join(mountDir, 'data');
const filler = path.join(mountDir, 'filler');
let gw: GatewayProcess | undefined;
let witness: Witness | undefined;

afterAll(async () => {
  witness?.close();
  await gw?.dispose();
  if (mounted) spawnSync('umount', [mountDir]);
  rmdirSync(mountDir);
});

/** Writes until the filesystem refuses: the disk is then really full. */
function fillDisk(): number {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return written;
}

const everyType = (): EventInput[] => Object.values(VALID_FIXTURES).map((make) => make());

describe.skipIf(!mounted)('a full disk (embedded)', () => {
  it('refuses every event type with 507 while full, says so, and recovers by itself', async () => {
    gw = await startGatewayProcess({ LIVE_DATA_DIR: dataDir, LIVE_LOG_LEVEL: 'info' });
    witness = await startWitness(gw.url, ['orders', 'inventory', 'prices', 'system']);
    const accepted: string[] = [];
    for (const e of everyType()) {
      const r = await postEvents(gw.url, e);
      expect(r.status).toBe(202);
      if (e.type !== 'METRIC_UPDATE') accepted.push(e.id);
    }

    const filled = fillDisk();
    const statuses = new Set<number>();
    let lastRound: { status: number; json: unknown }[] = [];
    // The SQLite files may still have free pages: write until the disk is hit.
    for (let round = 0; round < 200; round++) {
      lastRound = [];
      for (const e of everyType()) {
        const r = await postEvents(gw.url, e);
        statuses.add(r.status);
        lastRound.push(r);
        if (r.status === 202 && e.type !== 'METRIC_UPDATE') accepted.push(e.id);
      }
      if (lastRound.every((r) => r.status === 507)) break;
    }
    expect([...statuses].filter((s) => s !== 202 && s !== 507)).toEqual([]);
    expect(lastRound.map((r) => r.status)).toEqual([507, 507, 507, 507, 507]);
    for (const r of lastRound) expect(r.json).toMatchObject({ error: { code: 'storage_full' } });
    const ready = await readiness(gw.url);
    expect(ready.ms).toBeLessThan(1000);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ checks: { storage: false }, faults: { storage: 'disk full' } });
    expect(gw.output()).toMatch(/storage: disk full \((SQLITE_FULL|ENOSPC)\)/);
    expect(gw.output()).not.toContain('no transaction is active');
    console.info(`disk full: filler ${Math.round(filled / 1024)} KiB; refused with ${[...statuses].join(', ')}`);

    rmSync(filler);
    await waitFor(async () => (await readiness(gw!.url)).status === 200, 'readiness after space returned', 30_000);
    for (const e of everyType()) {
      const r = await postEvents(gw.url, e);
      expect(r.status).toBe(202);
      if (e.type !== 'METRIC_UPDATE') accepted.push(e.id);
    }
    await waitFor(
      () => accepted.every((id) => witness!.client.deliveries.some((d) => d.event.id === id)),
      'every accepted event at the console',
    );
    for (const channel of ['orders', 'inventory', 'prices', 'system']) {
      expect(witness.faults(channel)).toEqual({ twice: [], holes: [] });
    }
    expect(gw.pid()).toBeDefined();
  }, 180_000);
});
