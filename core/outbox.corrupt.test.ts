// A stored outbox that does not parse: its text is copied aside before the outbox starts empty, and
// when the copy cannot be made the original is never written over.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../main/adapters/fileStore';
import type { KeyValueStore, Logger } from './ports';
import { createOutbox } from './outbox';
import { FakeClock, MemoryStore, silentLogger } from './test/fakes';

const CORRUPT = '{"pending":[{"key":"p1","action":{"type":"ALERT_ACK","alertKey":"LOW_STOCK:a"},"crea';
/** FakeClock's start, 2023-11-14T22:13:20.000Z, in ISO 8601 basic format. */
const BACKUP_KEY = 'outbox-u1.corrupt-20231114T221320.000Z';
const ack = (alertKey: string) => ({ type: 'ALERT_ACK' as const, alertKey });

function outboxOn(store: KeyValueStore, logger: Logger = silentLogger) {
  let n = 0;
  return createOutbox(
    { store, clock: new FakeClock(), logger, randomId: () => `key-${++n}` },
    { send: () => Promise.reject(new Error('offline')), onChange: () => undefined, onOutcome: () => undefined },
    { storeKey: 'outbox-u1' },
  );
}

describe('outbox: a stored outbox that does not parse', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['not JSON', CORRUPT],
    ['JSON of another shape', '{"pending":"nope"}'],
  ])('(%s) is kept under a backup key, logged, and the outbox starts empty', async (_, raw) => {
    const store = new MemoryStore();
    store.data.set('outbox-u1', raw);
    const errors: { fields: Record<string, unknown>; msg: string }[] = [];
    const logger: Logger = { ...silentLogger, error: (fields, msg) => void errors.push({ fields, msg }) };
    const outbox = outboxOn(store, logger);
    await outbox.load();
    expect(outbox.state()).toEqual({ pending: [], failed: [] });
    expect(store.data.get(BACKUP_KEY)).toBe(raw);
    expect(errors).toEqual([expect.objectContaining({ fields: { key: 'outbox-u1', backupKey: BACKUP_KEY } })]);
    // The next write replaces the corrupt text; the copy stays.
    await outbox.add(ack('LOW_STOCK:b'));
    expect(JSON.parse(store.data.get('outbox-u1') ?? '').pending).toHaveLength(1);
    expect(store.data.get(BACKUP_KEY)).toBe(raw);
  });

  it('on the real file store, the copy is a file beside the outbox with the corrupt text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-corrupt-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'outbox-u1.json'), CORRUPT);
    const outbox = outboxOn(createFileStore(dir));
    await outbox.load();
    await outbox.add(ack('LOW_STOCK:b'));
    expect(readdirSync(dir).sort()).toEqual([`${BACKUP_KEY}.json`, 'outbox-u1.json']);
    expect(readFileSync(path.join(dir, `${BACKUP_KEY}.json`), 'utf8')).toBe(CORRUPT);
  });

  it('when the copy cannot be written: load() fails with outbox_unreadable and the original is never written over', async () => {
    const store = new MemoryStore();
    store.data.set('outbox-u1', CORRUPT);
    let diskFull = true;
    const flaky = Object.assign(Object.create(store) as MemoryStore, {
      set: async (k: string, v: string) => {
        if (diskFull) throw new Error('ENOSPC');
        store.data.set(k, v);
      },
    });
    const outbox = outboxOn(flaky);
    await expect(outbox.load()).rejects.toMatchObject({ code: 'internal', details: { reason: 'outbox_unreadable' } });
    // Used anyway, it refuses, even once the store takes writes again.
    diskFull = false;
    await expect(outbox.add(ack('LOW_STOCK:b'))).rejects.toMatchObject({ details: { reason: 'outbox_unreadable' } });
    expect(store.data.get('outbox-u1')).toBe(CORRUPT);
    expect([...store.data.keys()]).toEqual(['outbox-u1']);
  });
});
