// Saving a settings patch through the bridge, and what the person should know about it: saving,
// saved (for a few seconds), or refused with the reason.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsPatch } from '../../../../protocol';
import { useAppDispatch } from '../../app/store';
import { NAMESPACE as NS } from './i18n';
import { updateSettings } from './settingsSlice';

/** "Kaydedildi" stays this long. */
const SAVED_VISIBLE_MS = 4000;

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Sends a patch to the host; keeps what the person should know about it (saving, saved, refused). */
export function useSave() {
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const seq = useRef(0);

  useEffect(() => {
    if (status.kind !== 'saved') return;
    const timer = window.setTimeout(() => setStatus({ kind: 'idle' }), SAVED_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [status]);

  const apply = useCallback(
    async (patch: SettingsPatch): Promise<boolean> => {
      const n = ++seq.current;
      const checked = SettingsPatch.safeParse(patch);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        setStatus({
          kind: 'error',
          message: t(`${NS}.status.refused`, { message: `${issue?.path.join('.')}: ${issue?.message}` }),
        });
        return false;
      }
      setStatus({ kind: 'saving' });
      const result = await dispatch(updateSettings(checked.data));
      const ok = updateSettings.fulfilled.match(result);
      if (n !== seq.current) return ok;
      if (ok) setStatus({ kind: 'saved' });
      else {
        const error = result.payload?.error;
        const message = error?.message ?? result.error.message ?? '';
        setStatus({
          kind: 'error',
          message: t(error?.code === 'validation_failed' ? `${NS}.status.refused` : `${NS}.status.failed`, { message }),
        });
      }
      return ok;
    },
    [dispatch, t],
  );
  return { status, apply };
}
