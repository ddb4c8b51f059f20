// The refresh token goes to disk only sealed by a real OS keystore; without one it stays in memory.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../core/test/fakes';
import { safeStorageSecrets } from './secretStore';

function keystore(available: boolean, backend = 'gnome_libsecret') {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptStringAsync: async (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptStringAsync: async (b: Buffer) => ({
      result: Buffer.from(b.toString().replace('sealed:', ''), 'hex').toString(),
      shouldReEncrypt: false,
    }),
  };
}

describe('safeStorage secrets', () => {
  it('seal what they keep: the file never holds the plain value, and reading it back works', async () => {
    const files = new MemoryStore();
    const secrets = safeStorageSecrets(keystore(true), files, 'linux');
    expect(await secrets.persistent()).toBe(true);
    await secrets.set('session', 'refresh-token-value');
    const onDisk = files.data.get('secret-session') as string;
    expect(onDisk).toBeDefined();
    expect(Buffer.from(onDisk, 'base64').toString()).not.toContain('refresh-token-value');
    const restarted = safeStorageSecrets(keystore(true), files, 'linux');
    expect(await restarted.get('session')).toBe('refresh-token-value');
    await restarted.delete('session');
    expect(files.data.has('secret-session')).toBe(false);
  });

  it.each([
    ['no keystore', keystore(false), 'win32'],
    ['Linux with the basic_text fallback', keystore(true, 'basic_text'), 'linux'],
  ] as const)(
    '%s: nothing is written; the session lives in memory and says it will not survive',
    async (_what, ks, platform) => {
      const files = new MemoryStore();
      const secrets = safeStorageSecrets(ks, files, platform);
      expect(await secrets.persistent()).toBe(false);
      await secrets.set('session', 'refresh-token-value');
      expect(files.data.size).toBe(0);
      expect(await secrets.get('session')).toBe('refresh-token-value');
      expect(await safeStorageSecrets(ks, files, platform).get('session')).toBeUndefined();
    },
  );

  it('a value sealed by another keystore is unreadable, not an error: sign in again', async () => {
    const files = new MemoryStore();
    files.data.set('secret-session', Buffer.from('garbage').toString('base64'));
    const broken = { ...keystore(true), decryptStringAsync: async () => Promise.reject(new Error('bad key')) };
    expect(await safeStorageSecrets(broken, files, 'darwin').get('session')).toBeUndefined();
  });
});
