import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { getBridge } from '../../bridge';

export function ConnectionBar() {
  const { t } = useTranslation();
  const info = useAppSelector((s) => s.connection.info);
  const canRetry = info.state === 'reconnecting' || info.state === 'offline';
  return (
    <div className="connection-bar" data-state={info.state}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" aria-live="polite" data-testid="connection-state">
        {t('connection.label')}: {t(`connection.state.${info.state}`)}
      </span>
      {canRetry && (
        <button type="button" className="link-button" onClick={() => void getBridge().retryNow()}>
          {t('connection.retryNow')}
        </button>
      )}
    </div>
  );
}
