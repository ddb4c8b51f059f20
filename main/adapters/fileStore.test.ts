// The durable file store: round trips, key checks, write ordering, and crash safety of each write.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveError } from '../../protocol';
import { createFileStore, nodeFs, type StoreFs } from './fileStore';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'meschain-store-'));
  dir = path.join(root, 'store');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** nodeFs with every call recorded, optional random slowness, and faults injected on demand. */
function recordingFs(options: { jitterMs?: number } = {}) {
  const calls: string[] = [];
  const written = new Map<string, string>();
  const faults: { rename?: Error; tornWrite?: Error } = {};
  const name = (f: string) => (f === dir ? 'DIR' : f.endsWith('.tmp') ? 'TMP' : path.basename(f));
  const jitter = () => sleep(Math.random() * (options.jitterMs ?? 0));
  const fs: StoreFs = {
    async open(file, flags) {
      calls.push(`open ${name(file)} ${flags}`);
      const h = await nodeFs.open(file, flags);
      return {
        async writeFile(data: string | Uint8Array) {
          await jitter();
          if (faults.tornWrite) {
            // Half the bytes reach the disk, then the write fails (disk full, crash).
            await h.writeFile(String(data).slice(0, Math.floor(String(data).length / 2)), 'utf8');
            const err = faults.tornWrite;
            faults.tornWrite = undefined;
            throw err;
          }
          calls.push(`write ${name(file)}`);
          written.set(file, String(data));
          return h.writeFile(data, 'utf8');
        },
        async sync() {
          await jitter();
          calls.push(`sync ${name(file)}`);
          return h.sync();
        },
        async close() {
          calls.push(`close ${name(file)}`);
          return h.close();
        },
      } as Awaited<ReturnType<StoreFs['open']>>;
    },
    async rename(from, to) {
      await jitter();
      if (faults.rename) {
        const err = faults.rename;
        faults.rename = undefined;
        throw err;
      }
      calls.push(`rename ${name(from)}->${name(to)} ${written.get(from)}`);
      return nodeFs.rename(from, to);
    },
    readFile: (file, enc) => nodeFs.readFile(file, enc),
    unlink: (file) => nodeFs.unlink(file),
    mkdir: (d, o) => nodeFs.mkdir(d, o),
  };
  return { fs, calls, faults };
}

describe('file store', () => {
  it('round-trips set, get and delete, and a missing key reads as undefined', async () => {
    const store = createFileStore(dir);
    expect(await store.get('outbox')).toBeUndefined();
    await store.set('outbox', '{"a":1}');
    expect(await store.get('outbox')).toBe('{"a":1}');
    await store.set('outbox', 'ünicode ✓ "quoted"\n');
    expect(await store.get('outbox')).toBe('ünicode ✓ "quoted"\n');
    await store.delete('outbox');
    expect(await store.get('outbox')).toBeUndefined();
    await expect(store.delete('never-set')).resolves.toBeUndefined();
  });

  it('keeps its data across a new store on the same folder (an app restart)', async () => {
    await createFileStore(dir).set('settings', 'v1');
    expect(await createFileStore(dir).get('settings')).toBe('v1');
  });

  it.each(['../escape', 'a/b', 'a\\b', '', 'with space', 'x'.repeat(101), 'semi;colon', 'nul\0'])(
    'refuses the invalid key %j with a LiveError and writes nothing',
    async (key) => {
      const store = createFileStore(dir);
      for (const op of [() => store.get(key), () => store.set(key, 'v'), () => store.delete(key)]) {
        const err = await (async () => op())().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(LiveError);
        expect((err as LiveError).code).toBe('bad_request');
      }
      await store.get('probe'); // the folder exists once the store is ready
      expect(readdirSync(root)).toEqual(['store']);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('reports an invalid key through the returned promise, not by throwing', async () => {
    const store = createFileStore(dir);
    let result: Promise<void> | undefined;
    expect(() => {
      result = store.set('../escape', 'v');
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(LiveError);
  });

  it('applies concurrent sets to one key in call order: the last one wins', async () => {
    const { fs, calls } = recordingFs({ jitterMs: 5 });
    const store = createFileStore(dir, fs);
    const values = Array.from({ length: 25 }, (_, i) => `v${i}`);
    const reads = values.map((v) => {
      void store.set('outbox', v);
      return store.get('outbox'); // a read after a set sees that set or a later one
    });
    const seen = await Promise.all(reads);
    seen.forEach((v, i) => expect(Number((v as string).slice(1))).toBeGreaterThanOrEqual(i));
    expect(await store.get('outbox')).toBe('v24');
    const renamed = calls.filter((c) => c.startsWith('rename')).map((c) => c.split(' ').at(-1));
    expect(renamed).toEqual(values);
  });

  it('writes each value to a temp file, syncs and closes it, renames it, then syncs the folder', async () => {
    const { fs, calls } = recordingFs();
    const store = createFileStore(dir, fs);
    for (const v of ['a', 'b', 'c']) await store.set('k', v);
    const perSet = [
      'open TMP w',
      'write TMP',
      'sync TMP',
      'close TMP',
      'rename TMP->k.json',
      'open DIR r',
      'sync DIR',
      'close DIR',
    ];
    const writes = calls.map((c) => (c.startsWith('rename') ? c.split(' ').slice(0, 2).join(' ') : c));
    expect(writes).toEqual([...perSet, ...perSet, ...perSet]);
    expect(readdirSync(dir)).toEqual(['k.json']);
  });

  it('syncs the folder after a delete, so the removal is durable too', async () => {
    const { fs, calls } = recordingFs();
    const store = createFileStore(dir, fs);
    await store.set('k', 'a');
    calls.length = 0;
    await store.delete('k');
    expect(calls).toEqual(['open DIR r', 'sync DIR', 'close DIR']);
  });

  it('keeps the previous value readable when the rename fails, and later writes still work', async () => {
    const { fs, faults } = recordingFs();
    const store = createFileStore(dir, fs);
    await store.set('outbox', 'old value');
    faults.rename = Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    await expect(store.set('outbox', 'new value that never landed')).rejects.toThrow('EIO');
    expect(await store.get('outbox')).toBe('old value');
    expect(readFileSync(path.join(dir, 'outbox.json'), 'utf8')).toBe('old value');
    await store.set('outbox', 'after the fault');
    expect(await store.get('outbox')).toBe('after the fault');
  });

  it('never reads back a torn write: the old value stays when the write itself fails half way', async () => {
    const { fs, faults } = recordingFs();
    const store = createFileStore(dir, fs);
    await store.set('outbox', '{"entries":["first"]}');
    faults.tornWrite = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    await expect(store.set('outbox', '{"entries":["first","second"]}')).rejects.toThrow('ENOSPC');
    expect(await store.get('outbox')).toBe('{"entries":["first"]}');
    // A fresh store (the app restarted after the failure) reads the same complete value.
    expect(await createFileStore(dir).get('outbox')).toBe('{"entries":["first"]}');
  });

  it('leaves no temp file behind after a failed write', async () => {
    const { fs, faults } = recordingFs();
    const store = createFileStore(dir, fs);
    await store.set('outbox', 'old');
    faults.rename = new Error('EIO');
    await store.set('outbox', 'new').catch(() => undefined);
    expect(readdirSync(dir)).toEqual(['outbox.json']);
  });
});
