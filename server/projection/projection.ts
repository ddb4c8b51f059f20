// The SQL projection of the event stream: the latest state of each order, and alerts (opened,
// counted, reopened and resolved by events). Written in the same transaction for a whole batch,
// before the events enter the log; METRIC_UPDATE never touches SQL.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { orderKeyOf, type ProducerEvent, type ResultEvent } from '../../protocol';
import type { Database } from '../db/schema';
import { SHIP_BY_NONE } from '../db/queryMigration';
import { alertSearchText, orderSearchText } from '../queries/searchText';
import { alertOf, resolvedBy } from './alertRules';
import { learnStockTitles, projectStock } from './stockProjection';

export interface Routed {
  event: ProducerEvent;
  channel: string;
}

export interface ResultDelivery {
  channel: string;
  event: ResultEvent;
}

export interface Projected {
  /** The same events, with `alertKey` set on those that opened or updated an alert. */
  routed: Routed[];
  /** ALERT_RESOLVED events for alerts these events ended. */
  results: ResultDelivery[];
}

export interface Projection {
  /**
   * Projects the batch in one transaction and calls `commit` inside it, before the transaction
   * commits: what `commit` does (append to the log) comes first, and when it fails nothing of the
   * batch is projected. Events projected before (by id) are skipped, so a retry counts once.
   */
  apply<T>(batch: Routed[], commit: (projected: Projected) => Promise<T>): Promise<T>;
  apply(batch: Routed[]): Promise<Projected>;
  /** Forgets projected ids older than `olderThanMs` (past every retry's dedupe window). */
  sweep(olderThanMs: number): Promise<void>;
}

const EVERYONE = ['warehouse', 'sales', 'admin'] as ('warehouse' | 'sales' | 'admin')[];

