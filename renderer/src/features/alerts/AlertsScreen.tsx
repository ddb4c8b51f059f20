// The alert centre: the history of alerts (newest first) with filters by priority, channel, state
// and free text; acknowledge and snooze one alert or many (checkboxes, "select all shown");
// opening the centre marks the shown unread alerts read; a notification that points at an alert
// (ui.focus) brings it into view and highlights it.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, ROLE_CHANNELS, type Priority } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { formatDateTime, formatNear } from '../../format';
import { act, type TrackedAction } from '../actions/actionsSlice';
import { focused } from '../ui/uiSlice';
import { alertsSelectors, type AlertRow } from './alertsSlice';
import { detailOf, kindLabel, searchTextOf, subjectOf, subjectPartsOf } from './describe';
import { PRIORITY_ICON } from '../../ui/look';
import { Pill } from '../../ui/Pill';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { StatusIcon } from '../../ui/StatusIcon';
import { TimeAgo } from '../../ui/TimeAgo';
import { useNow } from '../../ui/useNow';
import { snoozeMinutes, type SnoozeOption } from './snooze';
import { SnoozeMenu } from './SnoozeMenu';
import './alerts.css';

/** Channels that carry alerts, in the order the filter lists them. */
export const ALERT_CHANNELS = ['orders', 'inventory', 'prices', 'system', 'global'] as const;
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
type AlertState = (typeof ALERT_STATES)[number];

export const PAGE_SIZE = 100;
/** Alerts shown at opening are marked read after this settle time (a batch per 200). */
export const READ_DELAY_MS = 400;
const READ_BATCH = 200;
const HIGHLIGHT_MS = 4000;

export interface AlertFilters {
  text: string;
  priorities: Priority[];
  channel: string;
  state: AlertState | 'all';
}

export const NO_FILTERS: AlertFilters = { text: '', priorities: [], channel: 'all', state: 'all' };

const isFiltered = (f: AlertFilters) =>
  f.text.trim() !== '' || f.priorities.length > 0 || f.channel !== 'all' || f.state !== 'all';

type Translate = ReturnType<typeof useTranslation>['t'];

