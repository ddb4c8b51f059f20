// An office proxy asks for a user name and password (for the app's own connection): the desktop
// host asks here, the answer goes back to main and is kept in memory for this session only.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxyAuthRequest } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { NAMESPACE as NS } from './i18n';
import './proxy.css';

export function ProxyAuthDialog() {
  const { t } = useTranslation();
  const [request, setRequest] = useState<ProxyAuthRequest>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const userId = useId();
  const passId = useId();
  useEffect(() => getBridge().onProxyAuth(setRequest), []);
  if (!request) return null;
  const close = () => {
    setRequest(undefined);
    setPassword('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void getBridge()
      .answerProxyAuth({ id: request.id, username, password })
      .catch(() => undefined);
    close();
  };
  const cancel = () => {
    void getBridge()
      .answerProxyAuth({ id: request.id, cancel: true })
      .catch(() => undefined);
    close();
  };
  return (
    <div className="proxy-auth-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${userId}-title`}
        className="proxy-auth"
        onSubmit={submit}
      >
        <h2 id={`${userId}-title`}>{t(`${NS}.title`)}</h2>
        <p>{t(`${NS}.body`, { proxy: `${request.host}:${request.port}` })}</p>
        <label htmlFor={userId}>{t(`${NS}.username`)}</label>
        <input
          id={userId}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          required
          autoFocus
        />
        <label htmlFor={passId}>{t(`${NS}.password`)}</label>
        <input
          id={passId}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
        <div className="proxy-auth-actions">
          <button type="submit">{t(`${NS}.connect`)}</button>
          <button type="button" onClick={cancel}>
            {t(`${NS}.cancel`)}
          </button>
        </div>
      </form>
    </div>
  );
}
