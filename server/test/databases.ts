// Opens each SQL backend for contract tests: SQLite in a temp folder and PostgreSQL (127.0.0.1,
// database `test`) in a schema of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, withMigrationLock, type SqlDatabase } from '../db/database';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<SqlDatabase>;
  /** Closes what was opened and removes its files or schema. */
  cleanup(): Promise<void>;
}

export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema, holding the migration lock so no migration sees it half gone. */
export async function dropSchema(schema: string): Promise<void> {
  await withMigrationLock(POSTGRES_URL, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-sql-'));
  const opened: SqlDatabase[] = [];
  return {
    name: 'sqlite',
    async open() {
      const db = await openDatabase({ dataDir: dir });
      opened.push(db);
      return db;
    },
    async cleanup() {
      for (const db of opened) await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresDatabase(): TestDatabase {
  const schema = uniqueSchema();
  const opened: SqlDatabase[] = [];
  return {
    name: 'postgres',
    async open() {
      const db = await openDatabase({ dataDir: '', databaseUrl: POSTGRES_URL, schema });
      opened.push(db);
      return db;
    },
    async cleanup() {
      for (const db of opened) await db.close();
      await dropSchema(schema);
    },
  };
}

/** Both backends, for `describe.each`. */
export const BACKENDS = [sqliteDatabase, postgresDatabase];
