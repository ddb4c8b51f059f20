// Where an alert leads: the screen and the row of its subject. A toast's "Göster", an alert row's
// subject link and a clicked OS notification all open the thing the alert is about — an order's
// detail, a SKU's stock row, a price row, a marketplace's row on the system screen.

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

/**
 * The row an alert is about, from its event type and key. Unknown types lead to the alert itself
 * in the alert centre.
 */
export function targetOfAlert(type: string, alertKey: string): SubjectTarget {
  const subject = subjectOfKey(alertKey);
  switch (type) {
    case 'ORDER_NOTIFICATION':
      return { view: 'orders', item: subject };
    case 'INVENTORY_CHANGE':
      return { view: 'stock', item: subject };
    case 'PRICE_UPDATE':
      return { view: 'prices', item: subject };
    case 'SYSTEM_ALERT':
      return { view: 'system', item: subject };
    default:
      return { view: 'alerts', item: alertKey };
  }
}
