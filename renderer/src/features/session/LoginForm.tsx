// The sign-in form: server (remembered), username, password. Says what went wrong next to the
// field it concerns, moves focus to it, and tells when the server is a demo (with its accounts).
import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import type { ErrorPayload } from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { login, OUTBOX_UNREADABLE } from './sessionSlice';
import './session.css';

const SERVER_KEY = 'meschain-live:last-server';
/** Wait this long after the last keystroke in the server address before asking it about itself. */
export const INFO_DEBOUNCE_MS = 400;

type FieldName = 'server' | 'username' | 'password';

function initialServer(): string {
  return (
    window.localStorage.getItem(SERVER_KEY) ??
    (window.location.protocol.startsWith('http') ? window.location.origin : 'http://127.0.0.1:8080')
  );
}

/** An http(s) address, or undefined. */
export function serverUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return value.trim();
  } catch {
    // not an address
  }
  return undefined;
}

/** What went wrong, said so the person knows what to do next. */
export function loginErrorText(error: ErrorPayload, t: TFunction): string {
  // Whatever the code, this reason says the stored actions are safe and what to do.
  if (error.details?.reason === OUTBOX_UNREADABLE) return t('loginForm.outboxUnreadable');
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
      // The desktop app refuses http:// off this computer: say why and what to type instead.
      if (error.details?.reason === 'insecure_server') return t('loginForm.insecureServer');
      return t('login.errors.validation_failed', { message: error.message });
    default:
      return t('login.errors.generic', { message: error.message });
  }
}

/** The fields an error from the server concerns (they are marked invalid and described by it). */
export function fieldsOf(error: ErrorPayload): FieldName[] {
  switch (error.code) {
    case 'invalid_credentials':
      return ['username', 'password'];
    case 'unavailable':
      return ['server'];
    case 'validation_failed': {
      const issues = Array.isArray(error.details?.issues) ? (error.details.issues as { path?: unknown }[]) : [];
      const fields = issues
        .map((i) => String(i.path ?? '').split('.')[0])
        .filter((p): p is FieldName => p === 'server' || p === 'username' || p === 'password');
      return [...new Set(fields)];
    }
    default:
      return [];
  }
}

/**
 * Asks the server what it is (`GET /v1/info`, through the host: the desktop page may not reach
 * other origins), debounced as the address changes.
 */
function useServerInfo(server: string): { server: string; demo: boolean } | undefined {
  const [info, setInfo] = useState<{ server: string; demo: boolean }>();
  useEffect(() => {
    const url = serverUrl(server);
    if (!url) return;
    let current = true;
    const timer = window.setTimeout(() => {
      getBridge()
        .serverInfo(url.replace(/\/+$/, ''))
        .then((answer) => {
          if (current) setInfo({ server, demo: answer.demo });
        })
        // Not reachable or not ours: no hint, the sign-in says more.
        .catch(() => undefined);
    }, INFO_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [server]);
  return info?.server === server ? info : undefined;
}

function Field({
  setInput,
  ...props
}: {
  id: string;
  label: string;
  name: FieldName;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  error?: string;
  /** The form's error concerns this field. */
  invalid: boolean;
  /** Ids of more texts that describe the field (the form's error, the demo accounts). */
  describedBy: string[];
  hint?: string;
  setInput?: (el: HTMLInputElement | null) => void;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.error ? errorId : undefined, props.hint ? hintId : undefined, ...props.describedBy]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="login-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        ref={setInput}
        name={props.name}
        type={props.type ?? 'text'}
        required
        aria-invalid={props.error || props.invalid ? true : undefined}
        aria-describedby={describedBy || undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        spellCheck={false}
        autoCapitalize="off"
      />
      {props.hint && (
        <span id={hintId} className="login-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

export function LoginForm() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { status, error } = useAppSelector((s) => s.session);
  const [server, setServer] = useState(initialServer);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const busy = status === 'signingIn';
  const info = useServerInfo(server);
  const id = useId();
  const ids = { server: `${id}-server`, username: `${id}-username`, password: `${id}-password` };
  const formErrorId = `${id}-form-error`;
  const demoId = `${id}-demo`;
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});
  const errorRef = useRef<HTMLParagraphElement>(null);

  // A new error from the server: focus goes to it, so it is read and the next step is near.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const serverFields = error ? fieldsOf(error) : [];

  const change = (field: FieldName, set: (v: string) => void) => (value: string) => {
    set(value);
    if (fieldErrors[field]) setFieldErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Partial<Record<FieldName, string>> = {};
    if (!server.trim()) errors.server = t('loginForm.required.server');
    else if (!serverUrl(server)) errors.server = t('loginForm.invalidServer');
    if (!username.trim()) errors.username = t('loginForm.required.username');
    if (!password) errors.password = t('loginForm.required.password');
    setFieldErrors(errors);
    const first = (['server', 'username', 'password'] as const).find((f) => errors[f]);
    if (first) {
      inputs.current[first]?.focus();
      return;
    }
    const address = server.trim();
    window.localStorage.setItem(SERVER_KEY, address);
    void dispatch(login({ server: address, username: username.trim(), password }));
  };

  const invalid = (field: FieldName) => serverFields.includes(field);
  const describedBy = (field: FieldName) => (invalid(field) ? [formErrorId] : []);

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div className="login-head">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="login-intro">{t('loginForm.intro')}</p>
        </div>
        <Field
          id={ids.server}
          label={t('login.server')}
          name="server"
          type="url"
          value={server}
          onChange={change('server', setServer)}
          autoComplete="url"
          error={fieldErrors.server}
          invalid={invalid('server')}
          describedBy={describedBy('server')}
          hint={t('loginForm.serverHint')}
          setInput={(el) => {
            inputs.current.server = el;
          }}
        />
        {info?.demo && (
          <p id={demoId} className="login-demo" data-testid="demo-hint">
            <span className="login-demo-title">{t('loginForm.demoTitle')}</span> <span>{t('loginForm.demoHint')}</span>
          </p>
        )}
        <Field
          id={ids.username}
          label={t('login.username')}
          name="username"
          value={username}
          onChange={change('username', setUsername)}
          autoComplete="username"
          error={fieldErrors.username}
          invalid={invalid('username')}
          describedBy={[...describedBy('username'), ...(info?.demo ? [demoId] : [])]}
          setInput={(el) => {
            inputs.current.username = el;
          }}
        />
        <Field
          id={ids.password}
          label={t('login.password')}
          name="password"
          type="password"
          value={password}
          onChange={change('password', setPassword)}
          autoComplete="current-password"
          error={fieldErrors.password}
          invalid={invalid('password')}
          describedBy={describedBy('password')}
          setInput={(el) => {
            inputs.current.password = el;
          }}
        />
        {error && (
          <p id={formErrorId} className="form-error login-error" role="alert" tabIndex={-1} ref={errorRef}>
            {loginErrorText(error, t)}
          </p>
        )}
        <button type="submit" className="login-submit" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
