// Who may connect: the JWT refusal suite at the handshake, Origin checks before the upgrade.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importJWK, type CryptoKey } from 'jose';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedTokens } from '../auth/test/forgedTokens';
import type { GatewayProcess } from '../test/gatewayProcess';
import { MODES, startInMode } from '../test/modes';
import { loginAs } from '../test/live';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, { LIVE_ALLOWED_ORIGINS: 'https://console.example.com' });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  /** Connects once; resolves to 'connected' or the connect_error's message and data. */
  function attempt(options: { token?: unknown; origin?: string }) {
    return new Promise<{ ok: boolean; message?: string; data?: { code?: string } }>((resolve) => {
      const socket = io(`${gw.url}/live`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: options.token === undefined ? {} : { token: options.token },
        extraHeaders: options.origin ? { origin: options.origin } : {},
      });
      const done = (r: { ok: boolean; message?: string; data?: { code?: string } }) => {
        socket.disconnect();
        resolve(r);
      };
      socket.on('connect', () => done({ ok: true }));
      socket.on('connect_error', (err: Error & { data?: { code?: string } }) =>
        done({ ok: false, message: err.message, data: err.data }),
      );
    });
  }

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  }

  describe('the handshake', () => {
    it('accepts a valid access token', async () => {
      expect(await attempt({ token: (await loginAs(gw.url, 'depo')).accessToken })).toEqual({ ok: true });
    });

    it('refuses every forged token with connect_error, and no socket handler runs (100%)', async () => {
      const file = JSON.parse(readFileSync(path.join(gw.dataDir, 'jwt-keys.json'), 'utf8')) as {
        keys: { kid: string; x: string; d: string }[];
      };
      const stored = file.keys[0] as { kid: string; x: string; d: string };
      const key = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: stored.x, d: stored.d }, 'EdDSA')) as CryptoKey;
      const forged = await forgedTokens({ kid: stored.kid, key, x: stored.x });
      const failuresBefore = await metric('live_auth_failures_total');
      const accepted: string[] = [];
      for (const [name, token] of Object.entries(forged)) {
        const r = await attempt({ token });
        if (r.ok) accepted.push(name);
        else expect(r.data?.code, name).toMatch(/^(unauthorized|token_expired)$/);
      }
      expect(accepted).toEqual([]);
      for (const bad of [undefined, 42, { token: 'x' }]) expect((await attempt({ token: bad })).ok).toBe(false);
      expect(await metric('live_auth_failures_total')).toBe(failuresBefore + Object.keys(forged).length + 3);
      // No connection ever reached the namespace's handlers.
      expect(await metric('live_connections')).toBe(0);
    });

    it('refuses a foreign Origin before the upgrade, even with a valid token', async () => {
      const token = (await loginAs(gw.url, 'depo')).accessToken;
      const r = await attempt({ token, origin: 'https://evil.example' });
      expect(r.ok).toBe(false);
      expect(r.data?.code).toBeUndefined(); // refused by the HTTP upgrade, not by the token check
    });

    it('allows the listed origin, the same origin, and no Origin with a valid token', async () => {
      const token = (await loginAs(gw.url, 'depo')).accessToken;
      expect((await attempt({ token, origin: 'https://console.example.com' })).ok).toBe(true);
      expect((await attempt({ token, origin: gw.url })).ok).toBe(true);
      expect((await attempt({ token })).ok).toBe(true);
      expect((await attempt({})).ok).toBe(false);
    });
  });
});
