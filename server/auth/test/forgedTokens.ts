// Tokens that must be refused, each broken in one way. Shared by the unit and handshake suites.
import { createHash } from 'node:crypto';
import { SignJWT, base64url, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { AUDIENCE, ISSUER, TOKEN_TYPE } from '../tokens';

export interface SigningKey {
  kid: string;
  key: CryptoKey;
  /** Public part, as `x` of the JWK (what an attacker can know). */
  x: string;
}

const claims = { name: 'Saldırgan', role: 'admin' };

function base(key: SigningKey, nowSec: number, over: { alg?: string; typ?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: over.alg ?? 'EdDSA', kid: key.kid, typ: over.typ ?? TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('u-attacker')
    .setIssuedAt(nowSec)
    .setNotBefore(nowSec)
    .setExpirationTime(nowSec + 600);
}

/** name → token; every one of them must be refused. */
export async function forgedTokens(
  key: SigningKey,
  nowSec = Math.floor(Date.now() / 1000),
): Promise<Record<string, string>> {
  const valid = await base(key, nowSec).sign(key.key);
  const [h, p, s] = valid.split('.') as [string, string, string];
  const enc = (o: object) => base64url.encode(JSON.stringify(o));
  const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;

  const hmacSecret = new TextEncoder().encode(key.x);
  const es = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const lastSig = s.slice(0, -2) + (s.endsWith('AA') ? 'BA' : 'AA');

  return {
    'alg none': `${enc({ alg: 'none', typ: TOKEN_TYPE, kid: key.kid })}.${p}.`,
    'HS256 signed with the public key': await base(key, nowSec, { alg: 'HS256' }).sign(hmacSecret),
    'ES256 (not allowed)': await base(key, nowSec, { alg: 'ES256' }).sign(es.privateKey),
    'unknown kid': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'nope', typ: TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u-attacker')
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + 600)
      .sign(stranger.privateKey),
    'our kid, stranger key': await base(key, nowSec).sign(stranger.privateKey),
    'bad iss': await base(key, nowSec).setIssuer('someone-else').sign(key.key),
    'bad aud': await base(key, nowSec).setAudience('another-app').sign(key.key),
    'bad typ': await base(key, nowSec, { typ: 'JWT' }).sign(key.key),
    'future nbf': await base(key, nowSec)
      .setNotBefore(nowSec + 3600)
      .sign(key.key),
    expired: await base(key, nowSec - 7200)
      .setExpirationTime(nowSec - 3600)
      .sign(key.key),
    'missing exp': await new SignJWT({ ...claims, iat: nowSec, sub: 'u-attacker', iss: ISSUER, aud: AUDIENCE })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYPE })
      .sign(key.key),
    'missing sub': await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + 600)
      .sign(key.key),
    'tampered payload': `${h}.${enc({ ...payload, role: 'admin', sub: 'u-victim' })}.${s}`,
    'tampered signature': `${h}.${p}.${lastSig}`,
    'not a JWT': 'hello',
    empty: '',
    'sha of nothing': createHash('sha256').digest('hex'),
  };
}

export async function publicX(key: CryptoKey): Promise<string> {
  return (await exportJWK(key)).x as string;
}
