// The clock for texts that age ("3 sn önce", a countdown): re-renders every `intervalMs`.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    const timer = window.setInterval(tick, intervalMs);
    // Catch up at once when the interval changes (a countdown starts).
    const first = window.setTimeout(tick, 0);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [intervalMs, enabled]);
  return now;
}
