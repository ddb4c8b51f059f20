// The header's word on the last change: "Kaydediliyor…", "Kaydedildi", or why it was refused.
import { useTranslation } from 'react-i18next';
import { NAMESPACE as NS } from './i18n';
import type { SaveStatus } from './useSave';

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <div className="settings-save" data-kind={status.kind} data-testid="settings-save-status">
      <span role="status" aria-live="polite">
        {status.kind === 'saving' && t(`${NS}.status.saving`)}
        {status.kind === 'saved' && (
          <>
            <span className="settings-save-mark" aria-hidden="true">
              ✓
            </span>{' '}
            {t(`${NS}.status.saved`)}
          </>
        )}
      </span>
      {status.kind === 'error' && (
        <span role="alert" className="settings-error">
          {status.message}
        </span>
      )}
    </div>
  );
}
