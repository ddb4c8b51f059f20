// The connection bar, always in the top bar: state, quality, round trip, age of the newest event;
// while reconnecting a countdown and "Tekrar dene"; queued and refused actions, with details in
// popovers. The offline banner under the top bar says what still works while the link is down.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { shallowEqual } from 'react-redux';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConnectionInfo, FailedAction, Quality } from '../../../../protocol';
import { QUALITY_THRESHOLDS } from '../../../../core/quality';
import { useAppSelector, type RootState } from '../../app/store';
import { getBridge } from '../../bridge';
import { formatTime } from '../../format';
import {
  BANNER_DELAY_MS,
  QUALITY_BARS,
  RETRY_STATES,
  actionLabel,
  actionSubject,
  durationText,
  failureReason,
  lastEventText,
  secondsUntil,
} from './connectionText';
import { usePopover } from './usePopover';
import { useNow } from './useNow';
import './connection.css';

const NS = 'connectionBar';
/** After "Tekrar dene", say "Yeniden deneniyor…" at least this long, so the press is seen. */
const RETRY_FEEDBACK_MS = 1500;

/** The newest event the console has seen: received here, or (after a reload) as the host tells. */
export function selectLastEventAt(s: RootState): number | undefined {
  const perChannel = Object.values(s.connection.quality?.lastEventAt ?? {});
  const all = [...perChannel, ...(s.connection.lastEventAt === undefined ? [] : [s.connection.lastEventAt])];
  return all.length > 0 ? Math.max(...all) : undefined;
}

function levelOf(info: ConnectionInfo, quality: Quality['level'] | undefined): Quality['level'] {
  if (info.state !== 'connected') return 'offline';
  return quality ?? 'good';
}

/** When the current outage began (the connection left `connected`), kept across state changes. */
function useOutageSince(info: ConnectionInfo): number | undefined {
  const down = info.state !== 'connected' && info.state !== 'idle' && info.state !== 'unauthorized';
  const [since, setSince] = useState<number | undefined>(down ? info.since : undefined);
  if (down && since === undefined) setSince(info.since);
  if (!down && since !== undefined) setSince(undefined);
  return down ? (since ?? info.since) : undefined;
}

const QualityBars = memo(function QualityBars({ level }: { level: Quality['level'] }) {
  const { t } = useTranslation();
  const text = t(`${NS}.quality.label`, { level: t(`${NS}.quality.${level}`) });
  const lit = QUALITY_BARS[level];
  return (
    <span className="quality" data-level={level} title={text}>
      <span className="quality-bars" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= lit ? 'quality-bar on' : 'quality-bar'} />
        ))}
      </span>
      <span className="sr-only">{text}</span>
    </span>
  );
});

/** "son olay 3 sn önce": the text is made again only when the whole seconds change. */
const LastEventAge = memo(function LastEventAge({ now }: { now: number }) {
  const { t } = useTranslation();
  const lastEventAt = useAppSelector(selectLastEventAt);
  const text = useLastEventText(lastEventAt, now, t);
  return (
    <span className="connection-age" data-testid="last-event" data-last-event-at={lastEventAt}>
      {text}
    </span>
  );
});

/** lastEventText, worked out again when its whole seconds change, not on every newer event. */
function useLastEventText(lastEventAt: number | undefined, now: number, t: TFunction): string {
  const age = lastEventAt === undefined ? undefined : Math.max(0, Math.floor((now - lastEventAt) / 1000));
  // The text reads only the whole seconds between the two: (0, age s) says what the real pair says.
  return useMemo(() => lastEventText(t, age === undefined ? undefined : 0, (age ?? 0) * 1000), [t, age]);
}

const FailedActions = memo(function FailedActions({ failed }: { failed: FailedAction[] }) {
  const { t, i18n } = useTranslation();
  const { open, show, close, buttonRef, panelRef, buttonProps, panelProps } = usePopover();
  const titleId = useId();
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
    <span className="connection-popover-anchor">
      <button
        type="button"
        ref={buttonRef}
        className="connection-chip connection-chip-failed"
        data-testid="failed-actions"
        {...buttonProps}
      >
        {t(`${NS}.failed`, { count: shown.length })}
      </button>
      {open && (
        <div
          ref={panelRef}
          className="connection-popover"
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          {...panelProps}
        >
          <h2 id={titleId} className="connection-popover-title">
            {t(`${NS}.failures.title`)}
          </h2>
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
                  <p className="failure-reason">{failureReason(t, f)}</p>
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
        </div>
      )}
    </span>
  );
});

