// better-sqlite3 compiles a statement on every prepare(), and Kysely prepares each query it runs:
// keep the most recently used statements compiled. Safe because Kysely runs one query at a time
// on its single SQLite connection.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const NOTHING_TO_ROLL_BACK: SqliteStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

export function withStatementCache(file: SQLite.Database, max = 500): SqliteDatabase & { cached(): number } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sql: string) {
      // SQLite ends a transaction itself on some errors (a full disk): Kysely's ROLLBACK after it
      // would fail with "no transaction is active" and hide the error that mattered.
      if (/^\s*rollback\s*$/i.test(sql) && !file.inTransaction) return NOTHING_TO_ROLL_BACK;
      let stmt = statements.get(sql);
      if (stmt) {
        // Most recently used last, so the first entry is the one to drop.
        statements.delete(sql);
      } else {
        stmt = file.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, stmt);
      return stmt;
    },
    cached: () => statements.size,
  };
}
