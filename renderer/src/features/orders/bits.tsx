// Small pieces shared by the feed and the detail panel: status badge, ship-by countdown, avatar.
import type { OrderRow } from './ordersSlice';
import { hueSlot, initialsOf, shipByState } from './orderView';
import { countdownText, type OrdersText, type ViewText } from './text';
import { useNow } from './useNow';

// The texts come from the caller, which has them already: a busy table mounts rows by the hundred,
// and each translation hook is a subscription of its own.

/** Status as text with a coloured dot: the colour repeats the word, never replaces it. */
export function StatusBadge({ status, t }: { status: OrderRow['status']; t: OrdersText['t'] }) {
  return (
    <span className="ord-status" data-status={status}>
      <span className="ord-status-dot" aria-hidden="true" />
      {t(`orderStatus.${status}`)}
    </span>
  );
}

/** `2 sa 15 dk kaldı` / `45 dk gecikti`, refreshed by the shared clock. */
export function ShipByCountdown({
  row,
  v,
  fallback = '—',
}: {
  row: Pick<OrderRow, 'status' | 'shipBy'>;
  v: ViewText;
  fallback?: string;
}) {
  const now = useNow();
  const state = shipByState(row, now);
  const text = countdownText(state, v);
  return (
    <span className="ord-due" data-urgency={state.urgency}>
      {state.urgency === 'late' && (
        <svg className="ord-due-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 1.5 15 14H1z" fill="currentColor" />
          <path d="M8 6v4M8 11.6v.8" stroke="var(--panel)" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      )}
      {text || fallback}
    </span>
  );
}

export function Avatar({ id, name, size = 'sm' }: { id: string; name: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`ord-avatar ord-avatar-${size}`} data-hue={hueSlot(id)} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
