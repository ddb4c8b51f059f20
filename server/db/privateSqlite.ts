// A SQLite file that is the gateway user's alone: its folder 0700, the file (and the -wal and -shm
// files SQLite makes beside it, which take the database file's mode) 0600. Password hashes,
// sessions and every event the gateway kept live in such files.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export function openPrivateSqlite(dataDir: string, name: string): SQLite.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, name);
  // Created empty first, 0600: SQLite gives its -wal and -shm files the database file's mode.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  return new SQLite(file);
}
