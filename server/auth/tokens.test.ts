import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyRing, rotateKeyFile, type KeyRing } from './jwtKeys';
import { forgedTokens } from './test/forgedTokens';
import { AUDIENCE, TOKEN_TYPE, createTokenService } from './tokens';

const user = { id: 'u1', name: 'Ayşe Yılmaz', role: 'warehouse' as const };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'meschain-jwt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signingKeyOf(ring: KeyRing, file: string) {
  const { kid, key } = ring.signing();
  const stored = JSON.parse(readFileSync(file, 'utf8')).keys.find((k: { kid: string }) => k.kid === kid);
  return { kid, key, x: stored.x as string };
}

describe('access tokens', () => {
  it('generates a key set on first start and verifies its own tokens', async () => {
    const ring = await loadKeyRing({ dataDir: dir });
    const tokens = createTokenService({ keys: ring });
    const { token, expiresAt } = await tokens.issue(user, 's1');
    const id = await tokens.verify(token);
    expect(id).toMatchObject({ userId: 'u1', name: 'Ayşe Yılmaz', role: 'warehouse', sessionId: 's1' });
    expect(id.expiresAt).toBe(expiresAt);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('refuses every forged token (100%)', async () => {
    const ring = await loadKeyRing({ dataDir: dir });
    const tokens = createTokenService({ keys: ring });
    const forged = await forgedTokens(await signingKeyOf(ring, path.join(dir, 'jwt-keys.json')));
    const accepted: string[] = [];
    for (const [name, token] of Object.entries(forged)) {
      try {
        await tokens.verify(token);
        accepted.push(name);
      } catch (err) {
        expect((err as { code: string }).code, name).toMatch(/^(unauthorized|token_expired)$/);
      }
    }
    expect(accepted).toEqual([]);
    expect(Object.keys(forged).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps a rotated-out key valid during the overlap and refuses it after', async () => {
    const file = path.join(dir, 'rotating.json');
    let nowSec = 1_800_000_000;
    await rotateKeyFile(file, 1200, nowSec);
    const oldRing = await loadKeyRing({ file, dataDir: dir, nowSec: () => nowSec });
    const oldToken = (await createTokenService({ keys: oldRing, now: () => nowSec * 1000 }).issue(user, 's')).token;

    await rotateKeyFile(file, 1200, nowSec);
    const ring = await loadKeyRing({ file, dataDir: dir, nowSec: () => nowSec });
    const service = createTokenService({ keys: ring, now: () => nowSec * 1000 });
    expect(ring.signing().kid).not.toBe(oldRing.signing().kid);
    // During the overlap: both keys verify.
    await expect(service.verify(oldToken)).resolves.toMatchObject({ userId: 'u1' });
    await expect(service.verify((await service.issue(user, 's')).token)).resolves.toMatchObject({ userId: 'u1' });
    // After the overlap: a token signed with the retired key is refused, even one not yet expired.
    nowSec += 1201;
    const fresh = createTokenService({ keys: ring, now: () => nowSec * 1000, ttlSec: 3600 });
    const longOld = await new SignJWT({ name: 'x', role: 'sales' })
      .setProtectedHeader({ alg: 'EdDSA', kid: oldRing.signing().kid, typ: TOKEN_TYPE })
      .setIssuer('meschain-live')
      .setAudience(AUDIENCE)
      .setSubject('u1')
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + 600)
      .sign(oldRing.signing().key);
    await expect(fresh.verify(longOld)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(fresh.verify((await fresh.issue(user, 's')).token)).resolves.toMatchObject({ userId: 'u1' });
  });

  it('a running ring picks up a rotated file on reload', async () => {
    const file = path.join(dir, 'reload.json');
    await rotateKeyFile(file, 1200);
    const ring = await loadKeyRing({ file, dataDir: dir });
    const before = ring.signing().kid;
    expect(await ring.reload()).toBe(false);
    await new Promise((r) => setTimeout(r, 20)); // a new mtime
    const kid = await rotateKeyFile(file, 1200);
    expect(await ring.reload()).toBe(true);
    expect(ring.signing().kid).toBe(kid);
    expect(ring.verifying(before)).toBeDefined();
  });

  it('a missing or unreadable key file is a clear start-up error', async () => {
    await expect(loadKeyRing({ file: path.join(dir, 'missing.json'), dataDir: dir })).rejects.toThrow(
      /LIVE_JWT_KEYS_FILE/,
    );
  });

  describe('an external issuer through LIVE_JWT_JWKS_URL', () => {
    let server: Server;
    let jwksUrl: string;
    let issuerKey: CryptoKey;
    const kid = 'corp-1';

    beforeAll(async () => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      issuerKey = pair.privateKey;
      const pub = { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [pub] }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const external = (iss: string) =>
      new SignJWT({ name: 'Kurumsal Kullanıcı', role: 'sales' })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: TOKEN_TYPE })
        .setIssuer(iss)
        .setAudience(AUDIENCE)
        .setSubject('corp-42')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(issuerKey);

    it('accepts its tokens when iss is the JWKS origin, refuses another iss', async () => {
      const ring = await loadKeyRing({ dataDir: dir });
      const service = createTokenService({ keys: ring, jwksUrl });
      await expect(service.verify(await external(new URL(jwksUrl).origin))).resolves.toMatchObject({
        userId: 'corp-42',
        role: 'sales',
      });
      await expect(service.verify(await external('meschain-live'))).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('without LIVE_JWT_JWKS_URL its tokens are refused', async () => {
      const service = createTokenService({ keys: await loadKeyRing({ dataDir: dir }) });
      await expect(service.verify(await external(new URL(jwksUrl).origin))).rejects.toMatchObject({
        code: 'unauthorized',
      });
    });
  });
});
