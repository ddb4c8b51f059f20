// Where an alert leads: the screen and the row of its subject. A toast's "Göster", an alert row's
// subject link and a clicked OS notification all open the thing the alert is about — an order's
// detail, a SKU's stock row, a price row, a marketplace's row on the system screen — or, for a role
// that has no such screen (warehouse staff and the system screen), the alert itself.
import { canRead } from './channels';
import type { Role } from './common';

/** The screens an alert can lead to. */
export type SubjectView = 'orders' | 'stock' | 'prices' | 'system' | 'alerts';

export interface SubjectTarget {
  view: SubjectView;
  /** The row on that screen: an order key, a SKU, `marketplace:sku`, `marketplace|all:component`, an alert key. */
  item: string;
}

/** An alert's subject is its key without the kind (`LOW_STOCK:SKU-1` → `SKU-1`). */
export function subjectOfKey(alertKey: string): string {
  const cut = alertKey.indexOf(':');
  return cut > 0 ? alertKey.slice(cut + 1) : alertKey;
}

/** The channel whose data each subject screen shows. */
const SCREEN_CHANNEL: Record<Exclude<SubjectView, 'alerts'>, string> = {
  orders: 'orders',
  stock: 'inventory',
  prices: 'prices',
  system: 'system',
};

/**
 * The row an alert is about, from its event type and key. Unknown types, and a screen the role
 * does not have (`role` given), lead to the alert itself in the alert centre.
 */
export function targetOfAlert(type: string, alertKey: string, role?: Role): SubjectTarget {
  const subject = subjectOfKey(alertKey);
  const view: SubjectView | undefined =
    type === 'ORDER_NOTIFICATION'
      ? 'orders'
      : type === 'INVENTORY_CHANGE'
        ? 'stock'
        : type === 'PRICE_UPDATE'
          ? 'prices'
          : type === 'SYSTEM_ALERT'
            ? 'system'
            : undefined;
  if (!view || (role !== undefined && !canRead(role, '', SCREEN_CHANNEL[view]))) {
    return { view: 'alerts', item: alertKey };
  }
  return { view, item: subject };
}
