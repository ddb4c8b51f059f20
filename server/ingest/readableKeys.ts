// What the read side must be able to carry: an event is accepted only when the keys made from it
// (its order key, the key of the alert it opens or resolves) pass the same schemas the snapshot,
// the actions and the console use. Otherwise one accepted event would be unreadable forever.
import { Ident, OrderKey, orderKeyOf, type ProducerEvent } from '../../protocol';
import { alertOf } from '../projection/alertRules';

export interface KeyIssue {
  path: string;
  message: string;
}

/** The payload field an alert's subject comes from, to name in the error. */
const SUBJECT_FIELD: Record<ProducerEvent['type'], string> = {
  ORDER_NOTIFICATION: 'payload.orderNumber',
  INVENTORY_CHANGE: 'payload.sku',
  PRICE_UPDATE: 'payload.sku',
  SYSTEM_ALERT: 'payload.component',
  METRIC_UPDATE: 'payload.marketplace',
};

export function unreadableKeys(e: ProducerEvent): KeyIssue[] {
  const issues: KeyIssue[] = [];
  if (e.type === 'ORDER_NOTIFICATION') {
    const key = orderKeyOf(e.marketplace, e.payload.orderNumber);
    if (!OrderKey.safeParse(key).success) {
      issues.push({
        path: 'payload.orderNumber',
        message:
          'makes an order key that is not marketplace:orderNumber (order numbers: 1–128 of letters, digits and . _ - / #)',
      });
    }
  }
  const alert = alertOf(e);
  if (alert && !Ident.safeParse(alert.key).success) {
    issues.push({
      path: SUBJECT_FIELD[e.type],
      message: `makes an alert key of ${alert.key.length} characters; alert keys hold at most 128 of letters, digits and . _ : - / #`,
    });
  }
  return issues;
}
