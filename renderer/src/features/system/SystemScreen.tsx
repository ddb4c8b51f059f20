// The system screen: marketplace API health as a grid (marketplace × component: healthy, error or
// rate limited, with HTTP status and time), the open problems with their messages, and sync lag
// overall and per marketplace against the 5 and 15 minute thresholds.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKETPLACES, type SystemAlertPayload } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { formatDateTime } from '../../format';
import type { Column } from '../../ui/DataTable';
import type { Look } from '../../ui/look';
import { OpsScreen } from '../../ui/OpsScreen';
import { Panel, PanelScroll } from '../../ui/Panel';
import { Pill } from '../../ui/Pill';
import { StatusIcon } from '../../ui/StatusIcon';
import { SummaryTiles } from '../../ui/SummaryTiles';
import { listTexts, TablePanel } from '../../ui/TablePanel';
import { TimeAgo } from '../../ui/TimeAgo';
import { byAttr, useFocusRow } from '../../ui/useFocusRow';
import { useNow } from '../../ui/useNow';
import { kindLabel } from '../alerts/describe';
import {
  LAG_CRITICAL_SEC,
  LAG_WARN_SEC,
  healthSelectors,
  lagLevel,
  type HealthRow,
  type LagLevel,
} from './systemSlice';
import './system.css';

export const COMPONENTS: readonly SystemAlertPayload['component'][] = ['orders', 'stock', 'price', 'webhook', 'queue'];

type CellState = 'ok' | 'error' | 'limited' | 'unknown';

export function cellState(r: HealthRow | undefined): CellState {
  if (!r) return 'unknown';
  if (r.healthy) return 'ok';
  return r.last.kind === 'RATE_LIMITED' ? 'limited' : 'error';
}

const CELL_LOOK: Record<CellState, Look> = {
  ok: { tone: 'ok', icon: 'check' },
  error: { tone: 'bad', icon: 'cross' },
  limited: { tone: 'warn', icon: 'clock' },
  unknown: { tone: 'muted', icon: 'dash' },
};

const LAG_LOOK: Record<LagLevel, Look> = {
  ok: { tone: 'ok', icon: 'check' },
  warning: { tone: 'warn', icon: 'triangle' },
  critical: { tone: 'critical', icon: 'octagon' },
};

type Translate = ReturnType<typeof useTranslation>['t'];