const Details = memo(function Details(props: { info: ConnectionInfo; level: Quality['level']; now: number }) {
  const { t } = useTranslation();
  const { open, buttonRef, panelRef, buttonProps, panelProps } = usePopover();
  const titleId = useId();
  return (
    <span className="connection-popover-anchor">
      <button
        type="button"
        ref={buttonRef}
        className="connection-details-button"
        aria-label={t(`${NS}.details.button`)}
        title={t(`${NS}.details.button`)}
        {...buttonProps}
      >
        <span aria-hidden="true">i</span>
      </button>
      {open && (
        <div
          ref={panelRef}
          className="connection-popover"
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          {...panelProps}
        >
          <h2 id={titleId} className="connection-popover-title">
            {t(`${NS}.details.title`)}
          </h2>
          <DetailsFacts info={props.info} level={props.level} now={props.now} />
          <p className="connection-popover-note">
            {t(`${NS}.details.thresholds`, {
              excellentRtt: QUALITY_THRESHOLDS.excellent.rttMs,
              excellentJitter: QUALITY_THRESHOLDS.excellent.jitterMs,
              goodRtt: QUALITY_THRESHOLDS.good.rttMs,
              goodJitter: QUALITY_THRESHOLDS.good.jitterMs,
            })}
          </p>
        </div>
      )}
    </span>
  );
});

/** The facts in the open details: only while open does it follow every event. */
function DetailsFacts(props: { info: ConnectionInfo; level: Quality['level']; now: number }) {
  const { t, i18n } = useTranslation();
  const { info } = props;
  const quality = useAppSelector((s) => s.connection.quality);
  const pending = useAppSelector((s) => s.connection.outbox.pending.length);
  const lastEvent = useLastEventText(useAppSelector(selectLastEventAt), props.now, t);
  const dash = t(`${NS}.details.unknown`);
  const ms = (v: number | undefined) => (v === undefined ? dash : t(`${NS}.rtt`, { ms: v }));
  const rows: [string, string][] = [
    [
      t(`${NS}.details.state`),
      `${t(`connection.state.${info.state}`)}${info.since > 0 ? ` · ${t(`${NS}.details.since`, { time: formatTime(info.since, i18n.language) })}` : ''}`,
    ],
    [t(`${NS}.details.quality`), t(`${NS}.quality.${props.level}`)],
    [t(`${NS}.details.rtt`), ms(quality?.rttMs)],
    [t(`${NS}.details.jitter`), ms(quality?.jitterMs)],
    [t(`${NS}.details.missedPongs`), String(quality?.missedPongs ?? 0)],
    [t(`${NS}.details.reconnects`), String(quality?.reconnects ?? 0)],
    ...(RETRY_STATES.has(info.state) ? [[t(`${NS}.details.attempt`), String(info.attempt)] as [string, string]] : []),
    [t(`${NS}.details.lastEvent`), lastEvent],
    [t(`${NS}.details.pending`), String(pending)],
    [t(`${NS}.details.server`), info.server ?? dash],
  ];
  return (
    <dl className="connection-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Says what still works while the connection is down, and what waits for it. */
export function OfflineBanner(props: { state: ConnectionInfo['state']; downFor: number }) {
  const { t, i18n } = useTranslation();
  const pending = useAppSelector((s) => s.connection.outbox.pending.length);
  const lastEventAt = useAppSelector(selectLastEventAt);
  const titleId = useId();
  const offline = props.state === 'offline';
  return (
    <section className="offline-banner" data-testid="offline-banner" aria-labelledby={titleId}>
      <div className="offline-banner-inner">
        <h2 id={titleId} className="offline-banner-title">
          <span className="offline-banner-icon" aria-hidden="true">
            !
          </span>
          {t(`${NS}.banner.${offline ? 'offline' : 'reconnecting'}`)}
          <span className="offline-banner-duration">
            {' · '}
            {t(`${NS}.banner.duration`, { duration: durationText(t, props.downFor) })}
          </span>
        </h2>
        <div className="offline-banner-columns">
          <div>
            <h3>{t(`${NS}.banner.worksTitle`)}</h3>
            <ul>
              <li>
                {lastEventAt === undefined
                  ? t(`${NS}.banner.browse`)
                  : t(`${NS}.banner.browseAsOf`, { time: formatTime(lastEventAt, i18n.language) })}
              </li>
              <li data-testid="offline-queue">
                {pending > 0 ? t(`${NS}.banner.queued`, { count: pending }) : t(`${NS}.banner.queueEmpty`)}
              </li>
            </ul>
          </div>
          <div>
            <h3>{t(`${NS}.banner.notWorksTitle`)}</h3>
            <ul>
              <li>{t(`${NS}.banner.noEvents`)}</li>
              <li>{t(`${NS}.banner.noKpis`)}</li>
            </ul>
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * Where the banner goes: the shell's slot right after the top bar, so it sits under it in the page
 * (and in reading order); without one (a test rendering the bar alone) a slot is made after the
 * top bar, or the banner follows the bar.
 */
function useBannerSlot() {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    const topbar = el?.closest('.topbar');
    if (!el || !topbar?.parentElement) return;
    const existing = topbar.nextElementSibling;
    if (existing instanceof HTMLElement && existing.classList.contains('offline-banner-slot')) {
      setSlot(existing);
      return;
    }
    const made = document.createElement('div');
    made.className = 'offline-banner-slot';
    topbar.after(made);
    setSlot(made);
    return () => made.remove();
  }, []);
  return { slot, ref };
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
  const failed = useAppSelector((s) => s.connection.outbox.failed, sameFailures);
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
      ? t(`${NS}.retryIn`, { seconds })
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
        <Details info={info} level={level} now={now} />
      </div>
      {banner && (slot ? createPortal(banner, slot) : banner)}
    </>
  );
});
