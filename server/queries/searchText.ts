// The text a search box matches, folded the same way on both sides: Turkish lower case, then
// without accents and dotless ı, so "istanbul", "İSTANBUL" and "Istanbul" find the same city and
// "cicek" finds "Çiçek". Stored folded beside each row, so SQLite and PostgreSQL compare the same
// bytes with a plain LIKE.
import type { InventoryPayload, OrderPayload } from '../../protocol';

export function fold(text: string): string {
  return text.toLocaleLowerCase('tr-TR').normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i');
}

/** Several parts joined into one folded line (empty parts left out). */
export function searchText(parts: readonly (string | undefined | null)[]): string {
  return fold(parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ')).replace(/\s+/g, ' ');
}

/** Order number, package id, SKUs, barcodes, product titles and city of an order (notes: apart). */
export function orderSearchText(p: OrderPayload): string {
  return searchText([
    p.orderNumber,
    p.packageId,
    p.customerCity,
    ...p.lines.flatMap((l) => [l.sku, l.barcode, l.title]),
  ]);
}

export function stockSearchText(p: Pick<InventoryPayload, 'sku' | 'barcode'>, title: string | null): string {
  return searchText([p.sku, p.barcode, title]);
}

export function alertSearchText(a: { alertKey: string; title: string }): string {
  return searchText([a.alertKey, a.title]);
}

/**
 * A LIKE pattern matching `q` anywhere, with LIKE's own wildcards taken literally (escape `\`).
 * Every word of the query must appear, in any order.
 */
export function likePatterns(q: string): string[] {
  return fold(q)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
