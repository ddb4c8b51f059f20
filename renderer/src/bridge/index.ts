// The renderer's only door to the outside: `window.live` from the preload when running in
// Electron, otherwise the browser host running the same core in the page.
import type { LiveBridge } from '../../../protocol';
import { createLiveHost } from '../../../core';
import {
  browserClock,
  browserHttp,
  browserNetwork,
  consoleLogger,
  socketIoFactory,
  webStorageStore,
} from './browserAdapters';
import { webDesktop } from './webDesktop';
import { webExports } from './webExports';

declare global {
  interface Window {
    live?: LiveBridge;
  }
}

let browserHost: LiveBridge | undefined;

export function getBridge(): LiveBridge {
  if (window.live) return window.live;
  if (browserHost) return browserHost;
  const host = createLiveHost({
    socketFactory: socketIoFactory,
    http: browserHttp,
    randomId: () => crypto.randomUUID(),
    store: webStorageStore(window.localStorage),
    secrets: webStorageStore(window.sessionStorage),
    clock: browserClock,
    network: browserNetwork,
    logger: consoleLogger,
    client: { app: 'web' },
  });
  browserHost = { ...host, ...webDesktop, ...webExports(host) };
  return browserHost;
}

/** True when the page runs in the browser host (web console), false inside Electron. */
export const isBrowserHost = (): boolean => window.live === undefined;
