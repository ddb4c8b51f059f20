// One row of the alert centre: priority, what and where, detail, state with who acknowledged, snooze,
// first and last seen; its checkbox for bulk actions, "Göster" (the order, SKU, price or system row
// it is about) and its own acknowledge and snooze buttons. A refused action says why, here.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNear } from '../../format';
import { Pill } from '../../ui/Pill';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { TimeAgo } from '../../ui/TimeAgo';
import type { TrackedAction } from '../actions/actionsSlice';
import { failureReason } from '../connection/connectionText';
import type { AlertRow } from './alertsSlice';
import { detailOf, kindLabel, subjectOf, subjectPartsOf } from './describe';
import type { SnoozeOption } from './snooze';
import { SnoozeMenu } from './SnoozeMenu';

interface ItemProps {
  alert: AlertRow;
  now: number;
  lang: string;
  selected: boolean;
  highlighted: boolean;
  action?: TrackedAction;
  onToggle: (key: string, on: boolean) => void;
  onAck: (keys: string[]) => void;
  onSnooze: (keys: string[], option: SnoozeOption) => void;
  /** "Göster": what the alert is about. */
  onOpen: (alert: AlertRow) => void;
  setRef: (key: string, el: HTMLLIElement | null) => void;
}

export const AlertItem = memo(function AlertItem({
  alert: a,
  now,
  lang,
  selected,
  highlighted,
  action,
  onToggle,
  onAck,
  onSnooze,
  onOpen,
  setRef,
}: ItemProps) {
  const { t } = useTranslation();
  const kind = kindLabel(t, a.kind);
  const subject = subjectOf(lang, a);
  const parts = subjectPartsOf(lang, a);
  const detail = detailOf(t, a, lang);
  const what = `${kind} ${subject}`;
  const titleId = `alert-${a.alertKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const snoozed = a.snoozedUntil !== undefined && Date.parse(a.snoozedUntil) > now;
  const pending = action?.status === 'queued';
  const stateTone = a.state === 'open' ? 'muted' : a.state === 'acknowledged' ? 'info' : 'ok';
  const stateIcon = a.state === 'open' ? 'dash' : 'check';
  return (
    <li
      ref={(el) => setRef(a.alertKey, el)}
      className={`alerts-row${a.read ? '' : ' is-unread'}${highlighted ? ' is-highlighted' : ''}${
        selected ? ' is-selected' : ''
      }`}
      data-alert-key={a.alertKey}
      data-priority={a.priority}
      data-state={a.state}
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <input
        type="checkbox"
        className="alerts-row-check"
        checked={selected}
        onChange={(e) => onToggle(a.alertKey, e.target.checked)}
        aria-label={t('alertsView.row.select', { what })}
      />
      <div className="alerts-row-main">
        <div className="alerts-row-head">
          <PriorityBadge priority={a.priority} />
          <span className="alerts-row-title" id={titleId}>
            <strong className="alerts-kind">{kind}</strong>
            {parts.where && <span className="alerts-where">{parts.where}</span>}
            {parts.code && <span className="alerts-subject">{parts.code}</span>}
          </span>
          {a.count > 1 && (
            <span className="alerts-count" title={t('alertsView.row.countLabel', { count: a.count })}>
              <span aria-hidden="true">{t('alertsView.row.count', { count: a.count })}</span>
              <span className="sr-only">{t('alertsView.row.countLabel', { count: a.count })}</span>
            </span>
          )}
          {!a.read && (
            <span className="alerts-unread-dot">
              <span className="sr-only">{t('alertsView.row.unread')}</span>
            </span>
          )}
        </div>
        {detail && <p className="alerts-detail">{detail}</p>}
        <div className="alerts-meta">
          <Pill tone={stateTone} icon={stateIcon}>
            {t(`alertsView.state.${a.state}`)}
          </Pill>
          {a.state === 'acknowledged' && a.ackedBy && (
            <span className="alerts-acked" data-testid="acked-by">
              {t('alertsView.row.ackedBy', { name: a.ackedBy.name })}
              {a.ackedAt && (
                <>
                  {' · '}
                  <TimeAgo at={a.ackedAt} now={now} />
                </>
              )}
            </span>
          )}
          {a.state === 'resolved' && a.resolvedAt && <TimeAgo at={a.resolvedAt} now={now} />}
          {snoozed && a.snoozedUntil && (
            <Pill tone="muted" icon="clock">
              <span data-testid="snoozed-until" title={formatDateTime(a.snoozedUntil, lang)}>
                {t('alertsView.row.snoozedUntil', { until: formatNear(a.snoozedUntil, now, lang) })}
              </span>
            </Pill>
          )}
          <span className="alerts-seen">
            <span className="sr-only">{t('alertsView.row.lastSeen')} </span>
            <TimeAgo
              at={a.lastSeenAt}
              now={now}
              prefix={`${t('alertsView.row.firstSeen', { at: formatDateTime(a.firstSeenAt, lang) })} ·`}
            />
          </span>
          {pending && <span className="alerts-pending">{t('alertsView.row.sending')}</span>}
          {action?.status === 'refused' && (
            <span className="alerts-refused" role="alert">
              {action.error ? failureReason(t, action.error) : ''}
            </span>
          )}
        </div>
      </div>
      <div className="alerts-row-actions">
        <button
          type="button"
          className="ops-btn ops-btn--small"
          aria-label={t('alertsView.row.openLabel', { what })}
          onClick={() => onOpen(a)}
          data-testid="alert-open"
        >
          {t('alertsView.row.open')}
        </button>
        {a.state === 'open' && (
          <button
            type="button"
            className="ops-btn ops-btn--small ops-btn--primary"
            aria-label={t('alertsView.row.acknowledgeLabel', { what })}
            onClick={() => onAck([a.alertKey])}
          >
            {t('alertsView.row.acknowledge')}
          </button>
        )}
        {a.state !== 'resolved' && (
          <SnoozeMenu
            small
            label={t('alertsView.row.snoozeLabel', { what })}
            text={t('alertsView.row.snooze')}
            onSnooze={(o) => onSnooze([a.alertKey], o)}
          />
        )}
      </div>
    </li>
  );
});
