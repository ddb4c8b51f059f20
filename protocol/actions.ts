// Client actions: what staff do (acknowledge, snooze, claim, release, note), each with its key.
import { z } from 'zod';
import { Ident, MARKETPLACES, type Marketplace } from './common';

/**
 * An order's identity across marketplaces: `trendyol:1234567890`. Order numbers are unique only
 * within their marketplace; `other` stands for an order whose marketplace is not known.
 */
export const OrderKey = z
  .string()
  .max(160)
  .regex(
    new RegExp(`^(${[...MARKETPLACES, 'other'].join('|')}):[\\p{L}\\p{N}._\\-/#]{1,128}$`, 'u'),
    'marketplace:orderNumber',
  );

export function orderKeyOf(marketplace: Marketplace | undefined, orderNumber: string): string {
  return `${marketplace ?? 'other'}:${orderNumber}`;
}

/** Idempotency key, made by the client when the action is created. */
export const ActionKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);

function actions<E extends Record<string, z.ZodType>>(extra: E) {
  return z.discriminatedUnion('type', [
    z.strictObject({ ...extra, type: z.literal('ALERT_ACK'), alertKey: Ident }),
    z.strictObject({
      ...extra,
      type: z.literal('ALERT_SNOOZE'),
      alertKey: Ident,
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    z.strictObject({ ...extra, type: z.literal('ALERTS_READ'), alertKeys: z.array(Ident).min(1).max(200) }),
    z.strictObject({ ...extra, type: z.literal('ORDER_CLAIM'), orderKey: OrderKey }),
    z.strictObject({ ...extra, type: z.literal('ORDER_RELEASE'), orderKey: OrderKey }),
    z.strictObject({
      ...extra,
      type: z.literal('ORDER_NOTE'),
      orderKey: OrderKey,
      text: z.string().trim().min(1).max(2000),
    }),
  ]);
}

/** An action as the renderer asks for it (no key yet: the outbox makes it). */
export const ActionInput = actions({});
export type ActionInput = z.infer<typeof ActionInput>;
export type ActionType = ActionInput['type'];

/** An action on the wire: the same body plus its idempotency key. */
export const ActionRequest = actions({ key: ActionKey });
export type ActionRequest = z.infer<typeof ActionRequest>;
