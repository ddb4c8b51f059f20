// The offline banner under the top bar: what still works while the link is down and what waits for
// it; and the slot it goes into, so it sits under the top bar in the page and in reading order.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionInfo } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { formatTime } from '../../format';
import { durationText } from './connectionText';
import { NAMESPACE as NS } from './i18n';
import { selectLastEventAt } from './lastEvent';

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
export function useBannerSlot() {
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
