// A stored outbox that does not parse, or holds entries that do not: its text is copied aside before
// the next write replaces it, once per distinct text, under a key the file store takes; when the
// copy cannot be made the original is never written over.
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

function outboxOn(
  store: KeyValueStore,
  { logger = silentLogger, clock = new FakeClock(), storeKey = 'outbox-u1' } = {},
) {
  let n = 0;
  return createOutbox(
    { store, clock, logger, randomId: () => `key-${++n}` },
    { send: () => Promise.reject(new Error('offline')), onChange: () => undefined, onOutcome: () => undefined },
    { storeKey },
  );
}

/** A stored outbox with one entry that parses (`p1`) and, when `bad`, one that does not. */
const withEntries = (bad: boolean) =>
  JSON.stringify({
    pending: [
      { key: 'p1', action: ack('LOW_STOCK:a'), createdAt: 1, attempts: 0 },
      ...(bad ? [{ key: 'p2', action: { type: 'NO_SUCH_ACTION' }, createdAt: 2, attempts: 0 }] : []),
    ],
    failed: [],
  });

/** The keys of the copies in `store`, not the note of the latest. */
const copies = (store: MemoryStore) => [...store.data.keys()].filter((k) => /\.corrupt-\d/.test(k));

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
    const outbox = outboxOn(store, { logger });
    await outbox.load();
    expect(outbox.state()).toEqual({ pending: [], failed: [] });
    expect(store.data.get(BACKUP_KEY)).toBe(raw);
    expect(errors).toEqual([
      expect.objectContaining({ fields: { key: 'outbox-u1', backupKey: BACKUP_KEY, existing: false } }),
    ]);
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
    expect(readdirSync(dir).sort()).toEqual([`${BACKUP_KEY}.json`, 'outbox-u1.corrupt-latest.json', 'outbox-u1.json']);
    expect(readFileSync(path.join(dir, `${BACKUP_KEY}.json`), 'utf8')).toBe(CORRUPT);
  });

  it.each([
    ['not JSON', CORRUPT],
    ['an entry that does not parse', withEntries(true)],
  ])(
    '(%s) when the copy cannot be written: load() fails with outbox_unreadable and the original is never written over',
    async (_, raw) => {
      const store = new MemoryStore();
      store.data.set('outbox-u1', raw);
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
      expect(store.data.get('outbox-u1')).toBe(raw);
      expect([...store.data.keys()]).toEqual(['outbox-u1']);
    },
  );

  it('entries that do not parse: the others are kept, and the whole text is copied before a write leaves them out', async () => {
    const store = new MemoryStore();
    const raw = withEntries(true);
    store.data.set('outbox-u1', raw);
    const outbox = outboxOn(store);
    await outbox.load();
    expect(outbox.state().pending.map((p) => p.key)).toEqual(['p1']);
    expect(store.data.get(BACKUP_KEY)).toBe(raw);
    await outbox.add(ack('LOW_STOCK:b'));
    expect(JSON.parse(store.data.get('outbox-u1') ?? '').pending).toHaveLength(2);
    expect(store.data.get(BACKUP_KEY)).toBe(raw);
  });

  it('an outbox whose entries all parse is not copied', async () => {
    const store = new MemoryStore();
    store.data.set('outbox-u1', withEntries(false));
    await outboxOn(store).load();
    expect([...store.data.keys()]).toEqual(['outbox-u1']);
  });

  it.each([
    ['not JSON', CORRUPT],
    ['an entry that does not parse', withEntries(true)],
  ])('(%s) left as it is: a later launch makes no second copy of the same text', async (_, raw) => {
    const store = new MemoryStore();
    store.data.set('outbox-u1', raw);
    const clock = new FakeClock();
    await outboxOn(store, { clock }).load();
    clock.advance(60_000);
    await outboxOn(store, { clock }).load();
    expect(copies(store)).toEqual([BACKUP_KEY]);
    // Other corrupt text is another copy.
    store.data.set('outbox-u1', `${raw}!`);
    clock.advance(60_000);
    await outboxOn(store, { clock }).load();
    expect(copies(store)).toHaveLength(2);
    expect(store.data.get(copies(store)[1] ?? '')).toBe(`${raw}!`);
  });

  it("a store key too long for the copy's suffix: the copy is still written on the file store, under a shortened key", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-corrupt-'));
    dirs.push(dir);
    // As long as the file store takes: 100 characters.
    const longKey = (id: string) => `outbox-${id.padEnd(93, 'x')}`;
    const keys = [longKey('u-1'), longKey('u-2')];
    for (const key of keys) writeFileSync(path.join(dir, `${key}.json`), CORRUPT);
    for (const key of keys) await outboxOn(createFileStore(dir), { storeKey: key }).load();
    const backups = readdirSync(dir).filter((f) => /\.corrupt-\d/.test(f));
    // One each, apart, within the store's key rule, and each with its own text.
    expect(backups).toHaveLength(2);
    for (const f of backups) {
      expect(f.replace(/\.json$/, '')).toMatch(/^[A-Za-z0-9._-]{1,100}$/);
      expect(readFileSync(path.join(dir, f), 'utf8')).toBe(CORRUPT);
    }
    // A later launch finds the copy under the same shortened key, and makes none.
    const later = new FakeClock();
    later.advance(60_000);
    await outboxOn(createFileStore(dir), { storeKey: keys[0], clock: later }).load();
    expect(readdirSync(dir).filter((f) => /\.corrupt-\d/.test(f))).toEqual(backups);
  });
});
