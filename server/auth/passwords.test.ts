import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one; salts differ', async () => {
    const a = await hashPassword('demo');
    const b = await hashPassword('demo');
    expect(a).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('demo', a)).toBe(true);
    expect(await verifyPassword('Demo', a)).toBe(false);
  });

  it('refuse a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('demo', 'plain-text')).toBe(false);
    expect(await verifyPassword('demo', 'scrypt$1$2')).toBe(false);
  });

  it('tell a hash made with older parameters from a current one', async () => {
    expect(needsRehash(await hashPassword('demo'))).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$c2FsdA$aGFzaA')).toBe(true);
    expect(needsRehash('plain-text')).toBe(true);
  });
});
