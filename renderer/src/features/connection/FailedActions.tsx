// The actions the gateway refused, as a chip in the bar; its popover lists each with the reason and
// lets the person dismiss it (given back, with a message, when the host cannot forget it).
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FailedAction } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { formatTime } from '../../format';
import { ConnectionPopover } from './ConnectionPopover';
import { actionLabel, actionSubject, failureReason } from './connectionText';
import { NAMESPACE as NS } from './i18n';
import { usePopover } from './usePopover';

export const FailedActions = memo(function FailedActions({ failed }: { failed: FailedAction[] }) {
  const { t, i18n } = useTranslation();
  const popover = usePopover();
  const { show, close, buttonRef } = popover;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string>();
  const shown = failed.filter((f) => !hidden.has(f.key));
  const dismiss = (f: FailedAction, next: HTMLElement | null) => {
    setError(undefined);
    setHidden((h) => new Set(h).add(f.key));
    if (next) next.focus();
    else {
      // The last one: the list and its button go away; focus stays in the bar.
      buttonRef.current?.closest('.connection-bar')?.querySelector<HTMLElement>('.connection-details-button')?.focus();
      close(false);
    }
    getBridge()
      .dismissFailed(f.key)
      .catch(() => {
        setHidden((h) => {
          const copy = new Set(h);
          copy.delete(f.key);
          return copy;
        });
        setError(t(`${NS}.failures.dismissFailed`));
        show();
      });
  };

  if (shown.length === 0) return null;
  return (
    <ConnectionPopover
      popover={popover}
      buttonClassName="connection-chip connection-chip-failed"
      buttonTestId="failed-actions"
      button={t(`${NS}.failed`, { count: shown.length })}
      title={t(`${NS}.failures.title`)}
    >
      <p className="connection-popover-intro">{t(`${NS}.failures.intro`)}</p>
      {error && (
        <p className="connection-popover-error" role="alert">
          {error}
        </p>
      )}
      <ul className="failure-list">
        {shown.map((f) => {
          const label = actionLabel(t, f.action);
          return (
            <li key={f.key} className="failure" data-key={f.key}>
              <div className="failure-head">
                <strong>{label}</strong>
                <span className="failure-subject">{actionSubject(t, f.action)}</span>
                <time dateTime={new Date(f.failedAt).toISOString()}>{formatTime(f.failedAt, i18n.language)}</time>
              </div>
              <p className="failure-reason">{failureReason(t, f.error)}</p>
              <button
                type="button"
                className="failure-dismiss"
                aria-label={t(`${NS}.failures.dismissLabel`, { action: `${label} ${actionSubject(t, f.action)}` })}
                onClick={(e) => {
                  const item = e.currentTarget.closest('li');
                  const next = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector('button');
                  dismiss(f, next ?? null);
                }}
              >
                {t(`${NS}.failures.dismiss`)}
              </button>
            </li>
          );
        })}
      </ul>
    </ConnectionPopover>
  );
});
