// Durable key-value store on plain files: each key is one file, replaced atomically
// (write temp → fsync → rename → fsync directory), so a crash leaves the old or the new value,
// never a torn one. Used by Electron's main process and by Node tests and tools.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { LiveError } from '../../protocol';
import type { KeyValueStore } from '../../core';

const KEY = /^[A-Za-z0-9._-]{1,100}$/;

/** The file system calls the store makes, so a test can inject faults and check their order. */
export interface StoreFs {
  open(file: string, flags: string): Promise<Pick<FileHandle, 'writeFile' | 'sync' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
}

export const nodeFs: StoreFs = {
  open: (file, flags) => fs.open(file, flags),
  rename: fs.rename,
  readFile: (file, encoding) => fs.readFile(file, encoding),
  unlink: fs.unlink,
  mkdir: (dir, options) => fs.mkdir(dir, options),
};

export interface FileStore extends KeyValueStore {
  /** Resolves when every write started so far is on disk (for an orderly shutdown). */
  flush(): Promise<void>;
}

export function createFileStore(dir: string, fsImpl: StoreFs = nodeFs): FileStore {
  const ready = fsImpl.mkdir(dir, { recursive: true });
  // Writes to one key are applied in call order.
  const chains = new Map<string, Promise<void>>();

  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new LiveError('bad_request', `Invalid store key "${key}"`);
    return path.join(dir, `${key}.json`);
  };

  async function syncDir(): Promise<void> {
    const handle = await fsImpl.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async function writeAtomically(file: string, value: string): Promise<void> {
    await ready;
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await fsImpl.open(tmp, 'w');
      try {
        await handle.writeFile(value, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsImpl.rename(tmp, file);
    } catch (err) {
      // The old value stays; the half-written temp file must not.
      await fsImpl.unlink(tmp).catch(() => undefined);
      throw err;
    }
    await syncDir();
  }

  function enqueue(key: string, op: () => Promise<void>): Promise<void> {
    const run = (chains.get(key) ?? Promise.resolve()).then(op);
    const tail = run.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return run;
  }

  return {
    async flush() {
      await ready.catch(() => undefined);
      await Promise.all([...chains.values()]);
    },
    async get(key) {
      const file = fileOf(key);
      await ready;
      await chains.get(key);
      try {
        return await fsImpl.readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      return enqueue(key, () => writeAtomically(file, value));
    },
    async delete(key) {
      const file = fileOf(key);
      return enqueue(key, async () => {
        await ready;
        try {
          await fsImpl.unlink(file);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        await syncDir();
      });
    },
  };
}
