// The gateway's signing keys: a JWK set of Ed25519 keys, each with a `kid`. The newest key signs;
// every key not yet past its `exp` verifies, so a rotated-out key keeps working for an overlap
// window and is refused after. Generated into LIVE_DATA_DIR on first start when no file is given.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

const StoredKey = z.looseObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1).max(64),
  alg: z.literal('EdDSA').optional(),
  /** Created at (s). The newest valid key signs. */
  iat: z.number().int(),
  /** Not trusted after (s), set when the key is rotated out. */
  exp: z.number().int().optional(),
});
type StoredKey = z.infer<typeof StoredKey>;
const KeySet = z.object({ keys: z.array(StoredKey).min(1) });

export interface KeyRing {
  /** The key new tokens are signed with. */
  signing(): { kid: string; key: CryptoKey };
  /** The verification key of `kid`, or undefined when unknown or retired. */
  verifying(kid: string): CryptoKey | undefined;
  /** Public keys in JWKS form (for other services to verify our tokens). */
  publicJwks(): { keys: JWK[] };
  /** Re-reads the key file when it changed (after a rotation); true when it did. */
  reload(): Promise<boolean>;
}

export class KeyFileError extends Error {}

async function newKey(nowSec: number): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return StoredKey.parse({ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'EdDSA', iat: nowSec });
}

function writeAtomically(file: string, data: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

function readKeyFile(file: string): StoredKey[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KeyFileError(
      `LIVE_JWT_KEYS_FILE: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const parsed = KeySet.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeyFileError(
      `LIVE_JWT_KEYS_FILE: ${file} is not an Ed25519 JWK set with kid and iat (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data.keys;
}

/** Adds a new signing key; every older key stays valid for `overlapSec`, then is refused. */
export async function rotateKeyFile(
  file: string,
  overlapSec: number,
  nowSec = Math.floor(Date.now() / 1000),
): Promise<string> {
  const keys = existsSync(file) ? readKeyFile(file) : [];
  const retired = keys.map((k) =>
    k.exp === undefined || k.exp > nowSec + overlapSec ? { ...k, exp: nowSec + overlapSec } : k,
  );
  const fresh = await newKey(nowSec);
  writeAtomically(file, JSON.stringify({ keys: [...retired, fresh] }, null, 2));
  return fresh.kid;
}

export async function loadKeyRing(options: {
  file?: string;
  dataDir: string;
  nowSec?: () => number;
}): Promise<KeyRing> {
  const nowSec = options.nowSec ?? (() => Math.floor(Date.now() / 1000));
  const file = options.file ?? path.join(options.dataDir, 'jwt-keys.json');
  if (!existsSync(file)) {
    if (options.file) throw new KeyFileError(`LIVE_JWT_KEYS_FILE: ${file} does not exist`);
    writeAtomically(file, JSON.stringify({ keys: [await newKey(nowSec())] }, null, 2));
  }
  const importAll = () =>
    Promise.all(
      readKeyFile(file).map(async (k) => ({
        meta: k,
        priv: (await importJWK({ kty: k.kty, crv: k.crv, x: k.x, d: k.d }, 'EdDSA')) as CryptoKey,
        pub: (await importJWK({ kty: k.kty, crv: k.crv, x: k.x }, 'EdDSA')) as CryptoKey,
      })),
    );
  let imported = await importAll();
  let mtime = statSync(file).mtimeMs;
  const valid = () => imported.filter((k) => k.meta.exp === undefined || k.meta.exp > nowSec());

  return {
    signing() {
      // The newest key signs; of keys made in the same second, the one added last.
      const newest = valid().reduce<(typeof imported)[number] | undefined>(
        (best, k) => (!best || k.meta.iat >= best.meta.iat ? k : best),
        undefined,
      );
      if (!newest) throw new KeyFileError('LIVE_JWT_KEYS_FILE: every key has expired; rotate to add a new one');
      return { kid: newest.meta.kid, key: newest.priv };
    },
    verifying(kid) {
      return valid().find((k) => k.meta.kid === kid)?.pub;
    },
    async reload() {
      const m = statSync(file).mtimeMs;
      if (m === mtime) return false;
      imported = await importAll();
      mtime = m;
      return true;
    },
    publicJwks() {
      return {
        keys: valid().map((k) => ({
          kty: k.meta.kty,
          crv: k.meta.crv,
          x: k.meta.x,
          kid: k.meta.kid,
          alg: 'EdDSA',
          use: 'sig',
        })),
      };
    },
  };
}
