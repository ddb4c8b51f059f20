// The admin console's open sessions: who is signed in, on which devices, since when; end one
// session, or all of a user's, after a confirm.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { Column } from '../../ui/DataTable';
import { Panel } from '../../ui/Panel';
import { ConfirmButton, ReadError } from './adminActions';
import { AdminTable } from './AdminTable';
import { appOf } from './appOf';
import { useAdminView } from './useAdminView';

export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const state = useAdminView('sessions');
  // The devices a session is connected from now, from the live connections view.
  const live = useAdminView('connections');
  const devices = (sessionId: string) =>
    (live.data?.connections ?? []).filter((c) => c.sessionId === sessionId).map((c) => `${appOf(c, t)} · ${c.address}`);
  type Row = NonNullable<typeof state.data>['items'][number];
  const columns: Column<Row>[] = [
    { id: 'user', header: t('adminView.manage.sessions.col.user'), cell: (s) => s.username },
    {
      id: 'device',
      header: t('adminView.manage.sessions.col.device'),
      cell: (s) => devices(s.sessionId).join(', ') || t('adminView.manage.sessions.notConnected'),
    },
    { id: 'session', header: t('adminView.manage.sessions.col.session'), cell: (s) => <code>{s.sessionId}</code> },
    {
      id: 'started',
      header: t('adminView.manage.sessions.col.started'),
      cell: (s) => formatDateTime(s.createdAt, i18n.language),
    },
    {
      id: 'actions',
      header: t('adminView.manage.sessions.col.actions'),
      cell: (s) => (
        <>
          <ConfirmButton
            label={t('adminView.manage.sessions.end')}
            question={t('adminView.manage.sessions.confirmEnd', { user: s.username })}
            action={{ kind: 'end-session', sessionId: s.sessionId }}
          />{' '}
          <ConfirmButton
            label={t('adminView.manage.sessions.endUser')}
            question={t('adminView.manage.sessions.confirmEndUser', { user: s.username })}
            action={{ kind: 'end-user-sessions', username: s.username }}
          />
        </>
      ),
    },
  ];
  return (
    <Panel
      id="admin-sessions"
      title={t('adminView.manage.sessions.title')}
      description={t('adminView.manage.sessions.description')}
    >
      <ReadError state={state} />
      {state.data && (
        <AdminTable
          panelId="admin-sessions"
          columns={columns}
          rows={state.data.items}
          rowKey={(s) => s.sessionId}
          rowAttributes={(s) => ({ 'data-session': s.sessionId, 'data-user': s.username })}
        />
      )}
    </Panel>
  );
}
