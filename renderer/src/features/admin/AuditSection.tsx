// The admin console's audit log: newest first, filtered by action and user, paged back by cursor.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAuditEntry, type ErrorPayload } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { formatDateTime } from '../../format';
import type { Column } from '../../ui/DataTable';
import { Panel } from '../../ui/Panel';
import { ReadError, actErrorText } from './adminActions';
import { AdminTable } from './AdminTable';
import { payloadOf, useAdminView } from './useAdminView';

export function AuditSection() {
  const { t, i18n } = useTranslation();
  const state = useAdminView('audit');
  const [older, setOlder] = useState<{ items: AdminAuditEntry[]; cursor?: string; from?: string }>({ items: [] });
  const [filter, setFilter] = useState({ action: '', user: '' });
  const [pageError, setPageError] = useState<ErrorPayload>();
  // Older pages follow the first page as it was when they were asked for.
  const cursor = older.from === undefined ? state.data?.nextCursor : older.cursor;
  const more = async () => {
    if (!cursor) return;
    try {
      const res = await getBridge().adminRead('audit', { before: cursor, limit: 100 });
      if (res.view !== 'audit') return;
      setPageError(undefined);
      setOlder((o) => ({ items: [...o.items, ...res.data.items], cursor: res.data.nextCursor, from: cursor }));
    } catch (err) {
      setPageError(payloadOf(err));
    }
  };
  const seen = new Set<string>();
  const all = [...(state.data?.items ?? []), ...older.items].filter((e) => !seen.has(e.id) && !!seen.add(e.id));
  const action = filter.action.trim().toLowerCase();
  const user = filter.user.trim().toLowerCase();
  const rows = all.filter(
    (e) =>
      (!action || e.action.toLowerCase().includes(action)) &&
      (!user || [e.username, e.userId, e.subject].some((v) => v?.toLowerCase().includes(user))),
  );
  const columns: Column<AdminAuditEntry>[] = [
    { id: 'at', header: t('adminView.manage.audit.col.at'), cell: (e) => formatDateTime(e.at, i18n.language) },
    { id: 'action', header: t('adminView.manage.audit.col.action'), cell: (e) => <code>{e.action}</code> },
    {
      id: 'outcome',
      header: t('adminView.manage.audit.col.outcome'),
      cell: (e) => t(`adminView.manage.audit.outcome.${e.outcome}`),
    },
    { id: 'user', header: t('adminView.manage.audit.col.user'), cell: (e) => e.username ?? e.userId ?? '' },
    { id: 'subject', header: t('adminView.manage.audit.col.subject'), cell: (e) => e.subject ?? '' },
    { id: 'address', header: t('adminView.manage.audit.col.address'), cell: (e) => e.address ?? '' },
  ];
  return (
    <Panel
      id="admin-audit"
      title={t('adminView.manage.audit.title')}
      description={t('adminView.manage.audit.description')}
    >
      <div className="admin-filters">
        <label>
          {t('adminView.manage.audit.filterAction')}
          <input
            type="search"
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
          />
        </label>
        <label>
          {t('adminView.manage.audit.filterUser')}
          <input type="search" value={filter.user} onChange={(e) => setFilter({ ...filter, user: e.target.value })} />
        </label>
      </div>
      <ReadError state={state} />
      {state.data && (
        <AdminTable
          panelId="admin-audit"
          columns={columns}
          rows={rows}
          rowKey={(e) => e.id}
          rowAttributes={(e) => ({ 'data-action': e.action })}
        />
      )}
      {pageError && (
        <p className="admin-error" role="alert">
          {actErrorText(pageError, t)}
        </p>
      )}
      {state.data &&
        (cursor ? (
          <button type="button" onClick={() => void more()}>
            {t('adminView.manage.audit.older')}
          </button>
        ) : (
          <p className="admin-meta">{t('adminView.manage.audit.end')}</p>
        ))}
    </Panel>
  );
}
