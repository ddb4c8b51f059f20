// Who handles the order: the holder (or nobody), Claim and Release, and the state of the last of
// them, with a conflict (someone else got there first) said in place.
import { useEffect, useId, useRef } from 'react';
import { useAppSelector } from '../../app/store';
import { formatDateTime } from '../../format';
import { Avatar } from './bits';
import { ActionState, CLAIM_TYPES, useLastAction, type OrderAction } from './lastAction';
import type { OrderRow } from './ordersSlice';
import { useOrdersText } from './text';

export function OrderClaim({
  orderKey,
  row,
  send,
  failure,
}: {
  orderKey: string;
  row: OrderRow;
  send: (action: OrderAction) => void;
  /** Why the last action could not even be queued. */
  failure?: string;
}) {
  const { v, lang } = useOrdersText();
  const id = useId();
  const user = useAppSelector((s) => s.session.user);
  const { busy, message } = useLastAction(orderKey, row, CLAIM_TYPES);

  // Claiming swaps Claim for Release (and disables them while queued): keep the keyboard there.
  const actionsRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const holderId = row.claim?.by.id;
  useEffect(() => {
    const active = document.activeElement;
    if (!hadFocus.current || (active && active !== document.body)) return;
    actionsRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [holderId, busy]);

  const claim = row.claim;
  const mine = claim !== undefined && claim.by.id === user?.id;
  const canRelease = claim !== undefined && (mine || user?.role === 'admin');
  const button = (type: 'ORDER_CLAIM' | 'ORDER_RELEASE', label: string, className: string) => (
    <button type="button" className={className} disabled={busy} onClick={() => send({ type, orderKey })}>
      {label}
    </button>
  );

  return (
    <section className="ord-card ord-claim" aria-labelledby={`${id}-claim`} data-testid="order-claim">
      <h3 id={`${id}-claim`} className="sr-only">
        {v('claim.heading')}
      </h3>
      <div className="ord-claim-row">
        {claim ? (
          <div className="ord-claim-who">
            <Avatar id={claim.by.id} name={claim.by.name} size="md" />
            <div>
              <p className="ord-claim-name" data-testid="order-holder">
                {mine ? v('claim.heldByYou') : v('claim.heldBy', { name: claim.by.name })}
              </p>
              <p className="ord-muted ord-small">{v('claim.since', { time: formatDateTime(claim.at, lang) })}</p>
            </div>
          </div>
        ) : (
          <p className="ord-claim-free" data-testid="order-holder">
            {v('claim.free')}
          </p>
        )}
        <div
          className="ord-claim-actions"
          ref={actionsRef}
          onFocus={() => (hadFocus.current = true)}
          onBlur={(e) => {
            if (e.relatedTarget) hadFocus.current = false;
          }}
        >
          {!mine && button('ORDER_CLAIM', v('claim.claim'), 'ord-button ord-button-primary')}
          {canRelease && button('ORDER_RELEASE', v('claim.release'), 'ord-button')}
        </div>
      </div>
      <div role="status" aria-live="polite" className="ord-status-region">
        {message && <ActionState {...message} />}
        {failure && <ActionState tone="bad" text={v('action.failed', { message: failure })} />}
      </div>
    </section>
  );
}
