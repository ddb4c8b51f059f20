// Access tokens: short-lived EdDSA JWTs with the algorithm pinned and iss, aud, typ, exp, nbf and
// sub checked. Our own are verified with our key ring; with LIVE_JWT_JWKS_URL, an external
// issuer's too (its `iss` must be the origin of its JWKS URL).
import { randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { LiveError, Role } from '../../protocol';
import type { KeyRing } from './jwtKeys';

export const ISSUER = 'meschain-live';
export const AUDIENCE = 'meschain-live';
export const TOKEN_TYPE = 'at+jwt';
export const ACCESS_TTL_SEC = 600;

export interface Identity {
  userId: string;
  name: string;
  role: Role;
  /** Login session (refresh-token family); absent for tokens of an external issuer. */
  sessionId?: string;
  /** Expiry, epoch ms. */
  expiresAt: number;
}

const Claims = z.object({
  sub: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().min(1).max(128),
  role: Role,
  sid: z.string().max(64).optional(),
  exp: z.number().int(),
});

export interface TokenService {
  issue(
    user: { id: string; name: string; role: Role },
    sessionId: string,
  ): Promise<{ token: string; expiresAt: number }>;
  /** Resolves to the identity, or throws `token_expired` / `unauthorized`. */
  verify(token: string): Promise<Identity>;
}

/** Seconds of clock difference tolerated on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SEC = 5;

export function createTokenService(options: {
  keys: KeyRing;
  jwksUrl?: string;
  now?: () => number;
  ttlSec?: number;
  /** Our own tokens already verified, remembered (most recent) so a reconnect does not verify again. */
  cacheSize?: number;
}): TokenService {
  const now = options.now ?? Date.now;
  const ttl = options.ttlSec ?? ACCESS_TTL_SEC;
  const cacheSize = options.cacheSize ?? 20_000;
  // token → identity and the key that signed it. A hit stands only while that key is still in the
  // ring (a key withdrawn refuses its tokens at once) and the token has not expired.
  const verified = new Map<string, { identity: Identity; kid: string }>();
  function remember(token: string, identity: Identity, kid: string): void {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
    verified.set(token, { identity, kid });
  }
  function cached(token: string): Identity | undefined {
    const hit = verified.get(token);
    if (!hit) return undefined;
    if (options.keys.verifying(hit.kid) === undefined) {
      verified.delete(token);
      return undefined;
    }
    if (hit.identity.expiresAt <= now() - CLOCK_TOLERANCE_SEC * 1000) {
      verified.delete(token);
      throw new LiveError('token_expired', 'Access token has expired');
    }
    return hit.identity;
  }
  const external = options.jwksUrl
    ? {
        issuer: new URL(options.jwksUrl).origin,
        keys: createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3000 }),
      }
    : undefined;

  const localKey: JWTVerifyGetKey = (header) => {
    const key = header.kid ? options.keys.verifying(header.kid) : undefined;
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  };

  async function verifyWith(token: string, key: JWTVerifyGetKey, issuer: string) {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['EdDSA'],
      issuer,
      audience: AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ['exp', 'sub', 'iat'],
      currentDate: new Date(now()),
      clockTolerance: CLOCK_TOLERANCE_SEC,
    });
    return payload;
  }

  return {
    async issue(user, sessionId) {
      const { kid, key } = options.keys.signing();
      const iat = Math.floor(now() / 1000);
      const token = await new SignJWT({ name: user.name, role: user.role, sid: sessionId })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: TOKEN_TYPE })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(user.id)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + ttl)
        .setJti(randomUUID())
        .sign(key);
      return { token, expiresAt: (iat + ttl) * 1000 };
    },

    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
        throw new LiveError('unauthorized', 'A valid access token is required');
      }
      const hit = cached(token);
      if (hit) return hit;
      try {
        const { kid } = decodeProtectedHeader(token);
        const ours = kid !== undefined && options.keys.verifying(kid) !== undefined;
        const payload =
          ours || !external
            ? await verifyWith(token, localKey, ISSUER)
            : await verifyWith(token, external.keys, external.issuer);
        const claims = Claims.safeParse(payload);
        if (!claims.success) throw new LiveError('unauthorized', 'Access token lacks a valid subject, name or role');
        const identity: Identity = {
          userId: claims.data.sub,
          name: claims.data.name,
          role: claims.data.role,
          ...(ours && claims.data.sid ? { sessionId: claims.data.sid } : {}),
          expiresAt: claims.data.exp * 1000,
        };
        if (ours) remember(token, identity, kid as string);
        return identity;
      } catch (err) {
        if (err instanceof LiveError) throw err;
        if (err instanceof errors.JWTExpired) throw new LiveError('token_expired', 'Access token has expired');
        throw new LiveError('unauthorized', 'Access token refused');
      }
    },
  };
}
