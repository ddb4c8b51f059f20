// `npm run backup -- <folder>`: an online, consistent copy of an embedded gateway's data into a new
// folder: the SQLite database through SQLite's own backup API (safe while the gateway writes) and
// the JWT key set. Restoring is copying the folder's files into a fresh LIVE_DATA_DIR
// (docs/operations.md). A clustered gateway's data is in PostgreSQL: back it up with pg_dump.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ConfigError, loadConfig } from '../config';

async function main(dest: string | undefined): Promise<string> {
  if (!dest) throw new Error('usage: npm run backup -- <new or empty folder>');
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump, and the JWT key file (docs/operations.md)');
  }
  const source = path.join(config.dataDir, 'live.sqlite');
  if (!existsSync(source)) throw new Error(`no database at ${source} (LIVE_DATA_DIR)`);
  const target = path.resolve(dest);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(path.join(target, 'live.sqlite'));
  } finally {
    db.close();
  }
  // The copy holds password hashes and signing keys: readable by its owner only.
  chmodSync(path.join(target, 'live.sqlite'), 0o600);
  const keys = config.jwtKeysFile ?? path.join(config.dataDir, 'jwt-keys.json');
  const copied = ['live.sqlite'];
  if (existsSync(keys)) {
    copyFileSync(keys, path.join(target, 'jwt-keys.json'));
    chmodSync(path.join(target, 'jwt-keys.json'), 0o600);
    copied.push('jwt-keys.json');
  }
  return `Backed up ${copied.join(' and ')} from ${config.dataDir} to ${target}`;
}

main(process.argv[2]).then(
  (line) => process.stdout.write(`${line}\n`),
  (err: unknown) => {
    const lines = err instanceof ConfigError ? err.lines : [err instanceof Error ? err.message : String(err)];
    for (const line of lines) process.stderr.write(`backup: ${line}\n`);
    process.exit(1);
  },
);
