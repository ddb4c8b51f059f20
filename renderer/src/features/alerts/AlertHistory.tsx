// The alert history the gateway keeps (GET /v1/alerts): resolved and acknowledged alerts too, with
// who acknowledged them and when they ended, filtered by state, priority, words and period, and
// exportable. The live list above holds only what is open now.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertPage, PRIORITIES, type AlertHistoryItem } from '../../../../protocol';
import { formatDateTime, formatNumber } from '../../format';
import { ExportButton } from '../../ui/ExportButton';
import { useNow } from '../../ui/useNow';
import { useServerQuery } from '../../ui/useServerQuery';

const PERIODS = { day: 1, week: 7, month: 30 } as const;
type Period = keyof typeof PERIODS;
const STATES = ['all', 'open', 'acknowledged', 'resolved'] as const;

export function historyParams(
  f: { state: (typeof STATES)[number]; priority: string; q: string; period: Period },
  now: number,
): Record<string, string> {
  const params: Record<string, string> = {
    since: new Date(now - PERIODS[f.period] * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
  };
  if (f.state !== 'all') params.state = f.state;
  if (f.priority !== 'all') params.priority = f.priority;
  if (f.q.trim()) params.q = f.q.trim();
  return params;
}

/** Minutes are enough for "since": the request stays the same while the user reads. */
const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

export function AlertHistory() {
  const now = useNow(60_000);
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState({
    state: 'resolved' as (typeof STATES)[number],
    priority: 'all',
    q: '',
    period: 'week' as Period,
  });
  const at = minuteOf(now);
  const params = useMemo(() => historyParams(filters, at), [filters, at]);
  const request = useMemo(
    () => (open ? { resource: 'alerts' as const, params: { ...params, limit: '100' } } : undefined),
    [open, params],
  );
  const answer = useServerQuery(request, AlertPage);
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...patch }));
  const lang = i18n.language;
  const when = (iso?: string) => (iso ? formatDateTime(iso, lang) : '');
  const who = (a: AlertHistoryItem) =>
    [
      a.ackedBy ? t('alertsView.history.acked', { name: a.ackedBy.name, at: when(a.ackedAt) }) : '',
      a.resolvedAt
        ? t('alertsView.history.resolved', {
            name: a.resolvedBy?.name ?? t('alertsView.history.auto'),
            at: when(a.resolvedAt),
          })
        : '',
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <details className="alerts-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('alertsView.history.title')}</summary>
      <form className="alerts-history-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-state`}>{t('alertsView.history.state')}</label>
        <select id={`${id}-state`} value={filters.state} onChange={(e) => set({ state: e.target.value as never })}>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? t('alertsView.history.allStates') : t(`alertsView.state.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-priority`}>{t('alertsView.history.priority')}</label>
        <select id={`${id}-priority`} value={filters.priority} onChange={(e) => set({ priority: e.target.value })}>
          <option value="all">{t('alertsView.history.allPriorities')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`alertsView.priority.${p}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-period`}>{t('alertsView.history.period')}</label>
        <select id={`${id}-period`} value={filters.period} onChange={(e) => set({ period: e.target.value as Period })}>
          {(Object.keys(PERIODS) as Period[]).map((p) => (
            <option key={p} value={p}>
              {t(`alertsView.history.periods.${p}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-q`}>{t('alertsView.history.search')}</label>
        <input id={`${id}-q`} type="search" value={filters.q} onChange={(e) => set({ q: e.target.value })} />
        <ExportButton className="ops-btn" request={{ resource: 'alerts', params }} />
      </form>
      <p className="alerts-showing" data-testid="alert-history-count">
        {answer.loading
          ? t('alertsView.history.loading')
          : answer.error
            ? t('alertsView.history.failed')
            : answer.data?.totalCapped
              ? t('alertsView.history.countMore', { shown: formatNumber(answer.data.total, lang) })
              : t('alertsView.history.count', { count: answer.data?.total ?? 0 })}
      </p>
      <ul className="alerts-history-list" data-testid="alert-history">
        {(answer.data?.items ?? []).map((a) => (
          <li key={a.alertKey} data-alert-key={a.alertKey} data-state={a.state}>
            <strong>{a.title || a.alertKey}</strong> <span>{t(`alertsView.priority.${a.priority}`)}</span>{' '}
            <span>{t(`alertsView.state.${a.state}`)}</span>
            <div className="alerts-history-meta">
              {when(a.lastSeenAt)} {who(a)}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}
