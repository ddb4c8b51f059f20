// A CSS media query as React state: reduced motion for the tweens, the system's colour scheme for
// the charts when the theme follows the system.
import { useCallback, useMemo, useSyncExternalStore } from 'react';

const mediaQuery = (query: string): MediaQueryList | undefined =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined;

export function useMediaQuery(query: string): boolean {
  // One MediaQueryList per query: it follows the media by itself, so reading `matches` on every
  // render is cheap where asking matchMedia() again is not.
  const mql = useMemo(() => mediaQuery(query), [query]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      mql?.addEventListener('change', onChange);
      return () => mql?.removeEventListener('change', onChange);
    },
    [mql],
  );
  return useSyncExternalStore(
    subscribe,
    () => mql?.matches ?? false,
    () => false,
  );
}

export const usePrefersReducedMotion = () => useMediaQuery('(prefers-reduced-motion: reduce)');
