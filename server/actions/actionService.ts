// Staff actions, applied exactly once per idempotency key: the key is taken in the same SQL
// transaction as the change, so a retry (from any node, after any crash) finds the stored answer
// instead of applying again; the same key with another payload is `idempotency_conflict`.
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  ActionRequest,
  LiveError,
  canRead,
  parseOrThrow,
  type ActionAck,
  type Actor,
  type ResultEvent,
  type Role,
} from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database } from '../db/schema';
import type { ResultDelivery } from '../projection/projection';
import { fold } from '../queries/searchText';

export interface ActionService {
  apply(identity: Identity, raw: unknown): Promise<ActionAck>;
  /** Deletes keys older than KEY_RETENTION_MS; returns how many. */
  sweep(): Promise<number>;
}

/** Keys are kept at least this long (then a sweep may delete them). */
export const KEY_RETENTION_MS = 35 * 86_400_000;

const EVERYONE: Role[] = ['warehouse', 'sales', 'admin'];

type Outcome = { result: Record<string, unknown>; events: ResultDelivery[] };

/** A refusal that is the action's answer for good (stored, repeated on every retry). */
class Refusal extends LiveError {}

function hashOf(req: ActionRequest): string {
  const { key: _key, ...body } = req;
  const canonical = JSON.stringify(body, Object.keys(body).sort());
  return createHash('sha256').update(canonical).digest('hex');
}

