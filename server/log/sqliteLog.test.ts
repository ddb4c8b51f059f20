// The embedded log kept in SQLite: a restart keeps the epoch and what was retained, so a reader
// recovers with `since`; retention holds by events and by bytes, on disk as in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { eventBytes } from './memoryLog';
import { createSqliteLog } from './sqliteLog';

const live = (): LiveEvent => ({ ...orderCreated(), priority: 'normal', audience: ['warehouse'] }) as LiveEvent;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const open = (retention = 100, retentionBytes = 1 << 30) =>
  createSqliteLog({ dataDir: dir, retention, retentionBytes, dedupeWindow: 1000 });

describe('embedded log in SQLite', () => {
  it('a reopened log keeps its epoch, offsets, content and known ids', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-log-'));
    const first = open();
    const events = [live(), live(), live()];
    for (const e of events) await first.append('orders', e);
    const head = await first.head('orders');
    await first.close();

    const again = open();
    expect(await again.head('orders')).toEqual(head);
    const read = await again.readSince('orders', { epoch: head.epoch, offset: 1 });
    expect(read.recovered).toBe(true);
    expect(read.events.map((d) => d.event.id)).toEqual([events[1]?.id, events[2]?.id]);
    expect(await again.append('orders', events[0] as LiveEvent)).toMatchObject({ duplicate: true });
    expect((await again.append('orders', live())).delivery.offset).toBe(4);
    await again.close();
  });

  it('keeps at most the retention in bytes; older positions answer recovered: false', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-log-'));
    const sample = live();
    const size = eventBytes(sample);
    const log = open(10_000, size * 5);
    for (let i = 0; i < 250; i++) await log.append('orders', live());
    const head = await log.head('orders');
    expect(head.offset).toBe(250);
    expect((await log.readSince('orders', { epoch: head.epoch, offset: 200 })).recovered).toBe(false);
    const recent = await log.readSince('orders', { epoch: head.epoch, offset: 246 });
    expect(recent.recovered).toBe(true);
    expect(recent.events).toHaveLength(4);
    await log.close();
    // The file was pruned too (every 100 appends), and a reopened log holds no more than the bound.
    const file = new SQLite(path.join(dir, 'channel-log.sqlite'), { readonly: true });
    const rows = (file.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;
    file.close();
    expect(rows).toBeLessThan(60);
    const again = open(10_000, size * 5);
    expect((await again.readSince('orders', { epoch: head.epoch, offset: 240 })).recovered).toBe(false);
    expect((await again.readSince('orders', { epoch: head.epoch, offset: 246 })).events).toHaveLength(4);
    await again.close();
  });
});
