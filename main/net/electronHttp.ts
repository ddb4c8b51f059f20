// Core's HTTP port over Electron's `net.fetch`: Chromium's network stack, so the system proxy
// (PAC and WPAD included), its authentication (integrated on Windows, the app's login handler
// otherwise) and the OS certificate store apply to sign-in, token refresh and snapshots alike.
import type * as E from 'electron';
import type { HttpFetch } from '../../core';
import { requireSecureServer } from './secureServer';

export function electronHttp(net: Pick<E.Net, 'fetch'>): HttpFetch {
  return async (url, init) => {
    requireSecureServer(url);
    const res = await net.fetch(url, { method: init.method, headers: init.headers, body: init.body });
    return { status: res.status, json: () => res.json() as Promise<unknown> };
  };
}
