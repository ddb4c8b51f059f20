// The refresh token, kept only through the OS keystore (Electron's safeStorage, async API). Where
// no real keystore exists (Linux without a secret service: `basic_text`), nothing is written: the
// session lives in memory, and the console says so.
import type { SafeStorage } from 'electron';
import type { KeyValueStore, SecretStore } from '../core';

export function safeStorageSecrets(
  safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
    Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>,
  files: KeyValueStore,
  platform: NodeJS.Platform,
): SecretStore {
  const memory = new Map<string, string>();
  const fileKey = (key: string) => `secret-${key}`;

  async function persistent(): Promise<boolean> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    // On Linux, `basic_text` means a hard-coded password: no better than plain text.
    return platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  }

  return {
    persistent,
    async get(key) {
      if (memory.has(key)) return memory.get(key);
      if (!(await persistent())) return undefined;
      const sealed = await files.get(fileKey(key));
      if (sealed === undefined) return undefined;
      try {
        return (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result;
      } catch {
        return undefined; // another machine's or another user's keystore: sign in again
      }
    },
    async set(key, value) {
      memory.set(key, value);
      if (!(await persistent())) return;
      const sealed = await safeStorage.encryptStringAsync(value);
      await files.set(fileKey(key), sealed.toString('base64'));
    },
    async delete(key) {
      memory.delete(key);
      await files.delete(fileKey(key));
    },
  };
}
