// Opaque page cursors: the sort key and the row key of the last row of a page, base64url JSON.
// Keyset paging, so a page never repeats or skips a row that did not change while events arrive
// (a row that changed moves in the order and reaches the console live).
import { z } from 'zod';
import { LiveError } from '../../protocol';

/** Where a page ended: the last row's sort key and its own key. */
export type Position = [number | string, string];
const NumberPosition = z.tuple([z.number(), z.string()]);
const StringPosition = z.tuple([z.string(), z.string()]);

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor holds, its sort key a number (`'number'`) or a string (`'string'`). */
export function decodeCursor(cursor: string | undefined, sortKey: 'number'): [number, string] | undefined;
export function decodeCursor(cursor: string | undefined, sortKey: 'string'): [string, string] | undefined;
export function decodeCursor(cursor: string | undefined, sortKey: 'number' | 'string'): Position | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return (sortKey === 'number' ? NumberPosition : StringPosition).parse(json);
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
  position: (row: R) => Position,
): { rows: R[]; nextCursor?: string } {
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return more && last !== undefined ? { rows: page, nextCursor: encodeCursor(position(last)) } : { rows: page };
}
