// The admin console (admin role only): live connections on every node, the shared channels, the
// gateway's health, and (SessionsSection, UsersSection, AuditSection) sessions, users and the audit log. Each section reads its view from the gateway every few seconds while shown.
import { AdminTable } from './AdminTable';
import { useMemo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminConnection, AdminNode, AdminView, ErrorPayload } from '../../../../protocol';
import { formatNumber, formatTime } from '../../format';
import type { Column } from '../../ui/DataTable';
import { OpsScreen } from '../../ui/OpsScreen';
import { Panel } from '../../ui/Panel';
import { Pill } from '../../ui/Pill';
import { SearchField, searchMatcher } from '../../ui/SearchField';
import { StatusIcon } from '../../ui/StatusIcon';
import { TimeAgo } from '../../ui/TimeAgo';
import { formatDuration } from '../system/SystemScreen';
import { appOf } from './appOf';
import { AuditSection } from './AuditSection';
import { SessionsSection } from './SessionsSection';
import { UsersSection } from './UsersSection';
import { useAdminView, type AdminViewState } from './useAdminView';
import { useNow } from '../../ui/useNow';
import './admin.css';

const SECTIONS = ['connections', 'channels', 'health', 'sessions', 'users', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

type Translate = ReturnType<typeof useTranslation>['t'];

function reasonOf(error: ErrorPayload, t: Translate): string {
  const known = ['forbidden', 'unauthorized', 'unavailable'] as const;
  const code = known.find((c) => c === error.code);
  return t(`adminView.errors.${code ?? 'generic'}`);
}

/** When the view was read, and why it could not be read again. */
function Freshness({ state }: { state: Pick<AdminViewState<AdminView>, 'at' | 'error'> }) {
  const { t, i18n } = useTranslation();
  if (state.error && state.at === undefined) {
    return (
      <p className="admin-error" role="alert">
        <StatusIcon shape="cross" />
        {reasonOf(state.error, t)}
      </p>
    );
  }
  if (state.error && state.at !== undefined) {
    return (
      <p className="admin-stale" role="status">
        <StatusIcon shape="triangle" />
        {t('adminView.stale', { reason: reasonOf(state.error, t), time: formatTime(state.at, i18n.language) })}
      </p>
    );
  }
  return (
    <p className="admin-fresh" aria-live="off">
      {state.at === undefined
        ? t('adminView.refreshing')
        : t('adminView.refreshed', { time: formatTime(state.at, i18n.language) })}
    </p>
  );
}

function channelLabel(channel: string, t: Translate): string {
  return channel.startsWith('user-') ? t('adminView.channel.user') : t(`adminView.channel.${channel}`, channel);
}

function ConnectionsSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useAdminView('connections');
  const now = useNow(10_000);
  const [query, setQuery] = useState('');
  const all = useMemo(() => state.data?.connections ?? [], [state.data]);
  const rows = useMemo(() => {
    const matches = searchMatcher(query);
    return all.filter((c) => matches([c.name, c.address, c.node, c.view ?? '', c.client?.app ?? ''].join(' ')));
  }, [all, query]);
  const users = new Set(all.map((c) => c.userId)).size;
  const columns: Column<AdminConnection>[] = [
    {
      id: 'user',
      header: t('adminView.connections.col.user'),
      cell: (c) => (
        <>
          <span className="admin-user">{c.name}</span> <Pill tone="muted">{t(`adminView.role.${c.role}`)}</Pill>
        </>
      ),
    },
    {
      id: 'app',
      header: t('adminView.connections.col.app'),
      cell: (c) => <span title={c.userAgent}>{appOf(c, t)}</span>,
    },
    { id: 'address', header: t('adminView.connections.col.address'), className: 'mono', cell: (c) => c.address },
    { id: 'node', header: t('adminView.connections.col.node'), className: 'mono', cell: (c) => c.node },
    {
      id: 'rtt',
      header: t('adminView.connections.col.rtt'),
      numeric: true,
      cell: (c) =>
        c.rttMs === undefined
          ? t('adminView.connections.rttUnknown')
          : t('adminView.connections.ms', { value: formatNumber(c.rttMs, lang) }),
    },
    {
      id: 'channels',
      header: t('adminView.connections.col.channels'),
      cell: (c) => c.channels.map((ch) => channelLabel(ch, t)).join(', '),
    },
    {
      id: 'view',
      header: t('adminView.connections.col.view'),
      cell: (c) => (c.view ? t(`nav.${c.view}`, c.view) : '—'),
    },
    {
      id: 'since',
      header: t('adminView.connections.col.since'),
      cell: (c) => <TimeAgo at={c.connectedAt} now={now} />,
    },
  ];
  return (
    <Panel
      id="admin-connections"
      title={t('adminView.connections.title')}
      count={all.length}
      description={t('adminView.connections.description')}
    >
      <Freshness state={state} />
      {state.data && (
        <>
          <p className="admin-summary" data-testid="admin-connections-summary">
            {t('adminView.connections.summary', {
              connections: formatNumber(all.length, lang),
              users: formatNumber(users, lang),
              nodes: formatNumber(state.data.nodes.length, lang),
            })}
          </p>
          <div className="admin-toolbar">
            <SearchField
              label={t('adminView.connections.search')}
              placeholder={t('adminView.connections.searchPlaceholder')}
              value={query}
              onChange={setQuery}
            />
          </div>
          {rows.length === 0 ? (
            <p className="ops-empty">
              {all.length === 0 ? t('adminView.connections.empty') : t('adminView.connections.noMatch')}
            </p>
          ) : (
            <AdminTable
              panelId="admin-connections"
              columns={columns}
              rows={rows}
              rowKey={(c) => c.socketId}
              rowAttributes={(c) => ({ 'data-socket-id': c.socketId, 'data-role': c.role })}
            />
          )}
        </>
      )}
    </Panel>
  );
}

function ChannelsSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useAdminView('channels');
  type Row = NonNullable<typeof state.data>['channels'][number];
  const columns: Column<Row>[] = [
    {
      id: 'channel',
      header: t('adminView.channels.col.channel'),
      cell: (c) => (
        <>
          {channelLabel(c.channel, t)} <code className="admin-code">{c.channel}</code>
        </>
      ),
    },
    {
      id: 'subscribers',
      header: t('adminView.channels.col.subscribers'),
      numeric: true,
      cell: (c) => formatNumber(c.subscribers, lang),
    },
    {
      id: 'rate',
      header: t('adminView.channels.col.rate'),
      numeric: true,
      cell: (c) =>
        c.eventsPerSecond === undefined
          ? t('adminView.channels.rateUnknown')
          : formatNumber(c.eventsPerSecond, lang, 1),
    },
    {
      id: 'head',
      header: t('adminView.channels.col.head'),
      numeric: true,
      cell: (c) => formatNumber(c.head.offset, lang),
    },
    {
      id: 'retention',
      header: t('adminView.channels.col.retention'),
      numeric: true,
      cell: (c) => formatNumber(c.retentionEvents, lang),
    },
  ];
  return (
    <Panel id="admin-channels" title={t('adminView.channels.title')} description={t('adminView.channels.description')}>
      <Freshness state={state} />
      {state.data && (
        <AdminTable
          panelId="admin-channels"
          columns={columns}
          rows={state.data.channels}
          rowKey={(c) => c.channel}
          rowAttributes={(c) => ({ 'data-channel': c.channel })}
        />
      )}
    </Panel>
  );
}

function HealthSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useAdminView('health');
  const h = state.data;
  const columns: Column<AdminNode>[] = [
    { id: 'node', header: t('adminView.health.col.node'), className: 'mono', cell: (n) => n.node },
    {
      id: 'connections',
      header: t('adminView.health.col.connections'),
      numeric: true,
      cell: (n) => formatNumber(n.connections, lang),
    },
    {
      id: 'lag',
      header: t('adminView.health.col.lag'),
      numeric: true,
      cell: (n) => t('adminView.connections.ms', { value: formatNumber(n.eventLoopLagMs, lang, 1) }),
    },
    {
      id: 'memory',
      header: t('adminView.health.col.memory'),
      numeric: true,
      cell: (n) => t('adminView.health.mb', { value: formatNumber(n.rssBytes / 1024 / 1024, lang) }),
    },
    {
      id: 'uptime',
      header: t('adminView.health.col.uptime'),
      numeric: true,
      cell: (n) => formatDuration(n.uptimeSeconds, t),
    },
  ];
  return (
    <Panel id="admin-health" title={t('adminView.health.title')}>
      <Freshness state={state} />
      {h && (
        <>
          <p className="admin-ready" data-ready={h.ready} data-testid="admin-ready">
            <StatusIcon shape={h.ready ? 'check' : 'cross'} />
            {h.ready ? t('adminView.health.ready') : t('adminView.health.notReady')}
            {h.draining && <span> · {t('adminView.health.draining')}</span>}
          </p>
          <p className="admin-meta">
            {t(`adminView.health.mode.${h.mode}`)} · {t('adminView.health.version', { version: h.version })} ·{' '}
            {t('adminView.health.thisNode', { node: h.node })}
          </p>
          <h3>{t('adminView.health.checks')}</h3>
          <ul className="admin-checks">
            {Object.entries(h.checks).map(([name, ok]) => (
              <li key={name} data-check={name} data-ok={ok}>
                <StatusIcon shape={ok ? 'check' : 'cross'} />
                {t(`adminView.health.check.${name}`, name)}:{' '}
                {ok ? t('adminView.health.up') : t('adminView.health.down')}
              </li>
            ))}
          </ul>
          <h3>{t('adminView.health.nodes')}</h3>
          <AdminTable panelId="admin-health" columns={columns} rows={h.nodes} rowKey={(n) => n.node} />
        </>
      )}
    </Panel>
  );
}

const SECTION_VIEWS: Record<Section, ComponentType> = {
  connections: ConnectionsSection,
  channels: ChannelsSection,
  health: HealthSection,
  sessions: SessionsSection,
  users: UsersSection,
  audit: AuditSection,
};

export function AdminScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('connections');
  const Shown = SECTION_VIEWS[section];
  return (
    <OpsScreen className="admin" title={t('adminView.title')} subtitle={t('adminView.subtitle')}>
      <div className="admin-tabs" role="tablist" aria-label={t('adminView.tabs.label')}>
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            id={`admin-tab-${s}`}
            aria-selected={s === section}
            aria-controls="admin-section"
            tabIndex={s === section ? 0 : -1}
            onClick={() => setSection(s)}
            onKeyDown={(e) => {
              const i = SECTIONS.indexOf(section);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              const next = SECTIONS[(i + step + SECTIONS.length) % SECTIONS.length] as Section;
              setSection(next);
              document.getElementById(`admin-tab-${next}`)?.focus();
            }}
          >
            {t(`adminView.tabs.${s}`)}
          </button>
        ))}
      </div>
      <div id="admin-section" role="tabpanel" aria-labelledby={`admin-tab-${section}`}>
        <Shown />
      </div>
    </OpsScreen>
  );
}
