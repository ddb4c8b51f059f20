// SQL rows as the protocol's views, one mapping for the snapshot and the queries alike.
import type { Kysely } from 'kysely';
import type { AlertHistoryItem, OrderView } from '../../protocol';
import type { AlertsTable, Database } from '../db/schema';

export const iso = (ms: number) => new Date(ms).toISOString();

export interface OrderRow {
  order_key: string;
  event: string;
  user_id: string | null;
  user_name: string | null;
  claimed_at: number | null;
}

/** Orders with their claim and notes (one query for the notes of them all). */
export async function orderViews(db: Kysely<Database>, rows: readonly OrderRow[]): Promise<OrderView[]> {
  const keys = rows.map((r) => r.order_key);
  const notes = keys.length
    ? await db.selectFrom('order_notes').selectAll().where('order_key', 'in', keys).orderBy('created_at').execute()
    : [];
  return rows.map((r) => ({
    orderKey: r.order_key,
    event: JSON.parse(r.event),
    ...(r.user_id && r.user_name && r.claimed_at
      ? { claim: { by: { id: r.user_id, name: r.user_name }, at: iso(r.claimed_at) } }
      : {}),
    notes: notes
      .filter((n) => n.order_key === r.order_key)
      .map((n) => ({ id: n.id, text: n.text, by: { id: n.user_id, name: n.user_name }, at: iso(n.created_at) })),
  }));
}

type AlertRow = Omit<AlertsTable, 'search_text' | 'last_event' | 'last_event_id'>;

/** What every view of an alert says, whoever asks. */
export function alertBase(r: AlertRow) {
  return {
    alertKey: r.alert_key,
    channel: r.channel,
    type: r.type,
    kind: r.kind,
    subject: r.subject,
    ...(r.marketplace ? { marketplace: r.marketplace } : {}),
    priority: r.priority as AlertHistoryItem['priority'],
    state: r.state,
    title: r.title,
    count: r.count,
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
    ...(r.acked_by_id && r.acked_by_name ? { ackedBy: { id: r.acked_by_id, name: r.acked_by_name } } : {}),
    ...(r.acked_at ? { ackedAt: iso(r.acked_at) } : {}),
  };
}

/** An alert of the history: also when and how it ended. */
export function alertHistoryItem(r: AlertRow): AlertHistoryItem {
  return {
    ...alertBase(r),
    ...(r.resolved_at ? { resolvedAt: iso(r.resolved_at) } : {}),
    ...(r.resolved_reason ? { resolvedReason: r.resolved_reason } : {}),
    ...(r.resolved_by_id && r.resolved_by_name
      ? { resolvedBy: { id: r.resolved_by_id, name: r.resolved_by_name } }
      : {}),
  };
}
