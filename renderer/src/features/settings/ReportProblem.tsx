// "Sorun bildir": the desktop app gathers logs, versions and settings (never passwords or session
// tokens) into one file the person saves and sends to support.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { NAMESPACE as NS } from './i18n';

export function ReportProblem() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'saved' | 'failed'; text?: string }>({
    kind: 'idle',
  });
  const report = () => {
    setStatus({ kind: 'busy' });
    getBridge()
      .reportProblem()
      .then(
        (r) => setStatus(r.file ? { kind: 'saved', text: r.file } : { kind: 'idle' }),
        (err: { message?: string }) => setStatus({ kind: 'failed', text: err.message ?? '' }),
      );
  };
  return (
    <div className="settings-inline" data-testid="report-problem">
      <button type="button" className="settings-button" onClick={report} disabled={status.kind === 'busy'}>
        {t(`${NS}.desktop.report`)}
      </button>
      <span className="settings-note">{t(`${NS}.desktop.reportHelp`)}</span>
      <span role="status" className="settings-note">
        {status.kind === 'saved'
          ? t(`${NS}.desktop.reportSaved`, { file: status.text })
          : status.kind === 'failed'
            ? t(`${NS}.desktop.reportFailed`, { message: status.text })
            : ''}
      </span>
    </div>
  );
}
