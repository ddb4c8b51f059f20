// Migration 008: SQLite full-text indexes (FTS5, trigram tokenizer) over the folded search text of
// orders and alerts, so a search for part of an order number, a city or a SKU reads the index
// instead of scanning every row with LIKE. External-content tables kept in step by triggers; the
// text itself stays in `orders` and `alerts`. PostgreSQL has its trigram indexes from migration 007.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The SQLite full-text table of each searchable table and the columns it indexes. */
export const SEARCH_INDEXES = {
  orders: { fts: 'orders_fts', columns: ['search_text', 'notes_text'] },
  alerts: { fts: 'alerts_fts', columns: ['search_text'] },
} as const;

export async function createFullTextIndexes(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const [table, { fts, columns }] of Object.entries(SEARCH_INDEXES)) {
    const cols = columns.join(', ');
    const news = columns.map((c) => `new.${c}`).join(', ');
    const olds = columns.map((c) => `old.${c}`).join(', ');
    const statements = [
      `create virtual table ${fts} using fts5(${cols}, content='${table}', content_rowid='rowid', tokenize='trigram')`,
      `insert into ${fts}(${fts}) values ('rebuild')`,
      `create trigger ${fts}_insert after insert on ${table} begin
         insert into ${fts}(rowid, ${cols}) values (new.rowid, ${news}); end`,
      `create trigger ${fts}_delete after delete on ${table} begin
         insert into ${fts}(${fts}, rowid, ${cols}) values ('delete', old.rowid, ${olds}); end`,
      `create trigger ${fts}_update after update of ${cols} on ${table} begin
         insert into ${fts}(${fts}, rowid, ${cols}) values ('delete', old.rowid, ${olds});
         insert into ${fts}(rowid, ${cols}) values (new.rowid, ${news}); end`,
    ];
    for (const s of statements) await sql.raw(s).execute(db);
  }
}
