// Brings the row a notification or an alert pointed at into view on a list screen (stock, prices,
// system): the screen's own filters are cleared so it is not hidden, the row is scrolled to the
// middle, lit for a moment and focused. A row not there yet (a snapshot on its way) is waited for.
import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../app/store';
import { focused, type View } from '../features/ui/uiSlice';

const WAIT_MS = 10_000;
export const FOCUS_HIGHLIGHT_MS = 4000;

/**
 * `selectors(item)`: CSS selectors of the row for the focused item, the preferred first.
 * `clearFilters`: called when a request arrives, so a search on the screen does not hide the row.
 */
export function useFocusRow(view: View, selectors: (item: string) => string[], clearFilters?: () => void): void {
  const dispatch = useAppDispatch();
  const focus = useAppSelector((s) => (s.ui.view === view ? s.ui.focus : undefined));

  useEffect(() => {
    if (!focus) return;
    clearFilters?.();
    const started = Date.now();
    let frame = 0;
    const find = () => {
      const el = selectors(focus)
        .map((sel) => document.querySelector<HTMLElement>(sel))
        .find((x) => x !== null);
      if (!el) {
        if (Date.now() - started < WAIT_MS) frame = window.requestAnimationFrame(find);
        else dispatch(focused({ view }));
        return;
      }
      // Handled: a later request for the same row counts again.
      dispatch(focused({ view }));
      const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
      if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
      el.focus({ preventScroll: true });
      // The light outlives this request (clearing the request re-runs the effect).
      el.classList.add('is-focus-target');
      window.setTimeout(() => el.classList.remove('is-focus-target'), FOCUS_HIGHLIGHT_MS);
    };
    frame = window.requestAnimationFrame(find);
    return () => window.cancelAnimationFrame(frame);
    // The selector and the filter reset are the screen's; a new request is what runs this again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, view, dispatch]);
}

/** A CSS attribute selector for a value that arrived as data. */
export const byAttr = (name: string, value: string): string => `[${name}="${CSS.escape(value)}"]`;
