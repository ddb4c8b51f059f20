// Opens the SQL database: SQLite in LIVE_DATA_DIR when no DATABASE_URL is set, PostgreSQL
// otherwise, and brings its schema up to date. One query layer (Kysely) serves both.
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely';
import pg from 'pg';
import { LiveError } from '../../protocol';
import { createCircuit, type Circuit } from '../ops/circuit';
import { isDependencyOutage } from '../ops/outage';
import { openPrivateSqlite } from './privateSqlite';
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
  /** Longest wait for a connection or a query, ms (LIVE_LIMITS dependencyTimeoutMs). */
  timeoutMs?: number;
  /** A PostgreSQL connection failed (it is replaced; the caller only logs it). */
  onConnectionError?: (err: Error) => void;
  /** The database became unreachable (false) or reachable again (true). */
  onCircuitChange?: (up: boolean, cause?: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 3000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 columns (epoch ms) come back as numbers: every value we store is below 2^53.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
};

/**
 * The pool as Kysely sees it, with every connect and query bounded by the circuit's deadline. A
 * client whose query failed on the connection (reset, timeout) is destroyed, never returned to the
 * pool: it may still hold an open transaction or an unanswered query.
 */
function guardedPool(pool: pg.Pool, circuit: Circuit): PostgresPool {
  return {
    async connect() {
      const client = await circuit.call(() => pool.connect());
      let broken = false;
      const query = async (text: string, parameters: readonly unknown[]) => {
        try {
          return await circuit.call(() => client.query(text, [...parameters]));
        } catch (err) {
          if (err instanceof LiveError || isDependencyOutage(err)) broken = true;
          throw err;
        }
      };
      return {
        // Kysely's type also admits cursors, which this gateway never uses.
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(broken || destroy === true),
      };
    },
    end: () => pool.end(),
  };
}

async function openPostgres(url: string, schema: string, options: DatabaseOptions): Promise<SqlDatabase> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // The server gives up on a statement when we would have: nothing runs on after we answered 503.
    options: `-c search_path=${schema} -c statement_timeout=${timeoutMs}`,
    connectionTimeoutMillis: timeoutMs,
    types: pgTypes,
  });
  const onError = options.onConnectionError ?? (() => undefined);
  // An idle client's connection dropped: the pool replaces it on the next query.
  pool.on('error', onError);
  // A client in use whose connection drops emits 'error' too; without a listener that ends the process.
  pool.on('connect', (client) => client.on('error', onError));
  const circuit = createCircuit({
    name: 'database',
    timeoutMs,
    isOutage: isDependencyOutage,
    probe: async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        void client.end().catch(() => undefined);
      }
    },
    onChange: options.onCircuitChange,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(pool, circuit) }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      if (!circuit.isUp()) return false;
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      circuit.stop();
      await db.destroy();
    },
  };
}

function openSqlite(dataDir: string): SqlDatabase {
  // Password hashes and sessions live here: the folder and its files are the gateway user's alone.
  const file = openPrivateSqlite(dataDir, 'live.sqlite');
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
export async function withMigrationLock<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a dropped session fails the query in progress, which is reported
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
  return withMigrationLock(
    url,
    async (client) => {
      // Created only when missing: a role without CREATE on the database may use a schema it was given.
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (found.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return migrate(await openPostgres(url, schema, options), options);
    },
    options.timeoutMs,
  );
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
