import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one; salts differ', async () => {
    const a = await hashPassword('demo');
    const b = await hashPassword('demo');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('demo', a)).toBe(true);
    expect(await verifyPassword('Demo', a)).toBe(false);
  });

  it('refuse a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('demo', 'plain-text')).toBe(false);
    expect(await verifyPassword('demo', 'scrypt$1$2')).toBe(false);
  });
});
