// A downloaded update, said in the console: its version, its release notes, and "Yeniden başlat ve
// güncelle" — which waits for the outbox's queued actions before the app restarts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { NAMESPACE as NS } from './i18n';
import './update.css';

export function UpdateBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<UpdateStatus>({ state: 'idle' });
  useEffect(() => {
    const bridge = getBridge();
    let current = true;
    bridge.getDesktop().then(
      (info) => current && setStatus(info.update),
      () => undefined,
    );
    const stop = bridge.onUpdate(setStatus);
    return () => {
      current = false;
      stop();
    };
  }, []);
  if (status.state !== 'ready' && status.state !== 'waiting') return null;
  const install = () =>
    void getBridge()
      .installUpdate()
      .then(setStatus, () => undefined);
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>
        {status.state === 'ready'
          ? t(`${NS}.ready`, { version: status.version })
          : t(`${NS}.waiting`, { count: status.pending })}
      </span>
      {status.notes && (
        <details className="update-notes">
          <summary>{t(`${NS}.notes`)}</summary>
          <pre>{status.notes}</pre>
        </details>
      )}
      {status.state === 'ready' && (
        <button type="button" className="update-button" onClick={install}>
          {t(`${NS}.restart`)}
        </button>
      )}
    </div>
  );
}
