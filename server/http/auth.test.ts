// Login, refresh with rotation and reuse detection, logout and sign-in throttling, against a real
// gateway process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../test/gatewayProcess';
import { MODES, startInMode } from '../test/modes';
import { loginAs } from '../test/live';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, { LIVE_LIMITS: 'loginFailures=5', LIVE_LOG_LEVEL: 'trace' });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  async function post(path: string, body: unknown) {
    const res = await fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  describe('sign-in API', () => {
    it('returns tokens and the user; the access token lives 10 minutes', async () => {
      const r = await post('/v1/auth/login', { username: 'satis', password: 'demo' });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: expect.any(String), name: 'Mehmet Kaya', role: 'sales' },
      });
      expect(r.json?.expiresIn).toBeGreaterThan(590);
      expect(r.json?.expiresIn).toBeLessThanOrEqual(600);
    });

    it('a wrong password and an unknown user look the same from outside', async () => {
      const timed = async (username: string) => {
        const t = performance.now();
        const r = await post('/v1/auth/login', { username, password: 'wrong-password' });
        return { ...r, ms: performance.now() - t };
      };
      const wrong = await timed('depo');
      const unknown = await timed('nobody-here');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.json).toEqual(wrong.json);
      expect(wrong.json).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
      // Both run the password hash: neither answers much faster than the other.
      expect(Math.abs(wrong.ms - unknown.ms)).toBeLessThan(Math.max(wrong.ms, unknown.ms) * 0.9 + 50);
    });

    it('refresh rotates the token; reusing a rotated token ends the whole session', async () => {
      const first = await loginAs(gw.url, 'depo');
      const second = await post('/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.json?.refreshToken).not.toBe(first.refreshToken);
      expect(second.json?.user).toEqual(first.user);

      const reuse = await post('/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.json).toMatchObject({ error: { code: 'unauthorized' } });
      // The token issued after the stolen one is dead too: the family is revoked.
      const next = await post('/v1/auth/refresh', { refreshToken: second.json?.refreshToken });
      expect(next.status).toBe(401);
    });

    it('logout ends the session: its refresh token no longer works; logging out twice is fine', async () => {
      const s = await loginAs(gw.url, 'depo');
      expect((await post('/v1/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
      expect((await post('/v1/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
      expect((await post('/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    });

    it('refuses malformed requests with paths', async () => {
      const r = await post('/v1/auth/login', { username: 'depo' });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({
        error: { code: 'validation_failed', details: { issues: [{ path: 'password' }] } },
      });
      expect((await post('/v1/auth/refresh', { refreshToken: 'short' })).status).toBe(400);
    });

    it('throttles repeated failures for one username; the right password is refused too while blocked; others are unaffected', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await post('/v1/auth/login', { username: 'yonetici', password: `x${i}` })).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses[5]).toBe(429);
      const blocked = await post('/v1/auth/login', { username: 'yonetici', password: 'demo' });
      expect(blocked.status).toBe(429);
      expect(blocked.json).toMatchObject({
        error: { code: 'rate_limited', details: { retryAfterMs: expect.any(Number) } },
      });
      expect((await post('/v1/auth/login', { username: 'satis', password: 'demo' })).status).toBe(200);
    });

    it('never writes a password or token to its logs', async () => {
      const s = await loginAs(gw.url, 'satis');
      await post('/v1/auth/refresh', { refreshToken: s.refreshToken });
      await post('/v1/auth/login', { username: 'satis', password: 'a-secret-guess' });
      const out = gw.output();
      expect(out).not.toContain(s.accessToken);
      expect(out).not.toContain(s.refreshToken);
      expect(out).not.toContain('a-secret-guess');
    });
  });
});