async function projectOrder(
  tx: Transaction<Database>,
  e: Extract<ProducerEvent, { type: 'ORDER_NOTIFICATION' }>,
  now: number,
) {
  const p = e.payload;
  const row = {
    order_key: orderKeyOf(e.marketplace, p.orderNumber),
    marketplace: e.marketplace ?? null,
    order_number: p.orderNumber,
    status: p.status,
    priority: e.priority,
    total_minor: p.total.minor,
    ordered_at: Date.parse(p.orderedAt),
    ship_by: p.shipBy ? Date.parse(p.shipBy) : null,
    ship_by_sort: p.shipBy ? Date.parse(p.shipBy) : SHIP_BY_NONE,
    updated_at: now,
    last_event_id: e.id,
    event: JSON.stringify(e),
    search_text: orderSearchText(p),
  };
  const { order_key: _key, ...update } = row;
  await tx
    .insertInto('orders')
    .values(row)
    .onConflict((oc) => oc.column('order_key').doUpdateSet(update))
    .execute();
  await tx
    .insertInto('order_history')
    .values({
      id: e.id,
      order_key: row.order_key,
      at: now,
      kind: 'event',
      actor_id: null,
      actor_name: null,
      event: row.event,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await learnStockTitles(tx, p);
}

/**
 * The longest delivered event (JSON characters) an alert keeps as its latest. Validated stock, price
 * and system events stay far below it; only an order with very many lines goes over, and its
 * alert then keeps none (its order row holds the event anyway), so snapshots stay small.
 */
export const MAX_ALERT_EVENT_CHARS = 32_768;

/** The event as delivered (with the alert's key), to keep on the alert's row; null when too large. */
function deliveredJson(e: ProducerEvent, alertKey: string): string | null {
  const json = JSON.stringify({ ...e, alertKey });
  return json.length <= MAX_ALERT_EVENT_CHARS ? json : null;
}

async function openAlert(tx: Transaction<Database>, r: Routed, now: number): Promise<string | undefined> {
  const spec = alertOf(r.event);
  if (!spec) return undefined;
  const e = r.event;
  const lastEvent = deliveredJson(e, spec.key);
  await tx
    .insertInto('alerts')
    .values({
      alert_key: spec.key,
      channel: r.channel,
      type: e.type,
      kind: spec.kind,
      subject: spec.subject,
      marketplace: e.marketplace ?? null,
      priority: e.priority,
      state: 'open',
      title: spec.title,
      search_text: alertSearchText({ alertKey: spec.key, title: spec.title }),
      count: 1,
      first_seen_at: now,
      last_seen_at: now,
      last_event_id: e.id,
      last_event: lastEvent,
      acked_by_id: null,
      acked_by_name: null,
      acked_at: null,
      resolved_at: null,
      resolved_reason: null,
      resolved_by_id: null,
      resolved_by_name: null,
    })
    .onConflict((oc) =>
      oc.column('alert_key').doUpdateSet((eb) => {
        // A repeat counts on the same row; after a resolution it opens the alert again.
        const wasResolved = sql<boolean>`alerts.state = 'resolved'`;
        const unlessReopened = <T>(column: string) =>
          sql<T>`case when ${wasResolved} then null else alerts.${sql.ref(column)} end`;
        return {
          count: eb('alerts.count', '+', 1),
          last_seen_at: now,
          last_event_id: e.id,
          last_event: lastEvent,
          priority: e.priority,
          title: spec.title,
          search_text: alertSearchText({ alertKey: spec.key, title: spec.title }),
          channel: r.channel,
          state: sql<'open'>`case when ${wasResolved} then 'open' else alerts.state end`,
          acked_by_id: unlessReopened<string | null>('acked_by_id'),
          acked_by_name: unlessReopened<string | null>('acked_by_name'),
          acked_at: unlessReopened<number | null>('acked_at'),
          resolved_at: null,
          resolved_reason: null,
          resolved_by_id: null,
          resolved_by_name: null,
        };
      }),
    )
    .execute();
  // Seen again: unread again for everyone, so a recurring problem shows in every badge until
  // someone acknowledges it (consoles apply the same rule: protocol/alerts.ts).
  await tx.deleteFrom('alert_reads').where('alert_key', '=', spec.key).execute();
  return spec.key;
}

async function resolveAlerts(
  tx: Transaction<Database>,
  e: ProducerEvent,
  now: number,
  lowStockThreshold: number,
): Promise<ResultDelivery[]> {
  const keys = resolvedBy(e, lowStockThreshold);
  if (keys.length === 0) return [];
  const ended = await tx
    .updateTable('alerts')
    .set({
      state: 'resolved',
      resolved_at: now,
      resolved_reason: 'event',
      resolved_by_id: null,
      resolved_by_name: null,
    })
    .where('alert_key', 'in', keys)
    .where('state', '!=', 'resolved')
    .returning(['alert_key', 'channel'])
    .execute();
  return ended.map((a) => ({
    channel: a.channel,
    event: {
      id: randomUUID(),
      type: 'ALERT_RESOLVED',
      occurredAt: new Date(now).toISOString(),
      priority: 'low',
      audience: EVERYONE,
      payload: { alertKey: a.alert_key, at: new Date(now).toISOString(), reason: 'event', eventId: e.id },
    },
  }));
}

/** Marks the event projected; false when it was already (this transaction or a committed one). */
async function claim(tx: Transaction<Database>, eventId: string, now: number): Promise<boolean> {
  const res = await tx
    .insertInto('projected_events')
    .values({ event_id: eventId, projected_at: now })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** `lowStockThreshold`: read per batch, so a rules reload (SIGHUP) applies to the next one. */
export function createProjection(
  db: Kysely<Database>,
  now: () => number = Date.now,
  lowStockThreshold: () => number = () => 0,
): Projection {
  async function apply<T>(batch: Routed[], commit?: (projected: Projected) => Promise<T>): Promise<T | Projected> {
    const then = commit ?? (async (p: Projected) => p);

    if (batch.every((r) => r.event.type === 'METRIC_UPDATE')) return then({ routed: batch, results: [] });
    return db.transaction().execute(async (tx) => {
      const t = now();
      const threshold = lowStockThreshold();
      const routed: Routed[] = [];
      const results: ResultDelivery[] = [];
      for (const r of batch) {
        // Claimed by id first: a retry, a repeat in the batch, or another node projecting the same
        // event at this moment (its row blocks ours until it commits) finds it taken and skips it.
        if (r.event.type === 'METRIC_UPDATE' || !(await claim(tx, r.event.id, t))) {
          routed.push(r);
          continue;
        }
        if (r.event.type === 'ORDER_NOTIFICATION') await projectOrder(tx, r.event, t);
        if (r.event.type === 'INVENTORY_CHANGE') await projectStock(tx, r.event.payload, r.event.id, t, threshold);
        results.push(...(await resolveAlerts(tx, r.event, t, threshold)));
        const alertKey = await openAlert(tx, r, t);
        routed.push(alertKey ? { ...r, event: { ...r.event, alertKey } } : r);
      }
      return then({ routed, results });
    });
  }

  return {
    apply: apply as Projection['apply'],
    async sweep(olderThanMs) {
      await db
        .deleteFrom('projected_events')
        .where('projected_at', '<', now() - olderThanMs)
        .execute();
    },
  };
}
