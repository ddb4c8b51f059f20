// The search box's condition in SQL: every word of the query somewhere in a row's folded search
// text. SQLite answers words of three letters or more from its trigram full-text index (migration
// 008) and shorter ones with LIKE; PostgreSQL uses LIKE, which its trigram indexes serve.
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { SEARCH_INDEXES } from '../db/searchIndexMigration';
import { fold, likePatterns } from './searchText';

/** `like` with `\` escaping LIKE's wildcards (queries/searchText.ts), the same in both dialects. */
export const like = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

/** More index matches than this make a word common (see `selective`). */
const COMMON = 2000;

/** Shortest word the trigram index can answer. */
const TRIGRAM = 3;

/** An FTS5 phrase matching `word` literally (double quotes doubled). */
export const ftsPhrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

export function textMatcher(db: Kysely<unknown>, table: keyof typeof SEARCH_INDEXES) {
  const { fts, columns } = SEARCH_INDEXES[table];
  const fullText = !(db.getExecutor().adapter instanceof PostgresAdapter);
  const byLike = (pattern: string): Expression<SqlBool> => {
    const each = columns.map((c) => like(`${table}.${c}`, pattern));
    return each.length === 1 ? each[0]! : sql<SqlBool>`(${sql.join(each, sql` or `)})`;
  };
  /**
   * Whether the index should answer `word`: when it matches few rows. A word in thousands of rows
   * (a city) is found sooner by walking the sort order with LIKE, which stops at the page's end,
   * than by reading every match from the index and sorting them.
   */
  const selective = async (word: string): Promise<boolean> => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from ${sql.table(fts)}
      where ${sql.table(fts)} match ${ftsPhrase(word)} limit ${COMMON + 1})`.execute(db);
    return Number(rows[0]?.n ?? 0) <= COMMON;
  };
  /** One condition per word of `q` (none for an empty query). */
  return (q: string | undefined): Promise<Expression<SqlBool>[]> => {
    const words = fold(q ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 8);
    return Promise.all(
      words.map(async (word) => {
        if (fullText && [...word].length >= TRIGRAM && (await selective(word))) {
          return sql<SqlBool>`${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${ftsPhrase(word)})`;
        }
        return byLike(likePatterns(word)[0]!);
      }),
    );
  };
}
