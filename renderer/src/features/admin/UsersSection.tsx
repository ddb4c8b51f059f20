// The admin console's users: add one, disable or enable, set a new password, change the role;
// each action's outcome or error shows beside it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type AdminAction, type AdminUser, type Role } from '../../../../protocol';
import type { Column } from '../../ui/DataTable';
import { Panel } from '../../ui/Panel';
import { Outcome, ReadError, useAct } from './adminActions';
import { AdminTable } from './AdminTable';
import { useAdminView } from './useAdminView';

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
