// What the admin console's managing sections share: an action made from one place, with its busy
// state and its outcome or error shown right there; a read error; a button that asks once more.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAction, AdminActResult, ErrorPayload } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { payloadOf, type AdminViewState } from './useAdminView';

export type Translate = ReturnType<typeof useTranslation>['t'];

export function actErrorText(error: ErrorPayload, t: Translate): string {
  const known = ['validation_failed', 'bad_request', 'not_found', 'forbidden', 'unavailable'] as const;
  const code = known.find((c) => c === error.code) ?? 'generic';
  return t(`adminView.manage.errors.${code}`, { message: error.message });
}

/** One place an action is made from: its busy state, and what came of it, shown right there. */
export function useAct() {
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

export function Outcome({ act, done }: { act: ReturnType<typeof useAct>; done?: ReactNode }) {
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

export function ReadError({ state }: { state: AdminViewState<'sessions' | 'users' | 'audit'> }) {
  const { t } = useTranslation();
  if (!state.error) return null;
  return (
    <p className="admin-error" role="alert">
      {actErrorText(state.error, t)}
    </p>
  );
}

/** A button that asks once more before it acts. */
export function ConfirmButton({ label, question, action }: { label: string; question: string; action: AdminAction }) {
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
