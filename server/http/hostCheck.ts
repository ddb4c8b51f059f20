// DNS rebinding: a page of another site whose name now points at the gateway talks to it as if it
// were its own origin. Its requests carry that other name in Host, so only the names the gateway
// is published under are answered: the hosts of LIVE_ALLOWED_ORIGINS, LIVE_HOST itself, and the
// loopback names while the gateway listens on loopback or runs the demo.
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The host name of a Host header, lowercased, without its port ([::1]:80 → [::1]). */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : undefined;
  }
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export interface HostPolicy {
  /** True when a request with this Host header may be answered. */
  allows(hostHeader: string | undefined): boolean;
}

export function hostPolicy(options: { allowedOrigins: readonly string[]; host: string; demo: boolean }): HostPolicy {
  if (options.allowedOrigins.includes('*')) return { allows: () => true };
  const names = new Set<string>();
  for (const origin of options.allowedOrigins) {
    try {
      names.add(new URL(origin).hostname.toLowerCase());
    } catch {
      // config validation already refused a malformed origin
    }
  }
  const listen = options.host.toLowerCase();
  if (!WILDCARDS.has(listen)) names.add(isIP(listen) === 6 ? `[${listen}]` : listen);
  const loopback = options.demo || isLoopbackName(listen) || listen === '::1';
  return {
    allows(header) {
      const name = hostName(header);
      if (name === undefined) return false;
      return names.has(name) || (loopback && isLoopbackName(name));
    },
  };
}
