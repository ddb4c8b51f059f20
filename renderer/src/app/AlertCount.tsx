// The count of unread alerts where the shell shows it: the badge on the alerts link and the
// browser tab's title. Components of their own, so a count that changes with nearly every batch
// re-renders them and not the shell with the screen inside it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { unreadTotal } from '../../../protocol';
import { selectAlertCounts } from '../features/connection/connectionSlice';
import { useAppSelector } from './store';

/** The title follows the count at most this often: setting it is a round trip to the browser. */
export const TITLE_EVERY_MS = 1000;

/** The same count as the alert centre's "okunmamış", the tray and the OS badge. */
const useUnreadAlerts = () => useAppSelector((s) => unreadTotal(selectAlertCounts(s)));

export function NavAlertBadge() {
  const { t } = useTranslation();
  const count = useUnreadAlerts();
  if (count === 0) return null;
  return (
    <span className="nav-badge" data-testid="nav-badge" aria-label={t('nav.unread', { count })}>
      {count}
    </span>
  );
}

/** The browser tab says it too, where no tray does: a change at once, then at most once a second. */
export function DocumentTitle() {
  const { t } = useTranslation();
  const count = useUnreadAlerts();
  const setAt = useRef(-Infinity);
  useEffect(() => {
    const title = count > 0 ? `(${count}) ${t('app.title')}` : t('app.title');
    // A monotonic clock: the wall clock jumping back (NTP, a resume) must not hold the title.
    const set = () => {
      setAt.current = performance.now();
      if (document.title !== title) document.title = title;
    };
    // Within a second of the last: the latest count, at the end of that second.
    const wait = setAt.current + TITLE_EVERY_MS - performance.now();
    if (wait <= 0) return set();
    const h = window.setTimeout(set, wait);
    return () => window.clearTimeout(h);
  }, [count, t]);
  return null;
}
