// The statement cache reuses compiled statements, keeps the most recently used within its bound,
// and changes no result.
import SQLite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statementCache';

describe('statement cache', () => {
  it('compiles each SQL text once, and answers as an uncached prepare would', () => {
    const file = new SQLite(':memory:');
    const prepare = vi.spyOn(file, 'prepare');
    const db = withStatementCache(file);
    db.prepare('create table t (n integer)').run([]);
    for (let i = 0; i < 10; i++) db.prepare('insert into t (n) values (?)').run([i]);
    expect(db.prepare('select sum(n) as s from t').all([])).toEqual([{ s: 45 }]);
    expect(prepare).toHaveBeenCalledTimes(3);
    db.close();
  });

  it('keeps at most `max`, dropping the least recently used', () => {
    const file = new SQLite(':memory:');
    const prepare = vi.spyOn(file, 'prepare');
    const db = withStatementCache(file, 2);
    db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 1'); // 1 is now the most recent
    db.prepare('select 3'); // drops 2
    expect(db.cached()).toBe(2);
    prepare.mockClear();
    db.prepare('select 1');
    db.prepare('select 3');
    expect(prepare).not.toHaveBeenCalled();
    db.prepare('select 2');
    expect(prepare).toHaveBeenCalledTimes(1);
    db.close();
  });
});
