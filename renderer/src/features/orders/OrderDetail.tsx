// The selected order: facts, lines, cargo, who handles it (claim / release), notes and its history, with the
// state of the last action on it: queued (and why), done, or refused — a conflict said in place.
import { memo, useState, type Ref } from 'react';
import type { ErrorPayload } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { act } from '../actions/actionsSlice';
import { StatusBadge } from './bits';
import type { OrderAction } from './lastAction';
import type { OrderRow } from './ordersSlice';
import { OrderClaim } from './OrderClaim';
import { OrderCargo, OrderFacts, OrderLines } from './OrderFacts';
import { OrderNotes } from './OrderNotes';
import { OrderTimeline } from './OrderTimeline';
import { useOrdersText } from './text';

/** What changes when anything of the order does: its events renew `seq`, actions the rest. */
function versionOf(row: OrderRow): string {
  return `${row.seq}|${row.claim?.at ?? ''}|${row.released?.at ?? ''}|${row.notesTotal}`;
}

/** Memoised: the screen re-renders on every batch of orders, the panel when its order changes. */
export const OrderDetail = memo(function OrderDetail({
  orderKey,
  onClose,
  headingRef,
}: {
  orderKey: string;
  onClose: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t, v } = useOrdersText();
  const dispatch = useAppDispatch();
  const row = useAppSelector((s) => s.orders.entities[orderKey]);
  const [failure, setFailure] = useState<string>();
  // The draft lives here, not in the notes: it outlasts the row leaving the list for a while (a
  // snapshot without it), as the rest of the panel's state does.
  const [note, setNote] = useState('');

  if (!row) return null;

  const send = (action: OrderAction) => {
    setFailure(undefined);
    dispatch(act(action))
      .unwrap()
      .catch((err: ErrorPayload) => setFailure(err.message));
  };

  return (
    <div className="ord-detail-inner" data-order-key={orderKey}>
      <header className="ord-detail-head">
        <div>
          <h2 id="order-detail-title" ref={headingRef} tabIndex={-1} className="ord-detail-title">
            <span className="sr-only">{v('detail.label')}: </span>
            {row.orderNumber}
          </h2>
          <div className="ord-detail-sub">
            <span className="ord-mp" data-mp={row.marketplace ?? 'other'}>
              {row.marketplace ? t(`marketplace.${row.marketplace}`) : '—'}
            </span>
            <StatusBadge status={row.status} t={t} />
          </div>
        </div>
        <button type="button" className="ord-icon-button" onClick={onClose} aria-label={v('detail.close')}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </header>

      <OrderClaim orderKey={orderKey} row={row} send={send} failure={failure} />
      <OrderFacts row={row} />
      <OrderLines row={row} />
      <OrderNotes orderKey={orderKey} row={row} send={send} note={note} setNote={setNote} />
      <OrderCargo row={row} />
      <OrderTimeline orderKey={orderKey} version={versionOf(row)} />
    </div>
  );
});
