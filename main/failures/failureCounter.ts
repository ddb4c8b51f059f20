// How main answers a failure of the page (a crashed or hung renderer, a lost GPU process): reload
// it, unless it failed that often lately that reloading again would only loop — then ask the person.
export type Recovery = 'reload' | 'dialog';

export interface FailureCounter {
  /** Counts one failure now and says what to do about it. */
  record(): Recovery;
  /** Failures within the window, now. */
  recent(): number;
  reset(): void;
}

export const FAILURE_LIMIT = 3;
export const FAILURE_WINDOW_MS = 10 * 60_000;

export function createFailureCounter(
  now: () => number,
  limit = FAILURE_LIMIT,
  windowMs = FAILURE_WINDOW_MS,
): FailureCounter {
  let times: number[] = [];
  const prune = () => {
    const since = now() - windowMs;
    times = times.filter((t) => t > since);
  };
  return {
    record() {
      prune();
      times.push(now());
      return times.length >= limit ? 'dialog' : 'reload';
    },
    recent() {
      prune();
      return times.length;
    },
    reset() {
      times = [];
    },
  };
}
