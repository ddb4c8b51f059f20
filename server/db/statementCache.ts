// better-sqlite3 compiles a statement on every prepare(), and Kysely prepares each query it runs:
// keep the most recently used statements compiled. Safe because Kysely runs one query at a time
// on its single SQLite connection.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(file: SQLite.Database, max = 500): SqliteDatabase & { cached(): number } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sql: string) {
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
