// The order's notes, with the ones still queued in the outbox, and the form to add one
// (Ctrl+Enter sends); the state of the last note sent.
import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { useAppSelector } from '../../app/store';
import { formatDateTime, formatNumber } from '../../format';
import { Avatar } from './bits';
import { ActionState, NOTE_TYPES, useLastAction, type OrderAction } from './lastAction';
import type { OrderRow } from './ordersSlice';
import { useOrdersText } from './text';

const NOTE_MAX = 2000;

export function OrderNotes({
  orderKey,
  row,
  send,
  note,
  setNote,
}: {
  orderKey: string;
  row: OrderRow;
  send: (action: OrderAction) => void;
  /** The note being written (held by the detail panel). */
  note: string;
  setNote: (note: string) => void;
}) {
  const { v, lang } = useOrdersText();
  const id = useId();
  const user = useAppSelector((s) => s.session.user);
  const pending = useAppSelector((s) => s.connection.outbox.pending);
  const { message } = useLastAction(orderKey, row, NOTE_TYPES);
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

  return (
    <section aria-labelledby={`${id}-notes`} className="ord-section ord-notes" data-testid="order-notes">
      <h3 id={`${id}-notes`}>
        {v('notes.heading')} <span className="ord-count">{formatNumber(row.notesTotal, lang)}</span>
      </h3>
      {row.notesTotal > row.notes.length && (
        <p className="ord-muted" data-testid="order-notes-older">
          {v('notes.older', { count: row.notesTotal - row.notes.length })}
        </p>
      )}
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
                  <span className="ord-strong">{user?.name}</span> <span className="ord-pill">{v('notes.queued')}</span>
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
          {message && <ActionState {...message} />}
        </div>
      </form>
    </section>
  );
}
