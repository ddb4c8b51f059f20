import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorPayload } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { login } from './sessionSlice';

const SERVER_KEY = 'meschain-live:last-server';

function initialServer(): string {
  return (
    window.localStorage.getItem(SERVER_KEY) ??
    (window.location.protocol.startsWith('http') ? window.location.origin : 'http://127.0.0.1:8080')
  );
}

/** What went wrong, said so the person knows what to do next. */
export function loginErrorText(error: ErrorPayload, t: TFunction): string {
  switch (error.code) {
    case 'invalid_credentials':
    case 'unauthorized':
      return t(`login.errors.${error.code}`);
    case 'unavailable':
      return error.details?.reason === 'tls' ? t('login.errors.tls') : t('login.errors.unavailable');
    case 'rate_limited':
      return t('login.errors.rate_limited', {
        seconds: Math.ceil(Number(error.details?.retryAfterMs ?? 60_000) / 1000),
      });
    case 'validation_failed':
      return t('login.errors.validation_failed', { message: error.message });
    default:
      return t('login.errors.generic', { message: error.message });
  }
}

function Field(props: {
  label: string;
  name: string;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
      />
    </label>
  );
}

export function LoginForm() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { status, error } = useAppSelector((s) => s.session);
  const [server, setServer] = useState(initialServer);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const busy = status === 'signingIn';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.localStorage.setItem(SERVER_KEY, server);
    void dispatch(login({ server, username, password }));
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <Field
          label={t('login.server')}
          name="server"
          type="url"
          value={server}
          onChange={setServer}
          autoComplete="url"
        />
        <Field
          label={t('login.username')}
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
        />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        {error && (
          <p className="form-error" role="alert">
            {loginErrorText(error, t)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
