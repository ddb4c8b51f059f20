// In-app toasts from the notification policy: a lane at the foot of the navigation column, newest
// at the bottom, up to the slice's limit — a place that never covers the order detail, a form or a
// row's actions. Priority shows by colour, icon and text; the words are the console's own, from the
// alert's data in the reader's language; "Göster" opens what the alert is about. Esc closes the
// focused toast, else the newest (ToastItem: ×, swipe, its clock).
// Toasts slide in unless the person prefers reduced motion. Screen readers hear new toasts from
// live regions (critical assertively) while focus stays where it is.
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { getBridge } from '../../bridge';
import { act } from '../actions/actionsSlice';
import { openTarget } from '../ui/openTarget';
import { AUTO_DISMISS_MS, SWIPE_THRESHOLD_PX, ToastItem, toastText } from './ToastItem';
import { MAX_TOASTS, dismissed, leftReported, type Toast } from './toastsSlice';

export { AUTO_DISMISS_MS, SWIPE_THRESHOLD_PX };
import './toasts.css';

/** The phone layout's media query (styles.css): there the lane is the screen's foot. */
const PHONE_LAYOUT = '(max-width: 640px)';

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
  // The lane's height follows the window's (a resize, a zoom, a phone turned): the fit runs again.
  const [viewHeight, setViewHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const measure = () => {
      setViewHeight(window.innerHeight);
      // On a phone the links are a row at the top and the lane is the screen's foot (styles.css).
      const narrow = window.matchMedia?.(PHONE_LAYOUT).matches ?? false;
      const nav = narrow ? null : document.querySelector('.sidebar ul');
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
    const els = [...ol.children] as HTMLElement[];
    for (const el of els) el.hidden = false;
    let used = els.reduce((n, el) => n + el.offsetHeight + 8, 0);
    // What goes first when they do not all fit: the oldest non-critical, then the oldest critical;
    // the newest always shows, whatever the window's height.
    const victims = els
      .slice(1)
      .reverse()
      .sort((a, b) => Number(a.dataset.priority === 'critical') - Number(b.dataset.priority === 'critical'));
    for (const el of victims) {
      if (used <= lane.clientHeight) break;
      used -= el.offsetHeight + 8;
      el.hidden = true;
    }
    // Measuring forces a layout of the page: only when the toasts, their words or the lane change,
    // not on every render (a hover, an announcement).
  }, [items, lang, laneTop, viewHeight]);

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
