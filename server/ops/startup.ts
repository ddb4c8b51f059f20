// The gateway's start: each step within the start timeout, a failed step closing what was opened
// before it, and one line naming what could not be reached (never a stack trace or a half start).
import type { Kysely } from 'kysely';
import { redactedUrl } from '../cluster/redis';
import type { GatewayConfig } from '../config';
import { openDatabase, type SqlDatabase } from '../db/database';
import { hasTrigramExtension } from '../db/queryMigration';
import type { Logger } from '../logger';
import { withDeadline } from './circuit';

/** Runs a start step; when it fails, closes what was opened before it and rethrows. */
export async function startOrClose<T>(close: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** Opens the SQL database within the start timeout; a failure names the database and the cause. */
export async function openDatabaseAtStart(
  config: GatewayConfig,
  logger: Logger,
  started: () => boolean,
): Promise<SqlDatabase> {
  const { limits } = config;
  const where = config.databaseUrl ? `PostgreSQL at ${redactedUrl(config.databaseUrl)}` : 'SQLite';
  const opening = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    timeoutMs: limits.dependencyTimeoutMs,
    onConnectionError: (err) => logger.warn({ err: err.message }, 'database connection lost; it is replaced'),
    onCircuitChange: dependencyChange(logger, 'database', started),
  });
  try {
    const database = await withDeadline(where, limits.startTimeoutSeconds * 1000, opening);
    if (database.dialect === 'postgres' && !(await hasTrigramExtension(database.db as Kysely<unknown>))) {
      logger.warn(
        { dependency: 'database' },
        'pg_trgm is not installed and this role may not create it: text search scans instead of using trigram indexes',
      );
    }
    return database;
  } catch (err) {
    // A late open is closed when it finally resolves.
    void opening.then((db) => db.close()).catch(() => undefined);
    throw new Error(`${where} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Logs a dependency going away and coming back, once each, naming it and the cause. */
export function dependencyChange(logger: Logger, name: string, started: () => boolean) {
  return (up: boolean, cause?: unknown) => {
    // Before listening, a failure ends the start with its own single line instead.
    if (!started()) return;
    if (up) logger.warn({ dependency: name }, `${name} reachable again`);
    else
      logger.error(
        { dependency: name, cause: cause instanceof Error ? cause.message : String(cause) },
        `${name} unreachable`,
      );
  };
}
