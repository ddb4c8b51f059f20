// Opens the SQL database: SQLite in LIVE_DATA_DIR when no DATABASE_URL is set, PostgreSQL
// otherwise, and brings its schema up to date. One query layer (Kysely) serves both.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './statementCache';

export type Dialect = 'sqlite' | 'postgres';

export interface SqlDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (created when missing); tests give each run its own. */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 columns (epoch ms) come back as numbers: every value we store is below 2^53.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
};

async function openPostgres(url: string, schema: string): Promise<SqlDatabase> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}`, types: pgTypes });
  pool.on('error', () => undefined); // a dropped idle client is replaced on the next query
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

function openSqlite(dataDir: string): SqlDatabase {
  // Password hashes and sessions live here: the folder and its files are the gateway user's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const dbFile = path.join(dataDir, 'live.sqlite');
  // Created empty first, 0600: SQLite gives its -wal and -shm files the database file's mode.
  if (!existsSync(dbFile)) closeSync(openSync(dbFile, 'a', 0o600));
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  const file = new SQLite(dbFile);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
  return { db, dialect: 'sqlite', ping: async () => file.open, close: () => db.destroy() };
}

/**
 * Held (a session-level advisory lock) while a schema is created and migrated: nodes starting
 * together migrate one after the other, and Kysely's look at the catalogue never meets a schema
 * half created or dropped. Tools that drop schemas take it too.
 */
export const MIGRATION_LOCK = 7_272_720_001;

/** Runs `work` while holding the migration lock of the database at `url`. */
export async function withMigrationLock<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work(client);
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<SqlDatabase> {
  const url = options.databaseUrl;
  if (!url) return migrate(openSqlite(options.dataDir), options);
  const schema = options.schema ?? 'public';
  return withMigrationLock(url, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return migrate(await openPostgres(url, schema), options);
  });
}

async function migrate(database: SqlDatabase, options: DatabaseOptions): Promise<SqlDatabase> {
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider,
    // Named explicitly: Kysely looks for its tables by schema, and another schema's would do otherwise.
    ...(database.dialect === 'postgres' ? { migrationTableSchema: options.schema ?? 'public' } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await database.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return database;
}
