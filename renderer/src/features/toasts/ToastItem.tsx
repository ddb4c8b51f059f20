// One toast: priority by colour, icon and word; the console's words for what it is about; "Göster"
// and "Onayla"; gone by its ×, a sideways swipe past a threshold, or by itself after AUTO_DISMISS_MS
// unless it is critical (sticky) — hovering or focusing the lane pauses that clock.
import { useEffect, useId, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationText, type Language } from '../../../../protocol';
import { PriorityIcon } from '../../ui/PriorityBadge';
import type { Toast } from './toastsSlice';

export const AUTO_DISMISS_MS = 8000;
export const SWIPE_THRESHOLD_PX = 80;

/** A toast's words: the kind of problem, then where and how bad (protocol/notificationText.ts). */
export function toastText(x: Toast, lang: string): { title: string; body: string } {
  return x.about ? notificationText(x.about, lang === 'en' ? 'en' : ('tr' as Language)) : { title: '', body: '' };
}

export interface ItemProps {
  toast: Toast;
  lang: string;
  paused: boolean;
  reduced: boolean;
  onDismiss: (id: string, moveFocus: boolean) => void;
  onShow: (x: Toast) => void;
  onAcknowledge: (x: Toast) => void;
}

export function ToastItem({ toast: x, lang, paused, reduced, onDismiss, onShow, onAcknowledge }: ItemProps) {
  const { t } = useTranslation();
  const id = useId();
  const [dx, setDx] = useState(0);
  const [dragging, setDragging] = useState(false);
  const drag = useRef<{ pointerId: number; startX: number } | null>(null);

  // Auto-dismiss: the clock runs while nothing holds the toast; a repeat (count) starts it over.
  const remaining = useRef(AUTO_DISMISS_MS);
  useEffect(() => {
    remaining.current = AUTO_DISMISS_MS;
  }, [x.count, x.at]);
  const hold = paused || dragging;
  useEffect(() => {
    if (x.sticky || hold) return;
    const started = Date.now();
    const h = window.setTimeout(() => onDismiss(x.id, false), Math.max(0, remaining.current));
    return () => {
      window.clearTimeout(h);
      remaining.current -= Date.now() - started;
    };
  }, [x.sticky, x.id, x.count, x.at, hold, onDismiss]);

  const end = (e: PointerEvent<HTMLLIElement>, cancelled: boolean) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    setDragging(false);
    const moved = e.clientX - d.startX;
    if (!cancelled && Math.abs(moved) >= SWIPE_THRESHOLD_PX) {
      const focusInside = e.currentTarget.contains(document.activeElement);
      onDismiss(x.id, focusInside);
    } else setDx(0);
  };

  const words = toastText(x, lang);
  const title = x.summary ? t('toastsView.summaryTitle', { count: x.count }) : words.title;
  const body = x.summary ? t('toastsView.summaryBody') : words.body;
  const titleId = `${id}-title`;
  const bodyId = `${id}-body`;
  return (
    <li
      className={`toast${x.summary ? ' toast--summary' : ''}${dragging ? ' is-dragging' : ''}`}
      data-toast-id={x.id}
      data-priority={x.priority}
      data-sticky={x.sticky ? 'true' : undefined}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      style={
        dx !== 0
          ? { transform: `translateX(${dx}px)`, opacity: Math.max(0.2, 1 - Math.abs(dx) / (SWIPE_THRESHOLD_PX * 3)) }
          : undefined
      }
      onPointerDown={(e) => {
        if (e.button !== 0 || (e.target as Element).closest('button, a')) return;
        drag.current = { pointerId: e.pointerId, startX: e.clientX };
        e.currentTarget.setPointerCapture?.(e.pointerId);
        setDragging(true);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d && d.pointerId === e.pointerId) setDx(e.clientX - d.startX);
      }}
      onPointerUp={(e) => end(e, false)}
      onPointerCancel={(e) => end(e, true)}
    >
      <span className="toast-icon">
        <PriorityIcon priority={x.priority} />
      </span>
      <div className="toast-content">
        <p className="toast-head">
          <span className="toast-priority">{t(`alertsView.priority.${x.priority}`)}</span>
          {x.sticky && <span className="toast-sticky">{t('toastsView.sticky')}</span>}
        </p>
        <p className="toast-title" id={titleId}>
          <strong>{title}</strong>
          {!x.summary && x.count > 1 && (
            <span className="toast-count" title={t('toastsView.countLabel', { count: x.count })}>
              <span aria-hidden="true">{t('toastsView.count', { count: x.count })}</span>
              <span className="sr-only">{t('toastsView.countLabel', { count: x.count })}</span>
            </span>
          )}
        </p>
        {body && (
          <p className="toast-body" id={bodyId}>
            {body}
          </p>
        )}
        <div className="toast-actions">
          {x.summary ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => onShow({ ...x, target: { view: 'alerts', item: '' } })}
            >
              {t('toastsView.openAlerts')}
            </button>
          ) : (
            x.alertKey && (
              <>
                <button
                  type="button"
                  className="toast-action"
                  aria-label={t('toastsView.showLabel', { title })}
                  onClick={() => onShow(x)}
                >
                  {t('toastsView.show')}
                </button>
                <button
                  type="button"
                  className="toast-action"
                  aria-label={t('toastsView.acknowledgeLabel', { title })}
                  onClick={() => onAcknowledge(x)}
                >
                  {t('toastsView.acknowledge')}
                </button>
              </>
            )
          )}
        </div>
      </div>
      <button
        type="button"
        className="toast-close"
        aria-label={t('toastsView.close', { title })}
        title={t('toastsView.hint')}
        onClick={(e) => onDismiss(x.id, e.currentTarget === document.activeElement)}
      >
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
          <path d="M1.5 1.5l9 9m0-9l-9 9" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      {!x.sticky && !reduced && (
        <span
          key={`${x.count}:${x.at}`}
          className={`toast-timer${hold ? ' is-paused' : ''}`}
          style={{ animationDuration: `${AUTO_DISMISS_MS}ms` }}
          aria-hidden="true"
        />
      )}
    </li>
  );
}
