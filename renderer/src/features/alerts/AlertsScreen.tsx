// The alert centre: the history of alerts (newest first) with filters by priority, channel, state
// and free text; acknowledge and snooze one alert or many (checkboxes, "select all shown");
// opening the centre marks the shown unread alerts read; a notification that points at an alert
// (ui.focus) brings it into view and highlights it.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_CHANNELS, openTotal, targetOfAlert, unreadTotal } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { act, type TrackedAction } from '../actions/actionsSlice';
import { selectAlertCounts } from '../connection/connectionSlice';
import { OPEN_CRITICALS, openTarget } from '../ui/openTarget';
import { focused } from '../ui/uiSlice';
import { StatusIcon } from '../../ui/StatusIcon';
import { HeldNotice } from '../../ui/HeldNotice';
import { useHeldOrder } from '../../ui/useHeldOrder';
import { useNow } from '../../ui/useNow';
import { AlertFilterBar } from './AlertFilterBar';
import { AlertHistory } from './AlertHistory';
import { AlertItem } from './AlertItem';
import { alertsSelectors, type AlertRow } from './alertsSlice';
import { ALERT_CHANNELS, NO_FILTERS, matcher, type AlertFilters } from './filters';
import { snoozeMinutes, type SnoozeOption } from './snooze';
import { SnoozeMenu } from './SnoozeMenu';
import './alerts.css';

export const PAGE_SIZE = 100;
/** Alerts shown at opening are marked read after this settle time (a batch per 200). */
export const READ_DELAY_MS = 400;
const READ_BATCH = 200;
const HIGHLIGHT_MS = 4000;

const keyOfAlert = (a: AlertRow) => a.alertKey;
const isCritical = (a: AlertRow) => a.priority === 'critical';
/** The open criticals (the bar's and the backlog's "Göster"). */
const CRITICAL_FILTERS: AlertFilters = { ...NO_FILTERS, priorities: ['critical'], state: 'open' };