export function createActionService(deps: {
  db: Kysely<Database>;
  now?: () => number;
  /** Appends and broadcasts what the action changed. */
  publish: (results: ResultDelivery[]) => Promise<unknown>;
}): ActionService {
  const now = deps.now ?? Date.now;
  let noteSeq = 0;

  const result = <T extends ResultEvent['type']>(
    channel: string,
    type: T,
    payload: Extract<ResultEvent, { type: T }>['payload'],
  ): ResultDelivery => ({
    channel,
    event: {
      id: randomUUID(),
      type,
      occurredAt: new Date(now()).toISOString(),
      priority: 'low',
      audience: EVERYONE,
      payload,
    } as ResultEvent,
  });

  async function perform(tx: Transaction<Database>, req: ActionRequest, who: Identity, by: Actor): Promise<Outcome> {
    const at = new Date(now()).toISOString();
    switch (req.type) {
      case 'ALERT_ACK':
      case 'ALERT_SNOOZE': {
        const alert = await tx
          .selectFrom('alerts')
          .selectAll()
          .where('alert_key', '=', req.alertKey)
          .executeTakeFirst();
        if (!alert || !canRead(who.role, who.userId, alert.channel)) {
          // The same answer whether it does not exist or may not be seen.
          throw new LiveError('not_found', `No alert ${req.alertKey}`);
        }
        if (req.type === 'ALERT_SNOOZE') {
          const until = now() + req.minutes * 60_000;
          await tx
            .insertInto('alert_snoozes')
            .values({ alert_key: req.alertKey, user_id: who.userId, until })
            .onConflict((oc) => oc.columns(['alert_key', 'user_id']).doUpdateSet({ until }))
            .execute();
          const untilIso = new Date(until).toISOString();
          return {
            result: { alertKey: req.alertKey, until: untilIso },
            events: [result(`user-${who.userId}`, 'ALERT_SNOOZED', { alertKey: req.alertKey, until: untilIso, by })],
          };
        }
        if (alert.state === 'acknowledged') {
          return {
            result: {
              alertKey: req.alertKey,
              state: 'acknowledged',
              by: { id: alert.acked_by_id, name: alert.acked_by_name },
              already: true,
            },
            events: [],
          };
        }
        if (alert.state === 'resolved') {
          return { result: { alertKey: req.alertKey, state: 'resolved', already: true }, events: [] };
        }
        // Only an open alert is acknowledged: of two racing acks (two nodes), one changes the row.
        const acked = await tx
          .updateTable('alerts')
          .set({ state: 'acknowledged', acked_by_id: by.id, acked_by_name: by.name, acked_at: now() })
          .where('alert_key', '=', req.alertKey)
          .where('state', '=', 'open')
          .executeTakeFirst();
        if (Number(acked.numUpdatedRows) === 0) {
          const current = await tx
            .selectFrom('alerts')
            .selectAll()
            .where('alert_key', '=', req.alertKey)
            .executeTakeFirstOrThrow();
          return {
            result: {
              alertKey: req.alertKey,
              state: current.state,
              by: { id: current.acked_by_id, name: current.acked_by_name },
              already: true,
            },
            events: [],
          };
        }
        return {
          result: { alertKey: req.alertKey, state: 'acknowledged', by },
          events: [result(alert.channel, 'ALERT_ACKED', { alertKey: req.alertKey, by, at })],
        };
      }
      case 'ALERTS_READ': {
        const at = now();
        // Only alerts that exist and the user may see: no row is kept for any other key.
        const rows = await tx
          .selectFrom('alerts')
          .select(['alert_key', 'channel'])
          .where('alert_key', 'in', [...new Set(req.alertKeys)])
          .execute();
        const visible = new Set(rows.filter((r) => canRead(who.role, who.userId, r.channel)).map((r) => r.alert_key));
        const read = req.alertKeys.filter((k) => visible.has(k));
        for (const alertKey of visible) {
          await tx
            .insertInto('alert_reads')
            .values({ alert_key: alertKey, user_id: who.userId, read_at: at })
            .onConflict((oc) => oc.columns(['alert_key', 'user_id']).doNothing())
            .execute();
        }
        return {
          result: { read: read.length },
          events:
            read.length === 0
              ? []
              : [result(`user-${who.userId}`, 'ALERTS_READ', { alertKeys: read, by, at: new Date(at).toISOString() })],
        };
      }
      case 'ORDER_CLAIM': {
        await mustKnowOrder(tx, req.orderKey);
        const holder = await tx
          .selectFrom('claims')
          .selectAll()
          .where('order_key', '=', req.orderKey)
          .executeTakeFirst();
        if (holder && holder.user_id !== by.id) {
          throw new Refusal('already_claimed', `${holder.user_name} is already handling this order`, {
            holder: { id: holder.user_id, name: holder.user_name },
          });
        }
        if (holder) return { result: { orderKey: req.orderKey, by, already: true }, events: [] };
        // The primary key makes concurrent claims exclusive: exactly one insert succeeds.
        const claimedAt = now();
        await tx
          .insertInto('claims')
          .values({ order_key: req.orderKey, user_id: by.id, user_name: by.name, claimed_at: claimedAt })
          .execute();
        await recordHistory(tx, req.orderKey, 'claimed', by, claimedAt);
        return {
          result: { orderKey: req.orderKey, by },
          events: [result('orders', 'ORDER_CLAIMED', { orderKey: req.orderKey, by, at })],
        };
      }
      case 'ORDER_RELEASE': {
        const holder = await tx
          .selectFrom('claims')
          .selectAll()
          .where('order_key', '=', req.orderKey)
          .executeTakeFirst();
        if (!holder) return { result: { orderKey: req.orderKey, released: false }, events: [] };
        if (holder.user_id !== by.id && who.role !== 'admin') {
          throw new Refusal('already_claimed', `${holder.user_name} is handling this order`, {
            holder: { id: holder.user_id, name: holder.user_name },
          });
        }
        // The claim seen above, and only it: a racing release (or a new claim) wins instead.
        const released = await tx
          .deleteFrom('claims')
          .where('order_key', '=', req.orderKey)
          .where('user_id', '=', holder.user_id)
          .where('claimed_at', '=', holder.claimed_at)
          .executeTakeFirst();
        if (Number(released.numDeletedRows) === 0)
          return { result: { orderKey: req.orderKey, released: false }, events: [] };
        await recordHistory(tx, req.orderKey, 'released', by, now());
        return {
          result: { orderKey: req.orderKey, released: true },
          events: [result('orders', 'ORDER_RELEASED', { orderKey: req.orderKey, by, at })],
        };
      }
      case 'ORDER_NOTE': {
        await mustKnowOrder(tx, req.orderKey);
        // Sorts by time (notes of the same millisecond in the order they were added here), so the
        // latest notes of an order are well defined.
        const noteId = `${now().toString(36).padStart(9, '0')}${(noteSeq++ % 1_679_616).toString(36).padStart(4, '0')}-${randomUUID()}`;
        await tx
          .insertInto('order_notes')
          .values({
            id: noteId,
            order_key: req.orderKey,
            user_id: by.id,
            user_name: by.name,
            text: req.text,
            created_at: now(),
          })
          .execute();
        // The note's words find the order too (GET /v1/orders?q=).
        await tx
          .updateTable('orders')
          .set({ notes_text: sql<string>`notes_text || ${` ${fold(req.text)}`}` })
          .where('order_key', '=', req.orderKey)
          .execute();
        return {
          result: { orderKey: req.orderKey, noteId },
          events: [result('orders', 'ORDER_NOTE_ADDED', { orderKey: req.orderKey, noteId, text: req.text, by, at })],
        };
      }
    }
  }

  async function recordHistory(
    tx: Transaction<Database>,
    orderKey: string,
    kind: 'claimed' | 'released',
    actor: { id: string; name: string },
    at: number,
  ): Promise<void> {
    await tx
      .insertInto('order_history')
      .values({
        id: randomUUID(),
        order_key: orderKey,
        at,
        kind,
        actor_id: actor.id,
        actor_name: actor.name,
        event: null,
      })
      .execute();
  }

  async function mustKnowOrder(tx: Transaction<Database>, orderKey: string): Promise<void> {
    const order = await tx
      .selectFrom('orders')
      .select('order_key')
      .where('order_key', '=', orderKey)
      .executeTakeFirst();
    if (!order) throw new LiveError('not_found', `No order ${orderKey}`);
  }

  /** The stored answer of a key, or a conflict when the key was used for something else. */
  function replay(
    row: { user_id: string; request_hash: string; ok: number; result: string },
    userId: string,
    hash: string,
  ): ActionAck {
    if (row.user_id !== userId || row.request_hash !== hash) {
      throw new LiveError('idempotency_conflict', 'This action key was already used for a different action');
    }
    return row.ok ? { ok: true, result: JSON.parse(row.result) } : { ok: false, error: JSON.parse(row.result) };
  }

  async function apply(identity: Identity, raw: unknown): Promise<ActionAck> {
    const req = parseOrThrow(ActionRequest, raw, 'action');
    if (!canRead(identity.role, identity.userId, 'orders') && req.type.startsWith('ORDER_')) {
      throw new LiveError('forbidden', `Role ${identity.role} may not act on orders`);
    }
    const hash = hashOf(req);
    const by: Actor = { id: identity.userId, name: identity.name };
    const stored = await deps.db.selectFrom('actions').selectAll().where('key', '=', req.key).executeTakeFirst();
    if (stored) return replay(stored, identity.userId, hash);

    let events: ResultDelivery[] = [];
    let ack: ActionAck;
    try {
      ack = await deps.db.transaction().execute(async (tx) => {
        let answer: ActionAck;
        try {
          const outcome = await perform(tx, req, identity, by);
          events = outcome.events;
          answer = { ok: true, result: outcome.result };
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          answer = { ok: false, error: err.toPayload() };
        }
        // Taking the key commits with the change; a concurrent twin fails here and rolls back.
        await tx
          .insertInto('actions')
          .values({
            key: req.key,
            user_id: identity.userId,
            type: req.type,
            request_hash: hash,
            ok: answer.ok ? 1 : 0,
            result: JSON.stringify(answer.ok ? answer.result : answer.error),
            created_at: now(),
          })
          .execute();
        return answer;
      });
    } catch (err) {
      // Lost a race for the key (or for the claim) with a twin that committed first: answer as it did.
      const twin = await deps.db.selectFrom('actions').selectAll().where('key', '=', req.key).executeTakeFirst();
      if (twin) return replay(twin, identity.userId, hash);
      if (req.type === 'ORDER_CLAIM') {
        const holder = await deps.db
          .selectFrom('claims')
          .selectAll()
          .where('order_key', '=', req.orderKey)
          .executeTakeFirst();
        // A claim won the race (another user's, or this user's from another device): apply
        // again, which now answers already_claimed or `already: true`.
        if (holder) return apply(identity, raw);
      }
      throw err;
    }
    if (events.length > 0) await deps.publish(events);
    return ack;
  }

  async function sweep(): Promise<number> {
    const res = await deps.db
      .deleteFrom('actions')
      .where('created_at', '<', now() - KEY_RETENTION_MS)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  return { apply, sweep };
}
