// Opaque page cursors: the sort key and the row key of the last row of a page, base64url JSON.
// Keyset paging, so a page never repeats or skips a row that did not change while events arrive
// (a row that changed moves in the order and reaches the console live).
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

/** The total: counted for a first page, carried by the cursor after it. */
export async function totalOf(resume: { total: number } | undefined, count: () => Promise<{ n: string | number }>) {
  return resume ? resume.total : Number((await count()).n);
}
