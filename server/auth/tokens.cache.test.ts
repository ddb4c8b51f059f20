// Our own tokens, once verified, are remembered: a reconnect or a snapshot request with the same
// token costs a lookup, not a signature check. The memory never outlives what it stands for: an
// expired token is refused as expired, a token whose key left the ring is verified (and refused)
// again, and the memory is bounded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LiveError } from '../../protocol';
import { loadKeyRing, type KeyRing } from './jwtKeys';
import { createTokenService } from './tokens';

vi.mock('jose', async (importOriginal) => {
  const actual = await importOriginal<typeof jose>();
  return { ...actual, jwtVerify: vi.fn(actual.jwtVerify) };
});
const jwtVerify = vi.mocked(jose.jwtVerify);

const user = { id: 'u1', name: 'Ayşe Yılmaz', role: 'warehouse' as const };
let dir: string;
let ring: KeyRing;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'meschain-jwt-cache-'));
  ring = await loadKeyRing({ dataDir: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verified-token memory', () => {
  it('the same token is verified once; the identity is the same every time', async () => {
    const tokens = createTokenService({ keys: ring });
    const { token } = await tokens.issue(user, 's1');
    jwtVerify.mockClear();
    const first = await tokens.verify(token);
    const again = await Promise.all(Array.from({ length: 50 }, () => tokens.verify(token)));
    expect(jwtVerify).toHaveBeenCalledTimes(1);
    expect(again.every((id) => JSON.stringify(id) === JSON.stringify(first))).toBe(true);
  });

  it('a remembered token that expires is refused as expired', async () => {
    let now = Date.now();
    const tokens = createTokenService({ keys: ring, now: () => now, ttlSec: 60 });
    const { token } = await tokens.issue(user, 's1');
    await tokens.verify(token);
    now += 66_000; // past expiry and the 5 s tolerance
    const err = await tokens.verify(token).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveError);
    expect((err as LiveError).code).toBe('token_expired');
  });

  it('a token whose key left the ring is not taken from memory', async () => {
    const tokens = createTokenService({ keys: ring });
    const { token } = await tokens.issue(user, 's1');
    await tokens.verify(token);
    const spied = vi.spyOn(ring, 'verifying').mockImplementation(() => undefined);
    try {
      await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      spied.mockRestore();
    }
  });

  it('holds at most cacheSize tokens, dropping the oldest', async () => {
    const tokens = createTokenService({ keys: ring, cacheSize: 2 });
    const a = (await tokens.issue(user, 'a')).token;
    const b = (await tokens.issue(user, 'b')).token;
    const c = (await tokens.issue(user, 'c')).token;
    for (const t of [a, b, c]) await tokens.verify(t);
    jwtVerify.mockClear();
    await tokens.verify(c);
    await tokens.verify(b);
    expect(jwtVerify).toHaveBeenCalledTimes(0);
    await tokens.verify(a);
    expect(jwtVerify).toHaveBeenCalledTimes(1);
  });

  it('a refused token is never remembered', async () => {
    const tokens = createTokenService({ keys: ring });
    const { token } = await tokens.issue(user, 's1');
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    jwtVerify.mockClear();
    for (let i = 0; i < 3; i++) await expect(tokens.verify(tampered)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(jwtVerify).toHaveBeenCalledTimes(3);
  });
});
