// Credentials for an authenticating proxy, kept in memory only (never written, never logged), and
// used both ways out: Chromium's requests ask through the app's `login` event, the socket's tunnel
// through its 407 callback. Integrated Windows authentication needs none of this: Chromium does it.
import type * as E from 'electron';
import type { OnProxyAuthCallback } from 'https-proxy-agent';
import type { Logger } from '../../core';
import type { ProxyRoute } from './proxyAgent';

export interface ProxyCredentials {
  username: string;
  password: string;
}

const key = (host: string, port: number) => `${host.toLowerCase()}:${port}`;

export function basicProxyHeader(c: ProxyCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

export function createProxyAuth(deps: {
  log: Logger;
  /** Asks the person (when a prompt exists); undefined: give up. */
  prompt?: (info: { host: string; port: number; realm?: string }) => Promise<ProxyCredentials | undefined>;
}) {
  const known = new Map<string, ProxyCredentials>();
  /** One question per proxy at a time: every request waiting on it gets the same answer. */
  const asking = new Map<string, Promise<ProxyCredentials | undefined>>();

  async function credentialsFor(host: string, port: number, realm?: string, retry = false) {
    const k = key(host, port);
    if (!retry && known.has(k)) return known.get(k);
    const inFlight = asking.get(k);
    if (inFlight) return inFlight;
    known.delete(k);
    const question = (deps.prompt?.({ host, port, realm }) ?? Promise.resolve(undefined)).then((given) => {
      if (given) known.set(k, given);
      else deps.log.warn({ proxy: k }, 'proxy asks for credentials and none were given');
      return given;
    });
    asking.set(k, question);
    try {
      return await question;
    } finally {
      asking.delete(k);
    }
  }

  return {
    set(host: string, port: number, credentials: ProxyCredentials) {
      known.set(key(host, port), credentials);
    },
    /** The app's `login` event: answers a proxy's challenge to Chromium's requests. */
    onLogin: (
      event: E.Event,
      _wc: E.WebContents | null,
      _details: E.AuthenticationResponseDetails,
      authInfo: E.AuthInfo,
      callback: (username?: string, password?: string) => void,
    ) => {
      if (!authInfo.isProxy) return; // a server's own challenge: not ours to answer
      event.preventDefault();
      void credentialsFor(authInfo.host, authInfo.port, authInfo.realm).then(
        (c) => (c ? callback(c.username, c.password) : callback()),
        () => callback(),
      );
    },
    /** The socket's tunnel got a 407 from `route`: the same credentials, as a header. */
    forSocket: (route: ProxyRoute): OnProxyAuthCallback | undefined => {
      if (route.kind !== 'http' && route.kind !== 'https') return undefined;
      let tries = 0;
      return async () => {
        const c = await credentialsFor(route.host, route.port, undefined, tries++ > 0);
        if (!c) throw new Error(`proxy ${route.host}:${route.port} requires authentication`);
        return { headers: { 'Proxy-Authorization': basicProxyHeader(c) } };
      };
    },
  };
}
