// One shared clock for every countdown on screen: a single timer, ticking while anything listens.
import { useSyncExternalStore } from 'react';

/** Countdowns show whole minutes; a tick every 15 s keeps them at most 15 s behind. */
export const TICK_MS = 15_000;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = () => now;

/** The current time in ms, refreshed every TICK_MS while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}