export function AlertsScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dispatch = useAppDispatch();
  const alerts = useAppSelector((s) => alertsSelectors.selectAll(s.alerts));
  const focus = useAppSelector((s) => s.ui.focus);
  const role = useAppSelector((s) => s.session.user?.role ?? 'admin');
  const actionsByKey = useAppSelector((s) => s.actions.byKey);
  const actionBySubject = useAppSelector((s) => s.actions.bySubject);
  const now = useNow(30_000);

  const [filters, setFilters] = useState<AlertFilters>(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [highlight, setHighlight] = useState<string>();
  const [status, setStatus] = useState('');
  const [readPass, setReadPass] = useState(0);

  const matches = useMemo(() => matcher(filters, t, lang), [filters, t, lang]);
  const filtered = useMemo(() => alerts.filter(matches), [alerts, matches]);
  const live = useMemo(() => filtered.slice(0, limit), [filtered, limit]);
  const entities = useAppSelector((s) => s.alerts.entities);
  const current = useCallback((key: string) => entities[key], [entities]);
  // Rows stay put under the pointer or keyboard focus; what arrives meanwhile is counted.
  const hold = useHeldOrder(live, keyOfAlert, current, filters, false, isCritical);
  const shown = hold.rows;
  const shownSelected = useMemo(() => shown.filter((a) => selected.has(a.alertKey)), [shown, selected]);
  const channels = useMemo(
    () => ALERT_CHANNELS.filter((c) => (ROLE_CHANNELS[role] as readonly string[]).includes(c)),
    [role],
  );

  const changeFilters = (patch: Partial<AlertFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setLimit(PAGE_SIZE);
    setReadPass((n) => n + 1);
  };

  // --- read on opening: what is shown and unread, batched, once per alert -----------------------
  const shownRef = useRef(shown);
  useLayoutEffect(() => {
    shownRef.current = shown;
  });
  const sentRead = useRef(new Set<string>());
  const hasAlerts = alerts.length > 0;
  useEffect(() => {
    if (!hasAlerts) return;
    const h = window.setTimeout(() => {
      const keys = shownRef.current.filter((a) => !a.read && !sentRead.current.has(a.alertKey)).map((a) => a.alertKey);
      for (const k of keys) sentRead.current.add(k);
      for (let i = 0; i < keys.length; i += READ_BATCH) {
        void dispatch(act({ type: 'ALERTS_READ', alertKeys: keys.slice(i, i + READ_BATCH) }));
      }
    }, READ_DELAY_MS);
    return () => window.clearTimeout(h);
  }, [hasAlerts, readPass, dispatch]);

  // --- focus from a notification: shown (filters cleared if they hide it), scrolled to, lit ------
  const [handledFocus, setHandledFocus] = useState<string>();
  if (!focus && handledFocus !== undefined) setHandledFocus(undefined);
  if (focus === OPEN_CRITICALS.item && handledFocus !== focus) {
    // The open criticals, from the top bar or a summary notification.
    setHandledFocus(focus);
    setFilters(CRITICAL_FILTERS);
    setLimit(PAGE_SIZE);
    dispatch(focused({ view: 'alerts' }));
  }
  const focusRow = focus && focus !== handledFocus ? alerts.find((a) => a.alertKey === focus) : undefined;
  if (focus && focusRow) {
    // Adjusting state while rendering; a row not here yet (a snapshot on its way) waits.
    setHandledFocus(focus);
    const list = matches(focusRow) ? filtered : alerts;
    if (!matches(focusRow)) setFilters(NO_FILTERS);
    const index = list.findIndex((a) => a.alertKey === focus);
    const nextLimit = index >= limit ? Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE : limit;
    setLimit(nextLimit);
    hold.release(list.slice(0, nextLimit));
    setHighlight(focus);
  }

  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  useEffect(() => {
    if (!highlight) return;
    // Handled: a later request for the same alert counts again.
    dispatch(focused({ view: 'alerts' }));
    const el = rowRefs.current.get(highlight);
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    el?.focus({ preventScroll: true });
    const h = window.setTimeout(() => setHighlight(undefined), HIGHLIGHT_MS);
    return () => window.clearTimeout(h);
  }, [highlight, dispatch]);

  const setRowRef = useCallback((key: string, el: HTMLLIElement | null) => {
    if (el) rowRefs.current.set(key, el);
    else rowRefs.current.delete(key);
  }, []);

  // --- actions -----------------------------------------------------------------------------------
  const acknowledge = useCallback(
    (keys: string[]) => {
      for (const alertKey of keys) void dispatch(act({ type: 'ALERT_ACK', alertKey }));
    },
    [dispatch],
  );
  const snooze = useCallback(
    (keys: string[], option: SnoozeOption) => {
      const minutes = snoozeMinutes(option, Date.now());
      for (const alertKey of keys) void dispatch(act({ type: 'ALERT_SNOOZE', alertKey, minutes }));
    },
    [dispatch],
  );
  const toggle = useCallback((key: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const ackable = shownSelected.filter((a) => a.state === 'open');
  const snoozable = shownSelected.filter((a) => a.state !== 'resolved');
  const allShownSelected = shown.length > 0 && shownSelected.length === shown.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = shownSelected.length > 0 && !allShownSelected;
  });

  const bulkAck = () => {
    acknowledge(ackable.map((a) => a.alertKey));
    setStatus(t('alertsView.bulk.acked', { count: ackable.length }));
    setSelected(new Set());
  };
  const bulkSnooze = (option: SnoozeOption) => {
    snooze(
      snoozable.map((a) => a.alertKey),
      option,
    );
    setStatus(t('alertsView.bulk.snoozed', { count: snoozable.length }));
    setSelected(new Set());
  };

  // The one count the nav badge, the tray and the OS badge show too.
  const counts = useAppSelector(selectAlertCounts);
  // What the alert is about, on a screen this role has (else the alert itself).
  const open = useCallback(
    (a: AlertRow) => openTarget(dispatch, targetOfAlert(a.type, a.alertKey, role)),
    [dispatch, role],
  );

  const statusOf = (key: string): TrackedAction | undefined => {
    const k = actionBySubject[key];
    return k ? actionsByKey[k] : undefined;
  };

  return (
    <section className="screen ops-screen alerts-screen" aria-labelledby="screen-title">
      <header className="ops-screen-head">
        <h1 id="screen-title">{t('alertsView.title')}</h1>
        <p className="ops-screen-sub" data-testid="alerts-summary">
          {t('alertsView.summary', {
            open: openTotal(counts),
            critical: counts.open.critical,
            unread: unreadTotal(counts),
          })}
        </p>
      </header>

      <AlertFilterBar filters={filters} channels={channels} onChange={changeFilters} />

      <div className="alerts-bulk" role="group" aria-label={t('alertsView.bulk.label')}>
        <label className="alerts-select-all">
          <input
            ref={selectAll}
            type="checkbox"
            checked={allShownSelected}
            disabled={shown.length === 0}
            onChange={(e) =>
              setSelected((prev) => {
                const next = new Set(prev);
                for (const a of shown) {
                  if (e.target.checked) next.add(a.alertKey);
                  else next.delete(a.alertKey);
                }
                return next;
              })
            }
            data-testid="alerts-select-all"
          />
          {t('alertsView.bulk.selectAll')}
        </label>
        <span className="alerts-selected-count" aria-live="polite">
          {t('alertsView.bulk.selected', { count: shownSelected.length })}
        </span>
        <button
          type="button"
          className="ops-btn ops-btn--primary"
          disabled={ackable.length === 0}
          onClick={bulkAck}
          data-testid="alerts-bulk-ack"
        >
          {t('alertsView.bulk.acknowledge', { count: ackable.length })}
        </button>
        <SnoozeMenu
          label={t('alertsView.bulk.snooze')}
          text={t('alertsView.bulk.snooze')}
          disabled={snoozable.length === 0}
          onSnooze={bulkSnooze}
        />
        {shownSelected.length > 0 && (
          <button type="button" className="ops-link" onClick={() => setSelected(new Set())}>
            {t('alertsView.bulk.clear')}
          </button>
        )}
        {/* Where the count of shown alerts is, so saying it moves nothing. */}
        <HeldNotice
          changed={hold.changed}
          className="alerts-showing"
          testId="alerts-held"
          critical={hold.addedUrgent > 0}
          text={
            hold.addedUrgent > 0
              ? t('alertsView.held.critical', { count: hold.addedUrgent, added: hold.added })
              : hold.added > 0
                ? t('alertsView.held.added', { count: hold.added })
                : t('alertsView.held.moved')
          }
          announce={hold.addedUrgent > 0 ? t('alertsView.held.criticalAnnounce') : t('alertsView.held.announce')}
        />
        {!hold.changed && (
          <span className="alerts-showing">
            {t('alertsView.filters.showing', { shown: live.length, total: filtered.length })}
          </span>
        )}
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>

      {alerts.length === 0 ? (
        <p className="ops-empty alerts-empty">
          <StatusIcon shape="check" />
          {t('alertsView.empty')}
        </p>
      ) : shown.length === 0 ? (
        <p className="ops-empty alerts-empty">
          {t('alertsView.noMatch')}{' '}
          <button type="button" className="ops-link" onClick={() => changeFilters(NO_FILTERS)}>
            {t('alertsView.filters.clear')}
          </button>
        </p>
      ) : (
        <div className="alerts-list-region" {...hold.regionProps}>
          <ul className="alerts-list" aria-label={t('alertsView.listLabel')} data-testid="alerts-list">
            {shown.map((a) => (
              <AlertItem
                key={a.alertKey}
                alert={a}
                now={now}
                lang={lang}
                selected={selected.has(a.alertKey)}
                highlighted={highlight === a.alertKey}
                action={statusOf(a.alertKey)}
                onToggle={toggle}
                onAck={acknowledge}
                onSnooze={snooze}
                onOpen={open}
                setRef={setRowRef}
              />
            ))}
          </ul>
        </div>
      )}
      {filtered.length > live.length && (
        <button
          type="button"
          className="ops-btn alerts-more"
          onClick={() => {
            setLimit((l) => l + PAGE_SIZE);
            setReadPass((n) => n + 1);
          }}
        >
          {t('alertsView.more', { count: filtered.length - live.length })}
        </button>
      )}
      <AlertHistory />
    </section>
  );
}
