// The selected order: facts, lines, cargo, who handles it (claim / release) and notes, with the
// state of the last action on it: queued (and why), done, or refused — a conflict said in place.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import type { ActionInput, ErrorPayload, OutboxState } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { formatDateTime, formatNumber } from '../../format';
import { act, type TrackedAction } from '../actions/actionsSlice';
import { Avatar, ShipByCountdown, StatusBadge } from './bits';
import type { OrderRow } from './ordersSlice';
import { money, useOrdersText, type ViewText } from './text';
import { useNow } from './useNow';

const NOTE_MAX = 2000;
const DAY_MS = 24 * 60 * 60_000;

type OrderAction = Extract<ActionInput, { orderKey: string }>;
type Holder = { id: string; name: string };

function holderOf(error?: ErrorPayload): Holder | undefined {
  const h = error?.details?.holder;
  if (h && typeof h === 'object' && 'name' in h && typeof h.name === 'string') {
    return { id: 'id' in h && typeof h.id === 'string' ? h.id : '', name: h.name };
  }
  return undefined;
}

const CLAIM_TYPES: readonly string[] = ['ORDER_CLAIM', 'ORDER_RELEASE'];
const NOTE_TYPES: readonly string[] = ['ORDER_NOTE'];

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

export function OrderDetail({
  orderKey,
  onClose,
  headingRef,
}: {
  orderKey: string;
  onClose: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t, v, lang } = useOrdersText();
  const dispatch = useAppDispatch();
  const id = useId();
  const row = useAppSelector((s) => s.orders.entities[orderKey]);
  const user = useAppSelector((s) => s.session.user);
  const online = useAppSelector((s) => s.connection.info.state === 'connected');
  const lastClaim = useAppSelector((s) => lastTracked(s.actions.byKey, orderKey, CLAIM_TYPES));
  const lastNote = useAppSelector((s) => lastTracked(s.actions.byKey, orderKey, NOTE_TYPES));
  const pending = useAppSelector((s) => s.connection.outbox.pending);
  const now = useNow();
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string>();

  // Claiming swaps Claim for Release (and disables them while queued): keep the keyboard there.
  const actionsRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const holderId = row?.claim?.by.id;
  const claimBusy = (lastClaim?.status ?? queuedFrom(pending, orderKey, CLAIM_TYPES)?.status) === 'queued';
  useEffect(() => {
    const active = document.activeElement;
    if (!hadFocus.current || (active && active !== document.body)) return;
    actionsRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [holderId, claimBusy]);

  if (!row) return null;

  const send = (action: OrderAction) => {
    setFailure(undefined);
    dispatch(act(action))
      .unwrap()
      .catch((err: ErrorPayload) => setFailure(err.message));
  };

  const claim = row.claim;
  // The marketplace cancels on its own at this time: loud only once it is within a day.
  const urgentCancel = row.autoCancelAt !== undefined && Date.parse(row.autoCancelAt) - now < DAY_MS;
  const mine = claim !== undefined && claim.by.id === user?.id;
  const canRelease = claim !== undefined && (mine || user?.role === 'admin');
  // The outbox is durable: after a reload it still knows what waits, while the tracking is gone.
  const claimAction = lastClaim ?? queuedFrom(pending, orderKey, CLAIM_TYPES);
  const noteAction = lastNote ?? queuedFrom(pending, orderKey, NOTE_TYPES);
  const busy = claimAction?.status === 'queued';
  const claimMessage = actionMessage(claimAction, row, online, v);
  const noteMessage = actionMessage(noteAction, row, online, v);
  const queuedNotes = pending.flatMap((p) =>
    p.action.type === 'ORDER_NOTE' && p.action.orderKey === orderKey ? [{ key: p.key, text: p.action.text }] : [],
  );

  const submitNote = (e?: FormEvent) => {
    e?.preventDefault();
    const text = note.trim();
    if (!text) return;
    send({ type: 'ORDER_NOTE', orderKey, text });
    setNote('');
  };
  const onNoteKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submitNote();
  };
  const status = (tone: 'info' | 'ok' | 'bad', text: string) => (
    <p className="ord-action-state" data-tone={tone} data-testid="order-action-state">
      {text}
    </p>
  );

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
            <StatusBadge status={row.status} />
          </div>
        </div>
        <button type="button" className="ord-icon-button" onClick={onClose} aria-label={v('detail.close')}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </header>

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
            {!mine && (
              <button
                type="button"
                className="ord-button ord-button-primary"
                disabled={busy}
                onClick={() => send({ type: 'ORDER_CLAIM', orderKey })}
              >
                {v('claim.claim')}
              </button>
            )}
            {canRelease && (
              <button
                type="button"
                className="ord-button"
                disabled={busy}
                onClick={() => send({ type: 'ORDER_RELEASE', orderKey })}
              >
                {v('claim.release')}
              </button>
            )}
          </div>
        </div>
        <div role="status" aria-live="polite" className="ord-status-region">
          {claimMessage && status(claimMessage.tone, claimMessage.text)}
          {failure && status('bad', v('action.failed', { message: failure }))}
        </div>
      </section>

      <dl className="ord-facts">
        <div>
          <dt>{v('detail.total')}</dt>
          <dd className="ord-num ord-strong">{money(row.total, lang)}</dd>
        </div>
        <div>
          <dt>{v('detail.shipBy')}</dt>
          <dd>
            {row.shipBy ? (
              <>
                <span className="ord-num">{formatDateTime(row.shipBy, lang)}</span>
                <ShipByCountdown row={row} fallback="" />
              </>
            ) : (
              v('countdown.none')
            )}
          </dd>
        </div>
        <div>
          <dt>{v('detail.orderedAt')}</dt>
          <dd className="ord-num">{formatDateTime(row.orderedAt, lang)}</dd>
        </div>
        <div>
          <dt>{v('detail.city')}</dt>
          <dd>{row.city ?? '—'}</dd>
        </div>
        {row.packageId && (
          <div>
            <dt>{v('detail.package')}</dt>
            <dd className="ord-mono">{row.packageId}</dd>
          </div>
        )}
        <div>
          <dt>{v('detail.rawStatus')}</dt>
          <dd>{row.rawStatus}</dd>
        </div>
        {row.autoCancelAt && (
          <div>
            <dt>{v('detail.autoCancelAt')}</dt>
            <dd className="ord-num" data-urgent={urgentCancel || undefined}>
              {formatDateTime(row.autoCancelAt, lang)}
            </dd>
          </div>
        )}
      </dl>

      {row.cancel && (
        <p className="ord-card ord-cancel">
          <strong>{v(`detail.cancelBy.${row.cancel.by}`)}</strong>
          {row.cancel.reason ? ` — ${row.cancel.reason}` : ''}
        </p>
      )}

      <section aria-labelledby={`${id}-lines`} className="ord-section">
        <h3 id={`${id}-lines`}>
          {v('detail.lines')} <span className="ord-count">{formatNumber(row.lines.length, lang)}</span>
        </h3>
        <table className="ord-lines">
          <thead>
            <tr>
              <th scope="col">{v('detail.product')}</th>
              <th scope="col" className="ord-num">
                {v('detail.qty')}
              </th>
              <th scope="col" className="ord-num">
                {v('detail.unitPrice')}
              </th>
            </tr>
          </thead>
          <tbody>
            {row.lines.map((l, i) => (
              <tr key={`${l.sku}-${i}`}>
                <td>
                  <span className="ord-line-title">{l.title ?? l.sku}</span>
                  <span className="ord-line-sku">
                    {v('detail.sku')}: <span className="ord-mono">{l.sku}</span>
                  </span>
                </td>
                <td className="ord-num">{formatNumber(l.qty, lang)}</td>
                <td className="ord-num">{money(l.unitPrice, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={`${id}-notes`} className="ord-section ord-notes" data-testid="order-notes">
        <h3 id={`${id}-notes`}>
          {v('notes.heading')} <span className="ord-count">{formatNumber(row.notes.length, lang)}</span>
        </h3>
        {row.notes.length === 0 && queuedNotes.length === 0 ? (
          <p className="ord-muted">{v('notes.empty')}</p>
        ) : (
          <ol className="ord-note-list">
            {row.notes.map((n) => (
              <li key={n.id} className="ord-note">
                <Avatar id={n.by.id} name={n.by.name} />
                <div>
                  <p className="ord-note-meta">
                    <span className="ord-strong">{n.by.name}</span>{' '}
                    <time className="ord-muted" dateTime={n.at}>
                      {formatDateTime(n.at, lang)}
                    </time>
                  </p>
                  <p className="ord-note-text">{n.text}</p>
                </div>
              </li>
            ))}
            {queuedNotes.map((n) => (
              <li key={n.key} className="ord-note" data-queued="true">
                <Avatar id={user?.id ?? ''} name={user?.name ?? '?'} />
                <div>
                  <p className="ord-note-meta">
                    <span className="ord-strong">{user?.name}</span>{' '}
                    <span className="ord-pill">{v('notes.queued')}</span>
                  </p>
                  <p className="ord-note-text">{n.text}</p>
                </div>
              </li>
            ))}
          </ol>
        )}
        <form className="ord-note-form" onSubmit={submitNote}>
          <label htmlFor={`${id}-note`}>{v('notes.field')}</label>
          <textarea
            id={`${id}-note`}
            value={note}
            rows={3}
            maxLength={NOTE_MAX}
            placeholder={v('notes.placeholder')}
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={onNoteKey}
          />
          <div className="ord-note-foot">
            <span id={`${id}-note-hint`} className="ord-muted ord-small">
              {v('notes.hint')} · {v('notes.length', { count: note.length, max: NOTE_MAX })}
            </span>
            <button type="submit" className="ord-button ord-button-primary" disabled={note.trim() === ''}>
              {v('notes.submit')}
            </button>
          </div>
          <div role="status" aria-live="polite" className="ord-status-region">
            {noteMessage && status(noteMessage.tone, noteMessage.text)}
          </div>
        </form>
      </section>

      <section aria-labelledby={`${id}-cargo`} className="ord-section">
        <h3 id={`${id}-cargo`}>{v('detail.cargo')}</h3>
        {row.cargo && (row.cargo.provider || row.cargo.trackingNumber) ? (
          <dl className="ord-facts ord-facts-tight">
            {row.cargo.provider && (
              <div>
                <dt>{v('detail.provider')}</dt>
                <dd>{row.cargo.provider}</dd>
              </div>
            )}
            {row.cargo.trackingNumber && (
              <div>
                <dt>{v('detail.tracking')}</dt>
                <dd className="ord-mono">
                  {row.cargo.trackingUrl ? (
                    <a href={row.cargo.trackingUrl} target="_blank" rel="noreferrer noopener">
                      {row.cargo.trackingNumber}
                      <span className="sr-only"> — {v('detail.track')}</span>
                    </a>
                  ) : (
                    row.cargo.trackingNumber
                  )}
                </dd>
              </div>
            )}
          </dl>
        ) : (
          <p className="ord-muted">{v('detail.noCargo')}</p>
        )}
      </section>
    </div>
  );
}
