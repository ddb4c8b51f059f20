// SQL backends for the projection and action contract tests, like `BACKENDS` in databases.ts but
// with a PostgreSQL schema that concurrent test workers cannot break.
//
// Kysely's Migrator (server/db/database.ts) introspects every schema of the database
// (has_schema_privilege / pg_get_serial_sequence by name), so migrating fails with `schema "t_x"
// does not exist` when another schema is dropped meanwhile, e.g. by a test in the other worker. So
// this backend migrates and drops under one advisory lock. Until database.ts named its
// `migrationTableSchema`, the Migrator also took another schema's `kysely_migration` tables for its
// own ("relation kysely_migration_lock does not exist"); giving the schema its own migration tables
// before each open and dropping them right after keeps these tests safe from that too.
import pg from 'pg';
import { openDatabase, type SqlDatabase } from '../db/database';
import { migrationProvider } from '../db/migrations';
import { POSTGRES_URL, dropSchema, sqliteDatabase, uniqueSchema, type TestDatabase } from './databases';

async function query(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** Held while a schema is migrated or dropped, by every process using this module. */
const MIGRATION_LOCK = 7_272_720_001;

async function locked<T>(work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

export function isolatedPostgresDatabase(): TestDatabase {
  const schema = uniqueSchema();
  const opened: SqlDatabase[] = [];
  let migrated = false;
  return {
    name: 'postgres',
    open: () =>
      locked(async () => {
        const names = Object.keys(await migrationProvider.getMigrations());
        const at = new Date().toISOString();
        await query([
          `CREATE SCHEMA IF NOT EXISTS ${schema}`,
          `CREATE TABLE ${schema}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`,
          `CREATE TABLE ${schema}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`,
          // Already migrated by an earlier open: say so, or the migrations would run again.
          ...(migrated ? names.map((n) => `INSERT INTO ${schema}.kysely_migration VALUES ('${n}', '${at}')`) : []),
        ]);
        try {
          const db = await openDatabase({ dataDir: '', databaseUrl: POSTGRES_URL, schema });
          opened.push(db);
          migrated = true;
          return db;
        } finally {
          await query([`DROP TABLE IF EXISTS ${schema}.kysely_migration, ${schema}.kysely_migration_lock`]);
        }
      }),
    async cleanup() {
      for (const db of opened.splice(0)) await db.close();
      await locked(() => dropSchema(schema));
    },
  };
}

/** Both backends, for `describe.each`. */
export const CONTRACT_BACKENDS = [sqliteDatabase, isolatedPostgresDatabase];
