// SQL rows as the protocol's views, one mapping for the snapshot and the queries alike.
import type { Kysely } from 'kysely';
import { SNAPSHOT_NOTES_PER_ORDER, type AlertHistoryItem, type OrderView } from '../../protocol';
import type { AlertsTable, Database, OrderNotesTable } from '../db/schema';

export const iso = (ms: number) => new Date(ms).toISOString();

export interface OrderRow {
  order_key: string;
  event: string;
  user_id: string | null;
  user_name: string | null;
  claimed_at: number | null;
}

/** An order's latest notes (ranked rows, oldest first) and how many it has in all. */
function orderNotes(rows: (OrderNotesTable & { total: number | string })[]): Pick<OrderView, 'notes' | 'notesTotal'> {
  return {
    notes: rows.map((n) => ({
      id: n.id,
      text: n.text,
      by: { id: n.user_id, name: n.user_name },
      at: iso(n.created_at),
    })),
    notesTotal: Number(rows[0]?.total ?? 0),
  };
}

/**
 * Orders with their claim and their latest notes and how many there are (one query for the notes of
 * them all): one order's notes cannot grow a snapshot or a page without bound; the order's own
 * timeline has them all.
 */
export async function orderViews(db: Kysely<Database>, rows: readonly OrderRow[]): Promise<OrderView[]> {
  const keys = rows.map((r) => r.order_key);
  const notes = keys.length
    ? await db
        .selectFrom((eb) =>
          eb
            .selectFrom('order_notes')
            .selectAll()
            .select((e) => [
              e.fn
                .agg<number>('row_number')
                .over((o) => o.partitionBy('order_key').orderBy('created_at', 'desc').orderBy('id', 'desc'))
                .as('rank'),
              e.fn
                .countAll<number>()
                .over((o) => o.partitionBy('order_key'))
                .as('total'),
            ])
            .where('order_key', 'in', keys)
            .as('n'),
        )
        .selectAll()
        .where('rank', '<=', SNAPSHOT_NOTES_PER_ORDER)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    orderKey: r.order_key,
    event: JSON.parse(r.event),
    ...(r.user_id && r.user_name && r.claimed_at
      ? { claim: { by: { id: r.user_id, name: r.user_name }, at: iso(r.claimed_at) } }
      : {}),
    ...orderNotes(notes.filter((n) => n.order_key === r.order_key)),
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