function matcher(f: AlertFilters, t: Translate, lang: string): (a: AlertRow) => boolean {
  const words = f.text.trim().toLocaleLowerCase('tr').split(/\s+/).filter(Boolean);
  return (a) =>
    (f.priorities.length === 0 || f.priorities.includes(a.priority)) &&
    (f.channel === 'all' || a.channel === f.channel) &&
    (f.state === 'all' || a.state === f.state) &&
    (words.length === 0 || ((text) => words.every((w) => text.includes(w)))(searchTextOf(t, a, lang)));
}

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
  const shown = useMemo(() => filtered.slice(0, limit), [filtered, limit]);
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
  const focusRow = focus && focus !== handledFocus ? alerts.find((a) => a.alertKey === focus) : undefined;
  if (focus && focusRow) {
    // Adjusting state while rendering; a row not here yet (a snapshot on its way) waits.
    setHandledFocus(focus);
    const list = matches(focusRow) ? filtered : alerts;
    if (!matches(focusRow)) setFilters(NO_FILTERS);
    const index = list.findIndex((a) => a.alertKey === focus);
    if (index >= limit) setLimit(Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE);
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

  const open = alerts.filter((a) => a.state === 'open');
  const criticalOpen = open.filter((a) => a.priority === 'critical').length;
  const unread = alerts.filter((a) => !a.read && a.state !== 'resolved').length;

  const statusOf = (key: string): TrackedAction | undefined => {
    const k = actionBySubject[key];
    return k ? actionsByKey[k] : undefined;
  };

  return (
    <section className="screen ops-screen alerts-screen" aria-labelledby="screen-title">
      <header className="ops-screen-head">
        <h1 id="screen-title">{t('alertsView.title')}</h1>
        <p className="ops-screen-sub" data-testid="alerts-summary">
          {t('alertsView.summary', { open: open.length, critical: criticalOpen, unread })}
        </p>
      </header>

      <div className="alerts-filters ops-toolbar" role="search" aria-label={t('alertsView.filters.label')}>
        <label className="ops-field">
          {t('alertsView.filters.search')}
          <input
            type="search"
            value={filters.text}
            placeholder={t('alertsView.filters.searchPlaceholder')}
            onChange={(e) => changeFilters({ text: e.target.value })}
            data-testid="alerts-search"
          />
        </label>
        <fieldset className="alerts-priority-filter">
          <legend>{t('alertsView.filters.priority')}</legend>
          {PRIORITIES.map((p) => (
            <label key={p} className="alerts-chip" data-priority={p}>
              <input
                type="checkbox"
                checked={filters.priorities.includes(p)}
                onChange={(e) =>
                  changeFilters({
                    priorities: e.target.checked
                      ? [...filters.priorities, p]
                      : filters.priorities.filter((x) => x !== p),
                  })
                }
              />
              <StatusIcon shape={PRIORITY_ICON[p]} />
              {t(`alertsView.priority.${p}`)}
            </label>
          ))}
        </fieldset>
        <label className="ops-field">
          {t('alertsView.filters.channel')}
          <select value={filters.channel} onChange={(e) => changeFilters({ channel: e.target.value })}>
            <option value="all">{t('alertsView.filters.all')}</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`alertsView.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="ops-field">
          {t('alertsView.filters.state')}
          <select
            value={filters.state}
            onChange={(e) => changeFilters({ state: e.target.value as AlertFilters['state'] })}
          >
            <option value="all">{t('alertsView.filters.all')}</option>
            {ALERT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`alertsView.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {isFiltered(filters) && (
          <button type="button" className="ops-btn" onClick={() => changeFilters(NO_FILTERS)}>
            {t('alertsView.filters.clear')}
          </button>
        )}
      </div>

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
        <span className="alerts-showing">
          {t('alertsView.filters.showing', { shown: shown.length, total: filtered.length })}
        </span>
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>

      {alerts.length === 0 ? (
        <p className="ops-empty alerts-empty">
          <StatusIcon shape="check" />
          {t('alertsView.empty')}
        </p>
      ) : filtered.length === 0 ? (
        <p className="ops-empty alerts-empty">
          {t('alertsView.noMatch')}{' '}
          <button type="button" className="ops-link" onClick={() => changeFilters(NO_FILTERS)}>
            {t('alertsView.filters.clear')}
          </button>
        </p>
      ) : (
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
              setRef={setRowRef}
            />
          ))}
        </ul>
      )}
      {filtered.length > shown.length && (
        <button
          type="button"
          className="ops-btn alerts-more"
          onClick={() => {
            setLimit((l) => l + PAGE_SIZE);
            setReadPass((n) => n + 1);
          }}
        >
          {t('alertsView.more', { count: filtered.length - shown.length })}
        </button>
      )}
    </section>
  );
}

interface ItemProps {
  alert: AlertRow;
  now: number;
  lang: string;
  selected: boolean;
  highlighted: boolean;
  action?: TrackedAction;
  onToggle: (key: string, on: boolean) => void;
  onAck: (keys: string[]) => void;
  onSnooze: (keys: string[], option: SnoozeOption) => void;
  setRef: (key: string, el: HTMLLIElement | null) => void;
}

