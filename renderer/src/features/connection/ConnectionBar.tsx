// The connection bar, always in the top bar: state, quality, round trip, age of the newest event;
// while reconnecting a countdown and "Tekrar dene"; queued and refused actions, with details in
// popovers. The offline banner under the top bar says what still works while the link is down.
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { shallowEqual } from 'react-redux';
import { useTranslation } from 'react-i18next';
import { BUSINESS_REFUSALS, type ConnectionInfo, type FailedAction, type Quality } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { getBridge } from '../../bridge';
import { ConnectionDetails } from './ConnectionDetails';
import { BANNER_DELAY_MS, RETRY_STATES, secondsUntil } from './connectionText';
import { FailedActions } from './FailedActions';
import { NAMESPACE as NS } from './i18n';
import { LastEventAge } from './LastEventAge';
import { OfflineBanner, useBannerSlot } from './OfflineBanner';
import { QualityBars } from './QualityBars';
import { useNow } from './useNow';
import { useOutageSince } from './useOutageSince';
import './connection.css';

/** After "Tekrar dene", say "Yeniden deneniyor…" at least this long, so the press is seen. */
const RETRY_FEEDBACK_MS = 1500;

function levelOf(info: ConnectionInfo, quality: Quality['level'] | undefined): Quality['level'] {
  if (info.state !== 'connected') return 'offline';
  return quality ?? 'good';
}

/** The same refused actions (each key once, failed at the same time): the host sends fresh arrays. */
const sameFailures = (a: FailedAction[], b: FailedAction[]) =>
  a.length === b.length && a.every((f, i) => f === b[i] || (f.key === b[i]?.key && f.failedAt === b[i]?.failedAt));

// Memoised: it takes no props, so it renders for what it selects, not with every render of the top bar.
export const ConnectionBar = memo(function ConnectionBar() {
  const { t } = useTranslation();
  // The host's state comes with most batches as new objects: only a changed value re-renders the bar.
  const info = useAppSelector((s) => s.connection.info, shallowEqual);
  const qualityLevel = useAppSelector((s) => s.connection.quality?.level);
  const rttMs = useAppSelector((s) => s.connection.quality?.rttMs);
  const pending = useAppSelector((s) => s.connection.outbox.pending.length);
  // A business refusal (the order is someone else's) is said where the action was made, not here.
  const failed = useAppSelector(
    (s) => s.connection.outbox.failed.filter((f) => !BUSINESS_REFUSALS.has(f.error.code)),
    sameFailures,
  );
  const canRetry = RETRY_STATES.has(info.state);
  const now = useNow(canRetry ? 250 : 1000);
  const [retryPressedAt, setRetryPressedAt] = useState<number>();
  const outageSince = useOutageSince(info);
  const { slot, ref: slotRef } = useBannerSlot();
  const retryFocused = useRef(false);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const barRef = useCallback(
    (el: HTMLDivElement | null) => {
      rootRef.current = el;
      return slotRef(el);
    },
    [slotRef],
  );

  const level = levelOf(info, qualityLevel);
  const connected = info.state === 'connected';
  const seconds = secondsUntil(info.nextRetryAt, now);
  const justPressed = retryPressedAt !== undefined && now - retryPressedAt < RETRY_FEEDBACK_MS;
  const countdown =
    seconds !== undefined && !justPressed
      ? t(info.reason === 'rate_limited' ? `${NS}.tooManyConnections` : `${NS}.retryIn`, { seconds })
      : info.state === 'offline' && !justPressed
        ? undefined
        : t(`${NS}.retrying`);
  const showBanner = canRetry && outageSince !== undefined && now - outageSince >= BANNER_DELAY_MS;

  // The retry button goes away when the connection is back: keep the keyboard user in the bar.
  useEffect(() => {
    if (!canRetry && retryFocused.current) {
      retryFocused.current = false;
      rootRef.current?.querySelector<HTMLElement>('.connection-details-button')?.focus();
    }
  }, [canRetry]);

  const retry = () => {
    setRetryPressedAt(Date.now());
    void getBridge()
      .retryNow()
      .catch(() => undefined);
  };

  const banner = showBanner ? <OfflineBanner state={info.state} downFor={now - (outageSince ?? now)} /> : null;

  return (
    <>
      <div
        className="connection-bar"
        data-state={info.state}
        data-level={level}
        data-attempt={info.attempt}
        ref={barRef}
      >
        <span className="connection-dot" aria-hidden="true" />
        <span role="status" aria-live="polite" data-testid="connection-state" className="connection-state">
          <span className="connection-label">{t('connection.label')}: </span>
          {t(`connection.state.${info.state}`)}
        </span>
        <QualityBars level={level} />
        {connected && rttMs !== undefined && (
          <span className="connection-rtt" title={t(`${NS}.rttTitle`)}>
            {t(`${NS}.rtt`, { ms: rttMs })}
          </span>
        )}
        {!canRetry && <LastEventAge now={now} />}
        {canRetry && countdown && (
          <span className="connection-countdown">
            <span className="connection-countdown-long" data-testid="retry-countdown">
              {countdown}
            </span>
            {/* Narrow windows show only the seconds; screen readers still hear the sentence. */}
            <span className="connection-countdown-short" aria-hidden="true">
              {seconds !== undefined && !justPressed ? t(`${NS}.retryInShort`, { seconds }) : '…'}
            </span>
          </span>
        )}
        {canRetry && (
          <button
            type="button"
            className="connection-retry"
            onClick={retry}
            onFocus={() => (retryFocused.current = true)}
            onBlur={() => (retryFocused.current = false)}
          >
            {t('connection.retryNow')}
          </button>
        )}
        {pending > 0 && (
          <span className="connection-chip" data-testid="pending-actions">
            {t(`${NS}.pending`, { count: pending })}
          </span>
        )}
        <FailedActions failed={failed} />
        <ConnectionDetails info={info} level={level} now={now} />
      </div>
      {banner && (slot ? createPortal(banner, slot) : banner)}
    </>
  );
});
