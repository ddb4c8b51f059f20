// Browser adapters of core's ports: localStorage, navigator.onLine, the page's timers, the console.
import { io } from 'socket.io-client';
import { NAMESPACE } from '../../../protocol';
import type { Clock, HttpFetch, KeyValueStore, Logger, NetworkStatus, SocketFactory } from '../../../core';

const PREFIX = 'meschain-live:';

/** Settings and other durable state: localStorage. The session's refresh token: sessionStorage
 * (survives a reload, not the closing of the tab). */
export const webStorageStore = (storage: Storage): KeyValueStore => ({
  async get(key) {
    return storage.getItem(PREFIX + key) ?? undefined;
  },
  async set(key, value) {
    storage.setItem(PREFIX + key, value);
  },
  async delete(key) {
    storage.removeItem(PREFIX + key);
  },
});

export const browserHttp: HttpFetch = (url, init) => fetch(url, init);

export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (h) => window.clearTimeout(h as number),
};

export const browserNetwork: NetworkStatus = {
  online: () => navigator.onLine,
  onChange(cb) {
    const up = () => cb(true);
    const down = () => cb(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  },
};

export const consoleLogger: Logger = {
  debug: () => undefined,
  info: (fields, msg) => console.info(msg, fields),
  warn: (fields, msg) => console.warn(msg, fields),
  error: (fields, msg) => console.error(msg, fields),
};

export const socketIoFactory: SocketFactory = (url, options) =>
  io(new URL(NAMESPACE, url).href, {
    transports: options.transports,
    auth: options.auth,
    autoConnect: false,
    reconnection: false,
  });