const AlertItem = memo(function AlertItem({
  alert: a,
  now,
  lang,
  selected,
  highlighted,
  action,
  onToggle,
  onAck,
  onSnooze,
  setRef,
}: ItemProps) {
  const { t } = useTranslation();
  const kind = kindLabel(t, a.kind);
  const subject = subjectOf(t, a);
  const parts = subjectPartsOf(t, a);
  const detail = detailOf(t, a, lang);
  const what = `${kind} ${subject}`;
  const titleId = `alert-${a.alertKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const snoozed = a.snoozedUntil !== undefined && Date.parse(a.snoozedUntil) > now;
  const pending = action?.status === 'queued';
  const stateTone = a.state === 'open' ? 'muted' : a.state === 'acknowledged' ? 'info' : 'ok';
  const stateIcon = a.state === 'open' ? 'dash' : 'check';
  return (
    <li
      ref={(el) => setRef(a.alertKey, el)}
      className={`alerts-row${a.read ? '' : ' is-unread'}${highlighted ? ' is-highlighted' : ''}${
        selected ? ' is-selected' : ''
      }`}
      data-alert-key={a.alertKey}
      data-priority={a.priority}
      data-state={a.state}
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <input
        type="checkbox"
        className="alerts-row-check"
        checked={selected}
        onChange={(e) => onToggle(a.alertKey, e.target.checked)}
        aria-label={t('alertsView.row.select', { what })}
      />
      <div className="alerts-row-main">
        <div className="alerts-row-head">
          <PriorityBadge priority={a.priority} />
          <span className="alerts-row-title" id={titleId}>
            <strong className="alerts-kind">{kind}</strong>
            {parts.where && <span className="alerts-where">{parts.where}</span>}
            {parts.code && <span className="alerts-subject">{parts.code}</span>}
          </span>
          {a.count > 1 && (
            <span className="alerts-count" title={t('alertsView.row.countLabel', { count: a.count })}>
              <span aria-hidden="true">{t('alertsView.row.count', { count: a.count })}</span>
              <span className="sr-only">{t('alertsView.row.countLabel', { count: a.count })}</span>
            </span>
          )}
          {!a.read && (
            <span className="alerts-unread-dot">
              <span className="sr-only">{t('alertsView.row.unread')}</span>
            </span>
          )}
        </div>
        {detail && <p className="alerts-detail">{detail}</p>}
        <div className="alerts-meta">
          <Pill tone={stateTone} icon={stateIcon}>
            {t(`alertsView.state.${a.state}`)}
          </Pill>
          {a.state === 'acknowledged' && a.ackedBy && (
            <span className="alerts-acked" data-testid="acked-by">
              {t('alertsView.row.ackedBy', { name: a.ackedBy.name })}
              {a.ackedAt && (
                <>
                  {' · '}
                  <TimeAgo at={a.ackedAt} now={now} />
                </>
              )}
            </span>
          )}
          {a.state === 'resolved' && a.resolvedAt && <TimeAgo at={a.resolvedAt} now={now} />}
          {snoozed && a.snoozedUntil && (
            <Pill tone="muted" icon="clock">
              <span data-testid="snoozed-until" title={formatDateTime(a.snoozedUntil, lang)}>
                {t('alertsView.row.snoozedUntil', { until: formatNear(a.snoozedUntil, now, lang) })}
              </span>
            </Pill>
          )}
          <span className="alerts-channel">{t(`alertsView.channel.${a.channel}`, { defaultValue: a.channel })}</span>
          <span className="alerts-seen">
            <span className="sr-only">{t('alertsView.row.lastSeen')} </span>
            <TimeAgo
              at={a.lastSeenAt}
              now={now}
              prefix={`${t('alertsView.row.firstSeen', { at: formatDateTime(a.firstSeenAt, lang) })} ·`}
            />
          </span>
          {pending && <span className="alerts-pending">{t('alertsView.row.sending')}</span>}
          {action?.status === 'refused' && (
            <span className="alerts-refused" role="alert">
              {t('alertsView.row.refused', { message: action.error?.message ?? action.error?.code ?? '' })}
            </span>
          )}
        </div>
      </div>
      <div className="alerts-row-actions">
        {a.state === 'open' && (
          <button
            type="button"
            className="ops-btn ops-btn--small ops-btn--primary"
            aria-label={t('alertsView.row.acknowledgeLabel', { what })}
            onClick={() => onAck([a.alertKey])}
          >
            {t('alertsView.row.acknowledge')}
          </button>
        )}
        {a.state !== 'resolved' && (
          <SnoozeMenu
            small
            label={t('alertsView.row.snoozeLabel', { what })}
            text={t('alertsView.row.snooze')}
            onSnooze={(o) => onSnooze([a.alertKey], o)}
          />
        )}
      </div>
    </li>
  );
});
