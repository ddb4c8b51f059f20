// The last action on an order (claim or release, a note): found in the tracking or, after a reload,
// in the durable outbox; and what to say about it: queued (and why), done, or refused.
import type { ActionInput, ErrorPayload, OutboxState } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import type { TrackedAction } from '../actions/actionsSlice';
import type { OrderRow } from './ordersSlice';
import { useOrdersText, type ViewText } from './text';

/** An action on one order (claim, release, note). */
export type OrderAction = Extract<ActionInput, { orderKey: string }>;
type Holder = { id: string; name: string };

function holderOf(error?: ErrorPayload): Holder | undefined {
  const h = error?.details?.holder;
  if (h && typeof h === 'object' && 'name' in h && typeof h.name === 'string') {
    return { id: 'id' in h && typeof h.id === 'string' ? h.id : '', name: h.name };
  }
  return undefined;
}

export const CLAIM_TYPES: readonly string[] = ['ORDER_CLAIM', 'ORDER_RELEASE'];
export const NOTE_TYPES: readonly string[] = ['ORDER_NOTE'];

/** The latest tracked action of these types on the order (tracking keeps the order they were made in). */
function lastTracked(
  byKey: Record<string, TrackedAction>,
  orderKey: string,
  types: readonly string[],
): TrackedAction | undefined {
  let found: TrackedAction | undefined;
  for (const a of Object.values(byKey)) {
    if (a.action && 'orderKey' in a.action && a.action.orderKey === orderKey && types.includes(a.action.type)) {
      found = a;
    }
  }
  return found;
}

function queuedFrom(
  pending: OutboxState['pending'],
  orderKey: string,
  types: readonly string[],
): TrackedAction | undefined {
  const p = pending.findLast(
    (q) => 'orderKey' in q.action && q.action.orderKey === orderKey && types.includes(q.action.type),
  );
  return p ? { key: p.key, action: p.action, status: 'queued' } : undefined;
}

/** A refusal the outbox kept for this order (the console may have started after it came). */
function refusedFrom(
  failed: OutboxState['failed'],
  orderKey: string,
  types: readonly string[],
): TrackedAction | undefined {
  const f = failed.findLast(
    (x) => 'orderKey' in x.action && x.action.orderKey === orderKey && types.includes(x.action.type),
  );
  return f ? { key: f.key, action: f.action, status: 'refused', error: f.error } : undefined;
}

/** What to say about the last action on this order; undefined when nothing is worth saying. */
function actionMessage(
  last: TrackedAction | undefined,
  row: OrderRow,
  online: boolean,
  v: ViewText,
): { tone: 'info' | 'ok' | 'bad'; text: string } | undefined {
  const type = last?.action?.type;
  if (!last || !type) return undefined;
  const action = v(`action.name.${type}`);
  if (last.status === 'queued') {
    return { tone: 'info', text: v(online ? 'action.sending' : 'action.queuedOffline', { action }) };
  }
  if (last.status === 'done') return { tone: 'ok', text: v(`action.done.${type}`) };
  const holder = last.error?.code === 'already_claimed' ? holderOf(last.error) : undefined;
  if (holder) {
    // Still true? Not once the holder let go (or someone else holds it now).
    const current = row.claim ? row.claim.by.id === holder.id || !holder.id : !row.released;
    return current ? { tone: 'bad', text: v('claim.conflict', { name: holder.name }) } : undefined;
  }
  const code = last.error?.code;
  const reason =
    code === 'forbidden' || code === 'not_found' || code === 'validation_failed'
      ? v(`action.reason.${code}`)
      : v('action.reason.other', { message: last.error?.message ?? '' });
  return { tone: 'bad', text: v('action.refused', { action, reason }) };
}

/** The last action of these types on the order, and what to say about it (if anything). */
export function useLastAction(orderKey: string, row: OrderRow, types: readonly string[]) {
  const { v } = useOrdersText();
  const tracked = useAppSelector((s) => lastTracked(s.actions.byKey, orderKey, types));
  const pending = useAppSelector((s) => s.connection.outbox.pending);
  const failed = useAppSelector((s) => s.connection.outbox.failed);
  const online = useAppSelector((s) => s.connection.info.state === 'connected');
  // The outbox is durable: after a reload it still knows what waits and what was refused, while
  // the tracking is gone.
  const action = tracked ?? queuedFrom(pending, orderKey, types) ?? refusedFrom(failed, orderKey, types);
  return { busy: action?.status === 'queued', message: actionMessage(action, row, online, v) };
}

/** The state of an action, in the live region beside what it acted on. */
export function ActionState({ tone, text }: { tone: 'info' | 'ok' | 'bad'; text: string }) {
  return (
    <p className="ord-action-state" data-tone={tone} data-testid="order-action-state">
      {text}
    </p>
  );
}
