// The admin console's managing sections: open sessions (end one, or all of a user, after a
// confirm), users (add, disable or enable, new password, role) and the audit log (newest first,
// filtered, paged). Each action goes through the bridge; its outcome or error shows beside it.
import { AdminTable } from './AdminTable';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ROLES,
  type AdminAction,
  type AdminActResult,
  type AdminAuditEntry,
  type AdminUser,
  type ErrorPayload,
  type Role,
} from '../../../../protocol';
import { getBridge } from '../../bridge';
import { formatDateTime } from '../../format';
import type { Column } from '../../ui/DataTable';
import { Panel } from '../../ui/Panel';
import { appOf } from './appOf';
import { payloadOf, useAdminView, type AdminViewState } from './useAdminView';

type Translate = ReturnType<typeof useTranslation>['t'];

function actErrorText(error: ErrorPayload, t: Translate): string {
  const known = ['validation_failed', 'bad_request', 'not_found', 'forbidden', 'unavailable'] as const;
  const code = known.find((c) => c === error.code) ?? 'generic';
  return t(`adminView.manage.errors.${code}`, { message: error.message });
}

/** One place an action is made from: its busy state, and what came of it, shown right there. */
function useAct() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const [result, setResult] = useState<AdminActResult>();
  const run = async (action: AdminAction): Promise<AdminActResult | undefined> => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const res = await getBridge().adminAct(action);
      setResult(res);
      return res;
    } catch (err) {
      setError(payloadOf(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, result, run };
}

function Outcome({ act, done }: { act: ReturnType<typeof useAct>; done?: ReactNode }) {
  const { t } = useTranslation();
  if (act.error) {
    return (
      <p className="admin-error" role="alert">
        {actErrorText(act.error, t)}
      </p>
    );
  }
  if (act.result && done) {
    return (
      <p className="admin-done" role="status">
        {done}
      </p>
    );
  }
  return null;
}

function ReadError({ state }: { state: AdminViewState<'sessions' | 'users' | 'audit'> }) {
  const { t } = useTranslation();
  if (!state.error) return null;
  return (
    <p className="admin-error" role="alert">
      {actErrorText(state.error, t)}
    </p>
  );
}

/** A button that asks once more before it acts. */
function ConfirmButton({ label, question, action }: { label: string; question: string; action: AdminAction }) {
  const { t } = useTranslation();
  const act = useAct();
  const [asking, setAsking] = useState(false);
  return (
    <span className="admin-confirm">
      {asking ? (
        <span role="group" aria-label={question}>
          <span>{question}</span>{' '}
          <button
            type="button"
            className="danger"
            disabled={act.busy}
            onClick={() => void act.run(action).then(() => setAsking(false))}
          >
            {t('adminView.manage.sessions.confirm')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('adminView.manage.sessions.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {label}
        </button>
      )}
      <Outcome act={act} done={t('adminView.manage.sessions.ended', { count: act.result?.ended ?? 0 })} />
    </span>
  );
}

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

function RoleSelect({
  id,
  value,
  onChange,
  label,
}: {
  id: string;
  value: Role;
  onChange: (r: Role) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`adminView.role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function UserActions({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const act = useAct();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string>();
  const run = async (action: AdminAction) => {
    const res = await act.run(action);
    if (!res) return;
    setPassword('');
    setDone(
      res.password
        ? t('adminView.manage.users.madePassword', { user: user.username, password: res.password })
        : t('adminView.manage.users.changed', { count: res.ended ?? 0 }),
    );
  };
  const pwId = `admin-pw-${user.username}`;
  return (
    <div className="admin-user-actions">
      <RoleSelect
        id={`admin-role-${user.username}`}
        label={t('adminView.manage.users.roleOf', { user: user.username })}
        value={user.role}
        onChange={(role) => void run({ kind: 'set-role', username: user.username, role })}
      />{' '}
      <button
        type="button"
        disabled={act.busy}
        onClick={() => void run({ kind: user.disabled ? 'enable-user' : 'disable-user', username: user.username })}
      >
        {user.disabled ? t('adminView.manage.users.enable') : t('adminView.manage.users.disable')}
      </button>{' '}
      <label htmlFor={pwId} className="sr-only">
        {t('adminView.manage.users.newPassword')}
      </label>
      <input
        id={pwId}
        type="password"
        autoComplete="new-password"
        placeholder={t('adminView.manage.users.newPasswordHint')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />{' '}
      <button
        type="button"
        disabled={act.busy}
        onClick={() => void run({ kind: 'reset-password', username: user.username, ...(password ? { password } : {}) })}
      >
        {t('adminView.manage.users.resetPassword')}
      </button>
      <Outcome act={act} done={done} />
    </div>
  );
}

function AddUserForm() {
  const { t } = useTranslation();
  const act = useAct();
  const [form, setForm] = useState({ username: '', name: '', role: 'warehouse' as Role, password: '' });
  const [done, setDone] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { password, ...rest } = form;
    const res = await act.run({ kind: 'add-user', ...rest, ...(password ? { password } : {}) });
    if (!res?.user) return;
    setDone(
      res.password
        ? t('adminView.manage.users.madePassword', { user: res.user.username, password: res.password })
        : t('adminView.manage.users.add.added', { user: res.user.username }),
    );
    setForm({ username: '', name: '', role: 'warehouse', password: '' });
  };
  const field = (key: 'username' | 'name' | 'password', type = 'text') => (
    <label>
      {t(`adminView.manage.users.add.${key}`)}
      <input
        type={type}
        name={key}
        autoComplete={key === 'password' ? 'new-password' : 'off'}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className="admin-add-user"
      aria-label={t('adminView.manage.users.add.title')}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('adminView.manage.users.add.title')}</h3>
      {field('username')}
      {field('name')}
      <label>
        {t('adminView.manage.users.add.role')}
        <RoleSelect
          id="admin-add-role"
          label={t('adminView.manage.users.add.role')}
          value={form.role}
          onChange={(role) => setForm({ ...form, role })}
        />
      </label>
      {field('password', 'password')}
      <button type="submit" disabled={act.busy}>
        {t('adminView.manage.users.add.submit')}
      </button>
      <Outcome act={act} done={done} />
    </form>
  );
}

export function UsersSection() {
  const { t } = useTranslation();
  const state = useAdminView('users');
  const columns: Column<AdminUser>[] = [
    { id: 'username', header: t('adminView.manage.users.col.username'), cell: (u) => u.username },
    { id: 'name', header: t('adminView.manage.users.col.name'), cell: (u) => u.name },
    { id: 'role', header: t('adminView.manage.users.col.role'), cell: (u) => t(`adminView.role.${u.role}`) },
    {
      id: 'state',
      header: t('adminView.manage.users.col.state'),
      cell: (u) =>
        [
          u.disabled ? t('adminView.manage.users.disabled') : t('adminView.manage.users.active'),
          ...(u.demo ? [t('adminView.manage.users.demo')] : []),
        ].join(' · '),
    },
    { id: 'actions', header: t('adminView.manage.users.col.actions'), cell: (u) => <UserActions user={u} /> },
  ];
  return (
    <Panel
      id="admin-users"
      title={t('adminView.manage.users.title')}
      description={t('adminView.manage.users.description')}
    >
      <AddUserForm />
      <ReadError state={state} />
      {state.data && (
        <AdminTable
          panelId="admin-users"
          columns={columns}
          rows={state.data.items}
          rowKey={(u) => u.username}
          rowAttributes={(u) => ({ 'data-user': u.username, 'data-disabled': String(u.disabled) })}
        />
      )}
    </Panel>
  );
}

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
