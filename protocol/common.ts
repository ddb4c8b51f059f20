// Primitives shared by every payload: marketplaces, priorities, roles, money and timestamps.
import { z } from 'zod';

export const MARKETPLACES = [
  'trendyol',
  'hepsiburada',
  'n11',
  'amazon_tr',
  'ciceksepeti',
  'pazarama',
  'webshop',
] as const;
export const Marketplace = z.enum(MARKETPLACES);
export type Marketplace = z.infer<typeof Marketplace>;

/** Most urgent first; the index is the rank used to compare priorities. */
export const PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** The more urgent of two priorities: a producer may raise the computed one, never lower it. */
export function maxPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) <= PRIORITIES.indexOf(b) ? a : b;
}

export const ROLES = ['warehouse', 'sales', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Money in integer kuruş; the only currency the seller trades in is TRY. */
export const Money = z.strictObject({
  minor: z.number().int().safe(),
  currency: z.literal('TRY'),
});
export type Money = z.infer<typeof Money>;

/** An ISO-8601 instant with an explicit offset (stored and sent as UTC). */
export const Instant = z.iso.datetime({ offset: true });

/**
 * A person's display name: shown in lists, toasts and `users list` lines, so one line of printable
 * text (no control, line or paragraph separator characters), trimmed, 1–128 characters.
 */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]+$/u, 'one line of printable characters');

/** Identifiers that reach SQL keys, room names and log lines: printable, bounded. */
export const Ident = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{N}._:\-/#]+$/u, 'letters, digits and . _ : - / # only');
