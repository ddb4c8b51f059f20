// Plain-Node adapters of core's ports: timers, network status, socket factory, logger.
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { io } from 'socket.io-client';
import { NAMESPACE } from '../../protocol';
import type { Clock, HttpFetch, Logger, NetworkStatus, SocketFactory } from '../../core';

export const nodeRandomId = (): string => randomUUID();

export const nodeHttp: HttpFetch = (url, init) => fetch(url, init);

export const nodeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Online when any interface other than loopback is up. */
function hasNetwork(): boolean {
  return Object.values(networkInterfaces())
    .flat()
    .some((i) => i !== undefined && !i.internal);
}

/** For tools and tests that talk to a gateway on loopback only. */
export const alwaysOnline: NetworkStatus = { online: () => true, onChange: () => () => undefined };

/** Polls the interfaces: Node has no network-change event. Electron's main uses its own. */
export function nodeNetwork(pollMs = 5000): NetworkStatus {
  return {
    online: hasNetwork,
    onChange(cb) {
      let last = hasNetwork();
      const timer = setInterval(() => {
        const now = hasNetwork();
        if (now !== last) cb((last = now));
      }, pollMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

export const socketIoFactory: SocketFactory = (url, options) =>
  io(new URL(NAMESPACE, url).href, {
    transports: options.transports,
    auth: options.auth,
    autoConnect: false,
    reconnection: false,
  });

export const consoleLogger = (level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger => {
  const order = ['debug', 'info', 'warn', 'error'];
  const at = (l: string) => (fields: Record<string, unknown>, msg: string) => {
    if (order.indexOf(l) >= order.indexOf(level)) console.error(JSON.stringify({ level: l, msg, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
