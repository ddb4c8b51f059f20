// Online/offline as the OS sees it (polled: main has no event for it), and waking from sleep. The
// poll is a cheap in-process read, often enough that going offline is shown within a second.
import type * as E from 'electron';
import type { NetworkStatus } from '../core';

export const NETWORK_POLL_MS = 500;

export function electronNetwork(electron: {
  net: Pick<E.Net, 'isOnline'>;
  powerMonitor: Pick<E.PowerMonitor, 'on' | 'removeListener'>;
}): NetworkStatus & { stop(): void } {
  const listeners = new Set<(online: boolean) => void>();
  const resumeListeners = new Set<() => void>();
  let last = electron.net.isOnline();
  const timer = setInterval(() => {
    const now = electron.net.isOnline();
    if (now === last) return;
    last = now;
    for (const cb of listeners) cb(now);
  }, NETWORK_POLL_MS);
  timer.unref();
  const onResume = () => resumeListeners.forEach((cb) => cb());
  electron.powerMonitor.on('resume', onResume);
  return {
    online: () => electron.net.isOnline(),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onResume(cb) {
      resumeListeners.add(cb);
      return () => resumeListeners.delete(cb);
    },
    stop() {
      clearInterval(timer);
      electron.powerMonitor.removeListener('resume', onResume);
    },
  };
}
