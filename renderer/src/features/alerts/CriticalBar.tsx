// The open criticals, pinned in the top bar while any is open: "3 kritik uyarı açık · Göster".
// It is the one summary of criticals that arrived while the console was away (a reload, a
// reconnect) — they are not toasted one by one — and it pulses when a critical is due again. It
// lives in the top bar, whose height never changes, so it appears without moving any list.
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { PriorityIcon } from '../../ui/PriorityBadge';
import { selectAlertCounts } from '../connection/connectionSlice';
import { OPEN_CRITICALS, openTarget } from '../ui/openTarget';
import './alerts.css';

export function CriticalBar() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const critical = useAppSelector((s) => selectAlertCounts(s).open.critical);
  // Each pulse remounts the bar, which restarts its (finite) animation.
  const pulseAt = useAppSelector((s) => s.toasts.criticalPulseAt);

  return (
    <div className="critical-bar-slot" role="status" aria-live="polite">
      {critical > 0 && (
        <p
          key={pulseAt ?? 0}
          className={`critical-bar${pulseAt !== undefined ? ' is-pulsing' : ''}`}
          data-testid="critical-bar"
        >
          <PriorityIcon priority="critical" />
          <span>{t('alertsView.criticalBar.text', { count: critical })}</span>
          <button type="button" className="critical-bar-show" onClick={() => openTarget(dispatch, OPEN_CRITICALS)}>
            {t('alertsView.criticalBar.show')}
          </button>
        </p>
      )}
    </div>
  );
}
