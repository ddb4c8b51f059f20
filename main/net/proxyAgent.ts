// The socket's way out, as Chromium resolves it for the gateway's address (`session.resolveProxy`:
// system settings, PAC, WPAD): a CONNECT tunnel through an HTTP(S) proxy, a SOCKS proxy, or
// direct. TLS to the gateway inside the tunnel trusts the OS certificate store as well as Node's.
import type { Agent } from 'node:http';
import { HttpsProxyAgent, type OnProxyAuthCallback } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';

export type ProxyRoute =
  | { kind: 'direct' }
  | { kind: 'http' | 'https'; host: string; port: number }
  | { kind: 'socks4' | 'socks5'; host: string; port: number };

/**
 * The first usable entry of a Chromium proxy list ("PROXY a:3128; SOCKS5 b:1080; DIRECT").
 * Unknown or malformed entries are skipped; nothing usable means direct.
 */
export function parseProxyRules(rules: string): ProxyRoute {
  for (const entry of rules.split(';')) {
    const [scheme, hostPort] = entry.trim().split(/\s+/);
    const kind = scheme?.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct' };
    const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(hostPort ?? '');
    if (!m) continue;
    const host = (m[1] as string).replace(/^\[|\]$/g, '');
    const port = Number(m[2]);
    if (port < 1 || port > 65535) continue;
    if (kind === 'PROXY') return { kind: 'http', host, port };
    if (kind === 'HTTPS') return { kind: 'https', host, port };
    if (kind === 'SOCKS' || kind === 'SOCKS5') return { kind: 'socks5', host, port };
    if (kind === 'SOCKS4') return { kind: 'socks4', host, port };
  }
  return { kind: 'direct' };
}

export function routeUrl(route: Exclude<ProxyRoute, { kind: 'direct' }>): string {
  const host = route.host.includes(':') ? `[${route.host}]` : route.host;
  return `${route.kind}://${host}:${route.port}`;
}

/** The agent for a route (undefined: connect directly); `ca` is also the trust for an https proxy. */
export function agentFor(
  route: ProxyRoute,
  options: { ca?: string[]; onProxyAuth?: OnProxyAuthCallback } = {},
): Agent | undefined {
  if (route.kind === 'direct') return undefined;
  const tls = options.ca ? { ca: options.ca } : {};
  if (route.kind === 'http' || route.kind === 'https') {
    return new HttpsProxyAgent(routeUrl(route), { ...tls, keepAlive: false, onProxyAuth: options.onProxyAuth });
  }
  // The gateway's TLS inside a SOCKS tunnel takes its trust from the socket's own options.
  return new SocksProxyAgent(routeUrl(route));
}
