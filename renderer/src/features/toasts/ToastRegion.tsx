// In-app toasts from the notification policy: a lane at the foot of the navigation column, newest
// at the bottom, up to the slice's limit — a place that never covers the order detail, a form or a
// row's actions. Priority shows by colour, icon and text; the words are the console's own, from the
// alert's data in the reader's language; "Göster" opens what the alert is about. A toast goes by its ×, by Esc (the
// focused toast, else the newest), by a sideways swipe past a threshold, or by itself after
// AUTO_DISMISS_MS unless it is critical (sticky); hovering or focusing the stack pauses that clock.
// Toasts slide in unless the person prefers reduced motion. Screen readers hear new toasts from
// live regions (critical assertively) while focus stays where it is.
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { notificationText, type Language } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { getBridge } from '../../bridge';
import { act } from '../actions/actionsSlice';
import { PriorityIcon } from '../../ui/PriorityBadge';
import { openTarget } from '../ui/openTarget';
import { MAX_TOASTS, dismissed, leftReported, type Toast } from './toastsSlice';
import './toasts.css';

export const AUTO_DISMISS_MS = 8000;
export const SWIPE_THRESHOLD_PX = 80;
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the person asked the system for less motion (follows changes). */
export function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia?.(REDUCED_MOTION).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(REDUCED_MOTION);
    if (!mq) return;
    const update = () => setReduced(mq.matches);
    update();
    mq.addEventListener?.('change', update);
    return () => mq.removeEventListener?.('change', update);
  }, []);
  return reduced;
}

/** A toast's words: the kind of problem, then where and how bad (protocol/notificationText.ts). */
export function toastText(x: Toast, lang: string): { title: string; body: string } {
  return x.about ? notificationText(x.about, lang === 'en' ? 'en' : ('tr' as Language)) : { title: '', body: '' };
}

export function ToastRegion() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dispatch = useAppDispatch();
  // A later, interruptible render: toasts follow the batch that raised them by a frame at most.
  const all = useDeferredValue(useAppSelector((s) => s.toasts.items));
  const items = useMemo(() => all.slice(0, MAX_TOASTS), [all]);
  const reduced = useReducedMotion();
  const list = useRef<HTMLOListElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focusedWithin, setFocusedWithin] = useState(false);
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');

  const itemsRef = useRef(items);
  useLayoutEffect(() => {
    itemsRef.current = items;
  });

  // A toast that left the screen (×, Esc, a swipe, its time, newer ones) is no longer there to count
  // repeats on: the host notifies the next repeat afresh.
  const left = useAppSelector((s) => s.toasts.left);
  useEffect(() => {
    if (left.length === 0) return;
    for (const id of left)
      void getBridge()
        .notificationDismissed(id)
        .catch(() => undefined);
    dispatch(leftReported(left));
  }, [left, dispatch]);

  // --- announcements: each new toast once; the flood summary when it appears ---------------------
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const seen = announced.current;
    const current = new Set(items.map((x) => x.id));
    const fresh = items.filter((x) => !seen.has(x.id));
    for (const id of [...seen]) if (!current.has(id)) seen.delete(id);
    for (const x of fresh) seen.add(x.id);
    if (fresh.length === 0) return;
    const text = (x: Toast) =>
      x.summary
        ? t('toastsView.summaryTitle', { count: x.count })
        : t('toastsView.announce', {
            priority: t(`alertsView.priority.${x.priority}`),
            ...toastText(x, lang),
          });
    const critical = fresh.filter((x) => x.priority === 'critical' && !x.summary);
    const rest = fresh.filter((x) => !critical.includes(x));
    if (critical.length > 0) setAssertive(critical.map(text).join(' '));
    if (rest.length > 0) setPolite(rest.map(text).join(' '));
  }, [items, t, lang]);

  // --- dismissal --------------------------------------------------------------------------------
  const dismiss = useCallback(
    (id: string, moveFocus: boolean) => {
      if (moveFocus) {
        // Focus was in the toast that goes: hand it to a neighbour, else back to the screen.
        const ids = itemsRef.current.map((x) => x.id);
        const at = ids.indexOf(id);
        const next = ids[at + 1] ?? ids[at - 1];
        const el = [...(list.current?.children ?? [])].find(
          (c) => next !== undefined && c.getAttribute('data-toast-id') === next,
        );
        const target = el?.querySelector<HTMLElement>('.toast-close') ?? document.getElementById('main');
        target?.focus();
      }
      dispatch(dismissed(id));
    },
    [dispatch],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const newest = itemsRef.current[0];
      if (!newest) return;
      const holder = document.activeElement?.closest('[data-toast-id]');
      const id = holder?.getAttribute('data-toast-id') ?? newest.id;
      e.preventDefault();
      dismiss(id, holder !== null && holder !== undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [dismiss]);

  const show = (x: Toast) => {
    openTarget(dispatch, x.target ?? { view: 'alerts', item: x.alertKey ?? '' });
    dispatch(dismissed(x.id));
  };
  const acknowledge = (x: Toast) => {
    if (x.alertKey) void dispatch(act({ type: 'ALERT_ACK', alertKey: x.alertKey }));
    dispatch(dismissed(x.id));
  };

  // The lane starts below the navigation links and ends at the window's foot; a toast that does not
  // fit whole is not drawn half (a short window shows fewer; all are in the alert centre).
  const region = useRef<HTMLElement>(null);
  const [laneTop, setLaneTop] = useState<number>();
  useEffect(() => {
    const measure = () => {
      const nav = document.querySelector('.sidebar ul');
      setLaneTop(nav ? Math.ceil(nav.getBoundingClientRect().bottom) + 12 : undefined);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  useLayoutEffect(() => {
    const lane = region.current;
    const ol = list.current;
    // No layout to measure (not rendered yet): nothing to fit.
    if (!lane || !ol || lane.clientHeight === 0) return;
    let room = lane.clientHeight;
    for (const [i, el] of ([...ol.children] as HTMLElement[]).entries()) {
      el.hidden = false;
      room -= el.offsetHeight + 8;
      // The newest always shows, whatever the window's height.
      el.hidden = i > 0 && room < 0;
    }
  });

  return (
    <section
      ref={region}
      style={laneTop !== undefined ? { top: laneTop } : undefined}
      className={`toast-region ${reduced ? 'toast-region--reduced-motion' : 'toast-region--animated'}`}
      aria-label={t('toastsView.region')}
      data-testid="toast-region"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocusedWithin(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedWithin(false);
      }}
    >
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="toast-live-polite">
        {polite}
      </div>
      <div className="sr-only" role="alert" aria-live="assertive" aria-atomic="true" data-testid="toast-live-assertive">
        {assertive}
      </div>
      <ol className="toast-stack" ref={list}>
        {items.map((x) => (
          <ToastItem
            key={x.id}
            toast={x}
            paused={hovered || focusedWithin}
            reduced={reduced}
            lang={lang}
            onDismiss={dismiss}
            onShow={show}
            onAcknowledge={acknowledge}
          />
        ))}
      </ol>
    </section>
  );
}

interface ItemProps {
  toast: Toast;
  lang: string;
  paused: boolean;
  reduced: boolean;
  onDismiss: (id: string, moveFocus: boolean) => void;
  onShow: (x: Toast) => void;
  onAcknowledge: (x: Toast) => void;
}

function ToastItem({ toast: x, lang, paused, reduced, onDismiss, onShow, onAcknowledge }: ItemProps) {
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