export function formatDuration(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('systemView.duration.seconds', { s });
  if (s < 3600) return t('systemView.duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('systemView.duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function SystemScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useAppSelector((s) => healthSelectors.selectAll(s.system));
  const syncLag = useAppSelector((s) => s.system.syncLag);
  const syncLagAt = useAppSelector((s) => s.system.syncLagAt);
  const now = useNow(30_000);
  // A notification or an alert about a marketplace's component: its problem row, else its cell.
  useFocusRow('system', (key) => [byAttr('data-health-key', key), byAttr('data-cell', key)]);

  const byKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const places = useMemo(
    () => [...MARKETPLACES, ...(rows.some((r) => r.marketplace === undefined) ? (['all'] as const) : [])],
    [rows],
  );
  const problems = useMemo(
    () => rows.filter((r) => !r.healthy).sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    [rows],
  );
  const errors = problems.filter((r) => cellState(r) === 'error').length;
  const limited = problems.filter((r) => cellState(r) === 'limited').length;
  const healthy = rows.length - problems.length;
  const overall = syncLag['*'];
  const perMarket = Object.entries(syncLag)
    .filter(([k]) => k !== '*')
    .sort((a, b) => b[1] - a[1]);
  const placeName = (p: string) => (p === 'all' ? t('systemView.health.general') : t(`marketplace.${p}`));
  const issueColumns = useIssueColumns(placeName, now);

  return (
    <OpsScreen className="system-screen" title={t('systemView.title')} subtitle={t('systemView.subtitle')}>
      <SummaryTiles
        label={t('systemView.tiles.label')}
        tiles={[
          {
            id: 'errors',
            label: t('systemView.tiles.errors'),
            count: errors,
            tone: errors > 0 ? 'bad' : 'muted',
            icon: 'cross',
          },
          {
            id: 'limited',
            label: t('systemView.tiles.limited'),
            count: limited,
            tone: limited > 0 ? 'warn' : 'muted',
            icon: 'clock',
          },
          { id: 'healthy', label: t('systemView.tiles.healthy'), count: healthy, tone: 'ok', icon: 'check' },
          {
            id: 'lag',
            label: t('systemView.tiles.lag'),
            value: overall === undefined ? t('systemView.tiles.lagUnknown') : formatDuration(overall, t),
            tone: overall === undefined ? 'muted' : LAG_LOOK[lagLevel(overall)].tone,
            icon: overall === undefined ? 'dash' : LAG_LOOK[lagLevel(overall)].icon,
            hint: overall === undefined ? undefined : t(`systemView.lag.level.${lagLevel(overall)}`),
          },
        ]}
      />

      <Panel id="health" title={t('systemView.health.title')} description={t('systemView.health.description')}>
        <PanelScroll panelId="health">
          <table className="ops-table system-grid">
            <thead>
              <tr>
                <th scope="col">{t('systemView.health.marketplace')}</th>
                {COMPONENTS.map((c) => (
                  <th scope="col" key={c}>
                    {t(`alertsView.component.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {places.map((p) => (
                <tr key={p}>
                  <th scope="row">{placeName(p)}</th>
                  {COMPONENTS.map((c) => {
                    const r = byKey.get(`${p}:${c}`);
                    const state = cellState(r);
                    const look = CELL_LOOK[state];
                    return (
                      <td
                        key={c}
                        className="system-cell"
                        data-cell={`${p}:${c}`}
                        data-state={state}
                        data-tone={look.tone}
                        title={
                          r ? `${r.last.message} · ${formatDateTime(r.at, lang)}` : t('systemView.health.state.unknown')
                        }
                      >
                        <span className="system-cell-state">
                          <StatusIcon shape={look.icon} />
                          <span className={state === 'unknown' ? 'sr-only' : undefined}>
                            {t(`systemView.health.state.${state}`)}
                          </span>
                        </span>
                        {r && !r.healthy && <span className="system-cell-kind">{kindLabel(t, r.last.kind)}</span>}
                        {r?.last.httpStatus !== undefined && (
                          <span className="ops-sub">{t('systemView.health.http', { status: r.last.httpStatus })}</span>
                        )}
                        {r && (
                          <span className="ops-sub">
                            <TimeAgo at={r.at} now={now} />
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </PanelScroll>
      </Panel>

      <TablePanel
        {...listTexts(t, 'system', 'issues')}
        tone={problems.length > 0 ? 'bad' : undefined}
        columns={issueColumns}
        rows={problems}
        rowKey={(r) => r.key}
        rowAttributes={(r) => ({ 'data-health-key': r.key })}
      />

      <Panel
        id="lag"
        className="system-lag"
        title={t('systemView.lag.title')}
        description={t('systemView.lag.description')}
      >
        {overall === undefined && perMarket.length === 0 ? (
          <p className="ops-empty">{t('systemView.lag.empty')}</p>
        ) : (
          <ul className="system-lag-list" aria-label={t('systemView.lag.listLabel')}>
            {overall !== undefined && (
              <LagRow
                scope="*"
                name={t('systemView.lag.overall')}
                seconds={overall}
                at={syncLagAt['*']}
                now={now}
                overall
              />
            )}
            {perMarket.map(([m, sec]) => (
              <LagRow key={m} scope={m} name={placeName(m)} seconds={sec} at={syncLagAt[m]} now={now} />
            ))}
          </ul>
        )}
      </Panel>
    </OpsScreen>
  );
}

/** The open problems: where, what kind, the HTTP status or error code, the message, and when. */
function useIssueColumns(placeName: (place: string) => string, now: number): Column<HealthRow>[] {
  const { t } = useTranslation();
  return [
    {
      id: 'where',
      header: t('systemView.issues.col.where'),
      cell: (r) => (
        <>
          <span className="ops-strong">{placeName(r.marketplace ?? 'all')}</span>
          <span className="ops-sub">{t(`alertsView.component.${r.component}`)}</span>
        </>
      ),
    },
    {
      id: 'problem',
      header: t('systemView.issues.col.problem'),
      cell: (r) => {
        const look = CELL_LOOK[cellState(r)];
        return (
          <Pill tone={look.tone} icon={look.icon}>
            {kindLabel(t, r.last.kind)}
          </Pill>
        );
      },
    },
    {
      id: 'code',
      header: t('systemView.issues.col.code'),
      cell: (r) => (
        <>
          {r.last.httpStatus !== undefined ? <span className="ops-strong">{r.last.httpStatus}</span> : '—'}
          {r.last.errorCode && <span className="ops-sub">{r.last.errorCode}</span>}
        </>
      ),
    },
    {
      id: 'message',
      header: t('systemView.issues.col.message'),
      className: 'system-message',
      cell: (r) => (
        <>
          {r.last.message}
          {r.last.retryAfterSec !== undefined && (
            <span className="ops-sub">{t('systemView.issues.retryAfter', { seconds: r.last.retryAfterSec })}</span>
          )}
          {r.last.queueDepth !== undefined && (
            <span className="ops-sub">{t('systemView.issues.queue', { count: r.last.queueDepth })}</span>
          )}
          {r.last.traceId && (
            <span className="ops-sub" title={r.last.traceId}>
              {t('systemView.issues.trace', {
                id: r.last.traceId.length > 12 ? `${r.last.traceId.slice(0, 8)}…` : r.last.traceId,
              })}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'at',
      header: t('systemView.issues.col.at'),
      cell: (r) => (
        <>
          <TimeAgo at={r.at} now={now} />
          {r.last.lastSuccessAt && (
            <span className="ops-sub">
              {t('systemView.issues.col.lastSuccess')}: <TimeAgo at={r.last.lastSuccessAt} now={now} />
            </span>
          )}
        </>
      ),
    },
  ];
}

const BAR_MAX_SEC = LAG_CRITICAL_SEC * 1.4;

function LagRow({
  scope,
  name,
  seconds,
  at,
  now,
  overall,
}: {
  scope: string;
  name: string;
  seconds: number;
  at?: string;
  now: number;
  overall?: boolean;
}) {
  const { t } = useTranslation();
  const level = lagLevel(seconds);
  const look = LAG_LOOK[level];
  return (
    <li
      className={`system-lag-row${overall ? ' is-overall' : ''}`}
      data-lag-scope={scope}
      data-level={level}
      data-tone={look.tone}
    >
      <span className="system-lag-name">{name}</span>
      <span className="system-lag-bar" aria-hidden="true">
        <span className="system-lag-fill" style={{ width: `${Math.min(1, seconds / BAR_MAX_SEC) * 100}%` }} />
        <span className="system-lag-mark" style={{ left: `${(LAG_WARN_SEC / BAR_MAX_SEC) * 100}%` }} />
        <span className="system-lag-mark" style={{ left: `${(LAG_CRITICAL_SEC / BAR_MAX_SEC) * 100}%` }} />
      </span>
      <span className="system-lag-value">{formatDuration(seconds, t)}</span>
      <Pill tone={look.tone} icon={look.icon}>
        {t(`systemView.lag.level.${level}`)}
      </Pill>
      <span className="ops-sub system-lag-at">
        {at && (
          <>
            {t('systemView.lag.measured')} <TimeAgo at={at} now={now} />
          </>
        )}
      </span>
    </li>
  );
}
