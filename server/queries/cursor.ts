// Opaque page cursors: the sort key and the row key of the last row of a page, base64url JSON.
// Keyset paging, so a page never repeats or skips a row that did not change while events arrive
// (a row that changed moves in the order and reaches the console live).
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { LiveError } from '../../protocol';

/** Where a page ended: the last row's sort key and its own key. */
export type Position = [number | string, string];
const Count = z.number().int().min(0);
const NumberPosition = z.tuple([z.number(), z.string(), Count]);
const StringPosition = z.tuple([z.string(), z.string(), Count]);

/** A cursor's place, and the total the first page counted (later pages need not count again). */
export interface Resume<T> {
  position: [T, string];
  total: number;
}

export function encodeCursor(position: Position, total: number): string {
  return Buffer.from(JSON.stringify([...position, total])).toString('base64url');
}

/** The position a cursor holds, its sort key a number (`'number'`) or a string (`'string'`). */
export function decodeCursor(cursor: string | undefined, sortKey: 'number'): Resume<number> | undefined;
export function decodeCursor(cursor: string | undefined, sortKey: 'string'): Resume<string> | undefined;
export function decodeCursor(
  cursor: string | undefined,
  sortKey: 'number' | 'string',
): Resume<number | string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [value, key, total] = (sortKey === 'number' ? NumberPosition : StringPosition).parse(json);
    return { position: [value, key], total };
  } catch {
    throw new LiveError('validation_failed', 'Invalid cursor: give back nextCursor unchanged', {
      issues: [{ path: 'cursor', message: 'not a cursor of this query' }],
    });
  }
}

/** The page and its cursor from `limit + 1` rows read. */
export function pageOf<R>(
  rows: readonly R[],
  limit: number,
  total: number,
  position: (row: R) => Position,
): { rows: R[]; nextCursor?: string } {
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return more && last !== undefined ? { rows: page, nextCursor: encodeCursor(position(last), total) } : { rows: page };
}

/**
 * Counting stops after this many matches: a broad filter's first page says "more than 1,000"
 * instead of reading every match to count it (the count no longer costs as much as the table).
 */
export const COUNT_CAP = 1000;

/** The matches of `query` counted up to one past COUNT_CAP. */
export async function cappedCount<DB, TB extends keyof DB, O>(
  db: Kysely<unknown>,
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const limited = query.select(sql`1`.as('one')).limit(COUNT_CAP + 1);
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from (${limited}) as matched`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The capped count: counted for a first page, carried by the cursor after it. */
export async function totalOf(resume: { total: number } | undefined, count: () => Promise<number>) {
  return resume ? resume.total : count();
}

/** The page's total as the API states it: exact up to COUNT_CAP, else COUNT_CAP and `totalCapped`. */
export const stated = (counted: number): { total: number; totalCapped?: true } =>
  counted > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: counted };
